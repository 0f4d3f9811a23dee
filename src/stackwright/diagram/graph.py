"""Draw a layout with AWS icons through mingrammer `diagrams` (Graphviz), and make the SVG self-contained."""

from __future__ import annotations

import base64
import re
import subprocess
from collections.abc import Iterator
from functools import cache
from html import escape
from pathlib import Path

from stackwright.diagram import drawn_store
from stackwright.diagram.layout import Box, Layout

FONT = "Noto Sans,DejaVu Sans,sans-serif"  # the report's face first; SVG viewers fall back along the list
GRAPH_ATTRS = {
    "newrank": "true",  # rank=same rows may cross cluster borders: tiers line up across the AZ columns
    "pad": "0.3",
    "nodesep": "0.45",
    "ranksep": "0.5",
    "fontname": FONT,
    "fontsize": "22",
    "labelloc": "t",
    "compound": "true",  # an edge may end at a subnet's border (see drawn_edges)
}
# Each node is an HTML-like table, icon over its text lines, sized to what it holds (shape=plain).
NODE_ATTRS = {"fontname": FONT, "fontsize": "14", "shape": "plain", "fixedsize": "false"}
EDGE_ATTRS = {"fontname": FONT, "fontsize": "13", "fontcolor": "#37474F", "arrowsize": "0.8"}
CLUSTER_FONT = {"fontname": FONT, "fontsize": "15", "labeljust": "l"}
TIER_COLOURS = {"public": "#E8F5E9", "app": "#E3F2FD", "data": "#FFF3E0"}
SUBNET_LABELS = {"public": "Public subnet", "app": "Private app subnet", "data": "Private data subnet"}
ROW_WIDTH = 2  # boxes side by side in one subnet before another row starts: a wide plan stays legible
ICON_POINTS = 48


def _icons() -> dict:
    from diagrams.aws import compute, database, devtools, general, integration, management, network, security, storage

    return {
        "users": general.Users, "dns": network.Route53, "waf": security.WAF, "cdn": network.CloudFront,
        "bucket": storage.S3, "alb": network.ALB, "nat_gateway": network.NATGateway, "nat_instance": compute.EC2,
        "fargate": compute.Fargate, "ec2": compute.EC2Instance, "ec2_group": compute.EC2AutoScaling,
        "endpoint": network.Endpoint, "rds": database.RDS, "aurora": database.Aurora, "cache": database.ElastiCache,
        "ecr": compute.ECR, "secrets": security.SecretsManager, "cloudwatch": management.Cloudwatch,
        "igw": network.InternetGateway, "generic": general.General,
        "sqs": integration.SimpleQueueServiceSqs, "sns": integration.SimpleNotificationServiceSns,
        "lambda": compute.Lambda,
        "api_gateway": network.APIGateway, "dynamodb": database.Dynamodb, "cognito": security.Cognito,
        "kms": security.KMS, "xray": devtools.XRay, "cloudtrail": management.Cloudtrail,
        "flow_logs": network.VPCFlowLogs, "guardduty": security.Guardduty, "backup": storage.Backup,
        "parameters": management.SystemsManagerParameterStore, "cloud_map": network.CloudMap, "nlb": network.NLB,
    }


def _one_layout_diagram():
    from diagrams import Diagram

    class OneLayout(Diagram):
        """mingrammer's Diagram runs Graphviz once per format; Graphviz can lay the graph out once and
        write every format from that one layout, which is most of the time on a large plan."""

        def render(self) -> None:
            source = Path(self.dot.save())
            formats = self.outformat if isinstance(self.outformat, list) else [self.outformat]
            text, engine = source.read_bytes(), self.dot.engine
            outputs = drawn_store.drawn(text, engine, formats)  # drawn by an earlier run from the same source
            if outputs is None:
                subprocess.run(["dot", f"-K{engine}", *(f"-T{f}" for f in formats), "-O", source.name],
                               cwd=source.parent, check=True, capture_output=True)
                outputs = {f: Path(f"{source}.{f}").read_bytes() for f in formats}
                drawn_store.keep(text, engine, outputs)
            else:
                for format, data in outputs.items():
                    Path(f"{source}.{format}").write_bytes(data)

    return OneLayout


def _rows(boxes: tuple[Box, ...]) -> list[tuple[Box, ...]]:
    return [boxes[i:i + ROW_WIDTH] for i in range(0, len(boxes), ROW_WIDTH)] or [()]


def _label(box: Box, icon) -> str:
    """An HTML-like label: the icon, the name in bold, then the detail lines."""
    import diagrams

    path = Path(diagrams.__file__).parent.parent / icon._icon_dir / icon._icon  # as Node._load_icon finds it
    cells = [f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_POINTS}" HEIGHT="{ICON_POINTS}">'
             f'<IMG SRC="{escape(str(path))}" SCALE="TRUE"/></TD></TR>',
             f"<TR><TD><B>{escape(box.label)}</B></TD></TR>",
             *(f"<TR><TD>{escape(line)}</TD></TR>" for line in box.detail)]
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(cells)}</TABLE>>'


def drawn_edges(layout: Layout, clusters: dict[str, str]) -> list[tuple[str, str, str, dict]]:
    """(source, target, label, attributes) of each edge to draw. A flow between one box and every box of a
    subnet (an ALB to each service, each service to the database or the NAT) is one edge to or from the
    subnet's border, its ports joined: the boxes show their own ports, and a dozen parallel lines would not."""
    band_of: dict[str, tuple[str, tuple[str, ...]]] = {}  # box id -> (subnet id, ids of the subnet's boxes)
    for zone in layout.zones:
        for band in zone.bands:
            members = (band.subnet.id, tuple(b.id for b in band.boxes))
            for box in band.boxes:
                band_of[box.id] = members
    edges = []  # (source, target, label, attributes); lhead/ltail when an end is a subnet's border
    fan_out: dict[tuple[str, str], list] = {}
    for link in layout.links:
        if link.target in band_of:
            fan_out.setdefault((link.source, band_of[link.target][0]), []).append(link)
        else:
            edges.append((link.source, link.target, link.label, {}))
    for (source, subnet), links in fan_out.items():
        members = band_of[links[0].target][1]
        if len(members) > 1 and {link.target for link in links} == set(members):
            edges.append((source, members[0], _joined(e.label for e in links), {"lhead": clusters[subnet]}))
        else:
            edges.extend((link.source, link.target, link.label, {}) for link in links)
    fan_in: dict[tuple[str, str], list] = {}
    for edge in edges:
        source, target, _, attrs = edge
        where = band_of[source][0] if source in band_of else source
        fan_in.setdefault((where, attrs.get("lhead", target)), []).append(edge)
    drawn = []
    for (where, _), group in fan_in.items():
        members = band_of[group[0][0]][1] if group[0][0] in band_of else ()
        if len(members) > 1 and {source for source, *_ in group} == set(members):
            _, target, _, attrs = group[0]
            drawn.append((members[0], target, _joined(e[2] for e in group), {**attrs, "ltail": clusters[where]}))
        else:
            drawn.extend(group)
    return sorted(drawn, key=lambda edge: (edge[0], edge[1]))


def _joined(labels) -> str:
    ports = []
    for label in labels:
        ports += [p for p in label.split() if p not in ports]
    return " ".join(ports)


def _same_rank(ids: list[str]) -> str:
    return "{rank=same; " + " ".join(f'"{i}";' for i in ids) + "}"


# How edges are routed, best first. Graphviz's orthogonal router aborts on some layouts (maze.c
# "chkSgraph" assertion, Graphviz 2.43, with clusters under newrank); straight segments draw those.
ROUTINGS = ("ortho", "polyline")
# Above this many boxes straight segments only: the orthogonal router's maze grows far faster than the
# drawing (515 MB for 4,000 boxes, before the assertion above stops it) and mostly aborts on graphs that large.
ORTHO_MAX_BOXES = 400


def draw(layout: Layout, base: Path, formats: tuple[str, ...]) -> None:
    """Write `base`.<format> for each format; node ids are the layout's box ids."""
    routings = ROUTINGS if len(layout.boxes()) <= ORTHO_MAX_BOXES else ROUTINGS[1:]
    for attempt, splines in enumerate(routings, start=1):
        try:
            return _draw(layout, base, formats, splines)
        except subprocess.CalledProcessError as error:
            if error.returncode >= 0 or attempt == len(routings):  # not a crash, or nothing left to try
                raise


def _draw(layout: Layout, base: Path, formats: tuple[str, ...], splines: str) -> None:
    """Draw the layout with edges routed as `splines` (orthogonal edges take external labels, xlabel).

    As AWS's reference architectures: users and the edge services on top, outside the Region; in the
    VPC one column per AZ and one aligned row per subnet tier (public, app, data); the regional
    services below the VPC. Graphviz is told the rows (rank=same) and their order (invisible edges).
    """
    from diagrams import Cluster, Node

    Diagram = _one_layout_diagram()
    icons = _icons()
    rows: list[list[str]] = []  # node ids of each aligned row, top to bottom
    clusters: dict[str, str] = {}  # subnet id -> its Graphviz cluster's name

    def node(box: Box):
        return icons[box.icon](_label(box, icons[box.icon]), nodeid=box.id, image="", shape="plain",
                               width="0", height="0")  # as small as the label table

    title = f"{layout.name} ({layout.region})"
    with Diagram(title, filename=str(base), outformat=list(formats), show=False, direction="TB",
                 graph_attr={**GRAPH_ATTRS, "splines": splines}, node_attr=NODE_ATTRS,
                 edge_attr=EDGE_ATTRS) as diagram:
        users = [b for b in layout.internet_side if b.icon == "users"]
        edge_services = [b for b in layout.internet_side if b.icon != "users"]
        for box in layout.internet_side:
            node(box)
        rows.append([b.id for b in users])
        if edge_services:
            rows.append([b.id for b in edge_services])
        with Cluster(f"Region {layout.region}", graph_attr={"bgcolor": "#FAFAFA", "pencolor": "#147EBA",
                                                            **CLUSTER_FONT}):
            with Cluster(f"VPC {layout.vpc_cidr}", graph_attr={"bgcolor": "#F1F8E9", "pencolor": "#558B2F",
                                                               **CLUSTER_FONT}):
                for box in layout.vpc_wide:
                    node(box)
                if layout.vpc_wide:
                    rows.append([b.id for b in layout.vpc_wide])
                tiers = [band.subnet.tier for band in layout.zones[0].bands] if layout.zones else []
                grid: dict[tuple[str, int], list[str]] = {}  # (tier, row within the tier) -> ids, AZ by AZ
                for zone in layout.zones:
                    with Cluster(f"Availability Zone {zone.az}",
                                 graph_attr={"bgcolor": "#FFFFFF", "style": "dashed", "pencolor": "#147EBA",
                                             **CLUSTER_FONT}):
                        for band in zone.bands:
                            subnet = band.subnet
                            label = f"{SUBNET_LABELS[subnet.tier]} {subnet.cidr}"
                            with Cluster(label, graph_attr={"bgcolor": TIER_COLOURS[subnet.tier],
                                                            **CLUSTER_FONT}) as cluster:
                                clusters[subnet.id] = cluster.name
                                for index, boxes in enumerate(_rows(band.boxes)):
                                    ids = [b.id for b in boxes]
                                    for box in boxes:
                                        node(box)
                                    if not boxes:  # Graphviz drops empty clusters; the subnet still exists
                                        ids = [f"{subnet.id}--empty"]  # as tall as a box: the tier's row lines up
                                        Node("(no resources)", nodeid=ids[0], shape="plaintext", height="1.4",
                                             labelloc="c")
                                    for left, right in zip(ids, ids[1:]):  # keep the row's order
                                        diagram.dot.edge(left, right, style="invis")
                                    grid.setdefault((subnet.tier, index), []).append(ids)
                for (tier, _), columns in sorted(grid.items(), key=lambda item: (tiers.index(item[0][0]),
                                                                                   item[0][1])):
                    rows.append([i for ids in columns for i in ids])
            if layout.regional:
                with Cluster("Regional services", graph_attr={"bgcolor": "#F3E5F5", **CLUSTER_FONT}):
                    for box in layout.regional:
                        node(box)
                rows.append([b.id for b in layout.regional])
        for source, target, label, attrs in drawn_edges(layout, clusters):
            diagram.dot.edge(source, target, xlabel=label, **attrs)
        for upper, lower in zip(rows, rows[1:]):  # rows top to bottom
            diagram.dot.edge(upper[0], lower[0], style="invis", weight="0")
        for ids in rows:
            diagram.dot.body.append(_same_rank(ids))


_IMAGE_HREF = re.compile(r'xlink:href="([^"]+\.png)"')


def inline_icons(svg: str) -> str:
    """Replace each icon's absolute file path with a data: URI, so the SVG opens anywhere."""
    return "".join(inlined_pieces(svg))


def inlined_pieces(svg: str) -> Iterator[str]:
    """`inline_icons(svg)` piece by piece: a large plan's SVG is a few megabytes drawn, tens once each of its
    thousands of icons is inlined, and written or embedded it need not be held whole."""
    position = 0
    for match in _IMAGE_HREF.finditer(svg):
        yield svg[position:match.start()]
        yield _data_uri(match.group(1))
        position = match.end()
    yield svg[position:]


@cache  # by icon file: a large plan draws the same few icons thousands of times
def _data_uri(path: str) -> str:
    return f'xlink:href="data:image/png;base64,{base64.b64encode(Path(path).read_bytes()).decode("ascii")}"'
