"""What rds and aurora_serverless_v2 share: the master user whose password RDS generates and keeps in a
Secrets Manager secret of its own (ManageMasterUserPassword), the subnet group and deletion policies."""

from __future__ import annotations

from stackwright.plan.model import Database, Plan, Ref
from stackwright.render.cloudformation.template import Template, get_att, logical_id


def subnet_group(template: Template, db: Database) -> str:
    """Render the DB subnet group; return its logical id."""
    return template.add(f"{logical_id(db.id)}SubnetGroup", "AWS::RDS::DBSubnetGroup", {
        "DBSubnetGroupDescription": f"Private data subnets of {db.component}",
        "SubnetIds": [Ref(s) for s in db.subnets],
    })


def master_user(plan: Plan, db: Database) -> dict:
    """RDS generates the password into a Secrets Manager secret it manages (and rotates)."""
    username = next(s for s in plan.secrets if s.id == db.secret).username
    return {"MasterUsername": username, "ManageMasterUserPassword": True}


def managed_secret(template: Template, db: Database, logical: str) -> None:
    """The plan's credentials secret is the one RDS manages for `logical`: references to it read its ARN."""
    template.represent(db.secret, logical, {"arn": get_att(logical, "MasterUserSecret.SecretArn")})


def deletion(db: Database) -> dict:
    """Production data leaves a final snapshot behind when the stack (or the resource) goes."""
    policy = "Snapshot" if db.snapshot_on_delete else "Delete"
    return {"DeletionPolicy": policy, "UpdateReplacePolicy": policy}


def deletion_protection(db: Database) -> dict:
    """Production data cannot be deleted by accident (the Terraform renderer's `deletion_protection`)."""
    return {"DeletionProtection": db.snapshot_on_delete}


def outputs(template: Template, db: Database, logical: str) -> None:
    template.output(f"{logical}Endpoint", f"Endpoint of {db.component}", Ref(db.id, "endpoint"))
    template.output(f"{logical}SecretArn", f"Secret holding {db.component}'s credentials (not the value)",
                    Ref(db.secret, "arn"))
