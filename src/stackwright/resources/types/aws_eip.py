"""Elastic IP address: its public IPv4 address, by the hour, in use (attached to an instance, a network
interface or a load balancer) or idle (allocated and attached to nothing). The addresses of NAT gateways
and NAT instances are priced with them (aws_nat_gateway, the nat kind), not here.

Attributes: `attached` (the code attaches it). Usage: `in_use` (1: something the code does not declare
attaches it, so it is billed as in use; 0: idle)."""

from stackwright.resources.capacity import public_ipv4
from stackwright.resources.helpers import hourly
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

USAGE = {"in_use": UsageKey(0, "address in use", "1 when something the code does not declare attaches the address "
                                                 "(billed as in use), 0 when it is idle")}


def components(resource, usage):
    if resource.attrs["attached"]:
        yield from public_ipv4(1, N_("in use"))
        return
    in_use = usage["in_use"]
    if float(in_use.value) not in (0, 1):
        raise ValueError(f"in_use is {in_use.value}; give 1 (attached outside the code) or 0 (idle)")
    if float(in_use.value):
        yield from public_ipv4(1, N_("in use"), hours_why=N_("730 h (%(why)s)") % {"why": in_use.assumption})
    else:
        yield hourly("public_ipv4", N_("Idle Elastic IP address"), "public_ipv4/idle", 1,
                     N_("%(count)s idle address(es) × 730 h") % {"count": 1})


def terraform_attached(r, ctx) -> bool:
    """The code attaches the address: to an instance or a network interface, through an association, or in
    a load balancer's subnet mapping."""
    return (r.props.get("instance") is not None or r.props.get("network_interface") is not None
            or bool(ctx.referrers(r, "aws_eip_association", "aws_lb")))


def cloudformation_attached(r, ctx) -> bool:
    return r.props.get("InstanceId") is not None or bool(
        ctx.referrers(r, "AWS::EC2::EIPAssociation", "AWS::ElasticLoadBalancingV2::LoadBalancer"))


register("aws_eip", cloudformation_types="AWS::EC2::EIP", components=components, usage=USAGE,
         terraform=lambda r, ctx: {"attached": terraform_attached(r, ctx)},
         cloudformation=lambda r, ctx: {"attached": cloudformation_attached(r, ctx)})
