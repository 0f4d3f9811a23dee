"""EC2 Auto Scaling group, with what the ec2_asg spec kind cannot say: a mixed instances policy that splits
the group between on-demand and Spot, and weighted capacity (desired capacity counts units; each instance of
the first override brings its weight). The on-demand base and percentage apply to units, rounded up in
favour of on-demand, as EC2 Auto Scaling does. Spot instances are listed as not priced (a market price)."""

import math

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import NotPriceable, dig, items, to_int, to_number
from stackwright.resources.helpers import hourly
from stackwright.resources.registry import register
from stackwright.resources.types.aws_ebs_volume import volume_components


def _attrs(r, ctx, machine, template, counts, first_override, distribution, names):
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
            "covers": [template.address]}


def terraform(r, ctx):
    from stackwright.importer.mapping.compute import asg_counts, tf_asg_launch, tf_template_machine

    mixed, template, overrides = tf_asg_launch(r, ctx)
    counts = asg_counts(r, ctx, r.get("min_size"), r.get("max_size"), r.get("desired_capacity"))
    return _attrs(r, ctx, tf_template_machine(template, ctx), template, counts, overrides[0] if overrides else {},
                  dig(mixed, ("instances_distribution",), {}),
                  ("instance_type", "weighted_capacity", "on_demand_base_capacity",
                   "on_demand_percentage_above_base_capacity"))


def cloudformation(r, ctx):
    from stackwright.importer.mapping.compute import asg_counts, cfn_template_machine, one_template

    mixed = r.get("MixedInstancesPolicy", default={})
    reference = r.props.get("LaunchTemplate") or dig(mixed, ("LaunchTemplate", "LaunchTemplateSpecification"))
    template = one_template(r, ctx, reference, ("AWS::EC2::LaunchTemplate",)) or one_template(
        r, ctx, r.props.get("LaunchConfigurationName"), ("AWS::AutoScaling::LaunchConfiguration",))
    if template is None:
        raise NotPriceable("its launch template is not in this template, so the instance type is unknown")
    overrides = items(dig(mixed, ("LaunchTemplate", "Overrides")), "Overrides")
    counts = asg_counts(r, ctx, r.get("MinSize"), r.get("MaxSize"), r.get("DesiredCapacity"))
    return _attrs(r, ctx, cfn_template_machine(template, ctx), template, counts, overrides[0] if overrides else {},
                  dig(mixed, ("InstancesDistribution",), {}),
                  ("InstanceType", "WeightedCapacity", "OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity"))


def split(units: int, base: int, percent: int) -> tuple[int, int]:
    """(on-demand units, Spot units) of a group of `units` capacity units."""
    on_demand = min(base, units)
    on_demand += math.ceil((units - on_demand) * percent / 100)
    return on_demand, units - on_demand


def components(resource, usage):
    a = resource.attrs
    on_demand_units, spot_units = split(a["units"], a["base"], a["percent"])
    weight = a["weight"]
    on_demand, spot = math.ceil(on_demand_units / weight), math.ceil(spot_units / weight)
    why = f"weight {weight:g} per instance" if weight != 1 else "1 unit per instance"
    if on_demand:
        yield hourly("ec2", f"Instances ({a['type']}, on demand)", f"ec2/ondemand/{a['type']}", on_demand,
                     f"{on_demand} instance(s) for {on_demand_units} of {a['units']} desired units ({why}) × 730 h")
    if spot:
        yield CostComponent("ec2", f"Instances ({a['type']}, Spot)", f"ec2/ondemand/{a['type']}", spot * 730,
                            assumption=f"{spot} instance(s) for {spot_units} units ({why})",
                            unknown_reason="Spot is a market price the catalogue does not hold")
    instances = on_demand + spot
    for cc in volume_components("ebs", "Root volumes", a["ebs"]):
        yield CostComponent(cc.service, cc.name, cc.price_key, cc.quantity * instances,
                            assumption=f"{instances} instance(s) × {cc.assumption or cc.quantity}")


register("aws_autoscaling_group", cloudformation_types="AWS::AutoScaling::AutoScalingGroup", terraform=terraform,
         cloudformation=cloudformation, components=components)
