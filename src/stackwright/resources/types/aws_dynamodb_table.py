"""Amazon DynamoDB table: provisioned capacity (table + global secondary indexes) or on-demand requests,
storage, point-in-time recovery, on-demand backups and stream reads."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import items
from stackwright.resources.helpers import flag, hourly, number, text, used, whole
from stackwright.translatable import N_
from stackwright.resources.registry import UsageKey, register


def terraform(r, ctx):
    indexes = items(r.props.get("global_secondary_index"), "global_secondary_index")
    return {"mode": (text(r, "billing_mode", default="PROVISIONED")).upper(),
            "rcu": whole(r, "read_capacity", default=0) + sum(int(i.get("read_capacity") or 0) for i in indexes),
            "wcu": whole(r, "write_capacity", default=0) + sum(int(i.get("write_capacity") or 0) for i in indexes),
            "streams": flag(r, "stream_enabled"), "pitr": flag(r, "point_in_time_recovery", "enabled"),
            "table_class": text(r, "table_class", default="STANDARD")}


def cloudformation(r, ctx):
    indexes = items(r.props.get("GlobalSecondaryIndexes"), "GlobalSecondaryIndexes")

    def capacity(name, default=0):
        return (number(r, "ProvisionedThroughput", name, default=default)
                + sum(float((i.get("ProvisionedThroughput") or {}).get(name) or 0) for i in indexes))
    mode = text(r, "BillingMode", default="PROVISIONED")
    if r.type == "AWS::Serverless::SimpleTable":
        mode = "PROVISIONED" if r.get("ProvisionedThroughput") else "PAY_PER_REQUEST"
    return {"mode": mode.upper(), "rcu": capacity("ReadCapacityUnits"), "wcu": capacity("WriteCapacityUnits"),
            "streams": r.get("StreamSpecification") is not None,
            "pitr": flag(r, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"),
            "table_class": text(r, "TableClass", default="STANDARD")}


def components(resource, usage):
    a = resource.attrs
    if a["table_class"] != "STANDARD":
        yield CostComponent("dynamodb", f"Table ({a['table_class']})", "dynamodb/standard-ia", 0,
                            unknown_reason=f"the {a['table_class']} table class has no prices in the catalogue")
        return
    if a["mode"] == "PROVISIONED":
        yield hourly("dynamodb", "Write capacity units", "dynamodb/wcu-hour", a["wcu"],
                     f"{a['wcu']:g} WCU (table and indexes) × 730 h")
        yield hourly("dynamodb", "Read capacity units", "dynamodb/rcu-hour", a["rcu"],
                     f"{a['rcu']:g} RCU (table and indexes) × 730 h")
    else:
        yield used("dynamodb", N_("Write request units"), "dynamodb/write-request-units", usage,
                   "monthly_write_request_units", per=1e6)
        yield used("dynamodb", N_("Read request units"), "dynamodb/read-request-units", usage,
                   "monthly_read_request_units", per=1e6)
    yield used("dynamodb", N_("Storage"), "dynamodb/storage", usage, "storage_gb")
    if a["pitr"]:
        yield used("dynamodb", N_("Point-in-time recovery"), "dynamodb/pitr-storage", usage, "pitr_backup_storage_gb")
    yield used("dynamodb", N_("On-demand backups"), "dynamodb/backup-storage", usage, "on_demand_backup_storage_gb")
    if a["streams"]:
        yield used("dynamodb", N_("Stream read request units"), "dynamodb/streams-reads", usage,
                   "monthly_streams_read_request_units", per=1e5)


register("aws_dynamodb_table", cloudformation_types=("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"),
         terraform=terraform, cloudformation=cloudformation, components=components, usage={
             "storage_gb": UsageKey(0, "GB"), "monthly_write_request_units": UsageKey(0, "WRU/month"),
             "monthly_read_request_units": UsageKey(0, "RRU/month"), "pitr_backup_storage_gb": UsageKey(0, "GB"),
             "on_demand_backup_storage_gb": UsageKey(0, "GB"),
             "monthly_streams_read_request_units": UsageKey(0, "read request units/month")})
