"""Each optimiser rule has a fixture where it saves money (fail: the spec leaves money on the table) and
one where it does not (pass)."""

from pathlib import Path

import pytest

from stackwright.optimize.rule import all_rules
from stackwright.spec.loader import load
from stackwright.spec_bill import price

FIXTURES = Path(__file__).parent / "fixtures" / "optimize"
RULES = {rule.id: rule for rule in all_rules()}


def savings(rule_id: str, fixture: str) -> tuple[list[float], list[str]]:
    spec = load(FIXTURES / rule_id / fixture).spec
    baseline = price(spec).total
    saved, unpriced = [], []
    for proposal in RULES[rule_id].propose(spec):
        if proposal.unpriced:
            unpriced.append(proposal.unpriced)
        else:
            saved.append(round(baseline - price(proposal.spec).total, 2))
    return saved, unpriced


def test_every_rule_has_both_fixtures():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULES)
    for rule_id in RULES:
        assert {p.name for p in (FIXTURES / rule_id).iterdir()} == {"pass.yaml", "fail.yaml"}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_on_its_fail_fixture(rule_id):
    saved, unpriced = savings(rule_id, "fail.yaml")
    if rule_id == "OPT009":  # Savings Plans: named, never priced as $0
        assert unpriced and not saved
    elif rule_id == "OPT019":  # redundancy costs money: it is offered, never a saving
        assert saved and all(s < 0 for s in saved), saved
    else:
        assert max(saved, default=0) > 0, saved


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_quiet_on_its_pass_fixture(rule_id):
    saved, unpriced = savings(rule_id, "pass.yaml")
    assert not unpriced
    if rule_id == "OPT019":
        assert not saved, "nothing left to make redundant"
    assert all(s <= 0 for s in saved), saved


def test_rule_ids_are_stable_and_unique():
    assert all(rule_id.startswith("OPT") and len(rule_id) == 6 for rule_id in RULES)
    assert len({r.title for r in RULES.values()}) == len(RULES)
