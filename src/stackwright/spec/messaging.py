"""Spec kinds for work that arrives by message rather than by request: a `worker` (a Fargate service with no
inbound traffic, scaled on its queue's backlog or on CPU), an `sqs` queue and an `sns` topic."""

# No `from __future__ import annotations`, as in spec.model: pydantic would evaluate each annotation's string.
from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from stackwright.spec.model import (
    DESCRIPTION_CHARS, MAX_REQUESTS, MAX_USERS, Arch, Auto, CapacityProvider, FargateService,
    Strict, TaskCounts,
)

MAX_STEP_TASKS = 19  # Application Auto Scaling allows 20 step adjustments; one is kept for the empty queue


class WorkerScaling(Strict):
    """How many tasks run: the queue's visible messages ÷ backlog_per_task (between tasks.min and tasks.max),
    or target tracking on average CPU."""

    metric: Literal["queue_backlog", "cpu"] = Field(
        "queue_backlog", description="queue_backlog (needs queue) or cpu.")
    backlog_per_task: int = Field(
        100, ge=1, le=1_000_000,
        description="Visible messages one task may have waiting and still finish them in acceptable time "
        "(processing seconds per message × acceptable latency); tasks = backlog ÷ this.")
    target_cpu_percent: float = Field(70, gt=0, le=100, description="Average CPU held when metric: cpu.")


class Worker(Strict):
    """A container service on Fargate that takes no requests: no load balancer, target group or health check
    through one. It reads work from a queue (or a schedule, or a stream) and scales on the queue's backlog."""

    kind: Literal["worker"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    cpu: float = Field(0.5, description="vCPU per task: 0.25, 0.5, 1, 2, 4, 8 or 16.")
    memory_gb: float = Field(1, description="Memory per task in GB, a size Fargate allows for the vCPU.")
    arch: Arch = "x86"
    tasks: TaskCounts | Auto = Field(
        default_factory=lambda: TaskCounts(min=1, desired=1, max=4),
        description="min/desired/max tasks scaling keeps between, or auto to size them from the queue's messages "
        "and cpu_seconds_per_message.")
    cpu_seconds_per_message: float | None = Field(
        None, gt=0, le=86_400, description="vCPU-seconds one message takes to process (from a run of the worker); "
        "sizes tasks: auto and keeps peak capacity when the optimiser proposes smaller tasks.")
    queue: str | None = Field(
        None, description="The sqs component it consumes: its task role may receive and delete that queue's "
        "messages, and backlog scaling watches it.")
    scaling: WorkerScaling = Field(default_factory=lambda: WorkerScaling())
    capacity_providers: list[CapacityProvider] = Field(
        default_factory=lambda: [CapacityProvider(provider="FARGATE", weight=1)],
        description="ECS capacity-provider strategy; default all on-demand FARGATE (a worker that retries its "
        "messages suits FARGATE_SPOT).")
    internet_egress: bool = Field(
        True, description="Calls the internet (third-party APIs, webhooks). False lets VPC endpoints replace NAT.")
    ephemeral_storage_gb: int = Field(20, ge=20, le=200)

    @field_validator("cpu")
    @classmethod
    def _fargate_cpu(cls, cpu: float) -> float:
        return FargateService._fargate_cpu(cpu)

    @field_validator("memory_gb")
    @classmethod
    def _fargate_memory(cls, memory_gb: float, info: ValidationInfo) -> float:
        return FargateService._fargate_memory(memory_gb, info)

    @field_validator("capacity_providers")
    @classmethod
    def _valid_strategy(cls, strategy: list[CapacityProvider], info: ValidationInfo) -> list[CapacityProvider]:
        return FargateService._valid_strategy(strategy, info)

    # what the rest of the code reads from any Fargate workload: a worker has no port, public address or
    # share of the requests
    port: ClassVar[None] = None
    public_ip: ClassVar[bool] = False
    websocket: ClassVar[bool] = False
    scale_in: ClassVar[None] = None
    orchestrator: ClassVar[str] = "ecs"


class Sqs(Strict):
    """An SQS queue, with a dead-letter queue for messages that keep failing."""

    kind: Literal["sqs"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    fifo: bool = Field(False, description="FIFO: exactly-once, ordered per message group (costs more per request).")
    visibility_timeout_seconds: int = Field(
        30, ge=0, le=43_200, description="How long a received message stays hidden; longer than a job takes.")
    message_retention_days: int = Field(4, ge=1, le=14)
    dead_letter_queue: bool = Field(True, description="Move a message that failed max_receives times aside.")
    max_receives: int = Field(5, ge=1, le=1000, description="Receives before a message goes to the dead-letter queue.")
    messages_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="Messages sent per month. Default: messages_per_user_day × DAU × 30.")
    messages_per_user_day: float = Field(1, ge=0, le=MAX_USERS, description="Jobs each active user causes a day.")
    message_kb: float = Field(4, gt=0, le=1024, description="Average message size in KB (each 64 KB is one request).")


class SnsSubscription(Strict):
    protocol: Literal["email", "https"]
    endpoint: str | None = Field(None, min_length=1, max_length=2048, description=(
        "An e-mail address or an https:// URL. Omitted: the deployer gives it when creating the stack (a "
        "CloudFormation parameter / Terraform variable checked against the protocol's form)."))

    @field_validator("endpoint")
    @classmethod
    def _endpoint(cls, endpoint: str | None, info: ValidationInfo) -> str | None:
        if endpoint is None:
            return None
        if info.data.get("protocol") == "https" and not endpoint.startswith("https://"):
            raise ValueError("an https subscription's endpoint is an https:// URL; write the full URL")
        if info.data.get("protocol") == "email" and "@" not in endpoint:
            raise ValueError("an email subscription's endpoint is an e-mail address; write one")
        return endpoint


class Sns(Strict):
    """An SNS topic with e-mail and HTTPS subscriptions; the plan's CloudWatch alarms notify it."""

    kind: Literal["sns"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    subscriptions: list[SnsSubscription] = Field(default_factory=lambda: [], max_length=100)
    alarms: bool = Field(True, description="The plan's CloudWatch alarms notify this topic (the first one that says so).")
    publishes_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS,
        description="Messages published per month. Default: alarm_notifications_per_month when alarms, else 0.")
    alarm_notifications_per_month: float = Field(
        100, ge=0, le=MAX_REQUESTS, description="Alarm state changes a month, all alarms together.")
