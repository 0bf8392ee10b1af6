"""The WSGI application, as gunicorn (tools/serve.sh) loads it: once, in its master process.

gunicorn forks its workers from that process (preload_app), and again whenever it replaces one
(max_requests). What is loaded here, before the fork, every worker starts with. What is not,
each new worker loads during its first requests while readers wait: a first article took 150 ms
instead of 14, a first search over two seconds, and recycled workers come several at a time.
Nothing here opens a database connection, which forked processes must not share.
"""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bulletin.settings.production")

application = get_wsgi_application()


def load_before_fork():
    from django.template import engines
    from django.urls import get_resolver

    from search.text import segmenter

    segmenter.load_dictionary()
    get_resolver().url_patterns  # noqa: B018 -- the access imports every app's URLconf and views
    engine = engines["django"]
    for directory in engine.dirs:
        for template in sorted(Path(directory).rglob("*.html")):
            engine.get_template(template.relative_to(directory).as_posix())
    # All of the above lives as long as the worker does. Frozen, the garbage collector never
    # walks it again (a full collection took 56 ms with it, 0 without), and the workers keep
    # sharing its memory pages with the master instead of copying them when the collector
    # touches them.
    gc.freeze()


load_before_fork()
