"""Amazon Aurora provisioned instance: instance-hours at the Aurora rate, 30% more on I/O-Optimized
clusters (Serverless v2 instances, `db.serverless`, are priced with their cluster's ACUs)."""

from stackwright.resources.helpers import required, text
from stackwright.resources.registry import register
from stackwright.resources.types.aws_db_instance import aurora_instance


def terraform(r, ctx):
    clusters = ctx.referenced(r.props.get("cluster_identifier"), "aws_rds_cluster")
    storage = clusters[0].get("storage_type") if clusters else None
    return {"engine": text(r, "engine", default="aurora-mysql"),
            "class": required(text(r, "instance_class"), "the instance class"),
            "io_optimized": storage == "aurora-iopt1"}


def components(resource, usage):
    a = resource.attrs
    yield aurora_instance("aurora", a["engine"], a["class"], a["io_optimized"])


register("aws_rds_cluster_instance", terraform=terraform, components=components)
