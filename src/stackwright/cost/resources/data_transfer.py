"""A data_transfer component: data between AZs, which no AWS resource of the plan stands for. Internet data
out is a usage component of the resources it leaves from (resources/egress.py); only an import's usage
file, which may state it here, has it priced as this component's own line."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import DataTransfer
from stackwright.translatable import N_


def components(name: str, dt: DataTransfer, ctx) -> Iterator[CostComponent]:
    if ctx.declared_only and dt.internet_out_gb_month:
        yield CostComponent("data_transfer", N_("Data out to the internet"), "data_transfer/internet-out",
                            dt.internet_out_gb_month, usage_based=True,
                            assumption=f"internet_out_gb_month = {dt.internet_out_gb_month:g} GB")
    if dt.inter_az_gb_month:
        yield CostComponent("data_transfer", N_("Data between AZs"), "data_transfer/inter-az", dt.inter_az_gb_month * 2,
                            usage_based=True,
                            assumption=N_("%(gb)s GB, billed on both sides") % {"gb": f"{dt.inter_az_gb_month:g}"})
