"""import_articles' deeper reading: kinds from the line or from the category rules, and topics
tagged by their keywords as whole words (as the edition importer tags them)."""

import json
from itertools import islice

import pytest
from django.core.management.base import CommandError

from bulletin.importing.models import CategoryKindRule
from bulletin.stories.models import ArticlePage, BriefPage, StoryPage, StoryTopic
from bulletin.topics.models import Topic


def jsonl(items):
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def item(title, body="正文。", **fields):
    return {"title": title, "body": body, "date": "2023-11-20", **fields}


def topics_of(title):
    story = StoryPage.objects.get(title=title)
    return dict(StoryTopic.objects.filter(content_object=story).values_list("tag__name", "added_by"))


class TestKinds:
    def test_the_starting_rules_make_briefs_of_news_in_brief(self, db, run, write_file):
        # The rules a fresh database starts with (data migration): 快讯 → 简讯, 通知公告 → 通知公告.
        assert dict(CategoryKindRule.objects.values_list("category_contains", "kind")) == {
            "快讯": "brief",
            "简讯": "brief",
            "通知公告": "notice",
        }
        archive = write_file(
            "a.jsonl",
            jsonl(
                [
                    item("国内一则", category="国内联播快讯"),
                    item("停电通知", category="通知公告"),
                    item("专题报道", category="民生"),
                    item("没有类别"),
                ]
            ),
        )
        run("import_articles", archive)
        assert BriefPage.objects.get(title="国内一则").kind == "brief"
        assert ArticlePage.objects.get(title="停电通知").kind == "notice"
        assert ArticlePage.objects.get(title="专题报道").kind == "article"
        assert ArticlePage.objects.get(title="没有类别").kind == "article"

    def test_the_kind_a_line_names_wins_over_the_rules(self, db, run, write_file):
        run("import_articles", write_file("a.jsonl", jsonl([item("长篇快讯", category="联播快讯", kind="article")])))
        assert ArticlePage.objects.get(title="长篇快讯").kind == "article"

    def test_rules_editors_change_apply_to_the_next_import(self, db, run, write_file):
        CategoryKindRule.objects.filter(category_contains="快讯").delete()
        CategoryKindRule.objects.create(category_contains="国际", kind="notice")
        CategoryKindRule.objects.create(category_contains="国际联播快讯", kind="brief")  # longer: more specific
        archive = write_file(
            "a.jsonl",
            jsonl(
                [
                    item("国内", category="国内联播快讯"),
                    item("国际", category="国际联播快讯"),
                    item("外事", category="国际交流"),
                ]
            ),
        )
        run("import_articles", archive)
        assert StoryPage.objects.get(title="国内").kind == "article"
        assert StoryPage.objects.get(title="国际").kind == "brief"
        assert StoryPage.objects.get(title="外事").kind == "notice"

    def test_an_unknown_kind_is_refused_by_line_in_chinese_and_nothing_is_written(self, db, run, write_file):
        archive = write_file("a.jsonl", jsonl([item("好的一条"), item("坏的一条", kind="快讯")]))
        with pytest.raises(CommandError, match="1 行有问题"):
            run("import_articles", archive)
        assert not StoryPage.objects.exists()

    def test_the_message_names_the_line_and_the_kinds(self, db, write_file):
        from io import StringIO

        from django.core.management import call_command

        stderr = StringIO()
        archive = write_file("a.jsonl", jsonl([item("好的一条"), item("坏的一条", kind="快讯")]))
        with pytest.raises(CommandError):
            call_command("import_articles", str(archive), stderr=stderr)
        assert (
            f'{archive}: 第 2 行：未知的稿件类型 "快讯"：kind 只能是 article（新闻）、brief（简讯）或 notice（通知公告）'
            in (stderr.getvalue())
        )


class TestKeywordTopics:
    def test_keywords_tag_whole_words_only(self, db, run, write_file):
        # 助残's keywords include 助残 and 残疾人 (the starting topics, data migration).
        archive = write_file(
            "a.jsonl",
            jsonl(
                [
                    item("志愿者帮助残疾人", body="社区志愿者上门帮助残疾人。"),
                    item("开展助残活动", body="街道开展助残志愿服务。"),
                    item("帮助残障老人", body="帮助残障老人过冬。"),
                ]
            ),
        )
        run("import_articles", archive)
        # 帮助残疾人: 残疾人 is a word there (a keyword of 助残), 助残 is not.
        assert topics_of("志愿者帮助残疾人") == {"助残": "keyword"}
        assert topics_of("开展助残活动") == {"助残": "keyword"}
        # 帮助残障: 助残 only as characters across two words; no keyword stands whole.
        assert "助残" not in topics_of("帮助残障老人")

    def test_a_keyword_across_words_matches_as_a_phrase(self, db, run, write_file):
        topic = Topic.objects.get(name="政务服务")
        assert "政务服务大厅" in topic.keyword_list()
        run("import_articles", write_file("a.jsonl", jsonl([item("大厅延时", body="区政务服务大厅周六照常办公。")])))
        assert topics_of("大厅延时") == {"政务服务": "keyword"}

    def test_topics_the_line_names_are_not_the_keywords(self, db, run, write_file):
        archive = write_file(
            "a.jsonl", jsonl([item("残疾人运动会", body="残疾人运动会开幕。", topics=["助残"], category="文体")])
        )
        run("import_articles", archive)
        # Named by the line: the editor's (kept by retag_topics), even where a keyword also matches.
        assert topics_of("残疾人运动会") == {"助残": "editor", "文体": "editor"}

    def test_keywords_editors_add_apply_to_the_next_import(self, db, run, write_file):
        Topic.objects.create(name="河长制", slug="hezhang", keywords="河长、巡河")
        run("import_articles", write_file("a.jsonl", jsonl([item("巡河", body="各级河长开展巡河。")])))
        assert topics_of("巡河") == {"河长制": "keyword"}

    def test_the_edition_importer_uses_the_same_whole_word_rule(self, db, run, write_file):
        edition = write_file(
            "edition.txt",
            "## 志愿者帮助残疾人出行\n\n社区志愿者帮助残疾人出行。\n\n(记者 王浩)\n\n"
            "## 街道开展助残日活动\n\n全国助残日当天，街道开展活动。\n\n(记者 王浩)\n",
        )
        run("import_edition", edition, "--date", "2023-11-28")
        assert topics_of("志愿者帮助残疾人出行") == {"助残": "keyword"}
        assert topics_of("街道开展助残日活动") == {"助残": "keyword"}


def test_the_corpus_news_in_brief_become_briefs(db, run, corpus_path, write_file):
    """The 5,142 items of the corpus' 联播快讯 roundups are briefs by the starting rules."""
    with corpus_path.open(encoding="utf-8") as corpus:
        lines = corpus.readlines()
    categories = [json.loads(line)["category"] for line in lines]
    kind_for = CategoryKindRule.kinds()
    kinds = [kind_for(category) for category in categories]
    assert sum(1 for category in categories if category and "联播快讯" in category) == 5142
    assert kinds.count("brief") == 5142
    assert all(kind == "brief" for category, kind in zip(categories, kinds) if category)
    assert all(kind is None for category, kind in zip(categories, kinds) if not category)

    # And through the command, on the first lines.
    sample = list(islice(lines, 300))
    run("import_articles", write_file("sample.jsonl", "".join(sample)))
    for line in sample:
        data = json.loads(line)
        story = StoryPage.objects.get(title=data["title"], date=data["date"])
        assert story.kind == ("brief" if data["category"] else "article"), data["title"]
    assert BriefPage.objects.count() == sum(1 for line in sample if json.loads(line)["category"]) > 0
