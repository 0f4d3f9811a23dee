"""One CloudFormation stack through boto3: create or update it with a change set, stream its events
while waiting, report what failed, delete it. The same calls for AWS and for moto."""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from typing import Callable, Literal

import yaml
from botocore.exceptions import ClientError

from stackwright.deploy.kinds.base import SERVICE_ERRORS, brief
from stackwright.deploy.report import FailedResource, StackEvent
from stackwright.errors import UserError

TEMPLATE_BODY_LIMIT = 51_200  # bytes CloudFormation accepts inline; larger templates go through S3
NO_CHANGES = ("didn't contain changes", "No updates are to be performed")
SUCCESS = {"CREATE_COMPLETE", "UPDATE_COMPLETE"}
FAILED_CREATE = {"ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "REVIEW_IN_PROGRESS"}


@dataclass(frozen=True)
class Applied:
    """The result of one change set: `failed` and `reason` are set when it did not succeed."""

    outcome: Literal["created", "updated", "no changes", "failed"]
    changes: int
    status: str | None = None
    reason: str | None = None
    failed: tuple[FailedResource, ...] = ()


@dataclass(frozen=True)
class Change:
    """One resource change of a change set: `action` Add, Modify, Remove (or Import, Dynamic); for a
    Modify, whether CloudFormation replaces the resource (True, False, Conditional)."""

    action: str
    logical_id: str
    type: str
    replacement: str | None = None


class Stack:
    """`on_event` receives every stack event as it arrives; `on_settled` the logical ids of resources
    that reached a *_COMPLETE state; `template_bucket` takes templates over CloudFormation's inline limit."""

    def __init__(self, cloudformation, s3, name: str, *, region: str, poll_seconds: float,
                 on_event: Callable[[StackEvent], None], on_settled: Callable[[set[str]], None],
                 template_bucket: str | None = None):
        self.cloudformation = cloudformation
        self.s3 = s3
        self.name = name
        self.region = region
        self.poll_seconds = poll_seconds
        self.on_event = on_event
        self.on_settled = on_settled
        self.template_bucket = template_bucket
        self._seen: set[str] = set()
        self._new: list[dict] = []  # events since the current operation began

    # ------------------------------------------------------------------------------------------ reading

    def status(self) -> str | None:
        """The stack's status, or None when there is no such stack (deleted ones included)."""
        try:
            stack = self.cloudformation.describe_stacks(StackName=self.name)["Stacks"][0]
        except ClientError as error:
            if "does not exist" in str(error):
                return None
            raise
        return None if stack["StackStatus"] == "DELETE_COMPLETE" else stack["StackStatus"]

    def resources(self) -> dict[str, tuple[str, str]]:
        """logical id -> (type, physical id) of every resource the stack lists under a logical id."""
        found = {}
        for page in self.cloudformation.get_paginator("list_stack_resources").paginate(StackName=self.name):
            for summary in page["StackResourceSummaries"]:
                if summary.get("LogicalResourceId"):
                    found[summary["LogicalResourceId"]] = (summary["ResourceType"],
                                                           summary.get("PhysicalResourceId") or "")
        return found

    def template(self) -> dict:
        body = self.cloudformation.get_template(StackName=self.name, TemplateStage="Original")["TemplateBody"]
        return body if isinstance(body, dict) else yaml.safe_load(body)  # boto3 parses JSON bodies itself

    def parameters(self) -> dict[str, str]:
        stack = self.cloudformation.describe_stacks(StackName=self.name)["Stacks"][0]
        return {p["ParameterKey"]: p["ParameterValue"] for p in stack.get("Parameters") or []}

    def outputs(self) -> dict[str, str]:
        stack = self.cloudformation.describe_stacks(StackName=self.name)["Stacks"][0]
        return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs") or []}

    # ------------------------------------------------------------------------------------------ changing

    def apply(self, body: str, parameters: dict[str, str], tags: dict[str, str]) -> Applied:
        """Create or update the stack to `body` through a change set, and wait for it to settle."""
        status = self.status()
        if status and status.endswith("_IN_PROGRESS") and status != "REVIEW_IN_PROGRESS":
            self._remember_events()  # an earlier, interrupted deploy's operation: let it settle first
            status = self._wait_for_stack()
        if status in FAILED_CREATE:  # a create that never completed: clear it so this one can start
            self.delete()
            status = None
        kind = "UPDATE" if status else "CREATE"
        change_set = f"stackwright-{uuid.uuid4().hex[:12]}"
        self._remember_events()
        try:
            self.cloudformation.create_change_set(
                StackName=self.name, ChangeSetName=change_set, ChangeSetType=kind, **self._template(body),
                Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
                Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
                Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
        except ClientError as error:  # moto refuses an unchanged inline template outright
            if any(text in brief(error) for text in NO_CHANGES):
                return Applied("no changes", 0, status)
            raise
        described = self._wait_for_change_set(change_set)
        if described["Status"] == "FAILED":
            reason = described.get("StatusReason") or "the change set failed"
            self.cloudformation.delete_change_set(StackName=self.name, ChangeSetName=change_set)
            if any(text in reason for text in NO_CHANGES):
                return Applied("no changes", 0, status)
            if kind == "CREATE":
                self.delete()
            return Applied("failed", 0, self.status(), f"change set: {reason}")
        changes = len(described.get("Changes", []))
        try:
            self.cloudformation.execute_change_set(StackName=self.name, ChangeSetName=change_set)
        except SERVICE_ERRORS as error:  # moto creates resources inside this call and fails it on the first error
            return Applied("failed", changes, self.status(), brief(error), self._failed_events())
        status = self._wait_for_stack()
        if status in SUCCESS:
            return Applied("created" if kind == "CREATE" else "updated", changes, status)
        failed = self._failed_events()
        reason = "; ".join(f"{f.logical_id}: {f.reason}" for f in failed) or f"the stack ended {status}"
        return Applied("failed", changes, status, reason, failed)

    def preview(self, body: str, parameters: dict[str, str], tags: dict[str, str]) -> tuple[str, tuple[Change, ...]]:
        """What a deploy of `body` would change: a change set, described, then deleted unexecuted (with the
        empty stack a CREATE change set makes). Returns ("create" | "update" | "no changes", changes)."""
        status = self.status()
        if status in FAILED_CREATE - {"REVIEW_IN_PROGRESS"}:
            raise UserError(f"stack {self.name} is {status} from a failed create; a deploy deletes it and creates "
                            "everything again")
        if status and status.endswith("_IN_PROGRESS") and status != "REVIEW_IN_PROGRESS":
            raise UserError(f"stack {self.name} is busy ({status}); wait for it to finish and try again")
        kind = "UPDATE" if status and status != "REVIEW_IN_PROGRESS" else "CREATE"
        change_set = f"stackwright-dry-run-{uuid.uuid4().hex[:12]}"
        try:
            self.cloudformation.create_change_set(
                StackName=self.name, ChangeSetName=change_set, ChangeSetType=kind, **self._template(body),
                Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
                Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
                Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
        except ClientError as error:  # moto refuses an unchanged inline template outright
            if any(text in brief(error) for text in NO_CHANGES):
                return "no changes", ()
            raise UserError(f"the change set was refused: {brief(error)}") from None
        try:
            described = self._wait_for_change_set(change_set)
            found = list(described.get("Changes", []))
            while described.get("NextToken"):
                described = self.cloudformation.describe_change_set(
                    StackName=self.name, ChangeSetName=change_set, NextToken=described["NextToken"])
                found += described.get("Changes", [])
        finally:
            self.cloudformation.delete_change_set(StackName=self.name, ChangeSetName=change_set)
            if kind == "CREATE" and self.status() == "REVIEW_IN_PROGRESS":
                self.cloudformation.delete_stack(StackName=self.name)  # the empty stack the change set made
        if described["Status"] == "FAILED":
            reason = described.get("StatusReason") or "the change set failed"
            if any(text in reason for text in NO_CHANGES):
                return "no changes", ()
            raise UserError(f"the change set failed: {reason}")
        changes = tuple(Change(c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"],
                               c["ResourceChange"]["ResourceType"], c["ResourceChange"].get("Replacement"))
                        for c in found if c.get("Type", "Resource") == "Resource")
        return ("create" if kind == "CREATE" else "update") if changes else "no changes", changes

    def delete(self) -> str | None:
        """Delete the stack and wait; the error CloudFormation reported, if any."""
        if self.status() is None:
            return None
        self._remember_events()
        try:
            self.cloudformation.delete_stack(StackName=self.name)
        except SERVICE_ERRORS as error:  # moto deletes inside this call and fails it on the first error
            return brief(error)
        status = self._wait_for_stack()
        if status is None:
            return None
        failed = self._failed_events()
        return "; ".join(f"{f.logical_id}: {f.reason}" for f in failed) or f"the stack ended {status}"

    # ------------------------------------------------------------------------------------------ waiting

    def _template(self, body: str) -> dict:
        if len(body.encode()) <= TEMPLATE_BODY_LIMIT:
            return {"TemplateBody": body}
        if not self.template_bucket:
            raise UserError(f"the template is {len(body.encode()):,} bytes, over CloudFormation's "
                            f"{TEMPLATE_BODY_LIMIT:,}-byte limit for inline templates; give a template bucket "
                            "(--template-bucket) that stackwright may upload it to")
        key = f"stackwright/{self.name}/{hashlib.sha256(body.encode()).hexdigest()[:16]}.template"
        self.s3.put_object(Bucket=self.template_bucket, Key=key, Body=body.encode())
        return {"TemplateURL": f"https://{self.template_bucket}.s3.{self.region}.amazonaws.com/{key}"}

    def _wait_for_change_set(self, change_set: str) -> dict:
        while True:
            described = self.cloudformation.describe_change_set(StackName=self.name, ChangeSetName=change_set)
            if described["Status"] in ("CREATE_COMPLETE", "FAILED"):
                return described
            time.sleep(self.poll_seconds)

    def _wait_for_stack(self) -> str | None:
        while True:
            status = self.status()
            self._stream_events()
            if status is None or not status.endswith("_IN_PROGRESS") or status == "REVIEW_IN_PROGRESS":
                return status
            time.sleep(self.poll_seconds)

    def _events(self) -> list[dict]:
        try:
            return self.cloudformation.describe_stack_events(StackName=self.name)["StackEvents"]
        except ClientError as error:
            if "does not exist" in str(error):
                return []
            raise

    def _remember_events(self) -> None:
        self._seen = {event["EventId"] for event in self._events()}
        self._new = []

    def _stream_events(self) -> None:
        arrived = [event for event in reversed(self._events()) if event["EventId"] not in self._seen]
        for event in arrived:
            self._seen.add(event["EventId"])
            self._new.append(event)
            self.on_event(StackEvent(event["Timestamp"], event["LogicalResourceId"], event["ResourceType"],
                                     event["ResourceStatus"], event.get("ResourceStatusReason")))
        settled = {e["LogicalResourceId"] for e in arrived
                   if e["ResourceStatus"].endswith("_COMPLETE") and e["ResourceType"] != "AWS::CloudFormation::Stack"}
        if settled:
            self.on_settled(settled)

    def _failed_events(self) -> tuple[FailedResource, ...]:
        self._stream_events()
        return tuple(FailedResource(e["LogicalResourceId"], e.get("ResourceStatusReason") or e["ResourceStatus"])
                     for e in self._new if e["ResourceStatus"].endswith("_FAILED"))
