"""Amazon Athena workgroup: data scanned by its queries."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("athena", "Data scanned", "athena/scanned", usage, "monthly_terabytes_scanned")


register("aws_athena_workgroup", cloudformation_types="AWS::Athena::WorkGroup", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_terabytes_scanned": UsageKey(0, "TB")})
