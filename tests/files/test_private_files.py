"""Every URL an uploaded file can be reached by, anonymous and logged in, under the test settings
and with SERVE_MEDIA on as production has it (the media_root fixture runs each test both ways).

Only image renditions and the 数字报's page files are public files; documents go through Wagtail's document view, which
checks the collection's view restrictions before it even looks at the filename.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def document_url(doc, filename=None):
    return f"/documents/{doc.id}/{filename or doc.filename}"


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_user("xiaowang", password="not-used-here-9")


@pytest.fixture(params=["anonymous", "logged in", "superuser"])
def anyone(request, client, django_user_model):
    if request.param == "logged in":
        client.force_login(django_user_model.objects.create_user("reader", password="not-used-here-9"))
    elif request.param == "superuser":
        client.force_login(django_user_model.objects.create_superuser("chief", password="not-used-here-9"))
    return client


def test_no_document_and_no_image_original_is_served_from_media(anyone, files, media_root):
    stored = [files.public, files.login_only, files.password, files.editors_only, files.image]
    for item in stored:
        assert (media_root / item.file.name).is_file()  # so a 404 below is the rule, not a missing file
        assert anyone.get(settings.MEDIA_URL + item.file.name).status_code == 404, item.file.name
    assert files.image.file.name.startswith("original_images/")


@pytest.mark.parametrize(
    "climb",
    [
        "epaper/../documents/{name}",
        "epaper/%2e%2e/documents/{name}",
        "epaper/..%2fdocuments/{name}",
        "images/../documents/{name}",
        "images/%2e%2e/documents/{name}",
        "images/..%2fdocuments/{name}",
        "images//../documents/{name}",
    ],
)
def test_no_path_climbs_from_renditions_to_documents(anyone, files, climb):
    path = settings.MEDIA_URL + climb.format(name=files.login_only.file.name.removeprefix("documents/"))
    assert anyone.get(path).status_code in (400, 404)


def test_renditions_are_public_files_where_django_serves_media(anyone, files, media_root):
    response = anyone.get(files.rendition.url)
    if settings.SERVE_MEDIA:
        assert response.status_code == 200
        assert body(response) == (media_root / files.rendition.file.name).read_bytes()
    else:
        assert response.status_code == 404  # nginx serves them (deploy/nginx-media.conf)


def test_printed_pages_are_public_files_where_django_serves_media(anyone, media_root):
    page = media_root / "epaper" / "1" / "1" / "token-image.webp"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"RIFF page image")
    response = anyone.get(settings.MEDIA_URL + "epaper/1/1/token-image.webp")
    if settings.SERVE_MEDIA:
        assert response.status_code == 200
        assert body(response) == b"RIFF page image"
    else:
        assert response.status_code == 404  # nginx serves them (deploy/nginx-media.conf)


def test_a_public_document_is_served_by_its_url_only(anyone, files):
    response = anyone.get(files.public.url)
    assert response.status_code == 200
    assert body(response) == b"public notice"
    assert anyone.get(document_url(files.public, "other.txt")).status_code == 404


def test_a_private_document_answers_a_guesser_the_same_for_any_filename(client, files):
    for doc in (files.login_only, files.editors_only):
        right = client.get(document_url(doc))
        wrong = client.get(document_url(doc, "guess.txt"))
        assert right.status_code == wrong.status_code == 302
        assert urlsplit(right["Location"]).path == urlsplit(wrong["Location"]).path == reverse("wagtailcore_login")
        assert b"for staff only" not in body(right) + body(wrong)


def test_a_document_for_logged_in_users_is_theirs_and_only_by_its_name(client, files, staff_member):
    client.force_login(staff_member)

    response = client.get(document_url(files.login_only))
    assert response.status_code == 200
    assert body(response) == b"for staff only"
    assert client.get(document_url(files.login_only, "guess.txt")).status_code == 404


def test_a_document_for_a_group_is_refused_to_other_logged_in_users(client, files, staff_member):
    client.force_login(staff_member)
    response = client.get(document_url(files.editors_only))
    assert response.status_code == 302
    assert b"editors' leads" not in body(response)

    staff_member.groups.add(files.editors)
    response = client.get(document_url(files.editors_only))
    assert response.status_code == 200
    assert body(response) == b"editors' leads"


def test_a_password_document_asks_for_the_password_whatever_the_filename(client, files):
    right = client.get(document_url(files.password))
    wrong = client.get(document_url(files.password, "guess.txt"))
    for response in (right, wrong):
        assert response.status_code == 200
        assert b"shared with the jury" not in body(response)
        assert f"/documents/authenticate_with_password/{files.password_restriction.id}/" in response.content.decode()

    passed = client.post(
        f"/documents/authenticate_with_password/{files.password_restriction.id}/",
        {"password": PASSWORD, "return_url": document_url(files.password)},
    )
    assert passed.status_code == 302
    response = client.get(passed["Location"])
    assert response.status_code == 200
    assert body(response) == b"shared with the jury"
    assert client.get(document_url(files.password, "guess.txt")).status_code == 404
