"""VPC endpoints: interface endpoints bill per AZ-hour and per GB; gateway endpoints (S3, DynamoDB) are free."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.spec.model import VpcEndpoint
from stackwright.translatable import N_


def components(name: str, ep: VpcEndpoint, ctx) -> Iterator[CostComponent]:
    if ep.type == "gateway":
        return
    yield hourly("vpc_endpoint", N_("Interface endpoint (%(service)s)") % {"service": ep.service}, "vpc_endpoint/interface", ep.azs,
                 assumption=N_("%(azs)s AZ(s) × 730 h") % {"azs": ep.azs})
    if ep.data_gb_month:
        yield CostComponent("vpc_endpoint", N_("Data processed (%(service)s)") % {"service": ep.service}, "vpc_endpoint/interface-data",
                            ep.data_gb_month, usage_based=True, assumption=f"data_gb_month = {ep.data_gb_month:g} GB")
