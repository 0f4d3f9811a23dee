"""Amazon RDS cross-Region automated backups: the replicated backups are stored in this resource's Region (the
destination), billed at that Region's RDS backup storage rate for all of their size (the free allowance is the
source database's, in its own Region). Usage: backup_storage_gb, default 0.

The inter-Region transfer of the replicated data (usage monthly_transfer_gb) is billed by the source Region at
its rate to this one (`data_transfer/inter-region-from/<source>` in this Region's prices); the source Region is
read from source_db_instance_arn (an ARN, or the database it refers to). Where it cannot be known, the transfer
is listed as not priced with why, never $0."""

import re

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

ARN_REGION = re.compile(r"^arn:aws[a-z-]*:rds:(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+):")


def components(resource, usage):
    yield used("rds", N_("Replicated backup storage"), "backup/rds", usage, "backup_storage_gb")
    transfer = usage["monthly_transfer_gb"]
    if float(transfer.value) > 0:
        source = resource.attrs.get("source_region")
        unknown = None
        if source is None:
            unknown = ("the source database's Region is not known from the code (source_db_instance_arn is neither an "
                       "ARN nor a database the code declares)")
        elif source == resource.region:
            unknown = f"the source database is in this Region ({source}); automated backups replicate across Regions"
        yield CostComponent("rds", N_("Inter-Region transfer of replicated backups"),
                            f"data_transfer/inter-region-from/{source}", float(transfer.value), usage_based=True,
                            assumption=transfer.assumption, unknown_reason=unknown)


def terraform(r, ctx) -> dict:
    """The source database's Region: the ARN's, or that of the aws_db_instance it refers to."""
    arn = r.get("source_db_instance_arn")
    found = ARN_REGION.match(arn) if isinstance(arn, str) else None
    if found:
        return {"source_region": found["region"]}
    databases = ctx.referenced(r.props.get("source_db_instance_arn"), "aws_db_instance")
    regions = {database.region or ctx.region for database in databases}
    return {"source_region": regions.pop() if len(regions) == 1 else None}


register("aws_db_instance_automated_backups_replication", components=components, terraform=terraform,
         usage={"backup_storage_gb": UsageKey(0, "GB", "replicated automated backups stored in this Region"),
                "monthly_transfer_gb": UsageKey(0, "GB", "backup data replicated from the source Region a month")})
