"""Deploy a spec's CloudFormation template and destroy it again, on AWS or on a local moto server.

Both targets go through the same CloudFormation change sets (`stack.Stack`). The aws target deploys
the real template. The local target deploys a variant without the resources moto's CloudFormation
skips or gets wrong (`local.MOTO_GAPS`): stackwright creates those through the services' own APIs and
writes their values into the stack's resources where the template refers to them. As some of them
need stack resources and some stack resources need them, the local stack grows in stages. The stack
template's Metadata records what was made outside it, so a later deploy reuses it and destroy
removes it. After either deploy every planned resource is verified with describe calls."""

from __future__ import annotations

import copy
import dataclasses
import json
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import yaml

from stackwright.deploy import local, tagged
from stackwright.deploy.aws import GLOBAL_REGION, Clients, aws_clients, embedded_moto, local_clients
from stackwright.deploy.bootstrap import bootstrap_template, ensure_template_bucket, push_commands
from stackwright.deploy.bound import LOOKUP_ERRORS, BoundTemplate
from stackwright.deploy.kinds import KINDS, Resource
from stackwright.deploy.kinds.base import brief
from stackwright.deploy.report import (
    ChangePreview, DeployInterrupted, DeployReport, DestroyReport, FailedResource, Failure, Leftover, Progress,
    ResourceOutcome, StackEvent, Target,
)
from stackwright.deploy.stack import FAILED_CREATE, TEMPLATE_BODY_LIMIT, Stack
from stackwright.deploy.template import Evaluator, creation_order, dependencies, depends_on, references, substitute
from stackwright.errors import UserError
from stackwright.plan import Plan, build_plan
from stackwright.plan.naming import stack_name
from stackwright.render.cloudformation import render_template
from stackwright.render.cloudformation.template import logical_id
from stackwright.spec.model import Spec

RECORD = "Stackwright::LocalEmulation"  # template Metadata key of what the local target made outside the stack
SPEC_TAG = "stackwright:spec"
EMBEDDED_NOTE = ("the embedded moto server stopped when the command ended, and everything in it with it; to keep "
                 "state between commands run `MOTO_IAM_LOAD_MANAGED_POLICIES=true moto_server -H 127.0.0.1 -p 5000` "
                 "and pass --endpoint-url http://127.0.0.1:5000")
POLL_SECONDS = {"local": 0.2, "aws": 5.0}
# How long destroy goes on retrying tagged leftovers whose delete waits on another's (an instance
# terminating holds its security groups; a NAT gateway deleting holds its subnet): AWS takes minutes.
SWEEP_PATIENCE = {"local": 0.0, "aws": 1800.0}
DELETE_ERRORS = (*LOOKUP_ERRORS, NotImplementedError)  # NotImplementedError: a kind stackwright does not delete

ProgressCallback = Callable[[Progress], None]


def default_stack_name(spec_name: str) -> str:
    return stack_name(spec_name)


def deploy(spec: Spec, target: Target = "local", *, stack_name: str | None = None, endpoint_url: str | None = None,
           region: str | None = None, parameters: dict[str, str] | None = None, template_bucket: str | None = None,
           progress: ProgressCallback | None = None, bootstrap: bool = False) -> DeployReport:
    """Create or update the spec's stack. `parameters` fill the template's parameters (the local target
    makes stand-ins for those left out); `template_bucket` takes templates over CloudFormation's inline
    size limit (on aws the account's `stackwright-templates-ACCOUNT-REGION` bucket by default; the local
    target makes its own). `bootstrap` creates the stack with only what must exist before the services
    (`bootstrap.BOOTSTRAP_TYPES`), refusing a stack that already has more."""
    plan = build_plan(spec)
    body = _body(plan, bootstrap)
    with _session(target, region or plan.region, endpoint_url) as (aws, url):
        run = _Run(aws, plan, body, target, stack_name or default_stack_name(plan.name), url, progress,
                   given=parameters)
        if bootstrap:
            run.refuse_past_bootstrap()
        report = run.deploy(run.declared(parameters or {}, bootstrap), template_bucket)
    if bootstrap and not report.failure:
        steps = push_commands(report.outputs, report.region)
        report = dataclasses.replace(report, notes=report.notes + tuple(
            f"next: {step}" for step in steps) + ("next: stackwright deploy SPEC --target "
                                                  f"{target} --parameter ImageTag=TAG (the tag pushed)",))
    return report


def preview(spec: Spec, target: Target = "local", *, stack_name: str | None = None, endpoint_url: str | None = None,
            region: str | None = None, parameters: dict[str, str] | None = None,
            template_bucket: str | None = None, bootstrap: bool = False) -> ChangePreview:
    """`deploy --dry-run`: the change set CloudFormation would execute for the spec's template (its
    bootstrap part with `bootstrap`), described and deleted without executing it; nothing in the account
    changes (a template over the inline limit is uploaded to `template_bucket`, as a deploy would)."""
    plan = build_plan(spec)
    with _session(target, region or plan.region, endpoint_url) as (aws, url):
        run = _Run(aws, plan, _body(plan, bootstrap), target, stack_name or default_stack_name(plan.name), url, None)
        return run.preview(run.declared(parameters or {}, bootstrap), template_bucket)


def destroy(spec: Spec, target: Target = "local", *, stack_name: str | None = None, endpoint_url: str | None = None,
            region: str | None = None, progress: ProgressCallback | None = None) -> DestroyReport:
    """Delete the spec's stack; on the local target also what stackwright made outside it and what moto
    leaves behind; on both, what still carries the stack's tags in no stack. Then check with describe
    calls that none of the stack's resources is left."""
    plan = build_plan(spec)
    with _session(target, region or plan.region, endpoint_url) as (aws, url):
        run = _Run(aws, plan, render_template(plan), target, stack_name or default_stack_name(plan.name), url, progress)
        return run.destroy()


def _created(document: dict, given: dict[str, str]) -> dict:
    """The template without the resources and outputs whose Condition is false for the parameters given
    (or their defaults): what the stack will hold, to stage and verify (an existing hosted zone given)."""
    values = {name: given.get(name, definition.get("Default")) for name, definition in
              document.get("Parameters", {}).items()}
    if not document.get("Conditions"):
        return document

    def unknown(*_):
        raise KeyError("a condition refers to a resource")

    evaluator = Evaluator(document, parameters=values, pseudo={}, ref=unknown, get_att=unknown)

    def holds(condition: str) -> bool:
        try:
            return evaluator.condition(condition)
        except LOOKUP_ERRORS:  # one that needs the account: CloudFormation decides, the resource stays planned
            return True

    kept = copy.copy(document)
    for section in ("Resources", "Outputs"):
        if section in document:
            kept[section] = {name: item for name, item in document[section].items()
                             if "Condition" not in item or holds(item["Condition"])}
    return kept


def _body(plan: Plan, bootstrap: bool) -> str:
    body = render_template(plan)
    return json.dumps(bootstrap_template(yaml.safe_load(body)), indent=1) if bootstrap else body


@contextmanager
def _session(target: Target, region: str, endpoint_url: str | None) -> Iterator[tuple[Clients, str | None]]:
    if target == "aws":
        yield aws_clients(region, endpoint_url), endpoint_url
    elif target != "local":
        raise UserError(f"unknown target '{target}'; use local or aws")
    elif endpoint_url:
        yield local_clients(region, endpoint_url), endpoint_url
    else:
        with embedded_moto() as url:
            yield local_clients(region, url), None


class _Tracker:
    """Counts settled planned resources and passes progress to the caller's callback."""

    def __init__(self, callback: ProgressCallback | None, planned: set[str]):
        self.callback = callback
        self.planned = planned
        self.settled: set[str] = set()

    def say(self, message: str, event: StackEvent | None = None) -> None:
        if self.callback:
            self.callback(Progress(message, len(self.settled), len(self.planned), event))

    def event(self, event: StackEvent) -> None:
        reason = f": {event.reason}" if event.reason else ""
        self.say(f"{event.logical_id} {event.status}{reason}", event)

    def settle(self, logicals: set[str]) -> None:
        self.settled |= logicals & self.planned
        self.say(f"{len(self.settled)} of {len(self.planned)} resources settled")


class _Run:
    def __init__(self, aws: Clients, plan: Plan, body: str, target: Target, stack_name: str,
                 endpoint_url: str | None, progress: ProgressCallback | None, given: dict[str, str] | None = None):
        self.aws = aws
        self.plan = plan
        self.body = body
        self.document = _created(yaml.safe_load(body), given or {})
        self.target = target
        self.stack_name = stack_name
        self.endpoint_url = endpoint_url
        self.tags = {SPEC_TAG: plan.name}
        self.tracker = _Tracker(progress, set(self.document["Resources"]))
        self.stack = Stack(aws("cloudformation"), aws("s3"), stack_name, region=aws.region,
                           poll_seconds=POLL_SECONDS[target], on_event=self.tracker.event,
                           on_settled=self.tracker.settle)
        self.needs = dependencies(self.document["Resources"])
        self.order = creation_order(self.needs)
        self.reads = {logical: references(r.get("Properties", {}), attributes_only=True) & self.needs[logical]
                      for logical, r in self.document["Resources"].items()}
        routes = {logical: local.route(r["Type"], r.get("Properties")) if target == "local" else ("cloudformation", None)
                  for logical, r in self.document["Resources"].items()}  # (mode, why)
        self.modes = {logical: mode for logical, (mode, _) in routes.items()}
        self.reasons = {logical: reason for logical, (_, reason) in routes.items()}
        self.outside = {logical for logical, mode in self.modes.items() if mode != "cloudformation"}
        self.made_now: list[str] = []  # service-API resources and stand-ins this run created, in order
        self.replaced: list[str] = []  # service-API resources this run deleted and made again
        self.started = time.monotonic()

    # ------------------------------------------------------------------------------------------ deploy

    def deploy(self, parameters: dict[str, str], template_bucket: str | None) -> DeployReport:
        status = self.stack.status()
        existed = status is not None and status not in FAILED_CREATE
        previous = self.stack.template() if existed else {}
        record = previous.get("Metadata", {}).get(RECORD, {"ServiceApi": {}, "Fixtures": {}})
        self.unplanned = {logical: record["ServiceApi"].pop(logical) for logical in list(record["ServiceApi"])
                          if logical not in self.document["Resources"]}
        self.record = record
        if self.target == "local":
            fixtures = self._fixtures(record.get("Fixtures", {}))
            parameters = {**self._local_parameters(fixtures["Certificates"]), **parameters}
            self.stack.template_bucket = fixtures["TemplateBucket"]
        else:
            self._require_parameters(parameters)
            self.stack.template_bucket = self._template_bucket(template_bucket)
        self.parameters = parameters
        self.bound = BoundTemplate(self.aws, self.document, stack_name=self.stack_name, tags=self.tags,
                                   parameters=parameters, not_emulated=frozenset(
                                       logical for logical, mode in self.modes.items() if mode == "not-emulated"))
        self.tracker.say(f"deploying {self.stack_name} to {self.target} ({self.aws.region})")
        if self.target == "local":
            self.inventory_before = self._inventory()
            try:
                outcome, failure = self._deploy_in_stages(previous, existed)
            except KeyboardInterrupt:  # Ctrl-C half-way: undo this run as a failure would, so a rerun starts clean
                self.tracker.say("interrupted; undoing this deploy")
                self._roll_back("interrupted", (), existed, previous)
                if not existed:  # what an interrupted create call made is known only by its tags
                    self._sweep_tagged(set())
                raise
        else:
            try:
                outcome, failure = self._deploy_whole(existed)
            except KeyboardInterrupt:
                raise self._leave_to_cloudformation() from None
        if failure:
            return self._report("failed", (), {}, "", failure)
        self.bound.forget_states()
        outcomes = self._verify()
        self.tracker.settle({o.logical_id for o in outcomes})
        outputs, source = self._outputs()
        return self._report(outcome, tuple(outcomes), outputs, source)

    def preview(self, parameters: dict[str, str], template_bucket: str | None) -> ChangePreview:
        notes: tuple[str, ...] = ()
        if self.target == "local":
            parameters = {**self._example_parameters(), **parameters}
            notes = (f"the local target deploys this template in stages and makes {len(self.outside)} of its "
                     "resources through the services' own APIs; this is the change set of the template as written, "
                     "as --target aws would execute it",)
            self.stack.template_bucket = template_bucket
        else:
            self._require_parameters(parameters)
            self.stack.template_bucket = self._template_bucket(template_bucket)
        result, changes = self.stack.preview(self.body, parameters, self.tags)
        return ChangePreview(self.stack_name, self.target, self.aws.region, self.endpoint_url, result, changes, notes)

    def declared(self, parameters: dict[str, str], bootstrap: bool) -> dict[str, str]:
        """The bootstrap template declares few parameters: CloudFormation refuses values for the others."""
        if not bootstrap:
            return parameters
        return {name: value for name, value in parameters.items() if name in self.document.get("Parameters", {})}

    def refuse_past_bootstrap(self) -> None:
        """Bootstrap deploys a part of the template: on a stack that holds more it would delete the rest."""
        if self.stack.status() in (None, *FAILED_CREATE):
            return
        beyond = sorted(set(self.stack.resources()) - set(self.document["Resources"]))
        if beyond:
            raise UserError(f"stack {self.stack_name} already holds {len(beyond)} resources beyond the bootstrap "
                            f"(such as {beyond[0]}); bootstrap only runs before the first full deploy: deploy "
                            "without --bootstrap")

    def _template_bucket(self, given: str | None) -> str | None:
        """The bucket a template over the inline limit goes to: the one given, or the account's own."""
        if given or len(self.body.encode()) <= TEMPLATE_BODY_LIMIT:
            return given
        name = ensure_template_bucket(self.aws)
        self.tracker.say(f"the template is over CloudFormation's inline limit: uploading it to s3://{name}")
        return name

    def _example_parameters(self) -> dict[str, str]:
        """Values for a dry run on the local target, where nothing is created: the plan's examples, and a
        certificate ARN of the right form."""
        values = {}
        for parameter in self.plan.parameters:
            name = logical_id(parameter.id)
            if name in self.document.get("Parameters", {}) and parameter.default is None:
                values[name] = (f"arn:aws:acm:{self.aws.region}:123456789012:certificate/dry-run"
                                if parameter.kind == "certificate_arn" else parameter.example)
        return values

    def _deploy_whole(self, existed: bool) -> tuple[str, Failure | None]:
        applied = self.stack.apply(self.body, self.parameters, self.tags)
        if applied.outcome == "failed":
            return "failed", self._roll_back(applied.reason, applied.failed, existed)
        self._place_stack_resources()
        return applied.outcome, None

    def _leave_to_cloudformation(self) -> DeployInterrupted:
        """Ctrl-C on the aws target: CloudFormation works on without stackwright. An update is cancelled,
        so CloudFormation rolls the stack back to the template it had; a create cannot be cancelled and
        goes on (a failure rolls it back); a change set not yet executed goes with its empty stack."""
        try:
            return DeployInterrupted(self.stack_name, *self._stop())
        except LOOKUP_ERRORS as error:
            return DeployInterrupted(self.stack_name, None, f"stackwright could not read the stack's state "
                                                            f"({brief(error)}); CloudFormation goes on without it")

    def _stop(self) -> tuple[str | None, str]:
        status = self.stack.status()
        if status == "UPDATE_IN_PROGRESS":
            self.stack.cloudformation.cancel_update_stack(StackName=self.stack_name)
            what = ("the update was cancelled: CloudFormation is rolling the stack back to the template it had "
                    "before this deploy")
        elif status == "CREATE_IN_PROGRESS":
            what = ("CloudFormation goes on creating the stack (a create cannot be cancelled); if a resource "
                    "fails, it rolls the stack back and deletes what it made")
        elif status == "REVIEW_IN_PROGRESS":
            self.stack.delete()
            what = "the change set had not run: nothing was created, and its empty stack is deleted"
        elif status is None:
            what = "no stack had been created"
        elif status.endswith("_IN_PROGRESS"):
            what = f"CloudFormation goes on with the stack ({status})"
        else:
            what = f"the stack is {status}"
        return status, what

    def _deploy_in_stages(self, previous: dict, existed: bool) -> tuple[str, Failure | None]:
        """Service-API resources as soon as what they need exists, then the stack resources that need
        nothing more, again and again until everything exists; last, the stack's record of what was
        made outside it."""
        done: set[str] = set()
        stack_side = set(self.document["Resources"]) - self.outside
        changed = bool(self.made_now)
        stored_record = previous.get("Metadata", {}).get(RECORD)
        if existed:
            self._place_stack_resources()
        everything = set(self.document["Resources"])
        while done != everything or self.record != stored_record:
            ready = [logical for logical in self.order
                     if logical in self.outside and logical not in done and self.needs[logical] <= done]
            for logical in ready:
                try:
                    changed |= self._ensure_outside(logical)
                except LOOKUP_ERRORS as error:
                    return "failed", self._roll_back(f"{logical}: {brief(error)}",
                                                     (FailedResource(logical, brief(error)),), existed, previous)
                done.add(logical)
            stage = self._next_stage(stack_side - done, done)
            if not ready and not stage and done != everything:
                raise RuntimeError(f"cannot order {sorted(everything - done)}")
            if ready and not stage and done != everything:
                continue
            try:
                template = self._stack_template(done & stack_side | stage, done | stage == everything, previous)
            except LOOKUP_ERRORS as error:
                return "failed", self._roll_back(brief(error), (), existed, previous)
            self.tracker.say(f"stack stage: {len(stage)} resources" if stage else
                             "stack: recording what was made outside it")
            applied = self.stack.apply(json.dumps(template), self.parameters, self.tags)
            if applied.outcome == "failed":
                return "failed", self._roll_back(applied.reason, applied.failed, existed, previous)
            changed |= applied.outcome != "no changes"
            stored_record = copy.deepcopy(self.record)
            done |= stage
            self._place_stack_resources()
            self.tracker.settle(stage)
        changed |= self._remove_unplanned()
        return ("updated" if existed else "created") if changed else "no changes", None

    def _next_stage(self, waiting: set[str], done: set[str]) -> set[str]:
        """The waiting stack resources whose needs exist or come in the same stage; those whose
        attributes they read must exist already (the stage template carries the values read)."""
        stage = set(waiting)
        while True:
            blocked = {logical for logical in stage
                       if not self.needs[logical] <= done | stage or not self.reads[logical] <= done}
            if not blocked:
                return stage
            stage -= blocked

    def _stack_template(self, deployed: set[str], final: bool, previous: dict) -> dict:
        """The local variant: `deployed` stack resources as the template says, with what was made outside
        the stack written in; stack resources not yet redeployed stay as they were."""
        kept = previous.get("Resources", {})
        resources = {}
        for logical, definition in self.document["Resources"].items():
            if logical in deployed:
                resources[logical] = self._stack_form(definition)
            elif logical in kept and logical not in self.outside:
                resources[logical] = kept[logical]
        template = {key: self.document[key] for key in ("AWSTemplateFormatVersion", "Description", "Parameters",
                                                        "Mappings", "Conditions") if key in self.document}
        template["Metadata"] = {RECORD: self.record}
        template["Resources"] = resources
        outputs = substitute(self.document.get("Outputs", {}), self.outside, set(self.document["Resources"]),
                             self.bound.lookup) if final else previous.get("Outputs")
        if outputs:
            template["Outputs"] = outputs
        return template

    def _stack_form(self, definition: dict) -> dict:
        """moto's Fn::GetAtt misses attributes (TargetGroupFullName) and splits dotted names, so the stack
        gets every attribute as the value stackwright read with describe calls."""
        resource = copy.deepcopy(definition)
        resource["Properties"] = substitute(definition.get("Properties", {}), self.outside,
                                            set(self.document["Resources"]), self.bound.lookup)
        needs = [name for name in depends_on(definition) if name not in self.outside]
        resource.pop("DependsOn", None)
        if needs:
            resource["DependsOn"] = needs
        return resource

    def _ensure_outside(self, logical: str) -> bool:
        """Make sure a resource outside the stack exists as planned: keep it, replace it or create it.
        Returns whether anything changed."""
        if self.modes[logical] == "not-emulated":
            return False
        kind, resource = self.bound.kind(logical), self.bound.resources[logical]
        recorded = self.record["ServiceApi"].get(logical)
        if recorded:
            self.bound.place(logical, recorded["PhysicalId"])
            state = self.bound.find(logical)
            if state is not None and not self._differences(logical, state):
                return False
            if state is not None:
                self.tracker.say(f"{logical}: replacing it, it differs from the template")
                kind.delete(self.aws, resource, state)
                self.replaced.append(logical)
        self.tracker.say(f"{logical}: {kind.service_api}")
        self.bound.place(logical, kind.create(self.aws, resource))
        self.made_now.append(logical)
        self.record["ServiceApi"][logical] = {
            "Type": resource.type, "PhysicalId": resource.physical_id,
            "Properties": substitute(resource.definition.get("Properties", {}), set(self.bound.resources),
                                     set(self.bound.resources), self.bound.lookup)}
        self.tracker.settle({logical})
        return True

    def _remove_unplanned(self) -> bool:
        """Delete what an earlier deploy made outside the stack that the template no longer has."""
        if not self.unplanned:
            return False
        planned = self.bound
        self.bound = self._bind_record(self.unplanned, self.parameters)
        self._delete_outside(list(reversed(list(self.unplanned))))
        self.bound = planned
        return True

    def _bind_record(self, entries: dict, parameters: dict[str, str], stack: dict | None = None) -> BoundTemplate:
        """The resources in `entries` (from the record) and, when given, the deployed stack's."""
        document = {**self.document, **(stack or {})}
        document["Resources"] = {**(stack or {}).get("Resources", {}), **{
            logical: {"Type": entry["Type"], "Properties": entry["Properties"]} for logical, entry in entries.items()}}
        bound = BoundTemplate(self.aws, document, stack_name=self.stack_name, tags=self.tags, parameters=parameters)
        for logical, entry in entries.items():
            bound.place(logical, entry["PhysicalId"])
        return bound

    def _place_stack_resources(self) -> None:
        for logical, (_, physical_id) in self.stack.resources().items():
            if logical in self.bound.resources and logical not in self.outside:
                self.bound.place(logical, physical_id)
        self.bound.forget_states()

    # ------------------------------------------------------------------------------------------ parameters

    def _require_parameters(self, given: dict[str, str]) -> None:
        missing = [(name, definition) for name, definition in self.document.get("Parameters", {}).items()
                   if name not in given and "Default" not in definition]
        if missing:
            examples = {logical_id(p.id): p.example for p in self.plan.parameters}
            raise UserError([f"parameter {name} has no value: {d.get('Description', '')}; give it with "
                             f"--parameter {name}={examples.get(name) or 'VALUE'}" for name, d in missing])

    def _local_parameters(self, certificates: dict[str, str]) -> dict[str, str]:
        """What a real account would supply: the plan's examples, and certificates made in moto."""
        values = {}
        for parameter in self.plan.parameters:
            name = logical_id(parameter.id)
            definition = self.document.get("Parameters", {}).get(name)
            if definition is not None and "Default" not in definition:
                values[name] = certificates[name] if parameter.kind == "certificate_arn" else parameter.example
        return values

    def _fixtures(self, recorded: dict) -> dict:
        """Certificates for the certificate parameters and a bucket for large templates, made in moto
        once and reused by later deploys."""
        certificates = {}
        domain = next((p.example for p in self.plan.parameters if p.kind == "domain_name"), "example.com")
        for parameter in self.plan.parameters:
            name = logical_id(parameter.id)
            definition = self.document.get("Parameters", {}).get(name)
            if parameter.kind != "certificate_arn" or definition is None or "Default" in definition:
                continue  # left empty, the stack requests its certificate itself
            region = self._certificate_region(name)
            known = recorded.get("Certificates", {}).get(name)
            if known and known["Region"] == region and local.certificate_exists(self.aws, known["Arn"], region):
                certificates[name] = known
            else:
                certificates[name] = {"Arn": local.certificate(self.aws, domain, region), "Region": region}
                self.made_now.append(f"certificate {name}")
        bucket = recorded.get("TemplateBucket") or f"{self.stack_name.lower()}-templates"[:63]
        if not local.bucket_exists(self.aws, bucket):
            local.create_bucket(self.aws, bucket)
            self.made_now.append(f"bucket {bucket}")
        self.record["Fixtures"] = {"Certificates": certificates, "TemplateBucket": bucket}
        return {"Certificates": {name: c["Arn"] for name, c in certificates.items()}, "TemplateBucket": bucket}

    def _certificate_region(self, parameter: str) -> str:
        """CloudFront takes certificates from us-east-1 only; load balancers from their own region."""
        for resource in self.document["Resources"].values():
            if resource["Type"] == "AWS::CloudFront::Distribution" and \
                    parameter in references(resource.get("Properties", {})):
                return GLOBAL_REGION
        return self.aws.region

    # ------------------------------------------------------------------------------------------ verify

    def _verify(self) -> list[ResourceOutcome]:
        outcomes = []
        for logical, resource in self.bound.resources.items():
            mode, reason = self.modes[logical], self.reasons[logical]
            if mode == "not-emulated":
                outcomes.append(ResourceOutcome(logical, resource.type, "not-emulated", None, "nothing", reason))
                continue
            kind = self.bound.kind(logical)
            outside = mode == "service-api"
            gaps = tuple(kind.gaps(resource)) if outside else ()
            problem = self._problem(logical)
            status = "verify-failed" if problem else \
                "created-by-service-api-and-verified" if outside else "created-by-cloudformation-and-verified"
            how = f"service API: {kind.service_api}" if outside else "CloudFormation"
            outcomes.append(ResourceOutcome(logical, resource.type, status, resource.physical_id, how,
                                            problem or (reason if outside else None), gaps))
        return outcomes

    def _problem(self, logical: str) -> str | None:
        """Why the resource does not count as verified, or None."""
        if self.bound.kind(logical) is None:
            return f"stackwright has no describe call for {self.bound.resources[logical].type}"
        if self.bound.resources[logical].physical_id is None:
            return "the stack does not list it: the service did not create it"
        try:
            state = self.bound.find(logical)
            if state is None:
                return "describe calls find no such resource"
            found = self._differences(logical, state)
        except LOOKUP_ERRORS as error:
            return f"could not describe it: {brief(error)}"
        return "; ".join(found) or None

    def _differences(self, logical: str, state: dict) -> list[str]:
        """The differences from the template, except in the properties the emulator cannot hold."""
        kind, resource = self.bound.kind(logical), self.bound.resources[logical]
        gaps = set(kind.gaps(resource)) if self.modes[logical] == "service-api" else set()
        return [str(d) for d in kind.check(state, resource) if d.prop not in gaps]

    def _outputs(self) -> tuple[dict[str, str], str]:
        outputs = self.stack.outputs()
        declared = self.document.get("Outputs", {})
        if outputs or not declared:
            return outputs, "stack"
        evaluated = {}
        for name, output in declared.items():
            try:
                value = self.bound.evaluate(output["Value"])
            except LOOKUP_ERRORS as error:
                value = f"(cannot evaluate: {brief(error)})"
            evaluated[name] = ",".join(value) if isinstance(value, list) else str(value)
        return evaluated, "evaluated by stackwright from describe calls: the stack lists no outputs"

    # ------------------------------------------------------------------------------------------ failure

    def _roll_back(self, reason: str, failed: tuple[FailedResource, ...], existed: bool,
                   previous: dict | None = None) -> Failure:
        failed = failed or (FailedResource(self.stack_name, reason),)
        self.tracker.say(f"failed: {reason}; rolling back")
        status = self.stack.status()
        if existed:
            return self._roll_back_update(reason, failed, status, previous)
        rolled_back_itself = status == "ROLLBACK_COMPLETE"
        error = self.stack.delete()
        how = ("CloudFormation rolled the stack back and stackwright deleted it so a retry can start afresh"
               if rolled_back_itself else f"the service did not roll back (the stack was {status}): stackwright "
                                          "deleted the stack" if status else "no stack had been created yet")
        if error:
            how += f" (the delete reported: {error})"
        left: list[str] = []
        if self.target == "local":
            self._delete_outside(list(reversed([m for m in self.made_now if m in self.bound.resources])))
            self._delete_fixtures(self.record.get("Fixtures", {}), only_made_now=True)
            left = self._sweep()
            how += "; service-API resources and stand-ins made by this deploy removed; what moto left behind removed"
        elif not rolled_back_itself:
            how += "; what the service created before failing is not known to stackwright"
        return Failure(reason, failed, how, tuple(left))

    def _roll_back_update(self, reason: str, failed: tuple[FailedResource, ...], status: str | None,
                          previous: dict | None) -> Failure:
        if status == "UPDATE_ROLLBACK_COMPLETE":
            return Failure(reason, failed, "CloudFormation rolled the stack back to its previous template")
        if self.target == "aws" or previous is None:
            return Failure(reason, failed, f"the service left the stack {status}; stackwright did not change it")
        # moto keeps a failed update's resources in its books yet takes the previous template as "no changes":
        # a marked copy first makes it re-read them, then the previous template itself goes back.
        marked = {**previous, "Metadata": {**previous.get("Metadata", {}), "Stackwright::RollingBack": True}}
        self.stack.apply(json.dumps(marked), self.parameters, self.tags)
        restored = self.stack.apply(json.dumps(previous), self.parameters, self.tags)
        made = [m for m in self.made_now if m in self.bound.resources]
        self._delete_outside(list(reversed(made)))
        self._delete_fixtures(self.record.get("Fixtures", {}), only_made_now=True)
        how = (f"moto does not roll back: stackwright re-applied the previous template ({restored.outcome}) and "
               f"removed the {len(made)} service-API resources this deploy made")
        if self.replaced:
            how += f"; {', '.join(self.replaced)} had been replaced and are made again by the next deploy"
        return Failure(reason, failed, how, tuple(self._sweep()))

    def _inventory(self) -> dict[str, set[str]]:
        """Every existing resource of the types the stack creates, to find what a failed stage leaves."""
        types = {self.document["Resources"][logical]["Type"] for logical in self.document["Resources"]
                 if logical not in self.outside}
        return {t: KINDS[t].inventory(self.aws) for t in sorted(types) if t in KINDS}

    def _sweep(self) -> list[str]:
        """Delete what appeared since the deploy began, of the types the stack creates (moto neither rolls
        back nor deletes everything); returns what could not be deleted."""
        order = [self.document["Resources"][logical]["Type"] for logical in reversed(self.order)]
        left = []
        for resource_type in dict.fromkeys(t for t in order if t in self.inventory_before):
            kind = KINDS[resource_type]
            for physical_id in sorted(kind.inventory(self.aws) - self.inventory_before[resource_type]):
                probe = self._probe(resource_type, physical_id)
                try:
                    state = kind.find(self.aws, probe)
                    if state is not None:
                        kind.delete(self.aws, probe, state)
                except DELETE_ERRORS as error:
                    left.append(f"{resource_type} {physical_id}: {brief(error)}")
        return left

    def _probe(self, resource_type: str, physical_id: str) -> Resource:
        """A resource known only by type and physical id."""
        resource = Resource(physical_id, {"Type": resource_type}, self.bound.evaluate, physical_id, self.tags)
        resource.physical_id = physical_id
        return resource

    # ------------------------------------------------------------------------------------------ destroy

    def destroy(self) -> DestroyReport:
        if self.stack.status() is None:  # an interrupted first deploy may still have left tagged resources
            retained = {logical for logical, r in self.document["Resources"].items()
                        if r.get("DeletionPolicy") == "Retain"}
            swept, searched = self._sweep_tagged(retained)
            return self._destroy_report(False, None, swept.removed, swept.kept, swept.remaining, 0,
                                        ("no such stack",) + ((EMBEDDED_NOTE,) if self._embedded else ()), searched)
        deployed = self.stack.template()
        self.record = deployed.get("Metadata", {}).get(RECORD, {"ServiceApi": {}, "Fixtures": {}})
        record = copy.deepcopy(self.record)
        self.bound = self._bind_record(record["ServiceApi"], self.stack.parameters(), deployed)
        for logical, (_, physical_id) in self.stack.resources().items():
            if logical in self.bound.resources:
                self.bound.place(logical, physical_id)
        document = self.bound.document
        order = creation_order(dependencies(document["Resources"]))
        existing = [logical for logical in order if self._exists(logical)]  # also keeps what finds them
        self.tracker.planned = set(existing)
        self.tracker.say(f"deleting stack {self.stack_name}")
        error = self.stack.delete()
        removed: list[Leftover] = []
        if self.target == "local":
            outside = [logical for logical in reversed(list(record["ServiceApi"])) if logical in existing]
            removed += self._delete_outside(outside)
            removed += self._delete_fixtures(record.get("Fixtures", {}), only_made_now=False)
            stack_side = [logical for logical in reversed(order) if logical in existing and logical not in outside]
            removed += self._delete_leftovers(stack_side)
        remaining = [logical for logical in existing if self._exists(logical)]
        retain = [logical for logical in remaining if document["Resources"][logical].get("DeletionPolicy") == "Retain"]
        self.tracker.settle(set(existing) - set(remaining))
        left = [self._leftover(l, "describe calls still find it") for l in remaining if l not in retain]
        swept, searched = self._sweep_tagged({*retain, *(self.bound.resources[logical].physical_id or logical
                                                         for logical in remaining)})
        removed += swept.removed
        notes = (local.DELETING_NOTE,) if any(r.type in local.DELETING_FOREVER for r in removed) else ()
        return self._destroy_report(True, error, removed, [self._leftover(l, "kept by DeletionPolicy: Retain")
                                                           for l in retain] + swept.kept,
                                    left + swept.remaining, len(existing), notes, searched)

    def _sweep_tagged(self, keep: set[str]) -> tuple[tagged.Sweep, int | None]:
        """What still carries the stack's tags, deleted and then checked with describe calls; with how many
        tagged resources the search found (None when it could not search). On AWS, deletion protection is
        left on and reported, never lifted."""
        self.tracker.say(f"searching for resources tagged {SPEC_TAG}={self.plan.name}")
        try:
            found = tagged.find_tagged(self.aws, self.tags, self.stack_name)
        except LOOKUP_ERRORS as error:
            return tagged.Sweep(remaining=[Leftover("(tag search)", "", None, f"could not search for resources "
                                                    f"tagged {SPEC_TAG}={self.plan.name}: {brief(error)}; "
                                                    "check the account by hand")]), None
        swept = tagged.sweep(self.aws, found, delete=True, keep=keep, patience=SWEEP_PATIENCE[self.target],
                             poll_seconds=POLL_SECONDS[self.target], lift_protection=self.target == "local",
                             say=self.tracker.say)
        return swept, len(found)

    def _exists(self, logical: str) -> bool:
        try:
            return self.bound.find(logical) is not None
        except LOOKUP_ERRORS:
            return False

    def _delete_outside(self, logicals: list[str]) -> list[Leftover]:
        removed = []
        for logical in logicals:
            kind = self.bound.kind(logical)
            try:
                state = self.bound.find(logical)
                if state is not None:
                    kind.delete(self.aws, self.bound.resources[logical], state)
                    removed.append(self._leftover(logical, f"made outside the stack ({kind.service_api})"))
            except LOOKUP_ERRORS as error:
                self.tracker.say(f"{logical}: could not delete it: {brief(error)}")
            self.record["ServiceApi"].pop(logical, None)
        return removed

    def _delete_leftovers(self, logicals: list[str]) -> list[Leftover]:
        """What the stack delete left behind (moto leaves the VPC and more), or kept by DeletionPolicy."""
        removed = []
        for logical in logicals:
            if not self._exists(logical):
                continue
            kept = self.bound.document["Resources"][logical].get("DeletionPolicy") == "Retain"
            try:
                self.bound.kind(logical).delete(self.aws, self.bound.resources[logical], self.bound.state(logical))
                removed.append(self._leftover(logical, "kept by DeletionPolicy: Retain, removed as the target is local"
                                              if kept else "left behind by the stack delete"))
            except DELETE_ERRORS as error:
                self.tracker.say(f"{logical}: could not delete it: {brief(error)}")
        return removed

    def _delete_fixtures(self, fixtures: dict, *, only_made_now: bool) -> list[Leftover]:
        removed = []
        for name, certificate in fixtures.get("Certificates", {}).items():
            if only_made_now and f"certificate {name}" not in self.made_now:
                continue
            if local.certificate_exists(self.aws, certificate["Arn"], certificate["Region"]):
                self.aws("acm", certificate["Region"]).delete_certificate(CertificateArn=certificate["Arn"])
                removed.append(Leftover(name, "AWS::CertificateManager::Certificate", certificate["Arn"],
                                        "stand-in certificate for a parameter"))
        bucket = fixtures.get("TemplateBucket")
        if bucket and (not only_made_now or f"bucket {bucket}" in self.made_now) and local.bucket_exists(self.aws, bucket):
            local.delete_bucket(self.aws, bucket)
            removed.append(Leftover(bucket, "AWS::S3::Bucket", bucket, "bucket for templates over the inline limit"))
        return removed

    def _leftover(self, logical: str, reason: str) -> Leftover:
        resource = self.bound.resources[logical]
        return Leftover(logical, resource.type, resource.physical_id, reason)

    # ------------------------------------------------------------------------------------------ reports

    @property
    def _embedded(self) -> bool:
        return self.target == "local" and self.endpoint_url is None

    def _report(self, result: str, outcomes: tuple[ResourceOutcome, ...], outputs: dict[str, str], source: str,
                failure: Failure | None = None) -> DeployReport:
        notes = []
        if self.target == "local":
            notes.append(f"{len(self.outside)} of {len(self.document['Resources'])} resources are made outside "
                         "CloudFormation because moto's CloudFormation skips them or gets them wrong")
        if self._embedded:
            notes.append(EMBEDDED_NOTE)
        stand_ins = self.record.get("Fixtures", {}).get("Certificates", {})
        shown = {name: f"{value} (a stand-in made in moto)" if name in stand_ins else value
                 for name, value in self.parameters.items()}
        return DeployReport(self.stack_name, self.target, self.aws.region, self.endpoint_url, result, outcomes,
                            outputs, source, shown, round(time.monotonic() - self.started, 2), failure, tuple(notes))

    def _destroy_report(self, existed: bool, error: str | None, removed: list[Leftover], retained: list[Leftover],
                        remaining: list[Leftover], checked: int, notes: tuple[str, ...],
                        tagged_found: int | None = None) -> DestroyReport:
        return DestroyReport(self.stack_name, self.target, self.aws.region, self.endpoint_url, existed, error,
                             tuple(removed), tuple(retained), tuple(remaining), checked,
                             round(time.monotonic() - self.started, 2), notes, f"{SPEC_TAG}={self.plan.name}",
                             tagged_found)
