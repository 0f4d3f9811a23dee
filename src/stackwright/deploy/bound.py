"""A template bound to an account: each resource's physical id, its properties evaluated from the
template as CloudFormation would, and its state from describe calls."""

from __future__ import annotations

from typing import Any

from stackwright.deploy.aws import Clients
from stackwright.deploy.kinds import KINDS, Kind, Resource, UnknownAttribute
from stackwright.deploy.kinds.base import PLACEHOLDER, SERVICE_ERRORS
from stackwright.deploy.template import Evaluator

class Missing(LookupError):
    pass


class BoundTemplate:
    def __init__(self, aws: Clients, document: dict, *, stack_name: str, tags: dict[str, str],
                 parameters: dict[str, str], not_emulated: frozenset[str] = frozenset()):
        self.aws = aws
        self.document = document
        self.not_emulated = not_emulated
        self.parameters = self._parameter_values(parameters)
        pseudo = {"AWS::Region": aws.region, "AWS::AccountId": aws.account_id, "AWS::Partition": aws.partition,
                  "AWS::StackName": stack_name,
                  "AWS::URLSuffix": "amazonaws.com.cn" if aws.partition == "aws-cn" else "amazonaws.com"}
        self.evaluate = Evaluator(document, parameters=self.parameters, pseudo=pseudo, ref=self.ref,
                                  get_att=self.get_att, secret_value=self._secret_value)
        self.resources = {logical: Resource(logical, definition, self.evaluate, f"{stack_name}-{logical}", tags)
                          for logical, definition in document["Resources"].items()}
        self._states: dict[str, dict] = {}

    def kind(self, logical: str) -> Kind | None:
        return KINDS.get(self.resources[logical].type)

    def place(self, logical: str, physical_id: str) -> None:
        self.resources[logical].physical_id = physical_id
        self._states.pop(logical, None)

    def forget_states(self) -> None:
        """Describe everything afresh from now on (after the stack changed)."""
        self._states.clear()

    def find(self, logical: str) -> dict | None:
        """The resource's current state, or None when describe calls find nothing."""
        resource, kind = self.resources[logical], self.kind(logical)
        if kind is None:
            raise Missing(f"stackwright has no describe call for {resource.type}")
        state = kind.find(self.aws, resource)
        if state is not None:
            self._states[logical] = state
        return state

    def state(self, logical: str) -> dict:
        if logical not in self._states and self.find(logical) is None:
            raise Missing(f"{logical} does not exist")
        return self._states[logical]

    def ref(self, name: str) -> str:
        if name in self.not_emulated:
            return PLACEHOLDER.format(name)
        if name not in self.resources:
            raise Missing(f"the template has no parameter or resource {name}")
        physical_id = self.resources[name].physical_id
        if physical_id is None:
            raise Missing(f"{name} does not exist yet")
        return physical_id

    def get_att(self, name: str, attribute: str) -> Any:
        if name in self.not_emulated:
            return PLACEHOLDER.format(f"{name}.{attribute}")
        return self.kind(name).attribute(self.state(name), self.resources[name], attribute)

    def lookup(self, name: str, attribute: str | None) -> Any:
        """Ref (attribute None) or Fn::GetAtt, for `template.substitute`."""
        return self.ref(name) if attribute is None else self.get_att(name, attribute)

    def _parameter_values(self, given: dict[str, str]) -> dict[str, Any]:
        definitions = self.document.get("Parameters", {})
        ssm = {name for name, d in definitions.items() if d["Type"].startswith("AWS::SSM::Parameter::Value<")}
        return _Parameters({name: given.get(name, d.get("Default")) for name, d in definitions.items()}, ssm,
                           lambda path: self.aws("ssm").get_parameter(Name=path)["Parameter"]["Value"])

    def _secret_value(self, secret_id: str) -> str:
        return self.aws("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"]


class _Parameters(dict):
    """Parameter values; those of SSM parameter types are read from Parameter Store when first used."""

    def __init__(self, values: dict[str, Any], ssm: set[str], read):
        super().__init__(values)
        self._unread = set(ssm)
        self._read = read

    def __getitem__(self, name: str) -> Any:
        if name in self._unread:
            self._unread.discard(name)
            self[name] = self._read(super().__getitem__(name))
        return super().__getitem__(name)


LOOKUP_ERRORS = (*SERVICE_ERRORS, Missing, UnknownAttribute, KeyError)  # what a describe or evaluation can raise
