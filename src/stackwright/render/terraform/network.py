"""The VPC, its subnets (explicit AZ names), route tables and routes, the internet gateway, and the VPC
endpoints the plan adds on its own. NAT gateways and instances come from the nat kind."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.resources.vpc_endpoint import endpoint
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "networking"
INTERNET_GATEWAY = "internet-gateway"


def render(plan: Plan, stack: Stack) -> None:
    network = plan.network
    if not network.subnets:
        return
    vpc = resource(stack, MODULE, "aws_vpc", "vpc", {
        "cidr_block": network.cidr, "enable_dns_support": True, "enable_dns_hostnames": True,
        "tags": name_tags(plan, "vpc"),
    }, element=network, represents="vpc")
    # Terraform adopts the VPC's default security group and strips its rules: nothing may use it.
    stack.resource(MODULE, "aws_default_security_group", "vpc", {
        "vpc_id": attribute(vpc, "id"), "tags": name_tags(plan, "default-closed")})
    stack.output("vpc_id", "VPC id", Ref("vpc"))
    if network.internet_gateway:
        resource(stack, MODULE, "aws_internet_gateway", local_name(INTERNET_GATEWAY),
                 {"vpc_id": attribute(vpc, "id"), "tags": name_tags(plan, "igw")}, represents=INTERNET_GATEWAY)

    for table in network.route_tables:
        name = local_name(table.id)
        address = resource(stack, MODULE, "aws_route_table", name,
                           {"vpc_id": attribute(vpc, "id"), "tags": name_tags(plan, table.id)}, represents=table.id)
        for index, route in enumerate(table.routes, start=1):
            stack.resource(MODULE, "aws_route", f"{name}_{index}", {
                "route_table_id": attribute(address, "id"), "destination_cidr_block": route.destination,
                **_route_target(plan, route.via)})

    for subnet in network.subnets:
        name = local_name(subnet.id)
        address = resource(stack, MODULE, "aws_subnet", name, {
            "vpc_id": attribute(vpc, "id"), "cidr_block": subnet.cidr, "availability_zone": subnet.az,
            "map_public_ip_on_launch": False, "tags": name_tags(plan, subnet.id),
        }, element=subnet, represents=subnet.id)
        stack.resource(MODULE, "aws_route_table_association", name,
                       {"subnet_id": attribute(address, "id"), "route_table_id": Ref(subnet.route_table)})

    for planned in network.endpoints:
        if planned.component is None:
            endpoint(plan, stack, planned)


def _route_target(plan: Plan, via: Ref) -> dict:
    if via.target == INTERNET_GATEWAY:
        return {"gateway_id": via}
    if any(g.id == via.target for g in plan.network.nat_gateways):
        return {"nat_gateway_id": via}
    # A NAT instance: the route names its network interface (the instance id form is deprecated).
    return {"network_interface_id": Ref(via.target, "primary_network_interface_id")}
