"""Cost pieces several resource cost modules and plan readers share: EC2 capacity under a purchase option
(with the option words and reservation keys RDS and ElastiCache use too), public IPv4 addresses, and the
hours a spec's resources run."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent
from stackwright.translatable import N_

RESERVED_KEYS = {"reserved_1y": "ri-1y", "reserved_3y": "ri-3y"}
# Compute Savings Plans, No Upfront: priced once `prices update` has read a savings-plan offer file.
SAVINGS_PLAN_KEYS = {"savings_plan_1y": "savings-plan-1y", "savings_plan_3y": "savings-plan-3y"}
# how a bill line's name says its purchase option
OPTION_WORDS = {"on_demand": N_("on demand"), "spot": N_("spot"), "reserved_1y": N_("reserved 1y"),
                "reserved_3y": N_("reserved 3y"), "savings_plan_1y": N_("savings plan 1y"),
                "savings_plan_3y": N_("savings plan 3y")}


def public_ipv4(count: int, why: str, hours: float = HOURS_PER_MONTH, hours_why: str = N_("730 h")
                ) -> Iterator[CostComponent]:
    if count:
        yield CostComponent(
            "public_ipv4", N_("Public IPv4 address (%(why)s)") % {"why": why}, "public_ipv4/in-use", count * hours,
            assumption=N_("%(count)s address(es) × %(hours)s") % {"count": count, "hours": hours_why},
        )


def ec2_capacity(instance_type: str, periods: list[tuple[int, float, str]], purchase_option: str,
                 spot_discount: float | None, label: str) -> Iterator[CostComponent]:
    """Instance-hours for Linux instances running `periods` [(count, hours, why)], under a purchase option."""
    instance_hours = sum(count * hours for count, hours, _ in periods)
    if not instance_hours:
        return
    name = N_("%(label)s (%(type)s, %(option)s)") % {"label": label, "type": instance_type,
                                                      "option": OPTION_WORDS[purchase_option]}
    why = " + ".join(N_("%(count)s × %(hours)s") % {"count": count, "hours": hours_why}
                     for count, _, hours_why in periods if count)
    common = dict(purchase_option=purchase_option, spec_field=("instance_type",), assumption=why)
    if purchase_option in RESERVED_KEYS:
        key = f"ec2/{RESERVED_KEYS[purchase_option]}/{instance_type}"
        yield CostComponent("ec2", name, key, instance_hours, **common)
        return
    on_demand_key = f"ec2/ondemand/{instance_type}"
    if purchase_option == "on_demand":
        yield CostComponent("ec2", name, on_demand_key, instance_hours, **common)
    elif purchase_option in SAVINGS_PLAN_KEYS:
        missing = N_("no Compute Savings Plan rate for this type in the catalogue; give AWS's savings-plan offer "
                     "file to `stackwright prices update --region R --from DIR` (or price as reserved_1y/3y for a "
                     "close proxy)")
        yield CostComponent("ec2", name, f"ec2/{SAVINGS_PLAN_KEYS[purchase_option]}/{instance_type}", instance_hours,
                            **common, unknown_if_missing=missing)
    elif purchase_option == "spot" and spot_discount is not None:
        yield CostComponent(
            "ec2", name, on_demand_key, instance_hours, **common, price_factor=1 - spot_discount,
            price_factor_reason=N_("Spot is a market price: on-demand less the spec's assumed %(discount)s discount")
            % {"discount": f"{spot_discount:.0%}"},
        )
    else:
        reason = N_("Spot prices are a market price the catalogue does not hold; set spot_discount to assume one")
        yield CostComponent("ec2", name, on_demand_key, instance_hours, **common, unknown_reason=reason)


def running_hours(spec, scale_in=None, count: int = 0) -> list[tuple[int, float, str]]:
    """[(count, hours per month, why)]: the full count at normal times and the scale-in count at quiet
    times, both within the hours a week the environment runs at all."""
    weekly = spec.running_hours_per_week
    factor = weekly / 168
    running = weekly < 168
    hours_a_week = {"weekly": f"{weekly:g}"}
    if scale_in is None:
        why = N_("730 h × %(weekly)s/168 h a week running") % hours_a_week if running else N_("730 h")
        return [(count, HOURS_PER_MONTH * factor, why)]
    off = HOURS_PER_MONTH * scale_in.off_hours_per_week / 168 * factor
    on = HOURS_PER_MONTH * factor - off
    normal = {"hours": f"{on:,.0f}", **hours_a_week}
    quiet = {"hours": f"{off:,.0f}", "off": f"{scale_in.off_hours_per_week:g}", **hours_a_week}
    if running:
        return [(count, on, N_("%(hours)s h at normal times × %(weekly)s/168 h a week running") % normal),
                (scale_in.count, off,
                 N_("%(hours)s h scaled in (%(off)s h a week) × %(weekly)s/168 h a week running") % quiet)]
    return [(count, on, N_("%(hours)s h at normal times") % normal),
            (scale_in.count, off, N_("%(hours)s h scaled in (%(off)s h a week)") % quiet)]
