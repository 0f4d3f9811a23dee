"""A Cloud Map namespace nobody registers in answers no name."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    services = [name for name, _ in components(spec, "fargate_service")]
    for name, discovery in components(spec, "service_discovery"):
        if not (discovery.services or services):
            yield RULE.finding(("components", name),
                               N_("'%(name)s' registers every Fargate service, and the spec has none: namespace "
                                  "%(namespace)s answers no name") % {"name": name, "namespace": discovery.namespace},
                               N_("add a fargate_service component, or remove service_discovery"))


RULE = Rule(
    "OPS003", "warning", "Service discovery without services",
    "Cloud Map names ECS tasks that register in it; only fargate_service components register here, so "
    "without one the namespace (and its billed hosted zone) holds nothing.",
    "add a fargate_service or remove the service_discovery component",
    check,
)
