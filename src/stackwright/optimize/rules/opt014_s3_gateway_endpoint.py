"""A free S3 gateway endpoint takes S3 traffic (and ECR image layers) off the NAT gateway."""

from stackwright.optimize.rule import Proposal, Rule
from stackwright.spec.model import VpcEndpoint
from stackwright.translatable import N_

ENDPOINT_NAME = "s3-gateway-endpoint"


def propose(spec, only=None):
    if only is not None and only != ENDPOINT_NAME:
        return  # the one component it adds
    has_gateway_nat = any(c.kind == "nat" and c.mode == "gateway" for c in spec.components.values())
    has_endpoint = any(c.kind == "vpc_endpoint" and c.type == "gateway" and c.service == "s3"
                       for c in spec.components.values())
    if has_gateway_nat and not has_endpoint and ENDPOINT_NAME not in spec.components:
        components = dict(spec.components)
        components[ENDPOINT_NAME] = VpcEndpoint(kind="vpc_endpoint", type="gateway", service="s3")
        yield Proposal(spec.model_copy(update={"components": components}),
                       N_("add an S3 gateway endpoint (free) for S3 and ECR layer traffic"),
                       N_("None to speak of: bucket policies that check aws:SourceIp must use aws:SourceVpce "
                          "instead."),
                       frozenset({ENDPOINT_NAME}))


RULE = Rule("OPT014", "S3 gateway endpoint", propose, per_component=True)
