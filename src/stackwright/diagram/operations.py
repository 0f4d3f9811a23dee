"""Boxes for the operations kinds (keys, tracing, audit, flow logs, threat detection, backups, parameters,
service discovery, Network Load Balancers): one per component, beside the VPC, saying what it holds."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import (
    BackupSchedule, EncryptionKey, FlowLog, Namespace, NetworkLoadBalancer, ParameterStore, SamplingRule,
    ThreatDetector, Trail, of_type,
)

ICONS = {"kms_key": "kms", "xray": "xray", "cloudtrail": "cloudtrail", "vpc_flow_logs": "flow_logs",
         "guardduty": "guardduty", "backup_plan": "backup", "ssm_parameters": "parameters",
         "service_discovery": "cloud_map", "nlb": "nlb"}


def detail(kind: str, name: str, component, plan: Plan) -> tuple[str, ...]:
    if kind == "kms_key":
        return "KMS", f"keys: {len(of_type(plan, EncryptionKey, name))}"
    if kind == "xray":
        rule = of_type(plan, SamplingRule, name)[0]
        return "X-Ray", f"{rule.spec.reservoir_per_second}/s + {rule.spec.sampling_rate:.0%}"
    if kind == "cloudtrail":
        return "CloudTrail", f"trails: {len(of_type(plan, Trail, name))}"
    if kind == "vpc_flow_logs":
        flow = of_type(plan, FlowLog, name)[0]
        return "VPC Flow Logs", f"{flow.spec.traffic_type} → {'CloudWatch Logs' if flow.role else 'S3'}"
    if kind == "guardduty":
        detector = of_type(plan, ThreatDetector, name)[0]
        return "GuardDuty", "S3 protection" if detector.spec.s3_protection else "foundational"
    if kind == "backup_plan":
        schedule = of_type(plan, BackupSchedule, name)[0]
        return "AWS Backup", f"{schedule.spec.schedule}, {schedule.spec.retention_days} days"
    if kind == "ssm_parameters":
        return "Parameter Store", f"parameters: {len(of_type(plan, ParameterStore, name)[0].parameters)}"
    if kind == "service_discovery":
        namespace = of_type(plan, Namespace, name)[0]
        return "Cloud Map", f"{namespace.name}: {len(namespace.services)} services"
    nlb = of_type(plan, NetworkLoadBalancer, name)[0]
    return "NLB", " ".join(f"{li.protocol}:{li.port}" for li in nlb.listeners) + f" → {component.target}"
