"""Stories whose every reader-visible field carries markup, as a careless paste or a hostile
contributor might write it, plus an imported edition file that does the same.

Each payload is a tag no page of ours ever contains; a page that shows one unescaped would run
it in a reader's browser. Escaped, it shows up as text (``&lt;x-title``), which proves the field
is on the page at all.
"""

import datetime
import io

from django.core.management import call_command

from bulletin.editions.models import Edition
from bulletin.people.models import Person
from bulletin.topics.models import Topic
from tests.newsroom import Newsroom

DAY = datetime.date(2023, 11, 28)


def payload(field):
    """Markup that runs script if a page lets it through, named after the field it is put in."""
    return f'<x-{field} onmouseover="alert(1)">{field}</x-{field}>'


FIELDS = ["title", "subtitle", "column", "byline", "topic", "edition", "correction", "brief", "issuer", "imported"]
PAYLOADS = {field: payload(field) for field in FIELDS}
# What must never be in a page: the opening of any payload tag, unescaped.
RAW_TAGS = [f"<x-{field}" for field in FIELDS]

IMPORTED_EDITION = f"""
## 城管局开展整治{PAYLOADS["imported"]}

区城管局近日开展市容整治<script>alert("imported")</script>行动，清理占道经营30余处。

(记者 王浩)
"""


def build(tmp_dir):
    newsroom = Newsroom(story_date=DAY)
    person = Person.objects.create(name=PAYLOADS["byline"][:50], slug="hostile-person")
    topic = Topic.objects.create(name=PAYLOADS["topic"], slug="hostile-topic")
    edition = Edition.objects.create(number=7001, date=DAY, title=PAYLOADS["edition"])
    around = {
        "edition": edition,
        "bylines": [(person, "记者")],
        "topics": [topic],
        "corrections": [{"date": DAY, "text": f"更正{PAYLOADS['correction']}"}],
    }
    article = newsroom.notice(
        f"恶意标题{PAYLOADS['title']}",
        "正文里没有标记。",
        slug="hostile-article",
        subtitle=PAYLOADS["subtitle"],
        column=PAYLOADS["column"],
        issuing_body=PAYLOADS["issuer"],
        **around,
    )
    brief = newsroom.brief("恶意简讯", f"简讯正文{PAYLOADS['brief']}", slug="hostile-brief", **around)

    edition_file = tmp_dir / "hostile-edition.txt"
    edition_file.write_text(IMPORTED_EDITION, encoding="utf-8")
    call_command(
        "import_edition",
        str(edition_file),
        date=DAY + datetime.timedelta(days=1),
        number=7002,
        publish=True,
        stdout=io.StringIO(),
    )
    return {"article": article, "brief": brief, "person": person, "topic": topic, "edition": edition}
