"""Amazon MQ broker: broker instance-hours by engine and deployment mode (an ActiveMQ active/standby pair and a
3-node RabbitMQ cluster are priced as AWS lists them, per deployment), and the broker storage used (usage).

Price keys: mq/<activemq|rabbitmq>/<single-instance|active-standby|cluster>/<host instance type>;
mq/storage/<efs|ebs> (ActiveMQ stores on EFS unless `storage_type` is ebs; RabbitMQ always on EBS)."""

from stackwright.importer.resources import NotPriceable
from stackwright.resources.helpers import hourly, required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

MODES = {"SINGLE_INSTANCE": "single-instance", "ACTIVE_STANDBY_MULTI_AZ": "active-standby",
         "CLUSTER_MULTI_AZ": "cluster"}
NAMES = {"single-instance": N_("Broker (%(engine)s, single instance, %(type)s)"),
         "active-standby": N_("Broker (%(engine)s, active/standby, %(type)s)"),
         "cluster": N_("Broker (%(engine)s, 3-node cluster, %(type)s)")}


def components(resource, usage):
    a = resource.attrs
    names = {"engine": "RabbitMQ" if a["engine"] == "rabbitmq" else "ActiveMQ", "type": a["type"]}
    yield hourly("mq", NAMES[a["mode"]] % names, f"mq/{a['engine']}/{a['mode']}/{a['type']}")
    yield used("mq", N_("Broker storage"), f"mq/storage/{a['storage']}", usage, "storage_size_gb")


def read(engine, mode, type_, storage):
    engine = required(engine, "engine_type").lower()
    if engine not in ("activemq", "rabbitmq"):
        raise NotPriceable(f"engine_type {engine} is not ActiveMQ or RabbitMQ")
    mode = (mode or "SINGLE_INSTANCE").upper()
    if mode not in MODES:
        raise NotPriceable(f"deployment_mode {mode} is not one of {', '.join(MODES)}")
    on_ebs = engine == "rabbitmq" or (storage or "efs").lower() == "ebs"
    return {"engine": engine, "mode": MODES[mode], "type": required(type_, "host_instance_type"),
            "storage": "ebs" if on_ebs else "efs"}


register("aws_mq_broker", cloudformation_types="AWS::AmazonMQ::Broker", components=components,
         terraform=lambda r, ctx: read(text(r, "engine_type"), text(r, "deployment_mode"),
                                       text(r, "host_instance_type"), text(r, "storage_type")),
         cloudformation=lambda r, ctx: read(text(r, "EngineType"), text(r, "DeploymentMode"),
                                            text(r, "HostInstanceType"), text(r, "StorageType")),
         usage={"storage_size_gb": UsageKey(0, "GB", "broker storage used (GB-month)")})
