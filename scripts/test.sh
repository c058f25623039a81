#!/usr/bin/env bash
# Run the test suite in two worker processes. Each Tesseract call is held to one thread so the two
# workers do not fight over the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
