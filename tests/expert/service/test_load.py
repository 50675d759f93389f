"""The load test of docs/performance.md runs: ``python -m benchmarks.service``, for a second."""

from __future__ import annotations

from tests.expert.service.running import require

require("httpx")

from benchmarks import service  # noqa: E402


def test_the_load_test_serves_requests_and_prints_its_figures(capsys):
    assert service.main(["--seconds", "1", "--clients", "2", "--path", "/v1/plan"]) == 0
    out = capsys.readouterr().out
    assert "| requests answered | a second | median |" in out
    row = out.strip().splitlines()[-1]
    assert row.startswith("| ") and row.endswith("| 0 |")  # none refused or failed
