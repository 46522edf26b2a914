#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh) and run the whole test suite headless, then lint.
set -euo pipefail
cd "$(dirname "$0")/.."
ZWGK_WITH_OFFICE="${ZWGK_WITH_OFFICE:-1}" bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check zwgk_desktop tests bench scripts packaging
.venv/bin/ruff format --check zwgk_desktop tests bench scripts packaging
echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
