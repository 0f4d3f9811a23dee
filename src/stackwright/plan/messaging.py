"""Queues, topics and queue-driven workers in the plan: SQS queues with their dead-letter queues, SNS topics
with their subscriptions, the step scaling that sets a worker's task count from its queue's backlog, the
alarms on queues, and what a worker's task role may do with the queue it consumes."""

from __future__ import annotations

import math
from dataclasses import replace

from stackwright.plan.model import (
    Alarm, BacklogStep, Dimension, Metric, Parameter, Queue, QueueScaling, Ref, Role, Statement, Subscription, Topic,
)
from stackwright.plan.naming import resource_name, slug
from stackwright.spec.messaging import MAX_STEP_TASKS, Sns, Sqs, Worker

NAME_LIMIT_QUEUE = 80  # SQS queue names, the .fifo suffix included
NAME_LIMIT_TOPIC = 256
FIFO_SUFFIX = ".fifo"
DEAD_LETTER_RETENTION_DAYS = 14  # the longest SQS keeps a message: time to look at what failed
OLDEST_MESSAGE_MINUTES = 15  # a message waiting this long means the workers are not keeping up
CONSUME = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes",
           "sqs:GetQueueUrl")
SEND = ("sqs:SendMessage", "sqs:GetQueueUrl")


def queues(project: str, specs: list[tuple[str, Sqs]]) -> tuple[Queue, ...]:
    built = []
    for name, sqs in specs:
        qid = slug(name)
        suffix = FIFO_SUFFIX if sqs.fifo else ""
        dead = f"{qid}-dead-letter" if sqs.dead_letter_queue else None
        built.append(Queue(qid, name, sqs, resource_name(project, name, limit=NAME_LIMIT_QUEUE - 4) + suffix, dead))
        if dead:
            built.append(Queue(dead, name, sqs, resource_name(project, name, "dlq", limit=NAME_LIMIT_QUEUE - 4)
                               + suffix, dead_letter_of=qid))
    return tuple(built)


SUBSCRIBER_EXAMPLES = {"email": "alerts@example.com", "https": "https://hooks.example.com/alerts"}
SUBSCRIBER_PARAMETER_KINDS = {"email": "email_address", "https": "https_url"}


def subscriber_parameter_id(topic: str, index: int) -> str:
    return f"{slug(topic)}-subscriber-{index}"


def topics(project: str, specs: list[tuple[str, Sns]]) -> tuple[Topic, ...]:
    return tuple(Topic(slug(name), name, sns, resource_name(project, name, limit=NAME_LIMIT_TOPIC),
                       tuple(Subscription(f"{slug(name)}-subscription-{index}", s.protocol,
                                          s.endpoint if s.endpoint is not None
                                          else Ref(subscriber_parameter_id(name, index)))
                             for index, s in enumerate(sns.subscriptions, start=1)))
                 for name, sns in specs)


def subscriber_parameters(built: tuple[Topic, ...]) -> list[Parameter]:
    """The addresses the spec leaves to the deployer: one parameter per such subscription."""
    return [Parameter(s.endpoint.target, SUBSCRIBER_PARAMETER_KINDS[s.protocol],
                      f"{'E-mail address' if s.protocol == 'email' else 'https:// URL'} subscribed to topic "
                      f"{t.component} (subscription {index})", example=SUBSCRIBER_EXAMPLES[s.protocol])
            for t in built for index, s in enumerate(t.subscriptions, start=1) if isinstance(s.endpoint, Ref)]


def alarm_topic(built: tuple[Topic, ...]) -> str | None:
    """The first topic that takes the alarms."""
    return next((t.id for t in built if t.spec.alarms), None)


def consumed_queue(worker: Worker, built: tuple[Queue, ...]) -> Queue | None:
    return next((q for q in built if worker.queue and q.component == worker.queue and not q.dead_letter_of), None)


def with_queue_access(role: Role, queue: Queue) -> Role:
    """A worker's task role may take messages from its queue (and nothing else of SQS)."""
    return replace(role, description=f"{role.description}; consumes queue {queue.component}",
                   statements=role.statements + (Statement("ConsumeQueue", CONSUME, (Ref(queue.id, "arn"),)),))


def with_send_access(role: Role, targets: list[Queue]) -> Role:
    """A web service may put jobs on the spec's queues."""
    if not targets:
        return role
    return replace(role, statements=role.statements + (
        Statement("SendToQueues", SEND, tuple(Ref(q.id, "arn") for q in targets)),))


def backlog_steps(counts, per_task: int) -> tuple[BacklogStep, ...]:
    """tasks = ceil(visible ÷ per_task) within min..max, as ExactCapacity steps on the visible messages:
    exact up to MAX_STEP_TASKS tasks, in even strides beyond (a step policy holds at most 20 adjustments)."""
    strides = min(counts.max, MAX_STEP_TASKS)
    levels = sorted({math.ceil(i * counts.max / strides) for i in range(1, strides + 1)} if strides else set())
    levels = [tasks for tasks in levels if tasks > counts.min]
    steps = [BacklogStep(0, counts.min * per_task + 1 if levels else None, counts.min)]
    previous = counts.min
    for index, tasks in enumerate(levels):
        upper = tasks * per_task + 1 if index < len(levels) - 1 else None
        steps.append(BacklogStep(previous * per_task + 1, upper, tasks))
        previous = tasks
    return tuple(steps)


def queue_scaling(workload_id: str, worker: Worker, queue: Queue) -> QueueScaling:
    counts = worker.tasks
    return QueueScaling(f"{workload_id}-backlog-scaling", workload_id, queue.id, counts.min, counts.max,
                        worker.scaling.backlog_per_task, backlog_steps(counts, worker.scaling.backlog_per_task))


def _queue_metric(queue: Queue, name: str, statistic: str) -> Metric:
    return Metric("AWS/SQS", name, (Dimension("QueueName", Ref(queue.id, "name")),), statistic)


def backlog_metric(queue: Queue) -> Metric:
    return _queue_metric(queue, "ApproximateNumberOfMessagesVisible", "Maximum")


def queue_alarms(queue: Queue) -> tuple[Alarm, ...]:
    if queue.dead_letter_of:
        return (Alarm(f"{queue.id}-messages", queue.component,
                      f"{queue.component}: messages in the dead-letter queue (jobs failed "
                      f"{queue.spec.max_receives} times)",
                      _queue_metric(queue, "ApproximateNumberOfMessagesVisible", "Maximum"),
                      "GreaterThanThreshold", 0, evaluation_periods=1, missing_data="notBreaching"),)
    return (Alarm(f"{queue.id}-oldest-message", queue.component,
                  f"{queue.component}: a message has waited over {OLDEST_MESSAGE_MINUTES} minutes (workers are not "
                  "keeping up)",
                  _queue_metric(queue, "ApproximateAgeOfOldestMessage", "Maximum"), "GreaterThanThreshold",
                  OLDEST_MESSAGE_MINUTES * 60, evaluation_periods=1, missing_data="notBreaching"),)
