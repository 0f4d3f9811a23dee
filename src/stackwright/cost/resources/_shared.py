"""Cost pieces several resource kinds share: EC2 capacity, EBS volumes, public IPv4 addresses."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent
from stackwright.spec.model import Ebs

GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT = 125
RESERVED_KEYS = {"reserved_1y": "ri-1y", "reserved_3y": "ri-3y"}
# Compute Savings Plans, No Upfront: priced once `prices update` has read a savings-plan offer file.
SAVINGS_PLAN_KEYS = {"savings_plan_1y": "savings-plan-1y", "savings_plan_3y": "savings-plan-3y"}


def public_ipv4(count: int, why: str, hours: float = HOURS_PER_MONTH, hours_why: str = "730 h"
                ) -> Iterator[CostComponent]:
    if count:
        yield CostComponent(
            "public_ipv4", f"Public IPv4 address ({why})", "public_ipv4/in-use", count * hours,
            assumption=f"{count} address(es) × {hours_why}",
        )


def ec2_capacity(instance_type: str, periods: list[tuple[int, float, str]], purchase_option: str,
                 spot_discount: float | None, label: str) -> Iterator[CostComponent]:
    """Instance-hours for Linux instances running `periods` [(count, hours, why)], under a purchase option."""
    instance_hours = sum(count * hours for count, hours, _ in periods)
    if not instance_hours:
        return
    name = f"{label} ({instance_type}, {purchase_option.replace('_', ' ')})"
    why = " + ".join(f"{count} × {hours_why}" for count, _, hours_why in periods if count)
    common = dict(purchase_option=purchase_option, spec_field=("instance_type",), assumption=why)
    if purchase_option in RESERVED_KEYS:
        key = f"ec2/{RESERVED_KEYS[purchase_option]}/{instance_type}"
        yield CostComponent("ec2", name, key, instance_hours, **common)
        return
    on_demand_key = f"ec2/ondemand/{instance_type}"
    if purchase_option == "on_demand":
        yield CostComponent("ec2", name, on_demand_key, instance_hours, **common)
    elif purchase_option in SAVINGS_PLAN_KEYS:
        missing = ("no Compute Savings Plan rate for this type in the catalogue; give AWS's savings-plan offer file "
                   "to `stackwright prices update --region R --from DIR` (or price as reserved_1y/3y for a close proxy)")
        yield CostComponent("ec2", name, f"ec2/{SAVINGS_PLAN_KEYS[purchase_option]}/{instance_type}", instance_hours,
                            **common, unknown_if_missing=missing)
    elif purchase_option == "spot" and spot_discount is not None:
        yield CostComponent(
            "ec2", name, on_demand_key, instance_hours, **common, price_factor=1 - spot_discount,
            price_factor_reason=f"Spot is a market price: on-demand less the spec's assumed {spot_discount:.0%} discount",
        )
    else:
        reason = "Spot prices are a market price the catalogue does not hold; set spot_discount to assume one"
        yield CostComponent("ec2", name, on_demand_key, instance_hours, **common, unknown_reason=reason)


def ebs(volume: Ebs, count: int, label: str) -> Iterator[CostComponent]:
    if not count:
        return
    yield CostComponent(
        "ebs", f"{label} EBS {volume.type} storage", f"ebs/{volume.type}", volume.gb * count,
        assumption=f"{count} volume(s) × {volume.gb:g} GB", spec_field=("ebs", "type"),
    )
    if volume.type == "gp3" and volume.iops and volume.iops > GP3_FREE_IOPS:
        extra = (volume.iops - GP3_FREE_IOPS) * count
        yield CostComponent("ebs", f"{label} EBS gp3 IOPS above 3,000", "ebs/gp3-iops", extra)
    if volume.type == "gp3" and volume.throughput_mibps and volume.throughput_mibps > GP3_FREE_THROUGHPUT:
        extra = (volume.throughput_mibps - GP3_FREE_THROUGHPUT) * count
        yield CostComponent("ebs", f"{label} EBS gp3 throughput above 125 MiB/s", "ebs/gp3-throughput", extra)


def running_hours(spec, scale_in=None, count: int = 0) -> list[tuple[int, float, str]]:
    """[(count, hours per month, why)]: the full count at normal times and the scale-in count at quiet
    times, both within the hours a week the environment runs at all."""
    weekly = spec.running_hours_per_week
    factor = weekly / 168
    running = f" × {weekly:g}/168 h a week running" if weekly < 168 else ""
    if scale_in is None:
        return [(count, HOURS_PER_MONTH * factor, f"730 h{running}")]
    off = HOURS_PER_MONTH * scale_in.off_hours_per_week / 168 * factor
    on = HOURS_PER_MONTH * factor - off
    return [(count, on, f"{on:,.0f} h at normal times{running}"),
            (scale_in.count, off, f"{off:,.0f} h scaled in ({scale_in.off_hours_per_week:g} h a week){running}")]
