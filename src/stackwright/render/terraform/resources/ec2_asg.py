"""EC2 Auto Scaling group: a launch template and a group between the spec's min and max, registered
with every target group in front of it (scaling and alarms come from the monitoring module)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import (
    CONTAINER_HOST_HOP_LIMIT, launch_template, launch_template_version, name_tags, plan_role, resource, role,
    scaling_by_workload,
)
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.resources.alb import ATTACHED_ARN, attachments
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"

HEALTH_CHECK_GRACE_SECONDS = 300  # time for the instance to boot and start its app


def render(component: str, plan: Plan, stack: Stack) -> None:
    for group in plan.of(plan.instance_groups, component):
        role(stack, MODULE, plan_role(plan, group.role))
        spec = group.spec
        launch = launch_template(
            stack, MODULE, local_name(group.id), machine_image=group.machine_image, instance_type=spec.instance_type,
            role_id=group.role, volume=spec.ebs, hop_limit=CONTAINER_HOST_HOP_LIMIT, element=group,
            spot=spec.purchase_option == "spot",
            network_interface={"device_index": 0, "associate_public_ip_address": group.public_ip,
                               "security_groups": [Ref(group.security_group)]})
        counts = spec.instances
        attached = attachments(plan, group.id)
        body = {
            "name_prefix": f"{plan.name}-{group.id}-",
            "min_size": counts.min, "max_size": counts.max, "desired_capacity": counts.desired,
            "vpc_zone_identifier": [Ref(s) for s in group.subnets],
            "health_check_type": "ELB" if attached else "EC2",
            "health_check_grace_period": HEALTH_CHECK_GRACE_SECONDS,
        }
        if attached:
            body["target_group_arns"] = [Ref(tg.id, ATTACHED_ARN) for tg in attached]
        body["launch_template"] = launch_template_version(launch)
        body["tag"] = Block("tag", (), {"key": "Name", "value": name_tags(plan, group.id)["Name"],
                                        "propagate_at_launch": True})
        if group.id in scaling_by_workload(plan)[0]:
            # Scaling moves the capacity; a plan would otherwise reset it on every apply.
            body["lifecycle"] = Block("lifecycle", (), {"ignore_changes": [Expr("desired_capacity")]})
        resource(stack, MODULE, "aws_autoscaling_group", local_name(group.id), body, element=group,
                 represents=group.id)
        stack.output(f"{local_name(group.id)}_autoscaling_group", f"Auto Scaling group of {component}",
                     Ref(group.id, "name"))
