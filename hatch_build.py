"""Wheel build hook: ship the bundled gazetteer compiled (``toponyms build``), so that the
first ``import toponyms`` of an installed wheel reads the artifact instead of the YAML."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledGazetteerHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install compiles into the user's cache on first use
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from toponyms.data.artifact import build
        finally:
            sys.path.pop(0)
        output = Path(tempfile.mkdtemp(prefix="toponyms-build-"))
        artifact = build(Path(self.root) / "gazetteer", output)
        build_data["force_include"][str(artifact)] = f"toponyms/_compiled/{artifact.name}"
