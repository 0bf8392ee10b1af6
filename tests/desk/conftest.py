"""Newsroom accounts in each role (the groups of bulletin/workflow's migrations), as the workflow
suite has them."""

from tests.workflow.conftest import chief, editor, no_page_cache, other_reporter, reporter  # noqa: F401
