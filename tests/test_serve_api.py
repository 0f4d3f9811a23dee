"""`stackwright serve`'s JSON API through Starlette's TestClient: the CLI's JSON and located errors,
plans as zips, edits that keep the user's text, and the bounds (body size, time, files)."""

import io
import json
import re
import warnings
import zipfile

import pytest
from typer.testing import CliRunner

from stackwright.cli import app as cli
from stackwright.serve.app import MAX_BODY_BYTES, create_app
from stackwright.serve.worker import EvaluationFailed, Pool

from conftest import BLUEPRINTS, ROOT

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that its TestClient will move to httpx2
    from starlette.testclient import TestClient

GLIMPSE = ROOT / "blueprints" / "glimpse.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "checks"
BAD_KIND = "name: x\nregion: us-east-1\ncomponents:\n  api: {kind: fargate_servise}\n"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as client:
        yield client


def cli_output(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    return result.stdout


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_cost_is_the_clis_json(client, blueprint):
    response = client.post("/api/cost", content=blueprint.read_bytes())
    assert response.status_code == 200
    assert response.text == cli_output("cost", str(blueprint), "--format", "json")


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["optimize", "roadmap"])
def test_optimize_and_roadmap_are_the_clis_json(client, command, blueprint):
    response = client.post(f"/api/{command}", content=blueprint.read_bytes())
    assert response.status_code == 200
    assert response.text == cli_output(command, str(blueprint), "--format", "json")


def test_roadmap_phases(client):
    phases = client.post("/api/roadmap?phases=2000,40_000", content=GLIMPSE.read_bytes()).json()["phases"]
    assert [p["dau"] for p in phases] == [2000, 40000]
    assert client.post("/api/roadmap?phases=lots", content=GLIMPSE.read_bytes()).status_code == 422


def test_bad_spec_is_422_with_the_clis_located_message(client, tmp_path):
    response = client.post("/api/cost", content=BAD_KIND.encode())
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["line"], error["column"]) == (4, 15)
    spec = tmp_path / "spec.yaml"
    spec.write_text(BAD_KIND, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cost", str(spec)])
    assert result.exit_code == 2
    assert result.stderr.strip() == error["text"].replace("spec.yaml", str(spec), 1)
    for endpoint in ("check", "optimize", "roadmap", "diagram", "plan", "values"):
        assert client.post(f"/api/{endpoint}", content=BAD_KIND.encode()).json() == response.json()


def test_a_missing_price_stops_the_search_where_the_bill_stops(client):
    """The optimiser's baseline is summed from its memo: a spec it cannot price still gets the bill's located
    message, each time it is sent."""
    text = "name: x\nregion: us-east-1\ncomponents:\n  db: {kind: rds, engine: mysql, instance_class: db.t9.huge}\n"
    bill = client.post("/api/cost", content=text.encode())
    assert bill.status_code == 422 and "no price for SKU" in bill.json()["errors"][0]["message"]
    for _ in range(2):
        assert client.post("/api/optimize", content=text.encode()).json() == bill.json()


def test_malformed_yaml_and_non_utf8(client):
    errors = client.post("/api/cost", content=b"name: x\ncomponents: [\n").json()["errors"]
    assert errors[0]["message"].startswith("malformed YAML")
    response = client.post("/api/cost", content="name: café".encode("latin-1"))
    assert response.status_code == 422
    assert "UTF-8" in response.json()["errors"][0]["message"]


def test_check_locates_findings(client):
    fixture = FIXTURES / "AVL001" / "fail.yaml"
    result = client.post("/api/check", content=fixture.read_bytes()).json()
    finding = next(f for f in result["findings"] if f["rule"] == "AVL001")
    # the finding points into the fixture's own text: line 6 holds the database
    assert finding["line"] == 6
    assert fixture.read_text().splitlines()[finding["line"] - 1].lstrip().startswith("db:")
    assert finding["text"].replace("spec.yaml", str(fixture), 1) in cli_output("check", str(fixture)).splitlines()


def test_diagram_is_a_self_contained_svg(client):
    response = client.post("/api/diagram", content=GLIMPSE.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert "<svg" in response.text
    assert not re.search(r"""(?:href|src)\s*=\s*["']https?://""", response.text)


def test_plan_zip_holds_every_output(client):
    response = client.post("/api/plan?lang=ko", content=GLIMPSE.read_bytes())
    assert response.status_code == 200
    assert 'filename="glimpse-plan.zip"' in response.headers["content-disposition"]
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    for expected in ("cloudformation/template.yaml", "terraform/main.tf", "design.md", "report.html",
                     "diagram.svg", "diagram.png", "spec.yaml"):
        assert f"glimpse/{expected}" in names
    design = zipfile.ZipFile(io.BytesIO(response.content)).read("glimpse/design.md").decode()
    assert re.search(r"[가-힣]", design)  # --lang ko reached the document
    again = client.post("/api/plan?lang=ko", content=GLIMPSE.read_bytes())
    assert again.content == response.content  # same spec, same bytes


def test_plan_refuses_error_findings(client):
    response = client.post("/api/plan", content=(FIXTURES / "CAP004" / "fail.yaml").read_bytes())
    assert response.status_code == 422
    assert "CAP004" in response.json()["errors"][0]["message"]
    assert client.post("/api/plan?lang=fr", content=GLIMPSE.read_bytes()).status_code == 422


def test_edit_changes_only_the_value(client):
    text = GLIMPSE.read_text(encoding="utf-8")
    response = client.post("/api/edit", json={"spec": text, "changes": [[["traffic", "dau"], 5000]]})
    edited = response.json()["spec"]
    changed = [(a, b) for a, b in zip(text.splitlines(), edited.splitlines()) if a != b]
    assert len(edited.splitlines()) == len(text.splitlines())
    assert len(changed) == 1 and "5000" in changed[0][1]
    # a value that was not written is added; a scalar in the way becomes a mapping
    counts = {"min": 2, "desired": 4, "max": 8}
    edited = client.post("/api/edit", json={"spec": BAD_KIND.replace("servise", "service"),
                                            "changes": [[["components", "api", "tasks"], counts],
                                                        [["budget_monthly_usd"], 120]]}).json()["spec"]
    values = client.post("/api/values", content=edited.encode()).json()["spec"]
    assert values["components"]["api"]["tasks"] == counts and values["budget_monthly_usd"] == 120


def test_apply_step_reaches_the_steps_running_total(client):
    text = GLIMPSE.read_text(encoding="utf-8")
    steps = client.post("/api/optimize", content=text.encode()).json()["steps"]
    assert len(steps) >= 2
    for index in (1, 2):
        applied = client.post("/api/apply", json={"spec": text, "step": index}).json()["spec"]
        total = client.post("/api/cost", content=applied.encode()).json()["total_monthly_usd"]
        assert total == pytest.approx(steps[index - 1]["running_total_usd"], abs=0.01)
        assert "# Seed document" in applied  # the user's comments stay
    assert client.post("/api/apply", json={"spec": text, "step": 99}).status_code == 422
    assert client.post("/api/apply", json={"spec": 5}).status_code == 400
    assert client.post("/api/apply", json={"spec": text, "step": "1"}).status_code == 422
    bad = client.post("/api/edit", json={"spec": text, "changes": [[["components", 0], 1]]})
    assert bad.status_code == 422 and "changes" in bad.json()["errors"][0]["message"]


def test_body_size_is_capped(client):
    response = client.post("/api/cost", content=b"#" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413


def test_only_bundled_blueprints_are_read(client):
    names = client.get("/api/blueprints").json()
    assert names == sorted(p.stem for p in BLUEPRINTS)
    assert client.get("/api/blueprints/glimpse").text == GLIMPSE.read_text(encoding="utf-8")
    for probe in ("../pyproject", "..%2Fpyproject", "nope", "%2e%2e%2fMakefile"):
        assert client.get(f"/api/blueprints/{probe}").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_the_pages_blank_spec_prices_and_checks(client):
    script = client.get("/static/app.js").text
    blank = re.search(r"const BLANK_SPEC = `(.*?)`;", script, re.S)[1]
    assert client.post("/api/cost", content=blank.encode()).json()["total_monthly_usd"] > 0
    assert client.post("/api/check", content=blank.encode()).json()["errors"] == 0


def test_page_in_both_languages_uses_only_local_assets(client):
    english = client.get("/").text
    korean = client.get("/?lang=ko").text
    assert "Monthly bill" in english and "월간 비용" in korean
    config = json.loads(re.search(r'<script id="config" type="application/json">(.*?)</script>', korean, re.S)[1])
    assert config["lang"] == "ko" and config["titles"]["Reserved Instances"] != "Reserved Instances"
    for html in (english, korean):
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert client.get("/static/app.js").status_code == 200
    schema = client.get("/api/schema").json()
    assert "components" in schema["properties"]


def test_on_loopback_only_loopback_host_names_are_served():
    from stackwright.serve import LOOPBACK_HOST_NAMES

    with TestClient(create_app(workers=1, allowed_hosts=LOOPBACK_HOST_NAMES), base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/blueprints").status_code == 200
        assert local.get("/api/blueprints", headers={"host": "evil.example:8000"}).status_code == 400


def alias_bomb(levels: int = 9) -> str:
    """YAML whose aliases expand to 10**levels nodes: a few hundred bytes that never finish loading."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "name: bomb\nregion: us-east-1\ncomponents: {}\n" + "\n".join(lines) + "\n"


def test_an_alias_bomb_is_stopped_and_the_next_request_served():
    pool = Pool(size=1)
    try:
        try:
            reply = pool.call("cost", alias_bomb(), timeout=3)
            assert reply.status == 422  # refused outright, if the loader bounds aliases
        except EvaluationFailed as failure:
            assert "longer than 3 s" in str(failure)
        assert pool.call("cost", GLIMPSE.read_text(), timeout=30).status == 200
    finally:
        pool.close()


def test_a_job_past_its_time_limit_is_stopped_and_its_worker_replaced():
    pool = Pool(size=1)
    try:
        with pytest.raises(EvaluationFailed, match="longer than"):
            pool.call("optimize", (ROOT / "blueprints" / "tiketi.yaml").read_text(), timeout=0.001)
        reply = pool.call("cost", GLIMPSE.read_text(), timeout=30)
        assert reply.status == 200
    finally:
        pool.close()
