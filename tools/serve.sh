#!/usr/bin/env bash
# Run the site in production: migrate, collect static files, then serve with gunicorn while a
# loop runs Wagtail's publish_scheduled every minute (scheduled go-live and expiry).
# Settings come from the environment (see bulletin/settings/production.py); at least SECRET_KEY
# and ALLOWED_HOSTS. migrate runs the system checks first. Stops both processes on SIGTERM/SIGINT, or when either one exits.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-bulletin.settings.production}
PUBLISH_INTERVAL=${PUBLISH_INTERVAL:-60}
python=.venv/bin/python

"$python" manage.py migrate --noinput
"$python" manage.py createcachetable  # only does anything when CACHE_URL is db://
"$python" manage.py collectstatic --noinput -v 0

"$python" manage.py publish_scheduled_loop --interval "$PUBLISH_INTERVAL" &
scheduler=$!
.venv/bin/gunicorn --config deploy/gunicorn.conf.py &
web=$!

stop() {
    kill -TERM "$web" "$scheduler" 2>/dev/null || true
    wait "$web" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT
status=0
wait -n "$web" "$scheduler" || status=$?
echo "serve: a process exited (status $status); stopping" >&2
stop
exit "$status"
