"""One CloudFormation template built as plain dicts, with plan references resolved at the end.

Renderer modules put plan `Ref`, `Join` and `AccountArn` values straight into resource properties;
`Template.to_yaml()` writes them as `Ref` / `Fn::GetAtt` (long list form) / `Fn::Join` / `Fn::Sub`
once every element has a logical id, so modules can refer to elements rendered after them.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from stackwright.plan.model import AccountArn, Join, Parameter, Plan, Ref
from stackwright.validate.checkov_skips import cloudformation_metadata, skips

NO_VALUE = {"Ref": "AWS::NoValue"}
NOTIFY_CONDITION = "NotifyAlarmTopic"
# True once an image tag is given: until then services from the stack's own repositories run no tasks, so a
# first deploy does not wait on ECS failing to pull an image nobody could push yet.
IMAGE_CONDITION = "ImagePushed"
NEW_ZONE_CONDITION = "CreateHostedZone"  # no existing hosted zone given: the stack makes one


@functools.lru_cache(maxsize=1 << 16)  # asked again for each reference and resource (19,000 times at 1,000 services)
def logical_id(plan_id: str) -> str:
    """`subnet-public-a` -> `SubnetPublicA`: CloudFormation ids are letters and digits only."""
    return "".join(part[:1].upper() + part[1:] for part in plan_id.split("-"))


def get_att(logical: str, attribute: str) -> dict:
    return {"Fn::GetAtt": [logical, attribute]}


# How each resource type exposes the plan's attribute names; anything else is `id`, i.e. Ref.
ATTRIBUTES: dict[tuple[str, str], str] = {
    ("AWS::IAM::Role", "arn"): "Arn",
    ("AWS::Logs::LogGroup", "arn"): "Arn",
    ("AWS::S3::Bucket", "arn"): "Arn",
    ("AWS::ECR::Repository", "arn"): "Arn",
    ("AWS::ECR::Repository", "uri"): "RepositoryUri",
    ("AWS::ECS::Service", "name"): "Name",
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "full_name"): "LoadBalancerFullName",
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "dns_name"): "DNSName",
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "zone_id"): "CanonicalHostedZoneID",
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "arn"): "LoadBalancerArn",
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "full_name"): "TargetGroupFullName",
    ("AWS::RDS::DBInstance", "endpoint"): "Endpoint.Address",
    ("AWS::RDS::DBCluster", "endpoint"): "Endpoint.Address",
    ("AWS::CloudFront::Distribution", "dns_name"): "DomainName",
    ("AWS::WAFv2::WebACL", "arn"): "Arn",
    ("AWS::SQS::Queue", "arn"): "Arn",
    ("AWS::SQS::Queue", "name"): "QueueName",
    ("AWS::SNS::Topic", "name"): "TopicName",
    ("AWS::Lambda::Function", "arn"): "Arn",
    ("AWS::DynamoDB::Table", "arn"): "Arn",
    ("AWS::Cognito::UserPool", "arn"): "Arn",
    ("AWS::RDS::DBInstance", "arn"): "DBInstanceArn",
    ("AWS::KMS::Key", "arn"): "Arn",
    ("AWS::ServiceDiscovery::Service", "arn"): "Arn",
    ("AWS::RDS::DBCluster", "arn"): "DBClusterArn",
}
# Types whose Ref already is what the plan calls `name` or `arn`.
REF_ATTRIBUTES = {
    ("AWS::ECS::Cluster", "name"), ("AWS::RDS::DBInstance", "name"), ("AWS::RDS::DBCluster", "name"),
    ("AWS::AutoScaling::AutoScalingGroup", "name"), ("AWS::SecretsManager::Secret", "arn"),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "arn"), ("AWS::ElasticLoadBalancingV2::LoadBalancer", "id"),
    ("AWS::SNS::Topic", "arn"), ("AWS::ElasticLoadBalancingV2::Listener", "arn"),
    ("AWS::DynamoDB::Table", "name"), ("AWS::Lambda::Function", "name"),
}
# Route 53's fixed hosted zone id for every CloudFront alias target.
CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"


class DuplicateLogicalId(ValueError):
    pass


_REPRESENTED = object()  # `Template.add`'s default element: the plan element named by `represents`


class Template:
    def __init__(self, description: str, plan: Plan | None = None):
        """With a `plan`, every resource carries in its Metadata the checkov checks the spec's choices let
        it fail (see validate.checkov_skips)."""
        self.description = description
        self.plan = plan
        self._plan_elements: dict[str, Any] = plan.elements() if plan else {}
        self.parameters: dict[str, dict] = {}
        self.mappings: dict[str, dict] = {}
        self.conditions: dict[str, dict] = {}
        self.resources: dict[str, dict] = {}
        self.outputs: dict[str, dict] = {}
        self._elements: dict[str, str] = {}  # plan id -> logical id
        self._overrides: dict[tuple[str, str], Any] = {}  # (plan id, attribute) -> value

    def add(self, logical: str, resource_type: str, properties: dict, *, represents: str | None = None,
            attributes: dict[str, Any] | None = None, element: Any = _REPRESENTED, **options) -> str:
        """Add a resource; `represents` names the plan element it stands for, `attributes` overrides how
        that element's attributes resolve; `options` are DependsOn, DeletionPolicy and the like. The
        checkov skips follow `element`, by default the element `represents` names; pass it for resources
        that stand for an element without representing it (an Aurora member, a read replica)."""
        if logical in self.resources or logical in self.parameters:
            raise DuplicateLogicalId(logical)
        if element is _REPRESENTED:
            element = self._plan_elements.get(represents) if represents else None
        metadata = cloudformation_metadata(skips(self.plan, resource_type, element)) if self.plan else None
        self.resources[logical] = {"Type": resource_type, **options,
                                   **({"Metadata": metadata} if metadata else {}), "Properties": properties}
        if represents:
            self._elements[represents] = logical
            for attribute, value in (attributes or {}).items():
                self._overrides[(represents, attribute)] = value
        return logical

    def represent(self, plan_id: str, logical: str, attributes: dict[str, Any]) -> None:
        """Say that resource `logical` (added already) also stands for plan element `plan_id`, whose
        attributes resolve as `attributes` says (a secret RDS manages for a database instance)."""
        self._elements[plan_id] = logical
        for attribute, value in attributes.items():
            self._overrides[(plan_id, attribute)] = value

    def add_parameter(self, parameter: Parameter, definition: dict) -> None:
        logical = logical_id(parameter.id)
        if logical in self.parameters or logical in self.resources:
            raise DuplicateLogicalId(logical)
        self.parameters[logical] = definition
        self._elements[parameter.id] = logical

    def output(self, name: str, description: str, value: Any) -> None:
        if name in self.outputs:
            raise DuplicateLogicalId(name)
        self.outputs[name] = {"Description": description, "Value": value}

    def has(self, plan_id: str) -> bool:
        return plan_id in self._elements

    def logical_ids(self) -> dict[str, str]:
        """Each represented plan element's resource (not parameters), by element id."""
        return {plan_id: logical for plan_id, logical in self._elements.items() if logical in self.resources}

    # ------------------------------------------------------------------------------------------ output

    def _unresolved(self) -> dict:
        document = {"AWSTemplateFormatVersion": "2010-09-09", "Description": self.description}
        for section, content in (("Parameters", self.parameters), ("Mappings", self.mappings),
                                 ("Conditions", self.conditions),
                                 ("Resources", self.resources), ("Outputs", self.outputs)):
            if content:
                document[section] = content
        return document

    def to_yaml(self) -> str:
        from stackwright.render import yaml_text  # PyYAML's own emitter takes 20 s on 1,000 services

        # the document written as resolved, without first building the resolved copy (a million nodes at 1,000 services)
        return yaml_text.dump(self._unresolved(), dumper=_Dumper, indent_sequences=True, literal_multiline=True,
                              resolve=self._resolve)

    def _resolve(self, value: Any) -> Any:
        kind = type(value)
        if kind in _LEAVES:  # most of a template: kept as they are, and not passed down a call each
            return value
        if kind is dict or isinstance(value, dict):
            resolve = self._resolve
            return {k: v if type(v) in _LEAVES else resolve(v) for k, v in value.items()}
        if kind is list or isinstance(value, (list, tuple)):
            resolve = self._resolve
            return [v if type(v) in _LEAVES else resolve(v) for v in value]
        if isinstance(value, Ref):
            return self._reference(value)
        if isinstance(value, Join):
            return _substitution([self._resolve(p) for p in value.parts])
        if isinstance(value, AccountArn):
            return {"Fn::Sub": f"arn:${{AWS::Partition}}:{value.service}:${{AWS::Region}}:${{AWS::AccountId}}:"
                               f"{value.resource}"}
        return value

    def _reference(self, ref: Ref) -> Any:
        override = self._overrides.get((ref.target, ref.attribute))
        if override is not None:
            return self._resolve(override)
        logical = self._elements[ref.target]
        if logical in self.parameters:
            return {"Ref": logical}
        resource_type = self.resources[logical]["Type"]
        if ref.attribute == "id" or (resource_type, ref.attribute) in REF_ATTRIBUTES:
            return {"Ref": logical}
        try:
            return get_att(logical, ATTRIBUTES[(resource_type, ref.attribute)])
        except KeyError:
            raise KeyError(f"no '{ref.attribute}' attribute for {resource_type} {logical}") from None


_LEAVES = frozenset((str, int, bool, float, type(None)))


def _substitution(parts: list) -> Any:
    """Joined text as Fn::Sub: literals as they are, references as ${Name} or ${Name.Attribute}."""
    if all(isinstance(part, str) for part in parts):
        return "".join(parts)
    text, variables = [], {}
    for part in parts:
        if isinstance(part, str):
            text.append(part.replace("${", "${!"))
        elif "Ref" in part:
            text.append(f"${{{part['Ref']}}}")
        elif "Fn::GetAtt" in part and "." not in part["Fn::GetAtt"][1]:
            # Dotted attributes (Endpoint.Address) go through the variable map in long form, since
            # some tools split ${A.B.C} at every dot.
            text.append(f"${{{'.'.join(part['Fn::GetAtt'])}}}")
        else:
            name = f"Part{len(variables) + 1}"
            variables[name] = part
            text.append(f"${{{name}}}")
    joined = "".join(text)
    return {"Fn::Sub": [joined, variables] if variables else joined}


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (user data, dashboard bodies) as literal blocks; lists indented under keys."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)
