#!/usr/bin/env bash
# Run the site in production: migrate, collect static files, then serve with gunicorn while a
# loop runs Wagtail's publish_scheduled every minute (scheduled go-live and expiry).
#   tools/serve.sh          migrate, collect static files, serve until SIGTERM/SIGINT
#   tools/serve.sh reload   bring a new version of the code into service without refusing or
#                           dropping a request (systemd's ExecReload)
# Settings come from the environment (see bulletin/settings/production.py); at least SECRET_KEY
# and ALLOWED_HOSTS. migrate runs the system checks first. Stops both processes on SIGTERM/SIGINT,
# or when either one exits. RUN_DIR (default var/run) holds the PID files that reload reads.
# With several app servers on one database, the loop runs on one of them: PUBLISH_LOOP=false on
# the others (docs/deploying.md).
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-bulletin.settings.production}
PUBLISH_INTERVAL=${PUBLISH_INTERVAL:-60}
PUBLISH_LOOP=${PUBLISH_LOOP:-true}
RUN_DIR=${RUN_DIR:-$PWD/var/run}
# gunicorn writes its master's PID here (deploy/gunicorn.conf.py); a master started by a reload
# writes "$GUNICORN_PIDFILE.2" until the old master has exited, then renames it.
export GUNICORN_PIDFILE=$RUN_DIR/gunicorn.pid
SERVE_PIDFILE=$RUN_DIR/serve.pid
# Where a reload tells the supervising serve.sh which master to follow. Not "$GUNICORN_PIDFILE.2":
# once the old master has gone, the new one renames that file, and a busy machine can run the
# handover later than that.
HANDOVER_FILE=$RUN_DIR/handover.pid
python=.venv/bin/python

prepare() {
    "$python" manage.py migrate --noinput
    "$python" manage.py createcachetable  # only does anything when CACHE_URL is db://
    "$python" manage.py collectstatic --noinput -v 0
}

# Waits up to $1 seconds for the command that follows to succeed.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}
running() { kill -0 "$1" 2>/dev/null; }
not_running() { ! kill -0 "$1" 2>/dev/null; }
pid_in() { [ -s "$1" ] && running "$(cat "$1")"; }
pid_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }

# A reload runs while the old version serves: migrations must suit the code on both sides of
# it (add a column before the code uses it; drop it a release later), as with any rolling deploy.
# gunicorn's HUP would not do: with preload_app (deploy/gunicorn.conf.py) the master keeps the
# application it imported, so HUP forks new workers from the same old code. USR2 makes the
# master start a new master — a fresh process that imports the new code — which inherits the
# listening socket; once it is up, TERM stops the old master gracefully: its workers finish the
# requests they hold, and connections they no longer accept queue on the shared socket for the
# new workers. If the new version fails to start, the old one keeps serving.
reload() {
    local old new
    if ! pid_in "$SERVE_PIDFILE" || ! pid_in "$GUNICORN_PIDFILE"; then
        echo "serve: nothing to reload in $RUN_DIR; is tools/serve.sh running?" >&2
        exit 1
    fi
    old=$(cat "$GUNICORN_PIDFILE")
    prepare
    rm -f "$GUNICORN_PIDFILE.2"
    kill -USR2 "$old"
    # The new master writes its PID file once it has imported the application.
    if ! wait_for "${RELOAD_TIMEOUT:-120}" pid_in "$GUNICORN_PIDFILE.2"; then
        echo "serve: the new version did not start (see gunicorn's log); the old one keeps serving" >&2
        exit 1
    fi
    new=$(cat "$GUNICORN_PIDFILE.2")
    # Before the old master goes, so that the supervising serve.sh follows the new one and
    # restarts the publish loop on the new code too.
    echo "$new" >"$HANDOVER_FILE"
    kill -USR1 "$(cat "$SERVE_PIDFILE")"
    kill -TERM "$old"
    wait_for 60 not_running "$old" || { echo "serve: the old master $old did not stop" >&2; exit 1; }
    wait_for 10 pid_is "$GUNICORN_PIDFILE" "$new"  # renamed from .2 once the old one has gone
    echo "serve: reloaded; gunicorn master $old replaced by $new"
}

if [ "${1:-}" = reload ]; then
    reload
    exit
fi

mkdir -p "$RUN_DIR"
echo $$ >"$SERVE_PIDFILE"
prepare

start_scheduler() {
    scheduler=""
    case ${PUBLISH_LOOP,,} in
        false | 0 | no | off) return ;;
    esac
    "$python" manage.py publish_scheduled_loop --interval "$PUBLISH_INTERVAL" &
    scheduler=$!
}
scheduler_running() { [ -z "$scheduler" ] || running "$scheduler"; }
stop_scheduler() {
    [ -n "$scheduler" ] || return 0
    kill -TERM "$scheduler" 2>/dev/null || true
    wait "$scheduler" 2>/dev/null || true
}
start_scheduler
.venv/bin/gunicorn --config deploy/gunicorn.conf.py &
web=$!

# Sent by `serve.sh reload` once the new master is up: from now on that is the one to watch.
handover() {
    web=$(cat "$HANDOVER_FILE")
    stop_scheduler
    start_scheduler
}
stop() {
    kill -TERM "$web" 2>/dev/null || true
    stop_scheduler
    wait_for 60 not_running "$web" || true
    rm -f "$SERVE_PIDFILE"
}
# USR1, not HUP: a shell cannot trap a signal it was started ignoring, and nohup (or a terminal
# multiplexer) starts it ignoring HUP; the reload would then lose the new master.
trap handover USR1
trap 'stop; exit 0' TERM INT

# After a reload the gunicorn master is no longer this script's child, so `wait` cannot watch
# it: look every second instead.
status=0
while running "$web" && scheduler_running; do
    sleep 1 &
    wait $! || true  # returns at once when a signal arrives, so its trap runs without delay
done
if ! scheduler_running; then wait "$scheduler" || status=$?; fi
if ! running "$web"; then wait "$web" 2>/dev/null || status=$?; fi
echo "serve: a process exited (status $status); stopping" >&2
stop
exit "$status"
