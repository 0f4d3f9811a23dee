"""stackwright.json_text writes the same characters as json.dumps with an indent, for any JSON value."""

import enum
import json
import math
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackwright import json_text
from stackwright.json_text import dumps

from conftest import ROOT

SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-2**70, max_value=2**70)
           | st.floats()  # nan, ±inf, -0.0, subnormals
           | st.sampled_from([1e16, -0.0, 1e-7, 0.1, 1e308, 5e-324, 123456789.0, 2.5, math.nan, math.inf, -math.inf])
           | st.text()  # any code point: non-ASCII, control characters, lone surrogates, quotes, backslashes
           | st.sampled_from(["", "\x00\x1f\x7f", "비용 ₩ \u2028\u2029", "\"\\/", "\ud800", "😀"]))
KEYS = st.text() | st.sampled_from(["", "a", "é", "\n"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5)
                      | st.tuples(inner, inner), max_leaves=40)


@settings(max_examples=600, deadline=None)
@given(VALUES, st.sampled_from([0, 1, 2, 4]), st.booleans(), st.booleans())
def test_same_text_as_json_dumps(value, indent, ensure_ascii, sort_keys):
    expected = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii, sort_keys=sort_keys)
    assert dumps(value, indent=indent, ensure_ascii=ensure_ascii, sort_keys=sort_keys) == expected


NON_STR_KEYS = st.dictionaries(st.none() | st.booleans() | st.integers() | st.floats(), SCALARS | st.lists(SCALARS),
                               max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(NON_STR_KEYS, max_size=3), st.booleans())
def test_keys_converted_as_json_dumps_converts_them(value, ensure_ascii):
    assert dumps(value, ensure_ascii=ensure_ascii) == json.dumps(value, indent=2, ensure_ascii=ensure_ascii)


class Size(enum.IntEnum):
    LARGE = 3


class Tier(str, enum.Enum):
    GOLD = "gold"


def test_subclasses_of_scalars_as_json_dumps_writes_them():
    value = {"size": Size.LARGE, "tier": Tier.GOLD, "nested": [{"sizes": [Size.LARGE]}, Tier.GOLD, Size.LARGE],
             Tier.GOLD: [], "empty": {}, "deep": [[[[]]], [{}], [[1]]], "tiers": [Tier.GOLD, "gold", Tier.GOLD],
             "only tiers": (Tier.GOLD,), "labels": ["a", "b", "a", "é", "a"]}
    assert dumps(value) == json.dumps(value, indent=2)


@given(st.lists(st.lists(st.sampled_from(["OPT005 db: Multi-AZ → Single-AZ", "a", "\n", ""]) | st.text(), max_size=8),
                max_size=4), st.booleans())
def test_repeated_strings_encoded_once_read_the_same(value, ensure_ascii):
    """Lists of strings are joined from a memo of each distinct string's encoding: the text is unchanged."""
    assert dumps(value, ensure_ascii=ensure_ascii) == json.dumps(value, indent=2, ensure_ascii=ensure_ascii)


def test_end_is_appended():
    assert dumps({"a": [1, {"b": None}]}, end="\n") == json.dumps({"a": [1, {"b": None}]}, indent=2) + "\n"


@pytest.mark.parametrize("value", [{"when": object()}, [[object()]], {(1, 2): [1]}, {"a": {(1, 2): 1}}])
def test_what_json_dumps_refuses_is_refused(value):
    with pytest.raises(TypeError):
        json.dumps(value, indent=2)
    with pytest.raises(TypeError):
        dumps(value)


class Stream:
    def __init__(self):
        self.writes = []

    def write(self, text):
        self.writes.append(text)


def test_write_sends_the_same_text_in_chunks():
    """A large value goes out in a few writes, never one per value (json.dump) nor one whole string."""
    value = {"front": [{"usd": i + 0.5, "changes": [f"OPT005 db{j}: Multi-AZ → Single-AZ" for j in range(i % 7)],
                        "chosen": i == 3, "constraints": {"formula": "a × b", "kept": [True, None]}}
                       for i in range(2000)], "name": "비용"}
    stream = Stream()
    json_text.write(value, stream, ensure_ascii=False, end="\n")
    assert "".join(stream.writes) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert 10 < len(stream.writes) < len(value["front"]) / 10


@settings(max_examples=100, deadline=None)
@given(VALUES, st.booleans())
def test_write_equals_dumps(value, ensure_ascii):
    stream = Stream()
    json_text.write(value, stream, ensure_ascii=ensure_ascii)
    assert "".join(stream.writes) == dumps(value, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize("name", ["bowwow", "tiketi"])
def test_the_optimisers_json_is_what_asdict_and_json_dumps_wrote(name):
    """The optimiser's records go out as their fields, without dataclasses.asdict's deep copy: the same text
    as long as no field holds another dataclass."""
    from stackwright.optimize.search import optimize
    from stackwright.spec.loader import load

    result = optimize(load(ROOT / "blueprints" / f"{name}.yaml").spec)
    assert result.steps and result.front
    before = result.to_json() | {"steps": [asdict(s) for s in result.steps],
                                 "needs_consent": [asdict(c) for c in result.needs_consent],
                                 "rejected": [asdict(r) for r in result.rejected],
                                 "pareto_front": [asdict(p) for p in result.front]}
    assert dumps(result.to_json(), ensure_ascii=False) == json.dumps(before, indent=2, ensure_ascii=False)
