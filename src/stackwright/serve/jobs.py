"""What the API computes, run inside a worker process: spec YAML text in, a reply (status, type, bytes) out.

Each job goes through the same functions the CLI commands call, so the JSON is the CLI's JSON and a bad
spec gets the CLI's located messages (with the file named `spec.yaml`), as a 422.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from stackwright import json_text
from stackwright.errors import Problem, UserError
from stackwright.serve.worker import Reply

SPEC_FILE = "spec.yaml"
JSON = "application/json"
# The bundled blueprints: package data (`stackwright/blueprints` links to the repository's `blueprints/` folder,
# which a wheel copies in), so an installed package serves them as well as a source checkout.
BLUEPRINTS = resources.files("stackwright") / "blueprints"
BLUEPRINT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def blueprint_names() -> list[str]:
    if not BLUEPRINTS.is_dir():
        return []
    names = (p.name.removesuffix(".yaml") for p in BLUEPRINTS.iterdir() if p.name.endswith(".yaml"))
    return sorted(name for name in names if BLUEPRINT_NAME.fullmatch(name))


def _json(data, status: int = 200) -> Reply:
    return Reply(status, JSON, json_text.dumps(data, ensure_ascii=False, end="\n").encode())


def problems_json(problems: list) -> dict:
    """Each problem with its line and column (None for a problem that has no place in the spec)."""
    return {"errors": [
        {"line": p.line, "column": p.column, "message": p.message, "text": str(p)} if isinstance(p, Problem)
        else {"line": None, "column": None, "message": str(p), "text": f"error: {p}"}
        for p in problems]}


def too_big() -> Reply:
    return _json(problems_json([Problem(SPEC_FILE, 1, 1, "the spec needs more memory than a request may use; "
                                        "make it smaller")]), 422)


def internal_error(name: str, error: Exception) -> Reply:
    import traceback

    traceback.print_exception(error)  # to the server's console, for a bug report
    return _json(problems_json([f"internal error in {name}: {type(error).__name__}: {error}"]), 500)


def load(text: str):
    from stackwright.spec.loader import LoadedSpec, parse_yaml, validate

    located = parse_yaml(text, SPEC_FILE)
    loaded = LoadedSpec(validate(located), located)
    if loaded.spec.environments:
        from stackwright.spec.environments import check_all

        check_all(loaded)
    return loaded


def cost(text: str, allow_missing: bool = False) -> Reply:
    from stackwright.render.cost_report import to_json
    from stackwright.spec_bill import price

    from stackwright.spec import environments

    loaded = load(text)
    per_env = [(env, price(one.spec, one, allow_missing=allow_missing)) for env, one in environments.each(loaded)]
    if per_env[0][0] is None:
        return Reply(200, JSON, to_json(per_env[0][1]).encode())
    from stackwright.render.environments import to_json as side_by_side

    return Reply(200, JSON, side_by_side(loaded.spec.name, per_env).encode())


def _findings(loaded):
    from stackwright.checks import run_checks
    from stackwright.plan import build_plan

    return run_checks(loaded.spec, build_plan(loaded.spec, loaded))


def check(text: str) -> Reply:
    loaded = load(text)
    findings = []
    for finding in _findings(loaded):
        where = loaded.problem(finding.path, finding.message)
        findings.append({"rule": finding.rule, "severity": finding.severity, "title": finding.title,
                         "message": finding.message, "fix": finding.fix, "path": [str(p) for p in finding.path],
                         "line": where.line, "column": where.column, "text": finding.located(loaded)})
    errors = sum(f["severity"] == "error" for f in findings)
    return _json({"name": loaded.spec.name, "errors": errors, "findings": findings})


@lru_cache(maxsize=32)
def _optimized(spec_json: str) -> Reply:
    """By the spec's content: an edit to a comment or a description does not search again."""
    from stackwright.optimize.search import optimize as search
    from stackwright.spec.model import Spec

    return _json(search(Spec.model_validate_json(spec_json)).to_json())


def optimize(text: str) -> Reply:
    from stackwright.spec_bill import monthly_sum, price

    loaded = load(text)
    # errors for the baseline before searching, as the CLI does; its sum is the one the search starts from
    try:
        monthly_sum(loaded.spec)
    except UserError:
        price(loaded.spec, loaded, terraform_addresses=False)  # the same errors, located in the spec
        raise
    # only the fields the user wrote, so the search knows which choices are theirs (it keeps those)
    return _optimized(loaded.spec.model_dump_json(exclude_unset=True))


@lru_cache(maxsize=32)
def _roadmap(spec_json: str, phases: tuple[int, ...] | None) -> Reply:
    from stackwright import roadmap as growth
    from stackwright.spec.model import Spec

    spec = Spec.model_validate_json(spec_json)
    return _json(growth.to_json(spec, growth.roadmap(spec, phases or growth.DEFAULT_PHASES_DAU)))


def roadmap(text: str, phases: tuple[int, ...] | None = None) -> Reply:
    return _roadmap(load(text).spec.model_dump_json(exclude_unset=True), phases)


def diagram(text: str) -> Reply:
    from stackwright.diagram import NO_GRAPHVIZ, diagram_svg

    loaded = load(text)
    svg = diagram_svg(loaded.spec)
    if svg is None:
        return _json(problems_json([NO_GRAPHVIZ]), 503)
    return Reply(200, "image/svg+xml", svg.encode())


def plan(text: str, lang: str = "en") -> Reply:
    """The whole plan as a zip: what `stackwright plan` writes, under a folder named after the spec."""
    import tempfile
    from pathlib import Path

    from stackwright import planner
    from stackwright.serve.archive import zip_folder

    loaded = load(text)
    errors = [f for f in _findings(loaded) if f.severity == "error"]
    if errors:
        raise UserError([loaded.problem(f.path, f"{f.severity} {f.rule}: {f.message}; {f.fix}") for f in errors])
    with tempfile.TemporaryDirectory(prefix="stackwright-serve-") as scratch:
        out = Path(scratch) / loaded.spec.name
        out.mkdir()
        for step in planner.steps(loaded.spec, out, lang):
            step.write()
        (out / SPEC_FILE).write_text(text, encoding="utf-8")
        body = zip_folder(out)
    disposition = f'attachment; filename="{loaded.spec.name}-plan.zip"'
    return Reply(200, "application/zip", body, (("content-disposition", disposition),))


def values(text: str) -> Reply:
    """The spec as written (defaults filled in) and as sized, for the page's form."""
    from stackwright.sizing.sizer import resolve

    loaded = load(text)
    return _json({"spec": loaded.spec.model_dump(mode="json"),
                  "sized": resolve(loaded.spec, loaded).model_dump(mode="json")})


def edit(text: str, changes: list) -> Reply:
    from stackwright.serve.edit import set_values

    well_formed = isinstance(changes, list) and all(
        isinstance(c, list) and len(c) == 2 and isinstance(c[0], list) and c[0]
        and all(isinstance(key, str) for key in c[0]) for c in changes)
    if not well_formed:
        raise UserError('changes: give a list of [path, value] pairs, e.g. [[["traffic", "dau"], 5000]]')
    load(text)  # edit only a valid spec, so every error keeps its place in the user's own text
    return _json({"spec": set_values(text, [(tuple(path), value) for path, value in changes])})


def apply_step(text: str, step: int) -> Reply:
    from stackwright.serve.edit import apply_steps

    if not isinstance(step, int) or isinstance(step, bool):
        raise UserError("step: give the number of the optimiser step, 1 for the first")
    loaded = load(text)
    return _json({"spec": apply_steps(text, loaded, step)})


WARM_UP_SPEC = """name: warm-up
region: us-east-1
components:
  api: {kind: fargate_service}
  db: {kind: rds, engine: postgresql}
  lb: {kind: alb}
"""


def warm_up() -> None:
    """Import and cache what every request needs, so the first edit on the page is as quick as the rest:
    the diagram's imports, and the bill of each bundled blueprint (its region's prices, its kinds' modules)."""
    for job in (cost, check, optimize, roadmap, values, diagram):
        job(WARM_UP_SPEC)
    for name in blueprint_names():
        cost(BLUEPRINTS.joinpath(f"{name}.yaml").read_text(encoding="utf-8"), allow_missing=True)


JOBS = {"cost": cost, "check": check, "optimize": optimize, "roadmap": roadmap, "diagram": diagram, "plan": plan,
        "values": values, "edit": edit, "apply": apply_step}


def run(name: str, *args) -> Reply:
    try:
        return JOBS[name](*args)
    except UserError as error:
        return _json(problems_json(error.problems), 422)
    except RecursionError:
        return _json(problems_json([Problem(SPEC_FILE, 1, 1, "the spec nests too deeply; flatten it")]), 422)
