"""The docs site builds strictly, offline, from every page, and every code example in it runs.

Which example runs where:
- a fenced Python block with ``>>>`` prompts is a doctest: pytest runs every ``docs/**/*.md`` with
  ``--doctest-glob``; here we check that each such block is doctest from end to end (a line
  doctest would read as prose is code that never runs);
- a fenced Python block without prompts is a script: the blocks of a page run here, in order,
  as one program; ``<!-- not run: REASON -->`` just before a block leaves it out, with its reason,
  and a page whose libraries are missing (or whose Spark cannot start) skips, saying which;
- a ``console`` block's ``$ toponyms ...`` lines run here (in a scratch directory that sees the
  checkout's ``examples/``, ``gazetteer/`` and ``tests/``), and their output is compared with
  the lines shown under them.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import toponyms

from .conftest import REPO

DOCS = REPO / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if not any(part.startswith(".") for part in p.parts))
FENCE = re.compile(
    r"^(?P<indent> *)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```\s*$", re.M | re.S
)
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>.+?)\s*-->\s*$")
PYTHON = {"python", "py", "python3", "pycon"}
# The offline build: the banner Material prints about MkDocs 2 is noise in a test's output.
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def fenced_blocks(page: Path) -> list[tuple[str, str, str | None]]:
    """(language, body, reason it is not run or None) of every fenced block of ``page``."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = NOT_RUN.search(before)
        body = re.sub(rf"(?m)^{match['indent']}", "", match["body"])
        found.append((match["lang"].lower(), body, marker["reason"] if marker else None))
    return found


def is_doctest(body: str) -> bool:
    return any(line.lstrip().startswith(">>>") for line in body.splitlines())


def script_blocks(page: Path) -> list[tuple[str, str | None]]:
    return [
        (body, reason)
        for lang, body, reason in fenced_blocks(page)
        if lang in PYTHON and not is_doctest(body)
    ]


def console_commands(page: Path) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) of every ``$ toponyms`` line of the page."""
    commands: list[tuple[str, list[str]]] = []
    for lang, body, reason in fenced_blocks(page):
        if lang != "console" or reason is not None:
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
    return [(command, shown) for command, shown in commands if command.startswith("toponyms ")]


def nav_pages(nav: list[object]) -> list[str]:
    pages: list[str] = []
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            pages.extend(nav_pages(value) if isinstance(value, list) else [str(value)])
    return pages


def config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return loaded


# -- the site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        pytest.importorskip(
            module, reason="the docs extra builds the site: pip install -e '.[docs]'"
        )
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=QUIET,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = nav_pages(config()["nav"])
    assert sorted(nav) == sorted(name(p) for p in PAGES)
    assert nav[:2] == ["index.md", "getting-started.md"]
    assert {f"recipes/{r}.md" for r in ("pandas", "dask", "spark", "spacy")} <= set(nav)


def test_site_builds_strictly_with_a_page_for_every_nav_entry(site: Path) -> None:
    for page in nav_pages(config()["nav"]):
        html = site / ("index.html" if page == "index.md" else page[:-3] + "/index.html")
        assert html.is_file(), page


def test_api_reference_documents_every_public_name(site: Path) -> None:
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    # the two version strings are described in the page's text: DATA_VERSION is read on first
    # use through the module's __getattr__, which a reader of the source cannot see as a name
    documented = set(toponyms.__all__) - {"DATA_VERSION", "__version__"}
    assert sorted(n for n in documented if f'id="toponyms.{n}"' not in html) == []
    assert "DATA_VERSION" in html
    for method in ("annotate", "annotate_many", "normalize", "rewrite", "ancestors"):
        assert f'id="toponyms.Gazetteer.{method}"' in html
    # doctests render as code, not as nested quotes and links
    assert "<blockquote>" not in html
    assert '<span class="gp">&gt;&gt;&gt; </span>' in html


def test_site_loads_nothing_from_the_network(site: Path) -> None:
    assert config()["theme"]["font"] is False
    remote = re.compile(r"<(?:link|script|img)\b[^>]*\b(?:href|src)=\"(?:https?:)?//", re.I)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for page in pages:
        assert not remote.findall(page.read_text(encoding="utf-8")), page
    for css in site.rglob("*.css"):
        assert "@import url(" not in css.read_text(encoding="utf-8"), css


# -- the examples ------------------------------------------------------------------------------


def test_pytest_runs_the_doctests_of_every_page() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^testpaths = \[[^\]]*"docs"', pyproject, re.M)
    assert "--doctest-glob='*.md'" in pyproject


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_python_blocks_with_prompts_are_doctests_throughout(page: Path) -> None:
    parser = doctest.DocTestParser()
    for lang, body, _ in fenced_blocks(page):
        if lang in PYTHON and is_doctest(body):
            prose = [p for p in parser.parse(body) if isinstance(p, str) and p.strip()]
            assert prose == [], f"{name(page)}: lines doctest would not run: {prose}"


def missing_requirements(code: str) -> str | None:
    """Why ``code`` cannot run here (a library it imports is missing, or Spark has no Java)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    for module in sorted(modules - {"toponyms"}):
        if importlib.util.find_spec(module) is None:
            return f"needs {module}, which is not installed (install the toponyms extra)"
    if "pyspark" in modules and shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        return "needs a Java runtime for Spark (install one, or set JAVA_HOME)"
    return None


PAGES_WITH_SCRIPTS = [p for p in PAGES if script_blocks(p)]


@pytest.mark.parametrize("page", PAGES_WITH_SCRIPTS, ids=name)
def test_python_blocks_without_prompts_run(page: Path, tmp_path: Path) -> None:
    blocks = script_blocks(page)
    code = "\n\n".join(body for body, reason in blocks if reason is None)
    not_run = [reason for _, reason in blocks if reason is not None]
    if not code:
        pytest.skip(f"{name(page)}: every block is marked not run: {'; '.join(not_run)}")
    why_not = missing_requirements(code)
    if why_not:
        pytest.skip(f"{name(page)}: {why_not}")
    script = tmp_path / "page_examples.py"  # never a library's name: it would shadow it
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    if result.returncode and "Java gateway process exited" in result.stderr:
        pytest.skip(f"{name(page)}: Spark could not start: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stderr


COMMANDS = [(page, command, shown) for page in PAGES for command, shown in console_commands(page)]


@pytest.mark.parametrize(
    ("page", "command", "shown"), COMMANDS, ids=[f"{name(p)}: {c}" for p, c, _ in COMMANDS]
)
def test_console_commands_print_what_the_page_shows(
    page: Path, command: str, shown: list[str], tmp_path: Path
) -> None:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    if shutil.which("toponyms", path=env["PATH"]) is None:
        pytest.skip("the toponyms command is not installed beside this Python")
    # a scratch directory with the checkout's data: a command may write a file
    for directory in ("examples", "gazetteer", "tests"):
        (tmp_path / directory).symlink_to(REPO / directory)
    result = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a name left unresolved
    assert "Traceback" not in result.stderr
    if shown:
        assert [line.rstrip() for line in result.stdout.splitlines()] == shown


# -- the benchmark tables ----------------------------------------------------------------------


def test_benchmarks_page_is_the_readmes_measured_section(site: Path) -> None:
    """The page includes the README's section when the site is built: one text, two places."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    measured = readme.split("<!-- --8<-- [start:measured] -->", 1)[1]
    measured = measured.split("<!-- --8<-- [end:measured] -->", 1)[0]
    assert '--8<-- "README.md:measured"' in (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    built = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    first_words = " ".join(measured.split()[:6])  # the section's opening words
    assert first_words in " ".join(built.split())
    assert built.count("<table>") == sum(line.startswith("| ---") for line in measured.splitlines())


# -- the Griffe extension that renders the docstrings ---------------------------------------


def griffe_extension() -> ModuleType:
    pytest.importorskip("griffe", reason="the docs extra renders the API reference")
    path = DOCS / ".griffe" / "docstrings.py"
    spec = importlib.util.spec_from_file_location("docs_griffe_docstrings", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docstring_doctests_are_fenced_and_roles_become_code() -> None:
    ext = griffe_extension()
    docstring = (
        "Use :func:`toponyms.load` or ``None``.\n\n>>> f([1])\n[('a', 1)]\n\n"
        "```python\n>>> kept\n```\nEnd."
    )
    assert ext.plain_roles(ext.fence_doctests(docstring)) == (
        "Use `toponyms.load` or `None`.\n\n```pycon\n>>> f([1])\n[('a', 1)]\n```\n\n"
        "```python\n>>> kept\n```\nEnd."
    )
    assert ext.fence_doctests("    >>> x\n    1") == "    ```pycon\n    >>> x\n    1\n    ```"
