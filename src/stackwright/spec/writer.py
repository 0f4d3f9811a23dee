"""Write a Spec back to YAML that `stackwright validate` and `cost` accept (defaults left out)."""

from __future__ import annotations

import yaml

from stackwright.spec.model import Spec


class _Dumper(yaml.SafeDumper):
    """Block style, keys in model order, no aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump_spec(spec: Spec, header: str = "") -> str:
    data = spec.model_dump(mode="json", exclude_defaults=True)
    data = {"name": spec.name, "region": spec.region, **data}  # always explicit, first
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + text
