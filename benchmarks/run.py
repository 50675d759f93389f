"""Run every measurement and print the figures as a Markdown table, with the machine they ran on.

    python -m benchmarks            # the full run, a few minutes
    python -m benchmarks --quick    # small repetitions and cohorts, to try it out
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from importlib import metadata

from benchmarks.figures import FULL, MEASUREMENTS, QUICK, Figure


def machine() -> list[str]:
    """What the figures were measured on: CPUs, memory, Python, and how busy the machine was."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
            memory = f", {kib / 1024 / 1024:.1f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- machine: {cpus} CPUs usable ({cpu}){memory}; {platform.platform()}",
        f"- Python {platform.python_version()}, experta {metadata.version('experta')}, "
        f"img-advisor {metadata.version('img-advisor')}",
        f"- load average before the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    digits = 3 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def table(figures: list[Figure]) -> list[str]:
    """The figures as Markdown; "met?" judges the median."""
    rows = ["| figure | median | best run | target | met? |", "|---|---:|---:|---:|:---:|"]
    for f in figures:
        target = f"{f.target} {f.unit}" if f.target else ""
        met = "" if f.target is None else "yes" if f.target.met(f.value) else "**no**"
        name = f"{f.name} — {f.note}" if f.note else f.name
        rows.append(f"| {name} | {_number(f.value, f.unit)} | {_number(f.best, f.unit)} "
                    f"| {target} | {met} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions and small cohorts: a rough look in under a minute")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    print(f"command: python -m benchmarks{' --quick' if args.quick else ''}")
    print("\n".join(machine()))
    started = time.monotonic()
    figures = []
    for measure in MEASUREMENTS:
        print(f"measuring: {measure.__doc__.splitlines()[0]}", file=sys.stderr, flush=True)
        figures += measure(settings)
    print(f"- load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"took {time.monotonic() - started:.0f} s\n")
    print("\n".join(table(figures)))
    return 0
