#!/usr/bin/env bash
# Start a throwaway Redis server for the tests on 127.0.0.1 and print its URL (for CACHE_URL).
# Idempotent: reuses a server of this directory already running.
#   tools/redis.sh        start (if needed), print redis://127.0.0.1:56379/0
#   tools/redis.sh stop   stop it
# It holds nothing but cache entries: no snapshots, no append-only file, and when full it drops
# the least recently used entries as a production page cache would.
set -euo pipefail

REDIS_DIR=${REDIS_DIR:-/tmp/bulletin-redis}
REDIS_PORT=${REDIS_PORT:-56379}
URL="redis://127.0.0.1:${REDIS_PORT}/0"
cli=(redis-cli -h 127.0.0.1 -p "$REDIS_PORT")

# Under root, run it as the redis user Debian's package creates, as a production server runs.
as_owner() {
    if [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1; then
        runuser -u redis -- "$@"
    else
        "$@"
    fi
}

if [ "${1:-start}" = stop ]; then
    "${cli[@]}" shutdown nosave >/dev/null 2>&1 || true
    exit
fi

if ! "${cli[@]}" ping >/dev/null 2>&1; then
    mkdir -p "$REDIS_DIR"
    [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1 && chown redis: "$REDIS_DIR"
    as_owner redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
        --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
        --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru >&2
    for _ in $(seq 50); do
        "${cli[@]}" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
fi

# Whatever answers on the port must be this server, not some other Redis that happens to be there.
directory=$("${cli[@]}" config get dir 2>/dev/null | sed -n 2p || true)
if [ "$directory" != "$(cd "$REDIS_DIR" 2>/dev/null && pwd -P)" ]; then
    echo "redis: port $REDIS_PORT is taken by another server (${directory:-not answering}); set REDIS_PORT" >&2
    exit 1
fi
echo "$URL"
