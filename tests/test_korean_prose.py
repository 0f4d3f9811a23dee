"""The Korean documents are Korean: at most 1% of their lines are English prose (tests/english_prose.py
says what counts), in design.md and in report.html's text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from english_prose import english_lines, html_lines, is_english_prose, markdown_lines
from stackwright.document import write_design
from stackwright.report import write_report
from stackwright.spec.loader import load

BLUEPRINTS = sorted((Path(__file__).parents[1] / "blueprints").glob("*.yaml")) + sorted(
    (Path(__file__).parents[1] / "examples").glob("*.yaml"))
MAX_ENGLISH_SHARE = 0.01


def _quotes_and_names(blueprint: Path) -> tuple[list[str], list[str]]:
    """The spec's own descriptions (quoted as the team wrote them) and the names it gives."""
    raw = yaml.safe_load(blueprint.read_text(encoding="utf-8"))
    components = raw.get("components", {})
    quotes = [raw.get("description"), raw.get("budget_source")] + [c.get("description") for c in components.values()]
    return [" ".join(q.split()) for q in quotes if q], [raw["name"], *components]


@pytest.fixture(scope="module")
def korean(tmp_path_factory):
    written = {}
    for blueprint in BLUEPRINTS:
        spec = load(blueprint).spec
        out = tmp_path_factory.mktemp(blueprint.stem)
        written[blueprint.stem] = (write_design(spec, out, "ko"), write_report(spec, out, "ko"))
    return written


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_korean_design_has_at_most_one_percent_english_lines(korean, blueprint):
    design, _ = korean[blueprint.stem]
    lines = markdown_lines(design.read_text(encoding="utf-8"))
    english = english_lines(lines, *_quotes_and_names(blueprint))
    assert len(english) <= MAX_ENGLISH_SHARE * len(lines), "\n".join(english)


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_korean_report_has_at_most_one_percent_english_lines(korean, blueprint):
    _, report = korean[blueprint.stem]
    lines = html_lines(report.read_text(encoding="utf-8"))
    english = english_lines(lines, *_quotes_and_names(blueprint))
    assert len(english) <= MAX_ENGLISH_SHARE * len(lines), "\n".join(english)


@pytest.mark.parametrize("line", [
    "| alb | → | api | 3001 | from load balancer alb |",
    "> 1. Older logs are gone: export them to S3 (Glacier) first if audits or incident reviews need them.",
    "- ≈1: point-in-time Fargate Spot market price from a 2021 snapshot (theuves/fgcalc); Spot prices change",
    "| db | RDS | Backup storage beyond the free allowance | US$0.095 | 7 | GB-month |",
])
def test_an_english_sentence_counts(line):
    assert is_english_prose(line)


@pytest.mark.parametrize("line", [
    "| 10.0.64.0/21 | → | nat | 443 | 프라이빗 앱 서브넷에서 HTTPS |",
    "| api | Fargate | FARGATE_SPOT vCPU (x86) | US$0.0142 | 365 | vCPU-hour | US$5.19 ≈1 | 스팟 |",
    "- Amazon RDS SLA, 단일 DB 인스턴스: 99.5% (https://aws.amazon.com/rds/sla/, 2024-01-22)",
    "| glimpse-api-sg | Amazon Elastic Container Service | db.t4g.micro | `sslmode=require` |",
    "| OPT019 | cache: 샤드마다 복제본 추가 (다중 AZ 장애 조치) | cache.replicas_per_shard | -US$17.52 |",
])
def test_identifiers_product_names_and_korean_do_not_count(line):
    assert not is_english_prose(line)


def test_quotes_of_the_spec_and_its_names_do_not_count():
    quote = "Redis session store + query cache (85% hit rate); auth token in Secrets Manager."
    assert is_english_prose(f"> {quote}")
    assert not is_english_prose(f"> {quote}", quotes=[quote])
    assert not is_english_prose("| user service | 서비스 |", names=["user service"])


# Specs that reach the branches of the checks the fail fixtures do not (tests/fixtures/checks/RULE/fail.yaml).
MORE_FINDINGS = {
    "EDGE001 without an alb": {"name": "edge", "region": "eu-west-1", "availability_target": 99.5, "components": {
        "cdn": {"kind": "cloudfront"}, "firewall": {"kind": "waf"}}},
    "REG001 unknown region": {"name": "reg", "region": "ap-northeast-9", "availability_target": 99.5,
                              "components": {"files": {"kind": "s3"}}},
    "CAP003 both fields": {"name": "cap", "region": "us-east-1", "availability_target": 99.5, "components": {
        "db": {"kind": "aurora_serverless_v2", "engine": "postgresql", "min_acu": 0.3, "max_acu": 0.7}}},
}


def _finding_sources():
    from test_checks import FIXTURES, findings_for

    for rule in sorted(p.name for p in FIXTURES.iterdir()):
        yield rule, lambda rule=rule: findings_for(rule, "fail.yaml")
    for what, data in MORE_FINDINGS.items():
        yield what, lambda data=data: _findings(data)


def _findings(data: dict):
    from stackwright.checks import run_checks
    from stackwright.plan import build_plan
    from stackwright.spec.model import Spec

    spec = Spec.model_validate(data)
    try:
        plan = build_plan(spec)
    except Exception:  # an unknown region has no plan; the region check runs on the spec alone
        plan = None
    return run_checks(spec, plan)


@pytest.mark.parametrize("source", list(_finding_sources()), ids=lambda s: s[0])
def test_every_check_finding_and_fix_reads_in_korean(source):
    """Each rule's message and fix, as the Korean design.md and report show them (translated by value)."""
    from stackwright.document.i18n import ValueTranslator

    translate = ValueTranslator("ko")
    findings = source[1]()
    assert findings
    for finding in findings:
        for text in (finding.message, finding.fix):
            korean = translate(text)
            assert not is_english_prose(korean, names=["firewall", "cache", "db", "lb", "cdn", "web", "api", "app"]), \
                f"{finding.rule}: {korean}"


def test_sizer_limits_read_in_korean():
    """What the roadmap says when sizing runs out: "redesign first: " and the sizer's reason."""
    from stackwright.document.i18n import ValueTranslator
    from stackwright.sizing import sizer
    from stackwright.spec.model import Spec
    from stackwright.translatable import N_

    spec = Spec.model_validate({"name": "big", "region": "us-east-1", "availability_target": 99.5,
                                "traffic": {"dau": 100_000_000},
                                "sizing": {"session_kb": 10_000, "hot_data_mb": 10_000_000},
                                "components": {"cache": {"kind": "elasticache", "engine": "redis", "node_type": "auto"}}})
    with pytest.raises(ValueError) as raised:
        sizer.size(spec, resize_all=True)
    text = N_("redesign first: %(why)s") % {"why": raised.value}
    assert "ElastiCache" in text
    assert not is_english_prose(ValueTranslator("ko")(text))
