"""service_discovery: the namespace's hosted zone, and per registered service its instances (the tasks)
and the DNS lookups of it."""

from __future__ import annotations

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.plan.operations import DNS_TTL_SECONDS, Namespace, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def records(name, component, ctx):
    services = {s.id: s for s in ctx.plan.services}
    for namespace in of_type(ctx.plan, Namespace, name):
        yield planned(ctx, "aws_service_discovery_private_dns_namespace", namespace.id, {})
        registered = [services[s] for s in namespace.services]
        tasks = {s.id: s.spec.tasks.desired for s in ctx.plan.services}
        callers = sum(tasks.values())
        for service in registered:
            if component.instances is not None:
                instances = UsageValue(component.instances / len(registered), N_(
                    "instances %(count)s ÷ %(services)s service(s)") % {"count": component.instances,
                                                                       "services": len(registered)})
            else:
                instances = UsageValue(tasks[service.id], N_("%(tasks)s desired task(s) of %(service)s") % {
                    "tasks": tasks[service.id], "service": service.component})
            yield planned(ctx, "aws_service_discovery_service", f"{namespace.id}-{service.id}", {}, {
                              "registered_instances": instances,
                              "monthly_discovery_api_calls": UsageValue(0, N_("found through DNS, not the API")),
                              "monthly_dns_queries": _queries(component, len(registered), callers)})


def _queries(component, services: int, tasks: int) -> UsageValue:
    if component.queries_million_per_month is not None:
        return UsageValue(component.queries_million_per_month * 1e6 / services, N_(
            "queries_million_per_month %(queries)s ÷ %(services)s service(s)") % {
            "queries": f"{component.queries_million_per_month:g}", "services": services})
    per_task = HOURS_PER_MONTH * 3600 / DNS_TTL_SECONDS
    return UsageValue(tasks * per_task, N_("each of the spec's %(tasks)s task(s) looks the service up once per "
                                           "%(ttl)s s TTL") % {"tasks": tasks, "ttl": DNS_TTL_SECONDS})
