"""Every private API of a library we depend on, each behind one small function.

Wagtail, Django, treebeard, modelsearch and jieba do not promise to keep underscored names, so a
minor upgrade may rename or change them. Calling them only from here means an upgrade is checked
in one place: tests/upgrade/test_compat.py exercises each function against the installed
library and fails naming the call that changed. Public APIs used in unusual ways (the signals
the bulk importer sends in Wagtail's place) are here too, because they break the same way.
"""

from functools import lru_cache

from django.core.cache.backends.filebased import FileBasedCache
from django.db.models.signals import post_save

# --- treebeard (materialised-path tree under wagtail.models.Page) --------------------------


def last_child_position(last_child):
    """The position number of ``last_child`` among its siblings (treebeard's MP_Node)."""
    return last_child._get_lastpos_in_path()


def child_path(page_model, parent_path, depth, position):
    """The materialised path of the child at ``position`` under ``parent_path``, as add_child makes it."""
    return page_model._get_path(parent_path, depth, position)


# --- Django's ORM --------------------------------------------------------------------------


def insert_rows(model, objects, fields):
    """One multi-row INSERT of ``objects`` into ``model``'s own table; returns the new ids.

    QuerySet._batched_insert is what bulk_create runs per table; bulk_create itself refuses
    multi-table inheritance (Page → StoryPage → ArticlePage).
    """
    return model._base_manager.all()._batched_insert(objects, fields, batch_size=None)


def next_ids(model, count):
    """``count`` new primary keys of ``model`` from its table's sequence (PostgreSQL), in order.

    Rows COPYed in (copy_rows) do not return the ids INSERT would; taken first, they are the
    ones INSERT would have given, and the caller writes them with the rows.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return sorted(pk for (pk,) in cursor.fetchall())


def copy_rows(table, columns, rows):
    """Write ``rows`` (tuples of database values) into ``table`` with one COPY (PostgreSQL).

    psycopg 3's Cursor.copy, reached through Django's cursor wrapper: the rows stream to the
    server as data, not as statements each parsed and planned, and their values are not quoted
    into SQL in Python, as Django's client-side binding cursor does for every INSERT.
    """
    from django.db import connection

    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    # Past Django's wrapper, so its translation of psycopg's errors into django.db's is ours to ask for.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def mark_saved(instance, using):
    """Tell Django ``instance`` is now a stored row of database ``using`` (what save() sets)."""
    instance._state.adding = False
    instance._state.db = using


def cull_file_cache(cache):
    """Run FileBasedCache's own culling (Django calls _cull on every write; we call it less often)."""
    FileBasedCache._cull(cache)


def redis_client(cache):
    """The redis-py client of Django's RedisCache ``cache``, on the cache's own connection pool.

    RedisCache offers get/set/incr only; counting in hashes, pipelines (MULTI) and SET NX EX
    need the client itself, which Django keeps in RedisCache._cache (a RedisCacheClient) and
    hands out through its get_client(key, write). Taking it from there reuses the cache's
    connections and its URL and options rather than opening a second pool.
    """
    return cache._cache.get_client(None, write=True)


# --- Wagtail: what saving and publishing a page announce -----------------------------------


def announce_page_created(page):
    """The post_save that Page.save() sends for a new page, without its reference-index update.

    Bulk-inserted rows send no signal; the caller records the page's references itself from
    the page in memory instead of letting Wagtail's receiver reload it.
    """
    from wagtail.signal_handlers import disable_reference_index_auto_update  # needs the app registry

    with disable_reference_index_auto_update():
        post_save.send(
            sender=type(page), instance=page, created=True, update_fields=None, raw=False, using=page._state.db
        )


def add_references(pages):
    """The reference index rows of new pages, all in one INSERT, as Wagtail records them.

    Wagtail indexes a page when it is saved, and again when each of its child rows (bylines,
    topics) is saved after it: then it indexes the page the child's ParentalKey points to, so a
    child's references are recorded under that model's content type (StoryPage), the page's own
    under its class (ArticlePage). Here the same rows, less create_or_update_for_object()'s query
    for the rows a page already has (a new page has none).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from modelcluster.models import get_all_child_relations
    from wagtail.models import ReferenceIndex

    def content_type(model):
        return ContentType.objects.get_for_model(model, for_concrete_model=False)

    rows = []
    for page in pages:
        base_content_type = content_type(page._meta.get_parent_list()[-1])
        owners = {
            relation.get_accessor_name(): relation.field.related_model for relation in get_all_child_relations(page)
        }
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            relation, __, rest = model_path.partition(".")
            owner = owners[relation] if relation in owners and rest.startswith("item.") else type(page)
            rows.append(
                ReferenceIndex(
                    content_type=content_type(owner),
                    base_content_type=base_content_type,
                    object_id=page.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    # As Wagtail inserts them: a reference recorded meanwhile is not an error.
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=connection.features.supports_ignore_conflicts)


def announce_page_published(page, revision):
    """The signals Revision.publish() sends once a page is live."""
    from wagtail.signals import page_published, published

    page_published.send(sender=type(page), instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)


# --- modelsearch (the search backend under Wagtail's admin search) --------------------------


def set_search_score(results, obj, score):
    """Attach ``score`` to ``obj`` where the caller of .annotate_score(name) asked for it."""
    if results._score_field:
        setattr(obj, results._score_field, score)


# --- jieba ---------------------------------------------------------------------------------


def copy_dictionary(source, target):
    """Give jieba Tokenizer ``target`` the loaded dictionary of ``source`` without reloading it (0.7 s)."""
    target.FREQ, target.total, target.initialized = dict(source.FREQ), source.total, True


def caching_tokenizer(block_cache_size):
    """A new jieba Tokenizer that remembers the words of the last ``block_cache_size`` blocks it cut."""
    return _caching_tokenizer_class()(block_cache_size)


@lru_cache(maxsize=1)
def _caching_tokenizer_class():
    import jieba

    class CachingTokenizer(jieba.Tokenizer):
        """jieba's tokenizer, remembering the words of the last blocks it cut without HMM.

        jieba cuts a text block by block (runs of Han characters, letters and digits, split by
        its module-level ``re_han_default``; the rest one by one), each on its own, so the words
        of a text are those of its blocks; cut_for_search() adds the dictionary words inside
        each word cut(), so its words too are those of the blocks. The same text is segmented
        several times while a story is imported and indexed: its title and opening for related
        stories, the clauses that hold a topic's keyword (WholeWords), the whole text for
        search ranking. Remembering blocks does the work once. Only HMM=False is cached: it is
        all this project asks for.
        """

        def __init__(self, block_cache_size):
            super().__init__()
            self._cut_block = lru_cache(maxsize=block_cache_size)(self._cut_block_uncached)
            self._search_block = lru_cache(maxsize=block_cache_size)(self._search_block_uncached)

        def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
            if cut_all or HMM or use_paddle:
                return super().cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
            return self._blocks(sentence, self._cut_block)

        def cut_for_search(self, sentence, HMM=True):
            if HMM:
                return super().cut_for_search(sentence, HMM=HMM)
            return self._blocks(sentence, self._search_block)

        def add_word(self, *args, **kwargs):
            # A new word changes how blocks are cut (suggest_freq() cuts before it adds).
            super().add_word(*args, **kwargs)
            self._cut_block.cache_clear()
            self._search_block.cache_clear()

        @staticmethod
        def _blocks(sentence, words_of_block):
            for block in jieba.re_han_default.split(sentence):
                if block:
                    yield from words_of_block(block)

        def _cut_block_uncached(self, block):
            return tuple(super().cut(block, HMM=False))

        def _search_block_uncached(self, block):
            # jieba's cut_for_search() cuts with cut(), which finds the block's words cached.
            return tuple(super().cut_for_search(block, HMM=False))

    return CachingTokenizer
