"""A bounded memo keeps the most recently kept entries and drops the least recently used beyond its limit."""

from collections import OrderedDict

from stackwright import memo


def test_the_least_recently_used_entry_goes_first():
    kept: OrderedDict[str, int] = OrderedDict()
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        memo.keep(kept, key, value, limit=3)
    kept.move_to_end("a")  # used again
    assert memo.keep(kept, "d", 4, limit=3) == 4
    assert list(kept) == ["c", "a", "d"]


def test_keeping_a_key_again_makes_it_the_newest():
    kept: OrderedDict[str, int] = OrderedDict()
    memo.keep(kept, "a", 1, limit=2)
    memo.keep(kept, "b", 2, limit=2)
    memo.keep(kept, "a", 10, limit=2)
    memo.keep(kept, "c", 3, limit=2)
    assert kept == OrderedDict([("a", 10), ("c", 3)])


def test_a_plan_is_indexed_once_until_another_plan_is_asked_about():
    calls = []

    @memo.last_plan
    def index(plan):
        calls.append(plan)
        return {"of": plan}

    first, second = object(), object()
    assert index(first) == {"of": first} and index(first) is index(first)
    assert index(second) == {"of": second} and index(first) == {"of": first}
    assert calls == [first, second, first]
