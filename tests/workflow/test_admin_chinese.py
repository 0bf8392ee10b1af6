"""The admin as each role uses it, in Simplified Chinese: dashboard, page explorer, page search,
record listings and their searches find Chinese text by any part of it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from bulletin.people.models import Person
from bulletin.workflow import roles
from search.models import Synonym
from tests.newsroom import Newsroom, client_for

from .admin_forms import add_url, brief_form, edit_url, form_of, is_refused

pytestmark = pytest.mark.django_db

ROLES = ["reporter", "editor", "chief"]


@pytest.fixture
def stories(reporter, other_reporter, story_index):
    return {
        "own_draft": Newsroom().brief(owner=reporter, title="区残联开展助残日活动", publish=False),
        "live": Newsroom().brief(owner=other_reporter, title="城管局整治占道经营", publish=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_page_explorer_lists_stories_in_chinese(role, request, stories, story_index):
    html = (
        client_for(request.getfixturevalue(role))
        .get(reverse("wagtailadmin_explore", args=[story_index.pk]))
        .content.decode()
    )

    assert "区残联开展助残日活动" in html and "城管局整治占道经营" in html
    assert "草稿" in html and "已发布" in html  # each story's status, in Chinese
    assert "更新日期" in html and "页面类型" in html  # the explorer's filters


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query, title", [("助残", "区残联开展助残日活动"), ("占道", "城管局整治占道经营")])
def test_page_search_finds_stories_by_part_of_a_chinese_title(role, query, title, request, stories):
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("wagtailadmin_pages:search_results"), {"q": query})

    assert response.status_code == 200
    assert title in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_record_listings_search_chinese_names(role, request):
    Person.objects.create(name="王明玥", unit="本报")
    Person.objects.create(name="崔惠霞", unit="新安路街道")
    client = client_for(request.getfixturevalue(role))

    html = client.get(reverse("wagtailsnippets_people_person:list"), {"q": "明玥"}).content.decode()

    assert "王明玥" in html and "崔惠霞" not in html
    assert "人员" in html


@pytest.mark.parametrize("role", ROLES)
def test_image_and_document_listings_search_part_of_a_chinese_title(role, request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Image.objects.create(title="区残联助残活动合影", file=get_test_image_file())
    Image.objects.create(title="城管整治现场", file=get_test_image_file())
    Document.objects.create(title="上街区城管局通知", file=SimpleUploadedFile("notice.txt", b"notice"))
    client = client_for(request.getfixturevalue(role))

    # The choosers: what every role uses when adding an image or a file to a story (a reporter's
    # own listings show only what they uploaded).
    images = client.get(reverse("wagtailimages_chooser:choose"), {"q": "残联"}).json()["html"]
    documents = client.get(reverse("wagtaildocs_chooser:choose"), {"q": "城管"}).json()["html"]

    assert "区残联助残活动合影" in images and "城管整治现场" not in images
    assert "上街区城管局通知" in documents


def test_a_reporter_sees_their_drafts_on_the_dashboard(reporter, stories, story_index):
    client = client_for(reporter)
    client.post(add_url(story_index), brief_form("社区开展义诊活动", slug="yizhen"))

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    recent_edits = html[html.index('id="recent-edits-section"') :]
    recent_edits = recent_edits[: recent_edits.index("</section>")]

    assert "最近编辑" in recent_edits
    assert "社区开展义诊活动" in recent_edits
    assert "城管局整治占道经营" not in recent_edits  # someone else's story is not "theirs"


def test_a_reporter_follows_a_submitted_story_on_the_dashboard(reporter, stories):
    client = client_for(reporter)
    story = stories["own_draft"]
    client.post(edit_url(story), {**form_of(story), "action-submit": "1"})

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "你在工作流中的页面和片段" in html  # the panel Wagtail's own catalogue leaves in English
    assert roles.REVIEW_TASK in html  # the review step it waits in
    assert "区残联开展助残日活动" in html

    editor_view = client.get(edit_url(story)).content.decode()
    assert "审核中，已锁定" in editor_view
    assert "此页面正在等待审核。" in editor_view


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_the_chief_editor_keeps_the_search_words(role, request, chief):
    url = reverse("wagtailsnippets_search_synonym:add")
    data = {"terms": "城管，城市管理", "note": ""}

    refused = client_for(request.getfixturevalue(role))
    assert is_refused(refused.get(url))
    refused.post(url, data)
    assert not Synonym.objects.exists()

    client_for(chief).post(url, data)
    assert Synonym.objects.count() == 1
