"""ECS clusters, task definitions and services."""

from __future__ import annotations

from stackwright.deploy.kinds.base import Kind, absent_if_missing, camel, differences, tag_list

FREE_FORM = frozenset({"Options", "DockerLabels"})  # maps whose keys are names, not API fields


class Cluster(Kind):
    type = "AWS::ECS::Cluster"
    service_api = "ecs.create_cluster"
    emulates = frozenset({"ClusterName", "CapacityProviders", "DefaultCapacityProviderStrategy", "ClusterSettings",
                          "Tags"})

    def find(self, aws, r):
        found = aws("ecs").describe_clusters(clusters=[r.physical_id])["clusters"]
        return found[0] if found and found[0]["status"] == "ACTIVE" else None

    def check(self, state, r):
        return differences(("ClusterName", state["clusterName"], r.get("ClusterName")),
                           ("CapacityProviders", state.get("capacityProviders", []), r.get("CapacityProviders")))

    def create(self, aws, r):
        optional = {"capacityProviders": r.get("CapacityProviders"), "settings": camel(r.get("ClusterSettings")),
                    "defaultCapacityProviderStrategy": camel(r.get("DefaultCapacityProviderStrategy"))}
        name = r.get("ClusterName", r.name)
        aws("ecs").create_cluster(clusterName=name, tags=tag_list(
            {t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags, "key", "value"),
            **{key: value for key, value in optional.items() if value is not None})
        return name

    def delete(self, aws, r, state):
        aws("ecs").delete_cluster(cluster=state["clusterArn"])


class TaskDefinition(Kind):
    type = "AWS::ECS::TaskDefinition"
    service_api = "ecs.register_task_definition"
    emulates = frozenset({"Family", "ContainerDefinitions", "Cpu", "Memory", "NetworkMode", "RequiresCompatibilities",
                          "ExecutionRoleArn", "TaskRoleArn", "RuntimePlatform", "EphemeralStorage", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("ecs").describe_task_definition, taskDefinition=r.physical_id,
                                  missing=("ClientException",))
        return found["taskDefinition"] if found and found["taskDefinition"]["status"] == "ACTIVE" else None

    def check(self, state, r):
        containers = r.get("ContainerDefinitions", [])
        return differences(("Family", state["family"], r.get("Family")), ("Cpu", state.get("cpu"), r.get("Cpu")),
                           ("Memory", state.get("memory"), r.get("Memory")),
                           ("NetworkMode", state.get("networkMode"), r.get("NetworkMode")),
                           ("RequiresCompatibilities", state.get("requiresCompatibilities", []),
                            r.get("RequiresCompatibilities")),
                           ("ExecutionRoleArn", state.get("executionRoleArn"), r.get("ExecutionRoleArn")),
                           ("TaskRoleArn", state.get("taskRoleArn"), r.get("TaskRoleArn")),
                           ("ContainerDefinitions", [(c["name"], c["image"]) for c in state["containerDefinitions"]],
                            [(c["Name"], c["Image"]) for c in containers] or None))

    def create(self, aws, r):
        optional = {"cpu": r.get("Cpu"), "memory": r.get("Memory"), "networkMode": r.get("NetworkMode"),
                    "requiresCompatibilities": r.get("RequiresCompatibilities"),
                    "executionRoleArn": r.get("ExecutionRoleArn"), "taskRoleArn": r.get("TaskRoleArn"),
                    "runtimePlatform": camel(r.get("RuntimePlatform")), "ephemeralStorage": camel(r.get("EphemeralStorage"))}
        registered = aws("ecs").register_task_definition(
            family=r["Family"], containerDefinitions=camel(r["ContainerDefinitions"], FREE_FORM),
            tags=tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags, "key", "value"),
            **{key: value for key, value in optional.items() if value is not None})
        return registered["taskDefinition"]["taskDefinitionArn"]

    def delete(self, aws, r, state):
        aws("ecs").deregister_task_definition(taskDefinition=state["taskDefinitionArn"])


class Service(Kind):
    type = "AWS::ECS::Service"
    service_api = "ecs.create_service"
    # What moto's ECS keeps; the call passes every property on, as AWS would get them.
    emulates = frozenset({"Cluster", "TaskDefinition", "DesiredCount", "LoadBalancers", "NetworkConfiguration",
                          "LaunchType", "PropagateTags", "ServiceName", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("ecs").describe_services, cluster=r["Cluster"], services=[r.physical_id])
        services = found["services"] if found else []
        return services[0] if services and services[0]["status"] == "ACTIVE" else None

    def check(self, state, r):
        network = (r.get("NetworkConfiguration") or {}).get("AwsvpcConfiguration", {})
        actual = state.get("networkConfiguration", {}).get("awsvpcConfiguration", {})
        strategy = [(s["capacityProvider"], int(s.get("weight", 0)), int(s.get("base", 0)))
                    for s in state.get("capacityProviderStrategy") or []]
        return differences(("DesiredCount", state["desiredCount"], r.get("DesiredCount")),
                           ("TaskDefinition", state["taskDefinition"], r.get("TaskDefinition")),
                           ("LaunchType", state.get("launchType"), r.get("LaunchType")),
                           ("CapacityProviderStrategy", strategy,
                            [(s["CapacityProvider"], int(s.get("Weight", 0)), int(s.get("Base", 0)))
                             for s in r.get("CapacityProviderStrategy", [])] or None),
                           ("NetworkConfiguration", actual.get("subnets", []), network.get("Subnets")),
                           ("LoadBalancers", [lb["targetGroupArn"] for lb in state.get("loadBalancers", [])],
                            [lb["TargetGroupArn"] for lb in r.get("LoadBalancers", [])] or None))

    def attribute(self, state, r, name):
        if name == "Name":
            return state["serviceName"]
        return super().attribute(state, r, name)

    def create(self, aws, r):
        optional = {"desiredCount": r.get("DesiredCount"), "launchType": r.get("LaunchType"),
                    "capacityProviderStrategy": camel(r.get("CapacityProviderStrategy")),
                    "loadBalancers": camel(r.get("LoadBalancers")),
                    "networkConfiguration": camel(r.get("NetworkConfiguration")),
                    "deploymentConfiguration": camel(r.get("DeploymentConfiguration")),
                    "healthCheckGracePeriodSeconds": r.get("HealthCheckGracePeriodSeconds"),
                    "propagateTags": r.get("PropagateTags"), "enableECSManagedTags": r.get("EnableECSManagedTags")}
        created = aws("ecs").create_service(
            cluster=r["Cluster"], serviceName=r.get("ServiceName", r.name), taskDefinition=r["TaskDefinition"],
            tags=tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags, "key", "value"),
            **{key: value for key, value in optional.items() if value is not None})
        return created["service"]["serviceArn"]

    def delete(self, aws, r, state):
        aws("ecs").delete_service(cluster=state["clusterArn"], service=state["serviceArn"], force=True)
