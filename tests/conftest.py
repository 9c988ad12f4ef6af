"""Settings for every test: property tests replay the same inputs on every run.

A CI run that fails must fail again on the next run with the same inputs, so hypothesis is
derandomized and keeps no example database unless a profile of a module says otherwise
(`tests/unit/test_fuzz.py` has a `campaign` profile for long local runs).
"""

from hypothesis import settings

settings.register_profile("replay-tui", derandomize=True, database=None, deadline=None)
settings.load_profile("replay-tui")
