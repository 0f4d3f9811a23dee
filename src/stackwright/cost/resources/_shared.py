"""Cost pieces several resource kinds share: EC2 capacity, EBS volumes, public IPv4 addresses."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent, hourly
from stackwright.spec.model import Ebs

GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT = 125
RESERVED_KEYS = {"reserved_1y": "ri-1y", "reserved_3y": "ri-3y"}


def public_ipv4(count: int, why: str) -> Iterator[CostComponent]:
    if count:
        yield hourly(
            "public_ipv4", f"Public IPv4 address ({why})", "public_ipv4/in-use", count,
            assumption=f"{count} address(es) × 730 h",
        )


def ec2_capacity(instance_type: str, count: int, purchase_option: str, spot_discount: float | None,
                 label: str) -> Iterator[CostComponent]:
    """Instance-hours for `count` Linux instances under the chosen purchase option."""
    if not count:
        return
    name = f"{label} ({instance_type}, {purchase_option.replace('_', ' ')})"
    field = ("instance_type",)
    if purchase_option in RESERVED_KEYS:
        key = f"ec2/{RESERVED_KEYS[purchase_option]}/{instance_type}"
        yield hourly("ec2", name, key, count, purchase_option=purchase_option, spec_field=field)
        return
    on_demand_key = f"ec2/ondemand/{instance_type}"
    if purchase_option == "on_demand":
        yield hourly("ec2", name, on_demand_key, count, spec_field=field)
    elif purchase_option == "spot" and spot_discount is not None:
        yield hourly(
            "ec2", name, on_demand_key, count, purchase_option="spot", spec_field=field,
            price_factor=1 - spot_discount,
            price_factor_reason=f"Spot is a market price: on-demand less the spec's assumed {spot_discount:.0%} discount",
        )
    else:
        reason = ("Spot prices are a market price the catalogue does not hold; set spot_discount to assume one"
                  if purchase_option == "spot"
                  else "no Savings Plans rate source in the catalogue; price as reserved_1y/3y for a close proxy")
        yield CostComponent("ec2", name, on_demand_key, count * HOURS_PER_MONTH, purchase_option=purchase_option,
                            unknown_reason=reason)


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
