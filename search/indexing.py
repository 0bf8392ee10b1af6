"""Keeping the reader search index in step with the page tree (placeholder until search lands)."""

from contextlib import contextmanager


@contextmanager
def batched():
    """Defer index updates made inside the block and apply them in bulk when it ends."""
    yield
