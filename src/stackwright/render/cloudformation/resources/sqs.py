"""SQS: the queue, encrypted with SQS-managed keys, and its dead-letter queue (kept 14 days) that takes a
message after max_receives failed receives."""

from __future__ import annotations

from stackwright.plan.messaging import DEAD_LETTER_RETENTION_DAYS
from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id

DAY_SECONDS = 86_400


def render(component: str, plan: Plan, template: Template) -> None:
    for queue in plan.of(plan.queues, component):
        spec = queue.spec
        days = DEAD_LETTER_RETENTION_DAYS if queue.dead_letter_of else spec.message_retention_days
        properties = {"QueueName": queue.name}
        if spec.fifo:
            properties["FifoQueue"] = True
        properties |= {"VisibilityTimeout": spec.visibility_timeout_seconds,
                       "MessageRetentionPeriod": days * DAY_SECONDS, "SqsManagedSseEnabled": True}
        if queue.dead_letter:
            properties["RedrivePolicy"] = {"deadLetterTargetArn": Ref(queue.dead_letter, "arn"),
                                           "maxReceiveCount": spec.max_receives}
        logical = template.add(logical_id(queue.id), "AWS::SQS::Queue", properties, represents=queue.id)
        if not queue.dead_letter_of:
            template.output(f"{logical}Url", f"Queue URL of {component}", {"Ref": logical})
