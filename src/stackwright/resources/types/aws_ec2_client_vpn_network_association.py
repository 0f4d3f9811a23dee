"""AWS Client VPN subnet association: by the hour."""

from stackwright.resources.helpers import hourly
from stackwright.resources.registry import register


def components(resource, usage):
    yield hourly("client_vpn", "Endpoint subnet association", "client_vpn/association-hour")


register("aws_ec2_client_vpn_network_association",
         cloudformation_types="AWS::EC2::ClientVpnTargetNetworkAssociation", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {})
