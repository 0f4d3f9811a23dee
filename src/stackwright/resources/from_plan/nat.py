"""nat: the plan's NAT gateways (each with its Elastic IP), the component's data processed shared evenly
among them; or its NAT instances, running whenever anything in the VPC does, each with a public address."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.from_plan.ec2_instance import attributes as instance_attributes
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, nat, ctx):
    gateways = ctx.plan.of(ctx.plan.network.nat_gateways, name)
    if gateways:
        total = _data_processed(nat, ctx)
        for gateway in gateways:
            share = total if len(gateways) == 1 else UsageValue(total.value / len(gateways), N_(
                "%(total)s ÷ %(count)s gateway(s)") % {"total": total.assumption, "count": len(gateways)})
            yield planned(ctx, "aws_nat_gateway", gateway.id, {"public": True, "gateways": 1},
                          {"data_processed_gb_month": share})
    always = UsageValue(730, N_("730 h (NAT runs whenever anything in the VPC does)"))
    for instance in ctx.plan.of(ctx.plan.network.nat_instances, name):
        yield planned(ctx, "aws_instance", instance.id, instance_attributes(instance.instance_type, instance.volume, True),
                      {"monthly_hours": always})


def _data_processed(nat, ctx) -> UsageValue:
    if nat.data_processed_gb_month is not None:
        return UsageValue(nat.data_processed_gb_month, f"data_processed_gb_month = {nat.data_processed_gb_month:g} GB")
    s3_endpoint = any(c.kind == "vpc_endpoint" and c.type == "gateway" and c.service == "s3"
                      for c in ctx.spec.components.values())
    usage = ctx.usage.nat_gb(s3_endpoint)
    return UsageValue(usage.value, usage.assumption)
