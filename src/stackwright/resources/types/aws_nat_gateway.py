"""Amazon VPC NAT gateway: by the hour, per GB it processes, and (a public gateway) the public IPv4 address of
its Elastic IP, which the gateway holds for as long as it exists; a private gateway has no address.

Attributes: `public` (connectivity type public); `gateways` (1). Usage: `data_processed_gb_month`
(Infracost's `monthly_data_processed_gb`)."""

from stackwright.cost.component import CostComponent
from stackwright.resources import egress
from stackwright.resources.helpers import hourly, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

USAGE = {"data_processed_gb_month": UsageKey(0, "GB", "data each gateway processes a month"), **egress.USAGE}


def components(resource, usage):
    gateways = resource.attrs["gateways"]
    yield hourly("nat_gateway", N_("NAT gateway hours"), "nat_gateway/hour", gateways,
                 N_("%(count)s gateway(s) × 730 h") % {"count": gateways})
    yield used("nat_gateway", N_("Data processed"), "nat_gateway/data-processed", usage, "data_processed_gb_month",
               factor=gateways, how="" if gateways == 1 else f" × {gateways}")
    if resource.attrs["public"]:
        yield CostComponent("public_ipv4", N_("Public IPv4 address (%(why)s)") % {"why": N_("Elastic IP per NAT gateway")},
                            "public_ipv4/in-use", gateways * 730,
                            assumption=N_("%(count)s address(es) × %(hours)s") % {"count": gateways, "hours": N_("730 h")})
    yield from egress.component(usage)


register("aws_nat_gateway", cloudformation_types="AWS::EC2::NatGateway", components=components, usage=USAGE,
         terraform=lambda r, ctx: {"public": text(r, "connectivity_type", default="public") != "private", "gateways": 1},
         cloudformation=lambda r, ctx: {"public": text(r, "ConnectivityType", default="public") != "private",
                                        "gateways": 1})
