"""GuardDuty: a detector analysing CloudTrail management events, VPC Flow Logs and DNS logs; S3 data
events when the spec asks; the separately billed protections (EKS, malware scans, RDS, Lambda,
runtime monitoring) turned off so the bill holds what runs."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import ThreatDetector, of_type
from stackwright.render.cloudformation.resources.guardduty import features
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for detector in of_type(plan, ThreatDetector, component):
        name = local_name(detector.id)
        address = resource(stack, MODULE, "aws_guardduty_detector", name, {
            "enable": True, "finding_publishing_frequency": "FIFTEEN_MINUTES",
            "tags": name_tags(plan, detector.id)}, element=detector, represents=detector.id)
        stack.resource(MODULE, "aws_guardduty_detector_feature", name, {
            "for_each": dict(features(detector)), "detector_id": attribute(address, "id"),
            "name": Expr("each.key"), "status": Expr("each.value")})
