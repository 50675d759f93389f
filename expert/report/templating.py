"""The report's templates (Jinja2), loaded from ``templates/`` in this package.

HTML and SVG templates escape every value they are given (autoescape); the Markdown template
escapes through the ``md`` filter. Every value also passes through ``visible`` first, so that a
control character or a bidirectional override from a profile or a program list shows as an
escape (``\\x1b``) rather than being written into the file.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from explain.render import visible

__all__ = ["markdown_text", "render_template"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
"""What Markdown reads as markup inside a line: emphasis, code, links, HTML, table cells.
(The templates never start a line with a value, so ``#``, ``-`` and ``1.`` need no escape.)"""


def markdown_text(value: Any) -> str:
    r"""``value`` as Markdown text that shows as written: every character Markdown or HTML would
    read as markup inside a line is escaped with a backslash, and a line break becomes a space
    (a table cell stays on its line).

    >>> print(markdown_text("<b>St. Mary's | *Main*</b>"))
    \<b\>St. Mary's \| \*Main\*\</b\>
    """
    text = visible(str(value)).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _visible(value: Any) -> Any:
    """Every value printed by a template, with control characters made visible (markup that a
    template builds itself, like an inline SVG, passes as it is)."""
    if isinstance(value, Markup) or value is None:
        return value
    return visible(str(value))


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("expert.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"]),
        finalize=_visible, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["md"] = markdown_text
    return environment


def render_template(name: str, **context: Any) -> str:
    """Fill in the template ``name`` (e.g. ``report.html``)."""
    return _environment().get_template(name).render(**context)
