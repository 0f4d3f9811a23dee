"""Amazon EKS managed node group: EC2 instances at the desired size (the first instance type), and their
root volumes (20 GB gp2, EKS's default, unless a launch template decides)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import hourly, number, text, whole
from stackwright.resources.registry import register


def read(r, types, scaling, desired, minimum, capacity, disk, template):
    instance_types = r.get(types, default=None) or ["t3.medium"]
    count = whole(r, scaling, desired) if r.get(scaling, desired) is not None else whole(r, scaling, minimum, default=1)
    return {"type": str(instance_types[0]), "count": count, "spot": (text(r, capacity) or "").upper() == "SPOT",
            "disk_gb": None if r.get(template) is not None else number(r, disk, default=20)}


def components(resource, usage):
    a = resource.attrs
    label = f"Nodes ({a['type']})"
    if a["spot"]:
        yield CostComponent("ec2", label, f"ec2/ondemand/{a['type']}", a["count"] * 730,
                            unknown_reason="Spot is a market price the catalogue does not hold")
    else:
        yield hourly("ec2", label, f"ec2/ondemand/{a['type']}", a["count"], f"{a['count']} node(s) × 730 h")
    if a["disk_gb"]:
        yield CostComponent("ebs", "Node root volumes (gp2)", "ebs/gp2", a["disk_gb"] * a["count"],
                            assumption=f"{a['count']} node(s) × {a['disk_gb']:g} GB")


register("aws_eks_node_group", cloudformation_types="AWS::EKS::Nodegroup", components=components,
         terraform=lambda r, ctx: read(r, "instance_types", "scaling_config", "desired_size", "min_size",
                                       "capacity_type", "disk_size", "launch_template"),
         cloudformation=lambda r, ctx: read(r, "InstanceTypes", "ScalingConfig", "DesiredSize", "MinSize",
                                            "CapacityType", "DiskSize", "LaunchTemplate"))
