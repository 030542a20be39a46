"""pytest plugin: run the toponyms property suite on a gazetteer directory.

Installed with toponyms (entry point ``pytest11``); it does nothing until configured. One line
in a project's pytest configuration turns it on::

    [tool.pytest.ini_options]
    toponyms_gazetteer = "gazetteer"

Each property of each file then runs as a test item
(``gazetteer/kuril-islands.yaml::variants-normalize-to-their-place``); ``toponyms_examples``
(default 100) sets how many examples Hypothesis tries, and ``--toponyms-gazetteer DIR`` on the
command line overrides the configured directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["PropertyItem"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("toponyms_gazetteer", "gazetteer directory to run the property suite on")
    parser.addini("toponyms_examples", "Hypothesis examples per property and file", default="100")
    group = parser.getgroup("toponyms")
    group.addoption(
        "--toponyms-gazetteer",
        metavar="DIR",
        help="run the toponyms property suite on this gazetteer directory",
    )


class GazetteerError(Exception):
    """The directory fails its schema checks: reported as one failing item."""


class PropertyItem(pytest.Item):
    """One property of one gazetteer file."""

    def __init__(self, *, check: Callable[[], list[Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._check = check

    def runtest(self) -> None:
        failures = self._check()
        if failures:
            raise PropertyFailed("\n".join(str(f) for f in failures))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, (PropertyFailed, GazetteerError)):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


class PropertyFailed(AssertionError):
    """A property does not hold; the message lists FILE:LINE failures with examples."""


class GazetteerCollector(pytest.Collector):
    def __init__(self, *, directory: Path, examples: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.directory = directory
        self.examples = examples

    def collect(self) -> Iterator[PropertyItem]:
        from .. import load
        from .._errors import GazetteerError as LoadError
        from .properties import PROPERTIES

        try:
            gazetteer = load(self.directory)
        except LoadError as exc:
            message = str(exc)

            def fail() -> list[Any]:
                raise GazetteerError(message)

            yield PropertyItem.from_parent(self, name="schema", check=fail)
            return
        for file in gazetteer.files():
            for prop in PROPERTIES:
                name = f"{Path(file[0].path).name}::{prop.__name__.replace('_', '-')}"

                def check(prop: Any = prop, file: Any = file) -> list[Any]:
                    return list(prop(gazetteer, file, self.examples))

                yield PropertyItem.from_parent(self, name=name, check=check)


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    directory = config.getoption("toponyms_gazetteer") or config.getini("toponyms_gazetteer")
    if not directory:
        return
    path = Path(str(directory))
    if not path.is_absolute():
        path = Path(str(config.rootpath)) / path
    examples = int(str(config.getini("toponyms_examples")))
    collector = GazetteerCollector.from_parent(
        session, name=f"toponyms-properties[{directory}]", directory=path, examples=examples
    )
    items.extend(collector.collect())
