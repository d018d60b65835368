#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian/Ubuntu machine:
#   1. system packages (fonts for Chinese and a Latin face, HarfBuzz subsetting for fast PDFs, poppler for PDF checks)
#   2. a virtual environment in .venv with the pinned Python packages
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser tests open the report in it (Playwright drives it; it cannot download its own here)
APT_PACKAGES=(fonts-noto-cjk fonts-liberation2 libharfbuzz-subset0 poppler-utils libpango-1.0-0 libpangoft2-1.0-0 chromium)
PYTHON=${PYTHON:-python3}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing the pinned Python packages (about a minute the first time)"
  # (this machine's pip configuration may name local package folders that do not exist: hide those warnings)
  quiet() { grep -v "^WARNING: Location 'file:" || true; }
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | quiet
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | quiet
  touch "$stamp"
fi
