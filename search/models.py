"""What search owns: the reader index rows, the editors' search index, synonyms and local names.

The full-text structures themselves (an FTS5 table on SQLite, tsvector rows on PostgreSQL) are
created by migration 0002 for the database in use and written by search.engines.embedded; the
models here hold everything else, in plain columns any database can filter and group.
"""

import re

from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce
from wagtail.admin.panels import FieldPanel

from bulletin.stories.models import Kind


class SearchDocument(models.Model):
    """One live, public story as readers search it: what results are filtered, counted and sorted by.

    A row exists exactly while the story is live and visible to the public (no view
    restriction on it or above it); expiry is checked at query time, as in for_readers().
    Only small columns live here: a query matching forty thousand stories reads forty
    thousand of these rows, and none of their text (SearchDocumentText).
    """

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    date = models.DateField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    month = models.PositiveSmallIntegerField()
    edition = models.PositiveIntegerField(null=True, blank=True, db_index=True, help_text="期号")
    expire_at = models.DateTimeField(null=True, blank=True)
    # What the topic and person facets count and filter by, here with the other facets' columns,
    # so that a search never joins the stories' topics and bylines: ["slug"] and ["slug:role"].
    topics = models.JSONField("专题", default=list)
    people = models.JSONField("人员", default=list)

    class Meta:
        verbose_name = "搜索文档"
        verbose_name_plural = "搜索文档"

    def __str__(self):
        return str(self.page_id)


class SearchDocumentText(models.Model):
    """The text a search document was indexed from, plain: snippets and highlights come from
    the same text the match was made in. Topics and bylines as results list them."""

    document = models.OneToOneField(SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="text")
    title = models.CharField(max_length=255)
    subtitle = models.CharField(max_length=255, blank=True)
    body = models.TextField(blank=True)
    # Bylines, topics, column, issuing body: searchable, weighted between subtitle and body.
    meta = models.TextField(blank=True)
    topics = models.JSONField(default=list)  # [{"slug", "name"}]
    bylines = models.JSONField(default=list)  # [{"slug", "name", "role"}]

    class Meta:
        verbose_name = "搜索文档正文"
        verbose_name_plural = "搜索文档正文"

    def __str__(self):
        return self.title


class EditorSearchEntry(models.Model):
    """A story as editors find it in the admin: its latest draft and its live version, as text.

    Readers never search these; they include unpublished and private stories.
    """

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    class Meta:
        verbose_name = "编辑检索条目"
        verbose_name_plural = "编辑检索条目"


class ElasticsearchBacklog(models.Model):
    """Stories whose change Elasticsearch has not taken yet: shared by every app server.

    A change records its stories here in its own transaction and sends them on commit, which
    empties their rows; what Elasticsearch could not take (it was down) stays until the
    background drain (search.indexing.drain_elasticsearch_backlog) sends it.
    """

    page_id = models.BigIntegerField(primary_key=True)
    queued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "待同步到 Elasticsearch 的稿件"
        verbose_name_plural = "待同步到 Elasticsearch 的稿件"


class Synonym(models.Model):
    """Words readers use interchangeably (城管 ↔ 城市管理): searching one finds the others."""

    terms = models.CharField(
        "同义词",
        max_length=255,
        unique=True,
        help_text="互为同义的词，用逗号、顿号或空格分开，例如：城管，城市管理",
    )
    note = models.CharField("备注", max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["terms"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self):
        from .text import normalize

        words = (" ".join(normalize(w).split()) for w in _split_words(self.terms))
        return [w for w in dict.fromkeys(words) if w]

    @classmethod
    def table(cls):
        """Each term mapped to the other terms of its groups."""
        alternatives = {}
        for group in cls.objects.all():
            terms = group.term_list()
            for term in terms:
                alternatives.setdefault(term, [])
                alternatives[term].extend(t for t in terms if t != term and t not in alternatives[term])
        return alternatives


class LocalName(models.Model):
    """A local name jieba should keep whole: a street, a community, a unit (区残联, 城管局).

    Used for ranking: a story that has the name as a word ranks above one where its
    characters merely meet. Matching never depends on it.
    """

    class Category(models.TextChoices):
        STREET = "街道", "街道/镇"
        COMMUNITY = "社区", "社区/村"
        UNIT = "单位", "单位/机构"
        PLACE = "地名", "地名/道路"
        PERSON = "人名", "人名"
        OTHER = "其他", "其他"

    word = models.CharField("词语", max_length=50, unique=True)
    category = models.CharField("类别", max_length=4, choices=Category.choices, default=Category.OTHER)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("word"), FieldPanel("category")]

    class Meta:
        verbose_name = "本地词语"
        verbose_name_plural = "本地词典"
        ordering = ["word"]

    def __str__(self):
        return self.word

    @classmethod
    def dictionary_version(cls):
        """Changes whenever a word is added, edited or removed; segmenters reload on a change."""
        return tuple(cls.objects.aggregate(n=Count("pk"), last=Max("updated_at")).values())


def _split_words(text):
    return re.split(r"[,，、;；/\s]+", text)


class ReaderSearchQuerySet(models.QuerySet):
    def between(self, first=None, last=None):
        """The days from ``first`` to ``last``, both included; either None leaves that end open."""
        rows = self.filter(day__gte=first) if first else self
        return rows.filter(day__lte=last) if last else rows

    def by_query(self):
        """One row per (query, filters): how often it was searched, how often it found nothing.

        Most searched first; rows are dicts (query, filters, total, unanswered, last_day).
        """
        return (
            self.values("query", "filters")
            .annotate(
                total=Sum("searches"),
                unanswered=Coalesce(Sum("searches", filter=Q(results=0)), 0),
                last_day=Max("day"),
            )
            .order_by("-total", "query", "filters")
        )

    def unanswered(self):
        """by_query() of the searches that found nothing, most frequent first."""
        return self.filter(results=0).by_query()


class ReaderSearch(models.Model):
    """How often readers searched for a query with some filters on one day, and what it found.

    Nothing about who searched: no user, no address, no time of day. One row per (day, query,
    filters), counted up by each search (search.querylog), so the table grows with the distinct
    queries, not with the traffic, and every app server counts into the same rows.
    """

    day = models.DateField("日期")
    query = models.CharField("搜索词", max_length=100)
    # The filters as the search URL gives them, canonical ("kind=brief&topic=助残"); "" for none.
    filters = models.CharField("筛选条件", max_length=255, blank=True)
    searches = models.PositiveIntegerField("搜索次数", default=1)
    results = models.PositiveIntegerField("结果数", help_text="当天最近一次搜索找到的稿件数")

    objects = ReaderSearchQuerySet.as_manager()

    class Meta:
        verbose_name = "读者搜索"
        verbose_name_plural = "读者搜索"
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "filters"], name="reader_search_per_day"),
        ]
        indexes = [models.Index(fields=["day", "results"], name="reader_search_day")]

    def __str__(self):
        return f"{self.day} {self.query}"
