"""Fixtures shared by every test package. Package-specific fixtures live beside their tests."""

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_EDITION = PROJECT_DIR / "demo" / "edition-2023-11-28.txt"


@pytest.fixture
def seed_edition_path():
    return SEED_EDITION


class CommandRun:
    def __init__(self, stdout, stderr):
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def run():
    """Call a management command as the command line would; return its stdout and stderr."""
    from io import StringIO

    from django.core.management import call_command

    def run(name, *args):
        stdout, stderr = StringIO(), StringIO()
        call_command(name, *[str(arg) for arg in args], stdout=stdout, stderr=stderr)
        return CommandRun(stdout.getvalue(), stderr.getvalue())

    return run


@pytest.fixture
def story_index(db):
    from bulletin.stories.models import StoryIndexPage

    return StoryIndexPage.objects.get()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache: each test's database starts afresh too."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


# The newsroom's accounts, one per role (bulletin/workflow/roles.py); all log in with
# tests.newsroom.PASSWORD. They take ``db``, which becomes transactional in live-server tests.


@pytest.fixture
def reporter(db):
    from bulletin.workflow import roles
    from tests.newsroom import make_user

    return make_user("reporter", roles.REPORTERS)


@pytest.fixture
def other_reporter(db):
    from bulletin.workflow import roles
    from tests.newsroom import make_user

    return make_user("correspondent", roles.REPORTERS)


@pytest.fixture
def editor(db):
    from bulletin.workflow import roles
    from tests.newsroom import make_user

    return make_user("editor", roles.EDITORS)


@pytest.fixture
def chief(db):
    from bulletin.workflow import roles
    from tests.newsroom import make_user

    return make_user("chief", roles.CHIEF_EDITORS)


@pytest.fixture
def editor_client(editor):
    from tests.newsroom import client_for

    return client_for(editor)


@pytest.fixture
def chief_client(chief):
    from tests.newsroom import client_for

    return client_for(chief)
