"""SNS: the topic and its e-mail and HTTPS subscriptions (each confirmed by its recipient)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.hcl import Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "messaging"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for topic in plan.of(plan.topics, component):
        name = local_name(topic.id)
        resource(stack, MODULE, "aws_sns_topic", name, {"name": topic.name, "tags": name_tags(plan, topic.id)},
                 element=topic, represents=topic.id)
        if topic.subscriptions:
            keys = {s.id: f"{s.protocol}-{i}" for i, s in enumerate(topic.subscriptions, start=1)}
            stack.resource(MODULE, "aws_sns_topic_subscription", name, {
                "for_each": {keys[s.id]: {"protocol": s.protocol, "endpoint": s.endpoint} for s in topic.subscriptions},
                "topic_arn": Ref(topic.id, "arn"),
                "protocol": Expr("each.value.protocol"),
                "endpoint": Expr("each.value.endpoint"),
            })
            for subscription in topic.subscriptions:
                stack.represent(subscription.id, MODULE, None,
                                f'aws_sns_topic_subscription.{name}["{keys[subscription.id]}"]', "")
        stack.output(f"{name}_topic_arn", f"Topic ARN of {component}", Ref(topic.id, "arn"))
