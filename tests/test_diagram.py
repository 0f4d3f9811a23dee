"""The architecture diagram: a node for every planned component, self-contained and stable SVG, and
an ASCII drawing with the same subnets and ports."""

import logging
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stackwright import diagram
from stackwright.diagram import write_diagram
from stackwright.diagram.ascii import draw_ascii
from stackwright.diagram.graph import drawn_edges
from stackwright.diagram.layout import COST_ONLY_KINDS, build_layout
from stackwright.plan import build_plan
from stackwright.plan.naming import slug
from stackwright.spec.loader import load

from conftest import BLUEPRINTS

SVG = "{http://www.w3.org/2000/svg}"
EVERY_KIND = """
name: everything
region: us-east-1
availability_target: 99.9
traffic: {dau: 20000, peak_concurrent_users: 2000}
components:
  web: {kind: fargate_service, cpu: 0.5, memory_gb: 1, runtime: go}
  workers: {kind: ec2_asg, instance_type: t4g.small, runtime: fastapi, port: 9000}
  bastion: {kind: ec2_instance, instance_type: t3.micro, count: 2}
  lb: {kind: alb}
  main-db: {kind: rds, engine: mysql, instance_class: auto, multi_az: true, read_replicas: 1, backup_retention_days: 0}
  events: {kind: aurora_serverless_v2, instances: 2}
  sessions: {kind: elasticache, engine: valkey, node_type: auto, replicas_per_shard: 1}
  memo: {kind: elasticache, engine: memcached, node_type: cache.t4g.micro}
  egress: {kind: nat, count: 2}
  ips: {kind: public_ipv4, idle: 1}
  assets: {kind: s3, storage_class: standard-ia, storage_gb: 100}
  edge: {kind: cloudfront}
  zone: {kind: route53, routing: geo}
  shield: {kind: waf}
  watch: {kind: cloudwatch, alarms: 10, dashboards: 1}
  vault: {kind: secrets_manager, secrets: 2}
  images: {kind: ecr}
  s3-endpoint: {kind: vpc_endpoint, type: gateway, service: s3}
  logs-endpoint: {kind: vpc_endpoint, service: logs}
  transfer: {kind: data_transfer, inter_az_gb_month: 50}
"""
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@pytest.fixture
def empty_user_cache(monkeypatch, tmp_path_factory):
    """A user cache with nothing drawn before: every drawing runs Graphviz."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("temp")))


def node_ids(svg_text: str) -> set[str]:
    """The Graphviz node names (each node's <title>) in an SVG."""
    root = ET.fromstring(svg_text.encode("utf-8"))
    return {g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """diagram.png and diagram.svg of every blueprint, drawn once."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz (dot) is not installed")
    return {b.stem: write_diagram(load(b).spec, tmp_path_factory.mktemp(b.stem)) for b in BLUEPRINTS}


@needs_graphviz
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_diagram_holds_a_node_for_every_planned_component(drawn, blueprint):
    png, svg = drawn[blueprint.stem]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    nodes = node_ids(svg.read_text(encoding="utf-8"))
    spec = load(blueprint).spec
    for name, kind in build_plan(spec).components:
        if kind in COST_ONLY_KINDS:
            continue
        assert any(n == slug(name) or n.startswith(f"{slug(name)}--") for n in nodes), f"no node for {name} ({kind})"


@needs_graphviz
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_svg_embeds_its_icons(drawn, blueprint):
    text = drawn[blueprint.stem][1].read_text(encoding="utf-8")
    hrefs = re.findall(r'xlink:href="([^"]*)"', text)
    assert hrefs and all(h.startswith("data:image/png;base64,") for h in hrefs)


@needs_graphviz
def test_diagram_edges_carry_ports(drawn):
    text = drawn["tiketi"][1].read_text(encoding="utf-8")
    for port in (":3001", ":5432", ":6379", ":443"):
        assert f">{port}" in text


@needs_graphviz
def test_diagram_is_byte_identical_for_the_same_spec(drawn, tmp_path):
    again = write_diagram(load(BLUEPRINTS[0]).spec, tmp_path)
    for first, second in zip(drawn[BLUEPRINTS[0].stem], again):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_without_graphviz_it_says_so_and_draws_nothing(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    with caplog.at_level(logging.WARNING, logger="stackwright.diagram"):
        assert write_diagram(load(BLUEPRINTS[0]).spec, tmp_path) == []
    assert "Graphviz is not installed" in caplog.text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_ascii_drawing_shows_every_subnet_and_port(blueprint):
    spec = load(blueprint).spec
    plan = build_plan(spec)
    text = draw_ascii(build_layout(spec, plan))
    for subnet in plan.network.subnets:
        assert subnet.cidr in text and subnet.az in text
    for group in plan.security_groups:
        for rule in group.ingress:
            assert f":{rule.from_port}" in text
    widths = {len(line) for line in text.splitlines() if line.startswith("|")}
    assert len(widths) == 1, "the VPC frame's lines should all be the same width"


@needs_graphviz
def test_every_component_kind_gets_a_node(write_spec, tmp_path):
    spec = load(write_spec(EVERY_KIND)).spec
    kinds = {c.kind for c in spec.components.values()}
    assert len(kinds) == 18, "the spec should hold every component kind"
    nodes = node_ids(write_diagram(spec, tmp_path)[1].read_text(encoding="utf-8"))
    for name, component in spec.components.items():
        if component.kind not in COST_ONLY_KINDS:
            assert any(n.startswith(f"{slug(name)}--") for n in nodes), f"no node for {name} ({component.kind})"


REPORT_WIDTH_PX = 1152  # report.html's body: 1200 px at most, less 2 × 24 px padding; the SVG fills it
TIERS = ("Public subnet", "Private app subnet", "Private data subnet")


def cluster_boxes(svg_text: str) -> dict[str, tuple[float, float, float, float]]:
    """Each Graphviz cluster's label -> (left, right, top, bottom) of its outline, in SVG units."""
    root = ET.fromstring(svg_text.encode("utf-8"))
    boxes = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != "cluster":
            continue
        outline = g.find(f"{SVG}path")
        coords = outline.get("d") if outline is not None else g.find(f"{SVG}polygon").get("points")
        points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", coords)]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        boxes[g.find(f"{SVG}title").text.removeprefix("cluster_")] = (min(xs), max(xs), min(ys), max(ys))
    return boxes


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def shared(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How much of the shorter of two ranges the other one covers, 0 to 1."""
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) / min(a[1] - a[0], b[1] - b[0])


@needs_graphviz
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_availability_zones_stand_side_by_side_with_tiers_in_rows(drawn, blueprint):
    boxes = cluster_boxes(drawn[blueprint.stem][1].read_text(encoding="utf-8"))
    zones = sorted((box for name, box in boxes.items() if name.startswith("Availability Zone")),
                   key=lambda box: box[0])
    assert len(zones) >= 2
    for left, right in zip(zones, zones[1:]):
        assert left[1] <= right[0], "AZ columns overlap left to right"
        assert shared(left[2:], right[2:]) >= 0.8, "AZ columns are staggered, not side by side"
    subnets = {name: box for name, box in boxes.items() if name.startswith(TIERS)}
    tiers_by_zone = []
    for zone in zones:
        inside = sorted((box[2], name) for name, box in subnets.items() if zone[0] <= box[0] and box[1] <= zone[1])
        tiers_by_zone.append([next(t for t in TIERS if name.startswith(t)) for _, name in inside])
    assert all(tiers == tiers_by_zone[0] for tiers in tiers_by_zone), "AZs list their tiers in different orders"
    assert tiers_by_zone[0] == sorted(tiers_by_zone[0], key=TIERS.index), "tiers out of public, app, data order"
    for tier in tiers_by_zone[0]:
        rows = [box[2:] for name, box in subnets.items() if name.startswith(f"{tier} ")]
        assert len(rows) == len(zones)
        for row in rows[1:]:
            assert overlap(rows[0], row), f"{tier} subnets are not on one row across the AZs"


@needs_graphviz
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_labels_are_legible_at_report_width(drawn, blueprint):
    text = drawn[blueprint.stem][1].read_text(encoding="utf-8")
    width = float(re.search(r'<svg width="([\d.]+)pt"', text).group(1))
    smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', text))
    assert smallest * min(1.0, REPORT_WIDTH_PX / width) >= 11, f"{smallest} pt text on a {width} pt wide drawing"


def test_a_flow_between_a_box_and_a_whole_subnet_is_one_edge():
    spec = load(next(b for b in BLUEPRINTS if b.stem == "bowwow")).spec
    layout = build_layout(spec, build_plan(spec))
    clusters = {band.subnet.id: f"cluster {band.subnet.id}" for zone in layout.zones for band in zone.bands}
    edges = drawn_edges(layout, clusters)
    apps = [band for zone in layout.zones for band in zone.bands if band.subnet.tier == "app"]
    assert all(len(band.boxes) == 6 for band in apps)
    to_data = [e for e in edges if ":5432" in e[2]]
    assert len(to_data) == len(apps)  # one per AZ's app subnet, not one per service
    assert {e[3]["ltail"] for e in to_data} == {clusters[band.subnet.id] for band in apps}
    from_lb = [e for e in edges if e[0].startswith("alb--") and "lhead" in e[3]]
    assert len(from_lb) == len(apps) and all(":8080" in e[2] and ":8000" in e[2] for e in from_lb)
    assert len(edges) < len(layout.links) / 3


@needs_graphviz
def test_an_aborted_orthogonal_layout_is_drawn_with_straight_segments(monkeypatch, tmp_path, empty_user_cache):
    real, routed = subprocess.run, []

    def run(command, cwd, **kwargs):
        ortho = "splines=ortho" in (Path(cwd) / command[-1]).read_text(encoding="utf-8")
        routed.append(ortho)
        if ortho:  # as Graphviz 2.43's maze.c assertion does
            raise subprocess.CalledProcessError(-6, command)
        return real(command, cwd=cwd, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    png, svg = write_diagram(load(BLUEPRINTS[0]).spec, tmp_path)
    assert routed == [True, False]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and "<svg" in svg.read_text(encoding="utf-8")


@needs_graphviz
def test_a_graphviz_error_that_is_not_a_crash_is_not_retried(monkeypatch, tmp_path, empty_user_cache):
    calls = []

    def run(command, **kwargs):
        calls.append(command)
        raise subprocess.CalledProcessError(1, command)

    monkeypatch.setattr(subprocess, "run", run)
    with pytest.raises(subprocess.CalledProcessError):
        write_diagram(load(BLUEPRINTS[0]).spec, tmp_path)
    assert len(calls) == 1


def test_every_blueprint_has_its_diagram_committed_under_docs():
    """#17's hand-over: a rendered diagram of each bundled blueprint under docs/diagrams/, a real PNG (the
    test above checks that a drawing sets the availability zones side by side)."""
    import struct

    for blueprint in BLUEPRINTS:
        path = Path(__file__).resolve().parents[1] / "docs" / "diagrams" / f"{blueprint.stem}.png"
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", path
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 800 and height > 0, (path.name, width, height)  # legible at report width


def test_large_layouts_are_drawn_with_straight_edges_only(monkeypatch, tmp_path):
    """Past ORTHO_MAX_BOXES the orthogonal router is not tried (its maze takes hundreds of MB, then aborts)."""
    from stackwright.diagram import graph

    spec = load(BLUEPRINTS[0]).spec
    layout = build_layout(spec, build_plan(spec))
    tried: list[str] = []
    monkeypatch.setattr(graph, "_draw", lambda layout, base, formats, splines: tried.append(splines))
    graph.draw(layout, tmp_path / "d", ("svg",))
    monkeypatch.setattr(graph, "ORTHO_MAX_BOXES", len(layout.boxes()) - 1)
    graph.draw(layout, tmp_path / "d", ("svg",))
    assert tried == ["ortho", "polyline"]
