"""What rds and aurora_serverless_v2 share: the credentials secret, the subnet group, the secret's
attachment (adds host and port to it) and deletion policies."""

from __future__ import annotations

from stackwright.plan.model import Database, Plan, Ref
from stackwright.render.cloudformation._shared import resolve_secret, secret
from stackwright.render.cloudformation.template import Template, logical_id


def credentials_and_subnets(plan: Plan, template: Template, db: Database) -> str:
    """Render the secret and DB subnet group; return the subnet group's logical id."""
    secret(template, next(s for s in plan.secrets if s.id == db.secret))
    return template.add(f"{logical_id(db.id)}SubnetGroup", "AWS::RDS::DBSubnetGroup", {
        "DBSubnetGroupDescription": f"Private data subnets of {db.component}",
        "SubnetIds": [Ref(s) for s in db.subnets],
    })


def master_user(plan: Plan, db: Database) -> dict:
    username = next(s for s in plan.secrets if s.id == db.secret).username
    return {"MasterUsername": username, "MasterUserPassword": resolve_secret(db.secret, "password")}


def attach_secret(template: Template, db: Database, target: str, target_type: str) -> None:
    template.add(f"{logical_id(db.secret)}Attachment", "AWS::SecretsManager::SecretTargetAttachment", {
        "SecretId": Ref(db.secret), "TargetId": {"Ref": target}, "TargetType": target_type})


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
