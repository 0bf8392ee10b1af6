"""Pictures when stories have them: the lead image on the story page, thumbnails in lists and the
图片新闻 strip on the home page, as WebP in the sizes screens need (images made with Pillow)."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.site.test_pages import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(db, tmp_path, settings):
    """A 1600×900 photograph, large enough for every size the pages ask for."""
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (30, 90, 160)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="photo.jpg", description="志愿者为老人义诊", file=ImageFile(buffer, name="photo.jpg")
    )


def pictures(page):
    """Each <picture> on the page: its WebP source's widths and the <img> attributes."""
    found = []
    for source, img in re.findall(r"<picture>\s*(.*?)(<img[^>]*>)\s*</picture>", page, re.S):
        webp = re.search(r'<source[^>]+srcset="([^"]+)"[^>]+type="image/webp"', source) or re.search(
            r'<source[^>]+type="image/webp"[^>]+srcset="([^"]+)"', source
        )
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', img))
        widths = [int(w) for w in re.findall(r"\s(\d+)w", webp.group(1))] if webp else []
        urls = re.findall(r"(\S+)\s\d+w", webp.group(1)) if webp else []
        found.append({"webp_widths": widths, "webp_urls": urls, "img": attrs})
    return found


def image_format(url, media_root):
    with PILImage.open(Path(media_root) / url.removeprefix("/media/")) as image:
        return image.format, image.size


def test_the_story_page_shows_its_lead_image_in_webp_sizes_with_caption_and_credit(client, newsroom, photo, settings):
    story = newsroom.article(
        "有题图的稿件", lead_image=photo, lead_image_caption="居民接受义诊", lead_image_credit="新华社"
    )
    page = html(client, story.url)
    figure = page[page.index('<figure class="figure figure--lead">') :]
    figure = figure[: figure.index("</figure>")]
    (lead,) = pictures(figure)
    assert lead["webp_widths"] == [480, 800, 1200]
    assert [image_format(url, settings.MEDIA_ROOT) for url in lead["webp_urls"]] == [
        ("WEBP", (480, 270)),
        ("WEBP", (800, 450)),
        ("WEBP", (1200, 675)),
    ]
    img = lead["img"]
    assert img["alt"] == "志愿者为老人义诊" and img["width"] and img["height"]
    assert int(img["width"]) * 9 == int(img["height"]) * 16
    assert "loading" not in img  # at the top of the story: fetched at once
    assert "居民接受义诊" in figure and "图/新华社" in figure


def test_without_a_typed_credit_the_bylines_photographers_are_credited(client, newsroom, photo):
    story = newsroom.article(
        "摄影署名", lead_image=photo, bylines=[(newsroom.person("王明玥"), "记者"), (newsroom.person("王浩"), "摄影")]
    )
    figure = html(client, story.url).split('<figure class="figure figure--lead">')[1].split("</figure>")[0]
    assert re.search(r'<span class="credit">摄影 王浩</span>', figure)


def test_lists_show_lazy_webp_thumbnails(client, newsroom, photo, settings):
    newsroom.article("有图稿件", lead_image=photo)
    newsroom.article("无图稿件")
    page = html(client, "/news/")
    (thumbnail,) = pictures(page)
    assert thumbnail["webp_widths"] == [240, 480] and thumbnail["img"]["loading"] == "lazy"
    assert image_format(thumbnail["webp_urls"][0], settings.MEDIA_ROOT) == ("WEBP", (240, 135))


def test_the_home_page_has_a_strip_of_picture_stories(client, newsroom, photo):
    for n in range(8):
        newsroom.article(f"图片稿件{n}", lead_image=photo)
    newsroom.article("最新的无图稿件")
    newsroom.article("草稿有图", lead_image=photo, publish=False)
    page = html(client, "/")
    strip = page[page.index('id="photos-title"') :]
    strip = strip[: strip.index("</section>")]
    titles = re.findall(r'<span class="photo-strip__title">([^<]+)</span>', strip)
    assert titles == [f"图片稿件{n}" for n in range(7, 1, -1)]  # the newest six with a picture
    assert all(p["img"]["loading"] == "lazy" and p["webp_widths"] for p in pictures(strip))


def test_no_strip_without_pictures(client, newsroom):
    newsroom.article("无图稿件")
    assert "图片新闻" not in html(client, "/")
