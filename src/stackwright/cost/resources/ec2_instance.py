"""Single EC2 hosts: instance-hours, EBS, public IPs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.resources._shared import ebs, ec2_capacity, public_ipv4
from stackwright.spec.model import Ec2Instance


def components(name: str, host: Ec2Instance, ctx) -> Iterator[CostComponent]:
    yield from ec2_capacity(host.instance_type, host.count, host.purchase_option, host.spot_discount, "Instance")
    yield from ebs(host.ebs, host.count, "Root volume")
    yield from public_ipv4(host.count if host.public_ip else 0, "one per instance")
