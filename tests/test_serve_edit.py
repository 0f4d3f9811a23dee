"""Edits to the user's YAML text (the page's form and optimiser steps): the value lands, everything else
stays byte for byte, including comments."""

import difflib

from hypothesis import given, settings, strategies as st

from stackwright.serve.edit import set_values
from stackwright.serve.jobs import load

from conftest import BLUEPRINTS

TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in BLUEPRINTS}
# (path, strategy) of fields the form edits, present in every blueprint or added when missing
FIELDS = [
    (("traffic", "dau"), st.integers(0, 10**7)),
    (("traffic", "peak_concurrent_users"), st.integers(0, 10**6)),
    (("availability_target",), st.sampled_from([99.0, 99.5, 99.9, 99.95, 99.99])),
    (("budget_monthly_usd",), st.integers(1, 10**5)),
]


def value_at(data, path):
    for key in path:
        data = data[key]
    return data


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), field=st.sampled_from(range(len(FIELDS))), data=st.data())
def test_a_set_value_lands_and_nothing_else_moves(name, field, data):
    path, values = FIELDS[field]
    value = data.draw(values)
    text = TEXTS[name]
    edited = set_values(text, [(path, value)])
    assert value_at(load(edited).spec.model_dump(), path) == value
    before, after = text.splitlines(), edited.splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    # one line rewritten, or the field added with one line per mapping it needed
    assert len([c for c in changes if c.startswith("+")]) <= len(path)
    assert len([c for c in changes if c.startswith("-")]) <= 1
    assert [line for line in before if line.lstrip().startswith("#")] == \
        [line for line in after if line.lstrip().startswith("#")]  # every comment line kept, in order


def test_setting_written_values_again_is_the_identity():
    for text in TEXTS.values():
        spec = load(text).spec
        first, component = next(iter(spec.components.items()))
        same = [(("name",), spec.name), (("region",), spec.region), (("components", first, "kind"), component.kind)]
        assert set_values(text, same) == text
