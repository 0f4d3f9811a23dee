"""Amazon API Gateway REST API: requests, tiered."""

from stackwright.resources import egress
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("api_gateway", "REST API requests", "apigateway/rest-requests", usage, "monthly_requests", per=1e6)
    yield from egress.component(usage)


register("aws_api_gateway_rest_api", cloudformation_types=("AWS::ApiGateway::RestApi", "AWS::Serverless::Api"),
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components,
         usage={"monthly_requests": UsageKey(0, "requests/month"), **egress.USAGE})
