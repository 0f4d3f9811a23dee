"""Amazon Route 53 hosted zone: the zone by the month and its DNS queries, priced at the costliest routing
policy among the zone's records (standard, latency, geo)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield CostComponent("route53", N_("Hosted zones"), "route53/hosted-zone", 1)
    routing = resource.attrs["routing"]
    yield used("route53", N_("DNS queries (%(routing)s)") % {"routing": routing}, f"route53/{routing}-queries", usage,
               "queries_million_per_month")


def _costliest(routings) -> dict:
    from stackwright.importer.mapping.edge import ROUTING

    return {"routing": max(routings, key=ROUTING.index, default="standard")}


def terraform(r, ctx):
    from stackwright.importer.mapping.edge import tf_routing

    return _costliest(tf_routing(record) for record in ctx.referrers(r, "aws_route53_record", prop="zone_id"))


def cloudformation(r, ctx):
    from stackwright.importer.mapping.edge import cfn_routing, cfn_zones
    from stackwright.importer.resources import items

    routings = []
    for record in ctx.of_type("AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup"):
        if r in cfn_zones(record, ctx):
            entries = items(record.props.get("RecordSets"), "RecordSets") \
                if record.type == "AWS::Route53::RecordSetGroup" else [record.props]
            routings += [cfn_routing(entry) for entry in entries]
    return _costliest(routings)


register("aws_route53_zone", cloudformation_types="AWS::Route53::HostedZone", components=components,
         terraform=terraform, cloudformation=cloudformation,
         usage={"queries_million_per_month": UsageKey(0, "million queries", "DNS queries the zone answers")},
         service="route53")
