"""Wall time of importing and pricing a generated 500-resource Terraform project (target: under 3 s).

The project mixes what real code holds: variables with tfvars, locals, count and for_each, services with
task definitions and autoscaling targets, databases, caches, load balancers, the vpc module, alarms,
log groups, buckets and the free plumbing (subnets, security groups, IAM). Each run is a fresh
interpreter, start-up included, as a CLI call would be; the best of RUNS is printed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
SERVICES = 60  # each: task definition, service, autoscaling target, security group, log group, alarm
RUN_IMPORT = """
import sys
from stackwright.importer import import_path, price_import
result = import_path(sys.argv[1])
bill = price_import(result)
print(len(result.priced_as) + len(result.free) + len(result.unsupported), bill.total)
"""


def service(i: int) -> str:
    return f'''
resource "aws_ecs_task_definition" "svc{i}" {{
  family                   = "${{local.name}}-svc{i}"
  requires_compatibilities = ["FARGATE"]
  cpu                      = var.task_cpu
  memory                   = var.task_memory
}}

resource "aws_ecs_service" "svc{i}" {{
  name            = "svc{i}"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.svc{i}.arn
  desired_count   = local.is_prod ? 2 : 1
  capacity_provider_strategy {{
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }}
  capacity_provider_strategy {{
    capacity_provider = "FARGATE_SPOT"
    weight            = {1 + i % 4}
  }}
}}

resource "aws_appautoscaling_target" "svc{i}" {{
  service_namespace  = "ecs"
  resource_id        = "service/${{aws_ecs_cluster.main.name}}/${{aws_ecs_service.svc{i}.name}}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = 2
  max_capacity       = 10
}}

resource "aws_security_group" "svc{i}" {{
  name = "svc{i}"
  ingress {{
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }}
}}

resource "aws_cloudwatch_log_group" "svc{i}" {{
  name              = "/ecs/svc{i}"
  retention_in_days = var.log_days
}}

resource "aws_cloudwatch_metric_alarm" "svc{i}_cpu" {{
  alarm_name  = "svc{i}-cpu"
  metric_name = "CPUUtilization"
  threshold   = 80
}}
'''


def project() -> dict[str, str]:
    """File name -> text: 500 resources once count and for_each are expanded."""
    main = ['''
provider "aws" {
  region = var.region
}

resource "aws_ecs_cluster" "main" {
  name = local.name
}

resource "aws_security_group" "lb" {
  name = "lb"
}

resource "aws_lb" "main" {
  subnets = aws_subnet.public[*].id
}

module "vpc" {
  source             = "terraform-aws-modules/vpc/aws"
  azs                = var.azs
  private_subnets    = [for i, az in var.azs : cidrsubnet(var.cidr, 8, i)]
  enable_nat_gateway = true
  single_nat_gateway = !local.is_prod
}
''']
    main += [service(i) for i in range(SERVICES)]
    data = ['''
resource "aws_subnet" "public" {
  count             = length(var.azs)
  cidr_block        = cidrsubnet(var.cidr, 8, 100 + count.index)
  availability_zone = var.azs[count.index]
}

resource "aws_db_instance" "db" {
  for_each          = toset(["orders", "users", "catalog"])
  engine            = "postgres"
  instance_class    = local.is_prod ? "db.t4g.medium" : "db.t4g.micro"
  allocated_storage = 50
  storage_type      = "gp3"
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_s3_bucket" "data" {
  count  = 40
  bucket = "${local.name}-data-${count.index}"
}

resource "aws_s3_bucket_versioning" "data" {
  count  = 40
  bucket = aws_s3_bucket.data[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_secretsmanager_secret" "app" {
  for_each = toset([for i in range(19) : "secret-${i}"])
  name     = each.key
}

resource "aws_iam_role" "task" {
  count              = 30
  name               = "task-${count.index}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
''']
    variables = '''
variable "region" {
  default = "us-east-1"
}
variable "environment" {
  default = "staging"
}
variable "azs" {
  default = ["us-east-1a", "us-east-1b", "us-east-1c"]
}
variable "cidr" {
  default = "10.0.0.0/16"
}
variable "task_cpu" {
  default = 512
}
variable "task_memory" {
  default = 1024
}
variable "log_days" {
  type    = number
  default = 14
}
locals {
  is_prod = var.environment == "production"
  name    = "bench-${var.environment}"
}
'''
    return {"main.tf": "".join(main), "data.tf": "".join(data), "variables.tf": variables,
            "terraform.tfvars": 'environment = "production"\n'}


def wall_time(directory: Path) -> tuple[float, str]:
    best, output = float("inf"), ""
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", RUN_IMPORT, str(directory)], check=True, capture_output=True,
                              text=True)
        best = min(best, time.perf_counter() - start)
        output = done.stdout.split()
    return best, output


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for name, text in project().items():
            (directory / name).write_text(text, encoding="utf-8")
        seconds, (resources, total) = wall_time(directory)
    print(f"import + cost of a generated Terraform project with {resources} resources: "
          f"{seconds:.3f} s (best of {RUNS} cold runs; target < 3 s), total ${float(total):,.2f}/month")


if __name__ == "__main__":
    main()
