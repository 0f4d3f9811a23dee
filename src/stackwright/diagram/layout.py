"""Where each planned element sits in a picture, and which flows join them, neutral to how it is drawn.

The Graphviz diagram and the ASCII drawing in design.md both draw this one layout, so they always
show the same architecture: the internet side (users, Route 53, WAF, CloudFront, buckets it serves),
the VPC with one column per AZ and one band per subnet tier, and the regional services outside it.
Links come from the plan's security group rules and route tables, labelled with their ports.
"""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.diagram import operations
from stackwright.plan.model import Plan, Subnet
from stackwright.plan.naming import slug
from stackwright.plan.security import WORLD
from stackwright.spec.model import Spec

INTERNET = "internet"
# Kinds that are only lines on the bill: nothing of their own to draw.
COST_ONLY_KINDS = ("public_ipv4", "data_transfer")
# Icons of components the plan may leave unplaced (a WAF with nothing to protect, Route 53 without a zone).
_ICON_BY_KIND = {"route53": "dns", "waf": "waf", "cloudfront": "cdn", "vpc_endpoint": "endpoint", "s3": "bucket"}


@dataclass(frozen=True)
class Box:
    """One drawn element. `id` is `<component slug>--<where>` for elements made for a spec component."""

    id: str
    component: str | None
    icon: str  # what it is: alb, fargate, ec2, rds, aurora, cache, nat_gateway, nat_instance, endpoint, ...
    label: str
    detail: tuple[str, ...] = ()  # short lines: what it is, its size, its port
    security_group: str | None = None
    entry: bool = True  # receives its component's traffic (a standby or replica does not)


@dataclass(frozen=True)
class SubnetBand:
    subnet: Subnet
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Zone:
    az: str
    bands: tuple[SubnetBand, ...]


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Layout:
    name: str
    region: str
    vpc_cidr: str
    internet_side: tuple[Box, ...]
    zones: tuple[Zone, ...]
    vpc_wide: tuple[Box, ...]  # in the VPC but in no subnet: internet gateway, gateway endpoints
    regional: tuple[Box, ...]  # regional services outside the VPC
    links: tuple[Link, ...]

    def boxes(self) -> list[Box]:
        inside = [b for zone in self.zones for band in zone.bands for b in band.boxes]
        return [*self.internet_side, *inside, *self.vpc_wide, *self.regional]


def _id(component: str, where: str) -> str:
    return f"{slug(component)}--{where}"


def _letter(plan: Plan, az: str) -> str:
    return az.removeprefix(plan.region)


def _counts(counts) -> str:
    return f"{counts.min}–{counts.max}" if counts.min != counts.max else f"{counts.min}"


def _placed(plan: Plan) -> dict[str, list[Box]]:
    """Boxes that live in a subnet, by subnet id."""
    placed: dict[str, list[Box]] = {s.id: [] for s in plan.network.subnets}

    def put(subnet: str, box: Box) -> None:
        placed[subnet].append(box)

    for lb in plan.load_balancers:
        for subnet in lb.subnets:
            put(subnet, Box(_id(lb.component, _letter(plan, plan.subnet(subnet).az)), lb.component, "alb",
                            lb.component, ("ALB", ":443 :80"), lb.security_group))
    for nat in plan.network.nat_gateways:
        put(nat.subnet, Box(_id(nat.component, _letter(plan, nat.az)), nat.component, "nat_gateway", nat.id,
                            ("NAT gateway",)))
    for nat in plan.network.nat_instances:
        put(nat.subnet, Box(_id(nat.component, _letter(plan, nat.az)), nat.component, "nat_instance", nat.id,
                            ("NAT instance", f"{nat.instance_type} :443"), nat.security_group))
    for service in plan.services:
        s = service.spec
        detail = (f"Fargate {s.cpu:g} vCPU/{s.memory_gb:g} GB", f"×{_counts(s.tasks)} tasks :{s.port}"
                  if s.port is not None else f"worker ×{_counts(s.tasks)} tasks, no port")
        for subnet in service.subnets:
            put(subnet, Box(_id(service.component, _letter(plan, plan.subnet(subnet).az)), service.component,
                            "fargate", service.component, detail, service.security_group))
    for group in plan.instance_groups:
        spec = group.spec
        if group.instances:
            for index, instance in enumerate(group.instances):
                subnet = group.subnets[index % len(group.subnets)]
                put(subnet, Box(_id(group.component, instance.removeprefix(f"{group.id}-")), group.component, "ec2",
                                instance, (f"EC2 {spec.instance_type}", f":{spec.port}"), group.security_group))
        else:
            detail = (f"EC2 Auto Scaling {spec.instance_type}", f"×{_counts(spec.instances)} :{spec.port}")
            for subnet in group.subnets:
                put(subnet, Box(_id(group.component, _letter(plan, plan.subnet(subnet).az)), group.component,
                                "ec2_group", group.component, detail, group.security_group))
    for endpoint in plan.network.endpoints:
        for subnet in endpoint.subnets:
            owner = endpoint.component or endpoint.id
            put(subnet, Box(_id(owner, f"{slug(endpoint.service)}-{_letter(plan, plan.subnet(subnet).az)}"),
                            endpoint.component, "endpoint", endpoint.id, ("interface endpoint", f"{endpoint.service} :443"),
                            endpoint.security_group))
    for db in plan.databases:
        for index, (role, entry) in enumerate(_database_members(db.spec)):
            subnet = db.subnets[index % len(db.subnets)]
            icon = "aurora" if db.spec.kind == "aurora_serverless_v2" else "rds"
            size = (f"{db.spec.min_acu:g}–{db.spec.max_acu:g} ACU" if icon == "aurora"
                    else db.spec.instance_class)
            put(subnet, Box(_id(db.component, role), db.component, icon, f"{db.component} {role}",
                            (f"{db.engine} {size}", f":{db.port}"), db.security_group, entry))
    for cache in plan.caches:
        spec = cache.spec
        for shard in range(1, spec.shards + 1):
            for member in range(spec.replicas_per_shard + 1):
                subnet = cache.subnets[member % len(cache.subnets)]
                role = "primary" if member == 0 else f"replica-{member}"
                where = f"{role}" if spec.shards == 1 else f"shard-{shard}-{role}"
                put(subnet, Box(_id(cache.component, where), cache.component, "cache",
                                f"{cache.component} {where.replace('-', ' ')}",
                                (f"{spec.engine} {spec.node_type}", f":{cache.port}"), cache.security_group, member == 0))
    return placed


def _database_members(db) -> list[tuple[str, bool]]:
    """(role, takes writes) of each instance of a database, in placement order across the data subnets."""
    if db.kind == "aurora_serverless_v2":
        return [("writer", True)] + [(f"reader-{i}", False) for i in range(1, db.instances)]
    members = [("primary", True)]
    if db.multi_az:
        members.append(("standby", False))
    return members + [(f"replica-{i}", False) for i in range(1, db.read_replicas + 1)]


def _internet_side(plan: Plan) -> list[Box]:
    boxes = [Box(INTERNET, None, "users", "Internet", ("users",))]
    for zone in plan.dns_zones:
        boxes.append(Box(_id(zone.component, "zone"), zone.component, "dns", zone.component,
                         ("Route 53", f"{zone.spec.routing} routing")))
    for acl in plan.web_acls:
        boxes.append(Box(_id(acl.component, "acl"), acl.component, "waf", acl.component,
                         ("WAF", f"{len(acl.managed_rule_groups)} rule groups")))
    for dist in plan.distributions:
        boxes.append(Box(_id(dist.component, "distribution"), dist.component, "cdn", dist.component,
                         ("CloudFront", dist.price_class)))
    for bucket in plan.buckets:
        if bucket.served_by:
            boxes.append(_bucket_box(bucket))
    return boxes


def _bucket_box(bucket) -> Box:
    return Box(_id(bucket.component, "bucket"), bucket.component, "bucket", bucket.component,
               ("S3", f"{bucket.spec.storage_class} {bucket.spec.storage_gb:g} GB"))


def _regional(spec: Spec, plan: Plan, drawn: set[str]) -> list[Box]:
    boxes = [_bucket_box(b) for b in plan.buckets if not b.served_by]
    by_kind = {"ecr": ("ecr", "ECR"), "secrets_manager": ("secrets", "Secrets Manager"),
               "cloudwatch": ("cloudwatch", "CloudWatch")}
    for name, component in spec.components.items():
        if component.kind in by_kind:
            icon, what = by_kind[component.kind]
            count = {"ecr": len(plan.of(plan.repositories, name)), "secrets_manager": len(plan.of(plan.secrets, name)),
                     "cloudwatch": len(plan.alarms)}[component.kind]
            unit = {"ecr": "repositories", "secrets_manager": "secrets", "cloudwatch": "alarms"}[component.kind]
            boxes.append(Box(_id(name, "service"), name, icon, name, (what, f"{unit}: {count}")))
        elif component.kind in operations.ICONS:
            boxes.append(Box(_id(name, "service"), name, operations.ICONS[component.kind], name,
                             operations.detail(component.kind, name, component, plan)))
    for queue in plan.queues:
        if not queue.dead_letter_of:
            kind = ("FIFO" if queue.spec.fifo else "standard") + (" + dead-letter" if queue.dead_letter else "")
            boxes.append(Box(_id(queue.component, "queue"), queue.component, "sqs", queue.component, ("SQS", kind)))
    for topic in plan.topics:
        boxes.append(Box(_id(topic.component, "topic"), topic.component, "sns", topic.component,
                         ("SNS", f"subscriptions: {len(topic.subscriptions)}")))
    boxes += _serverless(plan)
    drawn = drawn | {b.component for b in boxes}
    # Anything the plan did not place still shows.
    for name, component in spec.components.items():
        if name not in drawn and component.kind not in COST_ONLY_KINDS:
            boxes.append(Box(_id(name, "unplaced"), name, _ICON_BY_KIND.get(component.kind, "generic"), name,
                             (component.kind,)))
    return boxes


def _serverless(plan: Plan) -> list[Box]:
    """Lambda functions, APIs, tables and user pools: regional services (a function in the VPC still shows
    here, with its subnets named)."""
    boxes = [Box(_id(a.component, "api"), a.component, "api_gateway", a.component,
                 ("API Gateway", f"{a.protocol} → {a.spec.integration}")) for a in plan.apis]
    boxes += [Box(_id(f.component, "function"), f.component, "lambda", f.component,
                  ("Lambda", f"{f.spec.runtime} {f.spec.architecture} {f.spec.memory_mb} MB"
                   + (" (VPC)" if f.subnets else ""))) for f in plan.functions]
    boxes += [Box(_id(t.component, "table"), t.component, "dynamodb", t.component,
                  ("DynamoDB", t.spec.billing.replace("_", "-"))) for t in plan.tables]
    boxes += [Box(_id(p.component, "user-pool"), p.component, "cognito", p.component,
                  ("Cognito", "Plus" if p.spec.advanced_security else "Essentials")) for p in plan.user_pools]
    return boxes


def _flows(plan: Plan) -> set[tuple[str, str, str]]:
    """(from group or CIDR, to group or CIDR, ports) of every rule; an egress rule to a group repeats
    that group's ingress rule, so only egress to CIDRs adds anything."""
    flows = set()
    for group in plan.security_groups:
        for rule in group.ingress:
            flows.add((rule.group or rule.cidr, group.id, _ports(rule)))
        for rule in group.egress:
            if rule.cidr:
                flows.add((group.id, rule.cidr, _ports(rule)))
    return flows


def _ports(rule) -> str:
    return f":{rule.from_port}" if rule.from_port == rule.to_port else f":{rule.from_port}-{rule.to_port}"


def _links(plan: Plan, zones: list[Zone]) -> list[Link]:
    inside = [(zone.az, b) for zone in zones for band in zone.bands for b in band.boxes]
    by_group: dict[str, list[tuple[str, Box]]] = {}
    for az, box in inside:
        if box.security_group:
            by_group.setdefault(box.security_group, []).append((az, box))
    links: dict[tuple[str, str], list[str]] = {}

    def link(source: str, target: str, label: str) -> None:
        labels = links.setdefault((source, target), [])
        if label not in labels:
            labels.append(label)

    dists = {d.id: d for d in plan.distributions}
    lb_groups = {lb.id: lb.security_group for lb in plan.load_balancers}
    for zone in plan.dns_zones:
        link(INTERNET, _id(zone.component, "zone"), "DNS :53")
    for source, target, ports in sorted(_flows(plan)):
        if source == WORLD and target in by_group:
            for _, box in by_group[target]:
                if box.icon == "alb" and plan.distributions:
                    continue  # drawn through CloudFront below
                link(INTERNET, box.id, ports)
        elif source in by_group and target in by_group:
            for source_az, source_box in by_group[source]:
                entries = [b for _, b in by_group[target] if b.entry]
                same_az = [b for az, b in by_group[target] if b.entry and az == source_az]
                for target_box in same_az or entries:
                    link(source_box.id, target_box.id, ports)
    for dist in dists.values():
        dist_box = _id(dist.component, "distribution")
        link(INTERNET, dist_box, ":443")
        for origin in dist.origins:
            if origin.kind == "s3":
                bucket = next(b for b in plan.buckets if b.id == origin.target)
                link(dist_box, _id(bucket.component, "bucket"), ":443 OAC")
            else:
                label = " ".join((":443", *origin.path_patterns))
                for _, box in by_group.get(lb_groups[origin.target], []):
                    link(dist_box, box.id, label)
    for zone in plan.dns_zones:
        for record in zone.records:
            targets = ([_id(dists[record.target].component, "distribution")] if record.target in dists else
                       [b.id for _, b in by_group.get(lb_groups.get(record.target), [])])
            for target in targets:
                link(_id(zone.component, "zone"), target, f"alias {record.subdomain or '@'}")
    for acl in plan.web_acls:
        acl_box = _id(acl.component, "acl")
        if acl.protects in dists:
            link(acl_box, _id(dists[acl.protects].component, "distribution"), "protects")
        else:
            for _, box in by_group.get(lb_groups.get(acl.protects), []):
                link(acl_box, box.id, "protects")
    _nat_links(plan, zones, link)
    _messaging_links(plan, inside, link)
    return [Link(s, t, " ".join(labels)) for (s, t), labels in links.items()]


def _messaging_links(plan: Plan, inside: list[tuple[str, Box]], link) -> None:
    """Services send jobs to the queues their task role may send to; workers receive from theirs; the alarms
    go to the alarm topic."""
    queues = {q.id: q for q in plan.queues if not q.dead_letter_of}
    roles = {r.id: r for r in plan.roles}
    by_group: dict[str, list[Box]] = {}
    for _, box in inside:
        by_group.setdefault(box.security_group, []).append(box)
    for service in plan.services:
        boxes = by_group.get(service.security_group, [])
        for statement in roles[service.task_role].statements:
            verb = {"SendToQueues": "send", "ConsumeQueue": "receive"}.get(statement.sid)
            for resource in statement.resources if verb else ():
                queue = queues.get(getattr(resource, "target", None))
                for box in boxes if queue else ():
                    link(box.id, _id(queue.component, "queue"), f"{verb} :443")
    topic = next((t for t in plan.topics if t.id == plan.alarm_topic), None)
    watch = next((name for name, kind in plan.components if kind == "cloudwatch"), None)
    if topic and watch:
        link(_id(watch, "service"), _id(topic.component, "topic"), "alarms")


def _nat_links(plan: Plan, zones: list[Zone], link) -> None:
    """Workloads in a private subnet reach the internet through the NAT its route table names."""
    nat_boxes = {}
    for zone in zones:
        for band in zone.bands:
            for box in band.boxes:
                if box.icon in ("nat_gateway", "nat_instance"):
                    nat_boxes[box.label] = box.id  # NAT boxes carry the NAT's plan id as label
    tables = {t.id: t for t in plan.network.route_tables}
    for zone in zones:
        for band in zone.bands:
            routes = tables[band.subnet.route_table].routes
            nat = next((nat_boxes[r.via.target] for r in routes if r.via.target in nat_boxes), None)
            if nat is None:
                continue
            for box in band.boxes:
                if box.icon in ("fargate", "ec2", "ec2_group"):
                    link(box.id, nat, ":443 out")


def build_layout(spec: Spec, plan: Plan) -> Layout:
    placed = _placed(plan)
    zones = [Zone(az, tuple(SubnetBand(s, tuple(placed[s.id])) for s in plan.network.subnets if s.az == az))
             for az in plan.network.azs]
    vpc_wide = []
    if plan.network.internet_gateway:
        vpc_wide.append(Box("internet-gateway", None, "igw", "internet-gateway", ("Internet gateway",)))
    for endpoint in plan.network.endpoints:
        if endpoint.type == "gateway":
            vpc_wide.append(Box(_id(endpoint.component or endpoint.id, "gateway"), endpoint.component, "endpoint",
                                endpoint.id, ("gateway endpoint", endpoint.service)))
    internet_side = _internet_side(plan)
    drawn = {b.component for b in internet_side + vpc_wide} | {b.component for boxes in placed.values() for b in boxes}
    regional = _regional(spec, plan, drawn)
    links = _links(plan, zones)
    return Layout(plan.name, plan.region, plan.network.cidr, tuple(internet_side), tuple(zones), tuple(vpc_wide),
                  tuple(regional), tuple(links))
