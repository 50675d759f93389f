"""Benchmarks for img-advisor: ``python -m benchmarks`` prints every figure with its target.

Each figure is measured by one small function in ``benchmarks.figures``; ``benchmarks.run``
runs them and prints a table, then the growth tables (``growth``) and, if asked, a plot
(``plot``). Figures are medians over repeated runs, not timed unit tests. The anchors they are
measured against are CLIPS running the same rules (``clips_rules`` writes them as CLIPS,
``clips_engine`` runs them) and the plain-Python ``floor``, each checked by ``agreement``
before it is timed; ``rule_copies`` makes larger rule bases, ``peak_memory`` measured
processes, ``timing`` the paired timings.
"""
