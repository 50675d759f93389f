"""Benchmarks for img-advisor: ``python -m benchmarks`` prints every figure with its target.

Each figure is measured by one small function in ``benchmarks.figures``; ``benchmarks.run``
runs them and prints a table. Figures are medians over repeated runs, not timed unit tests.
"""
