"""The decision service: an ASGI app (FastAPI) that answers what the command line answers,
over HTTP, JSON in and out.

Every answer is worked out by the Python API (``advise`` and the ``Advice``'s questions, the
report writer) in the gate's thread pool (``expert.service.limits``); the event loop only
reads requests, refuses them and writes answers. Requests are read by the command line's own
readers, and refused in its JSON error shape (``expert.service.replies``); the OpenAPI
document is generated from the request and answer models and carries the repository's JSON
Schemas of the profile, the program list and the advice (``expert.service.models``).

    POST /v1/advise           profile [+ programs]   -> the advice (advise --format json)
    POST /v1/why              profile + kind          -> why the advice says it
    POST /v1/why-not          profile + question      -> why it does not say it
    POST /v1/what-if          profile + changes       -> what would change
    POST /v1/counterfactuals  profile + question [+ budget] -> the smallest changes that would
    POST /v1/programs         profile + programs      -> the program review (programs --format json)
    POST /v1/plan             profile                 -> the plan
    POST /v1/report           profile [+ programs] [+ format] -> the report (HTML, Markdown, PDF)
    GET  /v1/health, /openapi.json, /docs
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from importlib import metadata
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from expert.advice import Advice, advise
from expert.errors import MISSING, InputError, Problem
from expert.inputs.profiles import profile_from_dict
from expert.inputs.program_lists import programs_from_data
from expert.inputs.text import MAX_DEPTH, Unreadable, load_json
from expert.report.files import report_bytes
from expert.report.pdf import ChromiumNotFound, PdfFailed, browser
from expert.service.limits import (
    RETRY_AFTER,
    BodyTooLarge,
    Busy,
    Gate,
    Limits,
    ReadTimedOut,
    TimedOut,
    body_size_limit,
)
from expert.service.models import (
    ADVICE,
    ERROR,
    PLAN,
    AdviseRequest,
    CounterfactualsReply,
    CounterfactualsRequest,
    HealthReply,
    PlanRequest,
    ProgramsReply,
    ProgramsRequest,
    RefusalReply,
    ReportRequest,
    WhatIfReply,
    WhatIfRequest,
    WhyNotReply,
    WhyNotRequest,
    WhyReply,
    WhyRequest,
    component,
    openapi_components,
    request_problems,
)
from expert.service.replies import (
    JSON_TYPE,
    RequestError,
    answer_bytes,
    input_error_body,
    refusal_body,
)

__all__ = ["REPORT_TYPES", "TITLE", "NotJson", "create_app"]

TITLE = "img-advisor decision service"
REPORT_TYPES = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8",
                "pdf": "application/pdf"}
"""The media type of each report format."""


class NotJson(RequestError):
    """The request does not say its body is JSON (415)."""


# --- reading a request -------------------------------------------------------------------------

def _is_json(content_type: Optional[str]) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media == JSON_TYPE or (media.startswith("application/") and media.endswith("+json"))


def read_request_json(raw: bytes) -> Any:
    """The request body as JSON data, read as the command line reads a profile's JSON
    (``expert.inputs.text.load_json``: no key twice, no NaN, nested at most ``MAX_DEPTH``,
    nothing UTF-8 cannot hold); ``RequestError`` when it is not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestError([Problem("", repr(raw[:40]), f"UTF-8 text ({error})",
                                    code="bad_encoding")]) from None
    try:
        return load_json(text)
    except Unreadable as error:
        excerpt = text if len(text) <= 40 else text[:37] + "..."
        raise RequestError([Problem("", excerpt, error.allowed, code=error.code)]) from None


class _JsonRequest(Request):
    """A request whose body is read by ``read_request_json``, within the read time limit."""

    async def json(self) -> Any:
        if not hasattr(self, "_data"):
            limits: Limits = self.app.state.limits
            content_type = self.headers.get("content-type")
            if not _is_json(content_type):
                raise NotJson([Problem("Content-Type", MISSING if content_type is None
                                       else content_type, JSON_TYPE, code="wrong_type",
                                       choices=(JSON_TYPE,))])
            try:
                raw = await asyncio.wait_for(self.body(), limits.read_seconds)
            except asyncio.TimeoutError:
                raise ReadTimedOut(f"the body did not arrive within {limits.read_seconds:g} s") \
                    from None
            self._data = read_request_json(raw)
        return self._data


class _JsonRoute(APIRoute):
    """A route whose request body is read as ``_JsonRequest`` reads it, before FastAPI
    validates it against the model (FastAPI would turn a reader's refusal into a bare 400)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if "POST" not in (self.methods or ()):
            return handler

        async def read_then_handle(request: Request) -> Response:
            request = _JsonRequest(request.scope, request.receive)
            await request.json()
            return await handler(request)

        return read_then_handle


# --- the answers -------------------------------------------------------------------------------

def _advised(profile: Any, programs: Any = None) -> Advice:
    """The advice for the request's profile (and program list), each read by the command
    line's reader; never a file name read on the server."""
    valid = profile_from_dict(profile)
    listed = None if programs is None else programs_from_data(programs)
    return advise(valid, programs=listed)


def _advice_answer(body: AdviseRequest) -> bytes:
    return _advised(body.profile, body.programs).to_json_bytes(body.carry)


def _plan_answer(body: PlanRequest) -> bytes:
    return answer_bytes(_advised(body.profile).plan.parts())


def _why_answer(body: WhyRequest) -> bytes:
    advice = _advised(body.profile)
    prefix, _, ref = body.kind.partition(":")
    try:
        if prefix == "step" and ref:
            answer = advice.why_step(int(ref) if ref.isdigit() else ref)
        else:
            answer = advice.why(body.kind)
    except KeyError as error:
        raise RequestError([Problem("kind", body.kind, (
            f"a recommendation of this advice, or a step of its plan, step:1 to "
            f"step:{len(advice.plan)} ({error.args[0]})"), code="not_one_of")]) from None
    return answer_bytes(answer.to_dict())


def _question_problem(question: str, error: ValueError) -> RequestError:
    return RequestError([Problem("question", question,
                                 f"KIND or KIND=VALUE for a kind of recommendation and an "
                                 f"answer a rule can give ({error})", code="not_one_of")])


def _why_not_answer(body: WhyNotRequest) -> bytes:
    advice = _advised(body.profile)
    try:
        answer = advice.why_not(body.question)
    except ValueError as error:
        raise _question_problem(body.question, error) from None
    return answer_bytes(answer.to_dict())


def _what_if_answer(body: WhatIfRequest) -> bytes:
    return answer_bytes(_advised(body.profile).what_if(body.changes).to_dict())


def _counterfactuals_answer(body: CounterfactualsRequest) -> bytes:
    advice = _advised(body.profile)
    try:
        answer = advice.counterfactuals(body.question, budget=body.budget)
    except ValueError as error:
        raise _question_problem(body.question, error) from None
    return answer_bytes(answer.to_dict())


def _programs_answer(body: ProgramsRequest) -> bytes:
    valid = profile_from_dict(body.profile)
    listed = programs_from_data(body.programs)  # null too is not a program list here
    review = advise(valid, programs=listed).programs
    assert review is not None, "advised with a program list"
    return answer_bytes(review.to_dict(checks=True))


def _report_answer(body: ReportRequest) -> bytes:
    if body.format == "pdf":
        browser()  # no Chromium: refuse before the work
    return report_bytes(_advised(body.profile, body.programs), body.format)


# --- the app -----------------------------------------------------------------------------------

def _json_response(content: bytes, status: int = 200,
                   headers: Optional[dict[str, str]] = None) -> Response:
    return Response(content, status_code=status, media_type=JSON_TYPE, headers=headers)


def _bad_input(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON_TYPE: {"schema": component(ERROR)}}}


def _refused(description: str) -> dict[str, Any]:
    return {"description": description, "model": RefusalReply}


REFUSALS: dict[int | str, dict[str, Any]] = {
    408: _refused("The body did not arrive within the read time limit"),
    413: _bad_input("The body is over the size limit"),
    415: _bad_input("The body is not said to be JSON (Content-Type: application/json)"),
    422: _bad_input("Bad input: the problems, as the command line names them with --format "
                    "json"),
    503: _refused("Too many requests are being answered; try again after Retry-After seconds"),
    504: _refused("No answer within the time limit"),
}
"""The refusals every POST may answer with."""


def _answer(model: type[BaseModel] | str, description: str) -> dict[int | str, dict[str, Any]]:
    ok: dict[str, Any] = {"model": model} if not isinstance(model, str) else {
        "content": {JSON_TYPE: {"schema": component(model)}}}
    return {200: {**ok, "description": description}, **REFUSALS}


def create_app(limits: Limits | None = None) -> FastAPI:
    """The decision service, with ``limits`` (by default the constants of
    ``expert.service.limits``)."""
    limits = limits or Limits()
    gate = Gate(limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await asyncio.wrap_future(gate.pool.submit(_warm_up))  # not held to the time limit
        yield
        gate.close()

    version = metadata.version("img-advisor")
    app = FastAPI(title=TITLE, version=version, description=_description(limits),
                  openapi_url="/openapi.json", docs_url="/docs", redoc_url=None,
                  lifespan=lifespan)
    app.state.limits = limits
    app.state.gate = gate
    app.router.route_class = _JsonRoute
    models: dict[str, type[BaseModel]] = {}

    def post(path: str, model: type[BaseModel], answer: dict[int | str, dict[str, Any]],
             summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        models[path] = model
        return app.post(path, responses=answer, summary=summary, response_class=Response,
                        operation_id=path.removeprefix("/v1/").replace("-", "_"))

    async def answered(work: Callable[[], bytes]) -> Response:
        return _json_response(await gate.run(work))

    @post("/v1/advise", AdviseRequest, _answer(ADVICE, "The advice, as advise --format json "
                                                       "writes it"), "Advise one applicant")
    async def advise_route(body: AdviseRequest) -> Response:
        return await answered(lambda: _advice_answer(body))

    @post("/v1/why", WhyRequest, _answer(WhyReply, "The chain of rules"),
          "Why the advice says what it says")
    async def why_route(body: WhyRequest) -> Response:
        return await answered(lambda: _why_answer(body))

    @post("/v1/why-not", WhyNotRequest, _answer(WhyNotReply, "The rules that could have"),
          "Why the advice does not say something")
    async def why_not_route(body: WhyNotRequest) -> Response:
        return await answered(lambda: _why_not_answer(body))

    @post("/v1/what-if", WhatIfRequest, _answer(WhatIfReply, "What would change"),
          "How the advice would change with the profile")
    async def what_if_route(body: WhatIfRequest) -> Response:
        return await answered(lambda: _what_if_answer(body))

    @post("/v1/counterfactuals", CounterfactualsRequest,
          _answer(CounterfactualsReply, "The changes found"),
          "The smallest realistic changes that would change an answer")
    async def counterfactuals_route(body: CounterfactualsRequest) -> Response:
        return await answered(lambda: _counterfactuals_answer(body))

    @post("/v1/programs", ProgramsRequest, _answer(ProgramsReply, "The program review, as "
                                                                  "programs --format json "
                                                                  "writes it"),
          "Judge each program of a list, and the list")
    async def programs_route(body: ProgramsRequest) -> Response:
        return await answered(lambda: _programs_answer(body))

    @post("/v1/plan", PlanRequest, _answer(PLAN, "The plan"), "The advice as dated steps")
    async def plan_route(body: PlanRequest) -> Response:
        return await answered(lambda: _plan_answer(body))

    report_answer = {
        200: {"description": "The report",
              "content": {"text/html": {"schema": {"type": "string"}},
                          "text/markdown": {"schema": {"type": "string"}},
                          "application/pdf": {"schema": {"type": "string",
                                                         "format": "binary"}}}},
        **REFUSALS,
        501: _refused("PDF asked for, and no Chromium is installed on the server"),
        503: _refused("Too busy (Retry-After), or Chromium failed to print the PDF"),
    }

    @post("/v1/report", ReportRequest, report_answer, "The report to hand over")
    async def report_route(body: ReportRequest) -> Response:
        document = await gate.run(lambda: _report_answer(body))
        return Response(document, media_type=REPORT_TYPES[body.format])

    health = _json_response(answer_bytes({"status": "ok", "version": version,
                                          "limits": limits.to_dict()}))

    @app.get("/v1/health", responses={200: {"model": HealthReply, "description": "Up"}},
             response_class=Response, summary="Whether the service is up, and its limits",
             operation_id="health")
    async def health_route() -> Response:
        return health

    _add_refusals(app, models)
    app.openapi = lambda: _openapi_document(app)  # type: ignore[method-assign]
    app.add_middleware(_BodyLimit, limit=limits.body_bytes)
    return app


def _warm_up() -> None:
    """One consultation, so that the first request does not pay for building the rules."""
    from expert.examples import example_profile

    advise(example_profile("state_univ_sample")).to_json_bytes()


def _description(limits: Limits) -> str:
    return (
        "Residency application advice for non-US-citizen IMGs with low or borderline USMLE "
        "scores, with the reasons for every answer: what `img-advisor` answers on the command "
        "line, over HTTP. Requests and answers are JSON; the profile, the program list and "
        "the advice have the repository's JSON Schemas (components Profile, ProgramList, "
        "Advice). Bad input is refused with 422 and the command line's JSON error, "
        "`{\"schema_version\": ..., \"error\": \"invalid profile\", \"problems\": [...]}`. "
        "Limits: a body of at most "
        f"{limits.body_bytes:,} bytes (413), JSON nested at most {MAX_DEPTH} deep (422), "
        f"{limits.read_seconds:g} s for the body to arrive (408), {limits.seconds:g} s for an "
        f"answer (504), {limits.concurrent} answers worked out at once and "
        f"{limits.waiting} admitted (503 beyond).")


def _openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document of the routes and models, with the repository's JSON Schemas among
    its components."""
    if app.openapi_schema is None:
        document = get_openapi(title=app.title, version=app.version,
                               description=app.description, routes=app.routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in openapi_components().items():
            if name in schemas:
                raise ValueError(f"two OpenAPI components named {name!r}")
            schemas[name] = schema
        app.openapi_schema = document
    return app.openapi_schema


class _BodyLimit:
    """``limits.body_size_limit`` as Starlette middleware, refusing in the service's shape."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = body_size_limit(app, limit, _too_large)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


def _too_large(error: BodyTooLarge) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    return 413, [(b"content-type", JSON_TYPE.encode())], _too_large_body(error)


def _too_large_body(error: BodyTooLarge) -> bytes:
    given = "more bytes" if error.size is None else f"{error.size:,} bytes"
    return refusal_body("request too large",
                        [Problem("", given, f"a request body of at most {error.limit:,} bytes",
                                 code="too_long")])


def _add_refusals(app: FastAPI, models: dict[str, type[BaseModel]]) -> None:
    """Every refusal in the command line's JSON error shape."""

    def refusal(kind: type[Exception], status: int, body: Callable[[Any], bytes],
                headers: Callable[[Any], dict[str, str]] = lambda _error: {}) -> None:
        async def refuse(_request: Request, error: Exception) -> Response:
            return _json_response(body(error), status, headers(error))

        app.add_exception_handler(kind, refuse)

    refusal(InputError, 422, input_error_body)
    refusal(NotJson, 415, input_error_body)
    refusal(BodyTooLarge, 413, _too_large_body, lambda _error: {"Connection": "close"})
    refusal(ReadTimedOut, 408, lambda error: refusal_body("request timed out", detail=str(error)),
            lambda _error: {"Connection": "close"})
    refusal(Busy, 503, lambda error: refusal_body("busy", detail=f"{error}; try again shortly"),
            lambda _error: {"Retry-After": str(RETRY_AFTER)})
    refusal(TimedOut, 504, lambda error: refusal_body("timed out", detail=str(error)))
    refusal(ChromiumNotFound, 501,
            lambda error: refusal_body("pdf needs chromium", detail=str(error)))
    refusal(PdfFailed, 503, lambda error: refusal_body("pdf failed", detail=str(error)))
    refusal(Exception, 500, lambda _error: refusal_body(
        "internal error", detail="the service failed to answer; its log says why"))

    async def http_refusal(_request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        words = str(error.detail).lower() if error.detail else "refused"
        return _json_response(refusal_body(words), error.status_code, dict(error.headers or {}))

    async def not_valid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        model = models.get(getattr(request.scope.get("route"), "path", ""))
        problems = request_problems(error.errors(), model)
        return _json_response(input_error_body(RequestError(problems)), 422)

    app.add_exception_handler(HTTPException, http_refusal)
    app.add_exception_handler(RequestValidationError, not_valid)
