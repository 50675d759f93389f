"""A command in a real terminal for tests: a detached tmux session, typed into and read from.

.ci/run installs tmux and sets IMG_ADVISOR_REQUIRE_TOOLS, so there these tests run or fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None
                                and not os.environ.get("IMG_ADVISOR_REQUIRE_TOOLS"),
                                reason="no tmux (apt-get install tmux)")


class Terminal:
    """A command running in a detached tmux session, typed into and read from."""

    def __init__(self, tmp_path: Path, command: str) -> None:
        self.name = f"img-advisor-{os.getpid()}-{time.monotonic_ns()}"
        self.socket = str(tmp_path / "tmux.sock")
        self._tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "50",
                   "-c", str(tmp_path), f"{command}; echo EXIT=$?; sleep 30")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True,
                              text=True, check=True, timeout=30).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-S", "-200", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def type(self, line: str) -> None:
        if line:
            self._tmux("send-keys", "-t", self.name, "-l", line)
        self._tmux("send-keys", "-t", self.name, "Enter")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True,
                       timeout=30)


