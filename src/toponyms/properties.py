"""The property suite of a gazetteer.

This is :mod:`toponyms.testing.properties` under its public import path: the very same module
object, so that what is patched here is patched there.
"""

import sys

from .testing import properties as _module
from .testing.properties import *  # noqa: F403  (the public names, for type checkers)

sys.modules[__name__] = _module
