"""The operations kinds, read back from the resources an import priced by their cost modules, for the
spec an import writes out (`import --format spec`): keys, tracing, trails, flow logs, GuardDuty, backup
vaults, advanced parameters, Cloud Map and Network Load Balancers become the components that price
the same, their usage written as the components' own fields."""

from __future__ import annotations

from collections import defaultdict

from stackwright.cost.usage import Usage
from stackwright.spec import model
from stackwright.spec.messaging import SnsSubscription

WORKLOAD_KINDS = ("fargate_service", "ec2_asg", "ec2_instance")


def components(records: list, spec: model.Spec) -> dict[str, object]:
    """Components, by a name free in `spec`, standing for the records of the operations resource types."""
    by_type: dict[str, list] = defaultdict(list)
    for resource, usage in records:
        by_type[resource.type].append((resource, usage))
    found: dict[str, object] = {}

    def add(name: str, component) -> None:
        while name in spec.components or name in found:
            name += "-imported"
        found[name] = component

    def total(items, key) -> float:
        return sum(float(usage[key].value) for _, usage in items)

    if keys := by_type["aws_kms_key"]:
        add("kms", model.KmsKey(kind="kms_key", keys=len(keys), requests_per_month=total(keys, "monthly_requests")))
    requests = Usage(spec.traffic).requests_per_month.value
    for index, (resource, usage) in enumerate(by_type["aws_xray_sampling_rule"], start=1):
        traced = float(usage["monthly_requests"].value)
        add(f"xray-{index}", model.Xray(
            kind="xray", sampling_rate=resource.attrs["rate"], reservoir_per_second=resource.attrs["reservoir"],
            share_of_traffic=min(1.0, traced / requests) if requests else 0.0,
            traces_read_per_recorded=float(usage["traces_read_per_recorded"].value)))
    if trails := by_type["aws_cloudtrail"]:
        copies = total(trails, "monthly_additional_management_events")
        add("cloudtrail", model.CloudTrail(
            kind="cloudtrail", trails=min(len(trails), 5), data_events_per_month=total(trails, "monthly_data_events"),
            management_events_per_month=copies / (len(trails) - 1) if len(trails) > 1 else None))
    for index, (resource, usage) in enumerate(by_type["aws_flow_log"], start=1):
        add(f"flow-logs-{index}", model.VpcFlowLogs(
            kind="vpc_flow_logs", destination="s3" if resource.attrs["destination"] == "s3" else "cloudwatch_logs",
            log_gb_month=float(usage["monthly_logs_gb"].value)))
    for index, (_, usage) in enumerate(by_type["aws_guardduty_detector"], start=1):
        s3_events = float(usage["monthly_s3_data_events"].value)
        add(f"guardduty-{index}", model.GuardDuty(
            kind="guardduty", cloudtrail_events_per_month=float(usage["monthly_cloudtrail_management_events"].value),
            flow_and_dns_logs_gb_month=float(usage["monthly_vpc_flow_and_dns_logs_gb"].value),
            s3_protection=s3_events > 0, s3_data_events_per_month=s3_events))
    for index, (_, usage) in enumerate(by_type["aws_backup_vault"], start=1):
        for kind, key in (("rds", "monthly_rds_snapshot_gb"), ("aurora_serverless_v2", "monthly_aurora_snapshot_gb")):
            gb = float(usage[key].value)
            databases = [n for n, c in spec.components.items() if c.kind == kind]
            if gb and databases:
                add(f"backups-{index}-{kind.split('_')[0]}", model.BackupPlan(
                    kind="backup_plan", resources=databases, storage_gb=gb))
    advanced = [(r, u) for r, u in by_type["aws_ssm_parameter"] if r.attrs["tier"] == "Advanced"]
    if advanced:
        add("parameters", model.SsmParameters(kind="ssm_parameters", standard=0, advanced=len(advanced),
                                              api_calls_per_month=total(advanced, "monthly_api_interactions")))
    services = [n for n, c in spec.components.items() if c.kind == "fargate_service"]
    registered = by_type["aws_service_discovery_service"]
    for index, (resource, _) in enumerate(by_type["aws_service_discovery_private_dns_namespace"], start=1):
        mine = registered if index == 1 else []  # a service's namespace is not in its record: all go to the first
        add(f"service-discovery-{index}", model.ServiceDiscovery(
            kind="service_discovery", namespace=resource.attrs.get("name") or "internal", services=services,
            instances=round(total(mine, "registered_instances")),
            queries_million_per_month=total(mine, "monthly_dns_queries") / 1e6))
    subscriptions = [SnsSubscription(protocol=r.attrs["protocol"]) for r, _ in by_type["aws_sns_topic_subscription"]
                     if r.attrs["protocol"] in ("email", "https")]  # addresses: given at deploy time
    for index, (_, usage) in enumerate(by_type["aws_sns_topic"], start=1):
        # A subscription's record does not name its topic: all go to the first (the usual one alarm topic).
        add(f"topic-{index}", model.Sns(kind="sns", alarms=False, publishes_per_month=float(usage["monthly_requests"].value),
                                        subscriptions=subscriptions if index == 1 else []))
    workloads = [n for n, c in spec.components.items() if c.kind in WORKLOAD_KINDS]
    for index, (resource, usage) in enumerate(by_type["aws_lb"], start=1):
        if resource.attrs["kind"] != "network" or not workloads:
            continue
        units = max(float(usage["new_connections"].value) / 800, float(usage["active_connections"].value) / 100_000,
                    float(usage["processed_bytes_gb"].value))
        add(f"nlb-{index}", model.Nlb(kind="nlb", target=workloads[0], nlcu=units))
    return found
