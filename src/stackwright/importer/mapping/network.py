"""Networking: load balancers, NAT gateways (also from the terraform-aws-modules vpc module), Elastic
IPs, VPC endpoints, and the plumbing that costs nothing (VPCs, subnets, routes, security groups)."""

from __future__ import annotations

import re

from stackwright.importer.mapping.registry import FREE, PART_OF, Creates, Priced, Unpriced, free, maps
from stackwright.importer.resources import IacResource, NotPriceable, to_bool
from stackwright.importer.terraform import VPC_MODULE

MAX_AZS = 6
SERVICE_NAME = re.compile(r"^(?:aws\.sagemaker\.|com\.amazonaws\.)[a-z0-9-]+\.(.+)$")

free(
    "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
    "aws_main_route_table_association", "aws_internet_gateway", "aws_internet_gateway_attachment",
    "aws_egress_only_internet_gateway", "aws_security_group", "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_network_acl",
    "aws_network_acl_rule", "aws_network_acl_association", "aws_default_vpc", "aws_default_subnet",
    "aws_default_route_table", "aws_default_security_group", "aws_default_network_acl", "aws_vpc_dhcp_options",
    "aws_vpc_dhcp_options_association", "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association", "aws_vpc_ipv4_cidr_block_association", "aws_network_interface",
    "aws_eip_association", "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener",
    "aws_lb_listener_rule", "aws_alb_listener_rule", "aws_lb_target_group_attachment",
    "aws_alb_target_group_attachment", "aws_lb_listener_certificate",
    "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::DHCPOptions", "AWS::EC2::VPCDHCPOptionsAssociation",
    "AWS::EC2::VPCCidrBlock", "AWS::EC2::NetworkInterface", "AWS::EC2::EIPAssociation",
    "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule", "AWS::ElasticLoadBalancingV2::ListenerCertificate",
)


def known_length(value) -> int | None:
    """How many subnets a property lists, even when their ids are known only after apply."""
    return len(value) if isinstance(value, list) else None


# --- load balancers --------------------------------------------------------------------------------

def alb(r: IacResource, ctx, *, lb_type, azs: int | None, internal: bool) -> Priced:
    if lb_type != "application":
        raise NotPriceable(f"{lb_type} load balancers are not modelled (application load balancers are)")
    if azs is None:
        ctx.assume(r, "its subnets are not known statically: 2 AZs assumed")
        azs = 2
    if internal:
        ctx.assume(r, "internal load balancer: the alb kind still bills one public IPv4 address per AZ, which "
                      "an internal ALB does not hold")
    lcu = ctx.usage(r, "lcu", otherwise="not in the usage file: 0 average LCUs (the load balancer's cost module's "
                                        "default)")
    return Priced({"kind": "alb", "azs": min(azs, MAX_AZS), "lcu": lcu or 0})


@maps("aws_lb", "aws_alb", usage=("lcu",))
def tf_lb(r: IacResource, ctx):
    subnets = r.props.get("subnets") or r.props.get("subnet_mapping")
    return alb(r, ctx, lb_type=r.get("load_balancer_type", default="application"), azs=known_length(subnets),
               internal=to_bool(r.get("internal", default=False), "internal"))


@maps("AWS::ElasticLoadBalancingV2::LoadBalancer", usage=("lcu",))
def cfn_lb(r: IacResource, ctx):
    subnets = r.props.get("Subnets") or r.props.get("SubnetMappings")
    return alb(r, ctx, lb_type=r.get("Type", default="application"), azs=known_length(subnets),
               internal=r.get("Scheme", default="internet-facing") == "internal")


# --- NAT ---------------------------------------------------------------------------------------------

def nat_gateway(r: IacResource, ctx, *, connectivity, eips: list[IacResource]) -> Priced:
    if connectivity == "private":
        raise NotPriceable("private NAT gateways are not modelled (the nat kind bills an Elastic IP per gateway)")
    fields = {"kind": "nat", "mode": "gateway", "count": 1}
    gb = ctx.usage(r, "data_processed_gb_month")
    if gb is not None:
        fields["data_processed_gb_month"] = gb
    return Priced(fields, covers=tuple(e.address for e in eips), summed=("count", "data_processed_gb_month"))


@maps("aws_nat_gateway", usage=("data_processed_gb_month",))
def tf_nat_gateway(r: IacResource, ctx):
    return nat_gateway(r, ctx, connectivity=r.get("connectivity_type", default="public"),
                       eips=ctx.referenced(r.props.get("allocation_id"), "aws_eip"))


@maps("AWS::EC2::NatGateway", usage=("data_processed_gb_month",))
def cfn_nat_gateway(r: IacResource, ctx):
    return nat_gateway(r, ctx, connectivity=r.get("ConnectivityType", default="public"),
                       eips=ctx.referenced(r.props.get("AllocationId"), "AWS::EC2::EIP"))


def nat_data_per_gateway(ctx):
    """A gateway's share of the data the import's traffic sends out through NAT (as the nat kind derives it
    for all its gateways), when the usage file gives the gateway none."""
    from stackwright.cost.usage import Usage
    from stackwright.resources.record import UsageValue
    from stackwright.spec.model import Traffic

    gateways = 0
    for resource in ctx.of_type("aws_nat_gateway", "AWS::EC2::NatGateway", VPC_MODULE):
        if resource.type != VPC_MODULE:
            gateways += 1
        elif to_bool(resource.get("enable_nat_gateway", default=False), "enable_nat_gateway"):
            try:
                gateways += vpc_nat_count(resource)
            except NotPriceable:
                continue
    total = Usage(ctx.traffic or Traffic()).nat_gb()
    if gateways <= 1:
        return UsageValue(total.value, total.assumption)
    return UsageValue(total.value / gateways, f"{total.assumption} ÷ {gateways} gateways")


def vpc_nat_count(r: IacResource) -> int:
    """terraform-aws-modules/vpc: one gateway, one per AZ, or one per private-side subnet (the module's
    max_subnet_length) as single_nat_gateway and one_nat_gateway_per_az say."""
    if to_bool(r.get("single_nat_gateway", default=False), "single_nat_gateway"):
        return 1
    if to_bool(r.get("one_nat_gateway_per_az", default=False), "one_nat_gateway_per_az"):
        azs = r.props.get("azs")
        if known_length(azs) is None:
            raise NotPriceable(f"one_nat_gateway_per_az, but azs is not known: {getattr(azs, 'reason', azs)}")
        return len(azs)
    lengths = []
    for key in ("private_subnets", "database_subnets", "elasticache_subnets", "redshift_subnets"):
        value = r.props.get(key, [])
        if known_length(value) is None:
            raise NotPriceable(f"one NAT gateway per subnet, but {key} is not known statically")
        lengths.append(len(value))
    return max(lengths)


@maps(VPC_MODULE, usage=("data_processed_gb_month",))
def vpc_module(r: IacResource, ctx):
    if not to_bool(r.get("create_vpc", default=True), "create_vpc"):
        return FREE
    outcomes: list = []
    if to_bool(r.get("enable_nat_gateway", default=False), "enable_nat_gateway"):
        count = vpc_nat_count(r)
        if count > MAX_AZS:
            raise NotPriceable(f"{count} NAT gateways; the nat kind holds at most {MAX_AZS}")
        if count:
            fields = {"kind": "nat", "mode": "gateway", "count": count}
            gb = ctx.usage(r, "data_processed_gb_month")
            if gb is not None:
                fields["data_processed_gb_month"] = gb * count
                ctx.assume(r, f"data_processed_gb_month is per gateway: {gb:g} GB × {count} gateway(s)")
            outcomes.append(Priced(fields))
            # the gateways themselves, at their addresses in the module, each priced with the call's usage
            outcomes += [Creates("aws_nat_gateway", f"{r.address}.aws_nat_gateway.this[{i}]",
                                 {"public": True, "gateways": 1}) for i in range(count)]
    if to_bool(r.get("enable_vpn_gateway", default=False), "enable_vpn_gateway"):
        outcomes.append(Unpriced("VPN gateway", "site-to-site VPN is not modelled"))
    if to_bool(r.get("enable_flow_log", default=False), "enable_flow_log"):
        outcomes.append(Unpriced("flow logs", "VPC flow log delivery (CloudWatch Logs or S3) is not modelled"))
    return outcomes or FREE


# --- Elastic IPs -------------------------------------------------------------------------------------

def elastic_ip(r: IacResource, ctx, attached: bool) -> Priced:
    """An address attached to something other than a NAT gateway or NAT instance (those price their own), or
    in use by what the usage file says attaches it outside the code; the bill prices it by its cost module
    (aws_eip), the spec keeps the kind."""
    in_use = attached or bool(ctx.given(r, "in_use"))
    return Priced({"kind": "public_ipv4", "in_use": int(in_use), "idle": int(not in_use)}, summed=("in_use", "idle"))


@maps("aws_eip")
def tf_eip(r: IacResource, ctx):
    from stackwright.resources.types.aws_eip import terraform_attached

    if ctx.referrers(r, "aws_nat_gateway", prop="allocation_id"):
        return PART_OF
    instances = ctx.referenced(r.props.get("instance"), "aws_instance")
    if instances and all(i.get("source_dest_check", default=True) is False for i in instances):
        return PART_OF  # a NAT instance's address is billed with the nat component
    return elastic_ip(r, ctx, terraform_attached(r, ctx))


@maps("AWS::EC2::EIP")
def cfn_eip(r: IacResource, ctx):
    from stackwright.resources.types.aws_eip import cloudformation_attached

    if ctx.referrers(r, "AWS::EC2::NatGateway", prop="AllocationId"):
        return PART_OF
    instances = ctx.referenced(r.props.get("InstanceId"), "AWS::EC2::Instance")
    if instances and all(i.get("SourceDestCheck", default=True) in (False, "false") for i in instances):
        return PART_OF
    return elastic_ip(r, ctx, cloudformation_attached(r, ctx))


# --- VPC endpoints -----------------------------------------------------------------------------------

def vpc_endpoint(r: IacResource, ctx, *, endpoint_type, service, subnets) -> Priced | str:
    if endpoint_type == "Gateway":
        return FREE
    if endpoint_type != "Interface":
        raise NotPriceable(f"{endpoint_type} endpoints are not modelled (Interface and Gateway are)")
    if not service:
        raise NotPriceable("the service name is not set")
    match = SERVICE_NAME.match(service)
    azs = known_length(subnets)
    if azs is None:
        ctx.assume(r, "its subnets are not known statically: 2 AZs assumed")
        azs = 2
    fields = {"kind": "vpc_endpoint", "type": "interface", "service": match.group(1) if match else service,
              "azs": min(max(azs, 1), MAX_AZS)}
    gb = ctx.usage(r, "data_gb_month", otherwise="not in the usage file: 0 GB processed (the kind's default)")
    if gb is not None:
        fields["data_gb_month"] = gb
    return Priced(fields)


@maps("aws_vpc_endpoint", usage=("data_gb_month",))
def tf_vpc_endpoint(r: IacResource, ctx):
    return vpc_endpoint(r, ctx, endpoint_type=r.get("vpc_endpoint_type", default="Gateway"),
                        service=r.get("service_name"), subnets=r.props.get("subnet_ids"))


@maps("AWS::EC2::VPCEndpoint", usage=("data_gb_month",))
def cfn_vpc_endpoint(r: IacResource, ctx):
    return vpc_endpoint(r, ctx, endpoint_type=r.get("VpcEndpointType", default="Gateway"),
                        service=r.get("ServiceName"), subnets=r.props.get("SubnetIds"))
