"""Start-up check of the Elasticsearch index against the code (run by `migrate`, which
tools/serve.sh runs before it serves, and by `manage.py check`).

A mapping the code changed since the index was built would make queries fail or miss stories;
it is reported here, as "rebuild needed", before any reader searches. Readers are not left with
a broken index meanwhile: the operator runs rebuild_search_index, which swaps the new index in
without downtime.
"""

from django.conf import settings
from django.core import checks

REBUILD = (
    "Rebuild needed: manage.py rebuild_search_index --engine elasticsearch (readers keep the live index meanwhile)."
)


@checks.register("search")
def elasticsearch_index_matches_the_code(app_configs, **kwargs):
    if not settings.ELASTICSEARCH_URL:
        return []
    from .engines import EngineUnavailable, elasticsearch_engine
    from .engines.elastic import index_settings, mapping_fingerprint

    engine = elasticsearch_engine()
    try:
        state = engine.index_state()
    except EngineUnavailable as error:
        return [
            checks.Warning(
                f"Elasticsearch at {engine.url} could not be asked about index {engine.index_name}: {error}",
                hint="Readers get the embedded engine until it answers.",
                id="search.W001",
            )
        ]
    if state is None:
        return [
            checks.Warning(f"Elasticsearch index {engine.index_name} does not exist.", hint=REBUILD, id="search.W002")
        ]
    problems = []
    if state["fingerprint"] != mapping_fingerprint():
        problems.append(
            checks.Warning(
                f"Elasticsearch index {engine.index_name} was built with another mapping than the code "
                f"defines (fingerprint {state['fingerprint']}, code {mapping_fingerprint()}).",
                hint=REBUILD,
                id="search.W003",
            )
        )
    wanted = index_settings()
    if state["shards"] != wanted["number_of_shards"]:
        problems.append(
            checks.Warning(
                f"Elasticsearch index {engine.index_name} has {state['shards']} shards, "
                f"ELASTICSEARCH_SHARDS says {wanted['number_of_shards']}.",
                hint=REBUILD,
                id="search.W004",
            )
        )
    if state["replicas"] != wanted["number_of_replicas"]:
        problems.append(
            checks.Warning(
                f"Elasticsearch index {engine.index_name} has {state['replicas']} replicas, "
                f"ELASTICSEARCH_REPLICAS says {wanted['number_of_replicas']}.",
                hint=REBUILD,
                id="search.W005",
            )
        )
    return problems
