"""KMS keys, X-Ray sampling rules, CloudTrail trails, VPC flow logs, GuardDuty detectors, AWS Backup,
Parameter Store parameters and Cloud Map: found and checked through their describe calls. moto's
CloudFormation does not create them and stackwright does not emulate them, so the local target reports
them not emulated."""

from __future__ import annotations

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences


class KmsKey(Kind):
    type = "AWS::KMS::Key"

    def find(self, aws, r):
        found = absent_if_missing(aws("kms").describe_key, KeyId=r.physical_id)
        metadata = found and found["KeyMetadata"]
        return None if not metadata or metadata.get("KeyState") == "PendingDeletion" else metadata

    def check(self, state, r):
        return differences(("KeySpec", state.get("KeySpec"), r.get("KeySpec")))

    def attribute(self, state, r, name):
        return state["Arn"] if name == "Arn" else super().attribute(state, r, name)


class KmsAlias(Kind):
    type = "AWS::KMS::Alias"

    def find(self, aws, r):
        aliases = aws("kms").list_aliases()["Aliases"]
        return next((a for a in aliases if a["AliasName"] == r.physical_id), None)


class SamplingRule(Kind):
    type = "AWS::XRay::SamplingRule"

    def find(self, aws, r):
        rules = [record["SamplingRule"] for record in aws("xray").get_sampling_rules()["SamplingRuleRecords"]]
        return next((rule for rule in rules if r.physical_id in (rule.get("RuleARN"), rule.get("RuleName"))), None)

    def check(self, state, r):
        rule = r.get("SamplingRule", {})
        return differences(("SamplingRule.FixedRate", state.get("FixedRate"), rule.get("FixedRate")),
                           ("SamplingRule.ReservoirSize", state.get("ReservoirSize"), rule.get("ReservoirSize")))


class Trail(Kind):
    type = "AWS::CloudTrail::Trail"

    def find(self, aws, r):
        found = absent_if_missing(aws("cloudtrail").get_trail, Name=r.physical_id, missing=("TrailNotFoundException",))
        return found and found["Trail"]

    def check(self, state, r):
        return differences(("IsMultiRegionTrail", state.get("IsMultiRegionTrail"), r.get("IsMultiRegionTrail")),
                           ("EnableLogFileValidation", state.get("LogFileValidationEnabled"),
                            r.get("EnableLogFileValidation")))


class FlowLog(Kind):
    type = "AWS::EC2::FlowLog"

    def find(self, aws, r):
        logs = aws("ec2").describe_flow_logs(FlowLogIds=[r.physical_id])["FlowLogs"]
        return logs[0] if logs else None

    def check(self, state, r):
        return differences(("TrafficType", state.get("TrafficType"), r.get("TrafficType")),
                           ("LogDestinationType", state.get("LogDestinationType"), r.get("LogDestinationType")))


class Detector(Kind):
    type = "AWS::GuardDuty::Detector"

    def find(self, aws, r):
        return absent_if_missing(aws("guardduty").get_detector, DetectorId=r.physical_id,
                                 missing=("BadRequestException",))

    def check(self, state, r):
        return differences(("Enable", state.get("Status") == "ENABLED", r.get("Enable")))


class BackupVault(Kind):
    type = "AWS::Backup::BackupVault"

    def find(self, aws, r):
        return absent_if_missing(aws("backup").describe_backup_vault, BackupVaultName=r.physical_id)


class BackupPlan(Kind):
    type = "AWS::Backup::BackupPlan"

    def find(self, aws, r):
        return absent_if_missing(aws("backup").get_backup_plan, BackupPlanId=r.physical_id)


class BackupSelection(Kind):
    type = "AWS::Backup::BackupSelection"

    def find(self, aws, r):
        plan, _, selection = (r.physical_id or "").partition("_")
        return absent_if_missing(aws("backup").get_backup_selection, BackupPlanId=plan, SelectionId=selection)


class Parameter(Kind):
    type = "AWS::SSM::Parameter"

    def find(self, aws, r):
        found = absent_if_missing(aws("ssm").get_parameter, Name=r.physical_id, missing=("ParameterNotFound",))
        return found and found["Parameter"]


class PrivateDnsNamespace(Kind):
    type = "AWS::ServiceDiscovery::PrivateDnsNamespace"

    def find(self, aws, r):
        found = absent_if_missing(aws("servicediscovery").get_namespace, Id=r.physical_id)
        return found and found["Namespace"]

    def check(self, state, r):
        return differences(("Name", state.get("Name"), r.get("Name")))

    def attribute(self, state, r, name):
        if name in ("Id", "Arn"):
            return state[name]
        return super().attribute(state, r, name)


class DiscoveryService(Kind):
    type = "AWS::ServiceDiscovery::Service"

    def find(self, aws, r):
        found = absent_if_missing(aws("servicediscovery").get_service, Id=r.physical_id)
        return found and found["Service"]

    def attribute(self, state, r, name):
        if name in ("Id", "Arn", "Name"):
            return state[name]
        return super().attribute(state, r, name)
