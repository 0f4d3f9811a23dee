"""The optimiser's shortcuts at scale give what the whole-spec walks give: a rule asked for one component's
proposals, the constraints of a change measured from the spec before it, and the written fields a change
touches found from the components it replaced."""

from pathlib import Path

import pytest

from stackwright.optimize.constraints import measure, remeasure
from stackwright.optimize.explicit import changed_fields, explicit_fields
from stackwright.optimize.rule import all_rules
from stackwright.sizing import sizer
from stackwright.spec.loader import load

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "blueprints").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures" / "optimize").glob("*/fail.yaml"))
RULES = all_rules()


def _sized(path: Path):
    loaded = load(path).spec
    return loaded, sizer.resolve(loaded)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_one_component_proposals_are_the_whole_specs_for_it(path):
    _, spec = _sized(path)
    asked = 0
    for rule in RULES:
        everything = [p for p in rule.propose(spec)]
        for name in spec.components:
            alone = [p.summary for p in rule.proposals(spec, only=name) if p.components == frozenset({name})]
            assert alone == [p.summary for p in everything if p.components == frozenset({name})], (rule.id, name)
            asked += len(alone)
    assert asked or path.parent.name != "blueprints"


@pytest.mark.parametrize("path", SPECS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_change_measured_from_the_spec_before_it_measures_as_the_whole_spec(path):
    loaded, spec = _sized(path)
    before = measure(spec)
    explicit = explicit_fields(loaded)
    compared = 0
    for rule in RULES:
        for proposal in rule.propose(spec):
            after = proposal.spec
            assert remeasure(spec, before, after) == measure(after), (rule.id, proposal.summary)
            naive = []  # every written field compared, as the search did before
            for path_ in sorted(explicit):
                if len(path_) == 1:
                    if getattr(spec, path_[0]) != getattr(after, path_[0]):
                        naive.append(path_[0])
                elif path_[0] in spec.components:
                    if path_[0] not in after.components:
                        naive += [] if path_[0] in naive else [path_[0]]
                    elif spec.components[path_[0]] is not after.components[path_[0]] and \
                            getattr(spec.components[path_[0]], path_[1]) != getattr(after.components[path_[0]], path_[1]):
                        naive.append(f"{path_[0]}.{path_[1]}")
            assert changed_fields(explicit, spec, after) == naive
            compared += 1
    assert compared or path.parent.name != "blueprints"


def test_a_change_that_moves_the_connections_needed_measures_every_database_again():
    _, spec = _sized(ROOT / "blueprints" / "tiketi.yaml")
    name, service = next((n, c) for n, c in spec.components.items() if c.kind == "fargate_service")
    huge = service.tasks.model_copy(update={"max": 5000})
    after = spec.model_copy(update={"components": {**spec.components, name: service.model_copy(update={"tasks": huge})}})
    found = remeasure(spec, measure(spec), after)
    assert found == measure(after)
    assert any(spec.components[n].kind == "rds" for n in found.shortfalls)  # could be false: the test means it


def test_a_checks_report_is_written_when_asked_and_names_the_whole_path():
    from stackwright.optimize.availability import composite
    from stackwright.optimize.constraints import compare

    _, spec = _sized(ROOT / "blueprints" / "bowwow.yaml")
    measured = measure(spec)
    checked = 0
    for rule in RULES:
        for proposal in rule.propose(spec):
            check = compare(spec, proposal.spec, set(proposal.components), measured=measured)
            if not any(b.startswith("availability") for b in check.broken):
                assert "availability" not in check.after.__dict__  # the formula not written yet
            after = composite(proposal.spec)
            assert check.report["availability"]["formula"] == after.formula
            assert check.report["availability"]["after"] == round(after.percent, 4)
            checked += 1
    assert checked
