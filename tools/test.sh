#!/usr/bin/env bash
# Run the whole test suite as CI does, from a fresh clone or a working copy:
#   sqlite    every test but the browser ones, on SQLite, with an Elasticsearch node for the
#             Elasticsearch-engine tests
#   postgres  the same on a real PostgreSQL server (without the Elasticsearch-engine tests)
#   browser   Playwright driving Debian's chromium against a live server
# Usage: tools/test.sh [sqlite] [postgres] [browser] [-- extra pytest arguments]
# Installs what is missing, starts PostgreSQL and Elasticsearch, and leaves them running for
# the next run. JUnit reports and browser screenshots go to test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

suites=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    suites+=("$1")
    shift
done
[ "${1:-}" = -- ] && shift
# PostgreSQL first: Elasticsearch boots in the background meanwhile.
[ ${#suites[@]} -gt 0 ] || suites=(postgres sqlite browser)

started=$(date +%s)
ARTIFACTS=test-artifacts
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/junit-*.xml

tools/system-packages.sh
tools/install.sh

wants() { [[ " ${suites[*]} " == *" $1 "* ]]; }

# Elasticsearch takes a minute to boot: start it in the background while other suites run.
es_job=""
if wants sqlite; then
    .ci/elasticsearch.sh >"$ARTIFACTS/elasticsearch-start.log" 2>&1 &
    es_job=$!
fi
wait_for_elasticsearch() {
    if ! wait "$es_job"; then
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
        postgres)
            run_suite postgres "not browser and not elasticsearch" DATABASE_URL="$(tools/postgres.sh)" ;;
        sqlite)
            wait_for_elasticsearch || { failed+=(sqlite); continue; }
            run_suite sqlite "not browser" ELASTICSEARCH_URL=http://127.0.0.1:9200 ;;
        browser)
            rm -rf "$ARTIFACTS/screenshots"
            run_suite browser browser ;;
        *)
            echo "test: unknown suite $suite (expected sqlite, postgres or browser)" >&2
            exit 2 ;;
    esac
done

echo
echo "test: ${suites[*]} finished in $(( $(date +%s) - started ))s"
[ ${#failed[@]} -eq 0 ] || echo "test: FAILED: ${failed[*]}"
.venv/bin/python tools/junit_summary.py "$ARTIFACTS"/junit-*.xml
[ ${#failed[@]} -eq 0 ]
