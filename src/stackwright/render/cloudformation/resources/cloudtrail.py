"""CloudTrail: multi-Region trails with log file validation to a private bucket; the first also logs the
data events of the stack's buckets when the spec counts any. CloudTrail Lake is not used."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.operations import LogBucket, Trail, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.resources import _log_bucket
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for bucket in of_type(plan, LogBucket, component):
        _log_bucket.render(plan, template, bucket)
    for trail in of_type(plan, Trail, component):
        selector = {"ReadWriteType": "All", "IncludeManagementEvents": True}
        if trail.first and trail.spec.data_events_per_month:
            selector["DataResources"] = [{"Type": "AWS::S3::Object", "Values": data_event_buckets(plan)}]
        template.add(logical_id(trail.id), "AWS::CloudTrail::Trail", {
            "TrailName": trail.name, "IsLogging": True, "S3BucketName": Ref(trail.bucket),
            "IsMultiRegionTrail": True, "IncludeGlobalServiceEvents": True, "EnableLogFileValidation": True,
            "EventSelectors": [selector], "Tags": name_tags(plan, trail.id),
        }, represents=trail.id, DependsOn=f"{logical_id(trail.bucket)}Policy")


def data_event_buckets(plan: Plan) -> list:
    """The stack's own buckets' objects; every bucket's when the stack has none."""
    return [Join((Ref(b.id, "arn"), "/")) for b in plan.buckets] or [{"Fn::Sub": "arn:${AWS::Partition}:s3"}]
