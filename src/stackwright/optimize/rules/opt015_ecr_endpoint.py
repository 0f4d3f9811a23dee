"""Replace NAT with VPC endpoints (ECR, logs, Secrets Manager, S3) when nothing private calls the internet:
pays only when the NAT costs more than the endpoints' AZ-hours."""

from stackwright.optimize.rule import Proposal, Rule
from stackwright.spec.model import VpcEndpoint
from stackwright.translatable import N_

COMPUTE = ("fargate_service", "ec2_asg", "ec2_instance")


def propose(spec, only=None):
    nats = [n for n, c in spec.components.items() if c.kind == "nat"]
    if only is not None and only not in nats and not only.endswith("-endpoint"):
        return  # the NATs it removes and the endpoints it adds
    compute = [c for c in spec.components.values() if c.kind in COMPUTE]
    if not nats or not compute or any(c.internet_egress for c in compute):
        return
    services = ["ecr.api", "ecr.dkr", "logs"]
    if any(c.kind == "secrets_manager" for c in spec.components.values()):
        services.append("secretsmanager")
    components = {n: c for n, c in spec.components.items() if n not in nats}
    added = set()
    for service in services:
        name = f"{service.replace('.', '-')}-endpoint"
        components.setdefault(name, VpcEndpoint(kind="vpc_endpoint", type="interface", service=service, azs=spec.azs))
        added.add(name)
    components.setdefault("s3-gateway-endpoint", VpcEndpoint(kind="vpc_endpoint", type="gateway", service="s3"))
    yield Proposal(spec.model_copy(update={"components": components}),
                   N_("replace NAT (%(nats)s) with interface endpoints (%(services)s) in %(azs)s AZ(s) and an S3 "
                      "gateway endpoint") % {"nats": ", ".join(nats), "services": ", ".join(services), "azs": spec.azs},
                   N_("Private tasks lose all internet egress: any new third-party API, webhook or package download "
                      "needs NAT back. Interface endpoints bill per AZ-hour whether used or not."),
                   frozenset({*nats, *added}))


RULE = Rule("OPT015", "VPC endpoints instead of NAT", propose, per_component=True)
