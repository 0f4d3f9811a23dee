"""AWS Backup: a vault, a plan with one rule (the spec's schedule and retention) and a selection of the
stack's databases by ARN, backed up through a role with AWS's managed backup and restore policies."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import BackupSchedule, of_type
from stackwright.render.cloudformation.resources.backup_plan import COMPLETION_WINDOW_MINUTES, START_WINDOW_MINUTES
from stackwright.render.terraform._shared import attribute, name_tags, plan_role, resource, role
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for schedule in of_type(plan, BackupSchedule, component):
        name = local_name(schedule.id)
        vault = resource(stack, MODULE, "aws_backup_vault", local_name(schedule.vault), {
            "name": f"{plan.name}-{schedule.vault}", "force_destroy": plan.environment != "production",
            **({"kms_key_arn": Ref(schedule.key, "arn")} if schedule.key else {}),
            "tags": name_tags(plan, schedule.vault)}, element=schedule, represents=schedule.vault)
        backup_plan = resource(stack, MODULE, "aws_backup_plan", name, {
            "name": f"{plan.name}-{schedule.id}",
            "rule": Block("rule", (), {
                "rule_name": schedule.spec.schedule, "target_vault_name": attribute(vault, "name"),
                "schedule": schedule.schedule, "start_window": START_WINDOW_MINUTES,
                "completion_window": COMPLETION_WINDOW_MINUTES,
                "lifecycle": Block("lifecycle", (), {"delete_after": schedule.spec.retention_days})}),
            "tags": name_tags(plan, schedule.id)}, element=schedule, represents=schedule.id)
        role(stack, MODULE, plan_role(plan, schedule.role))
        if schedule.targets:
            stack.resource(MODULE, "aws_backup_selection", name, {
                "name": schedule.id, "plan_id": attribute(backup_plan, "id"), "iam_role_arn": Ref(schedule.role, "arn"),
                "resources": [Ref(target, "arn") for target in schedule.targets]})
