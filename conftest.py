"""The integrations' modules and recipes are collected (their doctests run) only where their
extra is installed: a clone without pandas, Dask, Spark or spaCy still runs the rest. CI
installs every extra (the `test` extra), so there they all run."""

from __future__ import annotations

import importlib.util

#: Module or page -> the library it needs.
_NEEDS = {
    "src/toponyms/pandas.py": "pandas",
    "src/toponyms/dask.py": "dask",
    "src/toponyms/spark.py": "pyspark",
    "src/toponyms/spacy.py": "spacy",
    "docs/recipes/pandas.md": "pandas",
    "docs/recipes/dask.md": "dask",
    "docs/recipes/spark.md": "pyspark",
    "docs/recipes/spacy.md": "spacy",
}

collect_ignore = [
    path for path, library in _NEEDS.items() if importlib.util.find_spec(library) is None
]
