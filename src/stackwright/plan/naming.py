"""Names the plan gives things: element ids, AWS resource names, environment variable names."""

from __future__ import annotations

import re
from functools import lru_cache

from stackwright.plan.model import Arch


def stack_name(spec_name: str) -> str:
    """The CloudFormation stack `stackwright deploy` makes for a spec unless told another name."""
    return f"stackwright-{slug(spec_name)}"[:128]


@lru_cache(maxsize=4096)  # every build of a plan slugs the same component names again
def slug(text: str) -> str:
    """Lower-case words joined by single hyphens: the form of every plan id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def env_name(component: str) -> str:
    """A component name as an environment variable prefix: `user-db` -> `USER_DB`."""
    name = re.sub(r"[^A-Z0-9]+", "_", component.upper()).strip("_") or "X"
    return name if name[0].isalpha() else f"C_{name}"


def resource_name(*parts: str, limit: int) -> str:
    """An AWS name of at most `limit` characters that starts with a letter and ends with none of `-`."""
    name = slug("-".join(parts))
    if not name[0].isalpha():
        name = f"x-{name}"
    return name[:limit].rstrip("-")


def database_name(spec_name: str) -> str:
    """The initial database: letters and digits only, starting with a letter (both engines accept it)."""
    name = re.sub(r"[^a-z0-9]", "", spec_name.lower())
    return (name if name[:1].isalpha() else f"db{name}")[:63]


# Graviton families carry a "g" after the generation digit: t4g, m7gd, c6gn, im4gn, hpc7g.
_GRAVITON = re.compile(r"^[a-z]+\d+[a-z]*g[a-z]*$")


def machine_image_parameter(arch: Arch) -> str:
    """The id of the AMI parameter for `arch`, shared by every instance of that architecture."""
    return f"machine-image-{arch.replace('_', '-')}"


def instance_arch(instance_type: str) -> Arch:
    family = instance_type.split(".")[-2] if instance_type.count(".") >= 1 else instance_type
    return "arm64" if _GRAVITON.match(family) else "x86_64"


def replica_id(database_id: str, number: int) -> str:
    """The id the generated code's read replica `number` of a database stands for (its usage is keyed by it)."""
    return f"{database_id}-replica-{number}"


def member_id(cluster_id: str, index: int) -> str:
    """The id the generated code's instance `index` of an Aurora cluster stands for."""
    return f"{cluster_id}-{index}"
