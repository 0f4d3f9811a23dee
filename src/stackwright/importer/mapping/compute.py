"""Compute: EC2 instances (and NAT instances), Auto Scaling groups with their launch templates, ECS
services with their task definitions (Fargate and Fargate Spot by capacity-provider strategy)."""

from __future__ import annotations

import math
import re

from stackwright.importer.mapping.registry import FREE, PART_OF, Priced, free, maps
from stackwright.importer.resources import IacResource, NotPriceable, dig, items, to_bool, to_int, to_number

EBS_TYPES = ("gp2", "gp3", "io1", "io2", "st1", "sc1")
FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")
CFN_DEFAULT_INSTANCE_TYPE = "m1.small"  # AWS::EC2::Instance's documented default

free(
    "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_appautoscaling_target", "aws_appautoscaling_policy",
    "aws_appautoscaling_scheduled_action", "aws_autoscaling_policy", "aws_autoscaling_schedule",
    "aws_autoscaling_attachment", "aws_autoscaling_lifecycle_hook", "aws_placement_group", "aws_key_pair",
    "AWS::ECS::Cluster", "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::AutoScaling::ScalingPolicy", "AWS::AutoScaling::ScheduledAction", "AWS::AutoScaling::LifecycleHook",
    "AWS::EC2::PlacementGroup", "AWS::EC2::KeyPair",
)


# --- machines: what one instance is -------------------------------------------------------------------

def ebs(r: IacResource, ctx, volume: dict | None, keys: tuple[str, str, str, str]) -> dict:
    """The root volume; `keys` name its size, type, IOPS and throughput properties in this source."""
    size_key, type_key, iops_key, throughput_key = keys
    size, kind, iops, throughput = (dig(volume or {}, (key,)) for key in keys)
    if not size and not kind:
        ctx.assume(r, "no root volume given: the AMI's is assumed gp3, 8 GB")
        return {"type": "gp3", "gb": 8}
    if not kind:
        ctx.assume(r, "root volume type not set: gp3 assumed (the AMI decides)")
        kind = "gp3"
    if kind not in EBS_TYPES:
        raise NotPriceable(f"EBS volume type {kind} is not modelled (use one of {', '.join(EBS_TYPES)})")
    if not size:
        ctx.assume(r, "root volume size not set: 8 GB assumed (the AMI decides)")
    result: dict = {"type": kind, "gb": to_number(size or 8, size_key)}
    if iops:
        result["iops"] = to_int(iops, iops_key)
    if throughput:
        result["throughput_mibps"] = to_int(throughput, throughput_key)
    return result


TF_EBS = ("volume_size", "volume_type", "iops", "throughput")
CFN_EBS = ("VolumeSize", "VolumeType", "Iops", "Throughput")


def tf_template_machine(template: IacResource, ctx) -> dict:
    """instance_type, ebs, public_ip and spot from an aws_launch_template or aws_launch_configuration."""
    if template.type == "aws_launch_configuration":
        return {
            "instance_type": template.get("instance_type"),
            "ebs": ebs(template, ctx, template.get("root_block_device", 0), TF_EBS),
            "public_ip": to_bool(template.get("associate_public_ip_address", default=False),
                                 "associate_public_ip_address"),
            "spot": template.get("spot_price") is not None,
        }
    return {
        "instance_type": template.get("instance_type"),
        "ebs": ebs(template, ctx, template.get("block_device_mappings", 0, "ebs", 0), TF_EBS),
        "public_ip": to_bool(template.get("network_interfaces", 0, "associate_public_ip_address", default=False),
                             "network_interfaces.associate_public_ip_address"),
        "spot": template.get("instance_market_options", 0, "market_type") == "spot",
    }


def cfn_template_machine(template: IacResource, ctx) -> dict:
    if template.type == "AWS::AutoScaling::LaunchConfiguration":
        data = template.props
        public_ip = data.get("AssociatePublicIpAddress", False)
        spot = data.get("SpotPrice") is not None
    else:
        data = template.get("LaunchTemplateData", default={})
        public_ip = dig(data, ("NetworkInterfaces", 0, "AssociatePublicIpAddress"), False)
        spot = dig(data, ("InstanceMarketOptions", "MarketType")) == "spot"
    return {
        "instance_type": dig(data, ("InstanceType",)),
        "ebs": ebs(template, ctx, dig(data, ("BlockDeviceMappings", 0, "Ebs")), CFN_EBS),
        "public_ip": to_bool(public_ip, "AssociatePublicIpAddress"),
        "spot": spot,
    }


def one_template(r: IacResource, ctx, reference, types: tuple[str, ...]) -> IacResource | None:
    found = ctx.referenced(reference, *types)
    if len(found) > 1:
        raise NotPriceable(f"refers to {len(found)} launch templates; cannot tell which one runs")
    return found[0] if found else None


def purchase(r: IacResource, ctx, option: str) -> dict:
    """The code's purchase option (on-demand or Spot), unless the usage file names a reservation or
    Savings Plan, which are bought apart from the code; Spot's assumed discount is usage too."""
    fields = {"purchase_option": ctx.given(r, "purchase_option") or option}
    discount = ctx.given(r, "spot_discount")
    if discount is not None:
        fields["spot_discount"] = discount
    return fields


EC2_USAGE = ("purchase_option", "spot_discount")


def instance_or_nat(r: IacResource, ctx, machine: dict, *, source_dest_check: bool,
                    eips: list[IacResource]) -> Priced:
    """An instance with source/destination checks off forwards traffic: a NAT instance, whose kind also
    bills its public address (so its Elastic IPs are covered here)."""
    option = "spot" if machine["spot"] else "on_demand"
    if not source_dest_check:
        if option != "on_demand":
            raise NotPriceable("a Spot NAT instance is not modelled")
        return Priced({"kind": "nat", "mode": "instance", "instance_type": machine["instance_type"], "count": 1,
                       "ebs": machine["ebs"]}, covers=(*machine["covers"], *(e.address for e in eips)),
                      summed=("count",))
    return Priced({"kind": "ec2_instance", "instance_type": machine["instance_type"], "count": 1,
                   "ebs": machine["ebs"], **purchase(r, ctx, option), "public_ip": machine["public_ip"]},
                  covers=machine["covers"], summed=("count",))


@maps("aws_instance", usage=EC2_USAGE)
def tf_instance(r: IacResource, ctx):
    template = one_template(r, ctx, r.props.get("launch_template"), ("aws_launch_template",))
    machine = tf_template_machine(template, ctx) if template else {"spot": False, "public_ip": False}
    machine["instance_type"] = r.get("instance_type") or machine.get("instance_type")
    if not machine["instance_type"]:
        raise NotPriceable("instance_type is not set")
    if r.get("root_block_device") or not template:
        machine["ebs"] = ebs(r, ctx, r.get("root_block_device", 0), TF_EBS)
    if r.get("associate_public_ip_address") is not None:
        machine["public_ip"] = to_bool(r.get("associate_public_ip_address"), "associate_public_ip_address")
    if r.get("instance_market_options", 0, "market_type"):
        machine["spot"] = r.get("instance_market_options", 0, "market_type") == "spot"
    machine["covers"] = (template.address,) if template else ()
    priced = instance_or_nat(r, ctx, machine, source_dest_check=to_bool(
        r.get("source_dest_check", default=True), "source_dest_check"),
        eips=ctx.referrers(r, "aws_eip", prop="instance"))
    _beyond_the_kind(r, extra_volumes=bool(items(r.props.get("ebs_block_device"), "ebs_block_device")),
                     tenancy=r.get("tenancy"), monitoring=r.get("monitoring"),
                     credits=r.get("credit_specification", "cpu_credits"))
    return priced


@maps("AWS::EC2::Instance", usage=EC2_USAGE)
def cfn_instance(r: IacResource, ctx):
    template = one_template(r, ctx, r.props.get("LaunchTemplate"), ("AWS::EC2::LaunchTemplate",))
    machine = cfn_template_machine(template, ctx) if template else {"spot": False, "public_ip": False}
    machine["instance_type"] = r.get("InstanceType") or machine.get("instance_type")
    if not machine["instance_type"]:
        ctx.assume(r, f"InstanceType not set: CloudFormation's default {CFN_DEFAULT_INSTANCE_TYPE}")
        machine["instance_type"] = CFN_DEFAULT_INSTANCE_TYPE
    mappings = items(r.props.get("BlockDeviceMappings"), "BlockDeviceMappings")
    if mappings or not template:
        machine["ebs"] = ebs(r, ctx, dig(mappings, (0, "Ebs")), CFN_EBS)
    if r.get("NetworkInterfaces", 0, "AssociatePublicIpAddress") is not None:
        machine["public_ip"] = to_bool(r.get("NetworkInterfaces", 0, "AssociatePublicIpAddress"),
                                       "AssociatePublicIpAddress")
    machine["covers"] = (template.address,) if template else ()
    priced = instance_or_nat(r, ctx, machine, source_dest_check=to_bool(
        r.get("SourceDestCheck", default=True), "SourceDestCheck"),
        eips=ctx.referrers(r, "AWS::EC2::EIP", prop="InstanceId"))
    _beyond_the_kind(r, extra_volumes=len(mappings) > 1, tenancy=r.get("Tenancy"), monitoring=r.get("Monitoring"),
                     credits=r.get("CreditSpecification", "CPUCredits"))
    return priced


def _beyond_the_kind(r: IacResource, *, extra_volumes: bool, tenancy, monitoring, credits) -> None:
    """What the ec2_instance kind cannot say sends the instance to its AWS resource cost module (aws_instance)."""
    said = [what for what, present in (("extra EBS volumes", extra_volumes),
                                       (f"{tenancy} tenancy", tenancy not in (None, "default")),
                                       ("detailed monitoring", str(monitoring).lower() == "true"),
                                       ("explicit unlimited CPU credits", credits == "unlimited")) if present]
    if said:
        raise NotPriceable(f"{', '.join(said)}: beyond the ec2_instance kind")


@maps("aws_launch_template", "aws_launch_configuration", "AWS::EC2::LaunchTemplate",
      "AWS::AutoScaling::LaunchConfiguration")
def launch_template(r: IacResource, ctx):
    """A template costs nothing; the instances launched from it are priced with what launches them."""
    users = ctx.referrers(r, "aws_autoscaling_group", "aws_instance", "AWS::AutoScaling::AutoScalingGroup",
                          "AWS::EC2::Instance")
    return PART_OF if users else FREE


# --- Auto Scaling groups -----------------------------------------------------------------------------

def purchase_option(base: int, percent_above: int, desired: int) -> str:
    """EC2 Auto Scaling's split of a mixed group: the base on-demand first, then the percentage (rounded
    up in favour of on-demand)."""
    on_demand = min(base, desired)
    on_demand += math.ceil((desired - on_demand) * percent_above / 100)
    if on_demand >= desired:
        return "on_demand"
    if on_demand == 0:
        return "spot"
    raise NotPriceable(f"the instances distribution runs {on_demand} on-demand and {desired - on_demand} Spot "
                       "instances; the ec2_asg kind has one purchase option (split it into two groups)")


def unweighted(weight) -> None:
    """Weighted capacity counts units, not instances: beyond the ec2_asg kind (its cost module prices it)."""
    if weight is not None and str(weight) != "1":
        raise NotPriceable(f"weighted capacity {weight}: desired capacity counts units, beyond the ec2_asg kind")


def asg_counts(r: IacResource, ctx, low, high, desired) -> dict:
    low, high = to_int(low, "min size"), to_int(high, "max size")
    if desired is None:
        ctx.assume(r, f"desired capacity not set: the minimum, {low}, is assumed")
        desired = low
    return {"min": low, "desired": to_int(desired, "desired capacity"), "max": high}


def asg(r: IacResource, ctx, machine: dict, counts: dict, template: IacResource, override: str | None,
        distribution: tuple[int, int] | None, schedule: list[tuple]) -> Priced:
    instance_type = override or machine["instance_type"]
    if override and override != machine["instance_type"]:
        ctx.assume(r, f"mixed instances policy: the first override, {override}, is assumed to run")
    if not instance_type:
        raise NotPriceable(f"no instance type in {template.address} or the group's overrides")
    option = "spot" if machine["spot"] else "on_demand"
    if distribution is not None:
        option = purchase_option(*distribution, counts["desired"])
    fields = {"kind": "ec2_asg", "instance_type": instance_type, "instances": counts, "ebs": machine["ebs"],
              **purchase(r, ctx, option), "public_ip": machine["public_ip"]}
    fields |= scale_in(r, ctx, schedule, counts["desired"])
    return Priced(fields, covers=(template.address,))


# --- scheduled scaling -------------------------------------------------------------------------------

def daily_hour(expression) -> float | None:
    """The hour of day of a daily cron schedule: `cron(30 22 * * ? *)` (Application Auto Scaling, EventBridge)
    or `30 22 * * *` (EC2 Auto Scaling); None for anything that does not run every day."""
    text = str(expression).strip()
    if text.startswith("cron(") and text.endswith(")"):
        fields = text[5:-1].split()
        if len(fields) != 6 or fields[5] != "*":
            return None
        fields = fields[:5]
    else:
        fields = text.split()
    if len(fields) != 5 or any(f not in ("*", "?") for f in fields[2:]):
        return None
    minute, hour = fields[:2]
    if not (minute.isdigit() and hour.isdigit()):
        return None
    return int(hour) + int(minute) / 60


def scale_in(r: IacResource, ctx, actions: list[tuple], desired: int) -> dict:
    """`scale_in` from scheduled actions [(schedule, min, max)]: every day down to a smaller capacity and
    back up, the hours between the two a day, seven days a week."""
    if not actions:
        return {}
    moments = [(daily_hour(when), low, high) for when, low, high in actions]
    if len(moments) != 2 or any(hour is None or low is None or high is None for hour, low, high in moments):
        ctx.assume(r, f"{len(actions)} scheduled action(s) that are not one daily scale-in and one scale-out: "
                      "priced at the desired count all the time")
        return {}
    (down_at, low, high), (up_at, _, _) = sorted(moments, key=lambda m: m[2])  # the smaller maximum is the night
    low, high = to_int(low, "scheduled minimum"), to_int(high, "scheduled maximum")
    count = min(max(desired, low), high)  # what the capacity settles at inside the scheduled bounds
    hours = (up_at - down_at) % 24
    if count >= desired or not hours:
        return {}
    start = f"{int(down_at):02d}:{round(down_at % 1 * 60):02d}"
    ctx.assume(r, f"scheduled actions run {count} from {start} for {hours:g} h every day: "
                  f"scale_in {hours * 7:g} h a week")
    return {"scale_in": {"off_hours_per_week": hours * 7, "count": count}}


def action(values, schedule: str, low: tuple, high: tuple) -> tuple:
    """(schedule, min, max) of one scheduled action; a value the read cannot know is None."""
    def known(*path):
        try:
            return dig(values, path)
        except NotPriceable:
            return None

    return known(schedule), known(*low), known(*high)


def tf_service_schedule(ctx, targets: list[IacResource]) -> list[tuple]:
    return [action(a.props, "schedule", ("scalable_target_action", "min_capacity"),
                   ("scalable_target_action", "max_capacity"))
            for t in targets for a in ctx.referrers(t, "aws_appautoscaling_scheduled_action", prop="resource_id")]


def cfn_service_schedule(targets: list[IacResource]) -> list[tuple]:
    found = []
    for target in targets:
        try:
            actions = items(target.props.get("ScheduledActions"), "ScheduledActions")
        except NotPriceable:
            actions = [{}]  # there are some, not readable: scale_in notes it
        found += [action(a, "Schedule", ("ScalableTargetAction", "MinCapacity"),
                         ("ScalableTargetAction", "MaxCapacity")) for a in actions]
    return found


def tf_asg_launch(r: IacResource, ctx):
    """An aws_autoscaling_group's mixed-instances policy, the launch template (or configuration) it starts
    from, and the policy's instance overrides."""
    mixed = r.get("mixed_instances_policy", 0, default={})
    reference = r.props.get("launch_template") or dig(mixed, ("launch_template", "launch_template_specification"))
    template = one_template(r, ctx, reference, ("aws_launch_template",)) or one_template(
        r, ctx, r.props.get("launch_configuration"), ("aws_launch_configuration",))
    if template is None:
        raise NotPriceable("its launch template is not in this code, so the instance type is unknown")
    overrides = items(dig(mixed, ("launch_template", "override")), "override") if mixed else []
    return mixed, template, overrides


@maps("aws_autoscaling_group", usage=EC2_USAGE)
def tf_autoscaling_group(r: IacResource, ctx):
    mixed, template, overrides = tf_asg_launch(r, ctx)
    distribution = dig(mixed, ("instances_distribution",))
    split = None
    if distribution:
        split = (to_int(dig(distribution, ("on_demand_base_capacity",), 0), "on_demand_base_capacity"),
                 to_int(dig(distribution, ("on_demand_percentage_above_base_capacity",), 100),
                        "on_demand_percentage_above_base_capacity"))
    counts = asg_counts(r, ctx, r.get("min_size"), r.get("max_size"), r.get("desired_capacity"))
    unweighted(dig(overrides, (0, "weighted_capacity")) if overrides else None)
    override = dig(overrides, (0, "instance_type")) if overrides else None
    schedule = [action(a.props, "recurrence", ("min_size",), ("max_size",))
                for a in ctx.referrers(r, "aws_autoscaling_schedule", prop="autoscaling_group_name")]
    return asg(r, ctx, tf_template_machine(template, ctx), counts, template, override, split, schedule)


@maps("AWS::AutoScaling::AutoScalingGroup", usage=EC2_USAGE)
def cfn_autoscaling_group(r: IacResource, ctx):
    mixed = r.get("MixedInstancesPolicy", default={})
    reference = r.props.get("LaunchTemplate") or dig(mixed, ("LaunchTemplate", "LaunchTemplateSpecification"))
    template = one_template(r, ctx, reference, ("AWS::EC2::LaunchTemplate",)) or one_template(
        r, ctx, r.props.get("LaunchConfigurationName"), ("AWS::AutoScaling::LaunchConfiguration",))
    if template is None:
        raise NotPriceable("its launch template is not in this template, so the instance type is unknown")
    distribution = dig(mixed, ("InstancesDistribution",))
    split = None
    if distribution:
        split = (to_int(dig(distribution, ("OnDemandBaseCapacity",), 0), "OnDemandBaseCapacity"),
                 to_int(dig(distribution, ("OnDemandPercentageAboveBaseCapacity",), 100),
                        "OnDemandPercentageAboveBaseCapacity"))
    counts = asg_counts(r, ctx, r.get("MinSize"), r.get("MaxSize"), r.get("DesiredCapacity"))
    unweighted(dig(mixed, ("LaunchTemplate", "Overrides", 0, "WeightedCapacity")))
    override = dig(mixed, ("LaunchTemplate", "Overrides", 0, "InstanceType"))
    schedule = [action(a.props, "Recurrence", ("MinSize",), ("MaxSize",))
                for a in ctx.referrers(r, "AWS::AutoScaling::ScheduledAction", prop="AutoScalingGroupName")]
    return asg(r, ctx, cfn_template_machine(template, ctx), counts, template, override, split, schedule)


# --- ECS on Fargate --------------------------------------------------------------------------------

def vcpu(value) -> float:
    """Task CPU as ECS takes it: CPU units ("256") or vCPU ("0.25 vCPU")."""
    text = str(value).strip().lower()
    if "vcpu" in text:
        return to_number(text.replace("vcpu", ""), "cpu")
    return to_number(value, "cpu") / 1024


def memory_gb(value) -> float:
    """Task memory as ECS takes it: MiB ("512") or GB ("0.5 GB")."""
    text = str(value).strip().lower()
    if text.endswith("gb"):
        return to_number(text.removesuffix("gb"), "memory")
    return to_number(value, "memory") / 1024


def task_size(r: IacResource, task: IacResource, *, cpu, memory, architecture, os_family, ephemeral) -> dict:
    if cpu is None or memory is None:
        raise NotPriceable(f"{task.address} sets no task-level cpu and memory, which Fargate needs")
    if os_family and not str(os_family).upper().startswith("LINUX"):
        raise NotPriceable(f"{os_family} tasks are not modelled (Fargate on Windows adds an OS licence fee)")
    size = {"cpu": vcpu(cpu), "memory_gb": memory_gb(memory),
            "arch": "arm" if str(architecture).upper() == "ARM64" else "x86"}
    if ephemeral:
        size["ephemeral_storage_gb"] = to_int(ephemeral, "ephemeral storage")
    return size


def strategy(entries: list[tuple]) -> list[dict] | None:
    """Fargate capacity providers with base and weight; None when the tasks run on EC2 capacity providers."""
    names = [name for name, _, _ in entries]
    if not any(name in FARGATE_PROVIDERS for name in names):
        return None
    others = [name for name in names if name not in FARGATE_PROVIDERS]
    if others:
        raise NotPriceable(f"the strategy mixes Fargate with EC2 capacity providers ({', '.join(others)}); "
                           "only all-Fargate strategies are modelled")
    return [{"provider": name, "base": to_int(base or 0, "base"), "weight": to_int(weight or 0, "weight")}
            for name, base, weight in entries]


def task_counts(r: IacResource, ctx, desired, default_desired: int, targets: list[IacResource],
                min_key: str, max_key: str) -> dict:
    if desired is None:
        ctx.assume(r, f"desired count not set: {default_desired}, the default, is assumed")
        desired = default_desired
    desired = to_int(desired, "desired count")
    if not targets:
        return {"min": desired, "desired": desired, "max": desired}
    target = targets[0]
    low, high = to_int(target.get(min_key), min_key), to_int(target.get(max_key), max_key)
    if not low <= desired <= high:
        clamped = min(max(desired, low), high)
        ctx.assume(r, f"desired count {desired} is outside {target.address}'s {low}-{high}: "
                      f"autoscaling keeps {clamped} running")
        desired = clamped
    return {"min": low, "desired": desired, "max": high}


def scaling_targets(r: IacResource, ctx, *, types: tuple[str, ...], id_key: str, name) -> list[IacResource]:
    """The autoscaling target of an ECS service: one whose resource id refers to it, or ends in its name."""
    found = ctx.referrers(r, *types, prop=id_key)
    if found or not isinstance(name, str):
        return found
    return [t for t in ctx.of_type(*types) if isinstance(t.props.get(id_key), str)
            and t.props[id_key].startswith("service/") and t.props[id_key].rsplit("/", 1)[-1] == name]


def fargate(r: IacResource, ctx, *, size: dict, providers: list[dict], counts: dict, public_ip: bool,
            task: IacResource, schedule: list[tuple]) -> Priced:
    return Priced({"kind": "fargate_service", **size, "tasks": counts, "capacity_providers": providers,
                   "public_ip": public_ip, **scale_in(r, ctx, schedule, counts["desired"])}, covers=(task.address,))


def task_by_family(ctx, name, type_: str) -> list[IacResource]:
    """A task definition named by family ("web" or "web:3") rather than by reference."""
    if not isinstance(name, str):
        return []
    family = re.sub(r":\d+$", "", name.rsplit("/", 1)[-1])
    key = "family" if type_ == "aws_ecs_task_definition" else "Family"
    return [t for t in ctx.of_type(type_) if t.props.get(key) == family]


@maps("aws_ecs_service")
def tf_ecs_service(r: IacResource, ctx):
    if r.get("scheduling_strategy") == "DAEMON":
        return FREE  # one task per EC2 container instance: the instances carry the cost
    reference = r.props.get("task_definition")
    tasks = ctx.referenced(reference, "aws_ecs_task_definition") or task_by_family(
        ctx, reference, "aws_ecs_task_definition")
    if len(tasks) != 1:
        raise NotPriceable("its task definition is not in this code, so task cpu and memory are unknown")
    task = tasks[0]
    entries = [(cp.get("capacity_provider"), cp.get("base"), cp.get("weight"))
               for cp in items(r.props.get("capacity_provider_strategy"), "capacity_provider_strategy")]
    launch_type = r.get("launch_type")
    if not entries and not launch_type:
        entries = tf_cluster_strategy(r, ctx)
    providers = strategy(entries) if entries else None
    if providers is None:
        compatibilities = task.get("requires_compatibilities", default=[])
        if launch_type == "FARGATE" or (not launch_type and not entries and compatibilities == ["FARGATE"]):
            if not launch_type:
                ctx.assume(r, "no launch type or capacity provider strategy: FARGATE assumed, the only "
                              "compatibility its task definition declares")
            providers = [{"provider": "FARGATE", "base": 0, "weight": 1}]
        else:
            return FREE  # ECS on EC2: the container instances are priced with their Auto Scaling group
    size = task_size(r, task, cpu=task.get("cpu"), memory=task.get("memory"),
                     architecture=task.get("runtime_platform", 0, "cpu_architecture", default="X86_64"),
                     os_family=task.get("runtime_platform", 0, "operating_system_family"),
                     ephemeral=task.get("ephemeral_storage", 0, "size_in_gib"))
    targets = scaling_targets(r, ctx, types=("aws_appautoscaling_target",), id_key="resource_id",
                              name=r.props.get("name"))
    counts = task_counts(r, ctx, r.get("desired_count"), 0, targets, "min_capacity", "max_capacity")
    public_ip = to_bool(r.get("network_configuration", 0, "assign_public_ip", default=False), "assign_public_ip")
    return fargate(r, ctx, size=size, providers=providers, counts=counts, public_ip=public_ip, task=task,
                   schedule=tf_service_schedule(ctx, targets))


def tf_cluster_strategy(r: IacResource, ctx) -> list[tuple]:
    """The default capacity provider strategy of the service's cluster."""
    for cluster in ctx.referenced(r.props.get("cluster"), "aws_ecs_cluster"):
        holders = ctx.referrers(cluster, "aws_ecs_cluster_capacity_providers") + [cluster]
        for holder in holders:
            blocks = items(holder.props.get("default_capacity_provider_strategy"), "default_capacity_provider_strategy")
            if blocks:
                ctx.assume(r, f"capacity provider strategy from {holder.address}'s default")
                return [(b.get("capacity_provider"), b.get("base"), b.get("weight")) for b in blocks]
    return []


@maps("AWS::ECS::Service")
def cfn_ecs_service(r: IacResource, ctx):
    if r.get("SchedulingStrategy") == "DAEMON":
        return FREE
    reference = r.props.get("TaskDefinition")
    tasks = ctx.referenced(reference, "AWS::ECS::TaskDefinition") or task_by_family(
        ctx, reference, "AWS::ECS::TaskDefinition")
    if len(tasks) != 1:
        raise NotPriceable("its task definition is not in this template, so task cpu and memory are unknown")
    task = tasks[0]
    entries = [(cp.get("CapacityProvider"), cp.get("Base"), cp.get("Weight"))
               for cp in items(r.props.get("CapacityProviderStrategy"), "CapacityProviderStrategy")]
    launch_type = r.get("LaunchType")
    if not entries and not launch_type:
        entries = cfn_cluster_strategy(r, ctx)
    providers = strategy(entries) if entries else None
    if providers is None:
        if launch_type != "FARGATE" and (launch_type or entries or task.get("RequiresCompatibilities") != ["FARGATE"]):
            return FREE
        if not launch_type:
            ctx.assume(r, "no LaunchType or CapacityProviderStrategy: FARGATE assumed, the only compatibility "
                          "its task definition declares")
        providers = [{"provider": "FARGATE", "base": 0, "weight": 1}]
    size = task_size(r, task, cpu=task.get("Cpu"), memory=task.get("Memory"),
                     architecture=task.get("RuntimePlatform", "CpuArchitecture", default="X86_64"),
                     os_family=task.get("RuntimePlatform", "OperatingSystemFamily"),
                     ephemeral=task.get("EphemeralStorage", "SizeInGiB"))
    targets = scaling_targets(r, ctx, types=("AWS::ApplicationAutoScaling::ScalableTarget",), id_key="ResourceId",
                              name=r.props.get("ServiceName"))
    counts = task_counts(r, ctx, r.get("DesiredCount"), 1, targets, "MinCapacity", "MaxCapacity")
    public_ip = r.get("NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp", default="DISABLED") == "ENABLED"
    return fargate(r, ctx, size=size, providers=providers, counts=counts, public_ip=public_ip, task=task,
                   schedule=cfn_service_schedule(targets))


def cfn_cluster_strategy(r: IacResource, ctx) -> list[tuple]:
    for cluster in ctx.referenced(r.props.get("Cluster"), "AWS::ECS::Cluster"):
        holders = ctx.referrers(cluster, "AWS::ECS::ClusterCapacityProviderAssociations") + [cluster]
        for holder in holders:
            entries = items(holder.props.get("DefaultCapacityProviderStrategy"), "DefaultCapacityProviderStrategy")
            if entries:
                ctx.assume(r, f"capacity provider strategy from {holder.address}'s default")
                return [(e.get("CapacityProvider"), e.get("Base"), e.get("Weight")) for e in entries]
    return []


@maps("aws_ecs_task_definition", "AWS::ECS::TaskDefinition")
def task_definition(r: IacResource, ctx):
    """A task definition costs nothing; its tasks are priced with the service that runs them."""
    services = ctx.of_type("aws_ecs_service", "AWS::ECS::Service")
    used = ctx.referrers(r, "aws_ecs_service", "AWS::ECS::Service") or any(
        r in task_by_family(ctx, s.props.get("task_definition", s.props.get("TaskDefinition")), r.type)
        for s in services)
    return PART_OF if used else FREE
