"""Rebuild the reader search index of one engine or both, and the editors' index, from scratch.

Elasticsearch is rebuilt beside its live index, which readers keep searching until the new one
is complete and takes its place (search.indexing.rebuild, search.engines.elastic.IndexBuild).
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.engines import EngineUnavailable, elasticsearch_engine, embedded_engine
from search.engines.elastic import RebuildInProgress


class Command(BaseCommand):
    help = "从页面重建搜索索引（内置引擎和/或 Elasticsearch），并显示进度。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["embedded", "elasticsearch", "all"],
            default="all",
            help="Which reader index to rebuild (default: all configured engines).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args, engine, no_progress, **options):
        engines = []
        if engine in ("embedded", "all"):
            engines.append(embedded_engine())
        if engine == "elasticsearch" or (engine == "all" and settings.ELASTICSEARCH_URL):
            if not settings.ELASTICSEARCH_URL:
                raise CommandError("ELASTICSEARCH_URL is not set: there is no Elasticsearch index to rebuild.")
            elasticsearch = elasticsearch_engine()
            elasticsearch.reset_availability()
            engines.append(elasticsearch)

        names = ", ".join(e.name for e in engines)
        bar = tqdm(total=None, unit="篇", desc=f"重建 {names}", disable=no_progress, file=self.stderr)

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        started = time.perf_counter()
        try:
            indexing.rebuild(engines, progress=progress)
        except EngineUnavailable as error:
            raise CommandError(f"Elasticsearch is unavailable: {error}") from error
        except RebuildInProgress as error:
            raise CommandError(f"Not rebuilt: {error}") from error
        finally:
            bar.close()
        counts = ", ".join(f"{e.name} {e.document_count()}" for e in engines)
        self.stdout.write(
            self.style.SUCCESS(f"Rebuilt in {time.perf_counter() - started:.1f} s; reader documents: {counts}")
        )
