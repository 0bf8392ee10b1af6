#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests on 127.0.0.1 and print its DATABASE_URL.
# Idempotent: reuses the cluster (and a server already running) in $PG_DIR.
#   tools/postgres.sh        start (if needed), print postgres://postgres@127.0.0.1:55432/bulletin
#   tools/postgres.sh stop   stop it
# The cluster trusts local connections and skips fsync: it holds nothing but test databases.
set -euo pipefail

PG_DIR=${PG_DIR:-/tmp/bulletin-postgres}
PG_PORT=${PG_PORT:-55432}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
URL="postgres://postgres@127.0.0.1:${PG_PORT}/bulletin"

# PostgreSQL refuses to run as root: under root, run it as the postgres user the package creates.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "${1:-start}" = stop ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop
    exit
fi

if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    # A server killed with its machine leaves postmaster.pid behind; if that PID now belongs to
    # some other process, PostgreSQL would refuse to start.
    if [ -f "$PG_DIR/postmaster.pid" ]; then
        pid=$(head -n 1 "$PG_DIR/postmaster.pid")
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != postgres ]; then
            rm -f "$PG_DIR/postmaster.pid"
        fi
    fi
    if [ ! -f "$PG_DIR/PG_VERSION" ]; then
        mkdir -p "$PG_DIR"
        [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
        as_owner "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
fi

# Whatever answers on the port must be this cluster, not some other server that happens to be there.
data_directory=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SHOW data_directory" 2>/dev/null || true)
if [ "$data_directory" != "$(cd "$PG_DIR" 2>/dev/null && pwd -P)" ]; then
    echo "postgres: port $PG_PORT is taken by another server (${data_directory:-not ours}); set PG_PORT" >&2
    exit 1
fi

# The tests create and drop their own test_bulletin; the named database is for manual use.
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'bulletin'" | grep -q 1 \
    || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres bulletin
echo "$URL"
