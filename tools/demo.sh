#!/usr/bin/env bash
# One command from a fresh clone to a running demo: install into .venv, migrate the SQLite
# database, import and publish the seed print edition with its printed pages, make sure an admin login exists (and
# print it), then serve the site on http://127.0.0.1:8000/ (DEMO_ADDR changes that).
# The demo runs as readers will see the site (bulletin/settings/dev.py: designed error pages, page
# cache in var/dev-cache shared with imports run in another terminal); DJANGO_DEBUG=1 for code work.
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO_ADDR=${DEMO_ADDR:-127.0.0.1:8000}
SEED=demo/edition-2023-11-28.txt
export DJANGO_SETTINGS_MODULE=bulletin.settings.dev
manage() { .venv/bin/python manage.py "$@"; }

tools/install.sh
# pdfium draws the typeset pages' Chinese with the system's CJK font.
tools/system-packages.sh fonts-noto-cjk || echo "demo: without fonts-noto-cjk the page images show no Chinese"
manage migrate --noinput -v 0

# The seed edition's 数字报: its text typeset into a few pages of columns, as the layout system
# would export it, then imported with the text (story regions found from the PDF's text layer).
mkdir -p var
if manage shell --no-imports -c "from bulletin.editions.models import Edition; raise SystemExit(Edition.objects.filter(number=1).exists())"; then
    echo "demo: importing and publishing $SEED with its printed pages"
    manage typeset_edition "$SEED" var/demo-edition.pdf --date 2023-11-28
    manage import_edition "$SEED" --date 2023-11-28 --number 1 --publish --pages var/demo-edition.pdf
elif manage shell --no-imports -c "from bulletin.epaper.models import PrintedPage; raise SystemExit(PrintedPage.objects.filter(edition__number=1).exists())"; then
    echo "demo: adding the printed pages to edition 1"
    manage typeset_edition "$SEED" var/demo-edition.pdf --date 2023-11-28
    manage import_pages --edition 1 var/demo-edition.pdf
else
    echo "demo: edition 1 is already imported"
fi

echo
manage ensure_admin --url "http://$DEMO_ADDR/admin/"
echo "Site:     http://$DEMO_ADDR/"
echo
exec .venv/bin/python manage.py runserver "$DEMO_ADDR"
