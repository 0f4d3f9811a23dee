"""The dashboard: one graph per alarmed metric. Alarms, log groups and scaling come from the monitoring
module, whether or not the spec has a cloudwatch component."""

from __future__ import annotations

import json

from stackwright.plan.model import Dashboard, Metric, Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id

COLUMNS = 2
WIDTH, HEIGHT = 12, 6
PERIOD_SECONDS = 300


def render(component: str, plan: Plan, template: Template) -> None:
    for dashboard in plan.of(plan.dashboards, component):
        body, variables = _body(dashboard)
        template.add(logical_id(dashboard.id), "AWS::CloudWatch::Dashboard", {
            "DashboardName": dashboard.name,
            "DashboardBody": {"Fn::Sub": [body, variables]},
        }, represents=dashboard.id)


def _body(dashboard: Dashboard) -> tuple[str, dict]:
    """The body as JSON with ${Name} placeholders, and what each placeholder stands for."""
    variables: dict[str, Ref] = {}

    def placeholder(value) -> str:
        if not isinstance(value, Ref):
            return str(value)
        name = logical_id(f"{value.target}-{value.attribute.replace('_', '-')}")
        variables[name] = value
        return f"${{{name}}}"

    def series(metric: Metric) -> list:
        line = [metric.namespace, metric.name]
        for dimension in metric.dimensions:
            line += [dimension.name, placeholder(dimension.value)]
        return line + [{"stat": metric.statistic}]

    widgets = [{
        "type": "metric",
        "x": (index % COLUMNS) * WIDTH, "y": (index // COLUMNS) * HEIGHT, "width": WIDTH, "height": HEIGHT,
        "properties": {"title": widget.title, "region": "${AWS::Region}", "period": PERIOD_SECONDS,
                       "view": "timeSeries", "metrics": [series(m) for m in widget.metrics]},
    } for index, widget in enumerate(dashboard.widgets)]
    # One widget per line: readable in the template, still plain JSON.
    lines = ",\n".join(json.dumps(widget, sort_keys=True) for widget in widgets)
    return f'{{"widgets": [\n{lines}\n]}}\n', variables
