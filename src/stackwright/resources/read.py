"""Turn a read IaC resource into a resource record through its cost module's reader for the dialect."""

from __future__ import annotations

from stackwright.importer.resources import IacResource, NotPriceable
from stackwright.resources.record import Resource, UsageValues
from stackwright.resources.registry import CostModule


def to_record(resource: IacResource, module: CostModule, ctx) -> tuple[Resource, UsageValues] | None:
    """`ctx` is the importer's MapContext: the region, references, and the usage file. None: as declared,
    the resource costs nothing (a stage without a cache, an SNS subscription delivering to SQS)."""
    cloudformation = resource.type.startswith("AWS::")
    reader = module.cloudformation if cloudformation else module.terraform
    if reader is None:
        raise NotPriceable(f"no {'CloudFormation' if cloudformation else 'Terraform'} reader for {module.type}")
    try:
        attrs = reader(resource, ctx)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        # an attribute of an unexpected shape (a word where a number belongs, a map for a list)
        raise NotPriceable(f"an attribute has a value {module.type} cannot take ({exc})") from None
    if attrs is None:
        return None
    record = Resource(module.type, resource.address, ctx.region, attrs, resource.location)
    return record, UsageValues(module, lambda key: ctx.usage_file.lookup(resource, key))
