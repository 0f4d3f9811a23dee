"""An api_gateway: an HTTP or WebSocket API (aws_apigatewayv2_api) or a REST API (aws_api_gateway_rest_api),
billed by requests (WebSocket: messages and connection minutes)."""

from __future__ import annotations

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.usage import DAYS_PER_MONTH
from stackwright.plan.naming import slug
from stackwright.resources.from_plan import _egress, planned
from stackwright.resources.from_plan._serverless import requests
from stackwright.translatable import N_
from stackwright.resources.record import UsageValue

MINUTES_ONLINE_PER_USER_DAY = 30  # WebSocket connection time of an active user, when peak users are not given


def connection_minutes(api, traffic) -> UsageValue:
    if api.connection_minutes_per_month is not None:
        return UsageValue(api.connection_minutes_per_month,
                          f"connection_minutes_per_month = {api.connection_minutes_per_month:,.6g}")
    if traffic.peak_concurrent_users is not None:
        value = traffic.peak_concurrent_users * HOURS_PER_MONTH * 60 * api.traffic_share
        return UsageValue(value, N_("%(users)s peak users connected all month (730 h) × %(share)s") % {
            "users": f"{traffic.peak_concurrent_users:,}", "share": f"{api.traffic_share:.0%}"})
    value = traffic.dau * MINUTES_ONLINE_PER_USER_DAY * DAYS_PER_MONTH * api.traffic_share
    return UsageValue(value, N_("%(dau)s DAU × %(minutes)s min connected a day × %(days)s days × %(share)s") % {
        "dau": f"{traffic.dau:,}", "minutes": MINUTES_ONLINE_PER_USER_DAY, "days": f"{DAYS_PER_MONTH:.2f}",
        "share": f"{api.traffic_share:.0%}"})


def records(name: str, api, ctx):
    aid = slug(name)
    size = UsageValue(ctx.spec.traffic.kb_per_request, f"traffic.kb_per_request = {ctx.spec.traffic.kb_per_request:g} KB")
    if api.type == "rest":
        yield planned(ctx, "aws_api_gateway_rest_api", aid, {}, {"monthly_requests": requests(ctx, api.requests_per_month, "requests_per_month",
                                                                                 api.traffic_share), **_egress.usage(ctx, aid)})
        return
    protocol = "WEBSOCKET" if api.type == "websocket" else "HTTP"
    attrs = {"protocol": protocol}
    if protocol == "HTTP":
        yield planned(ctx, "aws_apigatewayv2_api", aid, attrs, {
            "monthly_requests": requests(ctx, api.requests_per_month, "requests_per_month", api.traffic_share),
            "request_size_kb": size, **_egress.usage(ctx, aid)})
        return
    yield planned(ctx, "aws_apigatewayv2_api", aid, attrs, {
        "monthly_messages": requests(ctx, api.messages_per_month, "messages_per_month", api.traffic_share),
        "message_size_kb": size, "monthly_connection_mins": connection_minutes(api, ctx.spec.traffic),
        **_egress.usage(ctx, aid)})
