"""AWS Client VPN endpoint: connection-hours (its subnet associations bill by the hour on their own)."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("client_vpn", "Connections", "client_vpn/connection-hour", usage, "monthly_connection_hours")


register("aws_ec2_client_vpn_endpoint", cloudformation_types="AWS::EC2::ClientVpnEndpoint", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_connection_hours": UsageKey(0, "connection-hours/month")})
