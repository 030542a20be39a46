"""Hypothesis strategies over a gazetteer's data.

This is :mod:`toponyms.testing.strategies` under its public import path: the very same module
object, so that what is patched here is patched there.
"""

import sys

from .testing import strategies as _module
from .testing.strategies import *  # noqa: F403  (the public names, for type checkers)

sys.modules[__name__] = _module
