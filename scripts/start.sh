#!/usr/bin/env bash
# Set everything up, then start 立法工作台 on the default library (SQLite; demo drafts on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
