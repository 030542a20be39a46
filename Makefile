# The whole set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check-data bench fuzz docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/demo.py

test: $(STAMP)
	$(PY) -m toponyms check gazetteer
	$(PY) -m ruff check src tests benchmarks examples
	$(PY) -m mypy
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --site-dir build/docs-site
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks examples
	$(PY) -m ruff format --check src tests benchmarks examples

typecheck: $(STAMP)
	$(PY) -m mypy

# The docs site (MkDocs, Material, mkdocstrings), built offline into site/; `$(PY) -m mkdocs serve`
# previews it while editing.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/annotate.py
	$(PY) benchmarks/hostile.py
	$(PY) benchmarks/normalize.py

# The fuzz targets of the suite, run long: FUZZ_EXAMPLES examples per test (CI runs ~100).
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	TOPONYMS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider -p no:toponyms \
		--hypothesis-show-statistics tests/test_fuzz_api.py tests/test_fuzz_loader.py

clean:
	rm -rf $(VENV) build dist site .pytest_cache .mypy_cache .ruff_cache
