"""Wall time of importing and pricing a generated 500-resource Terraform project (target: under 3 s), and of
500 resources in 50 instances of a local module (target: under 1 s, memory per instance flat).

The project mixes what real code holds: variables with tfvars, locals, count and for_each, services with
task definitions and autoscaling targets, databases, caches, load balancers, the vpc module, alarms,
log groups, buckets and the free plumbing (subnets, security groups, IAM). Each run is a fresh
interpreter, start-up included, as a CLI call would be; the median of RUNS is printed, wall time and CPU
seconds (user + system: the figure to compare on a shared machine). The module project is also run as
the CLI itself (`python -m stackwright import DIR --format json`). Fresh processes may write and read
bytecode (in a scratch PYTHONPYCACHEPREFIX), as an installed package has it, whatever the environment says.
"""

from __future__ import annotations

import os
import resource
import statistics
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


def _environment(cache: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"PYTHONPYCACHEPREFIX": cache}


def timed(command: list[str]) -> tuple[float, float, list[str]]:
    """Median wall time and median CPU seconds of RUNS fresh processes (after one to write bytecode),
    and the last one's output words."""
    walls, cpus, output = [], [], []
    with tempfile.TemporaryDirectory() as cache:
        environment = _environment(cache)
        subprocess.run(command, check=True, capture_output=True, env=environment)
        for _ in range(RUNS):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            output = done.stdout.split()
    return statistics.median(walls), statistics.median(cpus), output


def wall_time(directory: Path) -> tuple[float, float, list[str]]:
    return timed([sys.executable, "-c", RUN_IMPORT, str(directory)])


MODULE_RESOURCES = 10  # resources each instance of the service module declares


def module_project(instances: int) -> dict[str, str]:
    """File name -> text: one local module of MODULE_RESOURCES resources called `instances` times with
    for_each, as `terraform init` records it in .terraform/modules/modules.json."""
    body = service(0).replace("${local.name}-svc0", "${var.name}").replace("svc0", "this")
    for old, new in (("var.task_cpu", "var.cpu"), ("var.task_memory", "1024"), ("aws_ecs_cluster.main.id", "var.cluster"),
                     ("aws_ecs_cluster.main.name", "var.cluster"), ("local.is_prod ? 2 : 1", "var.desired"),
                     ("aws_security_group.lb.id", "var.lb_sg"), ("var.log_days", "14")):
        body = body.replace(old, new)
    parameters = "".join(
        f'\nresource "aws_ssm_parameter" "p{j}" {{\n  name  = "/${{var.name}}/p{j}"\n  type  = "String"\n'
        f'  value = var.name\n}}\n' for j in range(MODULE_RESOURCES - 6))
    variables = "".join(f'variable "{name}" {{\n  type = {kind}\n}}\n' for name, kind in (
        ("name", "string"), ("cpu", "number"), ("desired", "number"), ("cluster", "string"), ("lb_sg", "string")))
    module = variables + 'output "service" {\n  value = aws_ecs_service.this.name\n}\n' + body + parameters
    root = (
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        'resource "aws_ecs_cluster" "main" {\n  name = "bench"\n}\n'
        'resource "aws_security_group" "lb" {\n  name = "lb"\n}\n'
        'module "svc" {\n  source   = "./modules/svc"\n'
        f'  for_each = {{ for i in range({instances}) : "svc${{i}}" => {{ cpu = i % 2 == 0 ? 256 : "512", '
        'desired = 1 + i % 3 } }\n'
        '  name     = each.key\n  cpu      = each.value.cpu\n  desired  = each.value.desired\n'
        '  cluster  = aws_ecs_cluster.main.name\n  lb_sg    = aws_security_group.lb.id\n}\n'
    )
    manifest = ('{"Modules":[{"Key":"","Source":"","Dir":"."},'
                '{"Key":"svc","Source":"./modules/svc","Dir":"modules/svc"}]}')
    return {"main.tf": root, "modules/svc/main.tf": module, ".terraform/modules/modules.json": manifest}


def write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")


def in_process(directory: Path) -> float:
    from stackwright.importer import import_path

    start = time.perf_counter()
    import_path(directory)
    return time.perf_counter() - start


def module_memory(instances: int) -> tuple[float, int]:
    """Peak Python memory (MiB) of importing the module project in this process, and its resources."""
    import tracemalloc

    from stackwright.importer import import_path

    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), module_project(instances))
        tracemalloc.start()
        result = import_path(tmp)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 2 ** 20, len(result.priced_as) + len(result.free) + len(result.unsupported)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for name, text in project().items():
            (directory / name).write_text(text, encoding="utf-8")
        seconds, cpu, (resources, total) = wall_time(directory)
    print(f"import + cost of a generated Terraform project with {resources} resources: {seconds:.3f} s wall, "
          f"{cpu:.3f} s CPU (median of {RUNS} cold runs; target < 3 s), total ${float(total):,.2f}/month")
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), module_project(50))
        seconds, cpu, (resources, total) = wall_time(Path(tmp))
        print(f"import + cost of {resources} resources in 50 module instances: {seconds:.3f} s wall, {cpu:.3f} s "
              f"CPU (median of {RUNS} cold runs; target < 1 s), total ${float(total):,.2f}/month")
        seconds, cpu, _ = timed([sys.executable, "-m", "stackwright", "import", tmp, "--format", "json"])
        print(f"  as the CLI, `stackwright import DIR --format json`: {seconds:.3f} s wall, {cpu:.3f} s CPU "
              f"(median of {RUNS} cold runs)")
        times = sorted(in_process(Path(tmp)) for _ in range(RUNS))
    print(f"  of which the import itself (read + map, in process, warm): median {times[RUNS // 2]:.3f} s")
    module_memory(1)  # warm: the first import loads the importer's modules
    previous = None
    for instances in (10, 50, 100, 200):
        peak, resources = module_memory(instances)
        growth = "" if previous is None else \
            f", {(peak - previous[1]) * 1024 / (instances - previous[0]):.1f} KiB per added instance"
        print(f"  {instances:>3} module instances ({resources} resources): peak {peak:.1f} MiB{growth}")
        previous = (instances, peak)


if __name__ == "__main__":
    main()
