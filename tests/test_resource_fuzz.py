"""Bad attribute values never crash the resource cost modules: each attribute of each fixture resource,
replaced by a value of the wrong shape (or one known only after apply), gives a priced resource, a
"not priced: why" line or an unsupported entry with the reason, never an exception."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackwright.cost.bill import Bill
from stackwright.importer.mapping import map_resources
from stackwright.importer.resources import IacResource, ResourceRef, Unknown
from stackwright.importer.terraform import read_terraform
from stackwright.importer.usage import UsageFile
from stackwright.pricing import catalogue
from stackwright.resources.price import add_to_bill

FIXTURES = Path(__file__).parent / "fixtures" / "resources"
READS = {p.name: read_terraform(p / "main.tf") for p in sorted(FIXTURES.iterdir())}
JUNK = st.one_of(st.text(max_size=8), st.integers(-10**9, 10**12), st.floats(allow_nan=False), st.none(),
                 st.booleans(), st.just([]), st.just({}), st.just([{"x": 1}]), st.just({"size": "big"}),
                 st.just(ResourceRef("aws_vpc.main", "id")), st.just(Unknown("a variable without a default")))


@settings(max_examples=150, deadline=None)
@given(type_=st.sampled_from(sorted(READS)), pick=st.integers(0, 10**6), junk=JUNK)
def test_a_bad_attribute_is_never_a_crash(type_, pick, junk):
    read = READS[type_]
    resources = list(read.resources)
    target = resources[pick % len(resources)]
    keys = sorted(target.props) or ["absent"]
    key = keys[pick % len(keys)]
    resources[resources.index(target)] = IacResource(target.address, target.block, target.type,
                                                     {**target.props, key: junk}, target.location)
    read.resources, original = resources, read.resources
    try:
        mapping = map_resources(read, UsageFile())
    finally:
        read.resources = original
    bill = Bill("fuzz", "us-east-1")
    add_to_bill(bill, mapping.records, catalogue.load("us-east-1"))
    for item in bill.items:
        assert item.monthly_usd >= 0 and item.address


@pytest.mark.parametrize("type_", sorted(READS))
def test_usage_of_the_wrong_shape_is_not_priced_with_why(type_):
    read = READS[type_]
    usage = UsageFile(by_type={r.type: {key: "lots" for key in ("monthly_requests", "storage_gb")}
                               for r in read.resources})
    mapping = map_resources(read, usage)
    bill = Bill("fuzz", "us-east-1")
    add_to_bill(bill, mapping.records, catalogue.load("us-east-1"))
    assert all(u.reason for u in bill.unknown)
