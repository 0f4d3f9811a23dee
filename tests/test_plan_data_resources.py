"""Databases and caches priced as the AWS resources their code declares: a read replica is an instance of its
own with its source's storage, an Aurora Serverless v2 instance bills its ACUs, a reservation comes from the
usage file, a replication group's member is priced with the group; and the spec's bill lists the same
resources at the generated code's addresses."""

import pytest
import yaml

from stackwright.importer import import_path, price_import
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

DATABASES = """
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 100
  storage_type      = "io1"
  iops              = 1000
}

resource "aws_db_instance" "reader" {
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t4g.large"
}

resource "aws_db_instance" "old" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 30
  storage_type      = "standard"
}

resource "aws_rds_cluster" "aurora" {
  engine       = "aurora-postgresql"
  storage_type = "aurora-iopt1"
  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 4
  }
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.aurora.id
  engine             = aws_rds_cluster.aurora.engine
  instance_class     = "db.serverless"
}
"""

USAGE = """
version: 0.1
resource_usage:
  aws_db_instance.main:
    purchase_option: reserved_1y
  aws_rds_cluster_instance.writer:
    capacity_units_per_hr: 2
"""


def lines(bill, address):
    return {item.component: item for item in bill.items if item.address == address}


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("databases")
    (folder / "main.tf").write_text(DATABASES, encoding="utf-8")
    (folder / "usage.yml").write_text(USAGE, encoding="utf-8")
    result = import_path(folder / "main.tf", folder / "usage.yml")
    return result, price_import(result)


def test_a_read_replica_is_an_instance_with_its_sources_storage(databases):
    result, bill = databases
    assert result.unsupported == []
    replica = lines(bill, "aws_db_instance.reader")
    assert set(replica) == {"Read replica (db.t4g.large, on demand)", "Storage (io1)", "Provisioned IOPS (io1)",
                            "Backup storage beyond the free allowance"}
    assert replica["Storage (io1)"].quantity == 100 and replica["Provisioned IOPS (io1)"].quantity == 1000
    assert replica["Read replica (db.t4g.large, on demand)"].sku == "rds/postgresql/single-az/db.t4g.large"


def test_the_usage_files_reservation_prices_the_instance_every_hour(databases):
    _, bill = databases
    (instance,) = [i for c, i in lines(bill, "aws_db_instance.main").items() if c.startswith("Database instance")]
    assert instance.sku == "rds/postgresql/single-az/ri-1y/db.t4g.medium"
    assert instance.quantity == 730 and instance.purchase_option == "reserved_1y"


def test_magnetic_storage_is_priced_under_the_codes_name_standard(databases):
    _, bill = databases
    assert lines(bill, "aws_db_instance.old")["Storage (magnetic)"].sku == "rds/mysql/single-az/storage/magnetic"


def test_a_serverless_v2_instance_bills_its_acus_at_its_clusters_rate(databases):
    _, bill = databases
    (capacity,) = lines(bill, "aws_rds_cluster_instance.writer").values()
    assert capacity.sku == "aurora/serverless-v2-io-optimized" and capacity.quantity == 2 * 730
    assert lines(bill, "aws_rds_cluster.aurora")["Storage (I/O-Optimized)"].sku == "aurora/storage-io-optimized"


def test_a_replication_group_member_is_priced_with_its_group_and_a_stray_one_is_not_priced(tmp_path):
    code = tmp_path / "main.tf"
    code.write_text("""
resource "aws_elasticache_replication_group" "g" {
  replication_group_id = "g"
  description          = "g"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 3
}

resource "aws_elasticache_cluster" "extra" {
  cluster_id           = "extra"
  replication_group_id = aws_elasticache_replication_group.g.id
}

resource "aws_elasticache_cluster" "stray" {
  cluster_id           = "stray"
  replication_group_id = "elsewhere"
}
""", encoding="utf-8")
    result = import_path(code, region="us-east-1")
    bill = price_import(result)
    assert [(i.address, i.quantity) for i in bill.items] == [("aws_elasticache_replication_group.g", 3 * 730)]
    assert [u.address for u in result.unsupported] == ["aws_elasticache_cluster.stray"]


SPEC = """
name: data-resources
region: us-east-1
components:
  db:
    kind: rds
    engine: postgresql
    instance_class: db.t4g.medium
    read_replicas: 2
    storage: {type: gp3, gb: 50}
  aurora: {kind: aurora_serverless_v2, engine: mysql, instances: 2, average_acu: 1.5, storage_gb: 30}
  sessions: {kind: elasticache, engine: valkey, node_type: cache.t4g.small, shards: 2, replicas_per_shard: 1,
             purchase_option: reserved_3y}
"""


def test_the_spec_bill_lists_each_planned_resource_at_its_generated_address():
    bill = price(Spec.model_validate(yaml.safe_load(SPEC)))
    addresses = {(i.resource, i.address, i.resource_type) for i in bill.items
                 if i.resource in ("db", "aurora", "sessions")}
    assert addresses == {
        ("db", "module.database.aws_db_instance.db", "aws_db_instance"),
        ("db", "module.database.aws_db_instance.db_replica_1", "aws_db_instance"),
        ("db", "module.database.aws_db_instance.db_replica_2", "aws_db_instance"),
        ("aurora", "module.database.aws_rds_cluster.aurora", "aws_rds_cluster"),
        ("aurora", "module.database.aws_rds_cluster_instance.aurora_1", "aws_rds_cluster_instance"),
        ("aurora", "module.database.aws_rds_cluster_instance.aurora_2", "aws_rds_cluster_instance"),
        ("sessions", "module.cache.aws_elasticache_replication_group.sessions", "aws_elasticache_replication_group"),
    }
    (nodes,) = [i for i in bill.items if i.resource == "sessions"]
    assert nodes.sku == "elasticache/valkey/ri-3y/cache.t4g.small" and nodes.quantity == 4 * 730
    capacity = [i for i in bill.items if i.resource_type == "aws_rds_cluster_instance"]
    assert [i.quantity for i in capacity] == [1.5 * 730] * 2
