#!/usr/bin/env bash
# Set everything up, then run the checks: ruff, mypy and the test suite (offscreen).
# setup.sh --dev installs PostgreSQL when missing (as root): the storage tests start a throwaway
# server and run on SQLite and PostgreSQL both; under CI=true a missing PostgreSQL fails them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy drafting consultation storage ui resources app.py
.venv/bin/python -m pytest -q "$@"
