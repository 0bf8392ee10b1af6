#!/usr/bin/env bash
# Run the whole test suite as CI does, from a fresh clone or a working copy:
#   lint      ruff check and ruff format --check
#   browser   Playwright driving Debian's chromium against a live server
#   sqlite    every other test, on SQLite, with an Elasticsearch node for the search engine tests
#             and a Redis server for the shared page cache (REDIS_URL)
#   postgres  the same on a real PostgreSQL server
# Usage: tools/test.sh [lint] [sqlite] [postgres] [browser] [-- extra pytest arguments]
# Installs what is missing, starts PostgreSQL, Redis and Elasticsearch, and leaves them running
# for the next run. JUnit reports and browser screenshots go to test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

suites=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    suites+=("$1")
    shift
done
[ "${1:-}" = -- ] && shift
# Lint first (seconds), then the browser tests: they need no Elasticsearch, which boots in the
# background meanwhile.
[ ${#suites[@]} -gt 0 ] || suites=(lint browser sqlite postgres)

started=$(date +%s)
ARTIFACTS=test-artifacts
ELASTICSEARCH=http://127.0.0.1:${ES_PORT:-9200}
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/junit-*.xml

tools/system-packages.sh
tools/install.sh

wants() { [[ " ${suites[*]} " == *" $1 "* ]]; }

# Elasticsearch takes a minute to boot: start it in the background while other suites run.
es_job=""
if wants sqlite || wants postgres; then
    .ci/elasticsearch.sh >"$ARTIFACTS/elasticsearch-start.log" 2>&1 &
    es_job=$!
fi
es_ready=""
wait_for_elasticsearch() {
    [ -z "$es_ready" ] || return "$es_ready"
    es_ready=0
    if ! wait "$es_job"; then
        es_ready=1
        cat "$ARTIFACTS/elasticsearch-start.log" >&2
        echo "test: Elasticsearch did not start" >&2
        return 1
    fi
    cat "$ARTIFACTS/elasticsearch-start.log"
}

failed=()
run_suite() {
    local name=$1 marker=$2
    shift 2
    echo
    echo "=== $name: pytest -m \"$marker\""
    local status=0
    env "$@" .venv/bin/pytest -m "$marker" --junitxml="$ARTIFACTS/junit-$name.xml" \
        -o junit_suite_name="$name" "${pytest_args[@]}" || status=$?
    case $status in
        0) ;;
        5) echo "test: $name ran no tests"; failed+=("$name") ;;
        *) failed+=("$name") ;;
    esac
}
pytest_args=(-q "$@")

for suite in "${suites[@]}"; do
    case $suite in
        sqlite)
            wait_for_elasticsearch || { failed+=(sqlite); continue; }
            redis_url=$(tools/redis.sh) || { echo "test: Redis did not start" >&2; failed+=(sqlite); continue; }
            run_suite sqlite "not browser" ELASTICSEARCH_URL="$ELASTICSEARCH" REDIS_URL="$redis_url" ;;
        postgres)
            wait_for_elasticsearch || { failed+=(postgres); continue; }
            redis_url=$(tools/redis.sh) || { echo "test: Redis did not start" >&2; failed+=(postgres); continue; }
            database_url=$(tools/postgres.sh) || { echo "test: PostgreSQL did not start" >&2; failed+=(postgres); continue; }
            run_suite postgres "not browser" ELASTICSEARCH_URL="$ELASTICSEARCH" REDIS_URL="$redis_url" \
                DATABASE_URL="$database_url" ;;
        browser)
            rm -rf "$ARTIFACTS/screenshots"
            run_suite browser browser ;;
        lint)
            # Ruff's lint rules and formatting (pyproject.toml [tool.ruff]).
            echo
            echo "=== lint: ruff check, ruff format --check"
            { .venv/bin/ruff check . && .venv/bin/ruff format --check .; } || failed+=(lint) ;;
        *)
            echo "test: unknown suite $suite (expected lint, sqlite, postgres or browser)" >&2
            exit 2 ;;
    esac
done

echo
echo "test: ${suites[*]} finished in $(( $(date +%s) - started ))s"
[ ${#failed[@]} -eq 0 ] || echo "test: FAILED: ${failed[*]}"
.venv/bin/python tools/junit_summary.py "$ARTIFACTS"/junit-*.xml
[ ${#failed[@]} -eq 0 ]
