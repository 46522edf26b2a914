#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh) and start the desktop app on the bundled demo catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/zwgk-desktop --demo "$@"
