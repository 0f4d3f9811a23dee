"""Elastic Load Balancing v2: Application, Network and Gateway Load Balancers, by the hour and by capacity
units (the largest of new connections, active connections and processed bytes)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import hourly, text
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

# (price family, label, new connections/s, active connections/min, GB/h) per capacity unit
KINDS = {"application": ("alb", N_("Application Load Balancer"), 25, 3000, 1.0),
         "network": ("nlb", N_("Network Load Balancer"), 800, 100_000, 1.0),
         "gateway": ("gwlb", N_("Gateway Load Balancer"), 600, 60_000, 1.0)}


def components(resource, usage):
    family, label, per_new, per_active, per_gb = KINDS[resource.attrs["kind"]]
    yield hourly("elb", label, f"{family}/hour")
    new, active, gb = usage["new_connections"], usage["active_connections"], usage["processed_bytes_gb"]
    units = max(float(new.value) / per_new, float(active.value) / per_active, float(gb.value) / per_gb)
    yield CostComponent("elb", N_("Capacity units"), f"{family}/lcu-hour", units * 730, usage_based=True,
                        assumption=N_("max of %(new)s ÷ %(per_new)s, %(active)s ÷ %(per_active)s, %(gb)s ÷ "
                                      "%(per_gb)s = %(units)s units × 730 h") % {
                            "new": new.assumption, "per_new": per_new, "active": active.assumption,
                            "per_active": f"{per_active:,}", "gb": gb.assumption, "per_gb": f"{per_gb:g}",
                            "units": f"{units:.3f}"})


USAGE = {"new_connections": UsageKey(0, "new connections/s"), "active_connections": UsageKey(0, "active connections/min"),
         "processed_bytes_gb": UsageKey(0, "GB/h")}


def kind(value: str | None) -> dict:
    return {"kind": (value or "application").lower()}


register("aws_lb", cloudformation_types="AWS::ElasticLoadBalancingV2::LoadBalancer", components=components,
         terraform=lambda r, ctx: kind(text(r, "load_balancer_type")),
         cloudformation=lambda r, ctx: kind(text(r, "Type")), usage=USAGE)
