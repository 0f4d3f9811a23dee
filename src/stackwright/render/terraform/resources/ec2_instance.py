"""Fixed EC2 instances, spread over the group's subnets in turn, registered with every target group
in front of them."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import CONTAINER_HOST_HOP_LIMIT, instance, plan_role, role
from stackwright.render.terraform.resources.alb import attachments
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for group in plan.of(plan.instance_groups, component):
        role(stack, MODULE, plan_role(plan, group.role))
        spec = group.spec
        for index, planned in enumerate(group.instances):
            name = local_name(planned)
            instance(stack, MODULE, name, machine_image=group.machine_image, instance_type=spec.instance_type,
                     role_id=group.role, volume=spec.ebs, subnet=group.subnets[index % len(group.subnets)],
                     security_group=group.security_group, public_ip=group.public_ip,
                     hop_limit=CONTAINER_HOST_HOP_LIMIT, element=group, represents=planned,
                     spot=spec.purchase_option == "spot")
            stack.output(f"{name}_id", f"Instance {index + 1} of {component}", Ref(planned))
            if group.public_ip:
                stack.output(f"{name}_public_ip", f"Public IPv4 address of instance {index + 1} of {component}",
                             Ref(planned, "public_ip"))
            for tg in attachments(plan, group.id):
                stack.resource(MODULE, "aws_lb_target_group_attachment", f"{name}_{local_name(tg.id)}", {
                    "target_group_arn": Ref(tg.id, "arn"), "target_id": Ref(planned), "port": tg.port})
