"""The Terraform root module and its child modules, with plan references resolved at the end.

Renderer modules put plan `Ref`, `Join` and `AccountArn` values straight into resource bodies and say
which plan element each resource stands for. `Stack.documents()` then resolves every reference: inside
one module to the resource's attribute, across modules through an output of the module that owns the
element, a variable of the module that reads it and the root module's call passing one to the other;
plan parameters become root variables passed down the same way. So a module can refer to elements
rendered later or elsewhere, and every variable it declares is one it reads.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any

from stackwright.plan.model import AccountArn, Join, Parameter, Plan, Ref
from stackwright.render.terraform.hcl import Block, Call, Expr, Template

# Child modules in the order the root module calls them (and a reader reads them); `service` is called
# once per Fargate service, with for_each over the root's `local.services`.
MODULES = ("networking", "compute", "service", "database", "cache", "messaging", "edge", "serverless", "monitoring",
           "operations")
AWS_PROVIDER = {"source": "hashicorp/aws", "version": "~> 5.0"}
RANDOM_PROVIDER = {"source": "hashicorp/random", "version": "~> 3.6"}
TERRAFORM_VERSION = ">= 1.5.0"

# How resource types expose the plan's attribute names where the Terraform attribute is named otherwise.
ATTRIBUTES: dict[tuple[str, str], str] = {
    ("aws_ecr_repository", "uri"): "repository_url",
    ("aws_lb", "full_name"): "arn_suffix",
    ("aws_lb", "id"): "arn",
    ("aws_lb_target_group", "full_name"): "arn_suffix",
    ("aws_lb_target_group", "id"): "arn",
    ("aws_db_instance", "endpoint"): "address",
    ("aws_db_instance", "name"): "identifier",
    ("aws_rds_cluster", "name"): "cluster_identifier",
    ("aws_cloudfront_distribution", "dns_name"): "domain_name",
    ("aws_cloudfront_distribution", "zone_id"): "hosted_zone_id",
    ("aws_route53_zone", "id"): "zone_id",
    ("aws_sqs_queue", "id"): "url",
    ("aws_sqs_queue", "url"): "url",
    ("aws_lambda_function", "name"): "function_name",
}
INSTANCE_ADDRESS = re.compile(r'^(\w+\.\w+)\["([^"]+)"\]$')
# Data sources an `AccountArn` reads, added to a module the first time it needs one.
ACCOUNT_DATA = {
    "partition": ("aws_partition", "partition"),
    "region": ("aws_region", "name"),
    "account": ("aws_caller_identity", "account_id"),
}


@functools.lru_cache(maxsize=1 << 16)  # a stack asks again for each reference (47,000 times at 1,000 services)
def local_name(plan_id: str) -> str:
    """`subnet-public-a` -> `subnet_public_a`: a Terraform name (letters, digits, underscores)."""
    name = _NOT_IN_NAME.sub("_", plan_id)
    return name if _NAME_START.match(name) else f"_{name}"


_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]")
_NAME_START = re.compile(r"[A-Za-z_]")


@dataclass(frozen=True)
class Formula:
    """An expression around plan references: `text` with {0}, {1}, ... standing for each resolved one,
    e.g. Formula('{0} == "" ? [] : [{0}]', (Ref("alarm-topic-arn"),))."""

    text: str
    refs: tuple[Ref, ...]


@dataclass
class Element:
    module: str
    type: str
    address: str  # `aws_db_instance.db`
    attributes: dict[str, Any]  # plan attribute -> value, where the default naming does not fit
    key: str | None = None  # the instance of a module called with for_each
    role: str = ""  # in such a module: what outputs name it by (`security_group` -> `security_group_id`)


@dataclass
class Module:
    """One child module: its blocks in order, and what crosses its boundary (filled while resolving)."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # name -> description
    types: dict[str, str] = field(default_factory=dict)  # name -> type, where not string
    outputs: dict[str, tuple[str, Any]] = field(default_factory=dict)  # name -> (description, value)
    inputs: dict[str, Any] = field(default_factory=dict)  # variable -> what the root module passes
    uses_random: bool = False
    # A module called with for_each: its variable blocks as written, and per instance key its inputs.
    declared: list[Block] = field(default_factory=list)
    instances: dict[str, dict[str, Any]] = field(default_factory=dict)
    collection: str = ""  # the root local holding the instances' inputs
    _declared: set = field(default_factory=set)

    def block(self, block: Block) -> Block:
        self.blocks.append(block)
        return block

    def declare(self, block_type: str, labels: tuple[str, ...]) -> bool:
        """Record a block's address; False when the module already has it."""
        if (block_type, labels) in self._declared:
            return False
        self._declared.add((block_type, labels))
        return True


class DuplicateAddress(ValueError):
    pass


_LEAVES = frozenset((str, int, bool, float, Expr, type(None)))  # values that resolve to themselves


class Stack:
    def __init__(self, plan: Plan, *, addresses_only: bool = False):
        self.plan = plan
        # only what `addresses()` reads is built: resources and what they represent, not the code's text
        # (checkov skips, the service module's code and inputs)
        self.addresses_only = addresses_only
        self.modules = {name: Module(name) for name in MODULES}
        self.root_outputs: dict[str, tuple[str, Any]] = {}
        self._elements: dict[str, Element] = {}
        self._parameters: dict[str, Parameter] = {p.id: p for p in plan.parameters}
        self._root_variables: dict[str, Parameter] = {}

    def resource(self, module: str, resource_type: str, name: str, body: dict, *, represents: str | None = None,
                 attributes: dict[str, Any] | None = None, comments: tuple[str, ...] = ()) -> str:
        """Add a resource to `module`; `represents` names the plan element it stands for, `attributes`
        overrides how that element's attributes resolve. Returns its address."""
        address = f"{resource_type}.{name}"
        target = self.modules[module]
        if not target.declare("resource", (resource_type, name)):
            raise DuplicateAddress(f"{module}: {address}")
        target.block(Block("resource", (resource_type, name), body, comments))
        if resource_type.startswith("random_"):
            target.uses_random = True
        if represents:
            self._elements[represents] = Element(module, resource_type, address, dict(attributes or {}))
        return address

    def data(self, module: str, data_type: str, name: str, body: dict | None = None) -> str:
        """A data source, declared once per module however many resources read it."""
        target = self.modules[module]
        if target.declare("data", (data_type, name)):
            target.block(Block("data", (data_type, name), body or {}))
        return f"data.{data_type}.{name}"

    def output(self, name: str, description: str, value: Any) -> None:
        """A root module output, e.g. Ref(load balancer, "dns_name")."""
        if name in self.root_outputs:
            raise DuplicateAddress(f"output {name}")
        self.root_outputs[name] = (description, value)

    def instance(self, module: str, key: str, inputs: dict[str, Any]) -> None:
        """One instance of a for_each module: its key and what the root module passes it."""
        self.modules[module].instances[key] = inputs

    def represent(self, plan_id: str, module: str, key: str | None, address: str, role: str,
                  attributes: dict[str, Any] | None = None) -> None:
        """Say that `address` (in instance `key` of a for_each module, or in a plain module for None; an
        instance of a for_each resource such as `aws_ecr_repository.registry["api"]`) stands for the plan
        element."""
        resource_type = address.split(".")[0]
        self._elements[plan_id] = Element(module, resource_type, address, dict(attributes or {}), key, role)

    def has(self, plan_id: str) -> bool:
        return plan_id in self._elements

    def addresses(self) -> dict[str, str]:
        """Each represented plan element's resource, by its address from the root module."""
        return {plan_id: f"module.{element.module}{_key(element.key)}.{element.address}"
                for plan_id, element in self._elements.items()}

    # ------------------------------------------------------------------------------------------ output

    def documents(self) -> dict[str, list[Block]]:
        """Every file's blocks, keyed by path relative to the root module. Modules without resources are
        left out; so is the root module's call to them."""
        files: dict[str, list[Block]] = {}
        used = [m for m in self.modules.values() if m.blocks]
        for module in used:  # resolve first: resolving adds variables, outputs and data sources
            written, module.blocks = module.blocks, []
            resolved = [self._resolve_block(module, b) for b in written]
            module.blocks += resolved  # data sources added while resolving come first
        instances = {m.name: {key: {name: self._resolve(None, value) for name, value in inputs.items()}
                              for key, inputs in sorted(m.instances.items())} for m in used if m.instances}
        outputs = {name: (description, self._resolve(None, value))
                   for name, (description, value) in sorted(self.root_outputs.items())}
        for module in used:
            directory = f"modules/{module.name}"
            files[f"{directory}/main.tf"] = [_required_providers(module.uses_random), *module.blocks]
            files[f"{directory}/variables.tf"] = module.declared + [
                _variable(name, description, module.types.get(name, "string"))
                for name, description in sorted(module.variables.items())]
            files[f"{directory}/outputs.tf"] = [_output(name, description, value)
                                                for name, (description, value) in sorted(module.outputs.items())]
        files["providers.tf"] = [_required_providers(any(m.uses_random for m in used), root=True),
                                 self._provider()]
        files["variables.tf"] = [_root_variable(p) for p in sorted(self._root_variables.values(),
                                                                   key=lambda p: local_name(p.id))]
        calls = []
        for m in used:
            if m.name in instances:
                calls.append(_instanced_call(m, instances[m.name]))
            else:
                calls.append(Block("module", (m.name,), {"source": f"./modules/{m.name}",
                                                         **dict(sorted(m.inputs.items()))}))
        files["main.tf"] = [Block("locals", (), {m.collection: instances[m.name]}) for m in used
                            if any(instances.get(m.name, {}).values())] + calls
        files["outputs.tf"] = [_output(name, description, value) for name, (description, value) in outputs.items()]
        return {path: blocks for path, blocks in files.items() if blocks}

    def _provider(self) -> Block:
        return Block("provider", ("aws",), {
            "region": self.plan.region,
            "default_tags": Block("default_tags", (), {"tags": {
                "Project": self.plan.name, "Environment": self.plan.environment, "ManagedBy": "stackwright"}}),
        })

    def _resolve_block(self, module: Module, block: Block) -> Block:
        resolve = self._resolve
        return Block(block.type, block.labels,
                     {k: v if type(v) in _LEAVES else resolve(module, v) for k, v in block.body.items()},
                     block.comments)

    def _resolve(self, module: Module | None, value: Any) -> Any:
        """`module` None resolves for the root module."""
        kind = type(value)
        if kind in _LEAVES:  # kept as they are (and in a block or map, not passed down a call each)
            return value
        if isinstance(value, Block):
            return self._resolve_block(module, value)
        if isinstance(value, dict):
            resolve = self._resolve
            return {k: v if type(v) in _LEAVES else resolve(module, v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            together = self._list_reference(module, value)
            return together if together is not None else [self._resolve(module, v) for v in value]
        if isinstance(value, Call):
            return Call(value.function, tuple(self._resolve(module, a) for a in value.args))
        if isinstance(value, Ref):
            return self._reference(module, value)
        if isinstance(value, Formula):
            return Expr(value.text.format(*(self._reference(module, r).text for r in value.refs)))
        if isinstance(value, (Join, Template)):
            return _template([self._resolve(module, p) for p in value.parts])
        if isinstance(value, AccountArn):
            return _template(["arn:", self._account(module, "partition"), f":{value.service}:",
                              self._account(module, "region"), ":", self._account(module, "account"),
                              f":{value.resource}"])
        return value

    def _account(self, module: Module | None, what: str) -> Expr:
        data_type, attribute = ACCOUNT_DATA[what]
        if module is None:
            raise ValueError("root outputs cannot name account ARNs")
        return Expr(f"{self.data(module.name, data_type, 'current')}.{attribute}")

    def _reference(self, module: Module | None, ref: Ref) -> Any:
        if ref.target in self._parameters:
            return self._parameter(module, self._parameters[ref.target])
        element = self._elements[ref.target]
        value = self._attribute(element, ref.attribute)
        if module is not None and module.name == element.module:
            return value
        owner = self.modules[element.module]
        name = f"{local_name(ref.target)}_{ref.attribute}"
        instance = INSTANCE_ADDRESS.match(element.address)
        if element.key is None and instance:
            return self._instance_reference(module, element, ref, *instance.groups())
        if element.key is None:
            owner.outputs[name] = (f"{ref.attribute} of {ref.target}", value)
            passed = Expr(f"module.{owner.name}.{name}")
        else:
            output = f"{element.role}_{ref.attribute}" if element.role else ref.attribute
            owner.outputs[output] = (f"{ref.attribute} of the {element.role.replace('_', ' ') or owner.name}",
                                     value)
            passed = Expr(f"module.{owner.name}{_key(element.key)}.{output}")
        if module is None:
            return passed
        module.variables[name] = f"{ref.attribute} of {ref.target} (module {owner.name})"
        module.inputs[name] = passed
        return Expr(f"var.{name}")

    def _instance_reference(self, module: Module | None, element: Element, ref: Ref, base: str, key: str) -> Expr:
        """An instance of a for_each resource crosses modules in one map for all of them, by key."""
        owner = self.modules[element.module]
        attribute = ATTRIBUTES.get((element.type, ref.attribute), ref.attribute)
        name = f"{base.split('.')[1]}_{ref.attribute}s"
        owner.outputs[name] = (f"{ref.attribute} of each {element.type}, by key",
                               Expr(f"{{ for key, item in {base} : key => item.{attribute} }}"))
        if module is None:
            return Expr(f'module.{owner.name}.{name}["{key}"]')
        module.variables[name] = f"{ref.attribute} of each {element.type} of module {owner.name}, by key"
        module.types[name] = "map(string)"
        module.inputs[name] = Expr(f"module.{owner.name}.{name}")
        return Expr(f'var.{name}["{key}"]')

    def _list_reference(self, module: Module | None, refs: Any) -> Expr | None:
        """A list of the same attribute of several elements of one other module (subnets of a tier, one per
        AZ) crosses the module boundary as one list: `var.subnet_app_ids`, not a variable per element."""
        if len(refs) < 2 or not all(isinstance(r, Ref) and r.target in self._elements for r in refs):
            return None
        elements = [self._elements[r.target] for r in refs]
        owner = elements[0].module
        attributes = {r.attribute for r in refs}
        if len(attributes) != 1 or any(e.module != owner or e.key is not None for e in elements) \
                or (module is not None and module.name == owner):
            return None
        prefix = os.path.commonprefix([r.target for r in refs]).rstrip("-_")
        if not prefix:
            return None
        attribute = attributes.pop()
        name = f"{local_name(prefix)}_{attribute}s"
        values = [self._attribute(e, attribute) for e in elements]
        if self.modules[owner].outputs.get(name, (None, values))[1] != values:
            return None  # the name is taken by another list
        self.modules[owner].outputs[name] = (f"{attribute}s of {', '.join(r.target for r in refs)}", values)
        passed = Expr(f"module.{owner}.{name}")
        if module is None:
            return passed
        module.variables[name] = f"{attribute}s of {', '.join(r.target for r in refs)} (module {owner})"
        module.types[name] = "list(string)"
        module.inputs[name] = passed
        return Expr(f"var.{name}")

    def _attribute(self, element: Element, attribute: str) -> Any:
        if attribute in element.attributes:
            return element.attributes[attribute]
        return Expr(f"{element.address}.{ATTRIBUTES.get((element.type, attribute), attribute)}")

    def _parameter(self, module: Module | None, parameter: Parameter) -> Any:
        name = local_name(parameter.id)
        self._root_variables[parameter.id] = parameter
        if module is None:
            return Expr(f"var.{name}")
        module.variables[name] = parameter.description
        module.inputs[name] = Expr(f"var.{name}")
        if parameter.kind == "machine_image":
            # The variable names an SSM public parameter; the image id is its value in the region.
            image = self.data(module.name, "aws_ssm_parameter", name, {"name": Expr(f"var.{name}")})
            return Expr(f"{image}.insecure_value")
        return Expr(f"var.{name}")


def _key(key: str | None) -> str:
    return "" if key is None else f'["{key}"]'


def _instanced_call(module: Module, instances: dict[str, dict[str, Any]]) -> Block:
    """`module "service" { for_each = local.services ... }`: an input the same for every instance is
    passed as it is, the others from the instance's entry in the local map."""
    names = list(dict.fromkeys(name for inputs in instances.values() for name in inputs))
    shared = {name: next(iter(instances.values()))[name] for name in names
              if all(name in i and i[name] == next(iter(instances.values()))[name]
                                            for i in instances.values())}
    for inputs in instances.values():
        for name in shared:
            del inputs[name]
    defaults = {b.labels[0]: b.body["default"] for b in module.declared if "default" in b.body}
    names = [n for n in names if not (n in shared and n in defaults and shared[n] == defaults[n])]
    # With nothing that differs between instances, the instances are just their names.
    each = (Expr(f"local.{module.collection}") if any(instances.values())
            else Call("toset", (sorted(instances),)))
    body: dict[str, Any] = {"source": f"./modules/{module.name}", "for_each": each, "name": Expr("each.key")}
    body |= {name: shared[name] if name in shared else Expr(f"each.value.{name}") for name in names}
    return Block("module", (module.name,), body)


def _template(parts: list) -> Any:
    """A Template of literal and resolved parts; a single expression stays an expression."""
    flat: list = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, Template) else [part])
    if len(flat) == 1 and isinstance(flat[0], Expr):
        return flat[0]
    if all(isinstance(p, str) for p in flat):
        return "".join(flat)
    return Template(tuple(flat))


def _required_providers(random: bool, *, root: bool = False) -> Block:
    providers = {"aws": AWS_PROVIDER if root else {"source": AWS_PROVIDER["source"]}}
    if random:
        providers["random"] = RANDOM_PROVIDER if root else {"source": RANDOM_PROVIDER["source"]}
    body: dict[str, Any] = {"required_version": TERRAFORM_VERSION} if root else {}
    body["required_providers"] = Block("required_providers", (), providers)
    return Block("terraform", (), body)


def _variable(name: str, description: str, type_: str = "string") -> Block:
    return Block("variable", (name,), {"description": description, "type": Expr(type_)})


# Kinds whose variable may stay empty at first, as the CloudFormation parameter's default says.
KIND_DEFAULTS = {"image_tag": ""}
IMAGE_TAG_NOTE = "; empty (the first apply) runs no tasks until an image is pushed"
# What a value the deployer supplies must look like, by parameter kind: (condition on {v}, message).
ROOT_VALIDATIONS = {
    "certificate_arn": ('can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{{12}}:certificate/", {v}))',
                        "An ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)."),
    "hosted_zone_id": ('{v} == "" || can(regex("^Z[A-Z0-9]{{1,32}}$", {v}))',
                       "A Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, or empty to create a zone."),
    "notification_topic": ('{v} == "" || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{{12}}:", {v}))',
                           "An SNS topic ARN, or empty for no notifications."),
    "image_tag": ('{v} == "" || can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}$", {v}))',
                  "A Docker image tag: letters, digits, _ . -, at most 128, not starting with . or -; or empty "
                  "before the first image is pushed."),
    "domain_name": ('can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?[.])+[a-z]{{2,}}$", {v}))',
                    "A lower-case domain name such as example.com."),
    "machine_image": ('startswith({v}, "/aws/service/")', "An SSM public parameter path under /aws/service/."),
    "email_address": ('can(regex("^[^@ ]+@[^@ ]+[.][^@ ]+$", {v}))', "An e-mail address such as alerts@example.com."),
    "https_url": ('can(regex("^https://[^ ]+$", {v}))', "An https:// URL."),
}


def _root_variable(parameter: Parameter) -> Block:
    """What the deployer supplies: with the plan's default, or an example of the value; checked at plan
    time where its kind has a known form."""
    name = local_name(parameter.id)
    default = KIND_DEFAULTS.get(parameter.kind, parameter.default)
    description = parameter.description if default is not None or not parameter.example \
        else f"{parameter.description} (for example {parameter.example})"
    if parameter.kind == "image_tag":
        description += IMAGE_TAG_NOTE
    body: dict[str, Any] = {"description": description, "type": Expr("string")}
    if default is not None:
        body["default"] = default
    if parameter.kind in ROOT_VALIDATIONS:
        condition, message = ROOT_VALIDATIONS[parameter.kind]
        if default == "" and not condition.startswith("{v} == \"\""):  # empty: the configuration fills it in
            condition, message = f'{{v}} == "" || {condition}', f"{message[:-1]}, or empty to request one."
        body["validation"] = Block("validation", (), {"condition": Expr(condition.format(v=f"var.{name}")),
                                                      "error_message": message})
    return Block("variable", (name,), body)


def _output(name: str, description: str, value: Any) -> Block:
    return Block("output", (name,), {"description": description, "value": value})
