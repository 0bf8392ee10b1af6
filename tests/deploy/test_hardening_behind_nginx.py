"""Private files and password guessing through real nginx (deploy/nginx-media.conf,
nginx-login.conf, nginx-proxy.conf) in front of tools/serve.sh with production settings, as
deploy/bulletin.env.example sets them up.

Files: nginx serves image renditions and the 数字报's page files itself, /media/ serves nothing else, and a private document
reaches only a reader the app lets have it, sent by nginx from its internal location
(X-Accel-Redirect). The app alone (SERVE_MEDIA on, as production defaults) serves no document or
original either. Logins: the lockout counts the address nginx saw, not one a client claims, and
nginx limits the rate of password forms.
"""

import http.client
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import PROJECT_DIR
from tests.deploy.serving import Browser, nginx_in_front, serve

FILES = """
import io, json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

root = Collection.get_first_root_node()
staff = root.add_child(name="内部资料")
CollectionViewRestriction.objects.create(collection=staff, restriction_type="login")
public = Document.objects.create(title="公开通知", file=ContentFile(b"public notice", name="gongkai.txt"), collection=root)
private = Document.objects.create(title="内部通报", file=ContentFile(b"for staff only", name="内部通报.txt"), collection=staff)
pixels = io.BytesIO()
PillowImage.new("RGB", (64, 48), "red").save(pixels, "PNG")
image = Image.objects.create(title="会场照片", file=ImageFile(pixels, name="huichang.png"))
rendition = image.get_rendition("fill-32x24")

reader = get_user_model().objects.create_user("reader", password=None)
get_user_model().objects.create_user("bianji", password="right-password-2023", is_superuser=True)
client = Client()
client.force_login(reader)
print(json.dumps({
    "public": [public.id, public.filename, public.file.name],
    "private": [private.id, private.filename, private.file.name],
    "original": image.file.name,
    "rendition": rendition.file.name,
    "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
}))
"""


@pytest.fixture(scope="module")
def media_dir():
    # Not under pytest's private tmp: nginx's workers (an unprivileged user) read the files.
    directory = Path(tempfile.mkdtemp(prefix="bulletin-media-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory, database_url, media_dir):
    tmp = tmp_path_factory.mktemp("serve")
    with serve(tmp, database_url, MEDIA_ROOT=str(media_dir / "media"), SENDFILE_URL="/internal-media") as site:
        yield site


@pytest.fixture(scope="module")
def files(site, media_dir):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", FILES],
        cwd=PROJECT_DIR,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    files = json.loads(result.stdout.strip().splitlines()[-1])
    for name in (files["public"][2], files["private"][2], files["original"], files["rendition"]):
        path = media_dir / "media" / name
        assert path.is_file(), path  # so a 404 below is the rule, not a missing file
        path.chmod(0o644)
        for parent in path.relative_to(media_dir).parents:
            (media_dir / parent).chmod(0o755)
    return files


@pytest.fixture(scope="module")
def nginx(site, media_dir, tmp_path_factory):
    # deploy/nginx-media.conf as shipped, with MEDIA_ROOT's path where it names /srv/bulletin/var/media.
    media_conf = (PROJECT_DIR / "deploy" / "nginx-media.conf").read_text()
    assert media_conf.count("/srv/bulletin/var/media/") == 3
    adapted = tmp_path_factory.mktemp("nginx") / "nginx-media.conf"
    adapted.write_text(media_conf.replace("/srv/bulletin/var/media/", f"{media_dir}/media/"))
    adapted.parent.chmod(0o755)
    adapted.chmod(0o644)
    includes = [adapted, PROJECT_DIR / "deploy" / "nginx-login.conf", PROJECT_DIR / "deploy" / "nginx-proxy.conf"]
    zone = "limit_req_zone $binary_remote_addr zone=bulletin_login:1m rate=10r/m;  # as deploy/nginx.conf"
    with nginx_in_front(site, includes, http=zone) as front:
        yield front


def document_path(document, filename=None):
    document_id, name, _ = document
    return f"/documents/{document_id}/{quote(filename or name)}"


def test_nginx_serves_renditions_and_nothing_else_from_media(nginx, files, media_dir):
    status, _, body = nginx.get("/media/" + files["rendition"], https=False)
    assert status == 200
    assert body == (media_dir / "media" / files["rendition"]).read_bytes()

    for name in (files["public"][2], files["private"][2], files["original"]):
        assert nginx.get("/media/" + quote(name), https=False)[0] == 404, name
    assert nginx.get("/internal-media/" + quote(files["private"][2]), https=False)[0] == 404


def test_nginx_serves_the_printed_pages_from_media(nginx, media_dir):
    # A page image as bulletin.epaper writes it; readable by nginx's workers like the others.
    page = media_dir / "media" / "epaper" / "1" / "1" / "token-image.webp"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"RIFF page image")
    for path in (page, *page.relative_to(media_dir).parents):
        (media_dir / path).chmod(0o644 if path == page else 0o755)

    status, _, body = nginx.get("/media/epaper/1/1/token-image.webp", https=False)
    assert status == 200
    assert body == b"RIFF page image"
    assert nginx.get("/media/epaper/../documents/", https=False)[0] in (400, 404)


def test_nginx_sends_a_private_document_only_to_a_reader_the_app_lets_have_it(nginx, files):
    for path in (document_path(files["private"]), document_path(files["private"], "guess.txt")):
        status, headers, body = nginx.get(path, https=False)
        assert status == 302
        assert headers["Location"].startswith("/_util/login/")
        assert b"for staff only" not in body

    status, headers, body = nginx.get(
        document_path(files["private"]), https=False, Cookie=f"sessionid={files['session']}"
    )
    assert status == 200
    assert body == b"for staff only"
    assert "X-Accel-Redirect" not in headers
    assert "attachment" in headers["Content-Disposition"]
    assert (
        nginx.get(document_path(files["private"], "guess.txt"), https=False, Cookie=f"sessionid={files['session']}")[0]
        == 404
    )


def test_the_app_hands_a_permitted_document_to_nginx_instead_of_sending_it(site, files):
    # Headers only: the body is nginx's to send (Wagtail announces the file's length, sends none).
    connection = http.client.HTTPConnection(site.url.removeprefix("http://"), timeout=30)
    connection.request(
        "GET",
        document_path(files["private"]),
        headers={"X-Forwarded-Proto": "https", "Cookie": f"sessionid={files['session']}"},
    )
    response = connection.getresponse()
    connection.close()
    assert response.status == 200
    assert response.headers["X-Accel-Redirect"] == "/internal-media/" + quote(files["private"][2])

    assert site.get(document_path(files["private"]))[0] == 302
    assert "X-Accel-Redirect" not in site.get(document_path(files["private"]))[1]


def test_a_public_document_reaches_anyone_through_nginx(nginx, files):
    status, _, body = nginx.get(document_path(files["public"]), https=False)
    assert status == 200
    assert body == b"public notice"


def test_the_app_alone_serves_renditions_but_no_document_or_original(site, files, media_dir):
    status, _, body = site.get("/media/" + files["rendition"])
    assert status == 200
    assert body == (media_dir / "media" / files["rendition"]).read_bytes()
    for name in (files["public"][2], files["private"][2], files["original"]):
        for session in ("", f"sessionid={files['session']}"):
            assert site.get("/media/" + quote(name), Cookie=session)[0] == 404, name


def recorded_addresses(site):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "import json; from axes.models import AccessAttempt; print(json.dumps(list(AccessAttempt.objects.values_list('ip_address', flat=True))))",
        ],
        cwd=PROJECT_DIR,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_production_locks_an_account_out_per_address_nginx_reports(site, files):
    # Straight to gunicorn, as nginx would call it: X-Real-IP is the client's address.
    guesser = Browser(site, "https://" + site.url.removeprefix("http://"), **{"X-Real-IP": "198.51.100.7"})
    for _ in range(5):
        status, _ = guesser.login("bianji", "wrong-password")
    assert status == 429
    status, page = guesser.login("bianji", "right-password-2023")
    assert status == 429 and "尝试次数过多" in page

    editor = Browser(site, "https://" + site.url.removeprefix("http://"), **{"X-Real-IP": "203.0.113.20"})
    assert editor.login("bianji", "right-password-2023")[0] == 302
    assert "198.51.100.7" in recorded_addresses(site)


def test_through_nginx_a_client_cannot_choose_the_address_it_is_counted_under(site, nginx, files):
    spoofer = Browser(nginx, "https://127.0.0.1", **{"X-Real-IP": "192.0.2.99"})
    assert spoofer.login("reader", "wrong-password")[0] == 200

    addresses = recorded_addresses(site)
    assert "127.0.0.1" in addresses
    assert "192.0.2.99" not in addresses


def test_nginx_limits_the_rate_of_password_forms_per_address(nginx):
    # From an address of its own (all of 127.0.0.0/8 is this machine): the other tests' logins
    # came from 127.0.0.1 and have used up part of that address's burst.
    host, port = nginx.url.removeprefix("http://").split(":")

    def status_from_fresh_address(path):
        connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=("127.0.0.23", 0))
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        finally:
            connection.close()

    statuses = [status_from_fresh_address("/admin/login/") for _ in range(20)]

    # A burst of 10 goes through; then one request in 6 seconds: far fewer than 20 in this loop.
    assert statuses[:10] == [200] * 10
    assert statuses.count(429) >= 5
    assert status_from_fresh_address("/") == 200  # pages are not limited
