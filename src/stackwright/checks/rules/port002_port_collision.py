"""An application port equal to a remote-admin or data-store port is almost always a mistake."""

from stackwright.checks.rule import Rule, components

ADMIN_PORTS = {22: "SSH", 3389: "RDP"}


def check(spec, plan):
    data_ports = {s.port: f"{s.spec.kind} '{s.component}'" for s in (*plan.databases, *plan.caches)}
    for name, workload in components(spec, "fargate_service", "ec2_asg", "ec2_instance"):
        port = workload.port
        if port in ADMIN_PORTS:
            yield RULE.finding(("components", name, "port"),
                               f"'{name}' serves on {port}, the {ADMIN_PORTS[port]} port; load balancers would open "
                               "it to the workload", "serve the app on its own port such as 8080")
        elif port in data_ports:
            yield RULE.finding(("components", name, "port"),
                               f"'{name}' serves on {port}, the port of {data_ports[port]}; the security groups "
                               "would mix app and data traffic on one port", "serve the app on its own port such as 8080")


RULE = Rule(
    "PORT002", "warning", "Application port collides with an admin or data port",
    "Rules meant for the app then also admit SSH/RDP or database clients, and logs mix the two.",
    "give the application its own port",
    check,
)
