"""The worker, sqs and sns kinds: a worker takes no requests (no target group, health check or listener rule),
scales on its queue's backlog, may consume its queue; the alarms notify the spec's topic when it has one."""

import re

import pytest
import yaml

from stackwright.plan import build_plan
from stackwright.plan.messaging import backlog_steps
from stackwright.render.cloudformation import render_template
from stackwright.render.terraform import render_files
from stackwright.spec.model import Spec, TaskCounts
from stackwright.spec_bill import price

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "web-worker-queue.yaml"


def spec(text: str) -> Spec:
    return Spec.model_validate(yaml.safe_load(text))


@pytest.fixture(scope="module")
def example() -> Spec:
    return Spec.model_validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))


def test_a_worker_gets_no_target_group_health_check_or_ingress(example):
    plan = build_plan(example)
    assert [tg.workload for lb in plan.load_balancers for tg in lb.target_groups] == ["web"]
    assert plan.security_group("jobs-security-group").ingress == ()
    template = yaml.safe_load(render_template(plan))["Resources"]
    service = template["Jobs"]["Properties"]
    assert "LoadBalancers" not in service and "HealthCheckGracePeriodSeconds" not in service
    container = template["JobsTaskDefinition"]["Properties"]["ContainerDefinitions"][0]
    assert "PortMappings" not in container
    assert "container_port        = null" in render_files(plan)["main.tf"]


@pytest.mark.parametrize("counts, per_task, expected", [
    ((1, 1, 3), 100, [(0, 101, 1), (101, 201, 2), (201, None, 3)]),
    ((0, 0, 2), 10, [(0, 1, 0), (1, 11, 1), (11, None, 2)]),
    ((2, 2, 2), 50, [(0, None, 2)]),
])
def test_backlog_steps_run_one_task_per_backlog_per_task_messages(counts, per_task, expected):
    steps = backlog_steps(TaskCounts(min=counts[0], desired=counts[1], max=counts[2]), per_task)
    assert [(s.lower, s.upper, s.tasks) for s in steps] == expected


def test_a_large_worker_keeps_within_twenty_steps_and_reaches_its_max():
    steps = backlog_steps(TaskCounts(min=1, desired=1, max=200), 10)
    assert len(steps) <= 20 and steps[-1].tasks == 200 and steps[-1].upper is None
    assert all(a.upper == b.lower for a, b in zip(steps, steps[1:]))


def test_backlog_scaling_in_both_renderers(example):
    plan = build_plan(example)
    (scaling,) = plan.queue_scaling
    template = yaml.safe_load(render_template(plan))["Resources"]
    policy = template["JobsBacklogScaling"]["Properties"]
    assert policy["PolicyType"] == "StepScaling"
    assert policy["StepScalingPolicyConfiguration"]["AdjustmentType"] == "ExactCapacity"
    assert len(policy["StepScalingPolicyConfiguration"]["StepAdjustments"]) == len(scaling.steps)
    alarm = template["JobsBacklogScalingAlarm"]["Properties"]
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["AlarmActions"] == [{"Ref": "JobsBacklogScaling"}]
    module = render_files(plan)["modules/service/main.tf"]
    assert 'resource "aws_appautoscaling_policy" "backlog"' in module and "ExactCapacity" in module


def test_the_worker_consumes_its_queue_and_the_web_service_sends_to_it(example):
    plan = build_plan(example)
    roles = {r.id: r for r in plan.roles}
    assert [s.sid for s in roles["jobs-task-role"].statements if s.sid.endswith("Queue")] == ["ConsumeQueue"]
    assert "SendToQueues" in [s.sid for s in roles["web-task-role"].statements]


def test_alarms_notify_the_sns_topic_and_the_parameter_stays_without_one(example):
    plan = build_plan(example)
    assert plan.alarm_topic == "alerts"
    assert not any(p.kind == "notification_topic" for p in plan.parameters)
    template = yaml.safe_load(render_template(plan))["Resources"]
    assert template["JobsCpuHigh"]["Properties"]["AlarmActions"] == [{"Ref": "Alerts"}]
    without = example.model_copy(update={"components": {
        n: c for n, c in example.components.items() if c.kind != "sns"}})
    plan = build_plan(without)
    assert plan.alarm_topic is None and any(p.kind == "notification_topic" for p in plan.parameters)


def test_a_subscriber_the_spec_does_not_name_is_a_checked_deploy_time_parameter(example):
    components = {**example.components, "alerts": {"kind": "sns", "subscriptions": [
        {"protocol": "email"}, {"protocol": "https"}, {"protocol": "email", "endpoint": "ops@example.com"}]}}
    changed = Spec.model_validate({**example.model_dump(exclude_none=True), "components": {
        n: c if isinstance(c, dict) else c.model_dump(exclude_none=True) for n, c in components.items()}})
    plan = build_plan(changed)
    given = {p.id: p for p in plan.parameters if p.kind in ("email_address", "https_url")}
    assert set(given) == {"alerts-subscriber-1", "alerts-subscriber-2"}  # the third carries its address
    cloudformation = yaml.safe_load(render_template(plan))
    parameter = cloudformation["Parameters"]["AlertsSubscriber1"]
    assert "Default" not in parameter  # the deployer must give it
    assert re.fullmatch(parameter["AllowedPattern"], "ops@example.com")
    assert not re.fullmatch(parameter["AllowedPattern"], "ops at example")
    assert not re.fullmatch(cloudformation["Parameters"]["AlertsSubscriber2"]["AllowedPattern"], "http://x")
    resources = cloudformation["Resources"]
    assert resources["AlertsSubscription1"]["Properties"]["Endpoint"] == {"Ref": "AlertsSubscriber1"}
    assert resources["AlertsSubscription3"]["Properties"]["Endpoint"] == "ops@example.com"
    files = render_files(plan)
    assert 'variable "alerts_subscriber_1"' in files["variables.tf"]
    assert 'can(regex("^[^@ ]+@[^@ ]+[.][^@ ]+$", var.alerts_subscriber_1))' in files["variables.tf"]
    assert "endpoint = var.alerts_subscriber_2" in files["modules/messaging/main.tf"]
    # priced by protocol, whatever the address turns out to be
    assert sorted(i.component for i in price(changed).items if i.resource == "alerts") == [
        "Deliveries (email)", "Deliveries (email)", "Deliveries (https)", "Publish requests"]


def test_the_bill_prices_the_worker_its_queue_and_topic(example):
    bill = price(example)
    jobs = [i for i in bill.items if i.resource == "jobs"]
    # desired 1 with FARGATE base 1: the one task runs on demand
    assert {i.component for i in jobs} == {"FARGATE vCPU (x86)", "FARGATE memory (x86)"}
    (requests, dead_letter) = [i for i in bill.items if i.resource == "tasks"]
    # 2 messages × 5,000 DAU × 30 days × 3 calls + one task's 20 s long polls for 730 h
    assert requests.quantity == pytest.approx((2 * 5000 * 30 * 3 + 730 * 3600 / 20) / 1e6)
    assert dead_letter.monthly_usd == 0
    assert {i.component for i in bill.items if i.resource == "alerts"} == {"Publish requests", "Deliveries (email)"}


def test_a_fifo_queue_is_named_fifo_and_its_dead_letter_queue_too():
    plan = build_plan(spec("""
name: fifo
region: us-east-1
components:
  jobs: {kind: worker, queue: orders, internet_egress: false}
  orders: {kind: sqs, fifo: true}
"""))
    assert [q.name for q in plan.queues] == ["fifo-orders.fifo", "fifo-orders-dlq.fifo"]


CLOUDFRONT_ROUTED = """
name: routed
region: us-east-1
components:
  web: {kind: fargate_service}
  lb: {kind: alb}
  media: {kind: s3}
  cdn:
    kind: cloudfront
    share_of_traffic: 0.75
    behaviors:
      - {path: "*", origin: lb}
      - {path: /static/*, origin: media}
      - {path: /assets/*, origin: lb, cache: static}
"""


def test_cloudfront_routes_the_site_at_the_root_to_the_load_balancer():
    plan = build_plan(spec(CLOUDFRONT_ROUTED))
    (distribution,) = plan.distributions
    assert distribution.default().kind == "alb" and not distribution.default().cached
    config = yaml.safe_load(render_template(plan))["Resources"]["Cdn"]["Properties"]["DistributionConfig"]
    assert "DefaultRootObject" not in config
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == distribution.default().id
    routes = {b["PathPattern"]: b["TargetOriginId"] for b in config["CacheBehaviors"]}
    assert routes == {"/static/*": "cdn-media-origin", "/assets/*": "cdn-lb-static-origin"}
    assert plan.buckets[0].served_by == ("cdn",)


def test_the_bill_routes_only_the_cloudfront_share_through_cloudfront():
    routed = spec(CLOUDFRONT_ROUTED)
    everything = routed.model_copy(update={"components": {
        **routed.components, "cdn": routed.components["cdn"].model_copy(update={"share_of_traffic": 1})}})
    def gb(bill, service):
        return sum(i.quantity for i in bill.items if i.service == service and i.unit == "GB")
    all_through, part = price(everything), price(routed)
    assert gb(all_through, "data_transfer") == 0
    assert gb(part, "cloudfront") == pytest.approx(0.75 * gb(all_through, "cloudfront"))
    assert gb(part, "data_transfer") == pytest.approx(0.25 * gb(all_through, "cloudfront"))


def test_a_cloudfront_without_behaviors_keeps_todays_routing():
    plan = build_plan(spec("""
name: classic
region: us-east-1
components:
  web: {kind: fargate_service}
  lb: {kind: alb}
  site: {kind: s3}
  cdn: {kind: cloudfront}
"""))
    (distribution,) = plan.distributions
    assert distribution.default().kind == "s3"
    assert [(o.kind, o.path_patterns) for o in distribution.origins] == [("s3", ()), ("alb", ("/api/*",))]


def test_behaviors_need_exactly_one_default():
    with pytest.raises(ValueError, match="exactly one default"):
        spec("""
name: bad
region: us-east-1
components:
  site: {kind: s3}
  cdn: {kind: cloudfront, behaviors: [{path: /static/*, origin: site}]}
""")


@pytest.mark.parametrize("command", [["cost"], ["size"], ["check"], ["optimize"], ["roadmap"], ["validate"],
                                     ["plan", "--lang", "en"], ["plan", "--lang", "ko"]])
def test_every_command_runs_on_the_example(command, tmp_path):
    from typer.testing import CliRunner

    from stackwright.cli import app

    extra = ["--out", str(tmp_path / "plan")] if command[0] == "plan" else []
    result = CliRunner().invoke(app, [command[0], str(EXAMPLE), *command[1:], *extra])
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output
    if command[0] == "plan":
        assert (tmp_path / "plan" / "design.md").is_file() and (tmp_path / "plan" / "report.html").is_file()
