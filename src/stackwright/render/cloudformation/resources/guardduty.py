"""GuardDuty: a detector analysing CloudTrail management events, VPC Flow Logs and DNS logs; S3 data
events when the spec asks; the separately billed protections (EKS, malware scans, RDS, Lambda,
runtime monitoring) turned off so the bill holds what runs."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import ThreatDetector, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id

OFF = ("EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING")


def features(detector: ThreatDetector) -> list[tuple[str, str]]:
    return [("S3_DATA_EVENTS", "ENABLED" if detector.spec.s3_protection else "DISABLED")] + [
        (name, "DISABLED") for name in OFF]


def render(component: str, plan: Plan, template: Template) -> None:
    for detector in of_type(plan, ThreatDetector, component):
        template.add(logical_id(detector.id), "AWS::GuardDuty::Detector", {
            "Enable": True, "FindingPublishingFrequency": "FIFTEEN_MINUTES",
            "Features": [{"Name": name, "Status": status} for name, status in features(detector)],
            "Tags": name_tags(plan, detector.id),
        }, represents=detector.id)
