"""Element ids that collide across components are an error the plan reports, whichever way it is built."""

import pytest

from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.spec.model import Spec


def test_a_component_named_like_anothers_generated_element_is_refused():
    spec = Spec.model_validate({"name": "dup", "region": "us-east-1", "components": {
        "api": {"kind": "fargate_service"}, "api-logs": {"kind": "s3"}}})
    with pytest.raises(UserError, match="components 'api' and 'api-logs' both produce the name 'api-logs'"):
        build_plan(spec)


def test_distinct_ids_build():
    spec = Spec.model_validate({"name": "dup", "region": "us-east-1", "components": {
        "api": {"kind": "fargate_service"}, "assets": {"kind": "s3"}}})
    assert build_plan(spec).name == "dup"
