"""SQS: the queue, encrypted with SQS-managed keys, and its dead-letter queue (kept 14 days) that takes a
message after max_receives failed receives."""

from __future__ import annotations

from stackwright.plan.messaging import DEAD_LETTER_RETENTION_DAYS
from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.hcl import Call
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "messaging"
DAY_SECONDS = 86_400


def render(component: str, plan: Plan, stack: Stack) -> None:
    # the dead-letter queue first: the main queue's redrive policy names it
    for queue in sorted(plan.of(plan.queues, component), key=lambda q: q.dead_letter_of is None):
        spec = queue.spec
        days = DEAD_LETTER_RETENTION_DAYS if queue.dead_letter_of else spec.message_retention_days
        body = {"name": queue.name}
        if spec.fifo:
            body["fifo_queue"] = True
        body |= {"visibility_timeout_seconds": spec.visibility_timeout_seconds,
                 "message_retention_seconds": days * DAY_SECONDS, "sqs_managed_sse_enabled": True}
        if queue.dead_letter:
            body["redrive_policy"] = Call("jsonencode", ({
                "deadLetterTargetArn": Ref(queue.dead_letter, "arn"), "maxReceiveCount": spec.max_receives},))
        body["tags"] = name_tags(plan, queue.id)
        resource(stack, MODULE, "aws_sqs_queue", local_name(queue.id), body, element=queue, represents=queue.id)
        if not queue.dead_letter_of:
            stack.output(f"{local_name(queue.id)}_queue_url", f"Queue URL of {component}", Ref(queue.id, "url"))
