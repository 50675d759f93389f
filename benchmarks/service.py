"""A load of bounded length on the decision service: ``img-advisor serve`` started as a user
starts it, on a free port of 127.0.0.1, and a number of clients, each sending one request
after another for a number of seconds; it prints the requests answered a second and the
latencies (median, 90th and 99th percentile, slowest).

    python -m benchmarks.service                         # 10 s, 4 clients, /v1/advise
    python -m benchmarks.service --seconds 30 --clients 8 --workers 2
    python -m benchmarks.service --path /v1/why          # why step3, for the same profiles

The requests are the synthetic cohort's profiles (``benchmarks.cohort``) in turn, so each is
a different consultation. The clients run in this process (httpx, one connection each), on
the same machine as the server: what they cost is taken from the server's CPUs. Needs the
server extra and httpx (``pip install -e '.[server-test]'``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.cohort import cohort
from benchmarks.run import machine

BODIES = {
    "/v1/advise": lambda profile: {"profile": profile},
    "/v1/why": lambda profile: {"profile": profile, "kind": "step3"},
    "/v1/why-not": lambda profile: {"profile": profile, "question": "prelim_backup=true"},
    "/v1/what-if": lambda profile: {"profile": profile, "changes": {"visa": "h1b"}},
    "/v1/plan": lambda profile: {"profile": profile},
}
"""The paths a load can be put on, and the request for a profile."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _started(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """``img-advisor serve`` on a free port, once it answers ``/v1/health``."""
    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "expert", "serve", "--port", str(port),
                               "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/v1/health", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("img-advisor serve did not start")
        time.sleep(0.1)


async def _load(base: str, path: str, bodies: list[dict[str, Any]], clients: int,
                seconds: float) -> tuple[list[float], int, float]:
    """``clients`` loops, each sending requests one after another until ``seconds`` are up:
    the latency of each answered request, how many were refused or failed, and the time
    taken."""
    import httpx

    latencies: list[float] = []
    failed = 0

    async def client(number: int, session: httpx.AsyncClient, until: float) -> None:
        nonlocal failed
        turn = number
        while time.monotonic() < until:
            body = bodies[turn % len(bodies)]
            turn += clients
            sent = time.perf_counter()
            response = await session.post(path, json=body)
            if response.status_code == 200:
                latencies.append(time.perf_counter() - sent)
            else:
                failed += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as session:
        for body in bodies[:clients]:  # each connection opened, each worker thread warmed
            await session.post(path, json=body)
        started = time.monotonic()
        await asyncio.gather(*(client(n, session, started + seconds) for n in range(clients)))
        return latencies, failed, time.monotonic() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.service",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="how long the load lasts (default: %(default)s)")
    parser.add_argument("--clients", type=int, default=4,
                        help="clients sending at once (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (img-advisor serve --workers; default: "
                             "%(default)s)")
    parser.add_argument("--path", choices=sorted(BODIES), default="/v1/advise",
                        help="what to ask (default: %(default)s)")
    args = parser.parse_args(argv)
    bodies = [BODIES[args.path](profile) for profile in cohort(200)]
    print(f"command: python -m benchmarks.service --seconds {args.seconds:g} --clients "
          f"{args.clients} --workers {args.workers} --path {args.path}")
    print("\n".join(machine()))
    server, base = _started(args.workers)
    try:
        latencies, failed, took = asyncio.run(_load(base, args.path, bodies, args.clients,
                                                    args.seconds))
    finally:
        server.terminate()
        server.wait(30)
    if not latencies:
        print("no request was answered")
        return 1
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"- load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| requests answered | a second | median | 90th percentile | 99th percentile | "
          "slowest | refused or failed |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(latencies):,} | {len(latencies) / took:.0f} | "
          f"{_ms(statistics.median(latencies))} | {_ms(cuts[89])} | {_ms(cuts[98])} | "
          f"{_ms(max(latencies))} | {failed} |")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
