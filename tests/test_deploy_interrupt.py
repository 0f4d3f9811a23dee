"""Ctrl-C or SIGTERM during `deploy --target aws`: the stack is left to CloudFormation (an update
cancelled so it rolls back, a create going on, an unexecuted change set removed), the message says what
happened and what to run next, exit 130 and no traceback; a rerun waits for the stack to settle."""

from datetime import datetime, timezone

import boto3
import pytest
import yaml
from botocore.stub import Stubber
from typer.testing import CliRunner

from stackwright.deploy import deploy, deployer, destroy
from stackwright.deploy.report import DeployInterrupted
from stackwright.deploy.stack import Stack
from stackwright.spec.model import Spec

from test_deploy import SMALL, fake_aws, moto_url  # noqa: F401  (fixtures)


class ScriptedStack:
    """The Stack the deployer drives, with the statuses a real CloudFormation would show around an
    interrupt; records what stackwright asked of CloudFormation."""

    def __init__(self, before: str | None, after: str | None):
        self.statuses = [before, after]
        self.calls: list[str] = []
        self.cloudformation = self
        self.template_bucket = None

    def status(self):
        return self.statuses[0] if len(self.statuses) > 1 and not self.calls else self.statuses[-1]

    def template(self):
        return {}

    def apply(self, body, parameters, tags):
        self.calls.append("apply")
        raise KeyboardInterrupt

    def cancel_update_stack(self, StackName):
        self.calls.append(f"cancel_update_stack {StackName}")

    def delete(self):
        self.calls.append("delete")


@pytest.mark.parametrize(("before", "after", "asked", "said"), [
    ("CREATE_COMPLETE", "UPDATE_IN_PROGRESS", ["cancel_update_stack stackwright-tiny"],
     "the update was cancelled: CloudFormation is rolling the stack back"),
    (None, "CREATE_IN_PROGRESS", [], "CloudFormation goes on creating the stack (a create cannot be cancelled)"),
    (None, "REVIEW_IN_PROGRESS", ["delete"], "the change set had not run: nothing was created"),
    (None, None, [], "no stack had been created"),
    ("CREATE_COMPLETE", "UPDATE_COMPLETE", [], "the stack is UPDATE_COMPLETE"),
])
def test_an_interrupt_leaves_the_stack_to_cloudformation(before, after, asked, said, monkeypatch, moto_url):
    stack = ScriptedStack(before, after)
    monkeypatch.setattr(deployer, "Stack", lambda *args, **kwargs: stack)
    spec = Spec.model_validate(yaml.safe_load(SMALL))
    with pytest.raises(DeployInterrupted) as raised:
        deploy(spec, "aws", endpoint_url=moto_url)
    assert stack.calls == ["apply", *asked]
    assert raised.value.what.startswith(said) and raised.value.status == after


def test_an_interrupted_aws_deploy_against_the_emulator_can_be_run_again(moto_url):
    spec = Spec.model_validate(yaml.safe_load(SMALL))
    reports = []

    def interrupt(progress):
        reports.append(progress)
        if len(reports) == 2:  # after "deploying ...": inside the stack operation
            raise KeyboardInterrupt

    with pytest.raises(DeployInterrupted) as raised:
        deploy(spec, "aws", endpoint_url=moto_url, progress=interrupt)
    assert raised.value.stack_name == "stackwright-tiny"
    assert raised.value.what  # moto finishes inside the call: "the stack is CREATE_COMPLETE"
    again = deploy(spec, "aws", endpoint_url=moto_url)
    assert again.failure is None and again.result in ("created", "no changes")
    gone = destroy(spec, "aws", endpoint_url=moto_url)
    assert gone.clean


def test_the_command_says_what_happened_and_what_to_run_next(moto_url, tmp_path, monkeypatch):
    import stackwright.deploy

    def interrupted(*args, **kwargs):
        raise DeployInterrupted("stackwright-tiny", "UPDATE_ROLLBACK_IN_PROGRESS",
                                "the update was cancelled: CloudFormation is rolling the stack back to the "
                                "template it had before this deploy")

    monkeypatch.setattr(stackwright.deploy, "deploy", interrupted)
    path = tmp_path / "tiny.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = CliRunner().invoke(app(), ["deploy", str(path), "--target", "aws", "--endpoint-url", moto_url])
    assert result.exit_code == 130
    assert "Traceback" not in result.output and result.stdout.strip() == ""  # the progress bar gone
    assert result.stderr.startswith("interrupted: the update was cancelled: CloudFormation is rolling the stack back")
    assert f"Next: `stackwright deploy {path} --target aws --endpoint-url {moto_url}` waits for the stack" \
           in result.stderr
    assert f"`stackwright destroy {path} --target aws --endpoint-url {moto_url}` deletes it" in result.stderr


def app():
    from stackwright.cli import app as command

    return command


def test_a_rerun_waits_for_the_stack_an_interrupted_deploy_left_in_progress():
    client = boto3.client("cloudformation", region_name="us-east-1")
    stub = Stubber(client)
    name, at = "stackwright-demo", datetime(2026, 1, 1, tzinfo=timezone.utc)

    def stack(status):
        return {"Stacks": [{"StackName": name, "StackStatus": status, "CreationTime": at}]}

    def event(number, status):
        return {"EventId": str(number), "StackId": name, "StackName": name, "LogicalResourceId": name,
                "ResourceType": "AWS::CloudFormation::Stack", "Timestamp": at, "ResourceStatus": status}

    stub.add_response("describe_stacks", stack("UPDATE_ROLLBACK_IN_PROGRESS"))  # what the interrupt left
    stub.add_response("describe_stack_events", {"StackEvents": [event(1, "UPDATE_ROLLBACK_IN_PROGRESS")]})
    stub.add_response("describe_stacks", stack("UPDATE_ROLLBACK_COMPLETE"))  # waited for, then...
    stub.add_response("describe_stack_events", {"StackEvents": [event(2, "UPDATE_ROLLBACK_COMPLETE"),
                                                                event(1, "UPDATE_ROLLBACK_IN_PROGRESS")]})
    stub.add_response("describe_stack_events", {"StackEvents": []})
    stub.add_response("create_change_set", {"Id": "cs", "StackId": name})  # ...an update, not "busy"
    stub.add_response("describe_change_set", {"Status": "CREATE_COMPLETE", "Changes": [{}]})
    stub.add_response("execute_change_set", {})
    stub.add_response("describe_stacks", stack("UPDATE_COMPLETE"))
    stub.add_response("describe_stack_events", {"StackEvents": []})
    seen = []
    with stub:
        applied = Stack(client, None, name, region="us-east-1", poll_seconds=0, on_event=seen.append,
                        on_settled=lambda logicals: None).apply("{}", {}, {})
    assert (applied.outcome, applied.status) == ("updated", "UPDATE_COMPLETE")
    assert [e.status for e in seen] == ["UPDATE_ROLLBACK_COMPLETE"]


def test_an_interrupted_destroy_says_to_run_it_again(tmp_path, monkeypatch):
    import stackwright.deploy

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(stackwright.deploy, "destroy", interrupted)
    path = tmp_path / "tiny.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = CliRunner().invoke(app(), ["destroy", str(path), "--target", "aws", "--stack-name", "mine"])
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert result.stderr.startswith("interrupted: a stack delete already started goes on in CloudFormation; run "
                                    f"`stackwright destroy {path} --target aws --stack-name mine` again")
