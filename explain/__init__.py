"""Provenance: the explanation graph built from recorded rule firings, and its drawings.

Works on any trace of firings and knows no residency facts.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "build_graph": "explain.graph", "explanation_of": "explain.graph",
    "Diagram": "explain.render", "GraphvizNotFound": "explain.render",
    "FactRecord": "explain.trace", "Firing": "explain.trace", "Supersession": "explain.trace",
    "Trace": "explain.trace",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    # Names are imported on first use: importing explain.trace alone (as every consultation
    # does) must not import networkx and graphviz, which only graphs and drawings need.
    if name not in _EXPORTS:
        raise AttributeError(f"module 'explain' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
