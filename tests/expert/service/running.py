"""A real decision service for the tests: uvicorn serving ``create_app`` on 127.0.0.1, on a
port the system chooses, in a thread of the test process.

The service is an optional extra: without FastAPI, uvicorn, httpx (and, for the fuzzing,
schemathesis) the service's tests are skipped, unless ``IMG_ADVISOR_REQUIRE_TOOLS`` is set
(.ci/run sets it, and installs the extra), where they fail.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from typing import Any

import pytest

from expert import service


def require(*packages: str) -> None:
    """Skip the calling test module unless the server extra and ``packages`` are installed
    (fail instead where ``IMG_ADVISOR_REQUIRE_TOOLS`` is set)."""
    absent = [*service.missing(), *(name for name in packages if find_spec(name) is None)]
    if not absent:
        return
    message = f"{', '.join(absent)} not installed (pip install -e '.[server-test]')"
    if os.environ.get("IMG_ADVISOR_REQUIRE_TOOLS"):
        pytest.fail(f"IMG_ADVISOR_REQUIRE_TOOLS is set but {message}", pytrace=False)
    pytest.skip(message, allow_module_level=True)


@contextmanager
def running(limits: Any = None, app: Any = None) -> Iterator[str]:
    """The service ``app`` (by default ``create_app(limits)``, ``limits`` an
    ``expert.service.limits.Limits``) listening on a free port of 127.0.0.1: yields its base
    URL, and stops it (and waits for it) at the end."""
    import uvicorn

    from expert.service.app import create_app

    config = uvicorn.Config(app or create_app(limits), host="127.0.0.1", port=0,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="test-service", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test service did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
