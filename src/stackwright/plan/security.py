"""Security groups as a least-privilege chain, and IAM roles that hold only what each needs.

internet -> ALB (80, 443) -> workloads (their port) -> databases and caches (their port). Workloads
reach out on 443 only (AWS APIs and the internet, through NAT or endpoints). Nothing else is open to
0.0.0.0/0; SSH is never opened: instances are reached through SSM Session Manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from stackwright.plan.model import AccountArn, Join, Ref, Role, Rule, SecurityGroup, Statement
from stackwright.translatable import N_

WORLD = "0.0.0.0/0"
HTTP, HTTPS = 80, 443
LISTENER_PORTS = (HTTPS, HTTP)

ECS_TASKS = "ecs-tasks.amazonaws.com"
EC2 = "ec2.amazonaws.com"
SSM_CORE = "AmazonSSMManagedInstanceCore"
CLOUDWATCH_AGENT = "CloudWatchAgentServerPolicy"
ECR_PULL = ("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")


@dataclass(frozen=True)
class Workload:
    """A task or instance group as the security plan sees it."""

    id: str
    component: str
    port: int | None  # None: takes no connections (a worker)
    public: bool
    security_group: str


@dataclass(frozen=True)
class Store:
    """A database or cache: reachable on `port` from workloads only."""

    id: str
    component: str
    port: int
    security_group: str
    what: str  # "database" or "cache"


@dataclass(frozen=True)
class Entry:
    """A load balancer's security group."""

    id: str
    component: str
    security_group: str


def _port(port: int, description: str, *, cidr: str | None = None, group: str | None = None) -> Rule:
    return Rule(port, port, description, cidr=cidr, group=group)


def security_groups(
    workloads: list[Workload],
    entries: list[Entry],
    stores: list[Store],
    nat_instance: tuple[str, str] | None,  # (component, security group) of the NAT instances
    app_subnet_cidrs: tuple[str, ...],
    endpoint_group: str | None,
) -> tuple[SecurityGroup, ...]:
    return _security_groups(tuple(workloads), tuple(entries), tuple(stores), nat_instance, tuple(app_subnet_cidrs),
                            endpoint_group)


# bounds the memo below, keyed by all `security_groups` reads (frozen records of strings and numbers; a
# SecurityGroup is frozen, so plans share them): the optimiser builds a plan per variant, most with the same groups
SECURITY_GROUPS_KEPT = 1024


@lru_cache(maxsize=SECURITY_GROUPS_KEPT)
def _security_groups(workloads: tuple[Workload, ...], entries: tuple[Entry, ...], stores: tuple[Store, ...],
                     nat_instance: tuple[str, str] | None, app_subnet_cidrs: tuple[str, ...],
                     endpoint_group: str | None) -> tuple[SecurityGroup, ...]:
    groups = []
    for entry in entries:
        groups.append(SecurityGroup(
            entry.security_group, entry.component, f"Load balancer {entry.component}: HTTPS and HTTP from the internet",
            ingress=tuple(_port(p, N_("HTTPS from the internet") if p == HTTPS else N_("HTTP (redirected to HTTPS) from the internet"),
                                cidr=WORLD) for p in LISTENER_PORTS),
            egress=tuple(_port(w.port, N_("to %(name)s on its port") % {"name": w.component}, group=w.security_group)
                         for w in workloads if w.port is not None),
        ))
    for w in workloads:
        ingress = [_port(w.port, N_("from load balancer %(name)s") % {"name": e.component}, group=e.security_group)
                   for e in entries if w.port is not None]  # a worker (no port) takes no connections
        if w.public and not entries:
            # No load balancer: the workload is the entry point, on the listener ports only.
            ingress += [_port(p, N_("from the internet (no load balancer)"), cidr=WORLD) for p in LISTENER_PORTS]
        egress = [_port(HTTPS, N_("AWS APIs and the internet over TLS"), cidr=WORLD)]
        egress += [_port(s.port, N_("to %(what)s %(name)s") % {"what": s.what, "name": s.component}, group=s.security_group) for s in stores]
        groups.append(SecurityGroup(w.security_group, w.component, f"Workload {w.component}",
                                    tuple(ingress), tuple(egress)))
    for s in stores:
        groups.append(SecurityGroup(
            s.security_group, s.component, f"{s.what.capitalize()} {s.component}: its port from the workloads only",
            ingress=tuple(_port(s.port, N_("from %(name)s") % {"name": w.component}, group=w.security_group) for w in workloads),
            egress=(),
        ))
    if nat_instance:
        component, group = nat_instance
        groups.append(SecurityGroup(
            group, component, f"NAT instance {component}: HTTPS from the private app subnets, out to the internet",
            ingress=tuple(_port(HTTPS, N_("HTTPS from the private app subnets"), cidr=c) for c in app_subnet_cidrs),
            egress=(_port(HTTPS, N_("to the internet over TLS"), cidr=WORLD),),
        ))
    if endpoint_group:
        groups.append(SecurityGroup(
            endpoint_group, None, "Interface VPC endpoints: HTTPS from the workloads",
            ingress=tuple(_port(HTTPS, N_("from %(name)s") % {"name": w.component}, group=w.security_group) for w in workloads),
            egress=(),
        ))
    return tuple(groups)


# ---------------------------------------------------------------------------------------------- IAM


def _read_secrets(secrets: tuple[str, ...]) -> tuple[Statement, ...]:
    if not secrets:
        return ()
    return (Statement("ReadOwnSecrets", ("secretsmanager:GetSecretValue",), tuple(Ref(s, "arn") for s in secrets)),)


def _pull_images(repositories: tuple[str, ...]) -> tuple[Statement, ...]:
    """ECR pulls: the token call takes no resource; layer reads are limited to the stack's repositories
    (any repository of the account when the stack has none, for images pushed elsewhere)."""
    scope = tuple(Ref(r, "arn") for r in repositories) or (AccountArn("ecr", "repository/*"),)
    return (
        Statement("EcrAuthorizationToken", ("ecr:GetAuthorizationToken",), ("*",)),
        Statement("PullImages", ECR_PULL, scope),
    )


def _use_buckets(buckets: tuple[str, ...]) -> tuple[Statement, ...]:
    if not buckets:
        return ()
    return (
        Statement("ListBuckets", ("s3:ListBucket",), tuple(Ref(b, "arn") for b in buckets)),
        Statement("ReadWriteObjects", ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                  tuple(Join((Ref(b, "arn"), "/*")) for b in buckets)),
    )


# bounds the role memos below, keyed by all the builders read (strings and tuples of them; a Role is frozen, so plans
# share them): the optimiser builds a plan per variant, with the same workloads' roles over and over
ROLES_KEPT = 4096


@lru_cache(maxsize=ROLES_KEPT)
def service_roles(service: str, component: str, log_group: str, secrets: tuple[str, ...],
                  repositories: tuple[str, ...], buckets: tuple[str, ...]) -> tuple[Role, Role]:
    """ECS needs the execution role to start the task; the application runs with the task role."""
    execution = Role(
        f"{service}-execution-role", component,
        f"Starts {component}'s tasks: pulls its image, writes its log group, reads its secrets",
        ECS_TASKS, (),
        _pull_images(repositories)
        + (Statement("WriteOwnLogs", ("logs:CreateLogStream", "logs:PutLogEvents"), (Ref(log_group, "arn"),)),)
        + _read_secrets(secrets),
    )
    task = Role(f"{service}-task-role", component, f"What {component}'s code may call: the stack's buckets only",
                ECS_TASKS, (), _use_buckets(buckets))
    return execution, task


@lru_cache(maxsize=ROLES_KEPT)
def instance_role(group: str, component: str, secrets: tuple[str, ...], repositories: tuple[str, ...],
                  buckets: tuple[str, ...]) -> Role:
    return Role(
        f"{group}-instance-role", component,
        f"{component}'s instances: SSM Session Manager (no SSH), the CloudWatch agent, the stack's secrets and buckets",
        EC2, (SSM_CORE, CLOUDWATCH_AGENT),
        (_pull_images(repositories) if repositories else ()) + _read_secrets(secrets) + _use_buckets(buckets),
        instance_profile=True,
    )


def nat_instance_role(role: str, component: str) -> Role:
    return Role(role, component, f"NAT instance {component}: SSM Session Manager only", EC2, (SSM_CORE,), (),
                instance_profile=True)
