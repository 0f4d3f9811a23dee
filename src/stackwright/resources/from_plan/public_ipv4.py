"""public_ipv4: the plan's Elastic IPs, those in use attached to something the plan does not make (so in
use by the usage the spec implies, as the usage file `plan` writes says to an import), the rest idle."""

from __future__ import annotations

from stackwright.plan.elastic_ips import ElasticIp, addresses
from stackwright.plan.operations import of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import Resource, UsageValue, UsageValues, no_usage_file
from stackwright.resources.registry import module_of
from stackwright.translatable import N_

IN_USE = UsageValue(1, N_("in_use: attached to something the plan does not make"))


def records(name, ips, ctx):
    for address in of_type(ctx.plan, ElasticIp, name):
        yield planned(ctx, "aws_eip", address.id, {"attached": False}, {"in_use": IN_USE} if address.in_use else {})


def stated(name, ips, region: str):
    """(record, usage) of the addresses a usage file's billing-only public_ipv4 component states, which no
    code declares: named by the component and each address's key."""
    module = module_of("aws_eip")
    for label, in_use in addresses(ips):
        usage = {"in_use": UsageValue(1, N_("in_use: the usage file's public_ipv4 component"))} if in_use else {}
        yield Resource("aws_eip", f'{name}["{label}"]', region, {"attached": False}), UsageValues(
            module, no_usage_file, usage)
