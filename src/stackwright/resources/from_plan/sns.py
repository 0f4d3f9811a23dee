"""An sns component's planned topic and subscriptions: each publish billed on the topic and delivered to
every e-mail and HTTPS subscription."""

from __future__ import annotations

from stackwright.resources.from_plan import Planned
from stackwright.resources.record import Resource, UsageValue
from stackwright.translatable import N_


def publishes(topic) -> tuple[float, str]:
    if topic.publishes_per_month is not None:
        return topic.publishes_per_month, N_("publishes_per_month %(count)s") % {
            "count": f"{topic.publishes_per_month:,.0f}"}
    if topic.alarms:
        return topic.alarm_notifications_per_month, N_("%(count)s alarm notifications a month") % {
            "count": f"{topic.alarm_notifications_per_month:,.0f}"}
    return 0, N_("no publishes stated")


def records(name, topic, ctx):
    plan = ctx.plan
    addresses = ctx.addresses  # the generated Terraform's, built once per bill
    count, why = publishes(topic)
    for planned in plan.of(plan.topics, name):
        address = addresses.get(planned.id, f"aws_sns_topic.{planned.id}")
        yield Planned(Resource("aws_sns_topic", address, ctx.spec.region, {"fifo": False}),
                      {"monthly_requests": UsageValue(count, why), "request_size_kb": UsageValue(1, why)})
        for subscription in planned.subscriptions:
            yield Planned(Resource("aws_sns_topic_subscription", addresses.get(subscription.id, subscription.id),
                                   ctx.spec.region, {"protocol": subscription.protocol}),
                          {"monthly_requests": UsageValue(count, N_("%(why)s, each delivered once") % {"why": why})})
