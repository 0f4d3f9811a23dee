"""CloudFront Functions: invocations."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("cloudfront", "Function invocations", "cloudfront/function-invocations", usage, "monthly_requests",
               per=1e6)


register("aws_cloudfront_function", cloudformation_types="AWS::CloudFront::Function", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_requests": UsageKey(0, "invocations/month")})
