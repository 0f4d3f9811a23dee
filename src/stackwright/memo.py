"""Bounded memos: an OrderedDict kept in least-recently-used order, its oldest entries dropped past a limit."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def keep(memo: OrderedDict[K, V], key: K, value: V, limit: int) -> V:
    """`value` under `key` as the most recently used entry, the least recently used dropped beyond `limit`."""
    memo[key] = value
    memo.move_to_end(key)
    if len(memo) > limit:
        memo.popitem(last=False)
    return value


def last_plan(index: Callable[[K], V]) -> Callable[[K], V]:
    """`index(plan)` worked out once for the plan last asked about: a plan is immutable and every workload of
    it asks in turn. The plan and its index are kept as one pair, so a thread never reads another plan's."""
    last: list[tuple] = [(None, None)]

    @functools.wraps(index)
    def indexed(plan: K) -> V:
        found = last[0]
        if found[0] is not plan:
            found = last[0] = (plan, index(plan))
        return found[1]

    return indexed
