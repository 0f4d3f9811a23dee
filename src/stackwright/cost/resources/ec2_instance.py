"""Single EC2 hosts: instance-hours, EBS, public IPs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.resources._shared import ebs, ec2_capacity, public_ipv4, running_hours
from stackwright.spec.model import Ec2Instance
from stackwright.translatable import N_


def components(name: str, host: Ec2Instance, ctx) -> Iterator[CostComponent]:
    periods = running_hours(ctx.spec, count=host.count)
    yield from ec2_capacity(host.instance_type, periods, host.purchase_option, host.spot_discount, N_("Instance"))
    yield from ebs(host.ebs, host.count, N_("Root volume"))
    if host.public_ip:
        # an auto-assigned public IPv4 is released while the instance is stopped
        (_, hours, why), = periods
        yield from public_ipv4(host.count, N_("one per instance"), hours, why)
