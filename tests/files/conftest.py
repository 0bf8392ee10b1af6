"""Uploaded files of every kind, in a MEDIA_ROOT of the test's own, and the site's URLconf as the
test settings build it or as production builds it (SERVE_MEDIA on)."""

import importlib
import io
import warnings
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from django.urls import clear_url_caches
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

PASSWORD = "kanbian-2023"


@pytest.fixture(params=["test settings", "SERVE_MEDIA on"])
def media_root(request, tmp_path):
    """MEDIA_ROOT in tmp_path, with bulletin.urls rebuilt for it: the media route is decided
    when the URLconf is imported, as it is when gunicorn starts."""
    import bulletin.urls

    overrides = {"MEDIA_ROOT": tmp_path / "media"}
    if request.param == "SERVE_MEDIA on":
        overrides["SERVE_MEDIA"] = True
    with override_settings(**overrides):
        rebuild(bulletin.urls)
        yield tmp_path / "media"
    rebuild(bulletin.urls)


def rebuild(urlconf):
    with warnings.catch_warnings():
        # Re-importing registers the module's path converter again, which is what we want here.
        warnings.filterwarnings("ignore", "Converter .* is already registered")
        importlib.reload(urlconf)
    clear_url_caches()


def restricted_collection(name, restriction_type, **fields):
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **fields
    )
    return collection, restriction


def document(title, filename, content, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name=filename),
        collection=collection or Collection.get_first_root_node(),
    )


@dataclass
class Files:
    public: object
    login_only: object
    password: object
    password_restriction: object
    editors_only: object
    editors: Group
    image: object
    rendition: object


@pytest.fixture
def files(media_root, db):
    login_collection, _ = restricted_collection("内部资料", BaseViewRestriction.LOGIN)
    password_collection, password_restriction = restricted_collection(
        "凭密码查看", BaseViewRestriction.PASSWORD, password=PASSWORD
    )
    editors = Group.objects.create(name="资料编辑")
    groups_collection, groups_restriction = restricted_collection("编辑部专用", BaseViewRestriction.GROUPS)
    groups_restriction.groups.add(editors)

    pixels = io.BytesIO()
    PillowImage.new("RGB", (64, 48), "red").save(pixels, "PNG")
    image = get_image_model().objects.create(title="会场照片", file=ImageFile(pixels, name="huichang.png"))
    return Files(
        public=document("公开通知", "gongkai-tongzhi.txt", b"public notice"),
        login_only=document("内部通报", "neibu-tongbao.txt", b"for staff only", login_collection),
        password=document("评审材料", "pingshen.txt", b"shared with the jury", password_collection),
        password_restriction=password_restriction,
        editors_only=document("采访线索", "xiansuo.txt", b"editors' leads", groups_collection),
        editors=editors,
        image=image,
        rendition=image.get_rendition("fill-32x24"),
    )
