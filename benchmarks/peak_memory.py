"""Running ``img-advisor`` as a measured process that reports its own peak memory.

The peak must be the measured process's own. ``getrusage(RUSAGE_SELF).ru_maxrss`` is not:
Linux keeps a process's ``maxrss`` across ``exec``, so a process started by the benchmark
(which forks or vforks, then execs Python) reports at least the benchmark's own peak at the
time it was started. ``VmHWM`` in ``/proc/self/status`` is the high-water mark of the address
space the process has now, which ``exec`` makes new; so the measured process reads it itself,
as its last step, and writes it with its exit code on its standard error.

Its workers are measured by ``getrusage(RUSAGE_CHILDREN)`` in the same process: the largest
peak among the children it has waited for. That is each worker's own when the workers are
forked and not exec'd (multiprocessing's default on Linux), which is checked: under another
start method the workers' figure is left out (``None``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["MEASURED_MAIN", "Report", "measured", "started"]

MEASURED_MAIN = """
import json, multiprocessing, resource, sys
from expert.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:  # --help, --version
    code = stop.code or 0
with open("/proc/self/status", encoding="ascii") as status:
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
forked = multiprocessing.get_start_method() == "fork"
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if forked else None
print("BENCHMARK " + json.dumps({"code": code, "own": own, "children": children}),
      file=sys.stderr)
"""
"""The measured process: ``img-advisor`` with the arguments given, then its report."""


@attrs.frozen
class Report:
    """What a measured process says of itself; memory in KiB."""

    code: int
    own: int
    """The process's own peak resident size."""
    children: int | None
    """The largest peak among its workers (0: it had none; None: not known)."""

    @property
    def largest(self) -> int:
        return max(self.own, self.children or 0)


def started(arguments: Sequence[str], **popen: Any) -> subprocess.Popen[str]:
    """``img-advisor <arguments>`` started as a measured process (its stderr piped)."""
    return subprocess.Popen([sys.executable, "-c", MEASURED_MAIN, *arguments],
                            stderr=subprocess.PIPE, text=True, **popen)


def measured(process: subprocess.Popen[str]) -> Report:
    """Wait for a measured process and read its report; an error if it failed."""
    stderr = process.communicate()[1]
    if "BENCHMARK " not in stderr:
        raise RuntimeError(f"the measured process gave no report: {stderr}")
    report = Report(**json.loads(stderr.rpartition("BENCHMARK ")[2]))
    if report.code != 0:
        raise RuntimeError(f"img-advisor exited with {report.code}: {stderr}")
    return report
