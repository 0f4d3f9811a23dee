"""Amazon API Gateway v2: HTTP APIs (requests metered in 512 KB increments) and WebSocket APIs (messages in
32 KB increments, connection minutes)."""

import math

from stackwright.resources import egress
from stackwright.resources.helpers import text, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    if resource.attrs["protocol"] == "WEBSOCKET":
        chunks = max(1, math.ceil(float(usage["message_size_kb"].value) / 32))
        yield used("api_gateway", "WebSocket messages", "apigateway/websocket-messages", usage, "monthly_messages",
                   per=1e6, factor=chunks, how=f" × {chunks} 32 KB increment(s)")
        yield used("api_gateway", "WebSocket connection minutes", "apigateway/websocket-connection-minutes", usage,
                   "monthly_connection_mins", per=1e6)
        yield from egress.component(usage)
        return
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 512))
    yield used("api_gateway", "HTTP API requests", "apigateway/http-requests", usage, "monthly_requests", per=1e6,
               factor=chunks, how=f" × {chunks} 512 KB increment(s)")
    yield from egress.component(usage)


def cloudformation(r, ctx):
    protocol = "HTTP" if r.type == "AWS::Serverless::HttpApi" else text(r, "ProtocolType", default="HTTP")
    return {"protocol": protocol.upper()}


register("aws_apigatewayv2_api", cloudformation_types=("AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi"),
         terraform=lambda r, ctx: {"protocol": text(r, "protocol_type", default="HTTP").upper()},
         cloudformation=cloudformation, components=components, usage={
             "monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(512, "KB"),
             "monthly_messages": UsageKey(0, "messages/month"), "message_size_kb": UsageKey(32, "KB"),
             "monthly_connection_mins": UsageKey(0, "connection minutes/month"), **egress.USAGE})
