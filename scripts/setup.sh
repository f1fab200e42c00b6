#!/usr/bin/env bash
# Set up everything the program needs on a fresh Linux machine: the system libraries Qt needs
# (installed when missing and run as root), a CJK font, and the virtual environment .venv.
# Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

system_packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  fonts-noto-cjk fonts-arphic-ukai libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
# A bare Debian has no python3 at all, or one without venv.
command -v "${PYTHON:-python3}" >/dev/null 2>&1 || system_packages+=(python3 python3-venv)
"${PYTHON:-python3}" -c 'import ensurepip' >/dev/null 2>&1 || system_packages+=(python3-venv)
# The tests read printed PDFs back with pdftotext/pdftoppm, and render .docx exports with
# LibreOffice headless to measure the GB/T 9704 page (tests/drafting/write/test_gbt9704.py).
[ $dev = 1 ] && system_packages+=(poppler-utils libreoffice-writer-nogui)
# The storage tests also run against a throwaway PostgreSQL server (tests/pg_server.py).
if [ $dev = 1 ] && ! command -v initdb >/dev/null 2>&1 \
    && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  system_packages+=(postgresql)
fi
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${system_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "安装系统依赖: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "缺少系统依赖（需 root 安装）: sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更新版本（当前: $("$python" --version 2>&1)）" >&2
  exit 1
fi
# A half-made .venv (venv failed before pip was in) is made again.
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
  "$python" -m venv .venv
fi

# Reinstall only when the dependency list changed.
extras=""
[ $dev = 1 ] && extras="[dev]"
stamp=".venv/.installed$extras"
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$want" > "$stamp"
fi
