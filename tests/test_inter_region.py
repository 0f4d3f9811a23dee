"""Inter-Region data transfer: the catalogue holds each pair's rate (the sender's, from AWS's pricing-page
data), and RDS's cross-Region automated backups price their transfer from the source database's Region."""

import pytest

from stackwright.pricing import catalogue
from stackwright.resources.record import Resource, UsageValue, UsageValues
from stackwright.resources.registry import module_of

REPLICATION = "aws_db_instance_automated_backups_replication"


def test_each_region_pair_has_the_senders_rate_on_both_sides():
    east, west = catalogue.load("us-east-1"), catalogue.load("us-west-2")
    sent = east.get("data_transfer/inter-region/us-west-2")
    assert sent.usd == pytest.approx(0.02) and sent.unit == "GB"  # AWS: $0.02/GB between US Regions
    assert west.get("data_transfer/inter-region-from/us-east-1").usd == sent.usd
    # the sender's rate: Seoul's out to us-east-1 costs more than us-east-1's out to Seoul
    seoul = catalogue.load("ap-northeast-2").get("data_transfer/inter-region/us-east-1").usd
    assert seoul > east.get("data_transfer/inter-region/ap-northeast-2").usd == sent.usd
    assert "data_transfer/inter-region/us-east-1" not in east.keys()


@pytest.mark.parametrize("source, reason", [
    ("us-west-2", None),
    (None, "not known from the code"),
    ("us-east-1", "in this Region"),
])
def test_replicated_backups_price_their_transfer_from_the_source_region(source, reason):
    module = module_of(REPLICATION)
    resource = Resource(REPLICATION, f"{REPLICATION}.ledger", "us-east-1", {"source_region": source})
    usage = UsageValues(module, lambda key: None, {"monthly_transfer_gb": UsageValue(40, "40 GB")})
    (transfer,) = [c for c in module.components(resource, usage) if "Inter-Region" in c.name]
    assert transfer.quantity == 40
    if reason is None:
        assert transfer.unknown_reason is None
        assert transfer.price_key == "data_transfer/inter-region-from/us-west-2"
    else:
        assert reason in transfer.unknown_reason
