"""AWS Site-to-Site VPN connection: by the hour (data out is internet data transfer, not declared here)."""

from stackwright.resources.helpers import hourly
from stackwright.resources.registry import register


def components(resource, usage):
    yield hourly("vpn", "Site-to-Site VPN connection", "vpn/connection-hour")


register("aws_vpn_connection", cloudformation_types="AWS::EC2::VPNConnection", terraform=lambda r, ctx: {},
         cloudformation=lambda r, ctx: {}, components=components)
