"""Monitoring: CloudWatch alarms, dashboards, log groups and metric filters, folded into one
`cloudwatch` component (its log defaults are the whole service's, not one group's)."""

from __future__ import annotations

from stackwright.importer.mapping.registry import Contribution, aggregate, free, maps
from stackwright.importer.resources import ASSUMED, IacResource, items, to_int

NEVER_EXPIRE_DAYS = 3653  # the cloudwatch kind's longest retention, ten years

free("aws_cloudwatch_log_stream", "aws_cloudwatch_log_resource_policy", "AWS::Logs::LogStream",
     "AWS::Logs::ResourcePolicy")


def custom_metrics(r: IacResource, ctx) -> dict:
    """Metrics the application publishes itself (PutMetricData): usage no code shows, given on any of the
    account's CloudWatch resources."""
    count = ctx.given(r, "custom_metrics")
    return {} if count is None else {"custom_metrics": to_int(count, "custom_metrics")}


@maps("aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm", usage=("custom_metrics",))
def alarm(r: IacResource, ctx) -> Contribution:
    return Contribution("cloudwatch", {"alarms": 1, **custom_metrics(r, ctx)})


@maps("aws_cloudwatch_dashboard", "AWS::CloudWatch::Dashboard", usage=("custom_metrics",))
def dashboard(r: IacResource, ctx) -> Contribution:
    return Contribution("cloudwatch", {"dashboards": 1, **custom_metrics(r, ctx)})


@maps("aws_cloudwatch_log_metric_filter")
def tf_metric_filter(r: IacResource, ctx) -> Contribution:
    """Each metric a filter publishes is a custom metric."""
    return Contribution("cloudwatch", {"custom_metrics": len(items(r.props.get("metric_transformation"),
                                                                   "metric_transformation"))})


@maps("AWS::Logs::MetricFilter")
def cfn_metric_filter(r: IacResource, ctx) -> Contribution:
    return Contribution("cloudwatch", {"custom_metrics": len(items(r.props.get("MetricTransformations"),
                                                                   "MetricTransformations"))})


def log_group(r: IacResource, ctx, retention) -> Contribution:
    days = to_int(retention, "retention") if retention else None  # 0 or unset: the logs never expire
    return Contribution("cloudwatch", {"log_group": r.address, "retention": days,
                                       "log_gb": ctx.usage(r, "log_gb_month"), **custom_metrics(r, ctx)})


@maps("aws_cloudwatch_log_group", usage=("log_gb_month", "custom_metrics"))
def tf_log_group(r: IacResource, ctx) -> Contribution:
    return log_group(r, ctx, r.get("retention_in_days"))


@maps("AWS::Logs::LogGroup", usage=("log_gb_month", "custom_metrics"))
def cfn_log_group(r: IacResource, ctx) -> Contribution:
    return log_group(r, ctx, r.get("RetentionInDays"))


@aggregate("cloudwatch")
def cloudwatch(contributed: list, ctx) -> dict:
    def total(key: str) -> int:
        return sum(values.get(key, 0) for _, values in contributed)

    fields = {"kind": "cloudwatch", "alarms": total("alarms"), "custom_metrics": total("custom_metrics"),
              "dashboards": total("dashboards")}
    groups = [values for _, values in contributed if "log_group" in values]
    if not groups:
        ctx.note("cloudwatch", ASSUMED, "no log group in this code: no log ingestion is priced")
        fields["log_gb_month"] = 0
        return fields
    given = [g for g in groups if g["log_gb"] is not None]
    if given:
        fields["log_gb_month"] = sum(g["log_gb"] for g in given)
        for group in groups:
            if group["log_gb"] is None:
                ctx.note(group["log_group"], ASSUMED, "log_gb_month not in the usage file while other log groups "
                                                      "have one: 0 GB assumed for this group")
    retentions = {g["log_group"]: g["retention"] or NEVER_EXPIRE_DAYS for g in groups}
    fields["log_retention_days"] = max(retentions.values())
    never = [g["log_group"] for g in groups if g["retention"] is None]
    if never:
        ctx.note("cloudwatch", ASSUMED, f"logs in {', '.join(never)} never expire: stored logs priced at "
                                        f"{NEVER_EXPIRE_DAYS} days' retention, the kind's longest")
    if len(set(retentions.values())) > 1:
        ctx.note("cloudwatch", ASSUMED, f"log groups keep logs {min(retentions.values())}-"
                                        f"{max(retentions.values())} days: all priced at the longest")
    return fields
