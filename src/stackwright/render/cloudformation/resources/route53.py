"""Route 53: the hosted zone for the domain parameter, and alias records for the ALB (api.<domain>) and
the distribution (the apex) with the spec's routing policy."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.edge import HOSTED_ZONE_PARAMETER
from stackwright.render.cloudformation.template import CLOUDFRONT_ZONE_ID, NEW_ZONE_CONDITION, Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    distributions = {d.id for d in plan.distributions}
    for zone in plan.of(plan.dns_zones, component):
        logical = template.add(logical_id(zone.id), "AWS::Route53::HostedZone", {
            "Name": Ref(zone.domain), "HostedZoneConfig": {"Comment": f"{plan.name} {component}"}}, represents=zone.id,
            Condition=NEW_ZONE_CONDITION)
        template.output(f"{logical}NameServers", f"Name servers to delegate the domain to ({component})",
                        {"Fn::Join": [",", {"Fn::GetAtt": [logical, "NameServers"]}]})
        template.outputs[f"{logical}NameServers"]["Condition"] = NEW_ZONE_CONDITION
        zone_id = {"Fn::If": [NEW_ZONE_CONDITION, {"Ref": logical}, Ref(HOSTED_ZONE_PARAMETER)]}
        for record in zone.records:
            to_cloudfront = record.target in distributions
            properties = {
                "HostedZoneId": zone_id,
                "Name": Join((f"{record.subdomain}." if record.subdomain else "", Ref(zone.domain))),
                "Type": "A",
                "AliasTarget": {"DNSName": Ref(record.target, "dns_name"),
                                "HostedZoneId": CLOUDFRONT_ZONE_ID if to_cloudfront else Ref(record.target, "zone_id"),
                                "EvaluateTargetHealth": not to_cloudfront},
            }
            if record.set_identifier:
                properties["SetIdentifier"] = record.set_identifier
            if record.continent == "*":
                properties["GeoLocation"] = {"CountryCode": "*"}
            elif record.continent:
                properties["GeoLocation"] = {"ContinentCode": record.continent}
            if record.region:
                properties["Region"] = record.region
            template.add(logical_id(record.id), "AWS::Route53::RecordSet", properties)
