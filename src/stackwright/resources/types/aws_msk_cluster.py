"""Amazon MSK (provisioned) cluster: broker-hours and broker storage."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import hourly, number, required, text, whole
from stackwright.resources.registry import register


def components(resource, usage):
    a = resource.attrs
    yield hourly("msk", f"Brokers ({a['type']})", f"msk/{a['type']}", a["brokers"], f"{a['brokers']} broker(s) × 730 h")
    yield CostComponent("msk", "Broker storage", "msk/storage", a["gb"] * a["brokers"],
                        assumption=f"{a['brokers']} broker(s) × {a['gb']:g} GB")


register("aws_msk_cluster", cloudformation_types="AWS::MSK::Cluster", components=components,
         terraform=lambda r, ctx: {
             "type": required(text(r, "broker_node_group_info", "instance_type"), "the broker instance type"),
             "brokers": required(whole(r, "number_of_broker_nodes"), "number_of_broker_nodes"),
             "gb": number(r, "broker_node_group_info", "storage_info", "ebs_storage_info", "volume_size",
                          default=number(r, "broker_node_group_info", "ebs_volume_size", default=1000))},
         cloudformation=lambda r, ctx: {
             "type": required(text(r, "BrokerNodeGroupInfo", "InstanceType"), "the broker instance type"),
             "brokers": required(whole(r, "NumberOfBrokerNodes"), "NumberOfBrokerNodes"),
             "gb": number(r, "BrokerNodeGroupInfo", "StorageInfo", "EBSStorageInfo", "VolumeSize", default=1000)})
