"""The stackwright spec: one YAML file describing a web service on AWS.

Every component lives under `components:` keyed by a name you choose, with a
`kind` that says what it is. Usage-based fields (GB, requests, log volume) are
optional: left out, they default from `traffic` and the bill says how.
"""

# No `from __future__ import annotations`: pydantic would compile and evaluate each field's annotation from
# its string at every start-up; evaluated where the classes are defined, they come from the cached bytecode.
# Default factories are lambdas, not `list` or a model class: pydantic looks at each factory's signature, and
# a builtin's is parsed from its text (the tokenizer's patterns compiled first) and a model's generated, 5 ms of
# start-up together; what each makes is the same.
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from stackwright.pricing.own_prices import OwnPrices

Arch = Literal["x86", "arm"]
Runtime = Literal["spring-boot", "fastapi", "nestjs", "node", "go", "django", "flask", "rails", "laravel", "express",
                  "aspnet", "phoenix"]
AUTO = "auto"
Auto = Literal["auto"]
PurchaseOption = Literal["on_demand", "spot", "reserved_1y", "reserved_3y", "savings_plan_1y", "savings_plan_3y"]


class Strict(BaseModel):
    # No .inf/.nan anywhere: they print as invalid JSON and make every total meaningless.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)


# Upper bounds from AWS's own limits where AWS sets one (quoted beside each), otherwise far beyond any
# real service, so arithmetic stays finite and bills stay readable.
MAX_TASKS = 5_000            # ECS: tasks per service (and a sane bound for one Auto Scaling group)
MAX_USERS = 10_000_000_000   # more people than there are
MAX_RPS = 100_000_000.0
MAX_GB = 1_000_000_000.0     # an exabyte a month
MAX_REQUESTS = 1e15
MAX_COUNT = 1_000_000        # alarms, metrics, addresses: beyond any account's quota
DESCRIPTION_CHARS = 1_024    # CloudFormation: a template Description is at most 1,024 bytes


class Traffic(Strict):
    """What the service must carry; usage defaults scale from these."""

    dau: int = Field(1000, ge=0, le=MAX_USERS, description="Daily active users.")
    peak_concurrent_users: int | None = Field(None, ge=0, le=MAX_USERS, description="Users online at the busiest moment.")
    avg_rps: float | None = Field(None, ge=0, le=MAX_RPS, description="Average requests per second over the month.")
    peak_rps: float | None = Field(None, ge=0, le=MAX_RPS, description="Requests per second at peak.")
    data_out_gb_month: float | None = Field(
        None, ge=0, le=MAX_GB, description="Data sent to the internet per month (GB). Default: from DAU."
    )
    requests_per_user_day: float = Field(100, ge=0, le=1_000_000, description="API requests per active user per day.")
    kb_per_request: float = Field(20, ge=0, le=1_000_000, description="Average response size in KB.")


class Constraints(Strict):
    max_spot_share: float = Field(1.0, ge=0, le=1, description="Largest share of tasks allowed on Spot.")
    keep: list[str] = Field(default_factory=lambda: [],
                            description="Component names the optimiser must not change.")
    may_change: list[str] = Field(
        default_factory=lambda: [],
        description="Fields you wrote that the optimiser may still change: a component (db), a field (db.multi_az), "
        "a rule id (OPT005) or a rule for one component (OPT005:db); * for all. Written fields are kept otherwise, "
        "and changes to them are listed as needing your consent.",
    )


class TaskCounts(Strict):
    min: int = Field(1, ge=0, le=MAX_TASKS)
    desired: int = Field(1, ge=0, le=MAX_TASKS)
    max: int = Field(1, ge=0, le=MAX_TASKS)

    @model_validator(mode="after")
    def _ordered(self) -> "TaskCounts":
        if not self.min <= self.desired <= self.max:
            raise ValueError(f"counts must satisfy min <= desired <= max (got {self.min}, {self.desired}, {self.max}); "
                             "reorder them")
        return self


class ScaleIn(Strict):
    """Fewer tasks or instances at quiet times (scheduled scaling), e.g. nights and weekends."""

    off_hours_per_week: float = Field(gt=0, le=168, description="Hours a week at the reduced count.")
    count: int = Field(ge=0, le=MAX_TASKS, description="Tasks or instances running during those hours.")


class CapacityProvider(Strict):
    provider: Literal["FARGATE", "FARGATE_SPOT"]
    base: int = Field(0, ge=0, le=100_000, description="Tasks placed on this provider before weights apply.")
    weight: int = Field(0, ge=0, le=1000)


FARGATE_CPU_MEMORY_GB: dict[float, tuple[float, ...]] = {
    0.25: (0.5, 1, 2),
    0.5: tuple(float(g) for g in range(1, 5)),
    1: tuple(float(g) for g in range(2, 9)),
    2: tuple(float(g) for g in range(4, 17)),
    4: tuple(float(g) for g in range(8, 31)),
    8: tuple(float(g) for g in range(16, 61, 4)),
    16: tuple(float(g) for g in range(32, 121, 8)),
}


class FargateService(Strict):
    kind: Literal["fargate_service"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    cpu: float = Field(0.5, description="vCPU per task: 0.25, 0.5, 1, 2, 4, 8 or 16.")
    memory_gb: float = Field(1, description="Memory per task in GB, a size Fargate allows for the vCPU.")
    arch: Arch = "x86"
    tasks: TaskCounts | Auto = Field(AUTO, description="min/desired/max tasks, or auto to size them from traffic.")
    runtime: Runtime | None = Field(None, description="Runtime profile for sizing (requests/s per vCPU).")
    rps_per_vcpu: float | None = Field(None, gt=0, le=1_000_000, description="Overrides the runtime profile's requests/s per vCPU.")
    share_of_traffic: float | None = Field(
        None, gt=0, le=1, description="Share of the spec's requests this service serves. Default: an even split."
    )
    websocket: bool = Field(False, description="Holds long-lived connections (Spot interruptions drop them).")
    internet_egress: bool = Field(
        True, description="Calls the internet (third-party APIs, webhooks). False lets VPC endpoints replace NAT. "
        "Unwritten in a spec without a nat, the service is taken to call only AWS services (through endpoints)."
    )
    orchestrator: Literal["ecs", "eks"] = Field(
        "ecs", description="ECS, or EKS (pods on Fargate; one cluster control plane per spec). Priced and "
        "optimised either way; plans are generated for ECS."
    )
    scale_in: ScaleIn | None = None
    capacity_providers: list[CapacityProvider] = Field(
        default_factory=lambda: [CapacityProvider(provider="FARGATE", weight=1)],
        description="ECS capacity-provider strategy; default all on-demand FARGATE.",
    )
    public_ip: bool = Field(False, description="Tasks get a public IPv4 address (billed per hour).")
    ephemeral_storage_gb: int = Field(20, ge=20, le=200)
    port: int = Field(8080, ge=1, le=65535)

    @field_validator("cpu")
    @classmethod
    def _fargate_cpu(cls, cpu: float) -> float:
        if cpu not in FARGATE_CPU_MEMORY_GB:
            raise ValueError(f"cpu {cpu:g} is not a Fargate size; use one of {', '.join(f'{c:g}' for c in FARGATE_CPU_MEMORY_GB)}")
        return cpu

    @field_validator("memory_gb")
    @classmethod
    def _fargate_memory(cls, memory_gb: float, info: ValidationInfo) -> float:
        allowed = FARGATE_CPU_MEMORY_GB.get(info.data.get("cpu"))
        if allowed is not None and memory_gb not in allowed:
            raise ValueError(
                f"memory_gb {memory_gb:g} is not allowed with cpu {info.data['cpu']:g}; "
                f"use one of {', '.join(f'{g:g}' for g in allowed)}"
            )
        return memory_gb

    @field_validator("capacity_providers")
    @classmethod
    def _valid_strategy(cls, strategy: list[CapacityProvider], info: ValidationInfo) -> list[CapacityProvider]:
        if not any(cp.weight > 0 for cp in strategy):
            raise ValueError("at least one capacity provider needs weight > 0; give one a weight")
        uses_spot = any(cp.provider == "FARGATE_SPOT" and (cp.weight or cp.base) for cp in strategy)
        if uses_spot and info.data.get("arch") == "arm":
            raise ValueError("Fargate Spot runs only x86 Linux tasks; use arch: x86 or drop FARGATE_SPOT")
        return strategy


class Ebs(Strict):
    type: Literal["gp2", "gp3", "io1", "io2", "st1", "sc1"] = "gp3"
    gb: float = Field(8, gt=0, le=65_536, description="Volume size (GiB); EBS volumes are at most 64 TiB.")
    iops: int | None = Field(None, ge=0, le=256_000, description="Provisioned IOPS (gp3 above 3,000 is billed).")
    throughput_mibps: int | None = Field(None, ge=0, le=4_000, description="gp3 throughput (above 125 MiB/s is billed).")


class Ec2AutoScalingGroup(Strict):
    kind: Literal["ec2_asg"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    instance_type: str
    instances: TaskCounts | Auto = Field(AUTO, description="min/desired/max instances, or auto to size them from traffic.")
    runtime: Runtime | None = None
    rps_per_vcpu: float | None = Field(None, gt=0, le=1_000_000)
    share_of_traffic: float | None = Field(None, gt=0, le=1)
    internet_egress: bool = True
    scale_in: ScaleIn | None = None
    ebs: Ebs = Field(default_factory=lambda: Ebs())
    purchase_option: PurchaseOption = "on_demand"
    spot_discount: float | None = Field(
        None, gt=0, lt=1, description="Spot only: expected discount off on-demand (Spot prices are a market)."
    )
    public_ip: bool = False
    port: int = Field(8080, ge=1, le=65535)


class Ec2Instance(Strict):
    kind: Literal["ec2_instance"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    instance_type: str
    count: int = Field(1, ge=1, le=MAX_TASKS)
    ebs: Ebs = Field(default_factory=lambda: Ebs())
    purchase_option: PurchaseOption = "on_demand"
    spot_discount: float | None = Field(None, gt=0, lt=1)
    public_ip: bool = False
    port: int = Field(8080, ge=1, le=65535)


class RdsStorage(Strict):
    type: Literal["gp2", "gp3", "io1", "io2", "magnetic"] = "gp3"
    gb: float = Field(20, ge=20, le=65536)
    iops: int | None = Field(None, ge=0, le=256_000)


class Rds(Strict):
    kind: Literal["rds"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    engine: Literal["postgresql", "mysql"]
    instance_class: str = Field(AUTO, description="DB instance class, for example db.t4g.medium, or auto to size it.")
    multi_az: bool = False
    storage: RdsStorage = Field(default_factory=lambda: RdsStorage())
    backup_retention_days: int = Field(7, ge=0, le=35)
    backup_gb: float | None = Field(
        None, ge=0, le=MAX_GB, description="Total backup storage (GB). Default: storage × retention days × daily change."
    )
    read_replicas: int = Field(0, ge=0, le=15)
    purchase_option: Literal["on_demand", "reserved_1y", "reserved_3y"] = "on_demand"
    port: int | None = Field(None, ge=1, le=65535)


class AuroraServerlessV2(Strict):
    kind: Literal["aurora_serverless_v2"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    engine: Literal["postgresql", "mysql"] = "postgresql"
    min_acu: float = Field(0.5, ge=0, le=256)
    max_acu: float = Field(16, gt=0, le=256)
    average_acu: float | None = Field(None, ge=0, le=256, description="Assumed mean ACUs over the month. Default: from traffic.")
    instances: int = Field(1, ge=1, le=16, description="Writer plus readers, each billed for its ACUs.")
    storage_gb: float = Field(20, ge=0, le=262_144, description="Cluster volume (GB); Aurora holds at most 256 TiB.")
    io_million_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS, description="I/O requests per month, millions.")
    io_optimized: bool = False

    @model_validator(mode="after")
    def _range(self) -> "AuroraServerlessV2":
        if self.min_acu > self.max_acu:
            raise ValueError(f"min_acu {self.min_acu:g} is above max_acu {self.max_acu:g}; lower min_acu or raise max_acu")
        if self.average_acu is not None and not self.min_acu <= self.average_acu <= self.max_acu:
            raise ValueError(f"average_acu {self.average_acu:g} must lie between min_acu and max_acu; set it in that "
                             "range")
        return self


class ElastiCache(Strict):
    kind: Literal["elasticache"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    engine: Literal["redis", "valkey", "memcached"] = "redis"
    node_type: str = Field(AUTO, description="Node type, for example cache.t4g.small, or auto to size it.")
    shards: int = Field(1, ge=1, le=500, description="Node groups (cluster mode); 1 without cluster mode.")
    replicas_per_shard: int = Field(0, ge=0, le=5)
    purchase_option: Literal["on_demand", "reserved_1y", "reserved_3y"] = "on_demand"


class Alb(Strict):
    kind: Literal["alb"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    azs: int = Field(2, ge=1, le=6, description="AZs the load balancer spans (each node holds a public IPv4).")
    lcu: float | None = Field(None, ge=0, le=MAX_COUNT, description="Average LCUs. Default: from traffic.")


class Nat(Strict):
    kind: Literal["nat"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    mode: Literal["gateway", "instance"] = "gateway"
    count: int = Field(1, ge=1, le=6, description="Gateways or instances (one per AZ for AZ independence).")
    instance_type: str | None = Field(None, description="NAT instance type when mode is instance.")
    ebs: Ebs = Field(default_factory=lambda: Ebs())
    data_processed_gb_month: float | None = Field(
        None, ge=0, le=MAX_GB, description="Traffic through NAT per month (GB). Default: from traffic."
    )

    @model_validator(mode="after")
    def _instance_type(self) -> "Nat":
        if self.mode == "instance" and not self.instance_type:
            raise ValueError("a NAT instance needs instance_type; add one, for example t4g.nano")
        if self.mode == "gateway" and self.instance_type:
            raise ValueError("instance_type applies only to mode: instance; remove it or set mode: instance")
        return self


MAX_ELASTIC_IPS = 1_000  # each is a resource of the generated code; AWS's default quota is 5 a Region


class PublicIpv4(Strict):
    """Elastic IPs the plan allocates beyond those its other resources hold."""

    kind: Literal["public_ipv4"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    in_use: int = Field(1, ge=0, le=MAX_ELASTIC_IPS, description=(
        "Elastic IPs attached to running resources the spec does not describe, beyond those counted elsewhere."))
    idle: int = Field(0, ge=0, le=MAX_ELASTIC_IPS, description="Elastic IPs allocated but not attached.")


class S3(Strict):
    kind: Literal["s3"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    storage_class: Literal[
        "standard", "standard-ia", "one-zone-ia", "intelligent-tiering",
        "glacier-instant", "glacier-flexible", "glacier-deep-archive",
    ] = "standard"
    storage_gb: float = Field(10, ge=0, le=MAX_GB)
    infrequent_access_share: float = Field(
        0, ge=0, le=1, description="Share of the data a lifecycle rule has moved to Standard-IA."
    )
    put_requests_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS)
    get_requests_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS)


class CloudFrontBehavior(Strict):
    """One path pattern of a distribution and the origin that answers it."""

    path: str = Field(min_length=1, max_length=255, pattern=r"^(\*|/[A-Za-z0-9_./*?&=+-]*)$",
                      description="Path pattern such as /static/* or /api/*; * is the default behaviour.")
    origin: str = Field(description="The s3 or alb component that answers these paths.")
    cache: Literal["static", "dynamic"] | None = Field(
        None, description="static: cached, GET/HEAD only; dynamic: not cached, every method and the viewer's "
        "headers passed on (a load balancer only). Default: static for a bucket, dynamic for a load balancer.")


class CloudFront(Strict):
    kind: Literal["cloudfront"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    behaviors: list[CloudFrontBehavior] = Field(
        default_factory=lambda: [], max_length=25,
        description="Path patterns and their origins, one of them the default (*). Empty: the first bucket at / "
        "and the first load balancer under /api/*, or the load balancer at / without a bucket.")
    share_of_traffic: float = Field(
        1, gt=0, le=1, description="Share of the spec's requests and internet data out viewers get through this "
        "distribution; the rest leaves the load balancer directly and is billed as internet data out.")
    geo: str | None = Field(None, description="Viewer geography (united-states, europe, asia-pacific, …). Default: region's.")
    data_out_gb_month: float | None = Field(None, ge=0, le=MAX_GB, description="Default: the spec's internet data out.")
    requests_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS, description="HTTPS requests. Default: from traffic.")

    @field_validator("behaviors")
    @classmethod
    def _one_default(cls, behaviors: list[CloudFrontBehavior]) -> list[CloudFrontBehavior]:
        defaults = [b for b in behaviors if b.path == "*"]
        if behaviors and len(defaults) != 1:
            raise ValueError(f"behaviors need exactly one default (path: \"*\"), found {len(defaults)}; add or "
                             "remove one")
        paths = [b.path for b in behaviors]
        if len(set(paths)) != len(paths):
            raise ValueError("two behaviors have the same path; give each path once")
        return behaviors


class Route53(Strict):
    kind: Literal["route53"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    hosted_zones: int = Field(1, ge=0, le=MAX_COUNT)
    queries_million_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS)
    routing: Literal["standard", "latency", "geo"] = "standard"


class Waf(Strict):
    kind: Literal["waf"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    web_acls: int = Field(1, ge=1, le=100, description="Web ACLs (WAF allows 100 per Region).")
    rules: int = Field(5, ge=0, le=MAX_COUNT)
    requests_million_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS)


class CloudWatch(Strict):
    kind: Literal["cloudwatch"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    alarms: int = Field(0, ge=0, le=MAX_COUNT)
    custom_metrics: int = Field(0, ge=0, le=MAX_COUNT * 100)
    dashboards: int = Field(0, ge=0, le=MAX_COUNT)
    log_gb_month: float | None = Field(None, ge=0, le=MAX_GB, description="Logs ingested per month. Default: from traffic.")
    log_retention_days: int = Field(30, ge=1, le=3653)


class SecretsManager(Strict):
    kind: Literal["secrets_manager"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    secrets: int = Field(1, ge=0, le=500_000, description="Secrets (Secrets Manager holds 500,000 per Region).")
    api_calls_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS)


class Ecr(Strict):
    kind: Literal["ecr"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    storage_gb: float = Field(5, ge=0, le=MAX_GB)


class VpcEndpoint(Strict):
    kind: Literal["vpc_endpoint"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    type: Literal["interface", "gateway"] = "interface"
    service: str = Field(description="AWS service name, for example ecr.dkr, logs, s3.")
    azs: int = Field(2, ge=1, le=6)
    data_gb_month: float = Field(0, ge=0, le=MAX_GB)


class DataTransfer(Strict):
    kind: Literal["data_transfer"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    internet_out_gb_month: float | None = Field(None, ge=0, le=MAX_GB, description="Default: traffic.data_out_gb_month.")
    inter_az_gb_month: float = Field(0, ge=0, le=MAX_GB)


# ---------------------------------------------------------------------------------------------- serverless

# Runtimes whose placeholder handler the generated code can hold inline (the team deploys its own code).
LambdaRuntime = Literal["python3.13", "python3.12", "nodejs22.x", "nodejs20.x"]
MAX_LAMBDA_MB = 10_240  # Lambda: memory and ephemeral storage are at most 10,240 MB


class LambdaFunction(Strict):
    """An AWS Lambda function with its log group and IAM role; usage from the spec's traffic or stated."""

    kind: Literal["lambda_function"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    runtime: LambdaRuntime = "python3.13"
    architecture: Literal["arm64", "x86_64"] = Field("arm64", description="arm64 (Graviton) costs about 20% less.")
    memory_mb: int = Field(512, ge=128, le=MAX_LAMBDA_MB)
    timeout_seconds: int = Field(30, ge=1, le=900, description="Lambda allows at most 900 s.")
    ephemeral_storage_mb: int = Field(512, ge=512, le=MAX_LAMBDA_MB, description="/tmp; 512 MB is free.")
    provisioned_concurrency: int = Field(0, ge=0, le=MAX_COUNT, description="Pre-initialised environments, billed all month.")
    traffic_share: float = Field(1.0, ge=0, le=1, description="Share of the spec's requests this function serves.")
    requests_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS,
                                             description="Invocations per month. Default: traffic × traffic_share.")
    average_duration_ms: float = Field(120, gt=0, le=900_000, description="Average billed duration per invocation.")
    vpc: bool = Field(False, description="Run in the private app subnets (to reach a database or cache).")
    tables: list[str] = Field(default_factory=lambda: [],
                              description="dynamodb_table components it reads and writes (its role may, nothing more).")
    log_retention_days: int = Field(30, ge=1, le=3653)


class ApiGateway(Strict):
    """Amazon API Gateway: an HTTP, REST or WebSocket API in front of a Lambda function or a load balancer."""

    kind: Literal["api_gateway"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    type: Literal["http", "rest", "websocket"] = "http"
    integration: str = Field(description=(
        "The lambda_function or alb component requests go to; with vpc_link: true, an nlb, or (HTTP APIs) a "
        "fargate_service a service_discovery component registers, reached through its Cloud Map service."))
    stage: str = Field("prod", pattern=r"^[A-Za-z0-9_]{1,128}$")
    authorizer: str | None = Field(None, description="A cognito_user_pool component whose tokens it requires.")
    vpc_link: bool = Field(False, description=(
        "Reach the load balancer integration privately through a VPC link (free) instead of over the internet "
        "by its DNS name: an HTTP API's to an alb, an nlb or a Cloud Map service from the private app subnets, a "
        "REST API's to an nlb; TLS verified against api.<domain>."))
    traffic_share: float = Field(1.0, ge=0, le=1, description="Share of the spec's requests that pass through it.")
    requests_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS,
                                             description="HTTP/REST requests. Default: traffic × traffic_share.")
    messages_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS,
                                             description="WebSocket messages. Default: traffic × traffic_share.")
    connection_minutes_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="WebSocket connection minutes. Default: peak users online all month.")


class DynamoDbTable(Strict):
    """An Amazon DynamoDB table: on-demand or provisioned capacity, storage, PITR backups, streams."""

    kind: Literal["dynamodb_table"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    billing: Literal["on_demand", "provisioned"] = "on_demand"
    read_capacity: int = Field(5, ge=1, le=40_000, description="Provisioned RCU (billing: provisioned).")
    write_capacity: int = Field(5, ge=1, le=40_000, description="Provisioned WCU (billing: provisioned).")
    partition_key: str = Field("pk", pattern=r"^[A-Za-z0-9_.-]{1,255}$")
    sort_key: str | None = Field("sk", pattern=r"^[A-Za-z0-9_.-]{1,255}$")
    storage_gb: float = Field(1, ge=0, le=MAX_GB)
    point_in_time_recovery: bool = True
    streams: bool = False
    reads_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS,
                                          description="Read request units (on-demand). Default: one per request.")
    writes_per_month: float | None = Field(None, ge=0, le=MAX_REQUESTS,
                                           description="Write request units (on-demand). Default: one per ten requests.")


class CognitoUserPool(Strict):
    """An Amazon Cognito user pool, billed by monthly active users."""

    kind: Literal["cognito_user_pool"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    monthly_active_users: int | None = Field(None, ge=0, le=MAX_USERS, description="Default: from traffic.dau.")
    advanced_security: bool = Field(False, description="Threat protection (adaptive authentication, compromised "
                                                       "credentials): the Plus feature plan.")

from stackwright.spec.messaging import Sns, Sqs, Worker  # noqa: E402  (they build on the models above)
# ------------------------------------------------------------------------------- operations and security
# Account services the seeds run beside the application (encryption, tracing, audit, threat detection,
# backups, configuration, service discovery) and a Network Load Balancer.


class KmsKey(Strict):
    kind: Literal["kms_key"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    keys: int = Field(1, ge=1, le=100_000, description="Customer managed keys (KMS holds 100,000 per Region).")
    rotation: bool = Field(True, description="Rotate each key's material every year (each of the first two rotations "
                                              "adds one key's monthly price).")
    requests_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="KMS API requests over all keys. Default: 10,000 a key.")


class Xray(Strict):
    kind: Literal["xray"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    sampling_rate: float = Field(0.05, ge=0, le=1, description="Share of requests traced beyond the reservoir "
                                 "(X-Ray's default rule: 5%).")
    reservoir_per_second: int = Field(1, ge=0, le=100_000, description="Requests traced each second before the "
                                      "rate applies (default rule: 1).")
    share_of_traffic: float = Field(1, ge=0, le=1, description="Share of the spec's requests the traced services serve.")
    traces_read_per_recorded: float = Field(
        1, ge=0, le=1_000, description="Traces retrieved or scanned per trace recorded (service map, searches).")


class CloudTrail(Strict):
    kind: Literal["cloudtrail"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    trails: int = Field(1, ge=1, le=5, description="Trails (5 per Region); the first copy of management events is "
                        "free, each further trail pays for its copy.")
    management_events_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="Management (control-plane) events. Default: 200,000.")
    data_events_per_month: float = Field(
        0, ge=0, le=MAX_REQUESTS, description="S3 object and Lambda data events the first trail logs (0: none).")
    retention_days: int = Field(365, ge=1, le=3653, description="Days the trail's bucket keeps log files.")


class VpcFlowLogs(Strict):
    kind: Literal["vpc_flow_logs"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    destination: Literal["cloudwatch_logs", "s3"] = "cloudwatch_logs"
    traffic_type: Literal["ALL", "ACCEPT", "REJECT"] = "ALL"
    log_gb_month: float | None = Field(
        None, ge=0, le=MAX_GB, description="Flow log records delivered per month (GB). Default: from traffic.")
    retention_days: int = Field(30, ge=1, le=3653, description="Days the log group or bucket keeps the records.")


class GuardDuty(Strict):
    kind: Literal["guardduty"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    cloudtrail_events_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="Management events analysed. Default: the cloudtrail component's, "
        "else 200,000.")
    flow_and_dns_logs_gb_month: float | None = Field(
        None, ge=0, le=MAX_GB, description="VPC Flow Logs and DNS logs analysed (GB). Default: from traffic.")
    s3_protection: bool = Field(False, description="Analyse S3 data events (object reads and writes).")
    s3_data_events_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="S3 data events analysed. Default: the s3 components' requests.")


class BackupPlan(Strict):
    kind: Literal["backup_plan"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    resources: list[str] = Field(
        default_factory=lambda: [], description="rds and aurora_serverless_v2 components to back up. "
        "Default: every database.")
    schedule: Literal["daily", "weekly"] = "daily"
    retention_days: int = Field(35, ge=1, le=36_500, description="Days each recovery point is kept.")
    storage_gb: float | None = Field(
        None, ge=0, le=MAX_GB, description="Backup storage (GB-month). Default: each resource's data once plus "
        "1% changed per backup kept.")


class SsmParameters(Strict):
    kind: Literal["ssm_parameters"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    standard: int = Field(10, ge=0, le=10_000, description="Standard parameters (free; 10,000 per Region).")
    advanced: int = Field(0, ge=0, le=100_000, description="Advanced parameters (over 4 KB or with policies).")
    api_calls_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="Reads of the advanced parameters. Default: 10,000 a parameter.")


class ServiceDiscovery(Strict):
    kind: Literal["service_discovery"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    namespace: str = Field("internal", min_length=1, max_length=253, pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?"
                           r"(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
                           description="Private DNS namespace the services are found in (api.internal).")
    services: list[str] = Field(default_factory=lambda: [], description="fargate_service components registered. "
                                "Default: every one.")
    instances: int | None = Field(None, ge=0, le=MAX_COUNT, description="Instances registered at once. Default: "
                                  "the services' desired tasks.")
    queries_million_per_month: float | None = Field(
        None, ge=0, le=MAX_REQUESTS, description="DNS lookups of the services. Default: from traffic.")


class NlbListener(Strict):
    port: int = Field(ge=1, le=65535)
    protocol: Literal["TCP", "TLS", "UDP", "TCP_UDP"] = "TCP"


class Nlb(Strict):
    kind: Literal["nlb"]
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    target: str = Field(description="The fargate_service, ec2_asg or ec2_instance component it forwards to.")
    listeners: list[NlbListener] = Field(default_factory=lambda: [NlbListener(port=443, protocol="TLS")],
                                         min_length=1, max_length=50)
    azs: int = Field(2, ge=1, le=6)
    internal: bool = Field(False, description="Reachable only inside the VPC.")
    share_of_traffic: float = Field(1, ge=0, le=1, description="Share of the spec's requests it carries.")
    nlcu: float | None = Field(None, ge=0, le=1_000_000, description="Average NLCUs. Default: from traffic.")


Component = Annotated[
    Union[
        FargateService, Ec2AutoScalingGroup, Ec2Instance, Rds, AuroraServerlessV2, ElastiCache, Alb, Nat,
        PublicIpv4, S3, CloudFront, Route53, Waf, CloudWatch, SecretsManager, Ecr, VpcEndpoint, DataTransfer,
        Worker, Sqs, Sns,
        LambdaFunction, ApiGateway, DynamoDbTable, CognitoUserPool,
        KmsKey, Xray, CloudTrail, VpcFlowLogs, GuardDuty, BackupPlan, SsmParameters, ServiceDiscovery, Nlb,
    ],
    Field(discriminator="kind"),
]


class Sizing(Strict):
    """Assumptions that turn traffic into counts and classes; each sized value says which it used."""

    target_utilisation: float = Field(0.6, gt=0.1, le=0.9, description="CPU share used at peak.")
    db_pool_per_task: int = Field(10, ge=1, le=10_000, description="Database connections each task or instance holds.")
    session_kb: float = Field(4, ge=0, le=1_000_000, description="Cache memory per concurrent user session.")
    hot_data_mb: float = Field(256, ge=0, le=100_000_000, description="Cache memory for hot keys and query results.")
    db_working_set_gb: float | None = Field(None, ge=0, le=1_000_000, description="Data the DB must keep in memory. Default: 5% of storage.")
    storage_growth_gb_month: float = Field(1, ge=0, le=1_000_000, description="Database growth per month.")


class GitHubActions(Strict):
    """A GitHub Actions pipeline that builds each Fargate service's image, pushes it to the stack's ECR
    repository and rolls the ECS service onto it, signing in to AWS with OIDC (no stored keys). `plan` writes
    the workflow and adds the IAM OIDC provider and the deploy role, limited to these repositories and
    services, to the generated CloudFormation and Terraform."""

    provider: Literal["github_actions"] = "github_actions"
    repository: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$",
                            description="GitHub repository (owner/name) whose workflows may assume the role.")
    branch: str = Field("main", pattern=r"^[A-Za-z0-9._/-]{1,200}$",
                        description="Branch whose pushes deploy (the role trusts only it and the GitHub "
                        "environment of the deploy job).")
    create_oidc_provider: bool | None = Field(
        None, description="Create the account's GitHub OIDC provider in this stack (one per account). Default: "
        "yes for the spec as written, no for its other environments (they use the one it created).")
    github_environment: str | None = Field(
        None, pattern=r"^[A-Za-z0-9._-]{1,255}$", description="GitHub environment of the deploy job (the role "
        "trusts only it; give it protection rules for approvals). Default: the environment's name (prod, staging, "
        "dev, or the overlay's).")
    build_context: str = Field(".", pattern=r"^[A-Za-z0-9._/{}-]{1,200}$", description="Docker build context; "
                               "{service} stands for the service's name (e.g. services/{service}).")


EnvironmentKind = Literal["production", "staging", "development"]
ENVIRONMENT_NAME = r"^[a-z][a-z0-9-]{0,15}$"


class EnvironmentOverlay(Strict):
    """One environment of the spec (prod, staging, dev, …): the spec as written with these fields changed.

    Scalars replace the spec's; `traffic`, `sizing` and each component's fields merge into the spec's
    (a component's nested mappings merge too; lists replace); a component set to null is left out of this
    environment; a component the spec does not have needs a `kind`.
    """

    environment: EnvironmentKind | None = Field(
        None, description="What kind of environment (deletion protection, retention). Default: from the name "
        "(prod → production, staging/stage → staging, dev/test → development), else the spec's.")
    description: str | None = Field(None, max_length=DESCRIPTION_CHARS)
    availability_target: float | None = Field(None, ge=90, lt=100)
    budget_monthly_usd: float | None = Field(None, ge=0, le=1e12)
    budget_source: str | None = Field(None, max_length=DESCRIPTION_CHARS)
    azs: int | None = Field(None, ge=1, le=6)
    free_tier: bool | None = None
    running_hours_per_week: float | None = Field(None, gt=0, le=168)
    traffic: dict[str, Any] | None = Field(None, description="Traffic fields this environment changes.")
    sizing: dict[str, Any] | None = Field(None, description="Sizing fields this environment changes.")
    ci: dict[str, Any] | None = Field(None, description="CI/CD fields this environment changes.")
    components: dict[str, dict[str, Any] | None] = Field(
        default_factory=dict, description="Per component: the fields this environment changes, or null to leave "
        "the component out.")


class Spec(Strict):
    """A web service on AWS: where it runs, what it carries, what it is made of."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    description: str = Field("", max_length=DESCRIPTION_CHARS)
    region: str = Field(pattern=r"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$",
                        description="AWS region code, for example ap-northeast-2.")
    environment: Literal["production", "staging", "development"] = "production"
    availability_target: float = Field(99.9, ge=90, lt=100, description="Percent, for example 99.9.")
    soft_dependencies: list[str] = Field(
        default_factory=lambda: [],
        description="Components the service keeps answering without (a cache it falls back from to the database, "
        "a NAT no request calls out through): they stay out of the request path's composite availability, which "
        "lists them apart.",
    )
    budget_monthly_usd: float | None = Field(None, ge=0, le=1e12, description="What the team expects to pay per month.")
    budget_source: str = Field("", max_length=DESCRIPTION_CHARS, description="Where the budget figure comes from.")
    azs: int = Field(2, ge=1, le=6, description="Availability Zones used.")
    free_tier: bool = Field(
        False, description="Subtract AWS's always-free monthly allowances (per account: leave off if the account "
        "runs other workloads)."
    )
    running_hours_per_week: float = Field(
        168, gt=0, le=168, description="Hours a week compute and databases run (below 168 for part-time dev/staging)."
    )
    sizing: Sizing = Field(default_factory=lambda: Sizing())
    traffic: Traffic = Field(default_factory=lambda: Traffic())
    savings_already_listed: list[str] = Field(
        default_factory=lambda: [],
        description="Optimiser rule ids the team already applied or planned (OPT008, or OPT002:db for one "
        "component); the optimiser marks the other steps as new.",
    )
    constraints: Constraints = Field(default_factory=lambda: Constraints())
    prices: OwnPrices | str | None = Field(
        None, description="Your own prices: negotiated discounts per service and private rates per SKU, inline or "
        "as a file path relative to the spec (`cost --prices FILE` overrides it).",
    )
    components: dict[str, Component] = Field(default_factory=dict)
    ci: GitHubActions | None = Field(None, description="Deploy pipeline: a GitHub Actions workflow with OIDC role "
                                     "assumption, and the role it assumes.")
    environments: dict[Annotated[str, Field(pattern=ENVIRONMENT_NAME)], EnvironmentOverlay] = Field(
        default_factory=dict,
        description="Environments built from this one spec (prod, staging, dev): each is the spec with its own "
        "changes. `cost` and `plan` show every environment and the total; other commands take --environment.",
    )
