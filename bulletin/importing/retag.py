"""Re-applying the topics' keywords to every story, after editors changed them.

Keywords may add a topic to any story and take away only what keywords added
(StoryTopic.added_by): a topic an editor set, or an archive line named, stays. A story's
topics live in three places that must agree: its rows (what readers see and search), its
latest revision (what the editor's form opens, a draft included) and its live revision
(what a later publish restores). All three change together, in one transaction.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import ReferenceIndex, Revision

from bulletin.caching.invalidation import invalidate_now_and_on_commit
from bulletin.stories.models import StoryPage, StoryTopic
from search import indexing

from .pages import Topics

BATCH_SIZE = 500
KEYWORD = StoryTopic.AddedBy.KEYWORD


@dataclass
class Change:
    story: StoryPage
    added: list  # topics
    removed: list
    removed_rows: list  # the StoryTopic pks of ``removed``


@dataclass
class Retagging:
    stories: int = 0
    changes: list = field(default_factory=list)

    def totals(self):
        """(topic name, stories it is added to, stories it is taken from), by topic name."""
        added = Counter(topic.name for change in self.changes for topic in change.added)
        removed = Counter(topic.name for change in self.changes for topic in change.removed)
        return [(name, added[name], removed[name]) for name in sorted(added.keys() | removed.keys())]


def retag(dry_run=False):
    """Compare every story's topics with what the keywords say now; change them unless ``dry_run``."""
    result = Retagging()
    topics = Topics()
    by_pk = {topic.pk: topic for topic in topics.all}
    ids = list(StoryPage.objects.order_by("pk").values_list("pk", flat=True))
    with indexing.batched(), transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            current = {}  # story id → {topic id: (added_by, row pk)}
            rows = StoryTopic.objects.filter(content_object_id__in=chunk)
            for row, story_id, topic_id, added_by in rows.values_list("pk", "content_object_id", "tag_id", "added_by"):
                current.setdefault(story_id, {})[topic_id] = (added_by, row)
            for story in StoryPage.objects.filter(pk__in=chunk).order_by("pk").specific():
                result.stories += 1
                has = current.get(story.pk, {})
                wanted = {topic.pk for topic in topics.matching(story.keyword_text())}
                added = sorted(wanted - has.keys())
                removed = sorted(pk for pk, (source, _row) in has.items() if source == KEYWORD and pk not in wanted)
                if added or removed:
                    topics_added, topics_removed = [by_pk[pk] for pk in added], [by_pk[pk] for pk in removed]
                    change = Change(story, topics_added, topics_removed, [has[pk][1] for pk in removed])
                    result.changes.append(change)
        if not dry_run and result.changes:
            _apply(result.changes)
    return result


def _apply(changes):
    new_rows = StoryTopic.objects.bulk_create(
        StoryTopic(content_object_id=change.story.pk, tag=topic, added_by=KEYWORD)
        for change in changes
        for topic in change.added
    )
    removed_rows = [row for change in changes for row in change.removed_rows]
    # One DELETE for every BATCH_SIZE rows, not one per story (SQLite limits a query's parameters).
    for start in range(0, len(removed_rows), BATCH_SIZE):
        StoryTopic.objects.filter(pk__in=removed_rows[start : start + BATCH_SIZE]).delete()
    _patch_revisions(changes, new_rows)
    for change in changes:
        # The reference index lists the topics a story uses (the admin's "使用情况").
        ReferenceIndex.create_or_update_for_object(change.story)
    indexing.schedule([change.story.pk for change in changes])
    invalidate_now_and_on_commit()


def _patch_revisions(changes, new_rows):
    """The same additions and removals in each story's latest and live revision."""
    row_pks = {(row.content_object_id, row.tag_id): row.pk for row in new_rows}
    by_story = {change.story.pk: change for change in changes}
    revision_ids = {
        pk for change in changes for pk in (change.story.latest_revision_id, change.story.live_revision_id) if pk
    }
    revisions = list(Revision.objects.filter(pk__in=revision_ids))
    for revision in revisions:
        change = by_story[int(revision.object_id)]
        removed = {topic.pk for topic in change.removed}
        items = [
            item
            for item in revision.content.get("topic_items", [])
            # A revision saved before topics had a provenance has none: its row said keyword.
            if not (item.get("tag") in removed and item.get("added_by", KEYWORD) == KEYWORD)
        ]
        present = {item.get("tag") for item in items}
        items += [
            {
                "pk": row_pks[(change.story.pk, topic.pk)],
                "tag": topic.pk,
                "content_object": change.story.pk,
                "added_by": KEYWORD,
            }
            for topic in change.added
            if topic.pk not in present
        ]
        revision.content["topic_items"] = items
    Revision.objects.bulk_update(revisions, ["content"], batch_size=BATCH_SIZE)
