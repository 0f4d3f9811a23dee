"""DynamoDB: one table, keys as the spec names them, point-in-time recovery and streams as it says."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for table in plan.of(plan.tables, component):
        spec = table.spec
        keys = [(spec.partition_key, "HASH")] + ([(spec.sort_key, "RANGE")] if spec.sort_key else [])
        properties = {
            "TableName": table.name,
            "BillingMode": "PROVISIONED" if spec.billing == "provisioned" else "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"} for name, _ in keys],
            "KeySchema": [{"AttributeName": name, "KeyType": key} for name, key in keys],
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": spec.point_in_time_recovery},
            "SSESpecification": {"SSEEnabled": True},
        }
        if spec.billing == "provisioned":
            properties["ProvisionedThroughput"] = {"ReadCapacityUnits": spec.read_capacity,
                                                   "WriteCapacityUnits": spec.write_capacity}
        if spec.streams:
            properties["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
        production = plan.environment == "production"
        template.add(logical_id(table.id), "AWS::DynamoDB::Table", properties, represents=table.id,
                     DeletionPolicy="Retain" if production else "Delete",
                     UpdateReplacePolicy="Retain" if production else "Delete")
