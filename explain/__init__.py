"""Provenance: the explanation graph built from recorded rule firings, and its drawings.

Works on any trace of firings and knows no residency facts.
"""

from explain.graph import build_graph, explanation_of
from explain.render import Diagram, GraphvizNotFound
from explain.trace import FactRecord, Firing, Supersession, Trace

__all__ = [
    "Diagram", "FactRecord", "Firing", "GraphvizNotFound", "Supersession", "Trace",
    "build_graph", "explanation_of",
]
