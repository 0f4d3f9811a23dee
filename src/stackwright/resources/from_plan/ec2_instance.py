"""ec2_instance: each of the plan's instances, for the hours the spec's environment runs, under the spec's
purchase option (a reservation or Savings Plan is usage: bought apart from the code), with its root volume
and, when it has one, its public IPv4 address (released while the instance is stopped)."""

from __future__ import annotations

from stackwright.resources.capacity import running_hours
from stackwright.resources.from_plan import _egress, planned
from stackwright.resources.record import UsageValue

ON_DEMAND = ("on_demand", "spot")  # purchase options the code itself shows


def attributes(instance_type: str, volume, public_ip: bool, spot: bool = False) -> dict:
    """As the aws_instance module reads them from the generated code."""
    return {"type": instance_type, "tenancy": "default",
            "credits": "standard" if instance_type.startswith("t2.") else "unlimited", "monitoring": False,
            "spot": spot, "public_ip": public_ip,
            "volumes": [{"type": volume.type, "gb": float(volume.gb), "iops": float(volume.iops or 0),
                         "throughput": float(volume.throughput_mibps or 0)}]}


def purchase(component) -> dict[str, UsageValue]:
    """The purchase option and Spot discount the code cannot hold."""
    usage = {}
    if component.purchase_option not in ON_DEMAND:
        usage["purchase_option"] = UsageValue(component.purchase_option,
                                              f"purchase_option = {component.purchase_option}")
    if component.spot_discount is not None:
        usage["spot_discount"] = UsageValue(component.spot_discount, f"spot_discount = {component.spot_discount:.0%}")
    return usage


def records(name, host, ctx):
    [(_, hours, why)] = running_hours(ctx.spec, count=1)
    usage = {"monthly_hours": UsageValue(hours, why), **purchase(host)}
    for group in ctx.plan.of(ctx.plan.instance_groups, name):
        attrs = attributes(host.instance_type, host.ebs, group.public_ip, host.purchase_option == "spot")
        for element in group.instances:
            yield planned(ctx, "aws_instance", element, attrs, {**usage, **_egress.usage(ctx, element)})
