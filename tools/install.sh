#!/usr/bin/env bash
# Create the virtualenv in .venv and install the project with its test tools into it, at the
# exact versions of requirements.lock (refreshed by tools/lock.sh), and the browser test tools
# from npm (tools/node/package-lock.json). Quick when nothing changed: pip runs again only when
# the lock or pyproject.toml is newer than the last install, npm only when its lock is.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    # Debian ships venv support in a package of its own.
    tools/system-packages.sh python3-venv
fi

if [ ! -x .venv/bin/python ]; then
    echo "install: creating .venv with $("$PYTHON" --version)"
    "$PYTHON" -m venv .venv
fi

stamp=.venv/.bulletin-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
    # The project itself, editable; its dependencies are all in the lock.
    .venv/bin/python -m pip install --quiet --no-deps -e .
    touch "$stamp"
    echo "install: .venv is up to date"
fi

# axe-core for the browser tests' accessibility checks (tools/node/package.json). Only the
# "dependencies": lighthouse, a devDependency, is for bench/lighthouse.py, which installs it.
if ! command -v npm >/dev/null; then
    tools/system-packages.sh nodejs npm
fi
node_stamp=tools/node/node_modules/.bulletin-installed
if [ ! -f "$node_stamp" ] || [ tools/node/package-lock.json -nt "$node_stamp" ]; then
    # --ignore-scripts: no package may fetch a browser or run code at install time.
    npm ci --prefix tools/node --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
    touch "$node_stamp"
    echo "install: tools/node/node_modules is up to date"
fi
