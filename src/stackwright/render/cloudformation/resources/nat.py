"""NAT: managed gateways with an Elastic IP each, or EC2 instances that masquerade the private
subnets' traffic (source/destination check off, recovered by an alarm when their host fails)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import (
    launch_template, launch_template_version, name_tags, plan_role, role,
)
from stackwright.render.cloudformation.network import IGW_ATTACHMENT
from stackwright.render.cloudformation.template import Template, get_att, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for gateway in plan.of(plan.network.nat_gateways, component):
        logical = logical_id(gateway.id)
        eip = template.add(f"{logical}Eip", "AWS::EC2::EIP", {"Domain": "vpc", "Tags": name_tags(plan, gateway.id)},
                           DependsOn=IGW_ATTACHMENT)
        template.add(logical, "AWS::EC2::NatGateway", {
            "AllocationId": get_att(eip, "AllocationId"), "SubnetId": Ref(gateway.subnet),
            "Tags": name_tags(plan, gateway.id),
        }, represents=gateway.id)
    instances = plan.of(plan.network.nat_instances, component)
    if not instances:
        return
    role(template, plan_role(plan, instances[0].role))
    for instance in instances:
        logical = logical_id(instance.id)
        launch = launch_template(template, f"{logical}LaunchTemplate", machine_image=instance.machine_image,
                                 instance_type=instance.instance_type, role_id=instance.role, volume=instance.volume,
                                 user_data=instance.user_data)
        template.add(logical, "AWS::EC2::Instance", {
            "LaunchTemplate": launch_template_version(launch),
            "SourceDestCheck": False,
            "NetworkInterfaces": [{"DeviceIndex": "0", "SubnetId": Ref(instance.subnet),
                                   "GroupSet": [Ref(instance.security_group)], "AssociatePublicIpAddress": True}],
            "Tags": name_tags(plan, instance.id),
        }, represents=instance.id, DependsOn=IGW_ATTACHMENT)
