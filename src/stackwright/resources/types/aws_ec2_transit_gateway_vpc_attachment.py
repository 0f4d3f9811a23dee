"""AWS Transit Gateway VPC attachment: by the hour, and the data it processes."""

from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield hourly("transit_gateway", "VPC attachment", "transit_gateway/attachment-hour")
    yield used("transit_gateway", "Data processed", "transit_gateway/data-processed", usage,
               "monthly_data_processed_gb")


register("aws_ec2_transit_gateway_vpc_attachment",
         cloudformation_types=("AWS::EC2::TransitGatewayVpcAttachment", "AWS::EC2::TransitGatewayAttachment"),
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components,
         usage={"monthly_data_processed_gb": UsageKey(0, "GB")})
