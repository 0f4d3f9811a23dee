"""An application port equal to a remote-admin or data-store port is almost always a mistake."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

ADMIN_PORTS = {22: "SSH", 3389: "RDP"}


def check(spec, plan):
    data_ports = {s.port: f"{s.spec.kind} '{s.component}'" for s in (*plan.databases, *plan.caches)}
    for name, workload in components(spec, "fargate_service", "ec2_asg", "ec2_instance"):
        port = workload.port
        if port in ADMIN_PORTS:
            yield RULE.finding(("components", name, "port"),
                               N_("'%(name)s' serves on %(port)s, the %(what)s port; load balancers would open it to "
                                  "the workload") % {"name": name, "port": port, "what": ADMIN_PORTS[port]},
                               N_("serve the app on its own port such as 8080"))
        elif port in data_ports:
            yield RULE.finding(("components", name, "port"),
                               N_("'%(name)s' serves on %(port)s, the port of %(what)s; the security groups would mix "
                                  "app and data traffic on one port") % {"name": name, "port": port,
                                                                         "what": data_ports[port]},
                               N_("serve the app on its own port such as 8080"))


RULE = Rule(
    "PORT002", "warning", "Application port collides with an admin or data port",
    "Rules meant for the app then also admit SSH/RDP or database clients, and logs mix the two.",
    "give the application its own port",
    check,
)
