"""EC2 Auto Scaling group: instances at the desired count (scaled in at quiet times), EBS, public IPs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.resources._shared import ebs, ec2_capacity, public_ipv4, running_hours
from stackwright.spec.model import Ec2AutoScalingGroup
from stackwright.translatable import N_


def components(name: str, asg: Ec2AutoScalingGroup, ctx) -> Iterator[CostComponent]:
    count = asg.instances.desired
    periods = running_hours(ctx.spec, asg.scale_in, count)
    yield from ec2_capacity(asg.instance_type, periods, asg.purchase_option, asg.spot_discount, N_("Instances"))
    yield from ebs(asg.ebs, count, N_("Root volume"))
    if asg.public_ip:
        for running, hours, why in periods:
            yield from public_ipv4(running, N_("one per instance"), hours, why)
