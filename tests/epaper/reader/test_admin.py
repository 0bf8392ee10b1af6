"""The region editor as editors use it: the form as the admin renders it, changed and posted back,
and what readers see afterwards (the page cache on, as in production)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.epaper.models import StoryRegion
from tests.newsroom import client_for
from tests.workflow.admin_forms import is_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    return client


def editor_url(page):
    return reverse("epaper_admin:regions", args=[page.pk])


def form_data(response):
    """The region editor's form as the browser would post it unchanged."""
    form = BeautifulSoup(response.content, "html.parser").find("form", attrs={"data-region-editor": True})
    data = {}
    for field in form.find_all("input"):
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[field["name"]] = "on"
        elif field.get("name"):
            data[field["name"]] = field.get("value", "")
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    return data


def row_of(data, region):
    """The formset prefix of ``region``'s row."""
    ids = (key for key, value in data.items() if key.endswith("-id") and value == str(region.pk))
    return next(ids).removesuffix("-id")


def test_the_edition_shows_its_pages_with_links_to_their_region_editors(editor_client, printed):
    response = editor_client.get(reverse("wagtailsnippets_editions_edition:inspect", args=[printed["edition"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "数字报版面" in html
    for page in (printed["first"], printed["second"]):
        assert f'href="{editor_url(page)}"' in html
    assert "编辑稿件区域（3 个）" in html


def test_the_edition_counts_the_regions_of_all_its_pages_in_one_query(editor_client, newsroom, printed):
    url = reverse("wagtailsnippets_editions_edition:inspect", args=[printed["edition"].pk])
    with CaptureQueriesContext(connection) as two_pages:
        editor_client.get(url)
    third = newsroom.printed_page(printed["edition"], 3, [(printed["loose"], (0.1, 0.1, 0.5, 0.5))])

    with CaptureQueriesContext(connection) as three_pages:
        html = editor_client.get(url).content.decode()

    assert len(three_pages) == len(two_pages)
    assert f'href="{editor_url(third)}"' in html
    assert "编辑稿件区域（3 个）" in html and "编辑稿件区域（1 个）" in html


def test_the_editor_shows_the_page_image_and_a_row_per_region(editor_client, printed):
    response = editor_client.get(editor_url(printed["first"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/media/epaper/7/1/page.png"' in html
    # The edition's other pages, by the name readers know them by.
    assert '<strong aria-current="page">第1版</strong>' in html
    assert f'<a href="{editor_url(printed["second"])}">第2版</a>' in html
    assert "region-editor.js" in html
    data = form_data(response)
    assert data["regions-TOTAL_FORMS"] == "4"  # three regions and a blank row for a new one
    assert data["regions-INITIAL_FORMS"] == "3"
    assert sorted(data[f"regions-{i}-story"] for i in range(3)) == sorted(
        str(printed[name].pk) for name in ("lead", "lead", "brief")
    )


def test_moving_a_region_marks_it_adjusted_and_readers_see_it_at_once(editor_client, reader, printed):
    before = reader.get("/editions/7/1/").content.decode()
    assert 'x="29.75" y="378.90"' in before  # the brief, where the importer put it
    assert reader.get("/editions/7/1/")["X-Page-Cache"] == "hit"

    response = editor_client.get(editor_url(printed["first"]))
    data = form_data(response)
    brief = StoryRegion.objects.get(story=printed["brief"])
    row = row_of(data, brief)
    data.update({f"{row}-x0": "0.1", f"{row}-y0": "0.7", f"{row}-x1": "0.4", f"{row}-y1": "0.9"})
    response = editor_client.post(editor_url(printed["first"]), data)
    assert response.status_code == 302

    brief.refresh_from_db()
    assert (brief.box, brief.adjusted) == ([0.1, 0.7, 0.4, 0.9], True)
    # The lead's regions were not touched: still the importer's.
    assert not StoryRegion.objects.filter(story=printed["lead"], adjusted=True).exists()
    after = reader.get("/editions/7/1/")
    assert after["X-Page-Cache"] == "miss"
    assert 'x="59.50" y="589.40" width="178.50" height="168.40"' in after.content.decode()


def test_drawing_a_region_for_a_story_that_was_not_found(editor_client, reader, printed):
    data = form_data(editor_client.get(editor_url(printed["second"])))
    data.update(
        {
            "regions-1-story": str(printed["loose"].pk),
            "regions-1-x0": "0.1",
            "regions-1-y0": "0.6",
            "regions-1-x1": "0.5",
            "regions-1-y1": "0.8",
        }
    )
    assert editor_client.post(editor_url(printed["second"]), data).status_code == 302
    region = StoryRegion.objects.get(story=printed["loose"])
    assert (region.page, region.box, region.adjusted) == (printed["second"], [0.1, 0.6, 0.5, 0.8], True)
    assert printed["loose"].url in reader.get("/editions/7/2/").content.decode()


def test_deleting_a_region(editor_client, reader, printed):
    data = form_data(editor_client.get(editor_url(printed["second"])))
    region = StoryRegion.objects.get(story=printed["inside"])
    data[f"{row_of(data, region)}-DELETE"] = "on"
    assert editor_client.post(editor_url(printed["second"]), data).status_code == 302
    assert not StoryRegion.objects.filter(pk=region.pk).exists()
    assert "政务大厅周末无休" not in reader.get("/editions/7/2/").content.decode()


def test_a_region_turned_inside_out_is_refused_with_a_message_and_nothing_saved(editor_client, printed):
    data = form_data(editor_client.get(editor_url(printed["second"])))
    region = StoryRegion.objects.get(story=printed["inside"])
    row = row_of(data, region)
    data.update({f"{row}-x0": "0.9", f"{row}-x1": "0.2", f"{row}-y1": "1.5"})
    response = editor_client.post(editor_url(printed["second"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有保存" in html and "右边须在左边的右侧。" in html
    assert "1" in html and "小于或等于" in html  # Django's own message for y1 > 1, in Chinese
    region.refresh_from_db()
    assert (region.box, region.adjusted) == ([0.1, 0.1, 0.9, 0.5], False)


def test_a_region_can_only_be_linked_to_a_story_of_the_edition(editor_client, newsroom, printed):
    elsewhere = newsroom.article("别期稿件", edition=newsroom.edition(99))
    data = form_data(editor_client.get(editor_url(printed["second"])))
    region = StoryRegion.objects.get(story=printed["inside"])
    data[f"{row_of(data, region)}-story"] = str(elsewhere.pk)
    response = editor_client.post(editor_url(printed["second"]), data)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    region.refresh_from_db()
    assert region.story_id == printed["inside"].pk


def test_reporters_may_not_edit_regions(reporter, printed):
    client = client_for(reporter)
    assert is_refused(client.get(editor_url(printed["first"])))
    assert is_refused(client.post(editor_url(printed["first"]), {}))


def test_the_chief_editor_may_edit_regions(chief, printed):
    chief = client_for(chief)
    assert chief.get(editor_url(printed["first"])).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, printed):
    response = client.get(editor_url(printed["first"]))
    assert response.status_code == 302 and "login" in response["Location"]
