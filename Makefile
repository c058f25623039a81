# The two commands of the README:
#   make demo   set up (Tesseract, .venv, NOC data) and audit a sample client folder
#   make test   set up what the tests need and run the whole suite
SAMPLE ?= fixtures/clients/sample-faults
PYTEST_ARGS ?=

.PHONY: setup demo test lint typecheck bench

setup:
	scripts/setup.sh

demo: setup
	.venv/bin/docaudit audit $(SAMPLE) --fail-on never

test:
	scripts/setup.sh --test
	scripts/test.sh $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check src tests fixtures benchmarks
	.venv/bin/ruff format --check src tests fixtures benchmarks

typecheck:
	.venv/bin/mypy

bench: setup
	.venv/bin/python benchmarks/run_all.py
