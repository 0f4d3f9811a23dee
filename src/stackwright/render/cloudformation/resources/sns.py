"""SNS: the topic and its e-mail and HTTPS subscriptions (each confirmed by its recipient)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for topic in plan.of(plan.topics, component):
        logical = template.add(logical_id(topic.id), "AWS::SNS::Topic", {"TopicName": topic.name},
                               represents=topic.id)
        for index, subscription in enumerate(topic.subscriptions, start=1):
            template.add(f"{logical}Subscription{index}", "AWS::SNS::Subscription", {
                "TopicArn": Ref(topic.id, "arn"), "Protocol": subscription.protocol,
                "Endpoint": subscription.endpoint}, represents=subscription.id)
        template.output(f"{logical}Arn", f"Topic ARN of {component}", Ref(topic.id, "arn"))
