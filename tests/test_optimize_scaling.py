"""The optimiser's shortcuts for large specs give what the plain computation gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackwright.optimize import search
from stackwright.sizing import sizer
from stackwright.spec.model import Spec

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from bench_scale import generated_spec  # noqa: E402


def _plain_prune(points, with_units):
    """The definition: cheapest first, keep what no kept point beats on availability, Spot tasks and units."""
    points = sorted(points, key=lambda p: (round(p[0], 4), -p[1], p[4], p[3]))
    kept = []
    for point in points:
        if not any(k[1] >= point[1] - 1e-9 and k[4] <= point[4] and (not with_units or k[3] <= point[3])
                   for k in kept):
            kept.append(point)
    return kept


point = st.tuples(st.integers(-50, 50).map(lambda c: c / 4), st.sampled_from([99.0, 99.5, 99.9, 99.99, 100.0]),
                  st.none(), st.integers(0, 6), st.integers(0, 6))


@settings(max_examples=300, deadline=None)
@given(st.lists(point, max_size=40), st.booleans())
def test_indexed_prune_keeps_what_the_definition_keeps(points, with_units):
    _assert_uncapped_prune_is_the_definition(points, with_units)


def _assert_uncapped_prune_is_the_definition(points, with_units):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "POINTS_PER_LEVEL", 10**9)
        assert search._prune(list(points), with_units) == _plain_prune(points, with_units)


near_point = st.tuples(st.integers(-20, 20).map(lambda c: c / 4),
                       st.sampled_from([99.0, 99.9 - 2e-9, 99.9 - 5e-10, 99.9, 99.9 + 5e-10, 99.9 + 2e-9, 100.0]),
                       st.none(), st.integers(0, 6), st.integers(0, 6))


@settings(max_examples=300, deadline=None)
@given(st.lists(near_point, max_size=40), st.booleans())
def test_prune_counts_levels_a_hair_apart_as_the_definition_does(points, with_units):
    """Availabilities within 10⁻⁹ of each other beat each other, as in the definition."""
    _assert_uncapped_prune_is_the_definition(points, with_units)


@settings(max_examples=300, deadline=None)
@given(st.lists(point, max_size=60), st.booleans(), st.integers(3, 6))
def test_a_capped_level_keeps_its_cheapest_and_its_fewest_spot_points(points, with_units, cap):
    whole = _plain_prune(points, with_units)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "POINTS_PER_LEVEL", cap)
        capped = search._prune(list(points), with_units)
    assert [p for p in whole if p in capped] == capped  # a subset, in the same order
    for level in {p[1] for p in whole}:
        same, kept = [p for p in whole if p[1] == level], [p for p in capped if p[1] == level]
        assert len(kept) <= cap and kept[0] == same[0]
        assert min(p[4] for p in kept) == min(p[4] for p in same)
        if with_units:
            assert min(p[3] for p in kept) == min(p[3] for p in same)


def test_capping_the_front_leaves_the_outputs_of_generated_specs_as_they_were():
    """At 30 services a level of the whole front holds 33 points, well over the cap."""
    for services in (4, 12, 30):
        spec = Spec.model_validate(generated_spec(services))
        capped = search.optimize(spec).to_json()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search, "POINTS_PER_LEVEL", 10**9)
            assert search.optimize(spec).to_json() == capped


def test_a_workload_searched_in_its_cut_down_spec_has_the_variants_of_the_whole_spec():
    spec = sizer.resolve(Spec.model_validate(generated_spec(10)))
    focused = search._Search(spec, search.all_rules(), frozenset())
    whole = search._Search(spec, search.all_rules(), frozenset())
    whole._platform = None  # no cut: every variant priced and proposed on the whole spec
    workloads = [n for n, c in spec.components.items() if c.kind in sizer.COMPUTE_KINDS]
    assert workloads and all(focused.focus(n) is not None for n in workloads)
    for name in workloads:
        cut, plain = focused.variants(name), whole.variants(name)
        assert [(v.value.model_dump_json(), v.availability, v.local_ok, [m.label for m in v.moves]) for v in cut] == \
               [(v.value.model_dump_json(), v.availability, v.local_ok, [m.label for m in v.moves]) for v in plain]
        # the bill change: the same lines, added up in a smaller spec (floats may differ in the 4th decimal)
        assert all(abs(v.delta_usd - p.delta_usd) < 2e-4 for v, p in zip(cut, plain))
        assert all(v.value.model_fields_set == p.value.model_fields_set for v, p in zip(cut, plain))


def _variant(name, delta, availability, units, limit, spot):
    return search._Variant(name, None, (), delta, availability, True, units, limit, spot, spot + units)


variant = st.tuples(st.integers(-20, 20).map(lambda c: c / 4) | st.sampled_from([0.0, 0.00004, 0.00006, 0.0004, 1.0]),
                    st.sampled_from([99.0, 99.5, 99.9, 100.0]), st.integers(0, 4), st.none() | st.integers(0, 30),
                    st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(variant, min_size=1, max_size=8), min_size=1, max_size=5), st.integers(1, 5))
def test_leaving_out_variants_their_group_beats_keeps_the_front(groups, pool):
    built = []
    for g, group in enumerate(groups):
        compute = any(units for _, _, units, _, _ in group)
        built.append([_variant(f"c{g}", delta, avail, units if compute else 0, None if compute else limit, spot)
                      for delta, avail, units, limit, spot in group])
    fast = search._front(built, pool)
    undominated = search._undominated
    search._undominated = lambda group, with_units: group
    try:
        plain = search._front(built, pool)
    finally:
        search._undominated = undominated
    assert [(cost, avail, [id(v) for v in search._listed(chain)], spot, tasks) for cost, avail, chain, spot, tasks in fast] \
        == [(cost, avail, [id(v) for v in search._listed(chain)], spot, tasks) for cost, avail, chain, spot, tasks in plain]
    for cost, avail, chain, spot, tasks in fast:  # what the search reads off a point without listing it
        chosen, product = search._listed(chain), 100.0
        for v in chosen:
            product = product * v.availability / 100
        assert avail == product and spot == sum(v.spot_tasks for v in chosen) and tasks == sum(v.tasks for v in chosen)


def _plain_nondominated(points):
    """The definition: cheapest first, keep what no kept point beats on cost (within half a cent),
    availability and Spot share."""
    kept = []
    for p in sorted(points, key=lambda p: (round(p[0], 2), -p[1], p[2])):
        if not any(k[0] <= p[0] + 0.005 and k[1] >= p[1] - 1e-9 and k[2] <= p[2] + 1e-9 for k in kept):
            kept.append(p)
    return kept


front_point = st.tuples(st.integers(0, 400).map(lambda c: c / 1000), st.sampled_from([99.0, 99.5, 99.9, 99.99, 100.0]),
                        st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75]))


@settings(max_examples=500, deadline=None)
@given(st.lists(front_point, max_size=60))
def test_indexed_nondominated_keeps_what_the_definition_keeps(points):
    assert search._nondominated(list(points)) == _plain_nondominated(points)


def test_bills_without_terraform_addresses_have_the_same_lines_and_amounts():
    """The optimiser adds bills up without building the generated Terraform for its addresses: every line
    and amount is the same, only planned resources' addresses differ."""
    from stackwright.spec.loader import load
    from stackwright.spec_bill import price

    root = Path(__file__).parents[1]
    specs = [load(p).spec for p in sorted([*root.glob("blueprints/*.yaml"), *root.glob("examples/*.yaml")])]
    specs.append(Spec.model_validate(generated_spec(10)))
    named = 0
    for spec in specs:
        full, quick = price(spec), price(spec, terraform_addresses=False)
        assert [(i.resource, i.component, i.sku, i.monthly_usd) for i in full.items] == \
               [(i.resource, i.component, i.sku, i.monthly_usd) for i in quick.items]
        assert full.total == quick.total and full.unknown == quick.unknown
        named += sum(i.address != q.address for i, q in zip(full.items, quick.items))
    assert named  # planned resources are named by element id, not by the generated Terraform's address


def test_workloads_alike_but_for_their_names_share_one_pricing_of_the_same_amount():
    spec = sizer.resolve(Spec.model_validate(generated_spec(30)))
    found = search._Search(spec, search.all_rules(), frozenset())
    workloads = [n for n, c in spec.components.items() if c.kind in sizer.COMPUTE_KINDS]
    anonymous, named = search._Prices(), search._Prices()
    for name in workloads:
        cut = found.cut(spec, name)
        assert anonymous.sum(cut, name) == named.sum(cut)
    assert len(anonymous.cache) < len(named.cache) == len(workloads)


def test_a_front_point_priced_by_its_workloads_changes_costs_what_the_whole_spec_costs():
    spec = sizer.resolve(Spec.model_validate(generated_spec(10)))
    found = search._Search(spec, search.all_rules(), frozenset())
    groups = [found.variants(n) for n in spec.components]
    for pick in (0, 1, -1):  # the spec as it is, every component's next variant, its last one
        chosen = tuple(g[pick] if len(g) > abs(pick) else g[0] for g in groups)
        assert pick == 0 or any(v.moves for v in chosen)
        whole = found.prices.total(search._realise(spec, chosen))
        assert abs(found.total_of(spec, chosen) - whole) <= 0.011


def test_a_cut_specs_key_tells_specs_apart_exactly_as_their_anonymous_json_does():
    """The memo of cut-down specs' sums is keyed by the setting's objects and the workload's JSON: two cuts
    share a key exactly when `_anonymous` writes them alike, whether the platform names the workload or not."""
    from stackwright.spec.loader import load

    root = Path(__file__).resolve().parents[1]
    specs = [sizer.resolve(Spec.model_validate(generated_spec(10)))]
    specs += [sizer.resolve(load(p).spec) for p in sorted(root.glob("blueprints/*.yaml"))]
    prices, by_key, by_json, tried = search._Prices(), {}, {}, 0
    for spec in specs:
        found = search._Search(spec, search.all_rules(), frozenset())
        workloads = [n for n, c in spec.components.items() if c.kind in sizer.COMPUTE_KINDS]
        naming = spec.model_copy(update={"soft_dependencies": [*spec.soft_dependencies, *workloads]})
        for name in workloads:
            # cut from one spec object, so that the cuts of workloads alike share their setting's objects
            cut, named = found.cut(spec, name), found.cut(naming, name)
            for rule in search.all_rules():
                for proposal in [None, *rule.proposals(cut, only=name)]:
                    for setting in (cut, named):
                        value = setting.components[name] if proposal is None else proposal.spec.components[name]
                        variant = setting.model_copy(update={"components": {**setting.components, name: value}})
                        key = prices._cut_key(variant, name)
                        written = search._anonymous(variant, name).model_dump_json()
                        assert by_key.setdefault(key, written) == written
                        assert by_json.setdefault(written, key) == key
                        tried += 1
    assert tried > 100 and len(by_key) > 10
    assert any(k[1] is not None for k in by_key)  # a platform naming its workload keeps the name in the key


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-400, 400).map(lambda c: c / 1000) | st.sampled_from([0.005, -0.005, 0.0149, 0.015]),
                min_size=1, max_size=30),
       st.integers(0, 10**6).map(lambda c: c / 1000), st.integers(-20, 20).map(lambda c: c / 100))
def test_the_next_change_of_the_history_is_the_one_the_plain_choice_makes(deltas, unrounded, offset):
    """As `_history` chose before it kept its changes sorted: of all (rounded total, chain) options, the least
    by (saves or costs nothing, rounded total), the earliest chain among equals."""
    total = round(unrounded + offset, 2)
    options = [(round(unrounded + d, 2), place) for place, d in enumerate(deltas)]
    plain = min(options, key=lambda o: (o[0] <= total, o[0]))
    ranked = sorted((d, place, str(place)) for place, d in enumerate(deltas))
    i, new_total = search._next_change(ranked, unrounded, total)
    assert (new_total, ranked[i][1]) == plain


def test_the_terminal_lists_a_front_points_first_changes_and_counts_the_rest():
    from stackwright.render.plans import FRONT_CHANGES_SHOWN, _front_changes

    many = [f"OPT005 db{i}: Multi-AZ → Single-AZ" for i in range(FRONT_CHANGES_SHOWN + 5)]
    lines = _front_changes(many).splitlines()
    assert lines[:-1] == many[:FRONT_CHANGES_SHOWN]
    assert lines[-1] == "… and 5 more (--format json lists every change)"
    assert _front_changes(many[:FRONT_CHANGES_SHOWN]).splitlines() == many[:FRONT_CHANGES_SHOWN]
    assert _front_changes(()) == "(as is)"


def test_the_terminal_names_a_front_points_first_fields_and_counts_the_rest():
    from stackwright.render.plans import FRONT_CHANGES_SHOWN, _front_fields

    fields = [f"svc{i}.cpu" for i in range(FRONT_CHANGES_SHOWN + 3)]
    assert _front_fields(fields) == ", ".join(fields[:FRONT_CHANGES_SHOWN]) + " … and 3 more"
    assert _front_fields(fields[:2]) == "svc0.cpu, svc1.cpu"
    assert _front_fields([]) == "—"


def _as_searched(variants):
    """Everything a workload's variants carry that the rest of the search reads."""
    def spec_of(spec):
        return spec.model_dump_json(), [(n, c.model_fields_set) for n, c in spec.components.items()]

    return [(v.component, v.value.model_dump_json(), v.value.model_fields_set, v.delta_usd, v.availability,
             v.local_ok, v.units, v.connection_limit, v.spot_tasks, v.tasks,
             [(m.rule.id, m.label, m.proposal.risk, m.proposal.details, m.proposal.components, m.consent, m.focused,
               spec_of(m.proposal.spec), spec_of(m.before)) for m in v.moves]) for v in variants]


def test_workloads_alike_but_for_their_names_searched_once_have_the_variants_of_their_own_searches():
    """The search of one workload's shape, renamed, gives each workload of that shape what its own search
    gives: the same values, moves, texts, consent and prices, in the same order."""
    from stackwright.optimize.explicit import explicit_fields
    from stackwright.spec.loader import load

    root = Path(__file__).resolve().parents[1]
    written = [Spec.model_validate(generated_spec(30))]
    written += [load(p).spec for p in sorted([*root.glob("blueprints/*.yaml"), *root.glob("examples/*.yaml")])]
    shared = 0
    for spec in written:
        explicit, spec = explicit_fields(spec), sizer.resolve(spec)
        found = search._Search(spec, search.all_rules(), explicit)
        for name, component in spec.components.items():
            variants = found.variants(name)
            focus = found.focus(name)
            if focus is None or name in spec.constraints.keep:
                continue
            own = found._explore(name, variants[0], focus, name in found.short_before)
            assert _as_searched(variants) == _as_searched(own)
            assert variants[0].value is component and all(v.value is not w.value for v, w in zip(variants[1:], own[1:]))
        shared += sum(1 for n in spec.components if found.focus(n)) - len(found._templates)
    assert shared > 20  # most of the generated spec's 30 workloads share a search


def test_a_workloads_sum_kept_under_its_place_is_its_own_cut_specs_sum():
    """Workloads nothing else names share their cut-down spec's sum by place and traffic share; one the
    platform names (here as a soft dependency) keeps its own."""
    spec = sizer.resolve(Spec.model_validate(generated_spec(30)))
    workloads = [n for n, c in spec.components.items() if c.kind in sizer.COMPUTE_KINDS]
    naming = spec.model_copy(update={"soft_dependencies": workloads[:3]})
    for setting in (spec, naming):
        found, plain = search._Search(setting, search.all_rules(), frozenset()), search._Prices()
        for name in workloads:
            for variant in found.variants(name)[:3]:
                assert found.workload_sum(setting, name, variant.value) == \
                    plain.sum(found.cut(setting, name, variant.value), name)
        assert [found._names(setting, n) for n in workloads[:4]] == [setting is naming] * 3 + [False]
        assert len({k[0] for k in found._workload_sums}) < len(workloads)


@settings(max_examples=300, deadline=None)
@given(st.lists(point, max_size=60), st.integers(2, 6))
def test_a_level_capped_as_it_is_pruned_keeps_what_capping_the_pruned_front_keeps(points, cap):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "POINTS_PER_LEVEL", cap)
        whole = _plain_prune(points, False)
        expected = search._capped(whole, False) if len(whole) > cap else whole
        assert search._prune(list(points), False) == expected


costs = st.integers(-10**8, 10**8).map(lambda k: k / 10000) | \
    st.integers(-10**6, 10**6).map(lambda k: (k + 0.5) / 10000) | st.floats(-1e6, 1e6)


@settings(max_examples=300, deadline=None)
@given(st.lists(costs, max_size=30), st.lists(st.integers(-10**8, 10**8).map(lambda k: k / 10000), max_size=30))
def test_costs_in_ten_thousandths_order_and_tie_as_costs_rounded_to_4_decimals(costs, deltas):
    """Sums of 4-decimal deltas take the quick path; costs on a half (or anywhere) are rounded as they are."""
    for values in (costs, [sum(deltas[:i]) for i in range(len(deltas) + 1)]):
        keys = search._to_4_decimals([(c,) for c in values])
        rounded = [round(c, 4) for c in values]
        assert sorted(range(len(values)), key=lambda i: (keys[i], i)) == \
            sorted(range(len(values)), key=lambda i: (rounded[i], i))
        assert len(set(keys)) == len(set(rounded)) == len(set(zip(keys, rounded)))
