"""The VPC: explicit AZ names, subnets per AZ and tier, route tables, internet gateway, NAT, endpoints."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from functools import lru_cache

from stackwright.plan.model import (
    Endpoint, NatGateway, NatInstance, Network, Ref, Route, RouteTable, Subnet, Tier,
)
from stackwright.plan.naming import instance_arch, machine_image_parameter, slug
from stackwright.spec.model import Nat, Spec, VpcEndpoint

DEFAULT_VPC_CIDR = "10.0.0.0/16"

# AZ letters an account can use, preferred first, where they are not simply a, b, c.
# ap-northeast-1 offers no "b" to new accounts; us-west-1 exposes two zones, b and c; ca-central-1
# has no "c"; in ap-northeast-2 designs (these blueprints too) use a and c; us-east-1e lacks newer
# instance types, so it comes last.
AZ_LETTERS = {
    "ap-northeast-1": "acd",
    "ap-northeast-2": "acbd",
    "ca-central-1": "abd",
    "us-east-1": "abcdfe",
    "us-west-1": "bc",
    "us-west-2": "abcd",
}
DEFAULT_AZ_LETTERS = "abc"

# Every tier owns a fixed run of address blocks so adding an AZ or a tier never moves a subnet:
# the VPC splits into 32 equal blocks (a /21 each in a /16); a tier takes 8 consecutive blocks, one
# per AZ slot, and blocks 24-31 stay free.
SUBNET_BITS = 5
AZ_SLOTS = 8
TIER_FIRST_SLOT: dict[Tier, int] = {"public": 0, "app": AZ_SLOTS, "data": 2 * AZ_SLOTS}
SMALLEST_SUBNET_PREFIX = 28  # AWS's limit

# Amazon Linux 2023 as a NAT: forward packets and masquerade them behind the instance's public address.
NAT_USER_DATA = """#!/bin/bash
set -euo pipefail
dnf install -y iptables-services
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-nat.conf
sysctl --system
interface=$(ip route show default | awk '{print $5; exit}')
iptables -t nat -A POSTROUTING -o "$interface" -j MASQUERADE
iptables -F FORWARD
service iptables save
systemctl enable --now iptables
"""

# What tasks and instances in private subnets reach AWS through when there is no NAT.
FARGATE_ENDPOINTS = ("ecr.api", "ecr.dkr", "logs", "s3")
SECRETS_ENDPOINT = "secretsmanager"
SSM_ENDPOINTS = ("ssm", "ssmmessages", "ec2messages", "logs", "s3")
GATEWAY_SERVICES = ("s3", "dynamodb")


def availability_zones(region: str) -> tuple[str, ...]:
    """Every AZ name the plan may use in `region`, preferred first."""
    return tuple(f"{region}{letter}" for letter in AZ_LETTERS.get(region, DEFAULT_AZ_LETTERS))


@lru_cache(maxsize=256)
def subnet_cidr(vpc_cidr: str, tier: Tier, az_index: int) -> str:
    """The subnet of `tier` in the AZ at `az_index`: never overlapping another, always inside the VPC.
    Kept per argument: every plan the optimiser prices asks for the same few."""
    vpc = ipaddress.ip_network(vpc_cidr)
    prefix = vpc.prefixlen + SUBNET_BITS
    if prefix > SMALLEST_SUBNET_PREFIX:
        raise ValueError(f"VPC {vpc_cidr} is too small: use /{SMALLEST_SUBNET_PREFIX - SUBNET_BITS} or larger")
    if not 0 <= az_index < AZ_SLOTS:
        raise ValueError(f"AZ index {az_index} is outside 0..{AZ_SLOTS - 1}")
    block = vpc.num_addresses >> SUBNET_BITS
    return f"{vpc.network_address + (TIER_FIRST_SLOT[tier] + az_index) * block}/{prefix}"


@dataclass(frozen=True)
class NetworkNeeds:
    """What the workloads ask of the network, worked out by the plan builder."""

    az_count: int
    tiers: tuple[Tier, ...]
    fargate_in_app_tier: bool
    instances_in_app_tier: bool
    services_read_secrets: bool


def nat_component(spec: Spec) -> tuple[str, Nat] | None:
    return next(((n, c) for n, c in spec.components.items() if isinstance(c, Nat)), None)


def build_network(spec: Spec, needs: NetworkNeeds, vpc_cidr: str = DEFAULT_VPC_CIDR) -> Network:
    azs = availability_zones(spec.region)[:needs.az_count]
    letters = [az.removeprefix(spec.region) for az in azs]
    has_public = "public" in needs.tiers  # the builder adds it whenever there is a NAT
    gateways, instances = _nat(nat_component(spec), azs, letters)
    nat_targets = [(g.az, g.id) for g in gateways] or [(i.az, i.id) for i in instances]

    tables = []
    if has_public:
        tables.append(RouteTable("route-table-public", "public", (Route("0.0.0.0/0", Ref("internet-gateway")),)))
    app_table_for_az = {}
    if "app" in needs.tiers:
        if nat_targets:
            # One table per NAT; an AZ without its own NAT uses the NATs in turn.
            for az, target in nat_targets:
                tables.append(RouteTable(f"route-table-app-{az.removeprefix(spec.region)}", "app",
                                         (Route("0.0.0.0/0", Ref(target)),)))
            for i, az in enumerate(azs):
                nat_az = nat_targets[i % len(nat_targets)][0]
                app_table_for_az[az] = f"route-table-app-{nat_az.removeprefix(spec.region)}"
        else:
            tables.append(RouteTable("route-table-app", "app", ()))
            app_table_for_az = dict.fromkeys(azs, "route-table-app")
    if "data" in needs.tiers:
        tables.append(RouteTable("route-table-data", "data", ()))  # data stores never need the internet

    subnets = []
    for tier in needs.tiers:
        for i, (az, letter) in enumerate(zip(azs, letters)):
            table = {"public": "route-table-public", "data": "route-table-data"}.get(tier) or app_table_for_az[az]
            subnets.append(Subnet(f"subnet-{tier}-{letter}", tier, az, subnet_cidr(vpc_cidr, tier, i), table))

    network = Network(vpc_cidr, azs, tuple(subnets), tuple(tables), has_public, gateways, instances, ())
    return replace(network, endpoints=_endpoints(spec, needs, network, has_nat=bool(nat_targets)))


def _nat(nat: tuple[str, Nat] | None, azs, letters) -> tuple[tuple, tuple]:
    if nat is None:
        return (), ()
    name, component = nat
    placed = list(zip(azs, letters))[:component.count]  # one per AZ at most
    if component.mode == "gateway":
        return tuple(NatGateway(f"{slug(name)}-{letter}", name, az, f"subnet-public-{letter}")
                     for az, letter in placed), ()
    arch = instance_arch(component.instance_type)
    return (), tuple(
        NatInstance(f"{slug(name)}-{letter}", name, az, f"subnet-public-{letter}", component.instance_type, arch,
                    component.ebs, f"{slug(name)}-security-group", f"{slug(name)}-instance-role",
                    machine_image_parameter(arch), NAT_USER_DATA)
        for az, letter in placed
    )


def _endpoints(spec: Spec, needs: NetworkNeeds, network: Network, has_nat: bool) -> tuple[Endpoint, ...]:
    """The spec's endpoints, plus, when private workloads have no NAT, those they need to start."""
    wanted: dict[str, tuple[str | None, str]] = {}
    for name, component in spec.components.items():
        if isinstance(component, VpcEndpoint):
            wanted.setdefault(component.service, (name, component.type))
    if not has_nat:
        implied = []
        if needs.fargate_in_app_tier:
            implied += FARGATE_ENDPOINTS
            if needs.services_read_secrets:
                implied.append(SECRETS_ENDPOINT)
        if needs.instances_in_app_tier:
            implied += SSM_ENDPOINTS
        for service in implied:
            wanted.setdefault(service, (None, "gateway" if service in GATEWAY_SERVICES else "interface"))
    if not wanted:
        return ()
    tier: Tier = "app" if "app" in needs.tiers else "public"
    app_tables = tuple(t.id for t in network.route_tables if t.tier == tier)
    endpoints = []
    for service in sorted(wanted):
        component, kind = wanted[service]
        endpoint_id = slug(component) if component else f"endpoint-{slug(service)}"
        if kind == "gateway":
            endpoints.append(Endpoint(endpoint_id, component, service, "gateway", route_tables=app_tables))
        else:
            azs = spec.components[component].azs if component else None
            subnets = tuple(s.id for s in network.subnets_in(tier, azs))
            endpoints.append(Endpoint(endpoint_id, component, service, "interface", subnets=subnets,
                                      security_group="endpoint-security-group"))
    return tuple(endpoints)
