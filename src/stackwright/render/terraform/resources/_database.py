"""What rds and aurora_serverless_v2 share: the credentials secret (with host and port, as the
CloudFormation secret attachment adds them), the subnet group, final snapshots and outputs."""

from __future__ import annotations

from typing import Any

from stackwright.plan.model import Database, Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, plan_secret, resource, secret
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "database"
NAME_PREFIX_LIMIT = 229  # Terraform adds 26 characters; DB subnet group names stop at 255


def credentials_and_subnets(plan: Plan, stack: Stack, db: Database) -> tuple[str, str]:
    """Render the secret and DB subnet group; return the generated password's and the group's address."""
    planned = plan_secret(plan, db.secret)
    password = secret(stack, MODULE, planned, {
        "engine": db.engine, "host": Ref(db.id, "endpoint"), "port": db.port, "dbname": db.database_name})
    subnet_group = resource(stack, MODULE, "aws_db_subnet_group", local_name(db.id), {
        "name_prefix": f"{resource_name(plan.name, db.id, limit=NAME_PREFIX_LIMIT - 1)}-",
        "description": f"Private data subnets of {db.component}",
        "subnet_ids": [Ref(s) for s in db.subnets],
        "tags": name_tags(plan, db.id),
    })
    return password, subnet_group


def master_user(plan: Plan, password: str, db: Database, prefix: str = "") -> dict:
    return {f"{prefix}username": plan_secret(plan, db.secret).username,
            f"{prefix}password": attribute(password, "result")}


def deletion(plan: Plan, db: Database) -> dict[str, Any]:
    """Production data leaves a final snapshot behind and cannot be deleted by accident."""
    if not db.snapshot_on_delete:
        return {"skip_final_snapshot": True, "deletion_protection": False}
    return {"skip_final_snapshot": False,
            "final_snapshot_identifier": resource_name(plan.name, db.id, "final", limit=255),
            "deletion_protection": True}


def outputs(stack: Stack, db: Database) -> None:
    name = local_name(db.id)
    stack.output(f"{name}_endpoint", f"Endpoint of {db.component}", Ref(db.id, "endpoint"))
    stack.output(f"{name}_secret_arn", f"Secret holding {db.component}'s credentials (not the value)",
                 Ref(db.secret, "arn"))
