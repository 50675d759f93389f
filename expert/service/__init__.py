"""The decision service: what the command line answers, over HTTP (``img-advisor serve``).

``app`` (the ASGI app on FastAPI: its routes, how requests are read and refused), ``models``
(the requests and answers as OpenAPI schemas, with the repository's JSON Schemas of the
profile, the program list and the advice), ``limits`` (request size, JSON depth, time limits,
work at once), ``replies`` (answers as JSON, refusals in the command line's error shape),
``server`` (running it under uvicorn). See docs/api.md#the-decision-service.

FastAPI and uvicorn are an optional extra (``pip install 'img-advisor[server]'``): this
module imports neither, so that ``missing`` can say what is not installed.
"""

from __future__ import annotations

from importlib.util import find_spec

__all__ = ["INSTALL_HINT", "PACKAGES", "missing"]

PACKAGES = ("fastapi", "uvicorn")
"""What the service needs beyond the advisor: the ``server`` extra."""
INSTALL_HINT = "pip install 'img-advisor[server]'"


def missing() -> list[str]:
    """The packages of the ``server`` extra that are not installed."""
    return [name for name in PACKAGES if find_spec(name) is None]
