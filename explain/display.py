"""How answers show themselves in IPython and Jupyter: as their text in a console, as a small
HTML fragment in a notebook.

``html_text`` is the one way text reaches a fragment: control characters and bidirectional
overrides made visible (``explain.render.visible``), then escaped (``html.escape``), for names
and values from a profile or a program list are shown, never interpreted. The fragments of the
answers ``explain`` owns (``why_html``) are here; those of the advisor's answers are in
``expert.report.html_view``, which builds on ``html_text``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from explain.render import visible

if TYPE_CHECKING:
    from explain.why import Why

__all__ = ["ShowsAsText", "counted", "html_text", "why_html"]


class ShowsAsText:
    """Shown in IPython and Jupyter as its text (``str``), which is written for a person,
    rather than as the long field-by-field ``repr`` of its class."""

    __slots__ = ()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("..." if cycle else str(self))


def counted(number: int, noun: str) -> str:
    """``2 rules``, ``1 rule``: for the one-line ``repr`` of an answer."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def html_text(text: object) -> str:
    """``text`` for an HTML fragment: control characters visible, then escaped.

    >>> html_text("<b>Lake\\x1bView</b> & co")
    '&lt;b&gt;Lake\\\\x1bView&lt;/b&gt; &amp; co'
    """
    return escape(visible(str(text)))


def why_html(why: Why) -> str:
    """The inputs it starts from, each rule in order (what it matched, what it concluded, its
    sources), and what was superseded."""
    steps = "".join(
        f"<li><strong>{html_text(step.title)}</strong> [{html_text(step.strength)}] "
        f"(<code>{html_text(step.rule)}</code>)<br>"
        f"because: {html_text('; '.join(step.premises))}<br>"
        f"so: {html_text('; '.join(step.conclusions))}"
        + "".join(f"<br>source: {html_text(source)}" for source in step.sources)
        + "</li>"
        for step in why.steps)
    superseded = "".join(
        f"<li>{html_text(item.proposal)} (<code>{html_text(item.rule)}</code>): "
        f"{html_text(item.reason)}</li>"
        for item in why.superseded)
    return (f"<div><h3>Why {html_text(why.subject)}</h3>"
            f"<p>From the profile: {html_text('; '.join(why.inputs))}</p><ol>{steps}</ol>"
            + (f"<p>Superseded:</p><ul>{superseded}</ul>" if superseded else "")
            + "</div>")
