"""EC2 Auto Scaling group: instances at the desired count, their EBS, their public IPs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.resources._shared import ebs, ec2_capacity, public_ipv4
from stackwright.spec.model import Ec2AutoScalingGroup


def components(name: str, asg: Ec2AutoScalingGroup, ctx) -> Iterator[CostComponent]:
    count = asg.instances.desired
    yield from ec2_capacity(asg.instance_type, count, asg.purchase_option, asg.spot_discount, "Instances")
    yield from ebs(asg.ebs, count, "Root volume")
    yield from public_ipv4(count if asg.public_ip else 0, "one per instance")
