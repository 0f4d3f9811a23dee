"""Plan elements of the public_ipv4 kind: the Elastic IPs a spec keeps beyond those its other resources hold
(NAT gateways, load balancers and public instances price their own addresses). Each is allocated in the
VPC; one `in_use` is attached by the team to something the plan does not make, the others stay idle."""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.plan.naming import slug
from stackwright.spec import model as spec_model


@dataclass(frozen=True)
class ElasticIp:
    id: str
    component: str
    key: str  # its key among the component's addresses: in-use-1, idle-1
    in_use: bool  # attached to something outside the plan; else allocated and idle


def addresses(component: spec_model.PublicIpv4) -> list[tuple[str, bool]]:
    """(key, in use) of a public_ipv4 component's addresses: those in use, then the idle ones."""
    return ([(f"in-use-{i}", True) for i in range(1, component.in_use + 1)]
            + [(f"idle-{i}", False) for i in range(1, component.idle + 1)])


def build(spec: spec_model.Spec) -> tuple[ElasticIp, ...]:
    """The spec's public_ipv4 components' addresses, in spec order."""
    return tuple(ElasticIp(f"{slug(name)}-{key}", name, key, in_use)
                 for name, component in spec.components.items() if isinstance(component, spec_model.PublicIpv4)
                 for key, in_use in addresses(component))
