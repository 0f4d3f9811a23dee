"""The VPC, its subnets (explicit AZ names), route tables and routes, the internet gateway, and the
VPC endpoints the plan adds on its own. NAT gateways and instances come from the nat kind."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.resources.vpc_endpoint import endpoint
from stackwright.render.cloudformation.template import Template, logical_id

ZONES_MAPPING = "AvailabilityZones"
IGW_ATTACHMENT = "InternetGatewayAttachment"


def zone(plan: Plan, az: str) -> dict:
    """An explicit AZ name from the Mappings table keyed by region: deploying to another region fails
    at once instead of placing subnets in zones nobody planned."""
    return {"Fn::FindInMap": [ZONES_MAPPING, {"Ref": "AWS::Region"}, az.removeprefix(plan.region).upper()]}


def render(plan: Plan, template: Template) -> None:
    network = plan.network
    if not network.subnets:
        return
    template.mappings[ZONES_MAPPING] = {plan.region: {az.removeprefix(plan.region).upper(): az for az in network.azs}}
    vpc = template.add("Vpc", "AWS::EC2::VPC", {
        "CidrBlock": network.cidr, "EnableDnsSupport": True, "EnableDnsHostnames": True,
        "Tags": name_tags(plan, "vpc"),
    }, represents="vpc")
    template.output("VpcId", "VPC id", {"Ref": vpc})
    if network.internet_gateway:
        igw = template.add("InternetGateway", "AWS::EC2::InternetGateway", {"Tags": name_tags(plan, "igw")},
                           represents="internet-gateway")
        template.add(IGW_ATTACHMENT, "AWS::EC2::VPCGatewayAttachment",
                     {"VpcId": {"Ref": vpc}, "InternetGatewayId": {"Ref": igw}})

    for table in network.route_tables:
        table_logical = template.add(logical_id(table.id), "AWS::EC2::RouteTable",
                                     {"VpcId": {"Ref": vpc}, "Tags": name_tags(plan, table.id)}, represents=table.id)
        for index, route in enumerate(table.routes, start=1):
            target_key, options = _route_target(plan, route.via)
            template.add(f"{table_logical}Route{index}", "AWS::EC2::Route",
                         {"RouteTableId": {"Ref": table_logical}, "DestinationCidrBlock": route.destination,
                          target_key: route.via}, **options)

    for subnet in network.subnets:
        subnet_logical = template.add(logical_id(subnet.id), "AWS::EC2::Subnet", {
            "VpcId": {"Ref": vpc}, "CidrBlock": subnet.cidr, "AvailabilityZone": zone(plan, subnet.az),
            "MapPublicIpOnLaunch": False, "Tags": name_tags(plan, subnet.id),
        }, represents=subnet.id)
        template.add(f"{subnet_logical}RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
                     {"SubnetId": {"Ref": subnet_logical}, "RouteTableId": Ref(subnet.route_table)})

    for planned in network.endpoints:
        if planned.component is None:
            endpoint(plan, template, planned)


def _route_target(plan: Plan, via: Ref) -> tuple[str, dict]:
    if via.target == "internet-gateway":
        return "GatewayId", {"DependsOn": IGW_ATTACHMENT}  # the route fails until the gateway is attached
    if any(g.id == via.target for g in plan.network.nat_gateways):
        return "NatGatewayId", {}
    return "InstanceId", {}
