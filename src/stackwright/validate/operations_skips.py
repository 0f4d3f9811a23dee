"""The checkov checks the operations kinds' resources may fail (keys, trails, flow logs, GuardDuty, Elastic IPs,
backups, parameters), and why; `checkov_skips.RULES` includes them."""

from __future__ import annotations

from typing import Any

from stackwright.plan.elastic_ips import ElasticIp
from stackwright.plan.model import Plan
from stackwright.plan.operations import BackupSchedule, FlowLog
from stackwright.validate.checkov_skips import CUSTOMER_KEY, LONG_RETENTION_DAYS, SkipRule, _always, _because, _types


def _short_flow_log_retention(plan: Plan, element: Any) -> bool:
    return isinstance(element, FlowLog) and element.spec.retention_days < LONG_RETENTION_DAYS


def _elastic_ip(plan: Plan, element: Any) -> bool:
    return isinstance(element, ElasticIp)


def _vault_without_key(plan: Plan, element: Any) -> bool:
    return isinstance(element, BackupSchedule) and not any(kind == "kms_key" for _, kind in plan.components)


RULES: tuple[SkipRule, ...] = (
    SkipRule("CKV_AWS_35", _types("aws_cloudtrail", "AWS::CloudTrail::Trail"), _always,
             _because("log files are encrypted with SSE-S3 in a private bucket; a KMS key would need a key "
                      "policy for CloudTrail and bill a request per log file")),
    SkipRule("CKV_AWS_252", _types("aws_cloudtrail"), _always,
             _because("nothing in the spec consumes a notification per log file")),
    SkipRule("CKV2_AWS_10", _types("aws_cloudtrail"), _always,
             _because("events stay in the trail's bucket; sending them to CloudWatch Logs would bill their ingestion "
                      "(not in the spec)")),
    SkipRule("CKV_AWS_338", _types("aws_cloudwatch_log_group"), _short_flow_log_retention,
             lambda plan, flow: f"vpc_flow_logs.retention_days is {flow.spec.retention_days} in the spec"),
    SkipRule("CKV_AWS_166", _types("aws_backup_vault", "AWS::Backup::BackupVault"), _vault_without_key,
             _because(CUSTOMER_KEY)),
    SkipRule("CKV2_AWS_34", _types("aws_ssm_parameter"), _always,
             _because("plain configuration values (secrets belong in secrets_manager); CloudFormation cannot "
                      "create SecureString parameters, so both outputs keep String")),
    SkipRule("CKV2_AWS_3", _types("aws_guardduty_detector"), _always,
             _because("one account: the spec has no AWS Organizations delegated administrator")),
    SkipRule("CKV2_AWS_19", _types("aws_eip"), _elastic_ip,
             _because("the spec's public_ipv4 addresses: those in use are attached to what the plan does not make, "
                      "the idle ones are held on purpose (both billed)")),
)
