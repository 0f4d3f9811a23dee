"""Amazon CloudWatch Logs log group: the logs ingested (usage `monthly_data_ingested_gb`, Infracost's key) and
their storage at steady state over the group's retention (never expiring: priced at ten years), uncompressed."""

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import DAYS_PER_MONTH
from stackwright.resources.helpers import whole
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_cloudwatch_metric_alarm import CUSTOM_METRICS, custom_metrics
from stackwright.translatable import N_

NEVER_EXPIRE_DAYS = 3653  # ten years: how long logs that never expire are priced as kept


def components(resource, usage):
    days = resource.attrs["retention_days"] or NEVER_EXPIRE_DAYS
    ingested = usage["monthly_data_ingested_gb"]
    gb = float(ingested.value)
    yield CostComponent("cloudwatch", N_("Log ingestion"), "cloudwatch/logs-ingestion", gb, usage_based=True,
                        assumption=ingested.assumption)
    yield CostComponent("cloudwatch", N_("Log storage"), "cloudwatch/logs-storage",
                        gb * min(days, NEVER_EXPIRE_DAYS) / DAYS_PER_MONTH, usage_based=True,
                        assumption=N_("%(gb)s GB/month kept %(days)s days (steady state, uncompressed)") % {
                            "gb": f"{gb:,.2f}", "days": days})
    yield from custom_metrics(usage)


register("aws_cloudwatch_log_group", cloudformation_types="AWS::Logs::LogGroup", components=components,
         terraform=lambda r, ctx: {"retention_days": whole(r, "retention_in_days", default=0)},
         cloudformation=lambda r, ctx: {"retention_days": whole(r, "RetentionInDays", default=0)},
         service="cloudwatch",
         usage={"monthly_data_ingested_gb": UsageKey(0, "GB", "logs written to the group a month"),
                "custom_metrics": CUSTOM_METRICS})
