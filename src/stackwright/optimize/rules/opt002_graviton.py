"""Move x86 compute, databases and caches to the Graviton (ARM) generation of the same size."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.pricing import catalogue
from stackwright.translatable import N_

# x86 family -> the Graviton family of the same role
EC2 = {"t3": "t4g", "t3a": "t4g", "t2": "t4g", "m5": "m6g", "m6i": "m7g", "m7i": "m7g", "c5": "c6g", "c6i": "c7g",
       "c7i": "c7g", "r5": "r6g", "r6i": "r7g", "r7i": "r7g"}


def _arm(instance_type: str, prefix: str = "") -> str | None:
    family, _, size = instance_type.removeprefix(prefix).partition(".")
    return f"{prefix}{EC2[family]}.{size}" if family in EC2 else None


def propose(spec, only=None):
    prices = catalogue.load(spec.region)
    for name, c in components(spec, only):
        if c.kind == "fargate_service" and c.arch == "x86":
            if any(cp.provider == "FARGATE_SPOT" and (cp.weight or cp.base) for cp in c.capacity_providers):
                continue  # Fargate Spot is x86 only; the search weighs Spot against ARM through OPT001
            yield Proposal(with_component(spec, name, arch="arm"), N_("%(name)s: Fargate tasks on ARM64 (Graviton)") % {"name": name},
                           N_("Container images must be built for arm64 (a multi-arch build); native dependencies "
                              "need arm64 wheels or packages."), frozenset({name}))
            continue
        field, prefix, key = {
            "ec2_asg": ("instance_type", "", "ec2/ondemand/{}"),
            "ec2_instance": ("instance_type", "", "ec2/ondemand/{}"),
            "nat": ("instance_type", "", "ec2/ondemand/{}"),
            "rds": ("instance_class", "db.", f"rds/{getattr(c, 'engine', '')}/single-az/{{}}"),
            "elasticache": ("node_type", "cache.", f"elasticache/{getattr(c, 'engine', '')}/{{}}"),
        }.get(c.kind, (None, None, None))
        current = getattr(c, field, None) if field else None
        target = _arm(current, prefix) if current else None
        if target and key.format(target) in prices:
            risk = (N_("Managed engine: the class change restarts it in a maintenance window (a Multi-AZ failover "
                       "takes under a minute).") if c.kind in ("rds", "elasticache")
                    else N_("The AMI and any software on the instances must be arm64 builds."))
            yield Proposal(with_component(spec, name, **{field: target}), N_("%(name)s: %(current)s → %(target)s (Graviton)") % {
                               "name": name, "current": current, "target": target},
                           risk, frozenset({name}))


RULE = Rule("OPT002", "Graviton (ARM) for Fargate, EC2, RDS and ElastiCache", propose, per_component=True)
