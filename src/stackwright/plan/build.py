"""build_plan(spec): everything the spec asks AWS to create, decided once for every renderer."""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import fields

from stackwright import memo
from stackwright.errors import UserError
from stackwright.plan import ci, edge, elastic_ips, messaging, monitoring, operations, security, serverless
from stackwright.plan.model import (
    Cache, Cluster, ContainerImage, Database, EnvVar, InstanceGroup, LoadBalancer, LogGroup, Parameter, Plan, Ref,
    Network, Repository, ScheduledScaleIn, Secret, SecretVar, Service, TargetGroup, Tier,
)
from stackwright.plan.kinds import components_of
from stackwright.plan.naming import (
    database_name, env_name, instance_arch, machine_image_parameter, resource_name, slug,
)
from stackwright.plan.network import NetworkNeeds, availability_zones, build_network, nat_component
from stackwright.spec.loader import LoadedSpec
from stackwright.spec.model import (
    Alb, AuroraServerlessV2, CloudFront, CloudWatch, Ec2AutoScalingGroup, Ec2Instance, Ecr, ElastiCache,
    FargateService, LambdaFunction, Rds, Route53, S3, SecretsManager, Sns, Spec, Sqs, VpcEndpoint, Worker,
)
from stackwright.translatable import N_

# Current engine versions cfn-lint and AWS accept; the spec has no version field yet.
ENGINES = {
    ("rds", "postgresql"): ("postgres", "17.6"),
    ("rds", "mysql"): ("mysql", "8.4.6"),
    ("aurora_serverless_v2", "postgresql"): ("aurora-postgresql", "17.6"),
    ("aurora_serverless_v2", "mysql"): ("aurora-mysql", "8.0.mysql_aurora.3.10.0"),
}
DATABASE_PORTS = {"postgresql": 5432, "mysql": 3306}
CACHE_PORTS = {"redis": 6379, "valkey": 6379, "memcached": 11211}
CACHE_VERSIONS = {"redis": "7.1", "valkey": "8.0", "memcached": "1.6.22"}  # memcached 1.6.12+ has TLS
DB_USERNAME = "dbadmin"  # not a reserved word in either engine, within MySQL's 16 characters
AURORA_BACKUP_RETENTION_DAYS = 7  # the spec has no field for Aurora; RDS's default
CACHE_SNAPSHOT_RETENTION_DAYS = 1  # one snapshot per cache is free; the spec has no field yet
MIN_DATA_AZS = 2  # RDS subnet groups must span two AZs
NAME_LIMIT_CACHE = 40  # ElastiCache replication group and cluster ids
PLACEHOLDER_IMAGE = "public.ecr.aws/nginx/nginx:stable"
NOTIFICATION_PARAMETER = "alarm-topic-arn"
FARGATE_KINDS = (FargateService, Worker)  # both run as ECS services on Fargate
CERTIFICATE_PARAMETER = "certificate-arn"
REQUESTED_CERTIFICATE = "DNS-validated in the hosted zone (the bootstrap stage waits for it)"
GLOBAL_CERTIFICATE_REGION = "us-east-1"  # the only region CloudFront takes certificates from
IMAGE_TAG_PARAMETER = "image-tag"
TIME_ZONE_PARAMETER = "schedule-time-zone"
NIGHT_ENDS_HOUR = 7  # scheduled scale-in ends before the working day, as the optimiser proposes it
HOURS_PER_WEEK = 168


SERVICES_KEPT = 16_384  # bounds the memos below: a workload's parts each, about 30 MB when full
_service_contexts: dict[tuple, int] = {}  # a build's context for its services -> a number for it, never reused
_context_numbers = itertools.count()
CONTEXTS_KEPT = 256


def _context_number(context: tuple) -> int:
    """A number for `context` (a hashable tuple), the same while it is kept: a short part of each service's key."""
    found = _service_contexts.get(context)
    if found is None:
        if len(_service_contexts) >= CONTEXTS_KEPT:
            _service_contexts.clear()
        found = _service_contexts[context] = next(_context_numbers)
    return found

# (step, id(a workload: its component or its plan element), what the step reads besides it) -> (the workload,
# what the step made of it): the specs the optimiser prices hold the same component objects in the same context,
# so a service element is the same object in each variant that leaves it as it was, and the steps that walk
# every workload (scaling, target groups, security groups) make only the changed ones' parts
_workload_parts: dict[tuple, tuple] = {}


def _of_workload(step: str, workload, reads, make):
    """`make()`, made once per `workload` object and `reads` (hashable: all `make` reads besides `workload`)."""
    key = (step, id(workload), reads)
    found = _workload_parts.get(key)
    if found is None or found[0] is not workload:
        if len(_workload_parts) >= SERVICES_KEPT:
            _workload_parts.clear()
        found = _workload_parts[key] = (workload, make())
    return found[1]


# (ecr component's name, its repositories' prefix) -> {workload id: its repository}
_repositories_made: dict[tuple[str, str], dict[str, Repository]] = {}

PLANS_KEPT = 4  # plans of specs asked for more than once (the spec a command works on)
_plans: OrderedDict[str, Plan] = OrderedDict()  # most recently used last
_once: OrderedDict[str, Plan] = OrderedDict()  # asked for once so far: the optimiser's many variants


def build_plan(spec: Spec, loaded: LoadedSpec | None = None, *, remember: bool = True) -> Plan:
    """The plan for `spec`: deterministic (same spec, same plan) and free of any secret value. Built once
    per distinct spec in a process, so the bill, the checks, every renderer and the documents share it
    (a Plan is immutable). The specs the optimiser tries are kept apart, so they never push out the one
    the command plans; `remember=False` builds without looking or keeping (a caller that memoises what
    it makes of the plan)."""
    from stackwright.sizing.sizer import resolve

    spec = resolve(spec, loaded)  # a spec and its sized self share one plan
    if not remember:
        return _Builder(spec).build(loaded)
    key = spec.model_dump_json()
    plan = _plans.get(key)
    if plan is not None:
        _plans.move_to_end(key)
        return plan
    plan = _once.pop(key, None)
    if plan is None:
        plan = _Builder(spec).build(loaded)
        memo.keep(_once, key, plan, PLANS_KEPT)
    else:
        memo.keep(_plans, key, plan, PLANS_KEPT)
    return plan


class _Builder:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.notes: list[str] = []
        self.parameters: dict[str, Parameter] = {}
        self.az_count = self._az_count()  # AZs the subnets span

    def of(self, *kinds: type) -> list[tuple[str, object]]:
        return components_of(self.spec, *kinds)

    def parameter(self, parameter: Parameter) -> str:
        self.parameters.setdefault(parameter.id, parameter)
        return parameter.id

    def build(self, loaded: LoadedSpec | None) -> Plan:
        spec = self.spec
        workload_specs = self.of(*FARGATE_KINDS, Ec2AutoScalingGroup, Ec2Instance)
        database_specs, cache_specs = self.of(Rds, AuroraServerlessV2), self.of(ElastiCache)

        secrets = self._secrets(database_specs, cache_specs)
        network = self._network(workload_specs, database_specs, cache_specs, bool(secrets))
        repositories = self._repositories([slug(n) for n, _ in workload_specs])
        self.queues = messaging.queues(spec.name, self.of(Sqs))
        cluster, services, groups, roles, log_groups = self._workloads(network, secrets, repositories)
        order = {name: index for index, name in enumerate(spec.components)}
        workloads = sorted(services + groups, key=lambda w: order[w.component])

        load_balancers = self._load_balancers(workloads, network)
        databases, caches = self._databases(database_specs, network), self._caches(cache_specs, network)
        has_dns = any(z.hosted_zones for _, z in self.of(Route53))
        cdn_ids = [slug(n) for n, _ in self.of(CloudFront)] if edge.has_origin(spec) else []
        web_acls = edge.web_acls(spec, load_balancers, cdn_ids)
        buckets, distributions = edge.buckets_and_distributions(
            spec, load_balancers, has_dns, {acl.protects: acl.id for acl in web_acls})
        self._edge_parameters(distributions, has_dns)

        topics = messaging.topics(spec.name, self.of(Sns))
        for parameter in messaging.subscriber_parameters(topics):
            self.parameter(parameter)
        alarms = self._alarms(cluster, services, groups, network, databases, caches, load_balancers, topics)
        scaling, schedules = self._scaling(workloads)
        queue_scaling = self._queue_scaling(services)
        made = serverless.build(spec, network, load_balancers, loaded, workloads=tuple(workloads))
        if any(api.verify_tls for api in made.apis):  # a private integration verifies the name over TLS
            self.parameter(Parameter(
                edge.DOMAIN_PARAMETER, "domain_name",
                f"Domain the service answers on; the load balancer is {edge.API_SUBDOMAIN}.<domain>",
                example="example.com"))
        ops = operations.build(spec, workloads, databases, network, self._certificate)
        roles += ops.roles
        self.notes += ops.notes
        plan = Plan(
            name=spec.name, region=spec.region, environment=spec.environment,
            availability_target=spec.availability_target,
            components=tuple((name, c.kind) for name, c in spec.components.items()),
            network=network,
            security_groups=operations.security_groups(serverless.reach_stores(
                serverless.admit(self._security_groups(network, workloads, load_balancers, databases, caches)
                                 + made.security_groups, made.ingress),
                made.functions, [(d.component, d.security_group, d.port, N_("database")) for d in databases]
                + [(c.component, c.security_group, c.port, N_("cache")) for c in caches]),
                ops.elements, network.cidr, workloads),
            roles=tuple(roles) + made.roles, secrets=secrets, parameters=tuple(self.parameters.values()), cluster=cluster,
            services=tuple(services), instance_groups=tuple(groups), load_balancers=load_balancers,
            databases=databases, caches=caches, buckets=buckets, distributions=distributions,
            dns_zones=edge.dns_zones(spec, load_balancers, distributions), web_acls=web_acls,
            repositories=repositories, log_groups=tuple(log_groups) + made.log_groups, alarms=alarms,
            dashboards=self._dashboards(alarms, load_balancers),
            scaling_policies=scaling, scheduled_scaling=schedules, notes=tuple(self.notes),
            ci=ci.pipeline(spec, cluster, services, repositories),
            queues=self.queues, topics=topics, queue_scaling=queue_scaling, alarm_topic=messaging.alarm_topic(topics),
            functions=made.functions, apis=made.apis, tables=made.tables, user_pools=made.user_pools,
            operations=ops.elements + elastic_ips.build(spec),
        )
        _require_unique_ids(plan, loaded)
        return plan

    # ------------------------------------------------------------------------------------------ network

    def _network(self, workloads, databases, caches, has_secrets: bool) -> Network:
        spec = self.spec
        nat = nat_component(spec)
        network = build_network(spec, NetworkNeeds(
            self.az_count, self._tiers(workloads, databases + caches, nat),
            fargate_in_app_tier=any(not c.public_ip for _, c in workloads if isinstance(c, FARGATE_KINDS)),
            instances_in_app_tier=any(not c.public_ip for _, c in workloads if not isinstance(c, FARGATE_KINDS)),
            services_read_secrets=has_secrets,
        ))
        if not nat and any(e.component is None for e in network.endpoints):
            self.notes.append(N_("no NAT: the plan adds VPC endpoints so private workloads can pull images, write "
                                 "logs and read secrets; they cannot reach other internet hosts"))
        return network

    def _tiers(self, workloads, stores, nat) -> tuple[Tier, ...]:
        public = bool(self.of(Alb) or nat or any(c.public_ip for _, c in workloads))
        app = any(not c.public_ip for _, c in workloads) or any(f.vpc for _, f in self.of(LambdaFunction))
        if not (public or app) and any(c.type == "interface" for _, c in self.of(VpcEndpoint)):
            app = True  # interface endpoints need subnets of their own
        return tuple(t for t, wanted in (("public", public), ("app", app), ("data", bool(stores))) if wanted)

    def _az_count(self) -> int:
        spec = self.spec
        databases = self.of(Rds, AuroraServerlessV2)
        wanted = max([spec.azs] + [alb.azs for _, alb in self.of(Alb)] + ([MIN_DATA_AZS] if databases else []))
        available = len(availability_zones(spec.region))
        if wanted > spec.azs:
            self.notes.append(N_("subnets span %(subnet_azs)s AZs though workloads use %(azs)s: load balancers and "
                                 "RDS subnet groups need every AZ they list") % {
                "subnet_azs": min(wanted, available), "azs": spec.azs})
        if wanted > available:
            self.notes.append(N_("%(region)s offers %(available)s AZs to the plan; %(wanted)s were asked for") % {
                "region": spec.region, "available": available, "wanted": wanted})
        return min(wanted, available)

    # ------------------------------------------------------------------------------------------ compute

    def _workloads(self, network, secrets, repositories):
        """The cluster, services, instance groups, and the roles and log groups they run with."""
        spec = self.spec
        workload_azs = min(spec.azs, self.az_count)

        subnets_of: dict[bool, tuple[str, ...]] = {}  # the same two answers for every workload

        def subnets(public: bool) -> tuple[str, ...]:
            found = subnets_of.get(public)
            if found is None:
                found = subnets_of[public] = tuple(
                    s.id for s in network.subnets_in("public" if public else "app", workload_azs))
            return found

        secret_ids = tuple(s.id for s in secrets)
        repositories_of: dict[str, list[Repository]] = {}
        for repository in repositories:
            repositories_of.setdefault(repository.workload, []).append(repository)
        buckets = tuple(slug(n) for n, _ in self.of(S3))
        retention = self._log_retention()
        environment, secret_vars = self._connections()
        cluster, services, groups, roles, log_groups = None, [], [], [], []
        service_specs = self.of(*FARGATE_KINDS)
        if service_specs:
            providers = sorted({cp.provider for _, c in service_specs for cp in c.capacity_providers})
            cluster = Cluster("cluster", resource_name(spec.name, limit=255), tuple(providers))
            # what a service's elements are made of besides the service itself, its name and its repositories
            queues = tuple((q.id, q.component, q.dead_letter_of) for q in self.queues)  # what _queue_access reads
            context = _context_number((spec.name, retention, secret_ids, buckets, cluster.id, subnets(True),
                                       subnets(False), environment, secret_vars, queues))
        for name, svc in service_specs:
            sid = slug(name)
            own = tuple(repositories_of.get(sid, ()))
            log_group, execution, task, image_parameter, service = _of_workload(
                "service", svc, (context, name, own), lambda: self._service(
                    name, svc, own, cluster, subnets(svc.public_ip), retention, secret_ids, buckets, environment,
                    secret_vars))
            self.parameter(image_parameter)
            roles += [execution, task]
            log_groups.append(log_group)
            services.append(service)
        group_specs = self.of(Ec2AutoScalingGroup, Ec2Instance)
        if group_specs:  # what a group's elements are made of besides the group itself, its name and repositories
            reads = _context_number((spec.name, retention, secret_ids, buckets, subnets(True), subnets(False)))
        for name, ec2 in group_specs:
            own = _ids_of(repositories_of.get(slug(name), ()))
            log_group, role, group = _of_workload("instance group", ec2, (reads, name, own), lambda: self._group(
                name, ec2, own, subnets(ec2.public_ip), retention, secret_ids, buckets))
            self._machine_image(group.arch)
            roles.append(role)
            log_groups.append(log_group)
            groups.append(group)
        for instance in network.nat_instances:
            self._machine_image(instance.arch)
        if network.nat_instances:
            first = network.nat_instances[0]
            roles.append(security.nat_instance_role(first.role, first.component))
        return cluster, services, groups, roles, log_groups

    def _group(self, name, ec2, own, subnets, retention, secret_ids, buckets) -> tuple:
        """(log group, role, instance group) of ec2_asg or ec2_instance `name`, made of nothing but the arguments
        and the spec's name: `_workloads` memoises them and asks for the machine image parameter itself."""
        gid = slug(name)
        arch = instance_arch(ec2.instance_type)
        log_group = LogGroup(f"{gid}-logs", name, f"/{self.spec.name}/{name}", retention)
        role = security.instance_role(gid, name, secret_ids, own, buckets)
        count = ec2.count if isinstance(ec2, Ec2Instance) else 0
        return log_group, role, InstanceGroup(
            gid, name, ec2, subnets, f"{gid}-security-group", ec2.public_ip, role.id, log_group.id,
            arch, machine_image_parameter(arch), tuple(f"{gid}-instance-{i}" for i in range(1, count + 1)),
        )

    def _service(self, name, svc, own, cluster, subnets, retention, secret_ids, buckets, environment, secret_vars
                 ) -> tuple:
        """(log group, execution role, task role, image parameter, service) of fargate_service or worker `name`,
        made of nothing but the arguments and `self.queues`: `_workloads` memoises them (see _of_workload)."""
        sid = slug(name)
        log_group = LogGroup(f"{sid}-logs", name, f"/{self.spec.name}/{name}", retention)
        execution, task = security.service_roles(sid, name, log_group.id, secret_ids, _ids_of(own), buckets)
        task = self._queue_access(svc, task)
        image, image_parameter = _image(sid, name, own)
        return log_group, execution, task, image_parameter, Service(
            sid, name, svc, cluster.id, subnets, f"{sid}-security-group", svc.public_ip,
            execution.id, task.id, log_group.id, image, environment, secret_vars,
            arch="arm64" if svc.arch == "arm" else "x86_64",
        )

    def _queue_access(self, svc, task):
        """A worker consumes its queue; a web service may send to every queue the spec has."""
        if isinstance(svc, Worker):
            queue = messaging.consumed_queue(svc, self.queues)
            return messaging.with_queue_access(task, queue) if queue else task
        return messaging.with_send_access(task, [q for q in self.queues if not q.dead_letter_of])

    def _queue_scaling(self, services) -> tuple:
        scaling = []
        for service in services:
            if isinstance(service.spec, Worker) and service.spec.scaling.metric == "queue_backlog":
                queue = messaging.consumed_queue(service.spec, self.queues)
                if queue:
                    scaling.append(messaging.queue_scaling(service.id, service.spec, queue))
                else:
                    self.notes.append(N_("%(name)s scales on its queue's backlog but names no sqs component as its "
                                         "queue: the plan scales it on CPU instead") % {"name": service.component})
        return tuple(scaling)

    def _repositories(self, workloads: list[str]) -> tuple[Repository, ...]:
        """One repository per workload, from the first ecr component (later ones get their own names)."""
        repositories = []
        for index, (name, _) in enumerate(self.of(Ecr)):
            prefix = self.spec.name if index == 0 else f"{self.spec.name}/{slug(name)}"
            made = _repositories_made.get((name, prefix))  # the same workloads' repositories in every variant
            if made is None or len(made) > SERVICES_KEPT:
                if len(_repositories_made) >= CONTEXTS_KEPT:
                    _repositories_made.clear()
                made = _repositories_made[(name, prefix)] = {}
            for w in workloads:
                found = made.get(w)
                if found is None:
                    found = made[w] = Repository(f"{slug(name)}-{w}", name, f"{prefix}/{w}".lower(), w)
                repositories.append(found)
        return tuple(repositories)

    def _machine_image(self, arch: str) -> str:
        return self.parameter(Parameter(
            machine_image_parameter(arch), "machine_image",
            f"Amazon Linux 2023 AMI for {arch} instances (SSM public parameter)",
            default=f"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{arch}"))

    def _secrets(self, dbs, caches) -> tuple[Secret, ...]:
        secrets = [Secret(_credentials(n), n, f"Master user and generated password of {n}", DB_USERNAME)
                   for n, _ in dbs]
        secrets += [Secret(_auth_token(n), n, f"Generated AUTH token of {n}")
                    for n, c in caches if c.engine != "memcached"]
        for name, count in self._placeholders(len(secrets)).items():
            secrets += [Secret(f"{slug(name)}-{i}", name,
                               f"Application secret {i} of {name}: a generated placeholder to replace after deploy")
                        for i in range(1, count + 1)]
        return tuple(secrets)

    def _placeholders(self, generated: int) -> dict[str, int]:
        """Application secrets per secrets_manager component. A spec's count includes the generated
        credentials and tokens (the seeds count the DB password among their secrets), so only the rest
        become placeholders."""
        counts, covered = {}, generated
        for name, component in self.of(SecretsManager):
            counts[name] = max(0, component.secrets - covered)
            covered = max(0, covered - component.secrets)
        return counts

    def _connections(self) -> tuple[tuple[EnvVar, ...], tuple[SecretVar, ...]]:
        """How code finds each data store: host and port in the environment, credentials from secrets."""
        env, secrets = [], []
        for name, db in self.of(Rds, AuroraServerlessV2):
            prefix = env_name(name)
            env += [EnvVar(f"{prefix}_HOST", Ref(slug(name), "endpoint")),
                    EnvVar(f"{prefix}_PORT", str(self._database_port(db))),
                    EnvVar(f"{prefix}_NAME", database_name(self.spec.name))]
            secrets += [SecretVar(f"{prefix}_USERNAME", _credentials(name), "username"),
                        SecretVar(f"{prefix}_PASSWORD", _credentials(name), "password")]
        for name, cache in self.of(ElastiCache):
            prefix = env_name(name)
            env += [EnvVar(f"{prefix}_HOST", Ref(slug(name), "endpoint")),
                    EnvVar(f"{prefix}_PORT", str(CACHE_PORTS[cache.engine])),
                    EnvVar(f"{prefix}_TLS", "true")]
            if cache.engine != "memcached":
                secrets.append(SecretVar(f"{prefix}_AUTH_TOKEN", _auth_token(name)))
        generated = len({v.secret for v in secrets})
        for name, count in self._placeholders(generated).items():
            secrets += [SecretVar(f"{env_name(name)}_{i}", f"{slug(name)}-{i}") for i in range(1, count + 1)]
        return tuple(env), tuple(secrets)

    @staticmethod
    def _scale_in(workload, counts) -> tuple[ScheduledScaleIn, str]:
        """The spec gives hours a week, not a schedule: spread them over seven nights ending at 07:00. The
        schedule and its note; it runs in the time zone parameter's zone."""
        scale_in = workload.spec.scale_in
        hours = min(max(round(scale_in.off_hours_per_week / 7), 1), 23)
        start = (NIGHT_ENDS_HOUR - hours) % 24
        note = N_("%(name)s: scale_in runs %(count)s from %(start)s:00 to %(end)s:00 every night (the spec gives "
                  "weekly hours, not a schedule)") % {
            "name": workload.component, "count": scale_in.count, "start": f"{start:02d}",
            "end": f"{NIGHT_ENDS_HOUR:02d}"}
        return ScheduledScaleIn(f"{workload.id}-scale-in", workload.id, scale_in.count, counts.min, counts.max,
                                start, NIGHT_ENDS_HOUR, TIME_ZONE_PARAMETER), note

    def _load_balancers(self, workloads, network) -> tuple[LoadBalancer, ...]:
        """Each ALB sends / to the first workload and /<name>/* to each other one (workers take no requests)."""
        workloads = [w for w in workloads if w.spec.port is not None]
        albs = self.of(Alb)
        if not albs:
            return ()
        certificate = self._certificate()
        load_balancers = []
        for name, alb in albs:
            lb_id = slug(name)
            target_groups = [_of_workload("target group", w, (lb_id, index), lambda: _target_group(lb_id, index, w))
                             for index, w in enumerate(workloads)]
            subnets = tuple(s.id for s in network.subnets_in("public", min(alb.azs, self.az_count)))
            load_balancers.append(LoadBalancer(lb_id, name, alb, subnets, f"{lb_id}-security-group", certificate,
                                               tuple(target_groups)))
        if workloads:
            self.notes.append(
                N_("load balancers route / to the first workload and /<name>/* to each other one; health checks "
                   "ask for / (the spec has no health-check path)") if len(workloads) > 1 else
                N_("load balancers route / to the first workload; health checks ask for / (the spec has no "
                   "health-check path)"))
        return tuple(load_balancers)

    def _certificate(self) -> str:
        if self._requests_certificates():
            return self.parameter(Parameter(
                CERTIFICATE_PARAMETER, "certificate_arn", "ACM certificate ARN for the load balancers' HTTPS listeners; "
                f"empty requests one for the domain and *.<domain>, {REQUESTED_CERTIFICATE}", default="",
                example="arn:aws:acm:us-east-1:123456789012:certificate/example"))
        return self.parameter(Parameter(
            CERTIFICATE_PARAMETER, "certificate_arn", "ACM certificate ARN for the load balancers' HTTPS listeners",
            example="arn:aws:acm:us-east-1:123456789012:certificate/example"))

    def _requests_certificates(self) -> bool:
        """With a hosted zone for the domain the stack can request its certificate itself, DNS-validated."""
        return any(z.hosted_zones for _, z in self.of(Route53))

    def _edge_parameters(self, distributions, has_dns: bool) -> None:
        if has_dns or any(d.origin_domain for d in distributions):
            self.parameter(Parameter(
                edge.DOMAIN_PARAMETER, "domain_name",
                f"Domain the service answers on; the load balancer is {edge.API_SUBDOMAIN}.<domain>",
                example="example.com"))
        if has_dns:
            self.parameter(Parameter(
                edge.HOSTED_ZONE_PARAMETER, "hosted_zone_id",
                "Id of the domain's existing Route 53 hosted zone, to add the records to; empty creates a zone",
                default=""))
        if any(d.certificate for d in distributions):
            # A stack requests certificates in its own region; CloudFront takes them from us-east-1 only.
            requested = self._requests_certificates() and self.spec.region == GLOBAL_CERTIFICATE_REGION
            self.parameter(Parameter(edge.CLOUDFRONT_CERTIFICATE_PARAMETER, "certificate_arn",
                                     "ACM certificate ARN in us-east-1 for the CloudFront domain" + (
                                         f"; empty requests one, {REQUESTED_CERTIFICATE}" if requested else ""),
                                     default="" if requested else None,
                                     example="arn:aws:acm:us-east-1:123456789012:certificate/example"))

    # ------------------------------------------------------------------------------------------ security

    def _security_groups(self, network, workloads, load_balancers, databases, caches):
        stores = [security.Store(d.id, d.component, d.port, d.security_group, N_("database")) for d in databases]
        stores += [security.Store(c.id, c.component, c.port, c.security_group, N_("cache")) for c in caches]
        nat = network.nat_instances[0] if network.nat_instances else None
        return security.security_groups(
            [_of_workload("security", w, None, lambda: _security_workload(w)) for w in workloads],
            [security.Entry(lb.id, lb.component, lb.security_group) for lb in load_balancers],
            stores,
            (nat.component, nat.security_group) if nat else None,
            tuple(s.cidr for s in network.subnets_in("app")),
            "endpoint-security-group" if any(e.type == "interface" for e in network.endpoints) else None,
        )

    # ------------------------------------------------------------------------------------------ data

    @staticmethod
    def _database_port(db) -> int:
        return getattr(db, "port", None) or DATABASE_PORTS[db.engine]

    def _data_subnets(self, network) -> tuple[str, ...]:
        return tuple(s.id for s in network.subnets_in("data"))

    def _databases(self, dbs, network) -> tuple[Database, ...]:
        production = self.spec.environment == "production"
        plans = []
        for name, db in dbs:
            engine, version = ENGINES[(db.kind, db.engine)]
            backups = db.backup_retention_days if isinstance(db, Rds) else AURORA_BACKUP_RETENTION_DAYS
            plans.append(Database(slug(name), name, db, engine, version, self._database_port(db),
                                  database_name(self.spec.name), self._data_subnets(network),
                                  f"{slug(name)}-security-group", _credentials(name), backups, production))
        return tuple(plans)

    def _caches(self, caches, network) -> tuple[Cache, ...]:
        production = self.spec.environment == "production"
        plans = []
        for name, cache in caches:
            group_id = resource_name(self.spec.name, name, limit=NAME_LIMIT_CACHE)
            memcached = cache.engine == "memcached"
            cluster_mode = not memcached and cache.shards > 1
            if memcached:
                primaries = (group_id,)
            elif cluster_mode:
                primaries = tuple(f"{group_id}-{shard:04d}-001" for shard in range(1, cache.shards + 1))
            else:
                primaries = (f"{group_id}-001",)
            plans.append(Cache(
                slug(name), name, cache, CACHE_VERSIONS[cache.engine], CACHE_PORTS[cache.engine],
                self._data_subnets(network), f"{slug(name)}-security-group",
                None if memcached else _auth_token(name), cluster_mode, group_id, primaries,
                0 if memcached else CACHE_SNAPSHOT_RETENTION_DAYS, production and not memcached,
            ))
        return tuple(plans)

    # ------------------------------------------------------------------------------------------ monitoring

    def _alarms(self, cluster, services, groups, network, databases, caches, load_balancers, topics=()) -> tuple:
        alarms = []
        for service in services:
            alarms += monitoring.service_alarms(service, cluster.id)
        for group in groups:
            alarms += monitoring.instance_group_alarms(group)
        alarms += monitoring.nat_alarms(network.nat_gateways, network.nat_instances)
        for db in databases:
            alarms += monitoring.database_alarms(db)
        for cache in caches:
            alarms += monitoring.cache_alarms(cache)
        for lb in load_balancers:
            alarms += monitoring.load_balancer_alarms(lb)
        for queue in self.queues:
            alarms += messaging.queue_alarms(queue)
        if alarms and not messaging.alarm_topic(topics):
            self.parameter(Parameter(NOTIFICATION_PARAMETER, "notification_topic",
                                     "SNS topic ARN every alarm notifies; empty for none", default="",
                                     example="arn:aws:sns:us-east-1:123456789012:alerts"))
        return tuple(alarms)

    def _dashboards(self, alarms, load_balancers) -> tuple:
        """One per cloudwatch component, when there is anything to graph."""
        if not (alarms or load_balancers):
            return ()
        return tuple(monitoring.dashboard(slug(name), name, resource_name(self.spec.name, name, limit=255), alarms,
                                          load_balancers) for name, _ in self.of(CloudWatch))

    def _scaling(self, workloads) -> tuple[tuple, tuple]:
        scaling, schedules = [], []
        queues = _context_number(tuple((q.id, q.component, q.dead_letter_of) for q in self.queues))  # all it reads
        for workload in workloads:
            policies, schedule = _of_workload("scaling", workload, queues, lambda: self._workload_scaling(workload))
            scaling += policies
            if schedule:
                self.parameter(Parameter(TIME_ZONE_PARAMETER, "time_zone",
                                         "IANA time zone of the nightly scale-in schedule", default="UTC",
                                         example="Asia/Seoul"))
                schedules.append(schedule[0])
                self.notes.append(schedule[1])
        if self.spec.running_hours_per_week < HOURS_PER_WEEK:
            self.notes.append(N_("running_hours_per_week %(hours)s: the bill assumes compute and databases stop "
                                 "outside those hours; the template runs them all week (stop them with a scheduler "
                                 "of your choice)") % {"hours": f"{self.spec.running_hours_per_week:g}"})
        return tuple(scaling), tuple(schedules)

    def _workload_scaling(self, workload) -> tuple[tuple, tuple]:
        """(`workload`'s scaling policies, its scheduled scale-in and note, or ()): made of nothing but the workload
        and `self.queues`, as `_scaling` memoises them."""
        if isinstance(workload, InstanceGroup) and workload.instances:
            return (), ()  # fixed instances do not scale
        counts = workload.spec.tasks if isinstance(workload, Service) else workload.spec.instances
        if isinstance(workload.spec, Worker):
            if workload.spec.scaling.metric == "cpu" or not messaging.consumed_queue(workload.spec, self.queues):
                return monitoring.scaling_policy(workload.id, counts, workload.spec.scaling.target_cpu_percent), ()
            return (), ()
        policies = monitoring.scaling_policy(workload.id, counts)
        return policies, self._scale_in(workload, counts) if workload.spec.scale_in else ()

    def _log_retention(self) -> int:
        watches = self.of(CloudWatch)
        requested = watches[0][1].log_retention_days if watches else monitoring.DEFAULT_LOG_RETENTION_DAYS
        days = monitoring.retention_days(requested)
        if days != requested:
            self.notes.append(N_("log retention %(requested)s days is not a period CloudWatch offers; using %(days)s")
                              % {"requested": requested, "days": days})
        return days


def _image(service: str, component: str, own: tuple[Repository, ...]) -> tuple[ContainerImage, Parameter]:
    """The service's image and the parameter that names it: from the service's own repository (the first, when
    several ecr components give it one)."""
    if own:
        tag = Parameter(IMAGE_TAG_PARAMETER, "image_tag", "Image tag every service runs, pushed to its ECR repository",
                        example="v1.0.0")
        return ContainerImage(tag.id, own[0].id), tag
    parameter = Parameter(f"{service}-image", "image", f"Container image URI of {component}",
                          example=PLACEHOLDER_IMAGE)
    return ContainerImage(parameter.id), parameter


def _target_group(lb_id: str, index: int, workload) -> TargetGroup:
    """Load balancer `lb_id`'s target group for its `index`th workload: / for the first, /<id>/* for the others."""
    patterns = () if index == 0 else (f"/{workload.id}", f"/{workload.id}/*")
    return TargetGroup(f"{lb_id}-{workload.id}-targets", workload.id, workload.spec.port,
                       "ip" if isinstance(workload, Service) else "instance", patterns, index * 10 or None,
                       sticky=getattr(workload.spec, "websocket", False))


def _security_workload(workload) -> security.Workload:
    return security.Workload(workload.id, workload.component, workload.spec.port, workload.public_ip,
                             workload.security_group)


def _credentials(database: str) -> str:
    return f"{slug(database)}-credentials"


def _auth_token(cache: str) -> str:
    return f"{slug(cache)}-auth-token"


def _ids_of(repositories) -> tuple[str, ...]:
    return tuple(r.id for r in repositories)


def _require_unique_ids(plan: Plan, loaded: LoadedSpec | None) -> None:
    """Component names become ids; two that normalise alike (`my-db`, `my_db`) or that match a generated
    id (`nat-a` next to a nat called `nat`) would collide in every renderer."""
    groups = _element_groups(plan)
    count = sum(map(len, groups)) + (plan.cluster is not None) + sum(len(g.instances) for g in plan.instance_groups)
    if len({element.id for elements in groups for element in elements} | _other_ids(plan)) == count:
        return  # the usual case, found without pairing each id with its component
    ids = _ids(plan)
    owners: dict[str, list[str | None]] = {}
    for element_id, component in ids:
        owners.setdefault(element_id, []).append(component)
    problems = []
    for element_id, components in sorted(owners.items()):
        if len(components) < 2:
            continue
        named = sorted({c for c in components if c})
        message = (f"components {' and '.join(repr(c) for c in named)} both produce the name '{element_id}' in the "
                   "generated templates; rename one so the names differ in more than case and punctuation")
        problems.append(loaded.problem(("components", named[-1]), message) if loaded else message)
    if problems:
        raise UserError(problems)


def _other_ids(plan: Plan) -> set[str]:
    """The ids of the cluster and the instances, which `_element_groups` leaves out."""
    ids = {instance for group in plan.instance_groups for instance in group.instances}
    return ids | {plan.cluster.id} if plan.cluster else ids


def _ids(plan: Plan) -> list[tuple[str, str | None]]:
    """(id, component) of every element of the plan (gathered by comprehension: 10,600 at 1,000 services)."""
    ids = [(element.id, getattr(element, "component", None)) for elements in _element_groups(plan)
           for element in elements]
    if plan.cluster:
        ids.append((plan.cluster.id, None))
    ids += [(instance, group.component) for group in plan.instance_groups for instance in group.instances]
    return ids


def _element_groups(plan: Plan) -> list:
    """The plan's sequences of elements with an id (all but the cluster and the instances' ids)."""
    network = plan.network
    nested = [network.subnets, network.route_tables, network.nat_gateways, network.nat_instances, network.endpoints]
    nested += [lb.target_groups for lb in plan.load_balancers]
    nested += [getattr(e, "target_groups", ()) for e in plan.operations]
    nested += [d.origins for d in plan.distributions] + [z.records for z in plan.dns_zones]
    nested += [t.subscriptions for t in plan.topics]
    top = [getattr(plan, f.name) for f in fields(plan)]
    return nested + [v for v in top if isinstance(v, tuple) and v and hasattr(v[0], "id")]
