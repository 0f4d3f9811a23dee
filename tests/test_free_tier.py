"""`free_tier: true` subtracts AWS's always-free allowances once per account, with the source on the line."""

from stackwright.spec.model import Spec
from stackwright.spec_bill import price


def spec(free_tier: bool) -> Spec:
    return Spec.model_validate({
        "name": "ft", "region": "ap-northeast-2", "free_tier": free_tier,
        "traffic": {"dau": 1000, "data_out_gb_month": 700},
        "components": {
            "static": {"kind": "cloudfront", "data_out_gb_month": 700, "requests_per_month": 1e6},
            "media": {"kind": "cloudfront", "geo": "japan", "data_out_gb_month": 700, "requests_per_month": 1e6},
            "ops": {"kind": "cloudwatch", "alarms": 12, "dashboards": 1, "log_gb_month": 2},
            "site": {"kind": "s3", "storage_gb": 1},  # the distributions' origin: without one the plan makes none
            "lb": {"kind": "alb"},  # the plan gives it three alarms and ops a dashboard
        },
    })


def test_allowance_is_shared_and_cited():
    paid, free = price(spec(False)), price(spec(True))
    lines = {(i.resource, i.component): i for i in free.items}
    assert lines[("static", "Data out to viewers (asia-pacific)")].quantity == 0
    # 1,024 GB free in all: 700 to the first distribution, the other 324 to the second
    assert lines[("media", "Data out to viewers (japan)")].quantity == 700 - 324
    alarms = [i for i in free.items if i.resource == "ops" and i.component == "Standard-resolution alarms"]
    assert len(alarms) == 3 and all(i.quantity == 0 for i in alarms)  # within the ten free
    assert "always free (https://aws.amazon.com/free/" in lines[("ops", "Dashboards")].assumption
    assert free.total < paid.total
    assert all(i.monthly_usd >= 0 for i in free.items)
