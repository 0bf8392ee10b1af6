"""How contributions are counted (稿件统计): the one rule behind the admin report and the
``contribution_report`` command.

- A story counts when readers can see it (``StoryPage.objects.for_readers()``: published, not
  behind a password, not expired) and its date (发布日期) is in the range, both ends included.
- A story counts once for each key credited on it, however many times: a person named as 记者
  and as 摄影, or two 通讯员 of one unit, still make one story for that person or unit.
- Characters (字数) are the story's body text — ``plain_text()``, the text search indexes —
  without whitespace, as last published (kept in StoryCharacters). Every key credited on a
  story is counted the whole story's characters: correspondents are assessed per story, not
  per share of one.
- ``roles`` says, per role label, in how many of the key's stories it was credited in that role.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from wagtail.models import get_page_models

from bulletin.people.models import Role
from bulletin.stories.models import Byline, StoryPage

from .models import StoryCharacters


class Grouping:
    PERSON = "person"
    UNIT = "unit"
    ROLE = "role"

    choices = [(PERSON, "按人员"), (UNIT, "按单位"), (ROLE, "按角色")]
    values = [value for value, __ in choices]
    # What the key column holds, for table and spreadsheet headings.
    key_labels = {PERSON: "人员", UNIT: "单位", ROLE: "角色"}


NO_UNIT = "未填写单位"
ROLE_LABELS = [label for __, label in Role.choices]  # in the order print bylines name them


@dataclass
class Row:
    key: str
    stories: int = 0
    characters: int = 0
    roles: dict = field(default_factory=dict)  # role label -> stories

    def as_dict(self):
        return {"key": self.key, "stories": self.stories, "characters": self.characters, "roles": self.roles}

    def role_counts(self):
        """Stories per role label, one number for every role, for spreadsheet columns."""
        return [self.roles.get(label, 0) for label in ROLE_LABELS]

    def roles_text(self):
        return "、".join(f"{label} {count}" for label, count in self.roles.items())


def characters(text):
    """字数: every character that is not whitespace (str.split() knows the ideographic space)."""
    return sum(len(run) for run in text.split())


def contribution_rows(start, end, by):
    """Rows for the stories dated ``start``..``end`` (dates, either may be None for open-ended),
    grouped ``by`` a Grouping value, most stories first, then most characters, then by key."""
    stories = StoryPage.objects.for_readers()
    if start:
        stories = stories.filter(date__gte=start)
    if end:
        stories = stories.filter(date__lte=end)
    bylines = Byline.objects.filter(story__in=stories.values("pk")).values_list(
        "story_id", "role", "person_id", "person__name", "person__unit"
    )

    # (key, role) pairs per story: a set, so a key credited twice on one story counts it once.
    credits = {}
    names = {}  # person id -> the key shown for that person
    for story_id, role, person_id, name, unit in bylines:
        label = Role(role).label
        if by == Grouping.PERSON:
            key = person_id
            names[person_id] = (name, unit)
        elif by == Grouping.UNIT:
            key = unit or NO_UNIT
        else:
            key = label
        credits.setdefault(story_id, set()).add((key, label))

    lengths = story_characters(stories.filter(Exists(Byline.objects.filter(story=OuterRef("pk")))))

    rows = {}
    for story_id, pairs in credits.items():
        for key in {key for key, __ in pairs}:
            row = rows.setdefault(key, Row(key))
            row.stories += 1
            row.characters += lengths.get(story_id, 0)
        for key, label in pairs:
            rows[key].roles[label] = rows[key].roles.get(label, 0) + 1

    if by == Grouping.PERSON:
        label_people(rows, names)
    for row in rows.values():
        row.roles = {label: row.roles[label] for label in ROLE_LABELS if label in row.roles}
    return sorted(rows.values(), key=lambda row: (-row.stories, -row.characters, row.key))


def label_people(rows, names):
    """Key person rows by name; two people of the same name are told apart by their units."""
    taken = {}
    for name, __ in names.values():
        taken[name] = taken.get(name, 0) + 1
    for person_id, row in rows.items():
        name, unit = names[person_id]
        row.key = f"{name}（{unit or NO_UNIT}）" if taken[name] > 1 else name


def story_characters(stories):
    """{story id: 字数} for ``stories``, from StoryCharacters, counting those not counted since
    they were last published: one query for the known, one per story type for the rest."""
    current = StoryCharacters.objects.filter(story=OuterRef("pk"), published_at=OuterRef("last_published_at"))
    lengths = dict(
        StoryCharacters.objects.filter(story__in=stories.filter(Exists(current)).values("pk")).values_list(
            "story_id", "characters"
        )
    )
    counted = []
    for model in story_models():
        outdated = model.objects.filter(pk__in=stories.filter(~Exists(current)).values("pk"))
        # Only what plain_text() reads (the body), and when the story was last published.
        for story in outdated.only("body", "last_published_at").iterator(chunk_size=500):
            lengths[story.pk] = characters(story.plain_text())
            counted.append(
                StoryCharacters(story_id=story.pk, published_at=story.last_published_at, characters=lengths[story.pk])
            )
    StoryCharacters.objects.bulk_create(
        counted,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["story"],
        update_fields=["published_at", "characters"],
    )
    return lengths


def story_models():
    """The concrete story types (article, brief …): each keeps its body in its own table."""
    return [model for model in get_page_models() if issubclass(model, StoryPage) and model is not StoryPage]
