"""NAT: managed gateways with an Elastic IP each, or EC2 instances that masquerade the private
subnets' traffic (source/destination check off, recovered by an alarm when their host fails)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import (
    launch_template, launch_template_version, name_tags, plan_role, role,
)
from stackwright.render.cloudformation.network import IGW_ATTACHMENT
from stackwright.render.cloudformation.template import Template, get_att, logical_id

# Amazon Linux 2023 as a NAT: forward packets and masquerade them behind the instance's public address.
NAT_USER_DATA = """#!/bin/bash
set -euo pipefail
dnf install -y iptables-services
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-nat.conf
sysctl --system
interface=$(ip route show default | awk '{print $5; exit}')
iptables -t nat -A POSTROUTING -o "$interface" -j MASQUERADE
iptables -F FORWARD
service iptables save
systemctl enable --now iptables
"""


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
                                 user_data=NAT_USER_DATA)
        template.add(logical, "AWS::EC2::Instance", {
            "LaunchTemplate": launch_template_version(launch),
            "SourceDestCheck": False,
            "NetworkInterfaces": [{"DeviceIndex": "0", "SubnetId": Ref(instance.subnet),
                                   "GroupSet": [Ref(instance.security_group)], "AssociatePublicIpAddress": True}],
            "Tags": name_tags(plan, instance.id),
        }, represents=instance.id, DependsOn=IGW_ATTACHMENT)
