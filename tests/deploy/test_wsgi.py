"""bulletin/wsgi.py, the module gunicorn loads once in its master process before forking workers."""

import os
import subprocess
import sys

from tests.conftest import PROJECT_DIR


def test_loading_the_wsgi_application_loads_the_search_dictionary_without_a_database(tmp_path):
    # A fresh interpreter, as gunicorn's master is; the database file does not exist and must
    # not be needed: the master loads the dictionary before any worker opens a connection.
    missing_database = tmp_path / "absent.sqlite3"
    script = (
        "import bulletin.wsgi\n"
        "from search.text import segmenter\n"
        "print(segmenter.dictionary_loaded)\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{missing_database}"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert not missing_database.exists()


def test_a_process_that_has_not_searched_has_no_dictionary_loaded():
    # The counterpart: importing the search code alone does not load jieba's dictionary, so
    # the check above is about what wsgi.py does.
    script = "import django; django.setup()\nfrom search.text import segmenter\nprint(segmenter.dictionary_loaded)\n"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
