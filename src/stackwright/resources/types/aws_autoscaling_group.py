"""EC2 Auto Scaling group: its instances at the desired capacity (scaled in at quiet times by a daily
scheduled action), their root volumes and public IPv4 addresses. A mixed instances policy splits the group
between on-demand and Spot, and weighted capacity counts units (each instance of the first override brings
its weight); the on-demand base and percentage apply to units, rounded up in favour of on-demand, as EC2
Auto Scaling does.

Usage: `monthly_hours` the group runs; `purchase_option` of its on-demand instances (reserved_1y/3y,
savings_plan_1y/3y: bought apart from the code); `spot_discount` (Spot is a market price: without an
assumed discount its instances are listed as not priced)."""

import math

from stackwright.cost.component import CostComponent
from stackwright.resources.capacity import ec2_capacity, public_ipv4
from stackwright.importer.resources import NotPriceable, dig, items, to_int, to_number
from stackwright.resources import egress
from stackwright.resources.helpers import scheduled_periods
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_ebs_volume import volume_components
from stackwright.resources.types.aws_instance import PURCHASE_OPTION, SPOT_DISCOUNT
from stackwright.translatable import N_


def _attrs(r, ctx, machine, template, counts, first_override, distribution, names, schedule):
    from stackwright.importer.mapping.compute import scale_in

    type_key, weight_key, base_key, percent_key = names
    instance_type = dig(first_override, (type_key,)) or machine["instance_type"]
    if not instance_type:
        raise NotPriceable(f"no instance type in {template.address} or the group's overrides")
    return {"type": instance_type, "units": counts["desired"],
            "weight": to_number(dig(first_override, (weight_key,)) or 1, weight_key),
            "base": to_int(dig(distribution, (base_key,), 0), base_key),
            "percent": to_int(dig(distribution, (percent_key,), 0 if machine["spot"] else 100), percent_key),
            "ebs": {"type": machine["ebs"]["type"], "gb": machine["ebs"]["gb"], "iops": machine["ebs"].get("iops", 0),
                    "throughput": machine["ebs"].get("throughput_mibps", 0)},
            "public_ip": machine["public_ip"],
            "scale_in": scale_in(r, ctx, schedule, counts["desired"]).get("scale_in"),
            "covers": [template.address]}


def terraform(r, ctx):
    from stackwright.importer.mapping.compute import action, asg_counts, tf_asg_launch, tf_template_machine

    mixed, template, overrides = tf_asg_launch(r, ctx)
    counts = asg_counts(r, ctx, r.get("min_size"), r.get("max_size"), r.get("desired_capacity"))
    schedule = [action(a.props, "recurrence", ("min_size",), ("max_size",))
                for a in ctx.referrers(r, "aws_autoscaling_schedule", prop="autoscaling_group_name")]
    return _attrs(r, ctx, tf_template_machine(template, ctx), template, counts, overrides[0] if overrides else {},
                  dig(mixed, ("instances_distribution",), {}),
                  ("instance_type", "weighted_capacity", "on_demand_base_capacity",
                   "on_demand_percentage_above_base_capacity"), schedule)


def cloudformation(r, ctx):
    from stackwright.importer.mapping.compute import action, asg_counts, cfn_template_machine, one_template

    mixed = r.get("MixedInstancesPolicy", default={})
    reference = r.props.get("LaunchTemplate") or dig(mixed, ("LaunchTemplate", "LaunchTemplateSpecification"))
    template = one_template(r, ctx, reference, ("AWS::EC2::LaunchTemplate",)) or one_template(
        r, ctx, r.props.get("LaunchConfigurationName"), ("AWS::AutoScaling::LaunchConfiguration",))
    if template is None:
        raise NotPriceable("its launch template is not in this template, so the instance type is unknown")
    overrides = items(dig(mixed, ("LaunchTemplate", "Overrides")), "Overrides")
    counts = asg_counts(r, ctx, r.get("MinSize"), r.get("MaxSize"), r.get("DesiredCapacity"))
    schedule = [action(a.props, "Recurrence", ("MinSize",), ("MaxSize",))
                for a in ctx.referrers(r, "AWS::AutoScaling::ScheduledAction", prop="AutoScalingGroupName")]
    return _attrs(r, ctx, cfn_template_machine(template, ctx), template, counts, overrides[0] if overrides else {},
                  dig(mixed, ("InstancesDistribution",), {}),
                  ("InstanceType", "WeightedCapacity", "OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity"),
                  schedule)


def split(units: int, base: int, percent: int) -> tuple[int, int]:
    """(on-demand units, Spot units) of a group of `units` capacity units."""
    on_demand = min(base, units)
    on_demand += math.ceil((units - on_demand) * percent / 100)
    return on_demand, units - on_demand


def components(resource, usage):
    a = resource.attrs
    weight = a["weight"]
    on_demand, spot, addresses = [], [], []
    for units, hours, why in scheduled_periods(a["units"], a.get("scale_in"), usage["monthly_hours"]):
        on_demand_units, spot_units = split(units, a["base"], a["percent"])
        mixed = weight != 1 or (on_demand_units and spot_units)
        for share, found in ((on_demand_units, on_demand), (spot_units, spot)):
            shown = N_("%(why)s, for %(units)s of %(total)s desired units (weight %(weight)s per instance)") % {
                "why": why, "units": share, "total": units, "weight": f"{weight:g}"} if mixed else why
            found.append((math.ceil(share / weight), hours, shown))
        addresses.append((on_demand[-1][0] + spot[-1][0], hours, why))
    option = usage["purchase_option"].value or "on_demand"
    discount = usage["spot_discount"].value
    yield from ec2_capacity(a["type"], on_demand, option, None, N_("Instances"))
    yield from ec2_capacity(a["type"], spot, "spot", None if discount == "" else float(discount), N_("Instances"))
    instances = addresses[0][0]  # root volumes of the group at normal times
    for cc in volume_components("ebs", N_("Root volumes"), a["ebs"]):
        yield CostComponent(cc.service, cc.name, cc.price_key, cc.quantity * instances,
                            assumption=N_("%(count)s instance(s) × %(each)s") % {
                                "count": instances, "each": cc.assumption or f"{cc.quantity:g}"})
    if a.get("public_ip"):
        for count, hours, why in addresses:
            yield from public_ipv4(count, N_("one per instance"), hours, why)
    yield from egress.component(usage)


register("aws_autoscaling_group", cloudformation_types="AWS::AutoScaling::AutoScalingGroup", terraform=terraform,
         cloudformation=cloudformation, components=components,
         usage={"monthly_hours": UsageKey(730, "hours", "hours the group runs a month"),
                "purchase_option": PURCHASE_OPTION, "spot_discount": SPOT_DISCOUNT, **egress.USAGE})
