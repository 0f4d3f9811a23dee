"""Usage defaults derived from the spec's traffic, each with the sentence that explains it.

Every usage-based quantity in the bill is either given in the spec or comes from
here, and the bill prints the explanation next to the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.spec.model import Traffic
from stackwright.translatable import N_

DAYS_PER_MONTH = HOURS_PER_MONTH / 24
KB_PER_GB = 1024 * 1024

# Assumed shapes of traffic; each is named in the bill where it is used.
REQUESTS_PER_CONNECTION = 10  # HTTP keep-alive: requests carried by one new ALB connection
LOG_KB_PER_REQUEST = 1.0  # application + access log written per request
NAT_SHARE_OF_DATA_OUT = 0.10  # outbound calls and image pulls through NAT, as a share of data out
NAT_MIN_GB = 5.0
NAT_S3_SHARE = 0.5  # share of NAT traffic bound for S3: ECR image layers live there, and bucket reads/writes
DNS_QUERIES_PER_USER_DAY = 5  # resolver caching keeps this far below the request count
SECRET_READS_PER_SECRET = 10_000  # task starts and SDK refreshes per secret per month


@dataclass(frozen=True)
class Quantity:
    value: float
    assumption: str


class Usage:
    def __init__(self, traffic: Traffic):
        self.traffic = traffic

    @property
    def requests_per_month(self) -> Quantity:
        t = self.traffic
        if t.avg_rps is not None:
            value = t.avg_rps * HOURS_PER_MONTH * 3600
            return Quantity(value, N_("%(rps)s avg req/s × 730 h") % {"rps": f"{t.avg_rps:g}"})
        value = t.dau * t.requests_per_user_day * DAYS_PER_MONTH
        return Quantity(value, N_("%(dau)s DAU × %(requests)s req/user/day × %(days)s days") % {
            "dau": f"{t.dau:,}", "requests": f"{t.requests_per_user_day:g}", "days": f"{DAYS_PER_MONTH:.2f}"})

    @property
    def avg_rps(self) -> float:
        return self.requests_per_month.value / (HOURS_PER_MONTH * 3600)

    @property
    def data_out_gb(self) -> Quantity:
        t = self.traffic
        if t.data_out_gb_month is not None:
            return Quantity(t.data_out_gb_month, f"traffic.data_out_gb_month = {t.data_out_gb_month:g} GB")
        requests = self.requests_per_month
        value = requests.value * t.kb_per_request / KB_PER_GB
        return Quantity(value, N_("%(requests)s × %(kb)s KB/response") % {"requests": requests.assumption,
                                                                        "kb": f"{t.kb_per_request:g}"})

    def alb_lcu(self) -> Quantity:
        """LCUs are the largest of the four dimensions; rule evaluations stay under the free 10 rules."""
        rps = self.avg_rps
        new_conn = rps / REQUESTS_PER_CONNECTION / 25
        processed = self.data_out_gb.value / HOURS_PER_MONTH / 1.0
        active = (self.traffic.peak_concurrent_users or 0) / 2 / 3000
        value = max(new_conn, processed, active)
        return Quantity(
            value,
            N_("max of new connections (%(rps)s req/s ÷ %(per_conn)s req/conn ÷ 25 = %(new)s), processed bytes "
               "(%(gb)s GB ÷ 730 h ÷ 1 GB = %(processed)s), active connections (%(active)s) LCU") % {
                "rps": f"{rps:.2f}", "per_conn": REQUESTS_PER_CONNECTION, "new": f"{new_conn:.3f}",
                "gb": f"{self.data_out_gb.value:,.1f}", "processed": f"{processed:.3f}", "active": f"{active:.3f}"},
        )

    def nat_gb(self, s3_gateway_endpoint: bool = False) -> Quantity:
        data_out = self.data_out_gb.value
        value = max(NAT_MIN_GB, data_out * NAT_SHARE_OF_DATA_OUT)
        values = {"min": f"{NAT_MIN_GB:g}", "share": f"{NAT_SHARE_OF_DATA_OUT:.0%}", "gb": f"{data_out:,.1f}",
                  "s3": f"{NAT_S3_SHARE:.0%}"}
        why = N_("outbound calls and image pulls: max(%(min)s GB, %(share)s of %(gb)s GB data out)") % values
        if s3_gateway_endpoint:
            value *= 1 - NAT_S3_SHARE
            why = N_("outbound calls and image pulls: max(%(min)s GB, %(share)s of %(gb)s GB data out), less the "
                     "%(s3)s bound for S3 that the S3 gateway endpoint carries") % values
        return Quantity(value, why)

    def log_gb(self) -> Quantity:
        requests = self.requests_per_month
        value = requests.value * LOG_KB_PER_REQUEST / KB_PER_GB
        return Quantity(value, N_("%(requests)s × %(kb)s KB of logs/request") % {
            "requests": requests.assumption, "kb": f"{LOG_KB_PER_REQUEST:g}"})

    def dns_million_queries(self) -> Quantity:
        value = self.traffic.dau * DNS_QUERIES_PER_USER_DAY * DAYS_PER_MONTH / 1e6
        return Quantity(value, N_("%(dau)s DAU × %(queries)s DNS queries/user/day") % {
            "dau": f"{self.traffic.dau:,}", "queries": DNS_QUERIES_PER_USER_DAY})
