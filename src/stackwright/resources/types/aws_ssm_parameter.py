"""AWS Systems Manager Parameter Store parameter: Standard ones are free; Advanced ones bill per month and
per API interaction (as does every parameter once the account turns on higher throughput)."""

from stackwright.resources.helpers import monthly, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    if resource.attrs["tier"] != "Advanced":
        return
    yield monthly("ssm", N_("Advanced parameter"), "ssm/advanced-parameter", 1)
    yield used("ssm", N_("API interactions"), "ssm/api-interactions", usage, "monthly_api_interactions", per=1e4)


def read(tier):
    return {"tier": "Advanced" if tier in ("Advanced", "Intelligent-Tiering") else "Standard"}


register("aws_ssm_parameter", cloudformation_types="AWS::SSM::Parameter", components=components,
         terraform=lambda r, ctx: read(text(r, "tier", default="Standard")),
         cloudformation=lambda r, ctx: read(text(r, "Tier", default="Standard")),
         usage={"monthly_api_interactions": UsageKey(0, "interactions/month")})
