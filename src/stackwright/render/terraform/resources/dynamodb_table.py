"""DynamoDB: one table, keys as the spec names them, point-in-time recovery and streams as it says."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "serverless"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for table in plan.of(plan.tables, component):
        spec = table.spec
        keys = [spec.partition_key] + ([spec.sort_key] if spec.sort_key else [])
        body = {
            "name": table.name,
            "billing_mode": "PROVISIONED" if spec.billing == "provisioned" else "PAY_PER_REQUEST",
            "hash_key": spec.partition_key,
        }
        if spec.sort_key:
            body["range_key"] = spec.sort_key
        if spec.billing == "provisioned":
            body |= {"read_capacity": spec.read_capacity, "write_capacity": spec.write_capacity}
        if spec.streams:
            body |= {"stream_enabled": True, "stream_view_type": "NEW_AND_OLD_IMAGES"}
        body |= {
            "tags": name_tags(plan, table.id),
            "attribute": [Block("attribute", (), {"name": key, "type": "S"}) for key in keys],
            "point_in_time_recovery": Block("point_in_time_recovery", (), {"enabled": spec.point_in_time_recovery}),
            "server_side_encryption": Block("server_side_encryption", (), {"enabled": True}),
        }
        resource(stack, MODULE, "aws_dynamodb_table", local_name(table.id), body, element=table, represents=table.id)
