"""A Griffe extension that lets the API reference render the package's docstrings as written.

The docstrings are plain text with doctest examples (run by the suite) and a few reST roles.
Markdown would read a bare ``>>>`` line as a nested quote and ``[('a', 1)]`` as a link, so each
run of doctest lines becomes a fenced ``pycon`` block, and ``:func:`x```, ``:class:`x``` and
````x```` become inline code. The directory's leading dot keeps it out of the site (MkDocs skips
dot-directories) and out of pytest's doctest collection (it skips them too).
"""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|exc|obj):`~?([^`]+)`")
_DOUBLE_BACKTICKS = re.compile(r"(?<!`)``([^`]+)``(?!`)")
_FENCED_BLOCK = re.compile(r"(^[ \t]*```.*?^[ \t]*```[^\n]*$)", re.M | re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")


def fence_doctests(text: str) -> str:
    """``text`` with each run of doctest lines (prompt, continuation, output) fenced as pycon;
    tests/test_docs_site.py pins its output."""
    out: list[str] = []
    in_fence = False
    doctest_indent: str | None = None  # the indentation of the open pycon fence, if any
    for line in text.splitlines():
        if doctest_indent is not None and not line.strip():
            out.append(doctest_indent + "```")
            doctest_indent = None
        elif doctest_indent is None and _FENCE.match(line):
            in_fence = not in_fence
        elif doctest_indent is None and not in_fence and line.lstrip().startswith(">>>"):
            doctest_indent = line[: len(line) - len(line.lstrip())]
            out.append(doctest_indent + "```pycon")
        out.append(line)
    if doctest_indent is not None:
        out.append(doctest_indent + "```")
    return "\n".join(out)


def plain_roles(text: str) -> str:
    """reST roles and double backticks as Markdown inline code, outside fenced blocks."""
    parts = _FENCED_BLOCK.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _DOUBLE_BACKTICKS.sub(r"`\1`", _ROLE.sub(r"`\1`", parts[i]))
    return "".join(parts)


def _resolve_aliases(obj: griffe.Object) -> None:
    """Resolve every alias under ``obj`` now, while each path still walks the tree."""
    for member in obj.members.values():
        if isinstance(member, griffe.Alias):
            with suppress(griffe.AliasResolutionError, griffe.CyclicAliasError):
                member.resolve_target()
        elif member.is_module or member.is_class:
            _resolve_aliases(member)


class MarkdownDocstrings(griffe.Extension):
    """Rewrites every docstring once the object tree is built, and keeps the package's
    functions that share a submodule's name (``toponyms.annotate``, ``toponyms.perspective``).

    Griffe loads a package's submodules after its ``__init__``, so the submodule takes the name;
    at run time the function defined after the import holds it, and that is what users call.
    """

    def __init__(self) -> None:
        super().__init__()
        self._package_functions: dict[str, dict[str, griffe.Function]] = {}

    def on_function_instance(self, *, func: griffe.Function, **kwargs: Any) -> None:
        parent = func.parent
        if isinstance(parent, griffe.Module) and parent.is_init_module:
            self._package_functions.setdefault(parent.path, {})[func.name] = func

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(fence_doctests(obj.docstring.value))

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self.on_object(obj=pkg)  # Griffe runs on_object for its members only
        functions = self._package_functions.pop(pkg.path, {})
        shadowed = {n: f for n, f in functions.items() if pkg.members.get(n) is not f}
        if shadowed:
            _resolve_aliases(pkg)  # after the swap, paths through those submodules end early
            for name, func in shadowed.items():
                self._rewrite_all(pkg.members[name])  # reached through aliases from now on
                self._rewrite_all(func)
                pkg.members[name] = func

    def _rewrite_all(self, obj: griffe.Object) -> None:
        self.on_object(obj=obj)
        for member in obj.members.values():
            if not isinstance(member, griffe.Alias):
                self._rewrite_all(member)
