"""The `stackwright` command. Heavy modules are imported inside commands so start-up stays fast.

No `from __future__ import annotations` here: Typer reads the annotations of every command at each start-up,
and as strings each one would be compiled and evaluated again (8 ms of the 12 ms Typer takes to build the
commands); evaluated where they are defined, they come from the cached bytecode."""

import atexit
import copy
import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.main
from typer.core import TyperCommand

from stackwright.errors import UserError

app = typer.Typer(
    name="stackwright",
    help="From one short spec of a web service to a complete, priced AWS plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
prices_app = typer.Typer(help="The price catalogue: sources, prices, rebuild and update.", no_args_is_help=True)
app.add_typer(prices_app, name="prices")

# Commands that read specs, price them and print. What they build lives until they end (the libraries'
# modules and validators, the specs, plans, bills and the table's lines), and almost none of it is in
# reference cycles, so a process running one (`main`) does without the cycle collector: it would walk all
# of it again at each collection their allocations set off (10-15 ms of a blueprint's bill, a second of a
# 1,000-service table) and find nearly nothing. Peak memory measured the same with and without.
SHORT_COMMANDS = frozenset({"cost", "validate"})
_collector_off_for_start_up = False  # main() starts the process with the collector off


@app.callback()
def _collector_for_the_command(ctx: typer.Context) -> None:
    """Any other command gets the collector back, before its own options are read, with what start-up built
    (Typer, pydantic, these commands) frozen: it lives as long as the process, so no collection walks it."""
    if _collector_off_for_start_up and ctx.invoked_subcommand not in SHORT_COMMANDS:
        gc.freeze()
        gc.enable()


class CostFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def _fail(error: UserError) -> None:
    for problem in error.problems:
        print(f"error: {problem}" if isinstance(problem, str) else str(problem), file=sys.stderr)
    raise typer.Exit(2)


def _console():
    from rich.console import Console

    return Console(width=200 if not sys.stdout.isatty() else None, emoji=False)


SpecPaths = Annotated[list[Path], typer.Argument(help="Spec file(s) (YAML).", show_default=False)]
EnvironmentOption = Annotated[Optional[str], typer.Option(
    "--environment", "-e", help="One of the spec's environments: the spec as written (prod, staging or dev, from "
    "its `environment`) or an entry of its `environments:` section; without it, the spec as written.")]


@app.command()
def cost(
    specs: SpecPaths,
    format: Annotated[CostFormat, typer.Option("--format", "-f", help="Output format.")] = CostFormat.table,
    out: Annotated[Optional[Path], typer.Option(help="Write <spec>.json, .md and .csv reports into this folder.")] = None,
    allow_missing: Annotated[bool, typer.Option(help="List prices missing from the catalogue as unknown instead of failing.")] = False,
    prices: Annotated[Optional[Path], typer.Option("--prices", help="Your own prices (YAML): discounts per service, rates per SKU; overrides the spec's `prices:`.")] = None,
    environment: EnvironmentOption = None,
) -> None:
    """An itemised monthly bill for each spec, from the catalogue's prices for the spec's region; a spec with
    environments gets a bill per environment, then the environments side by side and their total."""
    from stackwright.render import cost_report
    from stackwright.spec import environments
    from stackwright.spec.loader import load
    from stackwright.spec_bill import price

    priced, problems = [], []
    # Only JSON names each line's resource by its address in the generated Terraform (`--out` writes JSON
    # too); the table, Markdown and CSV leave the Terraform renderer, which finds the addresses, unloaded
    addresses = format is CostFormat.json or out is not None
    own = None
    if prices is not None:
        from stackwright.pricing import own_prices

        try:
            own = own_prices.load(prices)
        except UserError as error:
            _fail(error)
    for path in specs:
        try:
            loaded = load(path)
            priced.append((path, loaded.spec.name, [(env, price(one.spec, one, allow_missing=allow_missing, own=own,
                                                                terraform_addresses=addresses))
                                                    for env, one in environments.each(loaded, environment)]))
        except UserError as error:
            problems.extend(error.problems)
    if problems:
        _fail(UserError(problems))
    if out is not None:
        from stackwright.output import staged_folder
        from stackwright.render.summary import write_reports

        bills = [(Path(f"{path.stem}.{env}.yaml") if i else path, bill)
                 for path, _, per_env in priced for i, (env, bill) in enumerate(per_env)]
        try:
            with staged_folder(out, "--out") as staged:
                summary = write_reports(bills, staged, shown_as=out)
                for path, name, per_env in priced:
                    if per_env[0][0] is not None:
                        from stackwright.render.environments import to_markdown

                        (staged / f"{path.stem}.environments.md").write_text(to_markdown(name, per_env),
                                                                            encoding="utf-8")
        except UserError as error:
            _fail(error)
        _console().print(summary)
        return
    for _, name, per_env in priced:
        if per_env[0][0] is None:
            bill = per_env[0][1]
            if format is CostFormat.table:
                _console().print(cost_report.to_table(bill))
            else:
                sys.stdout.write(cost_report.FORMATS[format.value](bill))
            continue
        from stackwright.render import environments as side_by_side

        if format is CostFormat.table:
            for _, bill in per_env:
                _console().print(cost_report.to_table(bill))
            _console().print(side_by_side.to_table(name, per_env))
        else:
            sys.stdout.write(side_by_side.FORMATS[format.value](name, per_env))


@app.command()
def validate(specs: SpecPaths) -> None:
    """Check spec files: YAML, fields, and that every type, class and region has prices."""
    from stackwright.spec.loader import load
    from stackwright.spec_bill import price

    problems = []
    for path in specs:
        try:
            loaded = load(path)
            price(loaded.spec, loaded)
            print(f"{path}: ok")
        except UserError as error:
            problems.extend(error.problems)
    if problems:
        _fail(UserError(problems))


@app.command()
def schema() -> None:
    """Print the spec's JSON Schema (point your editor's YAML support at it)."""
    from stackwright import json_text
    from stackwright.spec.model import Spec

    sys.stdout.write(json_text.dumps(Spec.model_json_schema(), sort_keys=True, end="\n"))


class PlanFormat(str, Enum):
    table = "table"
    json = "json"


class SizeFormat(str, Enum):
    table = "table"
    json = "json"
    yaml = "yaml"


class RoadmapFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _load_spec(path: Path):
    from stackwright.spec.loader import load

    try:
        return load(path)
    except UserError as error:
        _fail(error)


def _one_environment(path: Path, environment: str | None):
    """The spec a single-spec command acts on: `--environment`'s, else the spec as written."""
    from stackwright.spec import environments

    try:
        return environments.pick(_load_spec(path), environment)
    except UserError as error:
        _fail(error)


def _write_spec(spec, path: Path, header: str) -> None:
    from stackwright.output import write_text
    from stackwright.spec.writer import dump_spec

    try:
        write_text(path, dump_spec(spec, header), "--write")
    except UserError as error:
        _fail(error)
    print(f"wrote {path}", file=sys.stderr)


SpecPath = Annotated[Path, typer.Argument(help="Spec file (YAML).", show_default=False)]
WriteOption = Annotated[Optional[Path], typer.Option("--write", help="Write the resulting spec to this YAML file.")]


@app.command()
def size(spec: SpecPath, format: Annotated[SizeFormat, typer.Option("--format", "-f")] = SizeFormat.table,
         write: WriteOption = None, all: Annotated[bool, typer.Option("--all", help="Re-size every count and class, not only auto ones.")] = False,
         environment: EnvironmentOption = None) -> None:
    """Counts and classes from traffic, each with the formula behind it; fills every `auto`."""
    from stackwright import json_text
    from stackwright.sizing import sizer

    loaded = _one_environment(spec, environment)
    try:
        result = sizer.size(loaded.spec, resize_all=all)
    except ValueError as error:
        _fail(UserError(loaded.problem(("components",), str(error))))
    if write:
        _write_spec(result.spec, write, f"sized by stackwright from {spec.name}")
    if format is SizeFormat.table:
        from stackwright.render.plans import sizing_table

        _console().print(sizing_table(result))
    elif format is SizeFormat.json:
        sized = [{"path": list(s.path), "value": s.value, "why": s.why} for s in result.sized]
        sys.stdout.write(json_text.dumps({"name": result.spec.name, "sized": sized}, ensure_ascii=False, end="\n"))
    else:
        from stackwright.spec.writer import dump_spec

        sys.stdout.write(dump_spec(result.spec))


@app.command()
def optimize(spec: SpecPath, format: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.table,
             write: WriteOption = None, environment: EnvironmentOption = None) -> None:
    """The cheapest spec that keeps every constraint, as ordered steps with savings, constraints and risks."""
    from stackwright import json_text
    from stackwright.optimize.search import optimize as search

    loaded = _one_environment(spec, environment)
    try:
        from stackwright.spec_bill import price

        price(loaded.spec, loaded, terraform_addresses=False)  # located errors for the baseline before searching
        result = search(loaded.spec)
    except UserError as error:
        _fail(error)
    if write:
        steps = "\n".join(f"{i}. {s.id} {s.summary} (−{s.monthly_saving_usd:.2f} USD/month)"
                          for i, s in enumerate(result.steps, start=1))
        from stackwright.spec import environments

        optimised, source = result.optimized, spec.name
        if optimised.environments or environment:
            # one environment was optimised: its overlays would carry its changes into the others (a
            # scale-in count above a smaller environment's maximum, a reservation in dev), so the file
            # holds that environment alone
            optimised = optimised.model_copy(update={"environments": {}})
            source += f", environment {environment or environments.written_name(loaded)} alone (optimise each " \
                      "environment with --environment)"
        _write_spec(optimised, write, f"optimised by stackwright from {source}:\n{steps}")
    if format is PlanFormat.json:  # in chunks: at a thousand services the JSON is tens of MB
        json_text.write(result.to_json(), sys.stdout, ensure_ascii=False, end="\n")
    else:
        from stackwright.render.plans import optimize_renderable

        _console().print(optimize_renderable(result))


@app.command()
def roadmap(spec: SpecPath, format: Annotated[RoadmapFormat, typer.Option("--format", "-f")] = RoadmapFormat.table,
            phases: Annotated[Optional[str], typer.Option(help="DAU per phase, comma-separated (default 1000,5000,20000,50000,100000).")] = None,
            environment: EnvironmentOption = None) -> None:
    """Phases by traffic, each re-sized and costed, with the signals that say when to move on."""
    from stackwright import json_text
    from stackwright import roadmap as growth
    from stackwright.render import plans

    loaded = _one_environment(spec, environment)
    try:
        dau = tuple(int(p.replace("_", "")) for p in phases.split(",")) if phases else growth.DEFAULT_PHASES_DAU
    except ValueError:
        _fail(UserError(f"--phases '{phases}': not whole numbers; give DAU numbers separated by commas, "
                        "e.g. 1000,10000"))
    from stackwright.spec.model import MAX_USERS

    if not dau or any(not 1 <= d <= MAX_USERS for d in dau):
        _fail(UserError(f"--phases '{phases}': each phase is a DAU from 1 to {MAX_USERS:,}; "
                        "give positive numbers, e.g. 1000,10000"))
    result = growth.roadmap(loaded.spec, dau)
    if format is RoadmapFormat.json:
        sys.stdout.write(json_text.dumps(growth.to_json(loaded.spec, result), ensure_ascii=False, end="\n"))
    elif format is RoadmapFormat.markdown:
        sys.stdout.write(plans.roadmap_markdown(loaded.spec.name, result))
    else:
        _console().print(plans.roadmap_table(loaded.spec.name, result))


class Lang(str, Enum):
    en = "en"
    ko = "ko"


def _checked(loaded):
    """The plan's findings; a spec with error findings is refused (exit 2) by every command that builds
    from it, so `deploy` never creates what `plan` would not write."""
    from stackwright.checks import run_checks
    from stackwright.plan import build_plan

    try:
        findings = run_checks(loaded.spec, build_plan(loaded.spec, loaded))
    except UserError as error:
        _fail(error)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        _fail(UserError([f.located(loaded) for f in errors]))
    return findings


@app.command()
def plan(
    spec: SpecPath,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("out/plan"),
    lang: Annotated[Lang, typer.Option(help="Language of the design document and report.")] = Lang.en,
    environment: EnvironmentOption = None,
) -> None:
    """CloudFormation, Terraform, design document, diagram and HTML report for a spec; with environments, one
    complete plan per environment in its own folder, and the environments side by side."""
    from stackwright import planner
    from stackwright.spec import environments

    try:
        each = environments.each(_load_spec(spec), environment)
    except UserError as error:
        _fail(error)
    checked = [(env, loaded, _checked(loaded)) for env, loaded in each]
    from stackwright.output import staged_folder

    written: list[Path] = []
    prune = tuple(f"{planner.folder(env, each)}/{pattern}".removeprefix("./") for env, _ in each
                  for pattern in planner.PRUNE)
    try:
        with staged_folder(out, "--out", prune=prune) as staged:
            side = planner.side_by_side(each)
            todo = [(env, step) for env, loaded in each
                    for step in planner.steps(loaded.spec, staged / planner.folder(env, each), lang.value,
                                              side and side | {"current": env})]
            todo += [(None, step) for step in planner.shared_steps(each, staged, lang.value, side)]
            with planner.progress(len(todo)) as started:
                for env, step in todo:
                    started(f"{env}: {step.name}" if env else step.name)
                    written += [out / path.relative_to(staged) for path in step.write()]
    except UserError as error:
        _fail(error)
    for path in written:
        print(path)
    for env, loaded, findings in checked:
        for finding in findings:
            print(finding.located(loaded) + (f" [{env}]" if env else ""), file=sys.stderr)


@app.command()
def check(
    specs: SpecPaths,
    environment: EnvironmentOption = None,
) -> None:
    """Plan-level findings for each spec, and each of its environments (rule id, severity, why, how to fix);
    exit 1 on any error."""
    from stackwright.checks import run_checks
    from stackwright.plan import build_plan
    from stackwright.spec import environments

    errors = 0
    for path in specs:
        try:
            each = environments.each(_load_spec(path), environment)
        except UserError as error:
            _fail(error)
        for env, loaded in each:
            shown = f"{path} [{env}]" if env else f"{path}"
            try:
                findings = run_checks(loaded.spec, build_plan(loaded.spec, loaded))
            except UserError as error:
                _fail(error)
            for finding in findings:
                print(f"{finding.located(loaded)}" + (f" [{env}]" if env else ""))
            found = sum(f.severity == "error" for f in findings)
            errors += found
            from stackwright.optimize.constraints import availability
            from stackwright.sizing.sizer import resolve

            print(f"{shown}: availability {availability(resolve(loaded.spec))[1]} "
                  f"(target {loaded.spec.availability_target:g}%)", file=sys.stderr)
            print(f"{shown}: {len(findings)} finding(s), {found} error(s)", file=sys.stderr)
    if errors:
        raise typer.Exit(1)


class Target(str, Enum):
    local = "local"
    aws = "aws"


TargetOption = Annotated[Target, typer.Option(help="local: an embedded moto server (emulated AWS); aws: your account.")]
EndpointOption = Annotated[Optional[str], typer.Option(
    help="A running moto server or other endpoint to use instead of the embedded one.")]
StackOption = Annotated[Optional[str], typer.Option(help="Stack name (default: stackwright-<spec name>).")]
RegionOption = Annotated[Optional[str], typer.Option(help="Region (default: the spec's).")]


def _progress_printer(bar, task):
    def show(progress) -> None:
        bar.update(task, completed=progress.done, total=progress.total, description=progress.message[:60])
        if progress.event:
            event = progress.event
            bar.console.print(f"{event.logical_id} {event.status} {event.reason or ''}".rstrip())
    return show


@app.command()
def deploy(
    spec: SpecPath,
    target: TargetOption = Target.local,
    endpoint_url: EndpointOption = None,
    stack_name: StackOption = None,
    region: RegionOption = None,
    parameter: Annotated[Optional[list[str]], typer.Option(
        help="Template parameter KEY=VALUE (certificate ARN, domain, image tag); repeatable.")] = None,
    template_bucket: Annotated[Optional[str], typer.Option(
        help="S3 bucket for templates over CloudFormation's 51,200-byte inline limit (default on aws: "
             "stackwright-templates-ACCOUNT-REGION, made once).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the change set a deploy would execute, then delete it unexecuted.")] = False,
    parameters_file: Annotated[Optional[Path], typer.Option(
        help="Parameters as `plan` writes them (cloudformation/parameters.json); --parameter overrides.")] = None,
    bootstrap: Annotated[bool, typer.Option(
        "--bootstrap", help="Create the stack with only its ECR repositories, to push images to before the "
                            "first full deploy.")] = False,
    environment: EnvironmentOption = None,
) -> None:
    """Deploy the spec's CloudFormation through change sets, verify every planned resource, report how."""
    from rich.progress import Progress

    from stackwright.deploy import deploy as run
    from stackwright.deploy.render import deploy_report

    loaded = _one_environment(spec, environment)
    _checked(loaded)
    pairs = [p.split("=", 1) for p in parameter or []]
    if any(len(pair) != 2 for pair in pairs):
        _fail(UserError("--parameter takes KEY=VALUE, e.g. --parameter CertificateArn=arn:aws:acm:..."))
    if parameters_file:
        from stackwright.importer.cfn_parameters import load_parameters

        try:
            pairs = list(load_parameters(parameters_file).items()) + pairs
        except UserError as error:
            _fail(error)
    if dry_run:
        from stackwright.deploy import preview
        from stackwright.deploy.render import preview_report

        try:
            shown = preview(loaded.spec, target.value, endpoint_url=endpoint_url, stack_name=stack_name,
                            region=region, parameters=dict(pairs), template_bucket=template_bucket,
                            bootstrap=bootstrap)
        except UserError as error:
            _fail(error)
        _console().print(preview_report(shown))
        return
    from stackwright.output import INTERRUPTED_EXIT, interruptible

    try:
        with interruptible(), Progress(transient=True) as bar:
            show = _progress_printer(bar, bar.add_task("deploying", total=None))
            report = run(loaded.spec, target.value, endpoint_url=endpoint_url, stack_name=stack_name, region=region,
                         parameters=dict(pairs), template_bucket=template_bucket, progress=show,
                         bootstrap=bootstrap)
    except UserError as error:
        _fail(error)
    except KeyboardInterrupt as interrupt:
        print(_interrupted(interrupt, spec, target.value, endpoint_url, stack_name), file=sys.stderr)
        raise typer.Exit(INTERRUPTED_EXIT) from None
    _console().print(deploy_report(report))
    if report.failure or any(r.status == "verify-failed" for r in report.resources):
        raise typer.Exit(1)


def _interrupted(interrupt: KeyboardInterrupt, spec: Path, target: str, endpoint_url: str | None,
                 stack_name: str | None) -> str:
    """What an interrupted deploy left, and the command to run next."""
    from stackwright.deploy.report import DeployInterrupted

    if not isinstance(interrupt, DeployInterrupted):
        return ("interrupted; what this deploy had made is removed (on --target local), so it can be run again"
                if target == "local" else "interrupted; run the deploy again once the stack has settled")
    where = (f" --endpoint-url {endpoint_url}" if endpoint_url else "") + \
        (f" --stack-name {stack_name}" if stack_name else "")
    return (f"interrupted: {interrupt.what}. Next: `stackwright deploy {spec} --target {target}{where}` waits for "
            f"the stack to settle and carries on; `stackwright destroy {spec} --target {target}{where}` deletes "
            f"it. Watch it with `aws cloudformation describe-stack-events --stack-name {interrupt.stack_name}`.")


@app.command()
def destroy(
    spec: SpecPath,
    target: TargetOption = Target.local,
    endpoint_url: EndpointOption = None,
    stack_name: StackOption = None,
    region: RegionOption = None,
    environment: EnvironmentOption = None,
) -> None:
    """Delete the spec's stack and what was made beside it, then check nothing is left."""
    from rich.progress import Progress

    from stackwright.deploy import destroy as run
    from stackwright.deploy.render import destroy_report
    from stackwright.output import INTERRUPTED_EXIT, interruptible

    loaded = _one_environment(spec, environment)
    try:
        with interruptible(), Progress(transient=True) as bar:
            show = _progress_printer(bar, bar.add_task("destroying", total=None))
            report = run(loaded.spec, target.value, endpoint_url=endpoint_url, stack_name=stack_name, region=region,
                         progress=show)
    except UserError as error:
        _fail(error)
    except KeyboardInterrupt:
        again = " ".join(["stackwright destroy", str(spec), "--target", target.value,
                          *(["--endpoint-url", endpoint_url] if endpoint_url else []),
                          *(["--stack-name", stack_name] if stack_name else [])])
        print(f"interrupted: a stack delete already started goes on in CloudFormation; run `{again}` again to "
              "finish and check that nothing is left", file=sys.stderr)
        raise typer.Exit(INTERRUPTED_EXIT) from None
    _console().print(destroy_report(report))
    if not report.clean:
        raise typer.Exit(1)


class ImportFormat(str, Enum):
    table = "table"
    json = "json"
    spec = "spec"


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _emit(rendered) -> None:
    """Text goes to stdout as is; Rich renderables through the console."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        _console().print(rendered)


VarOption = Annotated[Optional[list[str]], typer.Option(
    "--var", help="Terraform variable NAME=VALUE, as terraform's -var (repeatable; with --var-file, later wins).")]
VarFileOption = Annotated[Optional[list[Path]], typer.Option(
    "--var-file", help="Terraform .tfvars file, as terraform's -var-file (repeatable; with --var, later wins; "
                        "all win over terraform.tfvars and *.auto.tfvars).")]
ParametersOption = Annotated[Optional[Path], typer.Option(
    "--parameters", help="CloudFormation parameters file: the JSON list of {ParameterKey, ParameterValue} "
                         "that `aws cloudformation` takes.")]
ParameterOption = Annotated[Optional[list[str]], typer.Option(
    "--parameter", help="CloudFormation parameter Key=Value (repeatable; wins over --parameters).")]


class _VariableOrder(TyperCommand):
    """Notes the order of --var and --var-file on the command line: Terraform applies them in that order,
    and the options' two lists alone lose it."""

    def parse_args(self, ctx, args):
        ctx.meta[VARIABLE_ORDER] = [name for name in (arg.split("=", 1)[0] for arg in args[:_end(args)])
                                    if name in ("--var", "--var-file")]
        return super().parse_args(ctx, args)


def _end(args: list[str]) -> int:
    return args.index("--") if "--" in args else len(args)


VARIABLE_ORDER = "stackwright.variable_order"


def _import_inputs(var: list[str] | None, var_file: list[Path] | None, parameters: Path | None,
                   parameter: list[str] | None, ctx: typer.Context | None = None) -> dict:
    """import_path's keyword arguments from the CLI's variable and parameter options; -var and -var-file
    values in the order they were given (noted in `ctx` by _VariableOrder)."""
    from stackwright.importer.cfn_parameters import load_parameters, parse_pairs

    values = [next(iter(parse_pairs([pair], "--var").items())) for pair in var or []]
    files = list(var_file or [])
    order = ctx.meta.get(VARIABLE_ORDER, []) if ctx else []
    if order.count("--var") != len(values) or order.count("--var-file") != len(files):
        order = ["--var-file"] * len(files) + ["--var"] * len(values)  # called without the command line
    queues = {"--var": iter(values), "--var-file": iter(files)}
    given = parameters is not None or bool(parameter)  # none given: import reads a parameters.json beside the template
    return {"given": [next(queues[name]) for name in order],
            "parameters": load_parameters(parameters, parameter or []) if given else None}


def _usage_beside(path: Path, usage: Path | None) -> Path | None:
    """The usage file given, or the usage.yml `stackwright plan` writes next to the code it generates."""
    sibling = (path if path.is_dir() else path.parent) / "usage.yml"
    if usage is None and sibling.is_file():
        print(f"using usage file {sibling}", file=sys.stderr)
        return sibling
    return usage


@app.command("import", cls=_VariableOrder)
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Terraform directory or .tf file, a Terraform plan JSON "
                                              "(terraform show -json), or a CloudFormation template.")],
    usage: Annotated[Optional[Path], typer.Option(
        help="Usage file (YAML) keyed by resource address; default: usage.yml next to the code, if any.")] = None,
    format: Annotated[ImportFormat, typer.Option("--format", "-f")] = ImportFormat.table,
    region: Annotated[Optional[str], typer.Option(help="Region, when the code does not say.")] = None,
    var: VarOption = None,
    var_file: VarFileOption = None,
    parameters: ParametersOption = None,
    parameter: ParameterOption = None,
) -> None:
    """Price and check existing Terraform or CloudFormation without writing a spec."""
    from stackwright.importer import import_path, price_import, render_import

    usage = _usage_beside(path, usage)
    try:
        result = import_path(path, usage, region=region, **_import_inputs(var, var_file, parameters, parameter, ctx))
        _emit(render_import(result, price_import(result), format.value))
    except UserError as error:
        _fail(error)


@app.command(cls=_VariableOrder)
def diff(
    ctx: typer.Context,
    a: Annotated[Path, typer.Argument(help="Before: a spec, Terraform / CloudFormation, or a Terraform plan JSON "
                                           "(alone: its resource changes, before and after apply).")],
    b: Annotated[Optional[Path], typer.Argument(help="After: a spec, or Terraform / CloudFormation.")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.table,
    usage: Annotated[Optional[Path], typer.Option(
        help="Usage file (YAML) keyed by resource address, for both sides; default: usage.yml next to each.")] = None,
    region: Annotated[Optional[str], typer.Option(help="Region, when the code does not say.")] = None,
    var: VarOption = None,
    var_file: VarFileOption = None,
    parameters: ParametersOption = None,
    parameter: ParameterOption = None,
) -> None:
    """Monthly cost change per resource and in total, resources added, removed and changed, findings."""
    from stackwright.diff import diff as compare, load_side, load_spec_as_code, render, with_settings_of
    from stackwright.importer import source_format

    try:
        inputs = {"region": region, **_import_inputs(var, var_file, parameters, parameter, ctx)}
        if b is None:
            if source_format(a) != "terraform-plan":
                raise UserError(["diff needs two inputs, or one Terraform plan JSON (terraform show -json PLANFILE)"])
            sides = [load_side(a, plan_side=side, usage_file=_usage_beside(a, usage), **inputs)
                     for side in ("before", "after")]
            formats = []
        else:
            formats = [source_format(side) for side in (a, b)]
            sides = [load_side(side, usage_file=_usage_beside(side, usage), **inputs)
                     if form != "spec" or other == "spec" else load_spec_as_code(side, other, region=region)
                     for side, form, other in ((a, *formats), (b, *reversed(formats)))]
        (spec_a, bill_a, unpriced_a), (spec_b, bill_b, unpriced_b) = sides
        if formats.count("spec") == 1:  # the code side judged by the spec's target, named by its name
            spec_a, spec_b = (spec_a, with_settings_of(spec_b, spec_a)) if formats[0] == "spec" else \
                (with_settings_of(spec_a, spec_b), spec_b)
        dialects = {"terraform" if form == "terraform-plan" else form for form in formats if form != "spec"}
        _emit(render(compare(bill_a, bill_b, spec_a, spec_b, findings_a=_findings(spec_a),
                             findings_b=_findings(spec_b), unpriced_a=unpriced_a, unpriced_b=unpriced_b,
                             across_formats=len(dialects) == 2), format.value))
    except UserError as error:
        _fail(error)


def _findings(spec):
    """Plan-level findings, so a diff shows the ones that appear or go away."""
    from stackwright.checks import run_checks
    from stackwright.plan import build_plan

    return run_checks(spec, build_plan(spec))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; the default, loopback, keeps other machines out.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """A local web planner: edit a spec and see its bill, diagram, findings, savings and roadmap live."""
    from stackwright.serve import run

    run(host, port)


@prices_app.command("sources")
def prices_sources() -> None:
    """Where every price in the catalogue comes from, and its date."""
    from rich.table import Table

    from stackwright.pricing import catalogue

    import datetime as dt

    today = dt.date.today().isoformat()
    newest = catalogue.newest_date()
    table = Table(title=f"Price sources (newest {newest}; a price more than 12 months older is flagged on the bill)")
    for column in ("id", "date", "age", "behind newest", "title", "origin", "commit"):
        table.add_column(column)
    for source in catalogue.sources().values():
        behind = catalogue.months_between(source.date, newest)
        stale = catalogue.staleness(source) is not None
        table.add_row(source.id, source.date, f"{catalogue.months_between(source.date, today)} months",
                      f"[yellow]{behind} months, flagged[/]" if stale else f"{behind} months",
                      source.title, source.origin, source.commit[:12])
    _console().print(table)


@prices_app.command("show")
def prices_show(
    service: Annotated[str, typer.Argument(help="Service, e.g. ec2, rds, fargate, alb (a key prefix).")],
    region: Annotated[str, typer.Option("--region", "-r", help="Region code.")] = "us-east-1",
    filter: Annotated[Optional[str], typer.Option("--filter", help="Only keys containing this text.")] = None,
) -> None:
    """The catalogue's prices for one service in one region, with source, date and estimate marks."""
    from rich.table import Table

    from stackwright.pricing import catalogue

    try:
        prices = catalogue.load(region)
    except catalogue.UnknownRegion:
        _fail(UserError(f"unknown region '{region}'; known: {', '.join(catalogue.regions())}"))
    prefix = service.rstrip("/") + "/"
    keys = [k for k in prices.keys() if (k.startswith(prefix) or k.startswith(service.rstrip("/") + "-"))
            and (filter is None or filter in k)]
    if not keys:
        _fail(UserError(f"no prices for '{service}' in {region}; services: "
                        f"{', '.join(sorted({k.split('/')[0] for k in prices.keys()}))}"))
    table = Table(title=f"{service} prices in {region}")
    for column in ("key", "USD", "unit", "source", "date", "estimate / replaced figure"):
        table.add_column(column)
    for key in keys:
        p = prices.get(key)
        usd = f"{p.usd:g}" if not p.tiers else " / ".join(f"{u:g}≤{'∞' if b is None else f'{b:g}'}" for b, u in p.tiers)
        notes = [p.estimate] if p.estimate else []
        if p.replaces:
            old = p.replaces
            notes.append(f"replaces {old['usd']:g} ({old['source']}, {old['date']})")
        table.add_row(key, usd, p.unit, p.source.id, p.source.date, "; ".join(notes))
    _console().print(table)


@prices_app.command("build")
def prices_build(
    source: Annotated[Path, typer.Option(help="Folder of public price snapshots (shared/pricing-source).")],
    data_dir: Annotated[Optional[Path], typer.Option(help="Catalogue folder to write (default: the package's).")] = None,
) -> None:
    """Rebuild the catalogue from the public price snapshots and published.yaml."""
    from stackwright.pricing import build, catalogue

    if not source.is_dir():
        _fail(UserError(f"{source}: no such folder; point --source at the pricing-source snapshots"))
    summary = build.build(source, data_dir or catalogue.DATA_DIR)
    print(f"catalogue: {summary['prices']:,} prices in {summary['region_count']} regions "
          f"from {len(summary['sources'])} sources")


@prices_app.command("update")
def prices_update(
    region: Annotated[str, typer.Option(help="Region code.")],
    service: Annotated[Optional[str], typer.Option(help="Price List offer code, e.g. AmazonEC2, AmazonRDS, AWSELB, AWSLambda.")] = None,
    url: Annotated[Optional[str], typer.Option(help="Offer file URL (default: AWS's documented Price List URL).")] = None,
    file: Annotated[Optional[Path], typer.Option(help="A local offer file (index.json); AWSComputeSavingsPlan for a savings-plan file.")] = None,
    from_dir: Annotated[Optional[Path], typer.Option("--from", help="A folder of downloaded offer files: rebuild every service of the region found there.")] = None,
    data_dir: Annotated[Optional[Path], typer.Option(help="Catalogue folder to update (default: the package's).")] = None,
) -> None:
    """Refresh a region's prices from AWS's own Price List bulk offer files (one service, or a whole folder)."""
    from stackwright.pricing import catalogue, savings_plans, update

    target = data_dir or catalogue.DATA_DIR
    try:
        if from_dir is not None:
            if service or url or file:
                raise ValueError("give --from alone, or --service with --url/--file")
            results = savings_plans.update_from(from_dir, region, target)
        elif service is None:
            raise ValueError("give --service (with --url or --file) or --from DIR")
        elif service == savings_plans.SAVINGS_PLAN_OFFER:
            if file is None:
                raise ValueError("a savings-plan update reads a downloaded file: give --file or --from")
            results = [savings_plans.update(region, target, file)]
        else:
            results = [update.update(service, region, target, url=url, file=file)]
    except (ValueError, OSError) as error:
        _fail(UserError(f"prices update: {error}"))
    for result in results:
        print(f"{result.service} {result.region}: {result.added} added, {result.changed} changed, "
              f"{result.unchanged} unchanged, {result.removed} removed "
              f"(source {result.source_id}, published {result.publication_date})")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments start with: Typer makes a Click command of every registered
    command at each start-up (4 ms), and Click would look up that one alone. Arguments starting any other way
    (none, `--help`, a misspelt name) get every command, so help, completion and suggestions are unchanged."""
    if not args:
        return app
    named = [info for info in app.registered_commands
             if (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]]
    groups = [info for info in app.registered_groups if info.name == args[0]]
    if len(named) + len(groups) != 1:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = named, groups
    return only


def main() -> None:
    from stackwright import method_cache
    from stackwright.output import INTERRUPTED_EXIT

    method_cache.install()  # before the commands' lazy imports make the plan's and the bill's dataclasses
    # At exit the interpreter frees what is left with full collections over every object still alive (about
    # 35 ms of CPU after a bill: the modules, pydantic's validators, the plan). Frozen, those objects are
    # skipped, the rest is freed as before and only objects in reference cycles are left to the operating
    # system; registered first, this runs after every other exit handler, once the outputs are written.
    atexit.register(gc.freeze)
    global _collector_off_for_start_up
    _collector_off_for_start_up = True
    gc.disable()  # until _collector_for_the_command, or for good in a short command
    # pydantic looks for plugins (reading the entry points of every installed distribution) when it builds
    # the first validator unless this says not to; plugins only observe validation, and the user's setting wins
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _app_for(sys.argv[1:])()
    except UserError as error:  # pragma: no cover - commands handle their own
        _fail(error)
    except SystemExit as stop:
        if stop.code != INTERRUPTED_EXIT:
            raise
        # Interrupted and cleaned up. End here: under `python -m`, CPython kills itself with SIGINT at exit if
        # the interrupt was ever raised inside exec'd source (a dataclass made during a lazy import), even
        # though it was caught, and the shell would not see 130.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(INTERRUPTED_EXIT)
