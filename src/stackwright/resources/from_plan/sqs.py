"""An sqs component's planned queues: the queue, billed for each message's send, receive and delete and for
its consumers' empty long polls; its dead-letter queue, for the few messages that fail."""

from __future__ import annotations

from stackwright.resources.capacity import running_hours
from stackwright.resources.from_plan import Planned
from stackwright.resources.record import Resource, UsageValue
from stackwright.translatable import N_

CALLS_PER_MESSAGE = 3  # SendMessage, ReceiveMessage, DeleteMessage
LONG_POLL_SECONDS = 20  # the longest ReceiveMessage wait: an idle consumer polls three times a minute
DAYS_PER_MONTH = 30


def messages(queue, spec) -> tuple[float, str]:
    if queue.messages_per_month is not None:
        return queue.messages_per_month, N_("messages_per_month %(count)s") % {
            "count": f"{queue.messages_per_month:,.0f}"}
    count = queue.messages_per_user_day * spec.traffic.dau * DAYS_PER_MONTH
    return count, N_("%(per_user)s message(s) per user a day × %(dau)s DAU × 30 days") % {
        "per_user": f"{queue.messages_per_user_day:g}", "dau": f"{spec.traffic.dau:,}"}


def records(name, queue, ctx):
    plan = ctx.plan
    addresses = ctx.addresses  # the generated Terraform's, built once per bill
    count, why = messages(queue, ctx.spec)
    consumers = [c for c in ctx.spec.components.values() if c.kind == "worker" and c.queue == name]
    pollers = sum(c.tasks.desired for c in consumers)
    [(_, hours, hours_why)] = running_hours(ctx.spec, None, pollers)
    polls = pollers * hours * 3600 / LONG_POLL_SECONDS
    requests = count * CALLS_PER_MESSAGE + polls
    assumption = N_("%(why)s × 3 calls (send, receive, delete) + %(pollers)s consumer task(s) × one 20 s long "
                    "poll × %(hours)s = %(requests)s requests") % {
        "why": why, "pollers": pollers, "hours": hours_why, "requests": f"{requests:,.0f}"}
    size = UsageValue(queue.message_kb, N_("message_kb %(kb)s") % {"kb": f"{queue.message_kb:g}"})
    for planned in plan.of(plan.queues, name):
        address = addresses.get(planned.id, f"aws_sqs_queue.{planned.id}")
        resource = Resource("aws_sqs_queue", address, ctx.spec.region, {"fifo": queue.fifo})
        if planned.dead_letter_of:
            yield Planned(resource, {"monthly_requests": UsageValue(0, N_(
                "dead-letter queue: only messages that failed %(times)s times; none assumed") % {
                "times": queue.max_receives}), "request_size_kb": size})
        else:
            yield Planned(resource, {"monthly_requests": UsageValue(requests, assumption), "request_size_kb": size})
