"""Running the decision service: uvicorn serving ``expert.service.app.create_app``, in one
process or several."""

from __future__ import annotations

__all__ = ["APP_FACTORY", "KEEP_ALIVE", "MAX_CONNECTIONS", "serve"]

APP_FACTORY = "expert.service.app:create_app"
MAX_CONNECTIONS = 256
"""Connections and requests in flight one process takes (uvicorn's ``limit_concurrency``);
beyond it uvicorn answers 503 itself, before the app. Above the app's own bound
(``limits.MAX_WAITING``), so that the app's 503, in the service's JSON, is the one seen."""
KEEP_ALIVE = 5
"""Seconds an idle connection is kept open."""


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve until stopped: Ctrl-C or SIGTERM end it gracefully (the requests in flight are
    answered) and it returns, a clean end rather than an interrupted command; ``workers``
    processes share the port."""
    import uvicorn

    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers,
                limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE,
                server_header=False, log_level="info")
