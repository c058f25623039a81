#!/usr/bin/env bash
# Set up docaudit on a Debian machine: Tesseract (apt), a virtual environment with the package and
# its dev extras, and the NOC 2021 data from ../shared/data/noc2021. Safe to run again.
#   scripts/setup.sh           what `make setup` runs
#   scripts/setup.sh --test    also what the test suite needs (Chromium for the HTML report test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
command -v tesseract >/dev/null 2>&1 || apt_packages+=(tesseract-ocr tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || \
  ls /usr/share/tesseract-ocr/*/tessdata/osd.traineddata >/dev/null 2>&1 || apt_packages+=(tesseract-ocr-osd)
if [ "$want_test" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || apt_packages+=(poppler-utils)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing ${apt_packages[*]} with apt-get"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
tesseract --version 2>&1 | head -n 1

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.docaudit-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing docaudit and its dev extras into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi

noc_dir=${DOCAUDIT_NOC_DIR:-../shared/data/noc2021}
structure="$noc_dir/noc_2021_version_1.0_-_classification_structure.csv"
elements="$noc_dir/noc_2021_version_1.0_-_elements.csv"
if [ -f "$structure" ] && [ -f "$elements" ]; then
  if ! .venv/bin/docaudit noc show 21231 >/dev/null 2>&1; then
    .venv/bin/docaudit noc import "$structure" "$elements"
  fi
else
  echo "setup: NOC data not found in $noc_dir; import it later with: docaudit noc import STRUCTURE.csv ELEMENTS.csv"
fi
echo "setup: done (activate with: . .venv/bin/activate)"
