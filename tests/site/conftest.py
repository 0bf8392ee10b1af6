"""Fixtures for the reader site: ``newsroom`` (tests/newsroom.py) builds its content."""

import pytest

from tests.newsroom import Newsroom


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests check what the views render and query; the page cache has its own tests."""
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def newsroom(db):
    return Newsroom()


@pytest.fixture
def image(db, tmp_path, settings):
    """A small JPEG uploaded as a Wagtail image, described for screen readers."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (164, 22, 26)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="photo.jpg", description="义诊现场", file=ImageFile(buffer, name="photo.jpg")
    )
