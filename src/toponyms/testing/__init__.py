"""Testing a gazetteer: Hypothesis strategies over its data (:mod:`.strategies`), the property
suite every file must satisfy (:mod:`.properties`), the pytest plugin that runs it
(:mod:`.plugin`) and the hook that registers the strategies with Hypothesis.

The public import paths stay as they were: ``toponyms.strategies``, ``toponyms.properties`` and
``toponyms.pytest_plugin`` are these very modules.
"""
