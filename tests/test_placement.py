"""ECS capacity-provider strategies place whole tasks: base first, then by weight."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackwright.resources.types.aws_ecs_service import place_tasks
from stackwright.spec.model import CapacityProvider


def strategy(*providers):
    return [CapacityProvider(provider=p, base=b, weight=w) for p, b, w in providers]


@pytest.mark.parametrize(
    "count, providers, expected",
    [
        (10, [("FARGATE", 0, 1), ("FARGATE_SPOT", 0, 4)], {"FARGATE": 2, "FARGATE_SPOT": 8}),
        (2, [("FARGATE", 0, 1), ("FARGATE_SPOT", 0, 4)], {"FARGATE": 0, "FARGATE_SPOT": 2}),
        (3, [("FARGATE", 0, 30), ("FARGATE_SPOT", 0, 70)], {"FARGATE": 1, "FARGATE_SPOT": 2}),
        (10, [("FARGATE", 2, 1), ("FARGATE_SPOT", 0, 1)], {"FARGATE": 6, "FARGATE_SPOT": 4}),
        (1, [("FARGATE", 1, 1), ("FARGATE_SPOT", 0, 9)], {"FARGATE": 1, "FARGATE_SPOT": 0}),
        (5, [("FARGATE", 0, 0), ("FARGATE_SPOT", 0, 1)], {"FARGATE": 0, "FARGATE_SPOT": 5}),
    ],
)
def test_examples(count, providers, expected):
    assert place_tasks(count, strategy(*providers)) == expected


@given(
    count=st.integers(0, 200),
    base=st.integers(0, 5),
    w_on=st.integers(0, 10),
    w_spot=st.integers(1, 10),
)
def test_every_task_placed_and_shares_follow_weights(count, base, w_on, w_spot):
    placed = place_tasks(count, strategy(("FARGATE", base, w_on), ("FARGATE_SPOT", 0, w_spot)))
    assert sum(placed.values()) == count
    after_base = count - min(base, count)
    spot_share = w_spot / (w_on + w_spot)
    # whole tasks: each provider is within one task of its weighted share
    assert abs(placed["FARGATE_SPOT"] - after_base * spot_share) <= 1


def _one_task_at_a_time(count, providers):
    """ECS's rule written out literally: bases in order, then each task to the provider furthest below its
    weighted share (ties to the earlier one)."""
    placed = {cp.provider: 0 for cp in providers}
    remaining = count
    for cp in providers:
        take = min(cp.base, remaining)
        placed[cp.provider] += take
        remaining -= take
    weighted = [cp for cp in providers if cp.weight > 0]
    for _ in range(remaining):
        chosen = min(weighted, key=lambda cp: (placed[cp.provider] - min(cp.base, count) + 1) / cp.weight)
        placed[chosen.provider] += 1
    return placed


@given(st.integers(0, 300), st.integers(0, 3), st.integers(1, 9), st.integers(0, 2), st.integers(1, 9))
def test_whole_rounds_place_as_one_task_at_a_time_does(count, base_on, w_on, base_spot, w_spot):
    providers = strategy(("FARGATE", base_on, w_on), ("FARGATE_SPOT", base_spot, w_spot))
    assert place_tasks(count, providers) == _one_task_at_a_time(count, providers)


def test_a_billion_tasks_are_placed_at_once():
    placed = place_tasks(10**9, strategy(("FARGATE", 1, 1), ("FARGATE_SPOT", 0, 3)))
    assert placed == {"FARGATE": 250_000_001, "FARGATE_SPOT": 749_999_999}
