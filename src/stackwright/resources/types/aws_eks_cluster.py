"""Amazon EKS cluster: the control plane by the hour."""

from stackwright.resources.helpers import hourly
from stackwright.resources.registry import register


def components(resource, usage):
    yield hourly("eks", "EKS cluster control plane", "eks/cluster")


register("aws_eks_cluster", cloudformation_types="AWS::EKS::Cluster", terraform=lambda r, ctx: {},
         cloudformation=lambda r, ctx: {}, components=components)
