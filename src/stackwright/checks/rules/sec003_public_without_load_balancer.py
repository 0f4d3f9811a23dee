"""A public workload with no load balancer is reachable only on 80 and 443."""

from stackwright.checks.rule import Rule, components
from stackwright.plan.security import LISTENER_PORTS
from stackwright.translatable import N_


def check(spec, plan):
    if plan.load_balancers:
        return
    for name, workload in components(spec, "fargate_service", "ec2_asg", "ec2_instance"):
        if workload.public_ip and workload.port not in LISTENER_PORTS:
            yield RULE.finding(("components", name, "port"),
                               N_("'%(name)s' takes internet traffic directly, but listens on %(port)s; the plan "
                                  "opens only 80 and 443 to the internet, so clients cannot reach it") % {
                                   "name": name, "port": workload.port})


RULE = Rule(
    "SEC003", "warning", "Public workload on a port the internet cannot reach",
    "Without a load balancer the workload itself is the entry point; opening an application port to everyone "
    "skips TLS termination and exposes the app server directly.",
    "put a reverse proxy (TLS on 443) on the instance, set port: 443, or add an alb component",
    check,
)
