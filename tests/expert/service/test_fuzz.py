"""The decision service fuzzed from its own OpenAPI document: schemathesis, run against a real
server on 127.0.0.1, sends each operation's examples, the boundary and negative cases of its
schemas (coverage) and 30 generated requests, and checks every answer: no server error, every
status and media type documented, every body valid against its schema, every request the
schema refuses refused with a 4xx, no method but the documented one accepted.

Not checked: that every request the schema allows is answered with 2xx. The profile's JSON
Schema cannot say the rules between its fields (a visa only for non-US citizens, a Step 2 CK
score only once taken; its description says them), so a schema-valid profile may rightly be
refused with 422.

PDF reports are printed by a stand-in for Chromium (a script that writes a one-line PDF): the
fuzzing is about the service, and the real printing is tested beside the other reports.
"""

from __future__ import annotations

import subprocess
import sys

from tests.expert.service.running import require, running

require("httpx", "schemathesis")

FAKE_CHROMIUM = """#!/bin/sh
for argument; do
  case "$argument" in --print-to-pdf=*) printf '%%PDF-1.4 stand-in' > "${argument#*=}";; esac
done
"""


def test_the_service_holds_to_its_openapi_document(tmp_path, monkeypatch):
    chromium = tmp_path / "chromium"
    chromium.write_text(FAKE_CHROMIUM, "utf-8")
    chromium.chmod(0o755)
    monkeypatch.setenv("IMG_ADVISOR_CHROMIUM", str(chromium))
    with running() as base:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/openapi.json",
             "--phases", "examples,coverage,fuzzing", "--max-examples", "30", "--seed", "1",
             "--checks", "all", "--exclude-checks", "positive_data_acceptance",
             "--request-timeout", "60", "--no-shrink"],
            cwd=tmp_path, capture_output=True, text=True, timeout=600,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "9 selected / 9 total" in run.stdout
