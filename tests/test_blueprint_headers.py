"""Blueprint headers name their seed document as ../shared/seeds/<file> (a file that exists), what each
document names that the spec cannot carry is listed, and no file the repository ships holds an absolute path."""

import re

import pytest

from conftest import BLUEPRINTS, EXAMPLES, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=[b.stem for b in BLUEPRINTS])
def test_the_header_names_its_seed_relative_to_the_repository(blueprint):
    first = blueprint.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# Seed document: \.\./shared/seeds/([\w.-]+\.md)", first)
    assert found, first
    if SEEDS.exists():
        assert (SEEDS / found.group(1)).is_file()


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=[b.stem for b in BLUEPRINTS])
def test_alarm_topics_are_components_not_left_out(blueprint):
    text = blueprint.read_text(encoding="utf-8")
    left_out = [line for line in text.splitlines() if line.startswith("# Not encodable")]
    assert not any("SNS" in line for line in left_out), left_out
    if "SNS" in text:  # the document names an alarm topic: the spec carries it
        assert "kind: sns" in text


def test_no_absolute_paths_in_what_the_repository_ships():
    shipped = [*BLUEPRINTS, *EXAMPLES, ROOT / "README.md"]
    for path in shipped:
        assert not re.search(r"(?<![\w.])/(work|home|Users|tmp)/", path.read_text(encoding="utf-8")), path
