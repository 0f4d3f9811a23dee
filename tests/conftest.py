from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLUEPRINTS = sorted((ROOT / "blueprints").glob("*.yaml"))
# Bundled example specs: each goes through every command, with golden bills, CloudFormation and Terraform.
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def write_spec(tmp_path):
    """Write YAML text to a spec file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
