"""Amazon Redshift provisioned cluster: node-hours (RA3 managed storage is usage not priced here)."""

from stackwright.resources.helpers import hourly, required, text, whole
from stackwright.resources.registry import register


def components(resource, usage):
    a = resource.attrs
    yield hourly("redshift", f"Nodes ({a['type']})", f"redshift/{a['type']}", a["nodes"], f"{a['nodes']} node(s) × 730 h")


register("aws_redshift_cluster", cloudformation_types="AWS::Redshift::Cluster", components=components,
         terraform=lambda r, ctx: {"type": required(text(r, "node_type"), "the node type"),
                                   "nodes": whole(r, "number_of_nodes", default=1)},
         cloudformation=lambda r, ctx: {"type": required(text(r, "NodeType"), "the node type"),
                                        "nodes": whole(r, "NumberOfNodes", default=1)})
