"""Plan elements of the account services the seeds run beside the application — KMS keys, X-Ray sampling,
CloudTrail trails, VPC Flow Logs, GuardDuty, AWS Backup, Parameter Store, Cloud Map — and of Network Load
Balancers; and how a spec's components of those kinds become them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Union

from stackwright.plan.kinds import components_of
from stackwright.plan.model import Join, Ref, Role, Rule, SecurityGroup, Statement, TargetGroup
from stackwright.plan.naming import resource_name, slug
from stackwright.spec import model as spec_model
from stackwright.translatable import N_

SAMPLING_RULE_PRIORITY = 1000  # below any rule a team writes by hand (lower numbers win)
SCHEDULES = {"daily": "cron(0 5 * * ? *)", "weekly": "cron(0 5 ? * SUN *)"}  # 05:00 UTC, after most peaks
BACKUP_POLICY = "service-role/AWSBackupServiceRolePolicyForBackup"
RESTORE_POLICY = "service-role/AWSBackupServiceRolePolicyForRestores"
DNS_TTL_SECONDS = 10  # Cloud Map A records: tasks come and go within seconds of scaling


@dataclass(frozen=True)
class EncryptionKey:
    """A symmetric customer managed key with its alias; the account's root may administer it."""

    id: str
    component: str
    spec: spec_model.KmsKey
    alias: str


@dataclass(frozen=True)
class SamplingRule:
    """X-Ray: which requests the instrumented services trace (reservoir per second, then a fixed rate)."""

    id: str
    component: str
    spec: spec_model.Xray
    rule_name: str


@dataclass(frozen=True)
class LogBucket:
    """A private, encrypted bucket that one AWS service writes logs to and expires them after `retention_days`."""

    id: str
    component: str
    writer: Literal["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"]
    retention_days: int


@dataclass(frozen=True)
class Trail:
    """A multi-Region trail of management events (and the first trail's data events) to `bucket`."""

    id: str
    component: str
    spec: spec_model.CloudTrail
    name: str
    bucket: str
    first: bool  # the free copy of management events, and the one logging data events


@dataclass(frozen=True)
class FlowLog:
    """The VPC's flow log records to a log group (through `role`) or to a bucket."""

    id: str
    component: str
    spec: spec_model.VpcFlowLogs
    destination: str  # the log group's or bucket's id
    log_group_name: str | None
    role: str | None


@dataclass(frozen=True)
class ThreatDetector:
    """GuardDuty on: foundational sources always; S3 data events as the spec says; paid add-ons off."""

    id: str
    component: str
    spec: spec_model.GuardDuty


@dataclass(frozen=True)
class BackupSchedule:
    """An AWS Backup vault, a plan with one rule and a selection of resources (their ARNs)."""

    id: str
    component: str
    spec: spec_model.BackupPlan
    vault: str  # its id; the plan's is `id`, the selection's `<id>-selection`
    role: str
    targets: tuple[str, ...]  # database ids
    schedule: str
    key: str | None  # the spec's first KMS key encrypts the vault; AWS's managed key without one


@dataclass(frozen=True)
class ParameterStore:
    """Parameters `/<spec>/<component>/<n>` created with a placeholder value the team replaces."""

    id: str
    component: str
    spec: spec_model.SsmParameters
    prefix: str  # `/<spec>/<component id>/`
    parameters: tuple[tuple[str, str], ...]  # (name, tier)


@dataclass(frozen=True)
class Namespace:
    """A Cloud Map private DNS namespace in the VPC and one service per registered workload."""

    id: str
    component: str
    spec: spec_model.ServiceDiscovery
    name: str
    services: tuple[str, ...]  # the registered services' plan ids


@dataclass(frozen=True)
class NlbListener:
    port: int
    protocol: str


@dataclass(frozen=True)
class NetworkLoadBalancer:
    """A Network Load Balancer forwarding each listener's port to the target workload's port."""

    id: str
    component: str
    spec: spec_model.Nlb
    subnets: tuple[str, ...]
    target: str  # Service or InstanceGroup id
    target_port: int
    target_type: Literal["ip", "instance"]
    listeners: tuple[NlbListener, ...]
    target_groups: tuple[TargetGroup, ...]  # one per listener, in the same order
    security_group: str
    certificate: str | None  # parameter id, for TLS listeners

    def listener_id(self, listener: NlbListener) -> str:
        return f"{self.id}-listener-{listener.port}-{listener.protocol.lower().replace('_', '-')}"


Element = Union[EncryptionKey, SamplingRule, LogBucket, Trail, FlowLog, ThreatDetector, BackupSchedule,
                ParameterStore, Namespace, NetworkLoadBalancer]
KINDS = ("kms_key", "xray", "cloudtrail", "vpc_flow_logs", "guardduty", "backup_plan", "ssm_parameters",
         "service_discovery", "nlb")


OPERATIONS_KINDS = (spec_model.KmsKey, spec_model.Xray, spec_model.CloudTrail, spec_model.VpcFlowLogs,
                    spec_model.GuardDuty, spec_model.BackupPlan, spec_model.SsmParameters, spec_model.ServiceDiscovery,
                    spec_model.Nlb)  # the kinds `build` makes elements of


@dataclass(frozen=True)
class Built:
    elements: tuple[Element, ...]
    roles: tuple[Role, ...]
    notes: tuple[str, ...]


def build(spec: spec_model.Spec, workloads, databases, network, certificate) -> Built:
    """The elements of the spec's components of these kinds, in spec order. `workloads`, `databases` and
    `network` are the plan's; `certificate()` gives the certificate parameter's id."""
    elements, roles, notes = [], [], []
    first_key = next((f"{slug(n)}" if c.keys == 1 else f"{slug(n)}-1"
                      for n, c in components_of(spec, spec_model.KmsKey)), None)
    ours = components_of(spec, *OPERATIONS_KINDS)  # a thousand workloads are none of these
    by_component = {w.component: w for w in workloads} if any(isinstance(c, spec_model.Nlb) for _, c in ours) else {}
    for name, c in ours:
        sid = slug(name)
        if isinstance(c, spec_model.KmsKey):
            for index in range(1, c.keys + 1):
                key_id = sid if c.keys == 1 else f"{sid}-{index}"
                elements.append(EncryptionKey(key_id, name, c, f"alias/{spec.name}/{key_id}"))
        elif isinstance(c, spec_model.Xray):
            elements.append(SamplingRule(sid, name, c, resource_name(spec.name, name, limit=32)))
            notes.append(N_("%(name)s: X-Ray records traces only from instrumented code; add the X-Ray SDK or "
                            "OpenTelemetry and an X-Ray daemon or ADOT collector sidecar to the tasks")
                         % {"name": name})
        elif isinstance(c, spec_model.CloudTrail):
            bucket = f"{sid}-bucket"
            elements.append(LogBucket(bucket, name, "cloudtrail.amazonaws.com", c.retention_days))
            for index in range(1, c.trails + 1):
                trail_id = sid if index == 1 else f"{sid}-{index}"
                elements.append(Trail(trail_id, name, c, resource_name(spec.name, trail_id, limit=128), bucket,
                                      index == 1))
        elif isinstance(c, spec_model.VpcFlowLogs):
            if c.destination == "s3":
                bucket = f"{sid}-bucket"
                elements.append(LogBucket(bucket, name, "delivery.logs.amazonaws.com", c.retention_days))
                elements.append(FlowLog(sid, name, c, bucket, None, None))
            else:
                group, role = f"{sid}-log-group", f"{sid}-role"
                roles.append(Role(role, name, f"Lets VPC Flow Logs deliver {name}'s records to its log group",
                                  "vpc-flow-logs.amazonaws.com", (), (Statement(
                                      "DeliverFlowLogs", ("logs:CreateLogStream", "logs:PutLogEvents",
                                                          "logs:DescribeLogStreams"),
                                      (Join((Ref(group, "arn"), ":*")),)),)))
                elements.append(FlowLog(sid, name, c, group, f"/{spec.name}/{sid}", role))
        elif isinstance(c, spec_model.GuardDuty):
            elements.append(ThreatDetector(sid, name, c))
        elif isinstance(c, spec_model.BackupPlan):
            chosen = c.resources or [d.component for d in databases]
            targets = tuple(d.id for d in databases if d.component in chosen)
            role = f"{sid}-role"
            roles.append(Role(role, name, f"Lets AWS Backup back up and restore {name}'s resources",
                              "backup.amazonaws.com", (BACKUP_POLICY, RESTORE_POLICY), ()))
            elements.append(BackupSchedule(sid, name, c, f"{sid}-vault", role, targets, SCHEDULES[c.schedule],
                                           first_key))
            if not targets:
                notes.append(N_("%(name)s: no database to back up; the backup plan selects nothing until one is "
                                "added") % {"name": name})
        elif isinstance(c, spec_model.SsmParameters):
            prefix = f"/{spec.name}/{sid}/"
            parameters = tuple((f"{prefix}parameter-{i}", "Advanced" if i <= c.advanced else "Standard")
                               for i in range(1, c.advanced + c.standard + 1))
            elements.append(ParameterStore(sid, name, c, prefix, parameters))
        elif isinstance(c, spec_model.ServiceDiscovery):
            services = tuple(w.id for w in registered(c, workloads))
            elements.append(Namespace(sid, name, c, c.namespace, services))
        elif isinstance(c, spec_model.Nlb):
            target = by_component[c.target]
            tls = any(listener.protocol == "TLS" for listener in c.listeners)
            target_type = "ip" if target.spec.kind == "fargate_service" else "instance"
            listeners = tuple(dict.fromkeys(NlbListener(li.port, li.protocol) for li in c.listeners))
            groups = tuple(TargetGroup(f"{sid}-{li.port}-{li.protocol.lower().replace('_', '-')}-targets", target.id,
                                       target.spec.port, target_type, (), None) for li in listeners)
            elements.append(NetworkLoadBalancer(
                sid, name, c, tuple(s.id for s in network.subnets_in("app" if c.internal else "public", c.azs)),
                target.id, target.spec.port, target_type, listeners, groups, f"{sid}-security-group",
                certificate() if tls else None))
    return Built(tuple(elements), tuple(roles), tuple(notes))


def security_groups(groups: tuple[SecurityGroup, ...], elements, vpc_cidr: str,
                    workloads) -> tuple[SecurityGroup, ...]:
    """`groups` with each Network Load Balancer's own group (its listener ports from the internet, or the
    VPC when internal; out to its target's port) and the target's group opened to it."""
    nlbs = [e for e in elements if isinstance(e, NetworkLoadBalancer)]
    if not nlbs:
        return groups
    target_groups = {w.id: w.security_group for w in workloads}
    opened: dict[str, list[Rule]] = {}
    added = []
    for nlb in nlbs:
        source = vpc_cidr if nlb.spec.internal else WORLD
        target_group = target_groups[nlb.target]
        protocols = {li.protocol for li in nlb.listeners}
        ingress = tuple(Rule(li.port, li.port, N_("listener from the VPC") if nlb.spec.internal else
                             N_("listener from the internet"), cidr=source, protocol=protocol)
                        for li in nlb.listeners for protocol in _ip_protocols(li.protocol))
        egress = tuple(Rule(nlb.target_port, nlb.target_port, N_("to %(name)s on its port") % {
            "name": nlb.spec.target}, group=target_group, protocol=protocol)
            for protocol in sorted({p for proto in protocols for p in _ip_protocols(proto)}))
        added.append(SecurityGroup(nlb.security_group, nlb.component, f"Network Load Balancer {nlb.component}",
                                   tuple(dict.fromkeys(ingress)), egress))
        opened.setdefault(target_group, []).extend(
            Rule(r.from_port, r.to_port, N_("from load balancer %(name)s") % {"name": nlb.component},
                 group=nlb.security_group, protocol=r.protocol) for r in egress)
    changed = tuple(replace(g, ingress=g.ingress + tuple(opened[g.id])) if g.id in opened else g for g in groups)
    return changed + tuple(added)


def _ip_protocols(listener_protocol: str) -> tuple[str, ...]:
    return {"UDP": ("udp",), "TCP_UDP": ("tcp", "udp")}.get(listener_protocol, ("tcp",))


WORLD = "0.0.0.0/0"


def registered(discovery: spec_model.ServiceDiscovery, workloads) -> tuple:
    """The Fargate services (plan workloads) a service_discovery component registers: those it names, else every
    one. Each gets a Cloud Map service `<namespace id>-<service id>`, with A and SRV records: its tasks'
    addresses and container port, which an HTTP API's private integration needs."""
    chosen = discovery.services or [w.component for w in workloads if w.spec.kind == "fargate_service"]
    return tuple(w for w in workloads if w.component in chosen and w.spec.kind == "fargate_service")


def registries(plan, service_id: str) -> tuple[str, ...]:
    """The Cloud Map services (their plan ids) a Fargate service's tasks register in."""
    namespaces = of_type(plan, Namespace)
    return tuple(f"{n.id}-{service_id}" for n in namespaces if service_id in n.services) if namespaces else ()


def of_type(plan, element_type: type, component: str | None = None) -> tuple:
    """The plan's operations elements of `element_type` (made for `component` when given): found once per
    plan and type, as renderers ask per service."""
    by_type = plan.__dict__.setdefault("_operations_of_type", {})  # not a field: the plan is frozen
    found = by_type.get(element_type)
    if found is None:
        found = by_type[element_type] = tuple(e for e in plan.operations if isinstance(e, element_type))
    return found if component is None else plan.of(found, component)
