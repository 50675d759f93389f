"""Run every measurement and print the figures as a Markdown table, with the machine they ran on.

    python -m benchmarks            # the full run, some minutes
    python -m benchmarks --quick    # small repetitions and cohorts, to try it out
    python -m benchmarks --plot docs/images/performance.svg   # the growth curves drawn too

After the table come the growth tables (``benchmarks.growth``), one per curve.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

from benchmarks import clips_engine
from benchmarks.figures import FULL, MEASUREMENTS, QUICK, Figure
from benchmarks.growth import growth, growth_table, number
from benchmarks.plot import svg


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
    clips = clips_engine.MISSING or f"clipspy {metadata.version('clipspy')}"
    return [
        f"- machine: {cpus} CPUs usable ({cpu}){memory}; {platform.platform()}",
        f"- Python {platform.python_version()}, experta {metadata.version('experta')}, "
        f"img-advisor {metadata.version('img-advisor')}; {clips}",
        f"- load average before the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def _anchors(figure: Figure) -> str:
    return "; ".join(f"{a.ratio.median:.2f} × {a.name} (best {a.ratio.best:.2f} ×)"
                     for a in figure.anchors)


def table(figures: list[Figure]) -> list[str]:
    """The listed figures as Markdown, each with its ratios to its anchors; "met?" judges the
    median (or its ratio, for a target on an anchor)."""
    rows = ["| figure | median | best run | against the anchors | target | met? |",
            "|---|---:|---:|---|---:|:---:|"]
    for f in figures:
        if not f.listed:
            continue
        target = f.target.describe(f.unit) if f.target else ""
        met = {None: "", True: "yes", False: "**no**"}[f.met]
        name = f"{f.name} — {f.note}" if f.note else f.name
        value = "not measured" if math.isnan(f.value) else number(f.value, f.unit)
        rows.append(f"| {name} | {value} | {number(f.best, f.unit)} | {_anchors(f)} "
                    f"| {target} | {met} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions: a rough look in about two minutes")
    parser.add_argument("--plot", type=Path, metavar="SVG",
                        help="also draw the growth curves, as an SVG image at this path")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    print(f"command: python -m benchmarks{' --quick' if args.quick else ''}"
          f"{f' --plot {args.plot}' if args.plot else ''}")
    print("\n".join(machine()))
    if clips_engine.MISSING:
        print(f"- {clips_engine.MISSING}", file=sys.stderr)
    started = time.monotonic()
    figures = []
    for measure in MEASUREMENTS:
        what = (measure.__doc__ or measure.__name__).splitlines()[0]
        print(f"measuring: {what}", file=sys.stderr, flush=True)
        figures += measure(settings)
    print(f"- load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"took {time.monotonic() - started:.0f} s\n")
    print("\n".join(table(figures)))
    curves = growth(figures)
    for curve in curves:
        print(f"\n{curve.curve.title}:\n")
        print("\n".join(growth_table(curve)))
    if args.plot:
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        args.plot.write_text(svg(curves), encoding="utf-8")
        print(f"\ndrawn: {args.plot}")
    return 0
