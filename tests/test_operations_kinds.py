"""The operations kinds end to end on one spec with every option of them (test_cloudformation.OPERATIONS):
its bill, CloudFormation and Terraform against golden files, and what each kind's bill lines assume.
Regenerate with `pytest --update-golden`."""

from pathlib import Path

import pytest
import yaml

from stackwright.plan import build_plan
from stackwright.render.cloudformation import render_template
from stackwright.render.cost_report import to_json
from stackwright.render.terraform import render_files
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

from test_cloudformation import OPERATIONS

GOLDEN = Path(__file__).parent / "golden" / "operations"


@pytest.fixture(scope="module")
def spec() -> Spec:
    return Spec.model_validate(yaml.safe_load(OPERATIONS))


def _compare(path: Path, text: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed; if intended, run pytest --update-golden"


def test_bill_matches_golden(spec, update_golden):
    _compare(GOLDEN / "bill.json", to_json(price(spec)), update_golden)


def test_cloudformation_matches_golden(spec, update_golden):
    _compare(GOLDEN / "template.yaml", render_template(build_plan(spec)), update_golden)


def test_terraform_matches_golden(spec, update_golden):
    for relative, text in sorted(render_files(build_plan(spec)).items()):
        _compare(GOLDEN / "terraform" / relative, text, update_golden)


def test_each_kind_bills_what_its_spec_fields_say(spec):
    bill = price(spec)
    by = {}
    for item in bill.items:
        by.setdefault((item.resource, item.component), []).append(item)
    # two keys share the 50,000 requests; each bills a key-month
    assert [i.quantity for i in by[("keys", "Customer managed key (SYMMETRIC_DEFAULT)")]] == [1, 1]
    assert sum(i.quantity for i in by[("keys", "Requests")]) == pytest.approx(5)  # per 10,000
    # the second trail pays for its copy of the 200,000 default management events; the first logs data events
    assert [i.quantity for i in by[("audit", "Additional management events")]] == [0, 2]
    assert [i.quantity for i in by[("audit", "Data events")]] == [10, 0]
    # two advanced parameters bill; the four standard ones do not
    assert len(by[("config", "Advanced parameter")]) == 2
    assert sum(i.quantity for i in by[("config", "API interactions")]) == pytest.approx(3)
    # Cloud Map bills the registered service's desired task
    assert [i.quantity for i in by[("discovery", "Registered instances")]] == [1]
    # REJECT flow logs are a tenth of ALL
    all_gb = by[("flows", "Flow logs delivered to CloudWatch Logs")][0].quantity
    assert by[("rejects", "Flow logs delivered to S3")][0].quantity == pytest.approx(all_gb / 10)
    # weekly backups kept 90 days: 12 recovery points, a full copy and 11 more of 35% change, RDS and Aurora apart
    assert by[("backups", "RDS snapshots")][0].quantity == pytest.approx(20 * (1 + 0.35 * 11))
    assert by[("backups", "Aurora snapshots")][0].quantity == pytest.approx(40 * (1 + 0.35 * 11))
    assert {i.sku for i in by[("stream", "Load balancer hours")]} == {"nlb/hour"}
