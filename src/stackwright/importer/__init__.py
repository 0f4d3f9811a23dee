"""Import existing Terraform or CloudFormation as a priced spec, offline.

    result = import_path("infra/", usage_file="usage.yml")
    bill = price_import(result)
    text = render_import(result, bill, "json")

Every resource in the code ends up priced in a spec component (`priced_as`), free, or unsupported
with the reason; nothing unpriceable is counted as $0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from stackwright.cost.bill import Bill
from stackwright.errors import Problem, UserError, read_user_file
from stackwright.importer.enums import lower_case_insensitive
from stackwright.importer.resources import READ, TRAFFIC_DEFAULT, USAGE_FILE, Assumption, Location
from stackwright.spec.model import Spec, Traffic

__all__ = ["ImportResult", "Unsupported", "Free", "Assumption", "import_path", "price_import", "render_import",
           "source_format"]


def __getattr__(name: str):
    # The mappers load on first use: cost modules read IaC types from this package, and `stackwright cost`
    # (which prices a plan through those modules) must not pay for every mapper.
    if name in ("Unsupported", "Free"):
        from stackwright.importer import mapping

        return getattr(mapping, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class ImportResult:
    spec: Spec
    source: str  # the path imported
    format: str  # "terraform" or "cloudformation"
    unsupported: list[Unsupported]  # (address, type, reason): not priced, never counted as $0
    free: list[Free]  # (address, type): resources that cost nothing
    assumptions: list[Assumption]  # where values came from: usage file, traffic defaults, documented defaults
    priced_as: dict[str, str]  # resource address -> the spec component that prices it
    locations: dict[str, Location]  # resource address -> where the code declares it
    # Resources priced by their AWS resource cost module (stackwright.resources): (record, usage values).
    records: list = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)  # resource address -> its type as the code writes it


def source_format(path: str | Path) -> str:
    """"terraform", "terraform-plan", "cloudformation" or "spec", from the path and a look at the text."""
    path = Path(path)
    if path.is_dir() or path.suffix == ".tf":
        return "terraform"
    text = read_user_file(path, "file")
    if re.search(r"^components\s*:", text, re.MULTILINE):
        return "spec"
    if path.suffix == ".json":
        from stackwright.importer.terraform_plan import is_plan

        if is_plan(text):
            return "terraform-plan"
    # YAML lets a whole document sit indented (AWS's own VPC_With_Managed_NAT_And_Private_Subnet.yaml does)
    if re.search(r"^[ \t]*(Resources|AWSTemplateFormatVersion)\s*:|\"(Resources|AWSTemplateFormatVersion)\"\s*:", text,
                 re.MULTILINE):
        return "cloudformation"
    raise UserError(Problem(str(path), 1, 1, "not a spec (components:), a CloudFormation template (Resources:), "
                                             "Terraform (a directory or .tf file) or a Terraform plan "
                                             "(terraform show -json PLANFILE); point at one of those"))


PARAMETERS_BESIDE = "parameters.json"  # what `stackwright plan` writes next to a template: the values to deploy with
EXAMPLE_BESIDE = "terraform.tfvars.example"  # and next to a Terraform root module: the running system's values


def _example_beside(path: Path, var_files, variables, given) -> list[Path]:
    """The example values `stackwright plan` writes beside a root module, as the running system's (its image
    tag: the first apply runs no tasks), when nothing else gives values: no var files, -var values or
    terraform.tfvars / *.auto.tfvars of its own."""
    root = path if path.is_dir() else path.parent
    example = root / EXAMPLE_BESIDE
    if var_files or variables or given or not example.is_file():
        return []
    if any((root / name).is_file() for name in ("terraform.tfvars", "terraform.tfvars.json")) or \
            any(root.glob("*.auto.tfvars")) or any(root.glob("*.auto.tfvars.json")):
        return []
    return [example]


def import_path(path: str | Path, usage_file: str | Path | None = None, *, region: str | None = None,
                var_files: Sequence[str | Path] = (), parameters: dict | None = None,
                plan_side: str = "after", variables: dict[str, str] | None = None,
                environ: dict[str, str] | None = None,
                given: Sequence[Path | tuple[str, str]] | None = None) -> ImportResult:
    """Read Terraform (a directory or .tf file), a Terraform plan JSON or a CloudFormation template into a spec.

    `region` overrides the code's; `var_files` are extra .tfvars files and `variables` -var values
    (Terraform; `environ` holds the TF_VAR_* variables, os.environ by default; `given`, when set, holds
    both in command-line order, as Terraform applies them); `parameters` override template parameter
    Defaults (CloudFormation; None: those of the parameters.json beside the template, if any); `plan_side` picks a plan's resources
    after apply (planned values) or before it."""
    from stackwright.importer.cloudformation import read_cloudformation
    from stackwright.importer.mapping import map_resources
    from stackwright.importer.mapping.registry import USAGE_KEYS
    from stackwright.importer.terraform import read_terraform

    kind = source_format(path)
    if kind == "spec":
        raise UserError(Problem(str(path), 1, 1, "this is already a spec; use `stackwright cost` on it"))
    from stackwright.importer.usage import load_usage  # its models load only for an import, not for `cost`

    usage = load_usage(usage_file)
    if kind == "terraform":
        example = _example_beside(Path(path), var_files, variables, given)
        read = read_terraform(Path(path), region=region, var_files=[Path(v) for v in var_files] + example,
                              variables=variables, environ=environ,
                              given=example if example and given is not None else given)
        if example:
            read.notes.append(Assumption("variables", READ, f"from {example[0]}, the example values beside the "
                                                            "root module (no terraform.tfvars, no values given)"))
    elif kind == "terraform-plan":
        from stackwright.importer.terraform_plan import read_terraform_plan

        read = read_terraform_plan(Path(path), region=region, side=plan_side)
    else:
        beside = Path(path).parent / PARAMETERS_BESIDE
        from_beside = parameters is None and beside.is_file()
        if from_beside:
            from stackwright.importer.cfn_parameters import load_parameters

            parameters = load_parameters(beside)
        read = read_cloudformation(Path(path), region=region, parameters=parameters)
        if from_beside:
            read.notes.append(Assumption("parameters", READ, f"from {beside}, the parameters file beside the template"))
    for resource in read.resources:
        lower_case_insensitive(resource)
    from stackwright.resources.registry import usage_keys

    modelled = usage_keys()  # a type a spec kind maps takes the kind's keys, and its cost module's when it falls back
    notes = usage.check(read.resources, {t: (*USAGE_KEYS.get(t, ()), *modelled.get(t, ()))
                                         for t in {*USAGE_KEYS, *modelled}})
    mapping = map_resources(read, usage)
    traffic = usage.traffic or Traffic()
    if usage.traffic is None:
        source = "no usage file" if usage.file is None else f"{usage.file} has no traffic section"
        notes.append(Assumption("traffic", TRAFFIC_DEFAULT, (
            f"{source}: usage not given per resource comes from the default traffic ({traffic.dau:,} DAU × "
            f"{traffic.requests_per_user_day:g} requests/user/day × {traffic.kb_per_request:g} KB)")))
    settings = usage.settings
    components = dict(mapping.components)
    records = list(mapping.records)
    for name, component in settings.components.items():
        while name in components:
            name = f"{name}-usage"
        components[name] = component
        records += _stated_records(name, component, read.region)
        notes.append(Assumption(name, USAGE_FILE, f"a {component.kind} component from the usage file's spec section"))
    spec_wide = {key: value for key in ("free_tier", "running_hours_per_week")
                 if (value := getattr(settings, key)) is not None}
    for key, value in spec_wide.items():
        notes.append(Assumption(key, USAGE_FILE, f"{key} = {value} (usage file: spec)"))
    _known_region(read.region, path, given=region is not None, where=read.region_location)
    try:
        spec = Spec(
            name=read.name, region=read.region, azs=read.azs or 2, traffic=traffic, components=components,
            description=f"Imported from {path} ({read.format}).", **spec_wide,
        )
    except ValidationError as exc:  # a value no mapping checked; the message names the field
        error = exc.errors(include_url=False)[0]
        where = ".".join(map(str, error["loc"]))
        at = _component_location(read, mapping.priced_as, error["loc"]) or Location(str(path), 1, 1)
        raise UserError(Problem(at.file, at.line, at.column, f"the imported spec is not valid at {where}: "
                                                             f"{error['msg']}; check that value in the code")) from None
    return ImportResult(
        spec=spec, source=str(path), format=read.format, unsupported=mapping.unsupported, free=mapping.free,
        assumptions=[*read.notes, *notes, *mapping.assumptions], priced_as=mapping.priced_as,
        locations={r.address: r.location for r in read.resources if r.location}, records=records,
        # with what a module call creates for itself (module.vpc's NAT gateways, priced at their own addresses)
        types={r.address: r.type for r in read.resources} | {record.address: record.type for record, _usage in records},
    )


def _stated_records(name: str, component, region: str) -> list:
    """The resource records a usage file's billing-only component stands for, where its kind is priced from
    resources (public_ipv4: Elastic IPs no code declares); none for a data_transfer line."""
    from stackwright.resources import from_plan

    reader = from_plan.reader(component.kind)
    return list(reader.stated(name, component, region)) if reader is not None else []


def _component_location(read, priced_as: dict[str, str], loc: tuple) -> Location | None:
    """Where the code declares the resource behind an invalid component (`components.NAME...`)."""
    if len(loc) < 2 or loc[0] != "components":
        return None
    addresses = [loc[1], *(address for address, name in priced_as.items() if name == loc[1])]
    places = {r.address: r.location for r in read.resources if r.location}
    return next((places[a] for a in addresses if a in places), None)


def _known_region(region: str, path, *, given: bool, where=None) -> None:
    from stackwright.pricing.catalogue import REGION_CODE, regions

    if not REGION_CODE.match(region) or region not in regions():
        if given:
            raise UserError(f"--region {region[:60]!r}: it is not a region code stackwright knows; give one, "
                            "e.g. us-east-1")
        file, line, column = (where.file, where.line, where.column) if where else (str(path), 1, 1)
        raise UserError(Problem(file, line, column, f"region {region[:60]!r} (from the code) is not a region code "
                                                    "stackwright knows; give --region with one, e.g. us-east-1"))


def price_import(result: ImportResult) -> Bill:
    """The bill of an import: what the code (and the usage file's billing-only components) declares, nothing
    else. Prices the catalogue lacks are listed as not priced rather than failing: imported code names
    what it names, and the rest of the bill is still worth having. Every line names the resource it
    prices: its address as written and its type."""
    from stackwright.cost.engine import FreeTier
    from stackwright.pricing import catalogue
    from stackwright.resources.egress import share_account_tiers
    from stackwright.resources.price import add_to_bill
    from stackwright.spec_bill import price

    # one account's always-free allowances, used up by the spec's lines (a usage file's billing-only data
    # out) and then the resources' (their own data out): never granted twice
    allowance = FreeTier() if result.spec.free_tier else None
    bill = price(result.spec, allow_missing=True, declared_only=True, allowance=allowance)
    sources: dict[str, list[str]] = {}
    for address, component in result.priced_as.items():
        sources.setdefault(component, []).append(address)
    bill.items = [replace(item, **_resource_of(item.resource, sources, result.types)) for item in bill.items]
    if result.records:
        prices = catalogue.load(result.spec.region)
        before = len(bill.items)
        add_to_bill(bill, result.records, prices, allowance)
        bill.items = share_account_tiers(bill.items, prices, before)  # internet data out's tiers: account-wide
    return bill


def _resource_of(component: str, sources: dict[str, list[str]], types: dict[str, str]) -> dict:
    """The address and type a spec component's line stands for: its one resource (block), else the component."""
    addresses = sources.get(component, [])
    blocks = {re.sub(r"\[[^]]*\]$", "", a) for a in addresses}
    kinds = sorted({types[a] for a in addresses if a in types})
    address = next(iter(blocks)) if len(blocks) == 1 else component
    return {"address": address, "resource_type": ",".join(kinds) or None}


def render_import(result: ImportResult, bill: Bill, format: str):
    from stackwright.importer.report import render

    return render(result, bill, format)
