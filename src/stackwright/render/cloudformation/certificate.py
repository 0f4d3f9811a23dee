"""The ACM certificate the stack requests when no certificate ARN is given: the domain and *.<domain>,
DNS-validated in the hosted zone (the one given, or the stack's own). Every certificate parameter that
may stay empty then resolves to the given ARN or to this certificate."""

from __future__ import annotations

from stackwright.plan.edge import HOSTED_ZONE_PARAMETER, requested_certificates
from stackwright.plan.model import Join, Plan, Ref
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import NEW_ZONE_CONDITION, Template, logical_id

LOGICAL_ID = "Certificate"
CONDITION = "RequestCertificate"


def render(plan: Plan, template: Template) -> None:
    parameters = requested_certificates(plan)
    if not parameters or not plan.dns_zones:
        return
    zone = plan.dns_zones[0]
    conditions = []
    for parameter in parameters:
        name = f"Request{logical_id(parameter.id)}"
        template.conditions[name] = {"Fn::Equals": [{"Ref": logical_id(parameter.id)}, ""]}
        conditions.append(name)
        template.represent(parameter.id, logical_id(parameter.id), {"id": {
            "Fn::If": [name, {"Ref": LOGICAL_ID}, {"Ref": logical_id(parameter.id)}]}})
    if len(conditions) > 1:
        template.conditions[CONDITION] = {"Fn::Or": [{"Condition": name} for name in conditions]}
    condition = CONDITION if len(conditions) > 1 else conditions[0]
    zone_id = {"Fn::If": [NEW_ZONE_CONDITION, Ref(zone.id), Ref(HOSTED_ZONE_PARAMETER)]}
    # The wildcard name shares the apex's validation record, so one validation option covers both.
    template.add(LOGICAL_ID, "AWS::CertificateManager::Certificate", {
        "DomainName": Ref(zone.domain),
        "SubjectAlternativeNames": [Join(("*.", Ref(zone.domain)))],
        "ValidationMethod": "DNS",
        "DomainValidationOptions": [{"DomainName": Ref(zone.domain), "HostedZoneId": zone_id}],
        "Tags": name_tags(plan, "certificate"),
    }, Condition=condition)
    template.output(f"{LOGICAL_ID}Arn", "ARN of the certificate the stack requested", {"Ref": LOGICAL_ID})
    template.outputs[f"{LOGICAL_ID}Arn"]["Condition"] = condition
