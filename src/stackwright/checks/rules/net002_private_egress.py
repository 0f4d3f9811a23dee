"""Workloads in private subnets need a way out: a NAT for the internet, VPC endpoints for AWS services."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    if any(True for _ in components(spec, "nat")):
        return
    private = [(name, c) for name, c in components(spec, "fargate_service", "worker", "ec2_asg", "ec2_instance")
               if not c.public_ip]
    for name, workload in private:
        # Unwritten, internet_egress follows the spec: with no nat, the workload is taken to call only AWS
        # services, which the plan reaches through VPC endpoints; a written `internet_egress: true` is a need.
        if "internet_egress" in workload.model_fields_set and workload.internet_egress:
            yield RULE.finding(("components", name),
                               N_("'%(name)s' runs in private subnets and the spec has no nat: it cannot reach the "
                                  "internet (third-party APIs, webhooks, package mirrors)") % {"name": name},
                               N_("add a nat component, set public_ip: true, or set internet_egress: false if it "
                                  "calls only AWS services"))


RULE = Rule(
    "NET002", "warning", "Private workloads without egress",
    "Without a NAT or endpoints, tasks cannot pull images, write logs or read secrets, and nothing can call the "
    "internet. The plan adds the VPC endpoints AWS services need, and the bill prices them.",
    "add a nat component or vpc_endpoint components",
    check,
)
