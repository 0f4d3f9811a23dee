"""Draw a layout with AWS icons through mingrammer `diagrams` (Graphviz), and make the SVG self-contained."""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

from stackwright.diagram.layout import Box, Layout

GRAPH_ATTRS = {
    "splines": "spline",  # orthogonal edges cannot carry labels
    "pad": "0.4",
    "nodesep": "1.1",
    "concentrate": "true",  # merge parallel edges into bundles
    "ranksep": "0.9",
    "fontname": "Noto Sans",
    "fontsize": "18",
    "labelloc": "t",
}
NODE_ATTRS = {"fontname": "Noto Sans", "fontsize": "10"}
EDGE_ATTRS = {"fontname": "Noto Sans", "fontsize": "10", "fontcolor": "#37474F"}
TIER_COLOURS = {"public": "#E8F5E9", "app": "#E3F2FD", "data": "#FFF3E0"}
SUBNET_LABELS = {"public": "public subnet", "app": "private app subnet", "data": "private data subnet"}


def _icons() -> dict:
    from diagrams.aws import compute, database, general, management, network, security, storage

    return {
        "users": general.Users, "dns": network.Route53, "waf": security.WAF, "cdn": network.CloudFront,
        "bucket": storage.S3, "alb": network.ALB, "nat_gateway": network.NATGateway, "nat_instance": compute.EC2,
        "fargate": compute.Fargate, "ec2": compute.EC2Instance, "ec2_group": compute.EC2AutoScaling,
        "endpoint": network.Endpoint, "rds": database.RDS, "aurora": database.Aurora, "cache": database.ElastiCache,
        "ecr": compute.ECR, "secrets": security.SecretsManager, "cloudwatch": management.Cloudwatch,
        "igw": network.InternetGateway, "generic": general.General,
    }


def _one_layout_diagram():
    from diagrams import Diagram

    class OneLayout(Diagram):
        """mingrammer's Diagram runs Graphviz once per format; Graphviz can lay the graph out once and
        write every format from that one layout, which is most of the time on a large plan."""

        def render(self) -> None:
            source = Path(self.dot.save())
            formats = self.outformat if isinstance(self.outformat, list) else [self.outformat]
            subprocess.run(["dot", f"-K{self.dot.engine}", *(f"-T{f}" for f in formats), "-O", source.name],
                           cwd=source.parent, check=True, capture_output=True)

    return OneLayout


def draw(layout: Layout, base: Path, formats: tuple[str, ...]) -> None:
    """Write `base`.<format> for each format; node ids are the layout's box ids."""
    from diagrams import Cluster, Edge, Node

    Diagram = _one_layout_diagram()
    icons = _icons()

    def node(box: Box):
        label = "\n".join((box.label, *box.detail))
        return icons[box.icon](label, nodeid=box.id)

    nodes = {}
    title = f"{layout.name} ({layout.region})"
    with Diagram(title, filename=str(base), outformat=list(formats), show=False, direction="TB",
                 graph_attr=GRAPH_ATTRS, node_attr=NODE_ATTRS, edge_attr=EDGE_ATTRS):
        for box in layout.internet_side:
            nodes[box.id] = node(box)
        with Cluster(f"Region {layout.region}", graph_attr={"bgcolor": "#FAFAFA"}):
            with Cluster(f"VPC {layout.vpc_cidr}", graph_attr={"bgcolor": "#F1F8E9", "pencolor": "#558B2F"}):
                for box in layout.vpc_wide:
                    nodes[box.id] = node(box)
                for zone in layout.zones:
                    with Cluster(f"Availability Zone {zone.az}", graph_attr={"bgcolor": "#FFFFFF", "style": "dashed"}):
                        tops = []
                        for band in zone.bands:
                            subnet = band.subnet
                            label = f"{SUBNET_LABELS[subnet.tier]} {subnet.id} {subnet.cidr}"
                            with Cluster(label, graph_attr={"bgcolor": TIER_COLOURS[subnet.tier]}):
                                for box in band.boxes:
                                    nodes[box.id] = node(box)
                                if not band.boxes:  # Graphviz drops empty clusters; the subnet still exists
                                    tops.append(Node("(empty)", nodeid=f"{subnet.id}--empty", shape="plaintext"))
                                else:
                                    tops.append(nodes[band.boxes[0].id])
                        for upper, lower in zip(tops, tops[1:]):  # tiers top to bottom: public, app, data
                            upper >> Edge(style="invis") >> lower
            if layout.regional:
                with Cluster("Regional services", graph_attr={"bgcolor": "#F3E5F5"}):
                    for box in layout.regional:
                        nodes[box.id] = node(box)
        for link in layout.links:
            nodes[link.source] >> Edge(label=link.label) >> nodes[link.target]


_IMAGE_HREF = re.compile(r'xlink:href="([^"]+\.png)"')


def inline_icons(svg: str) -> str:
    """Replace each icon's absolute file path with a data: URI, so the SVG opens anywhere."""

    def data_uri(match: re.Match) -> str:
        png = Path(match.group(1)).read_bytes()
        return f'xlink:href="data:image/png;base64,{base64.b64encode(png).decode("ascii")}"'

    return _IMAGE_HREF.sub(data_uri, svg)
