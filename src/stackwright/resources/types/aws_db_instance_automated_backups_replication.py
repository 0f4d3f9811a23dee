"""Amazon RDS cross-Region automated backups: the replicated backups are stored in this resource's Region (the
destination), billed at that Region's RDS backup storage rate for all of their size (the free allowance is the
source database's, in its own Region). Usage: backup_storage_gb, default 0.

The inter-Region transfer of the replicated data is billed by the source Region at its rate to this one, which
the catalogue does not have: declared with monthly_transfer_gb, it is listed as not priced, never $0."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield used("rds", N_("Replicated backup storage"), "backup/rds", usage, "backup_storage_gb")
    transfer = usage["monthly_transfer_gb"]
    if float(transfer.value) > 0:
        yield CostComponent("rds", N_("Inter-Region transfer of replicated backups"), "data_transfer/inter-region",
                            float(transfer.value), usage_based=True, assumption=transfer.assumption,
                            unknown_reason="inter-Region data transfer rates are not in the catalogue")


register("aws_db_instance_automated_backups_replication", components=components, terraform=lambda r, ctx: {},
         usage={"backup_storage_gb": UsageKey(0, "GB", "replicated automated backups stored in this Region"),
                "monthly_transfer_gb": UsageKey(0, "GB", "backup data replicated from the source Region a month")})
