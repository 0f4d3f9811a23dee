"""The catalogue's price units that are words, marked so the Korean documents translate them by value."""

from stackwright.translatable import N_

WORDED_UNITS = (
    N_("100K events"), N_("100K notifications"), N_("100K read request units"), N_("10K requests"),
    N_("1K metric updates"), N_("1K requests"), N_("1K state transitions"), N_("1M connection minutes"),
    N_("1M events"), N_("1M invocations"), N_("1M messages"), N_("1M notifications"), N_("1M objects listed"),
    N_("1M objects monitored"), N_("1M queries"), N_("1M read request units"), N_("1M requests"),
    N_("1M traces"), N_("1M write request units"), N_("configuration item"), N_("rule evaluation"),
)
