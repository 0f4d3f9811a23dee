"""SQS queues and SNS topics with their subscriptions, made through the services' own APIs on the local
target (where moto's CloudFormation would leave their attributes out of reach) and found by name."""

from __future__ import annotations

import json

from stackwright.deploy.kinds.base import Kind, UnknownAttribute, absent_if_missing, differences

QUEUE_ATTRIBUTES = {"VisibilityTimeout": "VisibilityTimeout", "MessageRetentionPeriod": "MessageRetentionPeriod",
                    "FifoQueue": "FifoQueue", "SqsManagedSseEnabled": "SqsManagedSseEnabled"}


def _queue_missing(call, **kwargs):
    return absent_if_missing(call, missing=("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"), **kwargs)


class Queue(Kind):
    type = "AWS::SQS::Queue"
    service_api = "sqs.create_queue"
    emulates = frozenset({"QueueName", *QUEUE_ATTRIBUTES, "RedrivePolicy"})

    def inventory(self, aws):
        return set(aws("sqs").list_queues().get("QueueUrls", []))

    def find(self, aws, r):
        found = _queue_missing(aws("sqs").get_queue_url, QueueName=r.get("QueueName", r.name))
        if not found:
            return None
        url = found["QueueUrl"]
        attributes = aws("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        return {"QueueUrl": url, **attributes}

    def check(self, state, r):
        wanted = r.get("RedrivePolicy")
        redrive = json.loads(state["RedrivePolicy"]) if state.get("RedrivePolicy") else None
        return differences(
            ("VisibilityTimeout", int(state.get("VisibilityTimeout", 30)), r.get("VisibilityTimeout")),
            ("MessageRetentionPeriod", int(state.get("MessageRetentionPeriod", 345600)),
             r.get("MessageRetentionPeriod")),
            ("RedrivePolicy", redrive and int(redrive["maxReceiveCount"]), wanted and wanted["maxReceiveCount"]))

    def attribute(self, state, r, name):
        if name == "Arn":
            return state["QueueArn"]
        if name == "QueueName":
            return state["QueueArn"].rsplit(":", 1)[1]
        raise UnknownAttribute(name)

    def create(self, aws, r):
        attributes = {name: str(r.get(field)).lower() if isinstance(r.get(field), bool) else str(r.get(field))
                      for field, name in QUEUE_ATTRIBUTES.items() if r.get(field) is not None}
        if r.get("RedrivePolicy"):
            attributes["RedrivePolicy"] = json.dumps(r["RedrivePolicy"], sort_keys=True)
        return aws("sqs").create_queue(QueueName=r.get("QueueName", r.name), Attributes=attributes,
                                       tags=dict(r.tags))["QueueUrl"]

    def delete(self, aws, r, state):
        aws("sqs").delete_queue(QueueUrl=state["QueueUrl"])


class Topic(Kind):
    type = "AWS::SNS::Topic"
    service_api = "sns.create_topic"
    emulates = frozenset({"TopicName"})

    def inventory(self, aws):
        return {t["TopicArn"] for t in aws("sns").list_topics().get("Topics", [])}

    def find(self, aws, r):
        name = r.get("TopicName", r.name)
        return next(({"TopicArn": t["TopicArn"]} for t in aws("sns").list_topics().get("Topics", [])
                     if t["TopicArn"].rsplit(":", 1)[1] == name), None)

    def attribute(self, state, r, name):
        if name == "TopicName":
            return state["TopicArn"].rsplit(":", 1)[1]
        if name == "TopicArn":
            return state["TopicArn"]
        raise UnknownAttribute(name)

    def create(self, aws, r):
        tags = [{"Key": k, "Value": v} for k, v in sorted(r.tags.items())]
        return aws("sns").create_topic(Name=r.get("TopicName", r.name), Tags=tags)["TopicArn"]

    def delete(self, aws, r, state):
        aws("sns").delete_topic(TopicArn=state["TopicArn"])


class Subscription(Kind):
    type = "AWS::SNS::Subscription"
    service_api = "sns.subscribe"
    emulates = frozenset({"TopicArn", "Protocol", "Endpoint"})

    def find(self, aws, r):
        found = absent_if_missing(aws("sns").list_subscriptions_by_topic, TopicArn=r["TopicArn"])
        return next((s for s in (found or {}).get("Subscriptions", [])
                     if s["Protocol"] == r["Protocol"] and s["Endpoint"] == r["Endpoint"]), None)

    def check(self, state, r):
        return differences(("Protocol", state["Protocol"], r.get("Protocol")),
                           ("Endpoint", state["Endpoint"], r.get("Endpoint")))

    def create(self, aws, r):
        return aws("sns").subscribe(TopicArn=r["TopicArn"], Protocol=r["Protocol"], Endpoint=r["Endpoint"],
                                    ReturnSubscriptionArn=True)["SubscriptionArn"]

    def delete(self, aws, r, state):
        absent_if_missing(aws("sns").unsubscribe, SubscriptionArn=state["SubscriptionArn"])
