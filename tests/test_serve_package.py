"""The planner's bundled blueprints ship in the package: a wheel built from this tree and installed without
the source (no editable install) lists and serves every blueprint in `blueprints/`."""

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import BLUEPRINTS, ROOT

SERVE_FROM_INSTALLED = """
import sys
import stackwright
from starlette.testclient import TestClient
from stackwright.serve.app import create_app

assert stackwright.__file__.startswith(sys.argv[1]), stackwright.__file__
client = TestClient(create_app())  # no lifespan: the blueprint routes need no worker
print(client.get("/api/blueprints").json())
print(client.get("/api/blueprints/glimpse").text, end="")
"""


def test_blueprints_are_package_data():
    linked = ROOT / "src" / "stackwright" / "blueprints"
    assert sorted(p.name for p in linked.glob("*.yaml")) == [p.name for p in BLUEPRINTS]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "-q", "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    if built.returncode:
        pytest.skip(f"no wheel could be built offline here: {built.stderr[-500:]}")
    (found,) = out.glob("stackwright-*.whl")
    return found


def test_an_installed_wheel_serves_the_blueprints(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"stackwright/blueprints/{p.name}" for p in BLUEPRINTS} <= set(names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}  # the installed copy, not src/
    shown = subprocess.run([sys.executable, "-c", SERVE_FROM_INSTALLED, str(target)], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=120)
    assert shown.returncode == 0, shown.stderr
    listed, text = shown.stdout.split("\n", 1)
    assert listed == str([p.stem for p in BLUEPRINTS])
    assert text == (ROOT / "blueprints" / "glimpse.yaml").read_text(encoding="utf-8")
