"""import_articles through the real command: a small archive written here, and the real corpus."""

import json
from datetime import date
from io import StringIO
from itertools import islice

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page

from bulletin.importing.models import ImportedStory
from bulletin.people.models import Person
from bulletin.stories.models import ArticlePage, BriefPage, StoryPage
from bulletin.topics.models import Topic
from search.documents import StoryDocument

ITEMS = [
    {
        "title": "区残联为残疾人送温暖",
        "body": "近日，区残联走访慰问残疾人家庭。\n送去米面油等生活物资。",
        "date": "2023-11-20",
        "category": "民生速递",
        "topics": ["助残"],
        "bylines": [{"name": "冯佳雯", "role": "记者"}, {"name": "禹明月", "role": "通讯员"}],
    },
    {"title": "简讯一则", "body": "连日来，济源路街道开展专项行动。", "date": "2023-11-21", "kind": "brief"},
    {"title": "关于停水的通知", "body": "12月1日起，部分小区停水。", "date": "2023-11-22", "kind": "notice"},
    {"title": "<i>标题</i>里的标签", "body": "正文<b>不是</b>HTML。", "date": "2023-11-23"},
]


def jsonl(items):
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


@pytest.fixture
def archive(write_file):
    return write_file("archive.jsonl", jsonl(ITEMS))


class TestSmallArchive:
    def test_items_become_published_stories(self, db, run, archive, client):
        result = run("import_articles", archive)
        assert "新发布 4 篇稿件，0 篇以前已导入" in result.stdout
        assert "item/s" in result.stderr  # the progress bar
        assert StoryPage.objects.for_readers().count() == 4

        story = ArticlePage.objects.get(title="区残联为残疾人送温暖")
        assert story.kind == "article"
        assert story.date == date(2023, 11, 20)
        assert [block.value.source for block in story.body] == [
            "<p>近日，区残联走访慰问残疾人家庭。</p>",
            "<p>送去米面油等生活物资。</p>",
        ]
        assert [(b.person.name, b.role) for b in story.ordered_bylines()] == [("冯佳雯", "记者"), ("禹明月", "通讯员")]
        assert set(story.topics.values_list("name", flat=True)) == {"助残", "民生速递"}
        assert story.revisions.count() == 1
        assert story.live_revision_id == story.latest_revision_id
        # Published on its own date (midnight, newsroom time), last published now.
        assert timezone.localtime(story.first_published_at).date() == date(2023, 11, 20)
        assert story.last_published_at.date() == timezone.now().date()
        assert client.get(story.url).status_code == 200

        assert BriefPage.objects.get(title="简讯一则").body == "连日来，济源路街道开展专项行动。"
        notice = ArticlePage.objects.get(title="关于停水的通知")
        assert notice.is_notice and notice.kind == "notice"

    @pytest.mark.parametrize("draft", [False, True], ids=["published", "draft"])
    def test_search_documents_are_those_a_rebuild_makes(self, db, run, archive, draft):
        """The importer indexes each batch from its pages in memory; a rebuild reads them back."""
        from search import indexing
        from search.engines import embedded_engine
        from search.models import EditorSearchEntry, SearchDocument

        def indexed():
            documents = [StoryDocument.from_model(row) for row in SearchDocument.objects.select_related("text")]
            entries = list(EditorSearchEntry.objects.values_list("page_id", "text"))
            return sorted(documents, key=lambda d: d.page_id), sorted(entries)

        run("import_articles", archive, "--batch-size", "3", *(["--draft"] if draft else []))
        imported = indexed()
        assert len(imported[0 if not draft else 1]) == len(ITEMS)
        indexing.rebuild([embedded_engine()])
        assert indexed() == imported

    def test_category_becomes_a_topic_created_once(self, db, run, archive, write_file):
        assert not Topic.objects.filter(name="民生速递").exists()
        assert "第 1 行：新建了专题 民生速递" in run("import_articles", archive).stderr
        more = write_file(
            "more.jsonl", jsonl([{"title": "又一条", "body": "正文。", "date": "2023-11-24", "category": "民生速递"}])
        )
        result = run("import_articles", more)
        assert Topic.objects.filter(name="民生速递").count() == 1
        assert Topic.objects.get(name="民生速递").slug == "民生速递"
        assert Topic.objects.get(name="民生速递").tagged_stories.count() == 2
        assert "新建了专题" not in result.stderr

    def test_html_is_stored_as_text(self, db, run, archive, client):
        run("import_articles", archive)
        story = ArticlePage.objects.get(title="<i>标题</i>里的标签")
        assert story.body[0].value.source == "<p>正文&lt;b&gt;不是&lt;/b&gt;HTML。</p>"
        html = client.get(story.url).content.decode()
        assert "<i>标题</i>" not in html and "<b>不是</b>" not in html

    def test_second_run_adds_nothing(self, db, run, archive, database_counts):
        run("import_articles", archive)
        before = database_counts()
        result = run("import_articles", archive)
        assert database_counts() == before
        assert "新发布 0 篇稿件，4 篇以前已导入" in result.stdout

    def test_people_are_shared_with_editions(self, db, run, archive, seed_edition_path):
        run("import_edition", seed_edition_path, "--date", "2023-11-28")
        run("import_articles", archive)
        assert Person.objects.filter(name="冯佳雯").count() == 1
        assert Person.objects.get(name="冯佳雯").bylines.count() == 4

    def test_draft(self, db, run, archive, client):
        result = run("import_articles", archive, "--draft")
        assert "新存为草稿 4 篇稿件" in result.stdout
        assert not StoryPage.objects.for_readers().exists()
        for story in StoryPage.objects.specific():
            assert not story.live and story.has_unpublished_changes
            assert story.first_published_at is None and story.live_revision_id is None
            assert story.revisions.count() == 1 and story.latest_revision_id
        assert client.get(StoryPage.objects.first().url_path.removeprefix("/home")).status_code == 404

    def test_item_imported_before_with_other_topics_is_reported_not_changed(self, db, run, archive, write_file):
        run("import_articles", archive)
        retagged = write_file("retagged.jsonl", jsonl([{**ITEMS[0], "topics": ["城管"]}]))
        result = run("import_articles", retagged)
        assert "第 1 行：以前导入过，当时的类型、专题或署名与现在不同；已导入的稿件保持不变" in result.stderr
        story = ArticlePage.objects.get(title=ITEMS[0]["title"])
        assert set(story.topics.values_list("name", flat=True)) == {"助残", "民生速递"}

    def test_byte_order_mark_is_ignored(self, db, run, write_file):
        path = write_file("bom.jsonl", "\ufeff" + jsonl(ITEMS[1:2]))
        run("import_articles", path)
        assert StoryPage.objects.get().title == "简讯一则"

    def test_repeated_line_is_imported_once(self, db, run, write_file):
        path = write_file("twice.jsonl", jsonl([ITEMS[1], ITEMS[2], ITEMS[1]]))
        result = run("import_articles", path)
        assert StoryPage.objects.count() == 2
        assert "第 3 行：与第 1 行重复，只导入一次" in result.stderr


BAD_LINES = [
    ("{not json", "不是有效的 JSON"),
    (json.dumps({"body": "正文。", "date": "2023-01-01"}), "缺少标题（title）"),
    (json.dumps({"title": "标题", "date": "2023-01-01"}), "缺少正文（body）"),
    (json.dumps({"title": "标题", "body": "正文。"}), "缺少日期（date）"),
    (
        json.dumps({"title": "标题", "body": "正文。", "date": "2023-02-30"}),
        '日期 "2023-02-30" 不对，应写作 YYYY-MM-DD',
    ),
    (json.dumps({"title": "标题", "body": "正文。", "date": "2023-01-01", "kind": "poem"}), '未知的稿件类型 "poem"'),
    (
        json.dumps(
            {"title": "标题", "body": "正文。", "date": "2023-01-01", "bylines": [{"name": "王浩", "role": "编辑"}]}
        ),
        '未知的署名身份 "编辑"',
    ),
    (json.dumps(["a", "list"]), "每行应是一个 JSON 对象"),
]


class TestBadLines:
    @pytest.fixture
    def mixed(self, write_file):
        good = [json.dumps(item, ensure_ascii=False) for item in ITEMS]
        lines = [good[0], *(line for line, __ in BAD_LINES), good[1]]
        return write_file("mixed.jsonl", "\n".join(lines) + "\n")

    def test_every_bad_line_reported_by_number_and_nothing_written(self, db, run, mixed, database_counts):
        before = database_counts()
        with pytest.raises(CommandError, match=f"{len(BAD_LINES)} 行有问题，没有导入任何稿件"):
            run("import_articles", mixed)
        assert database_counts() == before

    def test_bad_lines_listed_on_stderr(self, db, mixed):
        stderr = StringIO()
        with pytest.raises(CommandError):
            call_command("import_articles", str(mixed), stderr=stderr)
        for number, (__, reason) in enumerate(BAD_LINES, start=2):
            assert f"{mixed}: 第 {number} 行：{reason}" in stderr.getvalue()

    def test_skip_invalid_imports_the_good_lines(self, db, run, mixed):
        result = run("import_articles", mixed, "--skip-invalid")
        assert StoryPage.objects.count() == 2
        assert f"新发布 2 篇稿件，0 篇以前已导入，跳过有问题的 {len(BAD_LINES)} 行" in result.stdout
        assert "第 2 行：不是有效的 JSON" in result.stderr

    def test_batches_hold_at_least_one_item(self, db, run, archive, database_counts):
        before = database_counts()
        for size in ("0", "-1"):
            with pytest.raises(CommandError, match=f"--batch-size: 最小是 1，{size} 太小"):
                run("import_articles", archive, "--batch-size", size)
        with pytest.raises(CommandError, match="--batch-size: 最小是 1，0 太小"):
            call_command("import_articles", str(archive), batch_size=0)
        assert database_counts() == before

    def test_empty_file(self, db, run, write_file):
        with pytest.raises(CommandError, match="没有可导入的稿件"):
            run("import_articles", write_file("empty.jsonl", "\n"))


def test_an_interrupted_import_leaves_nothing_and_a_rerun_imports_all(db, run, write_file, database_counts):
    items = [{"title": f"第{n}条", "body": f"第{n}条正文。", "date": "2023-01-01"} for n in range(1, 8)]
    path = write_file("archive.jsonl", jsonl(items))
    before = database_counts()

    def fail_on_fifth(sender, instance, **kwargs):
        if instance.title == "第5条":
            raise RuntimeError("interrupted")

    post_save.connect(fail_on_fifth, sender=ArticlePage)
    try:
        with pytest.raises(RuntimeError, match="interrupted"):
            run("import_articles", path, "--batch-size", "2")
    finally:
        post_save.disconnect(fail_on_fifth, sender=ArticlePage)
    # Batches [1, 2] and [3, 4] were written before [5, 6] failed: the one transaction took them back.
    assert database_counts() == before
    assert Page.find_problems() == ([], [], [], [], [])

    result = run("import_articles", path, "--batch-size", "2")
    assert "新发布 7 篇稿件，0 篇以前已导入" in result.stdout
    assert StoryPage.objects.count() == ImportedStory.objects.count() == 7
    assert Page.find_problems() == ([], [], [], [], [])


def test_first_lines_of_the_real_corpus(db, run, corpus_path, write_file, client, database_counts):
    with corpus_path.open(encoding="utf-8") as corpus:
        sample = list(islice(corpus, 200))
    path = write_file("sample.jsonl", "".join(sample))
    items = [json.loads(line) for line in sample]

    result = run("import_articles", path)
    assert "新发布 200 篇稿件" in result.stdout
    assert StoryPage.objects.for_readers().count() == 200
    assert Page.find_problems() == ([], [], [], [], [])
    slugs = list(StoryPage.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 200

    categories = {item["category"] for item in items if item["category"]}
    assert categories <= set(Topic.objects.values_list("name", flat=True))
    for item in items[:: len(items) // 5]:
        story = StoryPage.objects.get(title=item["title"], date=item["date"]).specific
        body, dateline = item["body"], "央视网消息（新闻联播）："
        # The wire dateline most of the corpus opens with is the story's 来源, not its text.
        if body.startswith(dateline):
            assert story.source == "央视网（新闻联播）"
            body = body.removeprefix(dateline)
        assert story.plain_text() == "\n".join(p.strip() for p in body.split("\n") if p.strip())
        assert client.get(story.url).status_code == 200

    before = database_counts()
    assert "新发布 0 篇稿件，200 篇以前已导入" in run("import_articles", path).stdout
    assert database_counts() == before
