"""VPC Flow Logs: the VPC's records, aggregated over 10 minutes, to a log group (written through a role)
or to a private bucket; either keeps them for the spec's retention."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import FlowLog, LogBucket, of_type
from stackwright.render.terraform._shared import name_tags, plan_role, resource, role
from stackwright.render.terraform.hcl import Expr
from stackwright.render.terraform.resources import _log_bucket
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "networking"  # beside the VPC, so checkov sees the flow log of it
AGGREGATION_SECONDS = 600  # AWS's default; fewer, larger records than 60 s


def render(component: str, plan: Plan, stack: Stack) -> None:
    policies = {b.id: _log_bucket.render(plan, stack, MODULE, b) for b in of_type(plan, LogBucket, component)}
    for flow in of_type(plan, FlowLog, component):
        body = {"vpc_id": Ref("vpc"), "traffic_type": flow.spec.traffic_type,
                "max_aggregation_interval": AGGREGATION_SECONDS, "tags": name_tags(plan, flow.id)}
        if flow.role:
            resource(stack, MODULE, "aws_cloudwatch_log_group", local_name(flow.destination), {
                "name": flow.log_group_name, "retention_in_days": flow.spec.retention_days,
                "tags": name_tags(plan, flow.destination)}, element=flow, represents=flow.destination)
            role(stack, MODULE, plan_role(plan, flow.role))
            body |= {"log_destination_type": "cloud-watch-logs", "log_destination": Ref(flow.destination, "arn"),
                     "iam_role_arn": Ref(flow.role, "arn")}
        else:
            body |= {"log_destination_type": "s3", "log_destination": Ref(flow.destination, "arn"),
                     "depends_on": [Expr(policies[flow.destination])]}
        resource(stack, MODULE, "aws_flow_log", local_name(flow.id), body, element=flow, represents=flow.id)
