"""Every resource type stackwright can find, verify and (on the local target) create itself."""

from stackwright.deploy.kinds import (certificates, data, ec2, ecs, edge, elbv2, iam, messaging, monitoring,
                                       operations, serverless, storage)
from stackwright.deploy.kinds.base import Difference, Kind, Resource, UnknownAttribute

KINDS: dict[str, Kind] = {
    kind.type: kind()
    for module in (ec2, elbv2, ecs, iam, data, storage, monitoring, edge, messaging, serverless, operations,
                   certificates)
    for kind in vars(module).values()
    if isinstance(kind, type) and issubclass(kind, Kind) and kind.__module__ == module.__name__
}

__all__ = ["KINDS", "Difference", "Kind", "Resource", "UnknownAttribute"]
