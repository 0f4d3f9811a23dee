"""The web planner's Starlette app: the page, its static assets, the bundled blueprints and the JSON API.

Every evaluation runs in a worker process (`worker.Pool`) with a time limit; request bodies are capped;
the only files read are the package's own assets and the bundled blueprints, by name from a fixed list.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stackwright.errors import Problem, UserError
from stackwright.serve import jobs
from stackwright.serve.jobs import BLUEPRINTS, blueprint_names
from stackwright.serve.worker import EvaluationFailed, Pool

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_BODY_BYTES = 1024 * 1024
TIME_LIMIT_S = 10.0
PLAN_TIME_LIMIT_S = 60.0
# Jobs that take far longer than the page's quick panels run in their own worker, so a search in progress
# never makes the bill, findings, diagram or roadmap of the next edit wait.
SEARCH_JOBS = frozenset({"optimize"})


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(jobs.problems_json([message]), status_code=status)


class BodyTooLarge(Exception):
    pass


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _spec_text(request: Request) -> str:
    body = await _body(request)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(Problem(jobs.SPEC_FILE, 1, 1, "not UTF-8 text; send the spec as UTF-8")) from None


async def _evaluate(request: Request, name: str, *args, timeout: float = TIME_LIMIT_S) -> Response:
    pool: Pool = request.app.state.search_pool if name in SEARCH_JOBS else request.app.state.pool
    try:
        reply = await run_in_threadpool(pool.call, name, *args, timeout=timeout)
    except EvaluationFailed as failure:
        return _error(503, f"evaluation stopped: {failure}; simplify the spec or try again")
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=dict(reply.headers))


def _api(name: str, arguments=lambda request: (), timeout: float = TIME_LIMIT_S):
    async def endpoint(request: Request) -> Response:
        try:
            text = await _spec_text(request)
            extra = arguments(request)
        except BodyTooLarge:
            return _error(413, f"the request is over {MAX_BODY_BYTES // 1024} KiB; send a smaller spec")
        except UserError as error:
            return JSONResponse(jobs.problems_json(error.problems), status_code=422)
        return await _evaluate(request, name, text, *extra, timeout=timeout)

    return endpoint


def _phases(request: Request) -> tuple:
    given = request.query_params.get("phases")
    if not given:
        return (None,)
    try:
        return (tuple(int(p.replace("_", "")) for p in given.split(",")),)
    except ValueError:
        raise UserError(f"phases '{given}': give whole DAU numbers separated by commas, e.g. 1000,10000") from None


def _lang(request: Request) -> str:
    from stackwright.document.i18n import LOCALES

    lang = request.query_params.get("lang", "en")
    if lang not in LOCALES:
        raise UserError(f"unknown language '{lang}'; use one of {', '.join(LOCALES)}")
    return lang


async def _json_api(request: Request, name: str, fields: tuple[str, ...]) -> Response:
    """Endpoints that take JSON: {"spec": YAML text, ...fields}."""
    try:
        payload = json.loads(await _body(request))
        args = [payload[field] for field in ("spec", *fields)]
        if not isinstance(args[0], str):
            raise TypeError
    except BodyTooLarge:
        return _error(413, f"the request is over {MAX_BODY_BYTES // 1024} KiB; send a smaller spec")
    except (ValueError, KeyError, TypeError, RecursionError):
        return _error(400, f"send JSON with {', '.join(('spec', *fields))}")
    return await _evaluate(request, name, *args)


async def edit(request: Request) -> Response:
    return await _json_api(request, "edit", ("changes",))


async def apply(request: Request) -> Response:
    return await _json_api(request, "apply", ("step",))


async def schema(request: Request) -> Response:
    from stackwright.spec.model import Spec

    return JSONResponse(Spec.model_json_schema())


async def blueprints(request: Request) -> Response:
    return JSONResponse(blueprint_names())


async def blueprint(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in blueprint_names():
        return _error(404, f"no blueprint '{name}'; bundled: {', '.join(blueprint_names())}")
    return PlainTextResponse(BLUEPRINTS.joinpath(f"{name}.yaml").read_text(encoding="utf-8"),
                             media_type="application/yaml; charset=utf-8")


async def page(request: Request) -> Response:
    from stackwright.serve.page import render

    lang = request.query_params.get("lang", "en")
    return HTMLResponse(render(lang if lang in ("en", "ko") else "en", blueprint_names()))


def create_app(workers: int = 2, allowed_hosts: list[str] | None = None) -> Starlette:
    """`allowed_hosts`: the Host names requests may carry (on loopback, loopback names only, so a web page
    cannot reach the planner through DNS rebinding); None accepts any."""
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        app.state.pool = await run_in_threadpool(Pool, workers)
        app.state.search_pool = await run_in_threadpool(Pool, 1)
        try:
            yield
        finally:
            app.state.pool.close()
            app.state.search_pool.close()

    routes = [
        Route("/", page),
        Route("/api/schema", schema),
        Route("/api/blueprints", blueprints),
        Route("/api/blueprints/{name}", blueprint),
        Route("/api/cost", _api("cost", lambda r: (r.query_params.get("allow_missing") in ("1", "true"),)),
              methods=["POST"]),
        Route("/api/check", _api("check"), methods=["POST"]),
        Route("/api/optimize", _api("optimize"), methods=["POST"]),
        Route("/api/roadmap", _api("roadmap", _phases), methods=["POST"]),
        Route("/api/diagram", _api("diagram"), methods=["POST"]),
        Route("/api/plan", _api("plan", lambda r: (_lang(r),), PLAN_TIME_LIMIT_S), methods=["POST"]),
        Route("/api/values", _api("values"), methods=["POST"]),
        Route("/api/edit", edit, methods=["POST"]),
        Route("/api/apply", apply, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
