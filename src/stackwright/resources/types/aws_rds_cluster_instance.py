"""Amazon Aurora instance: a provisioned instance's hours at the Aurora rate, 30% more on I/O-Optimized
clusters; a Serverless v2 instance's (`db.serverless`) average ACUs × 730 h (usage `capacity_units_per_hr`)."""

from stackwright.resources.helpers import required, text
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_db_instance import SERVERLESS_CLASS, aurora_instance, serverless_v2


def terraform(r, ctx):
    clusters = ctx.referenced(r.props.get("cluster_identifier"), "aws_rds_cluster")
    storage = clusters[0].get("storage_type") if clusters else None
    # its engine is its cluster's (often written as a reference to it)
    engine = text(clusters[0], "engine", default="aurora-mysql") if clusters else text(r, "engine", default="aurora-mysql")
    return {"engine": engine,
            "class": required(text(r, "instance_class"), "the instance class"),
            "io_optimized": storage == "aurora-iopt1"}


def components(resource, usage):
    a = resource.attrs
    if a["class"] == SERVERLESS_CLASS:
        yield serverless_v2("aurora", a["io_optimized"], usage)
        return
    yield aurora_instance("aurora", a["engine"], a["class"], a["io_optimized"])


register("aws_rds_cluster_instance", terraform=terraform, components=components,
         usage={"capacity_units_per_hr": UsageKey(0, "ACU", "average ACUs of a Serverless v2 (db.serverless) "
                                                           "instance")})
