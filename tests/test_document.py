"""design.md: every blueprint in both languages, figures equal to `stackwright cost`, Korean that is
Korean, the catalogue complete, bytes stable. Golden copies: `pytest --update-golden`."""

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.numbers import parse_decimal
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.document import design_markdown, write_design
from stackwright.document import facts as facts_module
from stackwright.document.catalogue import untranslated, update
from stackwright.document.i18n import LOCALE_DIR, LOCALES, Formats, ValueTranslator, catalogue_path
from stackwright.document.recovery import recovery
from stackwright.plan import build_plan
from stackwright.spec.loader import load

from conftest import BLUEPRINTS, ROOT
from test_diagram import EVERY_KIND

GOLDEN = Path(__file__).parent / "golden" / "document"
GOLDEN_BLUEPRINTS = ("glimpse", "tiketi")
LANGS = tuple(LOCALES)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
COST_HEADERS = {"en": "| Resource | Service | Item |", "ko": "| 리소스 | 서비스 | 항목 |"}
TOTAL_LABELS = {"en": "**Total**", "ko": "**합계**"}


def cost_json(blueprint: Path) -> dict:
    """What `stackwright cost --format json` prints."""
    result = CliRunner().invoke(app, ["cost", str(blueprint), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def money(text: str, lang: str) -> Decimal:
    """A formatted amount back to a number: `US$1,234.50 ≈1` -> 1234.50."""
    amount = re.search(r"-?[\d.,]+", text.replace("US$", "").replace("$", "").replace("*", "")).group()
    return parse_decimal(amount, locale=LOCALES[lang], strict=True)


def cost_table(markdown: str, lang: str) -> tuple[list[tuple[str, str, Decimal]], Decimal]:
    """(resource, item, monthly) of every line of the cost table, and its total."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(COST_HEADERS[lang]))
    rows, total = [], None
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells[0] == TOTAL_LABELS[lang]:
            total = money(cells[6], lang)
        else:
            rows.append((cells[0], cells[2].replace("\\|", "|"), money(cells[6], lang)))
    return rows, total


def prose(markdown: str) -> str:
    """Sentences the document itself writes: no code blocks, tables, or quoted text from elsewhere."""
    kept, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not (fenced or line.startswith("|") or line.startswith(">")):
            kept.append(line)
    return "\n".join(kept)


def hangul_share(text: str) -> float:
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    return hangul / (hangul + latin) if hangul + latin else 0.0


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """design.md of every blueprint in every language, written once for the module."""
    written = {}
    for blueprint in BLUEPRINTS:
        for lang in LANGS:
            out = tmp_path_factory.mktemp(f"{blueprint.stem}-{lang}")
            written[blueprint.stem, lang] = write_design(load(blueprint).spec, out, lang)
    return written


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_cost_table_equals_cost_json_to_the_cent(documents, blueprint, lang):
    markdown = documents[blueprint.stem, lang].read_text(encoding="utf-8")
    bill = cost_json(blueprint)
    rows, total = cost_table(markdown, lang)
    translate = ValueTranslator(lang)  # the item names are the bill's, in the document's language
    expected = [(i["resource"], translate(i["component"]), Decimal(f"{i['monthly_usd']:.2f}")) for i in bill["items"]]
    assert rows == expected
    assert total == Decimal(f"{bill['total_monthly_usd']:.2f}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_every_section_and_every_price_source_is_there(documents, blueprint, lang):
    markdown = documents[blueprint.stem, lang].read_text(encoding="utf-8")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert len(headings) == 16  # contents + 15 sections
    bill = cost_json(blueprint)
    for item in bill["items"]:
        assert f"{item['price_source']} ({item['price_date']})" in markdown
    if any(item["estimate"] for item in bill["items"]):
        assert "≈1:" in markdown


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_korean_document_is_korean_and_english_is_not(documents, blueprint):
    korean = prose(documents[blueprint.stem, "ko"].read_text(encoding="utf-8"))
    english = prose(documents[blueprint.stem, "en"].read_text(encoding="utf-8"))
    assert hangul_share(korean) > 0.5, "the Korean document's own sentences should be mostly Hangul"
    assert hangul_share(english) == 0
    for heading in ("## 개요", "## 네트워크 구성", "### 보안 그룹", "## 모니터링 및 알람", "### 월간 예상 비용",
                    "## 비용 최적화", "## 단계별 확장 계획", "## 배포 체크리스트"):
        assert heading in korean


@pytest.mark.parametrize("lang", LANGS)
def test_documents_are_byte_identical_across_runs(lang, tmp_path):
    spec = load(BLUEPRINTS[0]).spec
    first = write_design(spec, tmp_path / "first", lang).read_bytes()
    facts_module._gather.cache_clear()  # recompute everything, not just re-render
    assert write_design(spec, tmp_path / "second", lang).read_bytes() == first


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", GOLDEN_BLUEPRINTS)
def test_design_matches_golden(name, lang, update_golden):
    """Compared across processes and commits too: a golden written elsewhere must match byte for byte."""
    text = design_markdown(load(ROOT / "blueprints" / f"{name}.yaml").spec, lang)
    golden = GOLDEN / f"{name}.{lang}.md"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), "design.md changed; if intended, run pytest --update-golden"


def test_korean_catalogue_translates_every_message():
    assert untranslated("ko") == [], "run `python -m stackwright.document.catalogue` and translate the new entries"
    with catalogue_path("ko").open("rb") as po:
        catalog = read_po(po, locale=LOCALES["ko"])
    problems = [(message.id, errors) for message, errors in catalog.check()]
    assert problems == [], "placeholders must match between msgid and msgstr"


def test_catalogue_files_are_what_the_update_script_writes(tmp_path):
    """The committed template and catalogues are current: re-running the script changes nothing."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALE_DIR, copy)
    for path in update(copy):
        committed = LOCALE_DIR / path.relative_to(copy)
        assert path.read_bytes() == committed.read_bytes(), f"run `python -m stackwright.document.catalogue` ({committed.name})"


def test_numbers_follow_the_locale_and_money_stays_usd():
    assert Formats("en").usd(1234.5) == "$1,234.50"
    assert Formats("ko").usd(1234.5) == "US$1,234.50"
    assert Formats("ko").number(1234.5) == "1,234.5" and Formats("ko").percent(0.25) == "25%"
    with pytest.raises(ValueError, match="unknown language"):
        Formats("fr")


def _recovery_of(write_spec, db_fields: str):
    path = write_spec(f"""
name: rto
region: ap-northeast-2
components:
  api: {{kind: fargate_service, tasks: {{min: 2, desired: 2, max: 4}}}}
  lb: {{kind: alb}}
  db: {{kind: rds, engine: postgresql, instance_class: db.t4g.micro, {db_fields}}}
""")
    spec = load(path).spec
    return recovery(build_plan(spec))


def test_rto_rpo_follow_multi_az_and_backups(write_spec):
    single = _recovery_of(write_spec, "multi_az: false, backup_retention_days: 7")
    assert single.worst("rto") == (30, 60) and single.worst("rpo") == (0, 5)
    multi = _recovery_of(write_spec, "multi_az: true, backup_retention_days: 7")
    assert multi.worst("rto") == (1, 2) and multi.worst("rpo") == (0, 0)
    no_backups = _recovery_of(write_spec, "multi_az: false, backup_retention_days: 0")
    assert no_backups.worst("rpo")[1] is None
    assert not no_backups.backups[0].point_in_time


def test_document_says_so_when_the_checks_module_is_absent(monkeypatch):
    real_import = facts_module.importlib.import_module

    def without_checks(name, *args):
        if name == "stackwright.checks":
            raise ModuleNotFoundError("No module named 'stackwright.checks'", name=name)
        return real_import(name, *args)

    monkeypatch.setattr(facts_module.importlib, "import_module", without_checks)
    facts_module._gather.cache_clear()
    try:
        markdown = design_markdown(load(BLUEPRINTS[0]).spec, "en")
    finally:
        facts_module._gather.cache_clear()
    assert "The plan checks are not part of this build." in markdown


@pytest.mark.parametrize("lang", LANGS)
def test_every_component_kind_renders(write_spec, lang):
    spec = load(write_spec(EVERY_KIND)).spec
    markdown = design_markdown(spec, lang)
    for name in spec.components:
        assert name in markdown
    no_backups = {"en": "| main-db | 0 days | no |", "ko": "| main-db | 0일 | 아니요 |"}[lang]
    assert no_backups in markdown  # retention 0: no point-in-time restore


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_documents_say_rds_manages_the_master_password(documents, blueprint):
    """The IaC sets ManageMasterUserPassword / manage_master_user_password: RDS makes the password, so the
    documents must not say the stack generates one."""
    if not build_plan(load(blueprint).spec).databases:
        pytest.skip("no database")
    english = documents[blueprint.stem, "en"].read_text(encoding="utf-8")
    korean = documents[blueprint.stem, "ko"].read_text(encoding="utf-8")
    assert "generated password" not in english and "generated into Secrets Manager" not in english
    assert "RDS generates the master password" in english and "AWS-managed" in english
    assert "RDS가 직접 생성해" in korean and "자동 생성 비밀번호" not in korean
