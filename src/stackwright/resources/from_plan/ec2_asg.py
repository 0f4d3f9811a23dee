"""ec2_asg: the plan's Auto Scaling group, at its desired capacity (scaled in at quiet times when the spec
says so) for the hours the spec's environment runs, under the spec's purchase option, with a root volume
per instance and, when its instances get one, a public IPv4 address each."""

from __future__ import annotations

from stackwright.resources.from_plan import _egress, planned
from stackwright.resources.from_plan.ec2_instance import purchase
from stackwright.resources.from_plan.fargate_service import monthly_hours


def depends_on(name, asg, ctx) -> tuple:
    """What `records` reads besides the component, its name and the region (spec_bill's memo of its lines):
    the hours, and each of its groups' id, public address and internet data out."""
    groups = ctx.plan.of(ctx.plan.instance_groups, name)
    hours = monthly_hours(ctx, asg.instances.desired)  # its fields hash quicker than the object
    return (hours.value, hours.assumption,
            *[(g.id, ctx.addresses[g.id], g.public_ip, *_egress.usage(ctx, g.id).items()) for g in groups])


def records(name, asg, ctx):
    spot = asg.purchase_option == "spot"
    volume = asg.ebs
    attrs = {"type": asg.instance_type, "units": asg.instances.desired, "weight": 1, "base": 0,
             "percent": 0 if spot else 100,
             "ebs": {"type": volume.type, "gb": volume.gb, "iops": volume.iops or 0,
                     "throughput": volume.throughput_mibps or 0},
             "scale_in": None if asg.scale_in is None else {"count": asg.scale_in.count,
                                                            "off_hours_per_week": asg.scale_in.off_hours_per_week}}
    usage = {"monthly_hours": monthly_hours(ctx, asg.instances.desired), **purchase(asg)}
    for group in ctx.plan.of(ctx.plan.instance_groups, name):
        yield planned(ctx, "aws_autoscaling_group", group.id, {**attrs, "public_ip": group.public_ip},
                      {**usage, **_egress.usage(ctx, group.id)})
