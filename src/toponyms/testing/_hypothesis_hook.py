"""The ``hypothesis`` entry point: st.from_type(Place) and st.from_type(Name) draw real values.

Hypothesis calls :func:`register` while it is being imported, so this module imports nothing of
toponyms' strategies until a value is first drawn, and reads no gazetteer until then either.
"""

from __future__ import annotations

from typing import Any


def _places() -> Any:
    from .. import default_gazetteer
    from .strategies import place_ids

    gazetteer = default_gazetteer()
    return place_ids(gazetteer=gazetteer).map(gazetteer.get)


def _names() -> Any:
    from .strategies import names

    return names()


def register() -> None:
    """Register toponyms' value types with Hypothesis (lazily)."""
    from hypothesis import strategies as st

    from .._model import Name, Place

    st.register_type_strategy(Place, st.deferred(_places))
    st.register_type_strategy(Name, st.deferred(_names))
