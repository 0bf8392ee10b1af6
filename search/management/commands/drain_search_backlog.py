"""Send Elasticsearch the stories it missed while it was away (ElasticsearchBacklog).

manage.py publish_scheduled_loop runs this beside the site; run it by hand after bringing a node
back to catch up at once. Exit status 1 if Elasticsearch is still unavailable.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.engines import EngineUnavailable, elasticsearch_engine
from search.indexing import drain_elasticsearch_backlog


class Command(BaseCommand):
    help = "把 Elasticsearch 停机期间错过的稿件变更补发给它。"

    def handle(self, *args, **options):
        if not settings.ELASTICSEARCH_URL:
            return  # the embedded engine is written in each change's own transaction: no backlog
        engine = elasticsearch_engine()
        # An operator (or the loop) asks because the node may be back: do not wait out the pause
        # a recent failure put on it.
        engine.reset_availability()
        try:
            sent = drain_elasticsearch_backlog(engine)
        except EngineUnavailable as error:
            raise CommandError(f"Elasticsearch is unavailable; the backlog waits: {error}") from error
        if sent:
            self.stdout.write(f"Sent {sent} stories to Elasticsearch.")
