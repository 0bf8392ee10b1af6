"""The archive format README shows a newsroom is one import_articles takes as it stands."""

import re
from io import StringIO

from django.core.management import call_command

from bulletin.stories.models import StoryPage
from tests.conftest import PROJECT_DIR


def test_the_readme_example_archive_imports(db, tmp_path):
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Archive import:**") :]
    example = re.search(r"```\n(.*?)```", section, re.S).group(1)
    archive = tmp_path / "example.jsonl"
    archive.write_text(example, encoding="utf-8")

    call_command("import_articles", str(archive), stdout=StringIO(), stderr=StringIO())

    stories = {story.title: story.specific for story in StoryPage.objects.all()}
    assert set(stories) == {"区政务服务中心延长办理时间", "矿山街道开展消防演练"}
    # 民生 is the line's category; 政务服务 its keywords find in the headline.
    assert sorted(topic.name for topic in stories["区政务服务中心延长办理时间"].topics.all()) == ["政务服务", "民生"]
    brief = stories["矿山街道开展消防演练"]
    assert brief.kind == "brief"
    assert [(b.person.name, b.role) for b in brief.ordered_bylines()] == [("王浩", "记者")]
