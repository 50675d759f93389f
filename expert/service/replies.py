"""What the decision service writes back: answers as compact JSON, and every refusal in the
command line's JSON error shape, ``{"schema_version": ..., "error": ..., "problems": [...]}``.

Answers are the data the command line writes with ``--format json``, each with the
``schema_version`` first (``expert.inputs.contract.versioned``). Bad input is answered as the
command line answers it (``expert.inputs.contract.error_document``): ``error`` is ``invalid
profile``, ``invalid program list`` or ``invalid request`` (a field of the request beside
them), and each problem is ``Problem.to_dict()``, with its ``code``. The other refusals (too
slow, too busy, no Chromium) have the same shape, with a ``detail`` in words.

The same request gives the same bytes: the answers' ``to_dict()`` data have a fixed order and
nothing in them is timed or random, and the JSON is written the same way each time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from expert.errors import InputError, Problem
from expert.inputs.contract import error_document, versioned

__all__ = ["JSON_TYPE", "RequestError", "answer_bytes", "input_error_body", "json_bytes",
           "refusal_body"]

JSON_TYPE = "application/json"


class RequestError(InputError):
    """A field of a request beside the profile and the program list (a kind, a question, a
    budget, a report format) is missing or not allowed, or the request is not a JSON object."""

    subject = "request"


def json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON, in the data's own key order: what ``Advice.to_json_bytes()``
    writes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def answer_bytes(data: dict[str, Any]) -> bytes:
    """An answer's ``to_dict()`` data with its ``schema_version``, as JSON."""
    return json_bytes(versioned(data))


def input_error_body(error: InputError) -> bytes:
    """Bad input, as the command line writes it with ``--format json``."""
    return json_bytes(error_document(error.subject, error.problems, error.more_problems))


def refusal_body(error: str, problems: Iterable[Problem] = (),
                 detail: str | None = None) -> bytes:
    """A refusal for something else than bad input: what went wrong in a few words, the
    problems if any, and perhaps a detail."""
    body: dict[str, Any] = {"error": error, "problems": [p.to_dict() for p in problems]}
    if detail is not None:
        body["detail"] = detail
    return json_bytes(versioned(body))
