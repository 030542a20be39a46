# The whole set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check-data bench fuzz clean

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
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks examples
	$(PY) -m ruff format --check src tests benchmarks examples

typecheck: $(STAMP)
	$(PY) -m mypy

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
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
