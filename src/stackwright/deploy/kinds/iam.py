"""IAM roles and instance profiles."""

from __future__ import annotations

import json

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences, tag_list, undone_on_error


class Role(Kind):
    type = "AWS::IAM::Role"
    service_api = "iam.create_role"
    emulates = frozenset({"RoleName", "AssumeRolePolicyDocument", "Description", "Path", "ManagedPolicyArns",
                          "Policies", "MaxSessionDuration", "Tags"})
    NAME_LIMIT = 64

    def find(self, aws, r):
        iam = aws("iam")
        found = absent_if_missing(iam.get_role, RoleName=r.physical_id)
        if not found:
            return None
        attached = iam.list_attached_role_policies(RoleName=r.physical_id)["AttachedPolicies"]
        inline = iam.list_role_policies(RoleName=r.physical_id)["PolicyNames"]
        return {**found["Role"], "ManagedPolicyArns": [p["PolicyArn"] for p in attached], "PolicyNames": inline}

    def check(self, state, r):
        principals = [s["Principal"].get("Service") for s in state["AssumeRolePolicyDocument"]["Statement"]]
        wanted = [s["Principal"].get("Service") for s in r["AssumeRolePolicyDocument"]["Statement"]]
        return differences(("AssumeRolePolicyDocument", principals, wanted),
                           ("ManagedPolicyArns", state["ManagedPolicyArns"], r.get("ManagedPolicyArns")),
                           ("Policies", state["PolicyNames"], [p["PolicyName"] for p in r.get("Policies", [])] or None))

    def attribute(self, state, r, name):
        values = {"Arn": state["Arn"], "RoleId": state["RoleId"]}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        iam = aws("iam")
        name = r.get("RoleName", r.name[:self.NAME_LIMIT])
        optional = {key: r.get(key) for key in ("Description", "Path", "MaxSessionDuration") if r.get(key) is not None}
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(r["AssumeRolePolicyDocument"]),
                        Tags=tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags), **optional)
        with undone_on_error(lambda: _delete_role(aws, name)):
            for arn in r.get("ManagedPolicyArns", []):
                # moto holds AWS managed policies only when started with MOTO_IAM_LOAD_MANAGED_POLICIES=true;
                # without them the role is made without and verification reports the difference.
                absent_if_missing(iam.attach_role_policy, RoleName=name, PolicyArn=arn)
            for policy in r.get("Policies", []):
                iam.put_role_policy(RoleName=name, PolicyName=policy["PolicyName"],
                                    PolicyDocument=json.dumps(policy["PolicyDocument"]))
        return name

    def delete(self, aws, r, state):
        _delete_role(aws, state["RoleName"])


def _delete_role(aws, name: str) -> None:
    """A role can go only without policies and outside every instance profile."""
    iam = aws("iam")
    for policy in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        iam.detach_role_policy(RoleName=name, PolicyArn=policy["PolicyArn"])
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        iam.delete_role_policy(RoleName=name, PolicyName=policy)
    for profile in iam.list_instance_profiles_for_role(RoleName=name)["InstanceProfiles"]:
        iam.remove_role_from_instance_profile(InstanceProfileName=profile["InstanceProfileName"], RoleName=name)
    iam.delete_role(RoleName=name)


class InstanceProfile(Kind):
    type = "AWS::IAM::InstanceProfile"

    def inventory(self, aws):
        return {p["InstanceProfileName"] for p in aws("iam").list_instance_profiles()["InstanceProfiles"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("iam").get_instance_profile, InstanceProfileName=r.physical_id)
        return found["InstanceProfile"] if found else None

    def check(self, state, r):
        return differences(("Roles", [role["RoleName"] for role in state["Roles"]], r.get("Roles")))

    def attribute(self, state, r, name):
        if name == "Arn":
            return state["Arn"]
        return super().attribute(state, r, name)

    def delete(self, aws, r, state):
        """A profile can go only once empty; its roles stay (they are swept on their own)."""
        iam = aws("iam")
        for role in state["Roles"]:
            iam.remove_role_from_instance_profile(InstanceProfileName=state["InstanceProfileName"],
                                                  RoleName=role["RoleName"])
        iam.delete_instance_profile(InstanceProfileName=state["InstanceProfileName"])


class OidcProvider(Kind):
    """The account's OIDC identity provider (GitHub Actions' token issuer, for the deploy role)."""

    type = "AWS::IAM::OIDCProvider"
    service_api = "iam.create_open_id_connect_provider"
    emulates = frozenset({"Url", "ClientIdList", "ThumbprintList", "Tags"})

    def inventory(self, aws):
        return {p["Arn"] for p in aws("iam").list_open_id_connect_providers()["OpenIDConnectProviderList"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("iam").get_open_id_connect_provider, OpenIDConnectProviderArn=r.physical_id)
        return {**found, "Arn": r.physical_id} if found else None

    def check(self, state, r):
        return differences(("ClientIdList", sorted(state.get("ClientIDList", [])), sorted(r.get("ClientIdList", []))))

    def attribute(self, state, r, name):
        return state["Arn"] if name == "Arn" else super().attribute(state, r, name)

    def create(self, aws, r):
        optional = {"ThumbprintList": r["ThumbprintList"]} if r.get("ThumbprintList") else {}
        return aws("iam").create_open_id_connect_provider(
            Url=r["Url"], ClientIDList=r.get("ClientIdList", []),
            Tags=tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags), **optional)[
            "OpenIDConnectProviderArn"]

    def delete(self, aws, r, state):
        aws("iam").delete_open_id_connect_provider(OpenIDConnectProviderArn=state["Arn"])
