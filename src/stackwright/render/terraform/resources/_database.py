"""What rds and aurora_serverless_v2 share: the master user whose password RDS generates and keeps in a
Secrets Manager secret of its own (so no password is in the code or in Terraform's state), the subnet
group, final snapshots and outputs."""

from __future__ import annotations

from typing import Any

from stackwright.plan.model import Database, Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, plan_secret, resource
from stackwright.render.terraform.hcl import Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "database"
NAME_PREFIX_LIMIT = 229  # Terraform adds 26 characters; DB subnet group names stop at 255


def subnet_group(plan: Plan, stack: Stack, db: Database) -> str:
    """Render the DB subnet group; return its address."""
    return resource(stack, MODULE, "aws_db_subnet_group", local_name(db.id), {
        "name_prefix": f"{resource_name(plan.name, db.id, limit=NAME_PREFIX_LIMIT - 1)}-",
        "description": f"Private data subnets of {db.component}",
        "subnet_ids": [Ref(s) for s in db.subnets],
        "tags": name_tags(plan, db.id),
    })


def master_user(plan: Plan, db: Database, prefix: str = "") -> dict:
    """RDS generates the password into a Secrets Manager secret it manages (and rotates)."""
    return {f"{prefix}username": plan_secret(plan, db.secret).username, "manage_master_user_password": True}


def managed_secret(stack: Stack, db: Database, address: str) -> None:
    """The plan's credentials secret is the one RDS manages for `address`: references to it read its ARN.
    `one(...)` rather than `[0]`: checkov cannot evaluate the modules that read an indexed reference."""
    stack.represent(db.secret, MODULE, None, address, "",
                    attributes={"arn": Expr(f"one({address}.master_user_secret).secret_arn")})


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
