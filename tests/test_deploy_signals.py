"""A real signal to a running `stackwright deploy` process — SIGINT as Ctrl-C sends it, SIGTERM as a
service manager or CI runner does — at several points of a deploy against a moto server: the process
ends with exit 130 and no traceback, a redeploy succeeds, and destroy leaves nothing tagged for the
stack (Resource Groups Tagging API and IAM, then describe calls)."""

import os
import signal
import subprocess
import sys
import time

import boto3
import pytest

from stackwright.deploy import deploy, destroy
from stackwright.spec.loader import load

from conftest import BLUEPRINTS, ROOT
from test_deploy import fake_aws, moto_url  # noqa: F401  (fixtures)
from test_destroy_tags import still_tagged

SPEC = next(p for p in BLUEPRINTS if p.stem == "homu-ec2")
INTERRUPTED_EXIT = 130


def _reached(point: str, url: str, region: str) -> bool:
    """Whether the deploy has got as far as `point`, seen from the account."""
    def client(service):
        return boto3.client(service, region_name=region, endpoint_url=url)

    if point == "network":  # the first stack stage has made the VPC
        return any(not vpc.get("IsDefault") for vpc in client("ec2").describe_vpcs()["Vpcs"])
    if point == "database":  # well into the service-API resources
        return bool(client("rds").describe_db_instances()["DBInstances"])
    raise ValueError(point)


def _ctrl_c_as_a_terminal_sends_it() -> None:
    """SIGINT back to its default in the child, so Python raises KeyboardInterrupt for it: a test run started in
    the background by a non-interactive shell (CI scripts, `cmd &`) inherits SIGINT ignored, and the child
    would rightly ignore it too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "point"), [(signal.SIGINT, "network"), (signal.SIGTERM, "network"),
                                               (signal.SIGTERM, "database")])
def test_a_signalled_deploy_exits_130_and_can_be_run_again_then_destroyed_to_nothing(signum, point, moto_url):
    spec = load(SPEC).spec
    process = subprocess.Popen(
        [sys.executable, "-m", "stackwright", "deploy", str(SPEC), "--target", "local", "--endpoint-url", moto_url],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}, preexec_fn=_ctrl_c_as_a_terminal_sends_it)
    deadline = time.monotonic() + 300
    while process.poll() is None and not _reached(point, moto_url, spec.region) and time.monotonic() < deadline:
        time.sleep(0.05)
    signalled = process.poll() is None
    if signalled:
        process.send_signal(signum)
    _, err = process.communicate(timeout=300)
    assert "Traceback" not in err, err
    if signalled:  # it may, on a fast machine, have finished first: then the rest must hold all the same
        assert process.returncode == INTERRUPTED_EXIT, err
        assert "interrupted; what this deploy had made is removed" in err

    rerun = deploy(spec, "local", endpoint_url=moto_url)
    assert rerun.failure is None and rerun.result in ("created", "no changes")
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean, gone.remaining
    assert still_tagged(moto_url, spec) == []


@pytest.mark.parametrize("kind", ["AWS::IAM::Role", "AWS::RDS::DBInstance"])
def test_a_resource_made_just_before_the_interrupt_is_undone_by_its_tags(kind, moto_url, monkeypatch):
    """The interrupt lands after the service made a resource and before stackwright recorded it (inside
    the create call): the undo finds it by its tags, so the redeploy does not fail on 'already exists'."""
    from stackwright.deploy.kinds import KINDS

    spec = load(SPEC).spec
    made = KINDS[kind].create

    def made_then_interrupted(aws, r):
        made(aws, r)
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(KINDS[kind], "create", made_then_interrupted)
        with pytest.raises(KeyboardInterrupt):
            deploy(spec, "local", endpoint_url=moto_url)
    assert still_tagged(moto_url, spec) == []
    assert deploy(spec, "local", endpoint_url=moto_url).failure is None
    assert destroy(spec, "local", endpoint_url=moto_url).clean
