"""CloudWatch: alarms, custom metrics, dashboards, log ingestion and stored logs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import DAYS_PER_MONTH
from stackwright.spec.model import CloudWatch
from stackwright.translatable import N_


def _at_least_planned(given: int, planned: int, what: str) -> tuple[int, str]:
    if planned > given:
        return planned, what % {"planned": planned, "given": given}
    return given, N_("%(given)s in the spec (the plan creates %(planned)s)") % {"given": given, "planned": planned}


def _declared(given: int, planned: int, what: str) -> tuple[int, str | None]:
    return given, None


def components(name: str, cw: CloudWatch, ctx) -> Iterator[CostComponent]:
    if ctx.declared_only:  # imported code: what it declares, nothing a plan would add
        planned_alarms, planned_dashboards, count = 0, 0, _declared
    else:
        plan = ctx.plan
        # the plan's alarms are shared by the spec's cloudwatch components; the first one carries them
        first = next(n for n, c in ctx.spec.components.items() if c.kind == "cloudwatch") \
            if ctx.has_kind("cloudwatch") else name
        # every alarm, the ones that run a worker's backlog scaling too
        planned_alarms = len(plan.alarms) + len(plan.queue_scaling) if name == first else 0
        planned_dashboards = sum(1 for d in plan.dashboards if d.component == name)
        count = _at_least_planned
    alarms, why = count(cw.alarms, planned_alarms,
                         N_("the plan creates %(planned)s per-component alarms (%(given)s in the spec)"))
    if alarms:
        yield CostComponent("cloudwatch", N_("Standard-resolution alarms"), "cloudwatch/alarm-standard", alarms,
                            assumption=why)
    if cw.custom_metrics:
        yield CostComponent("cloudwatch", N_("Custom metrics"), "cloudwatch/custom-metric", cw.custom_metrics)
    dashboards, why = count(cw.dashboards, planned_dashboards,
                             N_("the plan creates %(planned)s dashboard(s) (%(given)s in the spec)"))
    if dashboards:
        yield CostComponent("cloudwatch", N_("Dashboards"), "cloudwatch/dashboard", dashboards, assumption=why)
    if cw.log_gb_month is not None:
        gb, why = cw.log_gb_month, f"log_gb_month = {cw.log_gb_month:g} GB"
    else:
        usage = ctx.usage.log_gb()
        gb, why = usage.value, usage.assumption
    yield CostComponent("cloudwatch", N_("Log ingestion"), "cloudwatch/logs-ingestion", gb, usage_based=True,
                        assumption=why)
    stored = gb * min(cw.log_retention_days, 3653) / DAYS_PER_MONTH
    yield CostComponent("cloudwatch", N_("Log storage"), "cloudwatch/logs-storage", stored, usage_based=True,
                        assumption=N_("%(gb)s GB/month kept %(days)s days (steady state, uncompressed)")
                        % {"gb": f"{gb:,.2f}", "days": cw.log_retention_days})
