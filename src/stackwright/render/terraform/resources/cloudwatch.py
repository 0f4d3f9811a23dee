"""The dashboard: one graph per alarmed metric. Alarms, log groups and scaling come from the monitoring
module, whether or not the spec has a cloudwatch component."""

from __future__ import annotations

from stackwright.plan.model import Dashboard, Metric, Plan
from stackwright.render.terraform._shared import resource
from stackwright.render.terraform.hcl import Call
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "monitoring"
COLUMNS = 2
WIDTH, HEIGHT = 12, 6
PERIOD_SECONDS = 300


def render(component: str, plan: Plan, stack: Stack) -> None:
    for dashboard in plan.of(plan.dashboards, component):
        resource(stack, MODULE, "aws_cloudwatch_dashboard", local_name(dashboard.id), {
            "dashboard_name": dashboard.name,
            "dashboard_body": Call("jsonencode", (_body(plan, dashboard),)),
        }, element=dashboard, represents=dashboard.id)


def _body(plan: Plan, dashboard: Dashboard) -> dict:
    def series(metric: Metric, shared_stat: bool) -> list:
        line: list = [metric.namespace, metric.name]
        for dimension in metric.dimensions:
            line += [dimension.name, dimension.value]
        return line if shared_stat else line + [{"stat": metric.statistic}]

    widgets = []
    for index, widget in enumerate(dashboard.widgets):
        # One statistic for the whole graph is set once, on the widget, so each series fits one line.
        statistics = {m.statistic for m in widget.metrics}
        shared = len(statistics) == 1
        properties = {"title": widget.title, "region": plan.region, "period": PERIOD_SECONDS, "view": "timeSeries"}
        if shared:
            properties["stat"] = statistics.pop()
        properties["metrics"] = [series(m, shared) for m in widget.metrics]
        widgets.append({"type": "metric", "x": (index % COLUMNS) * WIDTH, "y": (index // COLUMNS) * HEIGHT,
                        "width": WIDTH, "height": HEIGHT, "properties": properties})
    return {"widgets": widgets}
