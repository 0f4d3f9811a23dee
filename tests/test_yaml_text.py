"""The fast YAML writer gives exactly PyYAML's text, for the CloudFormation dumper and for `yaml.safe_dump`."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwright.render import yaml_text
from stackwright.render.cloudformation.template import _Dumper

# Text that exercises every style: indicators, quotes, bool and number look-alikes, spaces for folding,
# line breaks for literal blocks, non-ASCII text.
PIECES = ["a", "Z", "0", "1.5", " ", "  ", "-", ":", "#", "'", '"', "\\", "\n", "\t", "{", "[", ",", "&", "*",
          "!", "|", ">", "%", "@", "`", "?", "yes", "true", "null", "~", "0x1F", "${Name}", "서울", "é", "\x85",
          "arn:aws:s3:::bucket/*", "word " * 30, "2024-01-01", "1_000", "Off", "5e3", "190:20:30", "<<", "="]
texts = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
keys = st.one_of(texts, st.sampled_from(["Type", "Properties", "Ref", "Fn::Sub", "a b", "x" * 130]))
scalars = st.one_of(texts, st.integers(-10**12, 10**12), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False))
documents = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=40).filter(lambda d: isinstance(d, (dict, list)))


def _pyyaml(data, dumper) -> str:
    return yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=120)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_same_text_as_pyyaml(data):
    assert yaml_text.dump(data, dumper=_Dumper, indent_sequences=True, literal_multiline=True) == _pyyaml(data, _Dumper)
    assert yaml_text.dump(data, indent_sequences=False) == _pyyaml(data, yaml.SafeDumper)


def test_writes_a_template_without_pyyaml(monkeypatch):
    """A template's usual content is laid out by the writer itself (PyYAML's dump is left for odd data)."""
    data = {"Resources": {"Web": {"Type": "AWS::ECS::Service", "Properties": {
        "Tags": [{"Key": "Name", "Value": "web"}], "DesiredCount": 2, "Enabled": True, "Weight": 0.5,
        "UserData": "#!/bin/bash\necho hi\n", "Description": "word " * 40, "Empty": {}, "None": [],
        "Nested": [["a", "b"], [{"k": "v"}]], "Quoted": "yes", "Colon": "a: b"}}}}
    expected = _pyyaml(data, _Dumper)
    monkeypatch.setattr(yaml, "dump", lambda *a, **k: pytest_fail())
    assert yaml_text.dump(data, dumper=_Dumper, indent_sequences=True, literal_multiline=True) == expected


def test_shared_nodes_left_to_pyyaml():
    shared = {"a": 1}
    data = {"x": shared, "y": shared}  # PyYAML anchors the second use
    assert yaml_text.dump(data, indent_sequences=False) == _pyyaml(data, yaml.SafeDumper)


def pytest_fail():
    raise AssertionError("fell back to yaml.dump")


ONE_LINE = st.text(alphabet=st.sampled_from(" -:#?'\",.[]{}&*!|>%@`~=<aZ09_/$"), min_size=1, max_size=12)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(ONE_LINE, st.sampled_from(["---x", "...", "- a", "a:", "a :b", "a #b", "a#b", "?", "-", ":x",
                                            "yes", "1.5", "2024-01-01", "~", "null", "0x1F", "1_000", "190:20:30"])),
       st.booleans())
def test_one_line_ascii_styled_as_pyyaml_would(text, key):
    """The writer's own decision for one line of printable ASCII matches PyYAML's analysis of it."""
    scalars = yaml_text._Scalars()
    decided = scalars.decided(text, key, True)
    style, simple = scalars.style(text, yaml_text.STR_TAG, None, key)
    assert decided == (style, simple, True, text.replace("'", "''") if style == "'" else text)


@settings(max_examples=300, deadline=None)
@given(st.integers(-10**140, 10**140), st.booleans())
def test_integers_styled_as_pyyaml_would(number, key):
    scalars = yaml_text._Scalars()
    text, tag, requested = scalars.represent(number, True)
    assert scalars.decided(number, key, True) == (*scalars.style(text, tag, requested, key), True, text)


LONG = st.lists(st.sampled_from(PIECES + ["word " * 30, "x" * 130, "a: b " * 12]), min_size=1, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LONG, scalars), min_size=1, max_size=3), st.sampled_from(["k", "key", "a longer key"]))
def test_a_text_repeated_at_the_same_and_other_places_as_pyyaml(values, key):
    """Each scalar the emitter writes is written once per value and writer state: repeats at the same place,
    after another key's length, deeper or in a sequence still give PyYAML's text."""
    data = {"Resources": [{key: value, "Nested": {key: value, "List": [value, {key: value}]}}
                          for _ in range(3) for value in values],
            "Other": {f"{key}{'x' * depth}": value for depth, value in enumerate(values * 2)}}
    assert yaml_text.dump(data, dumper=_Dumper, indent_sequences=True, literal_multiline=True) == _pyyaml(data, _Dumper)
    assert yaml_text.dump(data, indent_sequences=False) == _pyyaml(data, yaml.SafeDumper)


class _Wrapped:
    """A value the caller's `resolve` turns into data (as a template's references)."""

    def __init__(self, inside):
        self.inside = inside


def _copied(value):
    """Resolve as a template does: dicts and lists copied, tuples as lists, wrapped values unwrapped."""
    if isinstance(value, _Wrapped):
        return _copied(value.inside)
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copied(item) for item in value]
    return value


def _wrapped(value):
    """The document with some of its nodes wrapped or made tuples, and one node shared."""
    if isinstance(value, dict):
        return {key: _Wrapped(_wrapped(item)) if i % 2 else _wrapped(item) for i, (key, item) in enumerate(value.items())}
    if isinstance(value, list):
        return tuple(_wrapped(item) for item in value)
    return value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_resolve_writes_the_resolved_copy(data):
    """With `resolve`, the writer gives the text of `resolve(data)`: wrapped values and tuples resolved where they
    are, and a node the data shares written twice as the copy has it (no anchor)."""
    unresolved = {"First": _wrapped(data), "Again": data, "Same": data}
    assert yaml_text.dump(unresolved, dumper=_Dumper, indent_sequences=True, literal_multiline=True,
                          resolve=_copied) == _pyyaml(_copied(unresolved), _Dumper)
