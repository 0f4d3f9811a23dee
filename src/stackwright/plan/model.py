"""The plan: a neutral, typed description of everything a spec asks AWS to create.

`build_plan(spec)` fills it; renderers (CloudFormation now, Terraform, diagrams and docs later) only
translate it. Every element has an `id` unique across the plan, made of lower-case words joined by
hyphens (`subnet-public-a`, `api-execution-role`); renderers derive their own names from it. Elements
made for a spec component carry that component's name in `component` and, where sizes matter, the
spec model itself in `spec` (with every `auto` already sized), so renderers read sizes from one place.

Values that exist only once something is created (an ARN, an endpoint) or that the deployer supplies
(a `Parameter`) are `Ref`s to that element or parameter; `Join` glues them to text and `AccountArn`
names an ARN in the deploying account. Each renderer resolves them in its own syntax. Attribute names
a `Ref` may use:

- `id`: the provider's identifier (VPC id, security group id, instance id, a parameter's value; the
  name for clusters, auto scaling groups, RDS instances and clusters)
- `arn`, `name`, `full_name` (load balancer and target group names as CloudWatch dimensions),
  `dns_name`, `zone_id` (hosted zone of a load balancer's DNS name), `endpoint`, `uri` (an ECR
  repository's)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from stackwright.spec import model as spec_model

Tier = Literal["public", "app", "data"]
Arch = Literal["x86_64", "arm64"]


@dataclass(frozen=True)
class Ref:
    """The `attribute` of plan element (or parameter) `target`, known once it exists."""

    target: str
    attribute: str = "id"


@dataclass(frozen=True)
class Join:
    """Text made of literal parts and references, e.g. (Ref(bucket, "arn"), "/*")."""

    parts: tuple[Union[str, Ref], ...]


@dataclass(frozen=True)
class AccountArn:
    """An ARN in the deploying account and region, e.g. service `ecr`, resource `repository/*`."""

    service: str
    resource: str


Value = Union[str, int, Ref, Join]

# ---------------------------------------------------------------------------------------------- network


@dataclass(frozen=True)
class Subnet:
    """A subnet of one tier in one AZ, with the route table it uses."""

    id: str
    tier: Tier
    az: str
    cidr: str
    route_table: str


@dataclass(frozen=True)
class Route:
    """A route table entry: traffic to `destination` (a CIDR block) goes through `via`."""

    destination: str
    via: Ref  # the internet gateway, a NAT gateway or a NAT instance


@dataclass(frozen=True)
class RouteTable:
    """The routes of one tier's subnets."""

    id: str
    tier: Tier
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class NatGateway:
    """A managed NAT gateway with its Elastic IP, in a public subnet."""

    id: str
    component: str
    az: str
    subnet: str


@dataclass(frozen=True)
class NatInstance:
    """An EC2 instance forwarding the private subnets' traffic (source/destination check off)."""

    id: str
    component: str
    az: str
    subnet: str
    instance_type: str
    arch: Arch
    volume: spec_model.Ebs
    security_group: str
    role: str
    machine_image: str  # parameter id
    user_data: str  # the boot script that makes it forward and masquerade


@dataclass(frozen=True)
class Endpoint:
    """A VPC endpoint. `component` is None for endpoints the plan adds so private tasks can start."""

    id: str
    component: str | None
    service: str  # as in com.amazonaws.<region>.<service>: "ecr.dkr", "logs", "s3"
    type: Literal["interface", "gateway"]
    subnets: tuple[str, ...] = ()  # interface endpoints
    security_group: str | None = None  # interface endpoints
    route_tables: tuple[str, ...] = ()  # gateway endpoints


@dataclass(frozen=True)
class Network:
    """The VPC: its CIDR block, AZs, subnets and route tables, and how private traffic leaves it."""

    cidr: str
    azs: tuple[str, ...]
    subnets: tuple[Subnet, ...]
    route_tables: tuple[RouteTable, ...]
    internet_gateway: bool
    nat_gateways: tuple[NatGateway, ...]
    nat_instances: tuple[NatInstance, ...]
    endpoints: tuple[Endpoint, ...]

    def subnets_in(self, tier: Tier, azs: int | None = None) -> tuple[Subnet, ...]:
        """The tier's subnets in AZ order, limited to the first `azs` AZs when given."""
        found = tuple(s for s in self.subnets if s.tier == tier)
        return found if azs is None else found[:azs]


# ---------------------------------------------------------------------------------------------- security


@dataclass(frozen=True)
class Rule:
    """One allowed flow: TCP ports from..to, to or from a CIDR block or another security group."""

    from_port: int
    to_port: int
    description: str
    cidr: str | None = None
    group: str | None = None
    protocol: str = "tcp"


@dataclass(frozen=True)
class SecurityGroup:
    """Nothing flows but the listed rules: no egress rule means no egress at all."""

    id: str
    component: str | None
    description: str
    ingress: tuple[Rule, ...]
    egress: tuple[Rule, ...]


@dataclass(frozen=True)
class Statement:
    """Allow `actions` on `resources`; "*" only for actions AWS cannot scope to a resource."""

    sid: str
    actions: tuple[str, ...]
    resources: tuple[Union[Ref, Join, AccountArn, str], ...]


@dataclass(frozen=True)
class Role:
    """An IAM role `service` assumes, with AWS managed policies and the plan's own statements."""

    id: str
    component: str | None
    description: str
    service: str  # the principal that assumes it, e.g. "ecs-tasks.amazonaws.com"
    managed_policies: tuple[str, ...]  # AWS managed policy names
    statements: tuple[Statement, ...]
    instance_profile: bool = False


@dataclass(frozen=True)
class Secret:
    """A generated secret. With `username` the value is JSON {"username", "password"}; else one token."""

    id: str
    component: str
    description: str
    username: str | None = None
    length: int = 32


@dataclass(frozen=True)
class Parameter:
    """A value the deployer supplies (or accepts the default of) when creating the stack."""

    id: str
    kind: Literal["certificate_arn", "image", "image_tag", "machine_image", "domain_name", "notification_topic",
                  "time_zone", "hosted_zone_id", "email_address", "https_url"]
    description: str
    default: str | None = None
    example: str = ""


# ---------------------------------------------------------------------------------------------- compute


@dataclass(frozen=True)
class EnvVar:
    """A plain environment variable of a container: text, or a value known once something exists."""

    name: str
    value: Value


@dataclass(frozen=True)
class SecretVar:
    """An environment variable filled from a secret (one JSON key of it when `key` is set)."""

    name: str
    secret: str
    key: str | None = None


@dataclass(frozen=True)
class ContainerImage:
    """From the stack's ECR `repository` at tag parameter `parameter`, or a full image URI parameter."""

    parameter: str
    repository: str | None = None


@dataclass(frozen=True)
class Cluster:
    """The ECS cluster the plan's services run on, with its capacity providers."""

    id: str
    name: str
    capacity_providers: tuple[str, ...]


@dataclass(frozen=True)
class Service:
    """A fargate_service: task definition and ECS service on the plan's cluster."""

    id: str
    component: str
    spec: spec_model.FargateService
    cluster: str
    subnets: tuple[str, ...]
    security_group: str
    public_ip: bool
    execution_role: str
    task_role: str
    log_group: str
    image: ContainerImage
    environment: tuple[EnvVar, ...]
    secrets: tuple[SecretVar, ...]
    arch: Arch


@dataclass(frozen=True)
class InstanceGroup:
    """EC2 capacity: an auto scaling group (ec2_asg) or `count` instances (ec2_instance), one launch template."""

    id: str
    component: str
    spec: Union[spec_model.Ec2AutoScalingGroup, spec_model.Ec2Instance]
    subnets: tuple[str, ...]
    security_group: str
    public_ip: bool
    role: str
    log_group: str
    arch: Arch
    machine_image: str  # parameter id
    instances: tuple[str, ...]  # ids of the ec2_instance kind's instances; empty for an auto scaling group


@dataclass(frozen=True)
class TargetGroup:
    """Where a load balancer sends one workload's requests; `path_patterns` empty means the default."""

    id: str
    workload: str  # a Service or InstanceGroup id
    port: int
    target_type: Literal["ip", "instance"]
    path_patterns: tuple[str, ...]
    priority: int | None
    sticky: bool = False  # WebSocket workloads: Socket.IO-style fallbacks need one task per client
    health_check_path: str = "/"


@dataclass(frozen=True)
class LoadBalancer:
    """An internet-facing ALB: HTTP redirects to HTTPS, HTTPS forwards by path to target groups."""

    id: str
    component: str
    spec: spec_model.Alb
    subnets: tuple[str, ...]
    security_group: str
    certificate: str  # parameter id
    target_groups: tuple[TargetGroup, ...]


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Database:
    """RDS instance (rds) or Aurora Serverless v2 cluster with its instances (aurora_serverless_v2)."""

    id: str
    component: str
    spec: Union[spec_model.Rds, spec_model.AuroraServerlessV2]
    engine: str  # the AWS engine name: postgres, mysql, aurora-postgresql, aurora-mysql
    engine_version: str
    port: int
    database_name: str
    subnets: tuple[str, ...]
    security_group: str
    secret: str
    backup_retention_days: int
    snapshot_on_delete: bool


@dataclass(frozen=True)
class Cache:
    """ElastiCache: a replication group (redis, valkey; cluster mode when shards > 1) or a memcached cluster."""

    id: str
    component: str
    spec: spec_model.ElastiCache
    engine_version: str
    port: int
    subnets: tuple[str, ...]
    security_group: str
    auth_secret: str | None  # redis/valkey AUTH token; memcached has none
    cluster_mode: bool
    replication_group_id: str
    primary_node_ids: tuple[str, ...]  # one per shard, for per-node CloudWatch metrics
    snapshot_retention_days: int
    snapshot_on_delete: bool


@dataclass(frozen=True)
class Bucket:
    """An s3 component's bucket, with its lifecycle transitions and the distribution reading it, if any."""

    id: str
    component: str
    spec: spec_model.S3
    transitions: tuple[tuple[str, int], ...]  # (S3 storage class, days after upload) lifecycle moves
    served_by: str | None  # distribution id reading it through origin access control


# ---------------------------------------------------------------------------------------------- edge


@dataclass(frozen=True)
class Origin:
    """Where a distribution fetches content for its path patterns: a bucket or a load balancer."""

    id: str
    kind: Literal["s3", "alb"]
    target: str  # bucket or load balancer id
    path_patterns: tuple[str, ...]  # empty for the default origin
    cache: Literal["static", "dynamic"] | None = None  # None: static for a bucket, dynamic for a load balancer

    @property
    def cached(self) -> bool:
        return self.cache == "static" if self.cache else self.kind == "s3"


@dataclass(frozen=True)
class Distribution:
    """A cloudfront component: its origins, price class, domain and certificate, and web ACL."""

    id: str
    component: str
    spec: spec_model.CloudFront
    origins: tuple[Origin, ...]
    price_class: str
    domain: str | None  # parameter id of the apex domain it answers for
    certificate: str | None  # parameter id (an ACM certificate in us-east-1)
    origin_domain: Value | None  # the name CloudFront connects to for an ALB origin
    web_acl: str | None
    default_origin: str | None = None  # the origin of the default behaviour; None: the one without patterns

    def default(self) -> Origin:
        if self.default_origin:
            return next(o for o in self.origins if o.id == self.default_origin)
        return next(o for o in self.origins if not o.path_patterns)


@dataclass(frozen=True)
class DnsRecord:
    """An alias record for a subdomain, to a load balancer or a distribution; routing by geolocation or latency
    when set."""

    id: str
    subdomain: str  # "" for the apex
    target: str  # load balancer or distribution id
    set_identifier: str | None = None
    continent: str | None = None  # geolocation; "*" marks the default record
    region: str | None = None  # latency routing


@dataclass(frozen=True)
class DnsZone:
    """A route53 component: the hosted zone of a domain and its records."""

    id: str
    component: str
    spec: spec_model.Route53
    domain: str  # parameter id
    records: tuple[DnsRecord, ...]


@dataclass(frozen=True)
class WebAcl:
    """A waf component: AWS managed rule groups protecting one load balancer or distribution."""

    id: str
    component: str
    spec: spec_model.Waf
    scope: Literal["REGIONAL", "CLOUDFRONT"]
    protects: str  # load balancer or distribution id
    managed_rule_groups: tuple[str, ...]


@dataclass(frozen=True)
class Repository:
    """An ECR repository holding one workload's container images."""

    id: str
    component: str
    name: str
    workload: str


# ---------------------------------------------------------------------------------------------- monitoring


@dataclass(frozen=True)
class LogGroup:
    """A CloudWatch Logs group and how long it keeps what is written to it."""

    id: str
    component: str
    name: str
    retention_days: int


@dataclass(frozen=True)
class Dimension:
    """A CloudWatch metric dimension: which resource a metric is about."""

    name: str
    value: Value


@dataclass(frozen=True)
class Metric:
    """A CloudWatch metric and the statistic read from it."""

    namespace: str
    name: str
    dimensions: tuple[Dimension, ...]
    statistic: str = "Average"


@dataclass(frozen=True)
class Alarm:
    """Breaches when `metric` (over `period` s) is `comparison` `threshold` for `evaluation_periods` periods.

    Alarms notify the optional notification topic parameter; `recover` also recovers the EC2 instance."""

    id: str
    component: str
    description: str
    metric: Metric
    comparison: Literal["GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold"]
    threshold: float
    period: int = 300
    evaluation_periods: int = 2
    missing_data: Literal["missing", "notBreaching", "breaching"] = "missing"
    recover: bool = False


@dataclass(frozen=True)
class Widget:
    """A dashboard graph of one or more metrics."""

    title: str
    metrics: tuple[Metric, ...]


@dataclass(frozen=True)
class Dashboard:
    """A CloudWatch dashboard of the component's widgets."""

    id: str
    component: str
    name: str
    widgets: tuple[Widget, ...]


@dataclass(frozen=True)
class ScalingPolicy:
    """Target tracking on average CPU between the spec's min and max."""

    id: str
    workload: str  # a Service or InstanceGroup id
    min: int
    max: int
    target_cpu_percent: float


@dataclass(frozen=True)
class ScheduledScaleIn:
    """Every night from `start_hour` to `end_hour` (in the time zone parameter) run `count`; then the
    spec's min..max again. From the spec's scale_in: its weekly hours spread over seven nights."""

    id: str
    workload: str  # a Service or InstanceGroup id
    count: int
    min: int
    max: int
    start_hour: int
    end_hour: int
    time_zone: str  # parameter id


@dataclass(frozen=True)
class DeployedImage:
    """One Fargate service the pipeline builds, pushes and rolls out."""

    service: str  # Service id (also its container's name and, after the spec's name, its task family)
    repository: str  # Repository id
    repository_name: str
    task_family: str
    passed_roles: tuple[str, ...]  # the task's execution and task roles: the new revision runs with them


@dataclass(frozen=True)
class DeployPipeline:
    """The GitHub Actions deploy role (OIDC) and what it may do: push to the services' repositories and set the
    stack's ImageTag parameter (CloudFormation then registers task definitions running with the services'
    roles and updates the services in the cluster, with the role's permissions)."""

    id: str
    role_name: str
    repository: str  # GitHub owner/name
    branch: str
    github_environment: str  # the deploy job's GitHub environment (the role trusts only it)
    provider: str | None  # the OIDC provider element id when this stack creates it
    cluster: str  # Cluster id
    cluster_name: str
    images: tuple[DeployedImage, ...]
    build_context: str
    stack_name: str = ""  # the CloudFormation stack whose ImageTag parameter the deploy job sets


# ---------------------------------------------------------------------------------------------- messaging


@dataclass(frozen=True)
class Queue:
    """An SQS queue (sqs); its dead-letter queue is another Queue whose `dead_letter_of` names it."""

    id: str
    component: str
    spec: spec_model.Sqs
    name: str  # with the .fifo suffix a FIFO queue needs
    dead_letter: str | None = None  # the id of its dead-letter queue
    dead_letter_of: str | None = None


@dataclass(frozen=True)
class Subscription:
    """A topic's subscriber: an email address or an HTTPS endpoint."""

    id: str
    protocol: Literal["email", "https"]
    endpoint: str | Ref  # Ref: a deploy-time parameter the spec left the address to


@dataclass(frozen=True)
class Topic:
    """An SNS topic (sns), encrypted with the AWS managed key, with its subscriptions."""

    id: str
    component: str
    spec: spec_model.Sns
    name: str
    subscriptions: tuple[Subscription, ...]


@dataclass(frozen=True)
class BacklogStep:
    """Run `tasks` while the queue's visible messages are in [lower, upper) (upper None: no bound)."""

    lower: int
    upper: int | None
    tasks: int


@dataclass(frozen=True)
class QueueScaling:
    """A worker's task count follows its queue: an alarm on ApproximateNumberOfMessagesVisible runs a
    step-scaling policy that sets the count (ExactCapacity) to backlog ÷ backlog_per_task, within min..max."""

    id: str
    workload: str  # a Service id
    queue: str  # a Queue id
    min: int
    max: int
    backlog_per_task: int
    steps: tuple[BacklogStep, ...]


# ---------------------------------------------------------------------------------------------- serverless


@dataclass(frozen=True)
class Function:
    """A lambda_function: the function, its role and log group; in the app subnets when `subnets` is set."""

    id: str
    component: str
    spec: spec_model.LambdaFunction
    name: str  # the function name, which also names its log group /aws/lambda/<name>
    role: str
    log_group: str
    subnets: tuple[str, ...]
    security_group: str | None
    environment: tuple[EnvVar, ...]


@dataclass(frozen=True)
class Api:
    """An api_gateway: the API, one stage with access logs, and a catch-all route to its integration."""

    id: str
    component: str
    spec: spec_model.ApiGateway
    name: str
    protocol: Literal["HTTP", "REST", "WEBSOCKET"]
    target_kind: Literal["function", "load_balancer", "cloud_map"]
    target: str  # a Function or LoadBalancer id, or the Cloud Map service's (namespace-service) id
    log_group: str | None  # access logs (HTTP APIs)
    authorizer: str | None  # a UserPool id
    vpc_link_subnets: tuple[str, ...] = ()  # a private integration's VPC link: its subnets and security group
    vpc_link_security_group: str | None = None
    listener: str | None = None  # the load balancer's listener (or Cloud Map service) a private integration forwards to
    verify_tls: bool = False  # the listener speaks TLS: verify it against api.<domain>
    listener_port: int | None = None  # a REST API's VPC link: the NLB listener's port its requests go to


@dataclass(frozen=True)
class Table:
    """A dynamodb_table component's table."""

    id: str
    component: str
    spec: spec_model.DynamoDbTable
    name: str


@dataclass(frozen=True)
class UserPool:
    """A cognito_user_pool and one app client (no secret: browsers and mobile apps sign users in)."""

    id: str
    component: str
    spec: spec_model.CognitoUserPool
    name: str


# ---------------------------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Plan:
    """Everything a spec asks AWS to create, by kind of element; what each renderer translates."""

    name: str
    region: str
    environment: str
    availability_target: float
    components: tuple[tuple[str, str], ...]  # (name, kind) in spec order
    network: Network
    security_groups: tuple[SecurityGroup, ...]
    roles: tuple[Role, ...]
    secrets: tuple[Secret, ...]
    parameters: tuple[Parameter, ...]
    cluster: Cluster | None
    services: tuple[Service, ...]
    instance_groups: tuple[InstanceGroup, ...]
    load_balancers: tuple[LoadBalancer, ...]
    databases: tuple[Database, ...]
    caches: tuple[Cache, ...]
    buckets: tuple[Bucket, ...]
    distributions: tuple[Distribution, ...]
    dns_zones: tuple[DnsZone, ...]
    web_acls: tuple[WebAcl, ...]
    repositories: tuple[Repository, ...]
    log_groups: tuple[LogGroup, ...]
    alarms: tuple[Alarm, ...]
    dashboards: tuple[Dashboard, ...]
    scaling_policies: tuple[ScalingPolicy, ...]
    scheduled_scaling: tuple[ScheduledScaleIn, ...]
    notes: tuple[str, ...]  # choices the plan made that the spec did not state
    ci: DeployPipeline | None = None
    queues: tuple[Queue, ...] = ()
    topics: tuple[Topic, ...] = ()
    queue_scaling: tuple[QueueScaling, ...] = ()
    alarm_topic: str | None = None  # the Topic every alarm notifies (else the notification parameter, if any)
    functions: tuple[Function, ...] = ()
    apis: tuple[Api, ...] = ()
    tables: tuple[Table, ...] = ()
    user_pools: tuple[UserPool, ...] = ()
    operations: tuple = ()  # stackwright.plan.operations elements: keys, trails, flow logs, backups, NLBs…

    def of(self, elements: tuple, component: str) -> tuple:
        """The elements of `elements` made for spec component `component`: grouped by component once per
        tuple a plan is asked about (a bill asks for each component's, so a scan per call grows as the square)."""
        groups = self.__dict__.setdefault("_of_groups", {})  # not a field: a plan is frozen, its tuples too
        found = groups.get(id(elements))
        if found is None or found[0] is not elements:  # the tuple is kept with its groups, so its id stays its own
            by_component: dict = {}
            for e in elements:
                by_component.setdefault(getattr(e, "component", None), []).append(e)
            found = groups[id(elements)] = elements, {c: tuple(es) for c, es in by_component.items()}
        return found[1].get(component, ())

    def security_group(self, group_id: str) -> SecurityGroup:
        return next(g for g in self.security_groups if g.id == group_id)

    def subnet(self, subnet_id: str) -> Subnet:
        return next(s for s in self.network.subnets if s.id == subnet_id)

    def elements(self) -> dict[str, object]:
        """Every element by id, for renderers that know a resource by the id it represents. `vpc` is the
        network; an ec2_instance kind's instance ids stand for their instance group."""
        network = self.network
        found: dict[str, object] = {"vpc": network}
        groups = (network.subnets, network.route_tables, network.nat_gateways, network.nat_instances,
                  network.endpoints, self.security_groups, self.roles, self.secrets, self.parameters,
                  (self.cluster,) if self.cluster else (), self.services, self.instance_groups,
                  self.load_balancers, *(lb.target_groups for lb in self.load_balancers), self.databases,
                  self.caches, self.buckets, self.distributions, *(d.origins for d in self.distributions),
                  self.dns_zones, *(z.records for z in self.dns_zones), self.web_acls, self.repositories,
                  self.log_groups, self.alarms, self.dashboards, self.scaling_policies, self.scheduled_scaling,
                  self.queues, self.topics, self.queue_scaling, *(t.subscriptions for t in self.topics),
                  self.functions, self.apis, self.tables, self.user_pools,
                  self.operations, tuple(tg for e in self.operations for tg in getattr(e, "target_groups", ())))
        for elements in groups:
            for element in elements:
                found[element.id] = element
        for group in self.instance_groups:
            for instance in group.instances:
                found[instance] = group
        if self.ci:
            found[self.ci.id] = self.ci
        return found
