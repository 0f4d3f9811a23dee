"""What the operations kinds' plan readers share: the usage quantities derived from the spec's traffic."""

from __future__ import annotations

from stackwright.cost.usage import REQUESTS_PER_CONNECTION
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

MANAGEMENT_EVENTS_PER_MONTH = 200_000  # deploys, scaling, task starts, secret reads, console use: ~270 an hour
FLOW_RECORD_BYTES = 120  # one default-format flow log record
RECORDS_PER_CONNECTION = 2  # the request and the response direction of a client's connection
BACKGROUND_RECORDS_PER_MONTH = 1_000_000  # health checks, NAT, DNS and endpoint traffic of a small VPC
REJECT_SHARE = 0.1  # rejected traffic (scans of public addresses) as a share of all records


def management_events(spec) -> UsageValue:
    """The cloudtrail component's management events, else the kinds' default."""
    for name, c in spec.components.items():
        if c.kind == "cloudtrail" and c.management_events_per_month is not None:
            return UsageValue(c.management_events_per_month,
                              f"{name}.management_events_per_month = {c.management_events_per_month:,.0f}")
    return UsageValue(MANAGEMENT_EVENTS_PER_MONTH, N_("%(events)s management events/month (deploys, scaling, task "
                                                      "starts, secret reads, console)") % {
        "events": f"{MANAGEMENT_EVENTS_PER_MONTH:,}"})


def flow_log_gb(usage, traffic_type: str = "ALL") -> UsageValue:
    """Flow log records: two per client connection (each direction) plus the VPC's background traffic."""
    requests = usage.requests_per_month
    records = requests.value / REQUESTS_PER_CONNECTION * RECORDS_PER_CONNECTION + BACKGROUND_RECORDS_PER_MONTH
    share = REJECT_SHARE if traffic_type == "REJECT" else 1.0
    gb = records * share * FLOW_RECORD_BYTES / 1e9
    why = N_("(%(requests)s ÷ %(per)s req/connection × %(records)s records + %(background)s background records) × "
             "%(bytes)s B") % {"requests": requests.assumption, "per": REQUESTS_PER_CONNECTION,
                               "records": RECORDS_PER_CONNECTION, "background": f"{BACKGROUND_RECORDS_PER_MONTH:,}",
                               "bytes": FLOW_RECORD_BYTES}
    if share != 1.0:
        why = N_("%(why)s × %(share)s rejected") % {"why": why, "share": f"{share:.0%}"}
    return UsageValue(gb, why)
