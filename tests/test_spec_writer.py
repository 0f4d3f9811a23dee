"""A spec written back to YAML loads to the same spec."""

import pytest

from stackwright.spec.loader import load, parse_yaml, validate
from stackwright.spec.writer import dump_spec

from conftest import BLUEPRINTS


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_round_trip(blueprint):
    spec = load(blueprint).spec
    text = dump_spec(spec, header="written by a test")
    assert text.startswith("# written by a test\nname: ")
    assert validate(parse_yaml(text, "written.yaml")) == spec
