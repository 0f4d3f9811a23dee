"""The ACM certificate the configuration requests when a certificate variable is left empty: the domain
and *.<domain>, validated by DNS records in the hosted zone (the one given, or the configuration's own),
and waited for before a listener or distribution uses it. Mirrors cloudformation/certificate.py."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.edge import requested_certificates
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.resources.route53 import zone_id
from stackwright.render.terraform.stack import Formula, Stack

MODULE = "edge"
ELEMENT = "certificate"  # stands for the validated certificate
VALIDATION_TTL_SECONDS = 60


def certificate_arn(plan: Plan, parameter: str) -> Ref | Formula:
    """What a listener or distribution takes: the ARN given, or, when left empty, the requested one."""
    if parameter not in {p.id for p in requested_certificates(plan)} or not plan.dns_zones:
        return Ref(parameter)
    return Formula('{0} != "" ? {0} : {1}', (Ref(parameter), Ref(ELEMENT, "arn")))


def render(plan: Plan, stack: Stack) -> None:
    parameters = requested_certificates(plan)
    if not parameters or not plan.dns_zones:
        return
    zone = plan.dns_zones[0]
    wanted = " || ".join(f'{{{index}}} == ""' for index in range(len(parameters)))
    certificate = resource(stack, MODULE, "aws_acm_certificate", "certificate", {
        "count": Formula(f"{wanted} ? 1 : 0", tuple(Ref(p.id) for p in parameters)),
        "domain_name": Ref(zone.domain),
        "subject_alternative_names": [Formula('"*.${{{0}}}"', (Ref(zone.domain),))],
        "validation_method": "DNS",
        "tags": name_tags(plan, ELEMENT),
        "lifecycle": Block("lifecycle", (), {"create_before_destroy": True}),
    })
    # The apex and *.<domain> share one validation record: either name's option gives it.
    option = f"tolist({certificate}[0].domain_validation_options)[0]"
    records = stack.resource(MODULE, "aws_route53_record", "certificate_validation", {
        "count": Expr(f"length({certificate})"),
        "zone_id": zone_id(stack, zone),
        "name": Expr(f"{option}.resource_record_name"),
        "type": Expr(f"{option}.resource_record_type"),
        "records": [Expr(f"{option}.resource_record_value")],
        "ttl": VALIDATION_TTL_SECONDS,
    })
    validation = stack.resource(MODULE, "aws_acm_certificate_validation", "certificate", {
        "count": Expr(f"length({certificate})"),
        "certificate_arn": Expr(f"{certificate}[0].arn"),
        "validation_record_fqdns": Expr(f"{records}[*].fqdn"),
    })
    stack.represent(ELEMENT, MODULE, None, f"{validation}[0]", "",
                    {"arn": Expr(f"one({validation}[*].certificate_arn)")})
    stack.output("certificate_arn", "ARN of the certificate the configuration requested (null when one is given)",
                 Ref(ELEMENT, "arn"))
