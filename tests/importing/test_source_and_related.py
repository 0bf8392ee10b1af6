"""What the importers add for story pages: the 来源 moved out of an archive story's text, and
related stories worked out for everything an import publishes."""

import json
import re
from itertools import islice

import pytest

from bulletin.importing.dateline import split_dateline
from bulletin.related.models import RelatedStory
from bulletin.stories.models import ArticlePage, StoryPage


def jsonl(items):
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


@pytest.mark.parametrize(
    "body, source, rest",
    [
        (
            "央视网消息（新闻联播）：国务院新闻办公室今天举行发布会。",
            "央视网（新闻联播）",
            "国务院新闻办公室今天举行发布会。",
        ),
        ("&#xA9;央视网消息（新闻联播）：今天发布。", "央视网（新闻联播）", "今天发布。"),
        ("新华社消息：今天发布。\n第二段。", "新华社", "今天发布。\n第二段。"),
        # Not a dateline: a colon that belongs to the sentence, or nothing after it.
        ("国家林草局最新数据显示：森林覆盖率提高。", "", "国家林草局最新数据显示：森林覆盖率提高。"),
        ("央视网消息（新闻联播）：", "", "央视网消息（新闻联播）："),
        ("近日，区残联走访慰问残疾人家庭。", "", "近日，区残联走访慰问残疾人家庭。"),
    ],
)
def test_split_dateline(body, source, rest):
    assert split_dateline(body) == (source, rest)


def test_the_archive_importer_moves_the_dateline_into_the_source(db, run, write_file, client):
    archive = write_file(
        "archive.jsonl",
        jsonl(
            [
                {
                    "title": "发布会",
                    "body": "央视网消息（新闻联播）：国务院新闻办公室今天举行发布会。\n第二段。",
                    "date": "2023-11-20",
                },
                {
                    "title": "本报稿件",
                    "body": "近日，区残联走访慰问残疾人家庭。",
                    "date": "2023-11-21",
                    "kind": "brief",
                },
            ]
        ),
    )
    run("import_articles", archive)

    wire = ArticlePage.objects.get(title="发布会")
    assert wire.source == "央视网（新闻联播）"
    assert wire.body_paragraphs() == ["国务院新闻办公室今天举行发布会。", "第二段。"]
    html = client.get(wire.url).content.decode()
    assert "来源：央视网（新闻联播）" in html
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert description.startswith("国务院新闻办公室")
    assert "央视网消息" not in html

    own = StoryPage.objects.get(title="本报稿件")
    assert own.source == ""
    assert "来源" not in client.get(own.url).content.decode()


def test_an_import_works_out_related_stories_for_what_it_publishes(db, run, write_file, client):
    items = [
        {
            "title": f"助残服务第{n}站",
            "body": f"区残联助残服务走进第{n}个社区。",
            "date": f"2023-11-{n + 10}",
            "topics": ["助残"],
        }
        for n in range(1, 9)
    ] + [{"title": "防汛演练", "body": "区应急局组织防汛演练。", "date": "2023-11-25"}]
    run("import_articles", write_file("archive.jsonl", jsonl(items)))

    story = StoryPage.objects.get(title="助残服务第1站")
    stored = list(RelatedStory.objects.filter(story=story).values_list("related__title", flat=True))
    # Same topic and words: newest first; the story that shares neither is not among them.
    assert stored == [f"助残服务第{n}站" for n in range(8, 1, -1)]
    html = client.get(story.url).content.decode()
    shown = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert shown.count("<li>") == 5 and "助残服务第8站" in shown and "防汛演练" not in shown


def test_a_published_edition_gets_related_stories(db, run, seed_edition_path, client):
    run("import_edition", seed_edition_path, "--date", "2023-11-28", "--number", "1", "--publish")
    published = StoryPage.objects.live()
    assert RelatedStory.objects.filter(story__in=published).values("story").distinct().count() > published.count() // 2
    story = published.filter(topics__isnull=False).first()
    assert 'class="related"' in client.get(story.url).content.decode()


def test_drafts_get_no_related_stories_until_published(db, run, seed_edition_path):
    run("import_edition", seed_edition_path, "--date", "2023-11-28", "--number", "1")
    assert not RelatedStory.objects.exists()


def test_the_real_corpus_keeps_its_datelines_out_of_the_text(db, run, corpus_path, write_file):
    with corpus_path.open(encoding="utf-8") as corpus:
        sample = list(islice(corpus, 100))
    with_dateline = sum(1 for line in sample if json.loads(line)["body"].startswith("央视网消息"))
    run("import_articles", write_file("sample.jsonl", "".join(sample)))

    assert ArticlePage.objects.filter(source="央视网（新闻联播）").count() == with_dateline > 0
    assert not [p for p in ArticlePage.objects.all() if p.plain_text().startswith("央视网消息")]
