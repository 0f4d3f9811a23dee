"""NAT: managed gateways (hours + GB processed + EIP) or NAT instances (EC2 + EBS + public IP)."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent, hourly
from stackwright.cost.resources._shared import ebs, ec2_capacity, public_ipv4
from stackwright.spec.model import Nat
from stackwright.translatable import N_


def components(name: str, nat: Nat, ctx) -> Iterator[CostComponent]:
    if nat.mode == "instance":
        periods = [(nat.count, HOURS_PER_MONTH, N_("730 h (NAT runs whenever anything in the VPC does)"))]
        yield from ec2_capacity(nat.instance_type, periods, "on_demand", None, N_("NAT instance"))
        yield from ebs(nat.ebs, nat.count, N_("NAT instance"))
        yield from public_ipv4(nat.count, N_("one per NAT instance"))
        return
    yield hourly("nat_gateway", N_("NAT gateway hours"), "nat_gateway/hour", nat.count,
                 assumption=N_("%(count)s gateway(s) × 730 h") % {"count": nat.count})
    if nat.data_processed_gb_month is not None:
        gb, why = nat.data_processed_gb_month, f"data_processed_gb_month = {nat.data_processed_gb_month:g} GB"
    else:
        s3_endpoint = any(c.kind == "vpc_endpoint" and c.type == "gateway" and c.service == "s3"
                          for c in ctx.spec.components.values())
        usage = ctx.usage.nat_gb(s3_endpoint)
        gb, why = usage.value, usage.assumption
    yield CostComponent("nat_gateway", N_("Data processed"), "nat_gateway/data-processed", gb, usage_based=True,
                        assumption=why)
    yield from public_ipv4(nat.count, N_("Elastic IP per NAT gateway"))
