"""Fixed EC2 instances from one launch template, spread over the group's subnets in turn."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import launch_template_version, name_tags
from stackwright.render.cloudformation.resources._ec2 import group_launch_template
from stackwright.render.cloudformation.template import Template, get_att, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for group in plan.of(plan.instance_groups, component):
        launch = group_launch_template(plan, template, group, with_network=False)
        for index, instance in enumerate(group.instances):
            logical = template.add(logical_id(instance), "AWS::EC2::Instance", {
                "LaunchTemplate": launch_template_version(launch),
                "NetworkInterfaces": [{
                    "DeviceIndex": "0", "SubnetId": Ref(group.subnets[index % len(group.subnets)]),
                    "GroupSet": [Ref(group.security_group)], "AssociatePublicIpAddress": group.public_ip}],
                "Tags": name_tags(plan, instance),
            }, represents=instance)
            template.output(f"{logical}Id", f"Instance {index + 1} of {component}", {"Ref": logical})
            if group.public_ip:
                template.output(f"{logical}PublicIp", f"Public IPv4 address of instance {index + 1} of {component}",
                                get_att(logical, "PublicIp"))
