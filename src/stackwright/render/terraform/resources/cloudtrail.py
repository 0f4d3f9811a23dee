"""CloudTrail: multi-Region trails with log file validation to a private bucket; the first also logs the
data events of the stack's buckets when the spec counts any. CloudTrail Lake is not used."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.operations import LogBucket, Trail, of_type
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr, Template
from stackwright.render.terraform.resources import _log_bucket
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    policies = {b.id: _log_bucket.render(plan, stack, MODULE, b) for b in of_type(plan, LogBucket, component)}
    for trail in of_type(plan, Trail, component):
        selector = {"read_write_type": "All", "include_management_events": True}
        if trail.first and trail.spec.data_events_per_month:
            selector["data_resource"] = Block("data_resource", (), {"type": "AWS::S3::Object",
                                                                    "values": data_event_buckets(plan, stack)})
        resource(stack, MODULE, "aws_cloudtrail", local_name(trail.id), {
            "name": trail.name, "s3_bucket_name": Ref(trail.bucket), "enable_logging": True,
            "is_multi_region_trail": True, "include_global_service_events": True,
            "enable_log_file_validation": True, "event_selector": Block("event_selector", (), selector),
            "tags": name_tags(plan, trail.id), "depends_on": [Expr(policies[trail.bucket])],
        }, element=trail, represents=trail.id)


def data_event_buckets(plan: Plan, stack: Stack) -> list:
    """The stack's own buckets' objects; every bucket's when the stack has none."""
    if plan.buckets:
        return [Join((Ref(b.id, "arn"), "/")) for b in plan.buckets]
    return [Template(("arn:", attribute(stack.data(MODULE, "aws_partition", "current"), "partition"), ":s3"))]
