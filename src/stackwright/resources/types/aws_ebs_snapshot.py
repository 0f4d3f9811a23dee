"""Amazon EBS snapshot: storage of the snapshot, at most the source volume's size (the usage file can say less,
since snapshots are incremental)."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import NotPriceable
from stackwright.resources.registry import UsageKey, register


def terraform(r, ctx):
    volumes = ctx.referenced(r.props.get("volume_id"), "aws_ebs_volume")
    if not volumes:
        return {"gb": None}
    size = volumes[0].get("size")
    if size is None:
        raise NotPriceable("its volume's size is not set")
    return {"gb": float(size)}


def components(resource, usage):
    given = usage["monthly_snapshot_gb"] if resource.attrs["gb"] is None else None
    if given is not None:
        yield CostComponent("ebs", "Snapshot storage", "ebs/snapshot", float(given.value), usage_based=True,
                            assumption=f"volume not in this code; {given.assumption}")
        return
    gb = resource.attrs["gb"]
    yield CostComponent("ebs", "Snapshot storage", "ebs/snapshot", gb,
                        assumption=f"{gb:g} GB: the whole source volume (a first, full snapshot)")


register("aws_ebs_snapshot", terraform=terraform, components=components,
         usage={"monthly_snapshot_gb": UsageKey(0, "GB")})
