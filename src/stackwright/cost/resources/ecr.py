"""ECR: image storage (pulls inside the region are free)."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import Ecr
from stackwright.translatable import N_


def components(name: str, registry: Ecr, ctx) -> Iterator[CostComponent]:
    yield CostComponent("ecr", N_("Image storage"), "ecr/storage", registry.storage_gb, usage_based=True,
                        assumption=N_("%(gb)s GB of images") % {"gb": f"{registry.storage_gb:g}"})
