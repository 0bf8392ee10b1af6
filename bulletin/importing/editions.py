"""Writing a parsed print edition as story pages, through Wagtail's own page API.

An edition is a dozen or so stories, so each goes the way an editor's would: ``add_child``, a
revision, and, with ``publish``, that revision's publish (so the published signal fires and the
admin history reads as usual). A story is identified by its edition and print position, so
importing the same edition again adds nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from bulletin.editions.models import Edition
from bulletin.related.updating import deferred as related_deferred
from bulletin.stories.models import ArticlePage, StoryIndexPage
from search.indexing import batched

from .edition_parser import IN_ADMIN, ParseWarning
from .models import ImportedStory
from .pages import (
    ImportFailed,
    People,
    Slugs,
    Topics,
    add_with_wagtail,
    article_page,
    brief_page,
    fingerprint,
    tagged,
)


@dataclass
class EditionImport:
    edition: Edition
    created: list = field(default_factory=list)
    unchanged: int = 0
    warnings: list = field(default_factory=list)


def known_columns():
    """Column names editors have used: a heading read as one before is a column again."""
    return set(ArticlePage.objects.exclude(column="").values_list("column", flat=True).distinct())


def find_edition(date, number=None):
    """The edition to import into, unsaved if it is new.

    With a number, that edition (which must carry the date); without, the edition of that date,
    or a new one numbered after the latest.
    """
    if number is not None:
        edition = Edition.objects.filter(number=number).first()
        if edition is None:
            return Edition(number=number, date=date)
        if edition.date != date:
            raise ImportFailed(f"第 {number} 期的日期是 {edition.date:%Y-%m-%d}，不是 {date:%Y-%m-%d}")
        return edition
    same_day = list(Edition.objects.filter(date=date).order_by("number"))
    if len(same_day) > 1:
        numbers = "、".join(str(edition.number) for edition in same_day)
        raise ImportFailed(f"第 {numbers} 期都是 {date:%Y-%m-%d} 出版的：请用 --number 选定一期")
    if same_day:
        return same_day[0]
    latest = Edition.objects.aggregate(latest=Max("number"))["latest"] or 0
    return Edition(number=latest + 1, date=date)


def story_data(story, topics=None):
    """A parsed story as the JSON of ``import_edition --dry-run --json`` shows it."""
    data = {}
    if not story.is_brief:
        data["kind"] = story.kind
    data["title"] = story.title
    if not story.is_brief:
        data.update(subtitle=story.subtitle, column=story.column)
    data["bylines"] = [{"name": byline.name, "role": byline.role} for byline in story.bylines]
    if topics is not None and not story.is_brief:
        data["topics"] = [topic.name for topic in topics.matching(story.searchable_text())]
    data["body"] = story.body_text()
    return data


def edition_data(parsed, topics):
    return {
        "articles": [story_data(story, topics) for story in parsed.articles],
        "briefs": [story_data(story) for story in parsed.briefs],
        "warnings": [str(warning) for warning in parsed.warnings],
    }


def import_edition(parsed, edition, publish=False, print_pages=None):
    """Create the pages of ``parsed`` in ``edition``; all or nothing. ``print_pages`` maps a
    story's print order to its 版次 where the edition's PDF showed it (bulletin.epaper)."""
    result = EditionImport(edition)
    # batched() outside the transaction: stories are indexed once it has committed.
    with batched(), transaction.atomic(), related_deferred():
        if edition.pk is None:
            edition.save()
        index = StoryIndexPage.objects.get()
        slugs = Slugs(index)
        # A namesake bylined by guess is for an editor to check.
        people = People(lambda line, message: result.warnings.append(ParseWarning(line, message, check=True)))
        topics = Topics()
        keys = {order: f"edition/{edition.number}/{order}" for order in range(1, len(parsed.stories) + 1)}
        imported = ImportedStory.objects.select_related("story").in_bulk(keys.values(), field_name="source_key")
        for order, story in enumerate(parsed.stories, start=1):
            source_fingerprint = fingerprint(story_data(story))
            if record := imported.get(keys[order]):
                result.unchanged += 1
                result.warnings += _repeat_warnings(record, story, order, source_fingerprint, publish)
                continue
            page = story_page(story, edition, order, people, topics, (print_pages or {}).get(order, ""))
            page.slug = slugs.allocate(page.title)
            _add(index, page, publish, story)
            ImportedStory.objects.create(source_key=keys[order], story=page, fingerprint=source_fingerprint)
            result.created.append(page)
    return result


def _repeat_warnings(record, story, order, source_fingerprint, publish):
    """What editors should know about a story imported before: it is never overwritten."""
    warnings = []
    if record.fingerprint != source_fingerprint:
        warnings.append(
            ParseWarning(
                story.line,
                f"本期第 {order} 篇以前导入过，文件里的文字现在不一样了。导入不会覆盖编辑改过的稿件，"
                f"所以已导入的那篇保持不变；如需更新，请{IN_ADMIN}修改",
                check=True,
            )
        )
    if publish and not record.story.live:
        warnings.append(
            ParseWarning(
                story.line,
                f"本期第 {order} 篇以前作为草稿导入过，这次没有替编辑发布它。请{IN_ADMIN}，审核后发布",
                check=True,
            )
        )
    return warnings


def story_page(story, edition, order, people, topics, print_page=""):
    build = brief_page if story.is_brief else article_page
    fields = {"print_page": print_page}
    if not story.is_brief:
        fields.update(
            subtitle=story.subtitle,
            column=story.column,
            is_notice=story.is_notice,
            effective_date=story.effective_date,
            issuing_body=story.issuing_body,
        )
    return build(
        title=story.title,
        paragraphs=[(block.type, block.text) for block in story.blocks],
        date=edition.date,
        people=people,
        bylines=[(byline.name, byline.role) for byline in story.bylines],
        topics=tagged(named=(), matched=topics.matching(story.searchable_text())),
        where=story.line,
        edition=edition,
        edition_order=order,
        **fields,
    )


def _add(index, page, publish, story):
    try:
        add_with_wagtail(index, page, publish)
    except ValidationError as error:
        raise ImportFailed(f"第 {story.line} 行：{story.title[:40]} 无法保存（{'；'.join(error.messages)}）") from None
