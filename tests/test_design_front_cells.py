"""The design document's cost-against-availability table caps a front point's changes and fields as the
terminal table does: a thousand services' front listed every change on every row (45 MB of design.md)."""

from __future__ import annotations

import pytest

from stackwright.document.render import environment
from stackwright.render.plans import FRONT_CHANGES_SHOWN

CHANGES = [f"OPT002 svc{i:04}: 1 of 2 tasks on FARGATE_SPOT" for i in range(FRONT_CHANGES_SHOWN + 7)]
FIELDS = [f"svc{i:04}.capacity_providers" for i in range(FRONT_CHANGES_SHOWN + 3)]


def test_a_point_with_many_changes_names_the_first_and_counts_the_rest():
    cell = environment("en").filters["changes_cell"](CHANGES)
    parts = cell.split("; ")
    assert parts[:FRONT_CHANGES_SHOWN] == CHANGES[:FRONT_CHANGES_SHOWN]
    assert parts[FRONT_CHANGES_SHOWN:] == [
        "… and 7 more (`stackwright optimize --format json` lists every change)"]


def test_a_point_within_the_cap_lists_every_change():
    changes = CHANGES[:FRONT_CHANGES_SHOWN]
    assert environment("en").filters["changes_cell"](changes) == "; ".join(changes)
    assert environment("en").filters["fields_cell"](FIELDS[:FRONT_CHANGES_SHOWN]) == ", ".join(
        FIELDS[:FRONT_CHANGES_SHOWN])


def test_a_point_with_many_fields_names_the_first_and_counts_the_rest():
    cell = environment("en").filters["fields_cell"](FIELDS)
    assert cell == ", ".join(FIELDS[:FRONT_CHANGES_SHOWN]) + " … and 3 more"


@pytest.mark.parametrize("cell, values, count", [("changes_cell", CHANGES, 7), ("fields_cell", FIELDS, 3)])
def test_the_count_is_translated(cell, values, count):
    written = environment("ko").filters[cell](values)
    assert f"… 외 {count}" in written and "more" not in written
