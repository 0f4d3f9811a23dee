"""Read a CloudFormation template (YAML with the short `!Ref`/`!GetAtt`/`!Sub`… forms, or JSON).

Parameters take their Default (or a given value), Conditions and `Fn::If` are evaluated where their
inputs are known, `Fn::Sub`/`Join`/`Select`/`Split`/`FindInMap` are applied, and `Ref`/`GetAtt` to a
resource become references the mapping can follow. A resource whose Condition is false is skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from stackwright import limits
from stackwright.errors import Problem, UserError, read_user_file
from stackwright.importer.cfn_sam import SamError, expand_serverless, uses_sam
from stackwright.importer.hcl_eval import template_text
from stackwright.importer.resources import (
    ASSUMED, READ, Assumption, IacRead, IacResource, Location, ResourceRef, Unknown, first_unknown, is_unknown,
    refs_in,
)
from stackwright.importer.terraform import DEFAULT_REGION, spec_name

try:  # libyaml is much faster when present
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader

SHORT_FORMS = {"Ref", "Condition", "GetAtt", "Sub", "If", "Equals", "And", "Or", "Not", "Join", "Select", "Split",
               "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "Length", "ToJsonString"}
REGION = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d+$")
NO_VALUE = object()  # AWS::NoValue: the property is removed


class CfnLoader(_BaseLoader):
    """PyYAML's safe loader plus the intrinsic functions' short forms, as their long-form mappings."""


def _intrinsic(loader: CfnLoader, suffix: str, node: yaml.Node):
    if suffix not in SHORT_FORMS:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag !{suffix}", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}": value}


CfnLoader.add_multi_constructor("!", _intrinsic)


MAX_STACK_DEPTH = 8  # nested stacks within nested stacks; CloudFormation itself allows more, real code far fewer


def read_cloudformation(path: Path, *, region: str | None = None, parameters: dict | None = None) -> IacRead:
    path = Path(path)
    resources, template = _read_stack(path, region, parameters or {}, prefix="", ancestors=())
    return IacRead("cloudformation", spec_name(path.with_name(path.stem)), resources, template.region,
                   template.notes)


def _read_stack(path: Path, region: str | None, parameters: dict, *, prefix: str, ancestors: tuple[Path, ...],
                notes: list[Assumption] | None = None) -> tuple[list[IacResource], "Template"]:
    """A template's resources (those of its nested stacks included, their logical ids prefixed with the
    stack's: `Network.Vpc`) and the Template that evaluated them."""
    text = read_user_file(path, "template")
    data, lines = (_load_json if path.suffix == ".json" else _load_yaml)(text, str(path))
    place = _Places(text, str(path))
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        raise UserError(place.problem(("Resources",), "not a CloudFormation template: it needs a Resources "
                                                      "mapping; add Resources with the template's resources"))
    for section in ("Parameters", "Mappings", "Conditions"):
        if data.get(section) is not None and not isinstance(data[section], dict):
            raise UserError(place.problem((section,), f"{section} must be a mapping of names; fix the section"))
    for name, parameter in (data.get("Parameters") or {}).items():
        if not isinstance(parameter, dict):
            raise UserError(place.problem(("Parameters", name), f"parameter {name} must be a mapping (Type, "
                                                                "Default, …); write it as one"))
    expanded: list[str] = []
    if uses_sam(data):
        try:
            data, expanded = expand_serverless(data)
        except SamError as exc:
            raise UserError(Problem(str(path), lines.get(exc.logical_id, 1), 1,
                                    f"SAM resource {exc.logical_id}: {exc}; see the AWS::Serverless specification")) from None
    try:
        template = Template(data, path, region, parameters, prefix=prefix, notes=notes)
    except MALFORMED as exc:
        raise UserError(Problem(str(path), 1, 1, f"the template's parameters or mappings are malformed "
                                                 f"({_short(exc)}); fix them")) from None
    template.ancestors, template.lines = ancestors + (path.resolve(),), lines
    template.notes += [Assumption(f"{prefix}{line.split(' ', 1)[0]}", READ, f"SAM transform: {line}")
                       for line in expanded]
    resources = []
    for logical_id, body in data["Resources"].items():
        origin = (body.get("Metadata") or {}).get("SamResourceId") if isinstance(body, dict) else None
        line = lines.get(logical_id, lines.get(origin, 1))
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            raise UserError(Problem(str(path), line, 1, f"resource {logical_id} has no Type; add one"))
        try:
            if template.skipped(logical_id, body.get("Condition")):
                continue
            props = template.eval(body.get("Properties", {}))
        except MALFORMED as exc:
            raise UserError(place.problem(("Resources", logical_id),
                                          f"resource {logical_id}: an intrinsic function's arguments are malformed "
                                          f"({_short(exc)}); write them as the CloudFormation reference shows")
                            ) from None
        props = props if isinstance(props, dict) else {}
        where = Location(str(path), line, 3)
        if body["Type"] == "AWS::CloudFormation::Stack":
            resources += template.nested(logical_id)[0]
            continue
        resources.append(IacResource(prefix + logical_id, prefix + logical_id, body["Type"], props, where))
    return resources, template


# What a wrong argument to an intrinsic function raises while it is applied.
MALFORMED = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError, RecursionError)


def _short(exc: Exception) -> str:
    text = "nested too deeply" if isinstance(exc, RecursionError) else str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _load_yaml(text: str, file: str) -> tuple[Any, dict[str, int]]:
    from stackwright.spec.loader import check_node_graph, refuse_control_characters

    refuse_control_characters(text, file, "template")
    loader = CfnLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_node_graph(node, file)  # aliases expand boundedly and never into themselves
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise UserError(Problem(file, line, column, f"malformed YAML: {exc.problem or exc.context}; "
                                                    "check indentation, quoting and tags here")) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem(file, 1, 1, f"unreadable YAML ({_short(exc)}); save the template as plain "
                                            "UTF-8 text")) from None
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "Resources" and isinstance(value, yaml.MappingNode):
                lines = {k.value: k.start_mark.line + 1 for k, _ in value.value}
    return data, lines


class _Places:
    """Where a key path (`Resources`, `Parameters` → `P`) is written in a template's text, for a located
    message: the YAML node tree, or in JSON each key searched for after the one before. 1:1 when the
    path is not written (a missing section)."""

    def __init__(self, text: str, file: str):
        self.text, self.file = text, file

    def problem(self, keys: tuple[str, ...], message: str) -> Problem:
        return Problem(self.file, *self.of(keys), message)

    def of(self, keys: tuple[str, ...]) -> tuple[int, int]:
        place = (1, 1)
        if self.file.endswith(".json"):
            start = 0
            for key in keys:
                found = re.compile(rf'"{re.escape(key)}"\s*:').search(self.text, start)
                if not found:
                    break
                start = found.start()
                place = _line_column(self.text, start)
            return place
        try:
            node = yaml.compose(self.text, Loader=CfnLoader)
        except yaml.YAMLError:
            return place
        for key in keys:
            match = next((pair for pair in node.value if getattr(pair[0], "value", None) == key), None) \
                if isinstance(node, yaml.MappingNode) else None
            if match is None:
                break
            place = (match[0].start_mark.line + 1, match[0].start_mark.column + 1)
            node = match[1]
        return place


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Unusable(ValueError):
    """A JSON value no template can hold; `token` is how it is written, to find its place."""

    def __init__(self, message: str, token: str):
        super().__init__(message)
        self.token = token


def _unusable_place(text: str, exc: Exception) -> tuple[int, int]:
    """Where a refused value is written (its first occurrence outside a string), or for nesting too
    deep, the first bracket at the deepest level."""
    if isinstance(exc, _Unusable):
        found = re.search(rf'(?<![\w."]){re.escape(exc.token)}(?![\w."])', text)
        return _line_column(text, found.start()) if found else (1, 1)
    return limits.deepest_json_bracket(text)


def _load_json(text: str, file: str) -> tuple[Any, dict[str, int]]:
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise UserError(Problem(file, exc.lineno, exc.colno, f"malformed JSON: {exc.msg}; check the brackets, "
                                                             "commas and quotes here")) from None
    except (RecursionError, ValueError) as exc:
        raise UserError(Problem(file, *_unusable_place(text, exc), f"unusable JSON ({_short(exc)}); write plain "
                                                                   "values of sensible size and nesting")) from None
    lines = {}
    start = text.find('"Resources"')
    resources = data.get("Resources") if isinstance(data, dict) else None
    for logical_id in resources if isinstance(resources, dict) else {}:
        found = re.compile(rf'"{re.escape(logical_id)}"\s*:').search(text, max(start, 0))
        if found:
            lines[logical_id] = text.count("\n", 0, found.start()) + 1
    return data, lines


def _refuse_constant(name: str):
    raise _Unusable(f"{name} is not a number a template can hold", name)


def _bounded_int(text: str) -> int:
    from stackwright.limits import MAX_INTEGER_DIGITS

    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _Unusable(f"the number {text[:20]}… has more than {MAX_INTEGER_DIGITS} digits", text)
    return int(text)


class Template:
    def __init__(self, data: dict, path: Path, region: str | None, overrides: dict, *, prefix: str = "",
                 notes: list[Assumption] | None = None):
        self.data = data
        self.path = path
        self.prefix = prefix  # a nested stack's resources are named `<stack id>.<logical id>`
        self.resource_ids = set(data["Resources"])
        self.mappings = data.get("Mappings") or {}
        self.notes: list[Assumption] = [] if notes is None else notes
        self._stacks: dict[str, tuple[list[IacResource], Template | None]] = {}
        self.ancestors: tuple[Path, ...] = ()  # the templates that include this one, and this one
        self.lines: dict[str, int] = {}
        declared = data.get("Parameters") or {}
        extra = sorted(set(overrides) - set(declared))
        if extra and not prefix:  # as CloudFormation: a value for no parameter is an error, not ignored
            raise UserError(f"--parameter/--parameters: {', '.join(extra)} do not exist in the template {path}; "
                            f"it declares {', '.join(sorted(declared)) or 'none'}")
        if extra:
            raise UserError(Problem(str(path), 1, 1, f"parameters {', '.join(extra)} do not exist in the template; "
                                                     f"it declares {', '.join(sorted(declared)) or 'none'}"))
        self.parameters = {name: self._parameter(name, spec or {}, overrides) for name, spec in declared.items()}
        for name in sorted(set(overrides) & set(declared)):
            value = overrides[name]
            shown = f"known at deploy time ({first_unknown(value).reason})" if first_unknown(value) else repr(value)
            where = f"from stack {prefix.rstrip('.')}'s parent" if prefix else "as given"
            self.notes.append(Assumption(f"parameter {prefix}{name}", READ, f"{shown}, {where}"))
        self.region = self._region(region)
        self._conditions: dict[str, Any] = {}

    def _parameter(self, name: str, spec: dict, overrides: dict) -> Any:
        value = overrides.get(name, spec.get("Default"))
        if value is None:
            return Unknown(f"parameter {name} has no Default")
        if first_unknown(value) is not None:  # a nested stack's parameter set from the parent's resources
            return value
        kind = str(spec.get("Type", "String"))
        if kind.startswith("AWS::SSM::Parameter::Value<"):  # the value is the SSM parameter's, read at deploy
            return Unknown(f"parameter {name} is the value of SSM parameter {value}, read at deploy time")
        if kind == "Number":
            try:
                return float(value) if "." in str(value) else int(value)
            except ValueError:
                return Unknown(f"parameter {name} is {value!r}, not a number", error=True)
        if kind == "CommaDelimitedList" or kind.startswith("List<"):
            return [v.strip() for v in value.split(",")] if isinstance(value, str) else value
        return value

    def _region(self, given: str | None) -> str:
        if given:
            if not self.prefix:
                self.notes.append(Assumption("region", READ, f"{given}, as given"))
            return given
        for name, value in self.parameters.items():
            if "region" in name.lower() and isinstance(value, str) and REGION.match(value):
                self.notes.append(Assumption("region", READ, f"{value}, the Default of parameter {name}"))
                return value
        mapped = self._mapped_region()
        if mapped:
            region, mapping = mapped
            self.notes.append(Assumption("region", READ, f"{region}, the only region mapping {mapping} lists "
                                                         "(the template deploys nowhere else)"))
            return region
        self.notes.append(Assumption("region", ASSUMED, f"a template names no region; {DEFAULT_REGION} assumed "
                                                        "(pass the stack's region to import)"))
        return DEFAULT_REGION

    def _mapped_region(self) -> tuple[str, str] | None:
        """The region of the template's region-keyed mappings (stackwright's AZ names, AMI tables), when
        every such mapping lists one and the same region: looked up by AWS::Region, it deploys only there."""
        found = {name: tuple(table) for name, table in self.mappings.items()
                 if isinstance(table, dict) and table and all(isinstance(k, str) and REGION.match(k) for k in table)}
        regions = {keys for keys in found.values()}
        if len(regions) == 1 and len(next(iter(regions))) == 1:
            return next(iter(regions))[0], ", ".join(sorted(found))
        return None

    def skipped(self, logical_id: str, condition: str | None) -> bool:
        if condition is None:
            return False
        value = self.condition(condition)
        if isinstance(value, Unknown) and value.error:
            raise ValueError(f"condition {condition}: {value.reason}")
        if is_unknown(value):
            self.notes.append(Assumption(logical_id, ASSUMED, f"condition {condition} cannot be evaluated "
                                                              f"({value.reason}); priced as if true"))
            return False
        if not value:
            self.notes.append(Assumption(logical_id, READ, f"skipped: condition {condition} is false"))
        return not value

    def condition(self, name: str) -> Any:
        if name not in self._conditions:
            self._conditions[name] = Unknown(f"condition {name} depends on itself", error=True)
            conditions = self.data.get("Conditions") or {}
            self._conditions[name] = (self.eval(conditions[name]) if name in conditions
                                      else Unknown(f"no condition named {name}", error=True))
        return self._conditions[name]

    # --- nested stacks ------------------------------------------------------------------------------

    def nested(self, logical_id: str) -> tuple[list[IacResource], Template | None]:
        """The resources of an AWS::CloudFormation::Stack whose TemplateURL is a local file (as before
        `aws cloudformation package` uploads it) and its Template; otherwise the stack itself, not
        priced, with why. Read once, when first needed (its outputs may be used above it)."""
        if logical_id not in self._stacks:
            self._stacks[logical_id] = ([], None)  # a stack whose parameters use its own outputs: no loop
            self._stacks[logical_id] = self._nested(logical_id)
        return self._stacks[logical_id]

    def _nested(self, logical_id: str) -> tuple[list[IacResource], Template | None]:
        address = self.prefix + logical_id
        props = self.eval(self.data["Resources"][logical_id].get("Properties") or {})
        props = props if isinstance(props, dict) else {}
        where = Location(str(self.path), self.lines.get(logical_id, 1), 3)
        url = props.get("TemplateURL")
        ancestors = self.ancestors

        def unread(reason: str) -> tuple[list[IacResource], None]:
            return [IacResource(address, address, "AWS::CloudFormation::Stack", props, where, problem=reason)], None

        if not isinstance(url, str):
            return unread("its TemplateURL is not known statically")
        if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
            return unread(f"nested stack template {url} is remote; point TemplateURL at the local file "
                          "(as before `aws cloudformation package`) or import that template on its own")
        child = (self.path.parent / url).resolve()
        if child in ancestors:
            raise UserError(Problem(str(self.path), where.line, 1, f"nested stack {logical_id} includes {url}, "
                                                                   "which includes this template: a cycle"))
        if len(ancestors) >= MAX_STACK_DEPTH:
            raise UserError(Problem(str(self.path), where.line, 1, f"nested stack {logical_id} is more than "
                                                                   f"{MAX_STACK_DEPTH} stacks deep"))
        if not child.is_file():
            return unread(f"nested stack template {url} is not here ({child}); check TemplateURL")
        given = props.get("Parameters") or {}
        if not isinstance(given, dict):
            return unread("its Parameters are not a mapping")
        resources, template = _read_stack(child, self.region, given, prefix=f"{address}.", ancestors=ancestors,
                                          notes=self.notes)
        self.notes.append(Assumption(address, READ, f"nested stack {url}: {len(resources)} resource(s) read"))
        return resources, template

    def output(self, name: str) -> Any:
        outputs = self.data.get("Outputs") or {}
        if name not in outputs or not isinstance(outputs[name], dict):
            return Unknown(f"the nested stack {self.path.name} has no output {name}", error=True)
        return self.eval(outputs[name].get("Value"))

    # --- intrinsic functions ------------------------------------------------------------------------

    def eval(self, value: Any) -> Any:
        if isinstance(value, dict):
            if len(value) == 1:
                (key, argument), = value.items()
                handler = INTRINSICS.get(key)
                if handler:
                    return handler(self, argument)
            result = {k: self.eval(v) for k, v in value.items()}
            return {k: v for k, v in result.items() if v is not NO_VALUE}
        if isinstance(value, list):
            return [v for v in map(self.eval, value) if v is not NO_VALUE]
        return value

    def ref(self, name: Any) -> Any:
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resource_ids:
            return ResourceRef(self.prefix + name)
        pseudo = {"AWS::Region": self.region, "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com",
                  "AWS::NoValue": NO_VALUE}
        if name in pseudo:
            return pseudo[name]
        if isinstance(name, str) and name.startswith("AWS::"):
            return Unknown(f"{name} is known at deploy time")
        return Unknown(f"Ref {name}: no parameter or resource of that name in the template", error=True)

    def get_att(self, argument: Any) -> Any:
        argument = self.eval(argument)
        if not isinstance(argument, list) or len(argument) != 2 or first_unknown(argument):
            return Unknown(f"Fn::GetAtt {argument!r} cannot be read", error=True)
        resource, attribute = argument
        if resource not in self.resource_ids:
            return Unknown(f"Fn::GetAtt {resource}: no resource of that name in the template", error=True)
        body = self.data["Resources"][resource]
        if isinstance(attribute, str) and attribute.startswith("Outputs.") and isinstance(body, dict) and body.get(
                "Type") == "AWS::CloudFormation::Stack":
            _, stack = self.nested(resource)
            if stack is not None:
                return stack.output(attribute.removeprefix("Outputs."))
        return ResourceRef(self.prefix + resource, str(attribute))

    def sub(self, argument: Any) -> Any:
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
        variables = {k: self.eval(v) for k, v in (variables or {}).items()}
        pieces: list[Any] = []
        position = 0
        for match in re.finditer(r"\$\{([^}]*)\}", text):
            pieces.append(text[position:match.start()])
            name = match.group(1)
            if name.startswith("!"):
                pieces.append("${" + name[1:] + "}")
            elif name in variables:
                pieces.append(variables[name])
            elif "." in name and name.split(".", 1)[0] in self.resource_ids:
                resource, attribute = name.split(".", 1)
                pieces.append(self.get_att([resource, attribute]))
            else:
                pieces.append(self.ref(name))
            position = match.end()
        pieces.append(text[position:])
        return self._concat(pieces)

    def _concat(self, pieces: list) -> Any:
        if first_unknown(pieces) is not None:
            refs = frozenset().union(*map(refs_in, pieces))
            return Unknown(first_unknown(pieces).reason, refs)
        return "".join(str(template_text(p)) for p in pieces)

    def join(self, argument: Any) -> Any:
        delimiter, values = self.eval(argument)
        if is_unknown(values):
            return values
        return self._concat([piece for i, v in enumerate(values) for piece in ((delimiter, v) if i else (v,))])

    def select(self, argument: Any) -> Any:
        index, values = self.eval(argument)
        if is_unknown(values) or is_unknown(index):
            return Unknown("Fn::Select over values known at deploy time", refs_in([index, values]))
        return values[int(index)]

    def split(self, argument: Any) -> Any:
        delimiter, text = self.eval(argument)
        return text if is_unknown(text) else text.split(delimiter)

    def if_(self, argument: Any) -> Any:
        name, when_true, when_false = argument
        chosen = self.condition(name)
        if is_unknown(chosen):
            return Unknown(f"Fn::If {name}: {chosen.reason}")
        return self.eval(when_true if chosen else when_false)

    def equals(self, argument: Any) -> Any:
        left, right = self.eval(argument)
        if first_unknown([left, right]) is not None:
            return Unknown("Fn::Equals on values known at deploy time", refs_in([left, right]))
        return str(template_text(left)) == str(template_text(right))

    def logic(self, values: list, combine) -> Any:
        evaluated = [self.eval(v) for v in values]
        known = [v for v in evaluated if not is_unknown(v)]
        if (combine is all and not all(known)) or (combine is any and any(known)):
            return combine(known)  # decided whatever the unknown ones are
        if len(known) < len(evaluated):
            return Unknown("a condition on values known at deploy time")
        return combine(known)

    def get_azs(self, argument: Any) -> Any:
        """The region's availability zones, as the Terraform reader's aws_availability_zones gives them."""
        from stackwright.importer.tf_data import offline_value

        region = self.eval(argument)
        if is_unknown(region):
            return Unknown(f"Fn::GetAZs of a region known at deploy time ({region.reason})")
        region = region or self.region  # "" or !Ref AWS::Region: the stack's region
        zones, note = offline_value("aws_availability_zones", "Fn::GetAZs", {}, region)
        self.note_once(Assumption("Fn::GetAZs", ASSUMED, note))
        return zones["names"]

    def note_once(self, note: Assumption) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def find_in_map(self, argument: Any) -> Any:
        name, first, second = self.eval(argument)
        try:
            return self.mappings[name][first][second]
        except (KeyError, TypeError):
            return Unknown(f"Fn::FindInMap {name}/{first}/{second}: no such entry", error=True)


def _not(template: Template, argument: Any) -> Any:
    value = template.eval(argument[0] if isinstance(argument, list) else argument)
    return value if is_unknown(value) else not value


INTRINSICS = {
    "Ref": Template.ref,
    "Fn::GetAtt": Template.get_att,
    "Fn::Sub": Template.sub,
    "Fn::Join": Template.join,
    "Fn::Select": Template.select,
    "Fn::Split": Template.split,
    "Fn::If": Template.if_,
    "Fn::Equals": Template.equals,
    "Fn::And": lambda t, a: t.logic(a, all),
    "Fn::Or": lambda t, a: t.logic(a, any),
    "Fn::Not": _not,
    "Condition": Template.condition,
    "Fn::FindInMap": Template.find_in_map,
    "Fn::Base64": lambda t, a: t.eval(a),
    "Fn::Length": lambda t, a: (lambda v: v if is_unknown(v) else len(v))(t.eval(a)),
    "Fn::ToJsonString": lambda t, a: (lambda v: Unknown("Fn::ToJsonString of values known at deploy time")
                                      if first_unknown(v) else json.dumps(v))(t.eval(a)),
    "Fn::GetAZs": Template.get_azs,
    "Fn::ImportValue": lambda t, a: Unknown("Fn::ImportValue comes from another stack"),
    "Fn::Cidr": lambda t, a: Unknown("Fn::Cidr is not evaluated in a static read"),
    "Fn::Transform": lambda t, a: Unknown("Fn::Transform runs a macro at deploy time"),
}
