"""The decision service over HTTP: a real uvicorn server on 127.0.0.1, called with httpx.

Every answer is compared with the Python API's (and, where the command line writes JSON, with
the command line's), every refusal with the command line's JSON error; the limits are each
crossed once; twenty requests at once are all answered, and the same request twice gives the
same bytes.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.expert.service.running import require, running

require("httpx")

import httpx  # noqa: E402
import jsonschema  # noqa: E402
from referencing import Registry, Resource  # noqa: E402
from referencing.jsonschema import DRAFT202012  # noqa: E402

import expert  # noqa: E402
from expert import advise  # noqa: E402
from expert.cli import main  # noqa: E402
from expert.examples import EXAMPLES, example_profile, example_programs  # noqa: E402
from expert.inputs.advice_schema import advice_schema  # noqa: E402
from expert.inputs.contract import versioned  # noqa: E402
from expert.inputs.schema import profile_schema, program_list_schema  # noqa: E402
from expert.report.files import report_bytes  # noqa: E402
from expert.report.pdf import ChromiumNotFound, browser  # noqa: E402
from expert.service.app import create_app  # noqa: E402
from expert.service.limits import MAX_BODY_BYTES, Limits  # noqa: E402

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
PROFILE = example_profile("state_univ_sample")
PROGRAMS_CSV = EXAMPLES_DIR / "programs_example.csv"


def program_rows() -> list[dict[str, Any]]:
    """The example program list as JSON rows (the unknown values left out)."""
    import attrs

    return [{key: value for key, value in attrs.asdict(program).items() if value is not None}
            for program in example_programs("programs_example")]


@pytest.fixture(scope="module")
def url():
    with running() as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    with httpx.Client(base_url=url, timeout=120) as session:
        yield session


@pytest.fixture(scope="module")
def openapi(client) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def conforms(openapi: dict[str, Any], name: str, data: Any) -> None:
    """``data`` is valid against the OpenAPI document's component ``name``."""
    registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(openapi, default_specification=DRAFT202012))
    jsonschema.Draft202012Validator({"$ref": f"urn:openapi#/components/schemas/{name}"},
                                    registry=registry).validate(data)


def cli_json(capsys, *argv: Any) -> tuple[int, Any]:
    code = main([str(a) for a in argv])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def answer(data: dict[str, Any]) -> Any:
    """An answer's ``to_dict()`` as the service writes it: versioned, through JSON (tuples
    become lists)."""
    return json.loads(json.dumps(versioned(data)))


def post(client: httpx.Client, path: str, **body: Any) -> httpx.Response:
    return client.post(path, json=body)


# --- answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_advise_answers_the_python_apis_bytes_and_the_command_lines_json(client, openapi,
                                                                         capsys, name):
    response = post(client, "/v1/advise", profile=example_profile(name))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == advise(example_profile(name)).to_json_bytes()
    code, printed = cli_json(capsys, "advise", EXAMPLES_DIR / f"{name}.json", "--format", "json")
    assert code == 0 and response.json() == printed
    conforms(openapi, "Advice", response.json())


@pytest.mark.parametrize("carry", ["answers", "plan"])
def test_advise_carries_what_it_is_asked_to(client, openapi, carry):
    profile = example_profile("state_univ_sample")
    response = post(client, "/v1/advise", profile=profile, carry=carry)
    assert response.status_code == 200
    assert response.content == advise(profile).to_json_bytes(carry)
    conforms(openapi, "Advice", response.json())
    bad = post(client, "/v1/advise", profile=profile, carry="everything")
    assert bad.status_code == 422 and "carry" in bad.text


def test_advise_with_a_program_list_and_the_programs_review(client, openapi, capsys):
    rows = program_rows()
    response = post(client, "/v1/advise", profile=PROFILE, programs=rows)
    assert response.status_code == 200
    assert response.content == advise(PROFILE, programs=rows).to_json_bytes()
    assert "programs" in response.json()

    review = post(client, "/v1/programs", profile=PROFILE, programs={"programs": rows})
    assert review.status_code == 200
    code, printed = cli_json(capsys, "programs", EXAMPLES_DIR / "state_univ_sample.json",
                             PROGRAMS_CSV, "--format", "json")
    assert code == 0 and review.json() == printed
    conforms(openapi, "ProgramsReply", review.json())


@pytest.mark.parametrize("kind", ["step3", "usce_plan=get_hands_on_usce", "step:1",
                                  "step:take_step3"])
def test_why(client, openapi, kind):
    response = post(client, "/v1/why", profile=PROFILE, kind=kind)
    assert response.status_code == 200, response.text
    advice = advise(PROFILE)
    prefix, _, ref = kind.partition(":")
    expected = advice.why_step(int(ref) if ref.isdigit() else ref) if prefix == "step" \
        else advice.why(kind)
    assert response.json() == answer(expected.to_dict())
    conforms(openapi, "WhyReply", response.json())


def test_why_not_what_if_counterfactuals_and_plan(client, openapi):
    advice = advise(PROFILE)
    why_not = post(client, "/v1/why-not", profile=PROFILE, question="step3=not_needed")
    assert why_not.json() == answer(advice.why_not("step3=not_needed").to_dict())
    conforms(openapi, "WhyNotReply", why_not.json())

    changes = {"step2ck.score": 240, "visa": "h1b"}
    what_if = post(client, "/v1/what-if", profile=PROFILE, changes=changes)
    assert what_if.json() == answer(advice.what_if(changes).to_dict())
    conforms(openapi, "WhatIfReply", what_if.json())

    found = post(client, "/v1/counterfactuals", profile=PROFILE, question="step3", budget=12)
    assert found.json() == answer(advice.counterfactuals("step3", budget=12).to_dict())
    conforms(openapi, "CounterfactualsReply", found.json())
    default = post(client, "/v1/counterfactuals", profile=PROFILE, question="prelim_backup")
    assert default.json() == answer(advice.counterfactuals("prelim_backup").to_dict())

    plan = post(client, "/v1/plan", profile=PROFILE)
    whole = advice.to_dict()
    assert plan.json() == {part: whole[part] for part in
                           ("schema_version", "plan", "plan_branch", "plan_check", "calendar")}
    conforms(openapi, "Plan", plan.json())


def test_reports(client):
    advice = advise(PROFILE, programs=program_rows())
    markdown = post(client, "/v1/report", profile=PROFILE, programs=program_rows(),
                    format="markdown")
    assert markdown.status_code == 200
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.content == report_bytes(advice, "markdown")
    html = post(client, "/v1/report", profile=PROFILE)  # HTML by default
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.content == report_bytes(advise(PROFILE), "html")

    pdf = post(client, "/v1/report", profile=PROFILE, format="pdf")
    try:
        browser()
    except ChromiumNotFound as missing:
        assert pdf.status_code == 501
        assert pdf.json() == versioned({"error": "pdf needs chromium", "problems": [],
                                        "detail": str(missing)})
    else:
        assert pdf.status_code == 200, pdf.text
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-")


def test_the_report_formats_are_the_report_writers():
    import typing

    from expert.report.files import REPORT_SUFFIXES
    from expert.service.models import REPORT_FORMATS, ReportRequest

    assert set(REPORT_FORMATS) == set(REPORT_SUFFIXES.values())
    assert typing.get_args(ReportRequest.model_fields["format"].annotation) == REPORT_FORMATS


def test_pdf_without_chromium_is_501_with_the_install_hint(client, monkeypatch):
    monkeypatch.setenv("IMG_ADVISOR_CHROMIUM", "no-such-chromium-program")
    response = post(client, "/v1/report", profile=PROFILE, format="pdf")
    assert response.status_code == 501
    assert "apt-get install chromium" in response.json()["detail"]


def test_health_docs_and_the_openapi_document(client, openapi):
    health = client.get("/v1/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert health.json()["limits"]["body_bytes"] == MAX_BODY_BYTES
    conforms(openapi, "HealthReply", health.json())
    assert client.get("/docs").status_code == 200

    assert openapi["openapi"].startswith("3.1")
    paths = {path: sorted(operations) for path, operations in openapi["paths"].items()}
    assert paths == {"/v1/advise": ["post"], "/v1/why": ["post"], "/v1/why-not": ["post"],
                     "/v1/what-if": ["post"], "/v1/counterfactuals": ["post"],
                     "/v1/programs": ["post"], "/v1/plan": ["post"], "/v1/report": ["post"],
                     "/v1/health": ["get"]}
    schemas = openapi["components"]["schemas"]
    # the contract is one: the repository's JSON Schemas are the OpenAPI document's
    profile = profile_schema()
    assert schemas["Profile"]["properties"].keys() == profile["properties"].keys()
    assert schemas["Profile"]["properties"]["specialty"] == profile["properties"]["specialty"]
    assert schemas["Step2CK"] == json.loads(json.dumps(profile["$defs"]["Step2CK"]).replace(
        "#/$defs/", "#/components/schemas/"))
    assert schemas["Program"] == program_list_schema()["$defs"]["Program"]
    advice = {k: v for k, v in advice_schema().items() if k not in ("$schema", "$id")}
    assert schemas["Advice"] == advice
    assert openapi["paths"]["/v1/advise"]["post"]["responses"]["200"]["content"][
        "application/json"]["schema"] == {"$ref": "#/components/schemas/Advice"}
    why = schemas["WhyRequest"]["properties"]
    assert why["profile"]["allOf"] == [{"$ref": "#/components/schemas/Profile"}]
    assert "$defs" not in json.dumps(openapi)


# --- refusals -----------------------------------------------------------------------------------

BAD_PROFILES = [
    {"specialty": "cardiology"},
    {"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 900}, "vissa": "j1"},
    {**PROFILE, "citizenship": "us_citizen", "visa": "j1"},
    [PROFILE],
    "expert/examples/state_univ_sample.json",  # never read as a file on the server
]


@pytest.mark.parametrize("profile", BAD_PROFILES, ids=range(len(BAD_PROFILES)))
def test_bad_profiles_are_422_with_the_command_lines_problems(client, openapi, capsys, tmp_path,
                                                              profile):
    response = post(client, "/v1/advise", profile=profile)
    assert response.status_code == 422
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(profile), "utf-8")
    code, printed = cli_json(capsys, "advise", path, "--format", "json")
    assert code == 2 and response.json() == printed
    assert response.json()["error"] == "invalid profile"
    conforms(openapi, "Error", response.json())
    for endpoint, more in [("/v1/why", {"kind": "step3"}), ("/v1/plan", {}),
                           ("/v1/report", {"format": "markdown"})]:
        assert post(client, endpoint, profile=profile, **more).json() == printed


def test_a_bad_program_list_is_422_naming_row_and_column(client):
    rows = program_rows()
    rows[1]["img_percent"] = 140
    response = post(client, "/v1/programs", profile=PROFILE, programs=rows)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid program list"
    assert body["problems"][0]["path"] == "programs[1].img_percent"
    assert body["problems"][0]["code"] == "out_of_range"
    for not_a_list in ("/etc/passwd", None, {"programs": None}):
        refused = post(client, "/v1/programs", profile=PROFILE, programs=not_a_list)
        assert refused.status_code == 422
        assert refused.json()["error"] == "invalid program list"


def test_an_unknown_kind_or_question_is_422_naming_what_is_allowed(client):
    response = post(client, "/v1/why", profile=PROFILE, kind="step4")
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert (problem["path"], problem["value"], problem["code"]) == ("kind", "step4", "not_one_of")
    assert "apply_count" in problem["allowed"] and "step:1 to step:" in problem["allowed"]
    several = post(client, "/v1/why", profile=PROFILE, kind="usce_plan").json()
    assert "usce_plan=get_hands_on_usce" in several["problems"][0]["allowed"]
    assert post(client, "/v1/why", profile=PROFILE, kind="step:99").status_code == 422

    for path in ("/v1/why-not", "/v1/counterfactuals"):
        refused = post(client, path, profile=PROFILE, question="step3=maybe")
        assert refused.status_code == 422
        assert refused.json()["problems"][0]["path"] == "question"
        assert "take" in refused.json()["problems"][0]["allowed"]
    bad_change = post(client, "/v1/what-if", profile=PROFILE, changes={"usce[5].months": 2})
    assert bad_change.status_code == 422
    assert bad_change.json()["error"] == "invalid profile"


def test_the_requests_own_fields_are_checked_with_problems_in_the_same_shape(client):
    body = post(client, "/v1/why", profile=PROFILE, kinds="step3", budget=3).json()
    assert body["error"] == "invalid request"
    by_path = {p["path"]: p for p in body["problems"]}
    assert by_path["kind"]["missing"] is True and by_path["kind"]["code"] == "missing"
    assert by_path["kinds"]["code"] == "unknown_field"
    assert 'did you mean "kind"?' in by_path["kinds"]["allowed"]
    assert by_path["budget"]["choices"] == ["profile", "kind"]

    budget = post(client, "/v1/counterfactuals", profile=PROFILE, question="step3",
                  budget=0).json()["problems"]
    assert [(p["path"], p["code"], p["range"]) for p in budget] == \
        [("budget", "out_of_range", [1, 500])]
    for value in ("12", True, 1.5):
        wrong = post(client, "/v1/counterfactuals", profile=PROFILE, question="step3",
                     budget=value)
        assert wrong.status_code == 422
        assert wrong.json()["problems"][0]["code"] == "wrong_type"
    assert post(client, "/v1/counterfactuals", profile=PROFILE, question="step3",
                budget=12.0).json() == post(client, "/v1/counterfactuals", profile=PROFILE,
                                            question="step3", budget=12).json()
    fmt = post(client, "/v1/report", profile=PROFILE, format="docx").json()["problems"][0]
    assert fmt["choices"] == ["html", "markdown", "pdf"] and fmt["code"] == "not_one_of"
    assert post(client, "/v1/what-if", profile=PROFILE, changes={}).status_code == 422
    missing = post(client, "/v1/advise").json()["problems"][0]
    assert (missing["path"], missing["code"]) == ("profile", "missing")


def test_bodies_that_are_not_json_objects(client):
    def send(content: bytes, content_type: str | None = "application/json") -> httpx.Response:
        headers = {} if content_type is None else {"Content-Type": content_type}
        return client.post("/v1/advise", content=content, headers=headers)

    assert send(b"profile=1", "application/x-www-form-urlencoded").status_code == 415
    assert send(b"{}", None).status_code == 415
    assert send(b'{"profile": {}}', "application/problem+json").status_code == 422
    cases = {b"": "bad_syntax", b"[1": "bad_syntax", b"[1]": "wrong_type",
             b'{"profile": NaN}': "bad_syntax", b"\xff\xfe": "bad_encoding",
             b'{"profile": {}, "profile": {}}': "duplicate_key",
             b'{"profile": ' + b"[" * 40 + b"]" * 40 + b"}": "too_deep",
             b'{"profile": {"specialty": "\\ud800"}}': "bad_encoding"}
    for content, code in cases.items():
        response = send(content)
        assert response.status_code == 422, content
        assert response.json()["error"] == "invalid request"
        assert response.json()["problems"][0]["code"] == code, content


def test_an_oversized_body_is_413(client):
    big = b'{"profile": "' + b"x" * MAX_BODY_BYTES + b'"}'
    response = client.post("/v1/advise", content=big,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"] == "request too large"
    assert response.json()["problems"][0]["code"] == "too_long"

    def chunks():  # no Content-Length: refused as the byte past the limit arrives
        yield b'{"profile": "'
        for _ in range(20):
            yield b"x" * 100_000
        yield b'"}'

    streamed = client.post("/v1/advise", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert streamed.json()["error"] == "request too large"


def test_unknown_paths_and_methods_answer_in_the_same_shape(client):
    assert client.get("/v2/advise").json() == versioned({"error": "not found", "problems": []})
    wrong = client.get("/v1/advise")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method not allowed"
    assert "POST" in wrong.headers["allow"]


# --- many at once, and the same twice -----------------------------------------------------------

def _requests() -> list[tuple[str, dict[str, Any]]]:
    profiles = [example_profile(name) for name in EXAMPLES]
    asked = []
    for number in range(20):
        profile = profiles[number % len(profiles)]
        asked.append([
            ("/v1/advise", {"profile": profile}),
            ("/v1/why", {"profile": profile, "kind": "step3"}),
            ("/v1/why-not", {"profile": profile, "question": "prelim_backup=true"}),
            ("/v1/what-if", {"profile": profile, "changes": {"step2ck.score": 245}}),
            ("/v1/plan", {"profile": profile}),
        ][number % 5])
    return asked


def test_twenty_requests_at_once_are_all_answered_correctly(url, client):
    asked = _requests()
    expected = [client.post(path, json=body).content for path, body in asked]

    async def all_at_once() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=url, timeout=120) as session:
            return await asyncio.gather(*(session.post(path, json=body)
                                          for path, body in asked))

    answers = asyncio.run(all_at_once())
    assert [a.status_code for a in answers] == [200] * len(asked)
    assert [a.content for a in answers] == expected


def test_the_same_request_gives_the_same_bytes(client):
    asked = [*_requests()[:5],
             ("/v1/counterfactuals", {"profile": PROFILE, "question": "step3"}),
             ("/v1/programs", {"profile": PROFILE, "programs": program_rows()}),
             ("/v1/report", {"profile": PROFILE, "format": "markdown"}),
             ("/v1/report", {"profile": PROFILE, "format": "html"}),
             ("/v1/advise", {"profile": {"specialty": "cardiology"}})]
    for path, body in asked:
        first, second = client.post(path, json=body), client.post(path, json=body)
        assert first.content == second.content, path


# --- the limits ---------------------------------------------------------------------------------

def test_an_answer_over_the_time_limit_is_504():
    import attrs

    from benchmarks.program_lists import generated_programs

    rows = [{key: value for key, value in attrs.asdict(program).items() if value is not None}
            for program in generated_programs(1500)]  # half a second's work, 370 KB
    with running(Limits(seconds=0.1)) as base, httpx.Client(base_url=base, timeout=60) as late:
        response = late.post("/v1/programs", json={"profile": PROFILE, "programs": rows})
        assert response.status_code == 504
        assert response.json()["error"] == "timed out"
        assert late.get("/v1/health").status_code == 200  # the server goes on


def test_work_beyond_the_bound_waits_and_requests_beyond_the_admitted_are_503():
    limits = Limits(concurrent=1, waiting=3)
    app = create_app(limits)
    with running(app=app) as base:
        async def at_once(count: int) -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=base, timeout=60) as session:
                return await asyncio.gather(*(session.post("/v1/plan", json={"profile": PROFILE})
                                              for _ in range(count)))

        assert [r.status_code for r in asyncio.run(at_once(3))] == [200] * 3  # one at a time
        gate = app.state.gate
        gate.admitted = limits.waiting  # as if three requests were being answered
        try:
            refused = httpx.post(f"{base}/v1/advise", json={"profile": PROFILE}, timeout=60)
        finally:
            gate.admitted = 0
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["error"] == "busy"
        assert httpx.post(f"{base}/v1/advise", json={"profile": PROFILE},
                          timeout=60).status_code == 200


def test_a_body_that_arrives_too_slowly_is_408():
    with running(Limits(read_seconds=0.3)) as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            raw.sendall(b"POST /v1/advise HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                        b"\r\nContent-Length: 100\r\n\r\n{\"profile\"")
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.endswith(b"}"):
                piece = raw.recv(4096)
                if not piece:
                    break
                answer += piece
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408")
        assert json.loads(body)["error"] == "request timed out"


# --- the command ------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_img_advisor_serve_runs_until_stopped():
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "expert", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, \
                    process.stdout.read() if process.stdout else ""
                time.sleep(0.1)
        assert health.status_code == 200
        answer = httpx.post(f"http://127.0.0.1:{port}/v1/advise", json={"profile": PROFILE},
                            timeout=60)
        assert answer.content == advise(PROFILE).to_json_bytes()
        # as a service manager stops it: the requests in flight are finished, and that is a
        # clean end (uvicorn's), not an interrupted command
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_without_the_extra_exits_3_naming_it(capsys, monkeypatch):
    from expert import service

    monkeypatch.setattr(service, "missing", lambda: ["fastapi", "uvicorn"])
    assert main(["serve"]) == 3
    assert "pip install 'img-advisor[server]'" in capsys.readouterr().err


def test_serve_refuses_a_bad_port_or_workers(capsys):
    for argv in (["serve", "--port", "70000"], ["serve", "--workers", "0"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
    assert "port" in capsys.readouterr().err
