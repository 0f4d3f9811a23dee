"""EC2 Auto Scaling group: a launch template and a group between the spec's min and max, registered
with every target group in front of it (scaling and alarms come from the monitoring module)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import launch_template_version, name_tags
from stackwright.render.cloudformation.resources._ec2 import group_launch_template
from stackwright.render.cloudformation.resources.alb import attachments
from stackwright.render.cloudformation.template import Template, logical_id

HEALTH_CHECK_GRACE_SECONDS = 300  # time for the instance to boot and start its app


def render(component: str, plan: Plan, template: Template) -> None:
    for group in plan.of(plan.instance_groups, component):
        launch = group_launch_template(plan, template, group, with_network=True)
        counts = group.spec.instances
        attached = attachments(plan, group.id)
        properties = {
            "MinSize": str(counts.min), "MaxSize": str(counts.max), "DesiredCapacity": str(counts.desired),
            "VPCZoneIdentifier": [Ref(s) for s in group.subnets],
            "LaunchTemplate": launch_template_version(launch),
            "HealthCheckType": "ELB" if attached else "EC2",
            "HealthCheckGracePeriod": HEALTH_CHECK_GRACE_SECONDS,
            "Tags": [{**tag, "PropagateAtLaunch": True} for tag in name_tags(plan, group.id)],
        }
        if attached:
            properties["TargetGroupARNs"] = [Ref(tg.id) for tg, _ in attached]
        logical = template.add(logical_id(group.id), "AWS::AutoScaling::AutoScalingGroup", properties,
                               represents=group.id)
        template.output(f"{logical}Name", f"Auto Scaling group of {component}", {"Ref": logical})
