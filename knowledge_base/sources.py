"""The guidance documents the knowledge base encodes, and how rules cite them.

A citation names a document by its id and one of its section headings, written exactly as the
heading stands in the document so that it can be checked and found.
"""

from __future__ import annotations

import attrs

__all__ = ["DOCUMENTS", "Source", "cite"]

DOCUMENTS: dict[str, str] = {
    "pmr": "Low Step Score Strategies for Non-US Citizen IMG in PM&R Residency",
    "state_univ": "Strategic Low Step Score Guide for Non-US Citizen IMGs in Residency",
    "med_peds": "Strategies for Non-US Citizen IMGs with Low Step Scores in Med-Peds",
    "med_psych": (
        "Essential Strategies for Non-US Citizen IMGs with Low Step Scores in Med-Psych Residency"
    ),
    "safety_nets": "Low Step Scores? Redirecting Your List Toward IMG-Friendly Safety Nets",
}


def _known_document(_instance: object, _attribute: object, doc: str) -> None:
    if doc not in DOCUMENTS:
        raise ValueError(f"unknown document id {doc!r}; known: {', '.join(DOCUMENTS)}")


@attrs.frozen(order=True)
class Source:
    """A section of one of the guidance documents."""

    doc: str = attrs.field(validator=_known_document)
    section: str

    @property
    def title(self) -> str:
        return DOCUMENTS[self.doc]

    def __str__(self) -> str:
        return f"{self.doc} § {self.section}"


def cite(doc: str, *sections: str) -> tuple[Source, ...]:
    """Citations of several sections of one document."""
    return tuple(Source(doc, section) for section in sections)
