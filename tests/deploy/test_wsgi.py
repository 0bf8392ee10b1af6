"""bulletin/wsgi.py, the module gunicorn loads once in its master process before forking workers.

Each check runs in a fresh interpreter, as gunicorn's master is, whose database file does not
exist: what the master loads must not need a database, since forked workers must not share a
connection.
"""

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_DIR

REPORT = """
import gc, json, sys
{setup}
from django.db import connection
from django.template import engines
from search.text import segmenter

cached_loader = engines["django"].engine.template_loaders[0]
print(json.dumps({{
    "dictionary": segmenter.dictionary_loaded,
    "urlconf": "bulletin.topics.urls" in sys.modules,
    "templates": sorted(cached_loader.get_template_cache),
    "connected": connection.connection is not None,
    "frozen": gc.get_freeze_count(),
}}))
"""


def report(tmp_path, setup):
    missing_database = tmp_path / "absent.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{missing_database}"}
    result = subprocess.run(
        [sys.executable, "-c", REPORT.format(setup=setup)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not missing_database.exists()
    return json.loads(result.stdout)


def test_the_master_loads_the_dictionary_urls_and_templates_without_a_database(tmp_path):
    # ... and freezes it all, so that the workers' garbage collector never walks it.
    loaded = report(tmp_path, "import bulletin.wsgi")
    assert loaded["dictionary"] and loaded["urlconf"]
    for template in ("base.html", "home/home_page.html", "stories/article_page.html", "search/search.html"):
        assert template in loaded["templates"]
    assert not loaded["connected"]
    assert loaded["frozen"] > 0


def test_without_the_wsgi_module_none_of_it_is_loaded(tmp_path):
    # The counterpart: setting Django up loads none of this by itself, so the check above is
    # about what wsgi.py does.
    loaded = report(tmp_path, "import django; django.setup()")
    assert not loaded["dictionary"] and not loaded["urlconf"] and not loaded["templates"]
    assert loaded["frozen"] == 0
