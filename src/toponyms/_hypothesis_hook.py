"""The hook that registers the strategies with Hypothesis.

This is :mod:`toponyms.testing._hypothesis_hook` under its public import path: the very same module
object, so that what is patched here is patched there.
"""

import sys

from .testing import _hypothesis_hook as _module
from .testing._hypothesis_hook import *  # noqa: F403  (the public names, for type checkers)

sys.modules[__name__] = _module
