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
