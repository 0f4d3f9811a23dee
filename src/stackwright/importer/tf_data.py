"""Terraform data sources whose value is knowable offline, from the region and the arguments alone.

`aws_availability_zones` gives the region's AZ names as stackwright's network plan knows them (the
zones an account can use, sorted as the EC2 API lists them); `aws_region` and `aws_partition` follow
from the region; `aws_caller_identity` is a placeholder account; `aws_iam_policy_document` renders its
statements. Any other data source is read at apply time: each attribute taken of it is unknown, and the
reason names the attribute, so a count over it says what made it unknowable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from stackwright.importer.resources import ResourceRef, first_unknown

PLACEHOLDER_ACCOUNT = "123456789012"


def offline_value(type_: str, address: str, props: dict, region: str) -> tuple[Any, str | None]:
    """The data source's attributes and a note on what was assumed (None when nothing was), or a
    reference whose attributes are unknown when the data source is read only at apply time."""
    reader = OFFLINE.get(type_)
    if reader is None:
        return ResourceRef(address), None
    unknown = first_unknown(props)
    if unknown is not None:
        return ResourceRef(address), None
    return reader(props, region)


def partition(region: str) -> tuple[str, str]:
    if region.startswith("cn-"):
        return "aws-cn", "amazonaws.com.cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov", "amazonaws.com"
    return "aws", "amazonaws.com"


def _availability_zones(props: dict, region: str) -> tuple[dict, str]:
    from stackwright.plan.network import availability_zones

    excluded = set(props.get("exclude_names") or [])
    names = sorted(z for z in availability_zones(region) if z not in excluded)
    return ({"id": region, "names": names, "state": props.get("state"), "group_names": [region]},
            f"the {len(names)} availability zones stackwright plans in {region} ({', '.join(names)})")


def _region(props: dict, region: str) -> tuple[dict, None]:
    name = props.get("name") or props.get("region") or region
    suffix = partition(name)[1]
    return {"id": name, "name": name, "region": name, "endpoint": f"ec2.{name}.{suffix}",
            "description": name}, None


def _partition(props: dict, region: str) -> tuple[dict, None]:
    name, suffix = partition(region)
    return {"id": name, "partition": name, "dns_suffix": suffix,
            "reverse_dns_prefix": ".".join(reversed(suffix.split(".")))}, None


def _caller_identity(props: dict, region: str) -> tuple[dict, str]:
    arn = f"arn:{partition(region)[0]}:iam::{PLACEHOLDER_ACCOUNT}:user/stackwright"
    return ({"id": PLACEHOLDER_ACCOUNT, "account_id": PLACEHOLDER_ACCOUNT, "arn": arn, "user_id": "AIDAPLACEHOLDER"},
            f"a placeholder account {PLACEHOLDER_ACCOUNT} (the real one is known only with credentials)")


def _policy_document(props: dict, region: str) -> tuple[dict, None]:
    statements = []
    for statement in props.get("statement") or []:
        rendered: dict[str, Any] = {}
        if statement.get("sid"):
            rendered["Sid"] = statement["sid"]
        rendered["Effect"] = statement.get("effect") or "Allow"
        for key, name in (("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
                          ("not_resources", "NotResource")):
            values = statement.get(key)
            if values:
                values = sorted(values)
                rendered[name] = values[0] if len(values) == 1 else values
        for key, name in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
            for principal in statement.get(key) or []:
                identifiers = sorted(principal.get("identifiers") or [])
                rendered.setdefault(name, {})[principal.get("type")] = (
                    identifiers[0] if len(identifiers) == 1 else identifiers)
        for condition in statement.get("condition") or []:
            values = condition.get("values") or []
            rendered.setdefault("Condition", {}).setdefault(condition.get("test"), {})[condition.get("variable")] = (
                values[0] if len(values) == 1 else values)
        statements.append(rendered)
    document = {"Version": props.get("version") or "2012-10-17", "Statement": statements}
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    return {"id": str(int(digest[:8], 16)),
            "json": json.dumps(document, indent=2), "minified_json": json.dumps(document, separators=(",", ":"))}, None


OFFLINE: dict[str, Callable[[dict, str], tuple[Any, str | None]]] = {
    "aws_availability_zones": _availability_zones,
    "aws_region": _region,
    "aws_partition": _partition,
    "aws_caller_identity": _caller_identity,
    "aws_iam_policy_document": _policy_document,
}
