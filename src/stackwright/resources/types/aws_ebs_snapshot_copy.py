"""Amazon EBS snapshot copy: priced as a snapshot of the source volume."""

from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_ebs_snapshot import components, terraform

register("aws_ebs_snapshot_copy", terraform=terraform, components=components,
         usage={"monthly_snapshot_gb": UsageKey(0, "GB")})
