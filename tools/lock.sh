#!/usr/bin/env bash
# Refresh requirements.lock, the exact versions (with hashes) tools/install.sh installs.
# Run after changing dependencies in pyproject.toml, or to take upgrades on purpose:
#   tools/lock.sh                 keep locked versions that still satisfy pyproject.toml
#   tools/lock.sh --upgrade       newest versions pyproject.toml allows
# Commit requirements.lock with the change; tests/upgrade/test_lock.py fails while it lags.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install.sh
# uv resolves in seconds what pip-tools takes minutes for; it is a tool here, not a dependency.
.venv/bin/python -m pip install --quiet "uv>=0.9"
.venv/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes \
    --no-header --output-file requirements.lock "$@"
echo "lock: requirements.lock refreshed; install it with tools/install.sh"
