"""The pytest plugin that runs the property suite.

This is :mod:`toponyms.testing.plugin` under its public import path: the very same module
object, so that what is patched here is patched there.
"""

import sys

from .testing import plugin as _module
from .testing.plugin import *  # noqa: F403  (the public names, for type checkers)

sys.modules[__name__] = _module
