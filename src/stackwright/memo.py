"""Bounded memos: an OrderedDict kept in least-recently-used order, its oldest entries dropped past a limit."""

from __future__ import annotations

from collections import OrderedDict
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
