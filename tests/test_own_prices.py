"""Price age on bill lines, and your own prices (`cost --prices FILE`, the spec's `prices:`)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.errors import UserError
from stackwright.pricing import catalogue
from stackwright.pricing.own_prices import OwnPrices
from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import BLUEPRINTS

GLIMPSE = next(p for p in BLUEPRINTS if p.stem == "glimpse")
runner = CliRunner()


# --------------------------------------------------------------------------- age


def test_months_between_counts_whole_months():
    assert catalogue.months_between("2024-07-18", "2026-05-03") == 21
    assert catalogue.months_between("2025-05-03", "2026-05-03") == 12
    assert catalogue.months_between("2025-05-04", "2026-05-03") == 11


def test_lines_older_than_twelve_months_say_so():
    loaded = load(GLIMPSE)
    bill = price(loaded.spec, loaded)
    newest = catalogue.newest_date()
    for item in bill.items:
        months = catalogue.months_between(item.price_date, newest)
        stale = months > 12 or (months == 12 and item.price_date[5:] != newest[5:])
        assert (item.note is not None and "months older than the catalogue's newest" in item.note) == stale, item
    assert any(i.note for i in bill.items) and any(not i.note for i in bill.items)


def test_prices_sources_shows_every_source_with_its_age():
    result = runner.invoke(app, ["prices", "sources"])
    assert result.exit_code == 0
    assert "behind newest" in result.stdout and "flagged" in result.stdout
    assert "fgcalc-fargate-spot" in result.stdout and "63 months" in result.stdout


# --------------------------------------------------------------------------- own prices


def glimpse_bill(own=None):
    loaded = load(GLIMPSE)
    return price(loaded.spec, loaded, own=own)


def test_discount_per_service_and_rate_per_sku():
    list_bill = glimpse_bill()
    own = OwnPrices(name="ACME EDP", discounts={"rds": 20}, rates={"ec2/ondemand/t4g.nano": 0.004})
    bill = glimpse_bill(own)
    before = {(i.resource, i.address, i.component): i for i in list_bill.items}
    touched = 0
    for item in bill.items:
        old = before[(item.resource, item.address, item.component)]
        if item.sku == "ec2/ondemand/t4g.nano":
            assert item.unit_price_usd == 0.004 and item.monthly_usd == pytest.approx(0.004 * item.quantity)
            assert "ACME EDP: private rate $0.004" in item.note and f"${old.monthly_usd:,.2f}/month" in item.note
            touched += 1
        elif item.service == "rds":
            assert item.monthly_usd == pytest.approx(old.monthly_usd * 0.8)
            assert item.note.startswith("ACME EDP: 20% off the rds list price")
            touched += 1
        else:
            assert item == old
    assert touched >= 3
    assert bill.total < list_bill.total


def test_spec_prices_inline_or_file_and_cli_flag(tmp_path):
    text = GLIMPSE.read_text(encoding="utf-8")
    inline = tmp_path / "inline.yaml"
    inline.write_text(text + "\nprices:\n  name: team rate\n  discounts: {elasticache: 50}\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("name: file rate\ndiscounts: {elasticache: 25}\n", encoding="utf-8")
    by_file = tmp_path / "by-file.yaml"
    by_file.write_text(text + "\nprices: mine.yaml\n", encoding="utf-8")
    cache = {}
    for spec in (inline, by_file):
        loaded = load(spec)
        (item,) = [i for i in price(loaded.spec, loaded).items if i.service == "elasticache"]
        cache[spec.stem] = item
    assert cache["inline"].note.startswith("team rate: 50% off")
    assert cache["by-file"].note.startswith("file rate: 25% off")
    assert cache["inline"].monthly_usd == pytest.approx(cache["by-file"].monthly_usd / 0.75 * 0.5)

    result = runner.invoke(app, ["cost", str(inline), "--prices", str(tmp_path / "mine.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    (item,) = [i for i in json.loads(result.stdout)["items"] if i["service"] == "elasticache"]
    assert item["note"].startswith("file rate: 25% off")  # the flag overrides the spec


def test_bad_own_prices_are_located_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ndiscounts:\n  rds: 120\n", encoding="utf-8")
    result = runner.invoke(app, ["cost", str(GLIMPSE), "--prices", str(bad)])
    assert result.exit_code == 2 and f"{bad}:3:" in result.stderr
    typo = tmp_path / "typo.yaml"
    typo.write_text("rates: {ec2/ondemand/t4g.nan: 0.1}\ndiscounts: {rdss: 5}\n", encoding="utf-8")
    result = runner.invoke(app, ["cost", str(GLIMPSE), "--prices", str(typo)])
    assert result.exit_code == 2
    assert "did you mean rds?" in result.stderr and "did you mean ec2/ondemand/t4g.nano" in result.stderr
    with pytest.raises(UserError):
        glimpse_bill(OwnPrices(rates={"no/such/key": 1.0}))


def test_the_schema_documents_prices():
    from stackwright.spec.model import Spec

    assert "prices" in Spec.model_json_schema()["properties"]
