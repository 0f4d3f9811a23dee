"""Public IPv4 addresses not counted by another component: attached extras and idle Elastic IPs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.resources.capacity import public_ipv4
from stackwright.spec.model import PublicIpv4
from stackwright.translatable import N_


def components(name: str, ips: PublicIpv4, ctx) -> Iterator[CostComponent]:
    yield from public_ipv4(ips.in_use, N_("in use"))
    if ips.idle:
        yield hourly("public_ipv4", N_("Idle Elastic IP address"), "public_ipv4/idle", ips.idle,
                     assumption=N_("%(count)s idle address(es) × 730 h") % {"count": ips.idle})
