"""CloudWatch: alarms, custom metrics, dashboards, log ingestion and stored logs."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import DAYS_PER_MONTH
from stackwright.spec.model import CloudWatch


def components(name: str, cw: CloudWatch, ctx) -> Iterator[CostComponent]:
    if cw.alarms:
        yield CostComponent("cloudwatch", "Standard-resolution alarms", "cloudwatch/alarm-standard", cw.alarms)
    if cw.custom_metrics:
        yield CostComponent("cloudwatch", "Custom metrics", "cloudwatch/custom-metric", cw.custom_metrics)
    if cw.dashboards:
        yield CostComponent("cloudwatch", "Dashboards", "cloudwatch/dashboard", cw.dashboards)
    if cw.log_gb_month is not None:
        gb, why = cw.log_gb_month, f"log_gb_month = {cw.log_gb_month:g} GB"
    else:
        usage = ctx.usage.log_gb()
        gb, why = usage.value, usage.assumption
    yield CostComponent("cloudwatch", "Log ingestion", "cloudwatch/logs-ingestion", gb, usage_based=True,
                        assumption=why)
    stored = gb * min(cw.log_retention_days, 3653) / DAYS_PER_MONTH
    yield CostComponent("cloudwatch", "Log storage", "cloudwatch/logs-storage", stored, usage_based=True,
                        assumption=f"{gb:,.2f} GB/month kept {cw.log_retention_days} days (steady state, uncompressed)")
