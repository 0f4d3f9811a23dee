"""VPC Flow Logs: the VPC's records, aggregated over 10 minutes, to a log group (written through a role)
or to a private bucket; either keeps them for the spec's retention."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import FlowLog, LogBucket, of_type
from stackwright.render.cloudformation._shared import name_tags, plan_role, role
from stackwright.render.cloudformation.resources import _log_bucket
from stackwright.render.cloudformation.template import Template, logical_id

AGGREGATION_SECONDS = 600  # AWS's default; fewer, larger records than 60 s


def render(component: str, plan: Plan, template: Template) -> None:
    for bucket in of_type(plan, LogBucket, component):
        _log_bucket.render(plan, template, bucket)
    for flow in of_type(plan, FlowLog, component):
        properties = {"ResourceId": Ref("vpc"), "ResourceType": "VPC", "TrafficType": flow.spec.traffic_type,
                      "MaxAggregationInterval": AGGREGATION_SECONDS, "Tags": name_tags(plan, flow.id)}
        options = {}
        if flow.role:
            template.add(logical_id(flow.destination), "AWS::Logs::LogGroup", {
                "LogGroupName": flow.log_group_name, "RetentionInDays": flow.spec.retention_days,
            }, represents=flow.destination, element=flow, DeletionPolicy="Delete", UpdateReplacePolicy="Delete")
            role(template, plan_role(plan, flow.role))
            properties |= {"LogDestinationType": "cloud-watch-logs", "LogGroupName": flow.log_group_name,
                           "DeliverLogsPermissionArn": Ref(flow.role, "arn")}
            options["DependsOn"] = logical_id(flow.destination)
        else:
            properties |= {"LogDestinationType": "s3", "LogDestination": Ref(flow.destination, "arn")}
            options["DependsOn"] = f"{logical_id(flow.destination)}Policy"
        template.add(logical_id(flow.id), "AWS::EC2::FlowLog", properties, represents=flow.id, **options)
