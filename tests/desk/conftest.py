"""The desk is seen as the workflow suite sees it: reader pages fresh, never from the page cache.
(Accounts in each role: tests/conftest.py.)"""

from tests.workflow.conftest import no_page_cache  # noqa: F401
