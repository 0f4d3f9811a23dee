"""What ec2_asg and ec2_instance share: the instance role and a launch template for the group."""

from __future__ import annotations

from stackwright.plan.model import InstanceGroup, Plan, Ref
from stackwright.render.cloudformation._shared import launch_template, plan_role, role
from stackwright.render.cloudformation.template import Template, logical_id


def group_launch_template(plan: Plan, template: Template, group: InstanceGroup, *, with_network: bool) -> str:
    """The group's launch template; `with_network` puts the network interface in it (auto scaling groups
    take subnets from the group, single instances set their own interface)."""
    role(template, plan_role(plan, group.role))
    network = ({"DeviceIndex": 0, "AssociatePublicIpAddress": group.public_ip,
                "Groups": [Ref(group.security_group)]} if with_network else None)
    return launch_template(template, f"{logical_id(group.id)}LaunchTemplate", machine_image=group.machine_image,
                           instance_type=group.spec.instance_type, role_id=group.role, volume=group.spec.ebs,
                           spot=group.spec.purchase_option == "spot", network_interface=network)
