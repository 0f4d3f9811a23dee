"""Read a Terraform directory or .tf file into resources, evaluating what a static read can.

Variables take TF_VAR_*, terraform.tfvars, *.auto.tfvars, the given var files and -var values over
their defaults, converted by their declared types (tf_types); locals, `count`, `for_each`, `dynamic`
blocks, module outputs and offline data sources (tf_data) are evaluated lazily, so a value that cannot
be known only affects the resources that use it. Local modules and the modules `terraform init`
installed (.terraform/modules/modules.json) are read with their inputs, each file parsed once per run;
the terraform-aws-modules `vpc` module becomes one pseudo-resource whose inputs the network mapping
reads; a module that is not installed is reported as not read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import hcl2
from hcl2.api import parses_to_tree, transform
from hcl2.rules.abstract import LarkRule
from hcl2.rules.base import AttributeRule, BlockRule
from hcl2.rules.literal_rules import IdentifierRule
from hcl2.rules.strings import StringRule
from lark import Tree
from lark.exceptions import LarkError, UnexpectedInput

from stackwright import collector, limits
from stackwright.errors import Problem, UserError, read_user_file
from stackwright.importer.hcl_eval import Budget, Evaluator, TfSet, as_number, error, key_text, unknown_from
from stackwright.limits import LimitExceeded
from stackwright.importer.resources import (
    ASSUMED, READ, Assumption, IacRead, IacResource, Location, ResourceRef, Unknown, is_unknown,
)
from stackwright.importer.tf_data import OFFLINE, offline_value
from stackwright.importer.tf_types import convert

VPC_MODULE = "terraform-aws-modules/vpc/aws"
VPC_MODULE_SOURCE = re.compile(
    r"^(registry\.terraform\.io/)?terraform-aws-modules/vpc/aws(//.*)?$"
    r"|^(git::)?(https://|ssh://git@)?github\.com[/:]terraform-aws-modules/terraform-aws-vpc"
)
AVAILABILITY_ZONE = re.compile(r"^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$")
DEFAULT_REGION = "us-east-1"
# Blocks that say how Terraform manages a resource, not what the resource is.
MANAGEMENT_BLOCKS = {"lifecycle", "provisioner", "connection", "timeouts"}
META_ARGUMENTS = {"count", "for_each", "provider", "depends_on"}
# Labels (with the block type) each top-level block needs, as Terraform requires.
LABELS = {"resource": 3, "data": 3, "module": 2, "variable": 2, "output": 2, "provider": 2}
LABEL_EXAMPLES = {"resource": 'resource "aws_instance" "web"', "data": 'data "aws_ami" "linux"',
                  "module": 'module "vpc"', "variable": 'variable "region"', "output": 'output "url"',
                  "provider": 'provider "aws"'}
MODULE_META_ARGUMENTS = {"source", "version", "count", "for_each", "providers", "depends_on"}


def read_terraform(path: Path, *, region: str | None = None, var_files: Sequence[Path] = (),
                   variables: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None,
                   given: Sequence[Path | tuple[str, str]] | None = None) -> IacRead:
    """`given`: the -var-file paths and -var (name, value) pairs in command-line order, which Terraform
    applies in that order; without it, `var_files` and then `variables`."""
    path = Path(path)
    if given is None:
        given = [*var_files, *(variables or {}).items()]
    directory = path if path.is_dir() else path.parent
    files = sorted(directory.glob("*.tf")) if path.is_dir() else [path]
    if not files:
        raise UserError(Problem(str(path), 1, 1, "no .tf files here; point at a Terraform directory or .tf file"))
    project = Project(directory, region, given, os.environ if environ is None else environ)
    try:
        # parse trees are millions of long-lived objects (4 MB of HCL makes 500 MB of them); Project.release
        # frees them without the collector
        with collector.paused():
            root = Module(project, directory, files, prefix="", inputs=None)
            resources = list(root.resources())
    except LimitExceeded as exc:
        raise UserError(exc.problem(str(files[0]))) from None
    except RecursionError:  # a chain of locals or modules deeper than Python's stack
        raise UserError(Problem(str(files[0]), 1, 1, "references nest too deeply to evaluate (a very long "
                                                     "chain of locals or modules); shorten the chain")) from None
    finally:
        project.release()
    project.resolve_region(root, resources)
    return IacRead("terraform", spec_name(directory), resources, project.region, project.notes, project.azs(resources),
                   region_location=project.region_location if project.region == project.provider_region else None)


def spec_name(directory: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(os.path.abspath(directory)).name).strip("-._")
    return name or "imported"


BRACKETS = re.compile(r"[(\[{]|[)\]}]")


def _nesting(text: str, path: Path) -> None:
    """Refuse brackets nested past the limit before parsing: the HCL parser recurses on each level."""
    depth = 0
    for match in BRACKETS.finditer(text):
        depth += 1 if match.group() in "([{" else -1
        if depth > limits.MAX_BRACKET_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - text.rfind("\n", 0, match.start())
            raise UserError(Problem(str(path), line, column, f"brackets nested more than {limits.MAX_BRACKET_DEPTH} "
                                    "levels deep; split the expression into locals"))


def _most_operators(text: str) -> tuple[int, int]:
    """Where a parse too deep for the parser most likely is: the line with the longest chain of
    operators and brackets (brackets alone are bounded before parsing), at its first character."""
    lines = text.splitlines() or [""]
    counts = [len(re.findall(r"[-+*/%<>=!&|?(\[{]", line)) for line in lines]
    number = max(range(len(lines)), key=lambda i: counts[i])
    return number + 1, len(lines[number]) - len(lines[number].lstrip()) + 1


def parse_hcl(path: Path):
    text = read_user_file(path, "Terraform file")
    _nesting(text, path)
    try:
        lark_tree = parses_to_tree(text)
        _slim_positions(lark_tree)
        tree = transform(lark_tree, discard_comments=True)
    except RecursionError:
        line, column = _most_operators(text)
        raise UserError(Problem(str(path), line, column, "the file is nested too deeply to parse; split deep "
                                "expressions into locals")) from None
    except UnexpectedInput as exc:
        line, column = max(getattr(exc, "line", 1), 1), max(getattr(exc, "column", 1), 1)
        token = getattr(exc, "token", None) or getattr(exc, "char", None)
        what = f"unexpected {str(token)!r}" if token not in (None, "") else "unexpected end of file"
        raise UserError(Problem(str(path), line, column,
                                f"malformed HCL: {what}; check the braces, quotes and '=' around here")) from None
    except LarkError as exc:
        raise UserError(Problem(str(path), 1, 1, f"malformed HCL: {str(exc)[:200]}; check the file's syntax")) from None
    return tree


class _Place:
    """Where a rule starts: all the read uses of the parser's position record (a dict of 14 numbers on
    each of the hundreds of thousands of rules a large file makes, a third of the tree's memory)."""

    __slots__ = ("line", "column")


def _slim_positions(lark_tree: Tree) -> None:
    """Replace the position record of every node of Lark's tree, before hcl2 makes its rules from them,
    with a _Place, one per distinct place in the file."""
    places: dict[tuple[int, int], _Place] = {}
    nowhere = _Place()  # a node the parser gave no position keeps none
    stack = [lark_tree]
    while stack:
        node = stack.pop()
        line = getattr(node._meta, "line", None)
        if line is None:
            node._meta = nowhere
        else:
            key = (line, node._meta.column)
            place = places.get(key)
            if place is None:
                place = places[key] = _Place()
                place.line, place.column = key
            node._meta = place
        stack.extend(child for child in node.children if isinstance(child, Tree))


def _attribute_files(body, file: str, files: dict[int, str]) -> None:
    """Note the file of every attribute expression in `body`, so limits hit inside say where."""
    for child in body.children:
        if isinstance(child, AttributeRule):
            files[id(child.expression)] = file
        elif isinstance(child, BlockRule):
            _attribute_files(child.body, file, files)


def _unlink(tree) -> None:
    """Clear every element's link to its parent, so the tree holds no reference cycle."""
    stack = [tree]
    while stack:
        rule = stack.pop()
        for child in rule.children:
            if child is not None:
                child.set_parent(None)
                if isinstance(child, LarkRule):
                    stack.append(child)


def label_text(label) -> str:
    if isinstance(label, IdentifierRule):
        return str(label.token.value)
    if isinstance(label, StringRule):
        return "".join(str(part.content.value) for part in label.string_parts)
    return str(label.token.value)


def location(file: Path, rule) -> Location:
    return Location(str(file), getattr(rule._meta, "line", 1), getattr(rule._meta, "column", 1))


def attributes(body) -> dict[str, AttributeRule]:
    return {str(c.identifier.token.value): c for c in body.children if isinstance(c, AttributeRule)}


def blocks(body) -> list[BlockRule]:
    return [c for c in body.children if isinstance(c, BlockRule)]


def traversal_text(expression) -> str:
    """`aws.west` as written: the provider meta-argument is a reference, not a value."""
    return str(expression.serialize()).removeprefix("${").removesuffix("}")


class _Nothing:
    """The scope of a tfvars file: values only, no names."""

    path_module = path_root = "."

    def __getattr__(self, name):
        return lambda *args: error("a .tfvars file can hold only values")


class Project:
    """What the whole read shares: the root directory, variable files, the region and notes."""

    def __init__(self, root: Path, region: str | None, given: Sequence[Path | tuple[str, str]],
                 environ: Mapping[str, str]):
        self.root = root
        self.given_region = region
        self.region = region or DEFAULT_REGION
        self.provider_region: str | None = None
        self.region_location: Location | None = None  # where the provider block sets it
        self.notes: list[Assumption] = []
        self.budget = Budget()  # shared by every module: the whole read is bounded, not each module
        self.modules = 0
        self.instances: list[Module] = []
        self._parsed: dict[Path, Any] = {}
        self._files: dict[Path, list[Path]] = {}
        self.installed = self._installed_modules(root)
        self.variables = self._load_variables(root, given, environ)

    def parse(self, file: Path):
        """Each file parsed once per run, however many module instances read it."""
        key = Path(os.path.normpath(file))
        if key not in self._parsed:
            self._parsed[key] = parse_hcl(file)
            self.budget.read(key.stat().st_size)
        return self._parsed[key]

    def release(self) -> None:
        """Free the parse trees by reference counting, not by the paused cycle collector (a collection
        over them took seconds): drop what each module instance holds and each tree's child-to-parent links."""
        for module in self.instances:
            module.release()
        for tree in self._parsed.values():
            _unlink(tree)
        self._parsed.clear()

    def tf_files(self, directory: Path) -> list[Path]:
        key = Path(os.path.normpath(directory))
        if key not in self._files:
            self._files[key] = sorted(key.glob("*.tf"))
        return self._files[key]

    def _installed_modules(self, root: Path) -> dict[str, Path]:
        """Module call path ("db.db_instance") -> the directory `terraform init` put it in, from
        .terraform/modules/modules.json."""
        manifest = root / ".terraform" / "modules" / "modules.json"
        if not manifest.is_file():
            return {}
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UserError(Problem(str(manifest), getattr(exc, "lineno", 1), getattr(exc, "colno", 1),
                                    f"malformed module manifest ({exc}); run `terraform init` again")) from None
        entries = data.get("Modules") if isinstance(data, dict) else None
        installed = {}
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get("Key") and isinstance(entry.get("Dir"), str):
                directory = Path(os.path.normpath(root / entry["Dir"]))
                if directory.is_dir() and root.resolve() in [directory.resolve(), *directory.resolve().parents]:
                    installed[str(entry["Key"])] = directory
        if installed:
            self.notes.append(Assumption("modules", READ, f"{len(installed)} module(s) installed by terraform init "
                                                          "(.terraform/modules/modules.json)"))
        return installed

    def _load_variables(self, root: Path, given: Sequence[Path | tuple[str, str]],
                        environ: Mapping[str, str]) -> dict[str, Any]:
        """As Terraform: TF_VAR_* environment variables, then terraform.tfvars(.json), then the
        *.auto.tfvars(.json) files in lexical order of their names, then the -var-file files and -var values
        in the order given (`given`): later ones win. Environment and -var values are text, converted by
        the variable's declared type."""
        auto = [root / "terraform.tfvars", root / "terraform.tfvars.json",
                *sorted([*root.glob("*.auto.tfvars"), *root.glob("*.auto.tfvars.json")], key=lambda p: p.name)]
        files = [Path(g) for g in given if not isinstance(g, tuple)]
        for other in sorted(root.glob("*.tfvars")):
            if other not in auto + files and other.resolve() not in {c.resolve() for c in files}:
                self.notes.append(Assumption(other.name, READ, "not loaded: Terraform reads it only with "
                                                               "-var-file (pass it with --var-file)"))
        values: dict[str, Any] = {name[len("TF_VAR_"):]: _Text(value) for name, value in sorted(environ.items())
                                  if name.startswith("TF_VAR_") and len(name) > len("TF_VAR_")}
        for entry in [*(p for p in auto if p.is_file()), *given]:
            if isinstance(entry, tuple):
                name, value = entry
                values[name] = _Text(value)
            else:
                values.update(self._variables_file(Path(entry)))
        return values

    def _variables_file(self, path: Path) -> dict[str, Any]:
        if not path.is_file():
            raise UserError(f"--var-file '{path}': no such variables file; check the path")
        if path.suffix == ".json":
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise UserError(Problem(str(path), exc.lineno, exc.colno, f"malformed JSON: {exc.msg}")) from None
        evaluator = Evaluator(_Nothing(), self.budget)
        tree = parse_hcl(path)
        _attribute_files(tree.body, str(path), evaluator.files)
        return {name: evaluator.eval(attribute.expression) for name, attribute in attributes(tree.body).items()}

    def note_once(self, subject: str, source: str, text: str) -> None:
        note = Assumption(subject, source, text)
        if note not in self.notes:
            self.notes.append(note)

    def resolve_region(self, root: "Module", resources: list[IacResource]) -> None:
        if self.given_region:
            self.notes.append(Assumption("region", READ, f"{self.given_region}, as given"))
            return
        if self.provider_region:
            self.region = self.provider_region
            self.notes.append(Assumption("region", READ, f"{self.region}, from the aws provider block"))
            return
        for zone in self._zones(resources):
            match = AVAILABILITY_ZONE.match(zone)
            if match:
                self.region = match.group(1)
                self.notes.append(Assumption("region", ASSUMED, f"{self.region}, from availability zone {zone} "
                                                                "(no region in the aws provider block)"))
                return
        self.notes.append(Assumption("region", ASSUMED, f"no region in the code; {DEFAULT_REGION} assumed "
                                                        "(pass the region to import)"))

    @staticmethod
    def _zones(resources: list[IacResource]) -> Iterator[str]:
        for resource in resources:
            if resource.type in (VPC_MODULE, "module"):  # module inputs, read or not, often list the AZs
                zones = resource.props.get("azs", resource.props.get("availability_zones"))
            else:
                zones = [resource.props.get("availability_zone")]
            for zone in zones if isinstance(zones, list) else []:
                if isinstance(zone, str):
                    yield zone

    def azs(self, resources: list[IacResource]) -> int | None:
        zones = {z for z in self._zones(resources)}
        return min(len(zones), 6) if zones else None


class _Text(str):
    """A variable's value given as text (-var, TF_VAR_*): Terraform reads it as an HCL expression
    when the variable's type is not a primitive."""

    def parsed(self, type_attribute, name: str) -> Any:
        declared = traversal_text(type_attribute.expression) if type_attribute is not None else "string"
        if declared in ("string", "number", "bool") or not self.strip().startswith(("[", "{")):
            return str(self)
        try:
            tree = hcl2.parses(f"value = {self}\n")
        except (LarkError, UnexpectedInput):
            return error(f"var.{name}: {self!r} is not a valid HCL value")
        return Evaluator(_Nothing()).eval(attributes(tree.body)["value"].expression)


class _Inputs(Mapping):
    """A module call's arguments, each evaluated in the calling module when the called one first reads
    it: modules may read each other's outputs both ways (as Terraform allows) without a cycle."""

    def __init__(self, caller: "Module", rules: dict[str, AttributeRule], env: dict):
        self._caller, self._rules, self._env = caller, rules, env
        self._values: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            self._values[name] = self._caller.evaluator.eval(self._rules[name].expression, self._env)
        return self._values[name]

    def __iter__(self):
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


class Module:
    """One module instance: the root, or a local module called with its inputs. It is the scope its
    expressions are evaluated in."""

    def __init__(self, project: Project, directory: Path, files: list[Path], prefix: str, inputs: dict | None):
        self.project = project
        self.directory = directory
        self.prefix = prefix
        self.path_module = str(directory)
        self.path_root = str(project.root)
        self.given = project.variables if inputs is None else inputs
        project.modules += 1
        if project.modules > limits.MAX_MODULES or prefix.count("module.") > limits.MAX_MODULE_DEPTH:
            raise LimitExceeded(f"more than {limits.MAX_MODULES:,} module instances, or modules nested more than "
                                f"{limits.MAX_MODULE_DEPTH} deep (does a module call itself?)",
                                "import the modules separately, or check the module sources")
        self.evaluator = Evaluator(self, project.budget)
        self.variable_blocks: dict[str, BlockRule] = {}
        self.local_rules: dict[str, AttributeRule] = {}
        self.resource_blocks: dict[tuple[str, str], tuple[BlockRule, Path]] = {}
        self.module_blocks: dict[str, tuple[BlockRule, Path]] = {}
        self.data_blocks: dict[tuple[str, str], BlockRule] = {}
        self.output_rules: dict[str, AttributeRule] = {}
        self.provider_regions: dict[str, Any] = {}
        self._values: dict[tuple, Any] = {}
        self._evaluating: set[tuple] = set()
        self._children: dict[str, Any] = {}
        project.instances.append(self)  # its parse trees released with the project's
        providers: list[tuple[BlockRule, Path]] = []
        for file in files:
            providers += [(provider, file) for provider in self._collect(file)]
        for provider, file in providers:  # after every file: a provider's region may use a variable declared later
            self._provider(provider, file)

    def release(self) -> None:
        """Drop the blocks, values and evaluator once the read is over (see Project.release)."""
        self.evaluator = self.given = None
        for held in (self.variable_blocks, self.local_rules, self.resource_blocks, self.module_blocks,
                     self.data_blocks, self.output_rules, self._values, self._children):
            held.clear()

    def _collect(self, file: Path) -> list[BlockRule]:
        """Index the file's blocks by kind; return its aws provider blocks (root module only)."""
        providers = []
        tree = self.project.parse(file)
        _attribute_files(tree.body, str(file), self.evaluator.files)
        for block in blocks(tree.body):
            labels = [label_text(label) for label in block.labels]
            kind = labels[0]
            if len(labels) < LABELS.get(kind, 0):
                where = location(file, block)
                raise UserError(Problem(where.file, where.line, where.column,
                                        f"a {kind} block needs {LABELS[kind] - 1} label(s) (for example "
                                        f"{LABEL_EXAMPLES[kind]}); add them"))
            if kind == "variable" and len(labels) == 2:
                self.variable_blocks[labels[1]] = block
            elif kind == "locals":
                self.local_rules.update(attributes(block.body))
            elif kind == "resource" and len(labels) == 3:
                self.resource_blocks[(labels[1], labels[2])] = (block, file)
            elif kind == "data" and len(labels) == 3:
                self.data_blocks[(labels[1], labels[2])] = block
            elif kind == "module" and len(labels) == 2:
                self.module_blocks[labels[1]] = (block, file)
            elif kind == "output" and len(labels) == 2 and "value" in attributes(block.body):
                self.output_rules[labels[1]] = attributes(block.body)["value"]
            elif kind == "provider" and labels[1:] == ["aws"] and not self.prefix:
                providers.append(block)
        return providers

    def _provider(self, block: BlockRule, file: Path) -> None:
        attrs = attributes(block.body)
        region = self.evaluator.eval(attrs["region"].expression) if "region" in attrs else None
        alias = self.evaluator.eval(attrs["alias"].expression) if "alias" in attrs else None
        if alias:
            self.provider_regions[f"aws.{alias}"] = region
        elif isinstance(region, str):
            self.project.provider_region = region
            self.project.region_location = location(file, attrs["region"])
        elif is_unknown(region):
            self.project.notes.append(Assumption("region", READ,
                                                 f"the aws provider's region is unknown: {region.reason}"))

    def _memo(self, key: tuple, compute) -> Any:
        """Evaluate once; a value that depends on itself is an error, not a hang."""
        if key in self._values:
            return self._values[key]
        if key in self._evaluating:
            return error(f"{'.'.join(key)} depends on itself")
        self._evaluating.add(key)
        depth, self.evaluator.depth = self.evaluator.depth, 0  # nesting counts within one expression
        try:
            value = compute()
        finally:
            self._evaluating.discard(key)
            self.evaluator.depth = depth
        self._values[key] = value
        return value

    # --- the Scope protocol ---------------------------------------------------------------------

    def variable(self, name: str) -> Any:
        return self._memo(("var", name), lambda: self._variable(name))

    def _variable(self, name: str) -> Any:
        block = self.variable_blocks.get(name)
        if block is None:
            return error(f"var.{name} is not declared")
        attrs = attributes(block.body)
        if name in self.given and not (self.given[name] is None and self._null_takes_default(attrs)):
            value = self.given[name]
            if isinstance(value, _Text):
                value = value.parsed(attrs.get("type"), name)
        elif "default" in attrs:
            value = self.evaluator.eval(attrs["default"].expression)
        else:
            where = "terraform.tfvars" if not self.prefix else f"the call of {self.prefix.rstrip('.')}"
            return Unknown(f"var.{name} has no default and no value in {where}")
        return convert(attrs["type"].expression if "type" in attrs else None, value, self.evaluator, f"var.{name}")

    def _null_takes_default(self, attrs: dict) -> bool:
        """`nullable = false`: a null argument takes the default, as Terraform does."""
        return "default" in attrs and "nullable" in attrs and self.evaluator.eval(attrs["nullable"].expression) is False

    def local(self, name: str) -> Any:
        rule = self.local_rules.get(name)
        if rule is None:
            return error(f"local.{name} is not defined")
        return self._memo(("local", name), lambda: self.evaluator.eval(rule.expression))

    def data(self, type_: str, name: str) -> Any:
        return self._memo(("data", type_, name), lambda: self._data(type_, name))

    def _data(self, type_: str, name: str) -> Any:
        """What is knowable offline (tf_data); otherwise a reference whose attributes are read at apply time."""
        address = f"{self.prefix}data.{type_}.{name}"
        block = self.data_blocks.get((type_, name))
        if block is None or type_ not in OFFLINE:  # undeclared: perhaps in a file this read was not given
            return ResourceRef(address)
        region = self.project.given_region or self.project.provider_region
        if region is None:
            region = DEFAULT_REGION
            self.project.note_once("region", ASSUMED, f"no region in the code; {DEFAULT_REGION} assumed for "
                                                      "data sources (pass the region to import)")
        keys = self._keys(attributes(block.body), {})
        if is_unknown(keys):
            return unknown_from(keys)
        values = {}
        for key, env in self._instances(keys):
            values[key], note = offline_value(type_, address, self.props(block.body, env), region)
            if note:
                self.project.note_once(address, ASSUMED, note)
        if keys is None:
            return values[None]
        return values if isinstance(keys, dict) else [values[k] for k in keys]

    def resource(self, type_: str, name: str) -> Any:
        if (type_, name) not in self.resource_blocks:
            return error(f"{type_}.{name} is not declared")
        address = f"{self.prefix}{type_}.{name}"
        keys = self.instance_keys(type_, name)
        if keys is None or is_unknown(keys):
            return ResourceRef(address)
        if isinstance(keys, dict):
            return {key: ResourceRef(address + key_text(key)) for key in keys}
        return [ResourceRef(address + key_text(key)) for key in keys]

    def module(self, name: str) -> Any:
        children = self.child_modules(name)
        if children is None:
            return Unknown(f"the outputs of module.{name} are not read", frozenset({f"{self.prefix}module.{name}"}))
        return children

    def output(self, name: str) -> Any:
        rule = self.output_rules.get(name)
        if rule is None:
            return error(f"{self.prefix.rstrip('.')} has no output '{name}'")
        return self._memo(("output", name), lambda: self.evaluator.eval(rule.expression))

    # --- expansion ------------------------------------------------------------------------------

    def instance_keys(self, type_: str, name: str) -> Any:
        block, _ = self.resource_blocks[(type_, name)]
        return self._memo(("keys", type_, name), lambda: self._keys(attributes(block.body), {}))

    def _keys(self, attrs: dict, env: dict) -> Any:
        """None (a single instance), a list of count indexes, a dict of for_each keys to values, or Unknown."""
        if "count" in attrs:
            count = self.evaluator.eval(attrs["count"].expression, env)
            if is_unknown(count):
                return Unknown(f"count: {count.reason}", count.refs)
            if isinstance(count, str):  # Terraform converts a string count: count = "2"
                try:
                    count = as_number(count)
                except ValueError:
                    return error(f"count is {count!r}, not a whole number")
            if isinstance(count, bool) or not isinstance(count, (int, float)) or count < 0:
                return error(f"count is {count!r}, not a whole number")
            if count > limits.MAX_COLLECTION:
                exc = LimitExceeded(f"count is {count:,}: more than {limits.MAX_COLLECTION:,} instances",
                                    "a static read prices at most that many; lower count or import a smaller part")
                self.evaluator.locate(exc, attrs["count"].expression)
                raise exc
            return list(range(int(count)))
        if "for_each" in attrs:
            each = self.evaluator.eval(attrs["for_each"].expression, env)
            if is_unknown(each):
                return Unknown(f"for_each: {each.reason}", each.refs)
            if isinstance(each, dict):
                return dict(sorted(each.items()))
            if isinstance(each, (list, TfSet)) and all(isinstance(k, str) for k in each):
                return {key: key for key in sorted(set(each))}
            return error(f"for_each is {each!r}, not a map or a set of strings")
        return None

    @staticmethod
    def _instances(keys) -> list[tuple[Any, dict]]:
        if keys is None:
            return [(None, {})]
        if isinstance(keys, dict):
            return [(key, {"each": {"key": key, "value": value}}) for key, value in keys.items()]
        return [(index, {"count": {"index": index}}) for index in keys]

    def props(self, body, env: dict, *, top: bool = True) -> dict:
        """A block's arguments evaluated, nested blocks as lists of dicts, `dynamic` blocks expanded."""
        result: dict[str, Any] = {}
        for child in body.children:
            if isinstance(child, AttributeRule):
                name = str(child.identifier.token.value)
                if not (top and name in META_ARGUMENTS):
                    result[name] = self.evaluator.eval(child.expression, env)
            elif isinstance(child, BlockRule):
                labels = [label_text(label) for label in child.labels]
                if labels[0] in MANAGEMENT_BLOCKS:
                    continue
                if labels[0] == "dynamic" and len(labels) == 2:
                    expanded = self._dynamic(child, labels[1], env)
                    kind = labels[1]
                else:
                    expanded = [self.props(child.body, env, top=False)]
                    kind = labels[0]
                existing = result.get(kind, [])
                if is_unknown(existing) or is_unknown(expanded):
                    result[kind] = existing if is_unknown(existing) else expanded
                else:
                    result[kind] = [*existing, *expanded]
        return result

    def _dynamic(self, block: BlockRule, kind: str, env: dict) -> Any:
        attrs = attributes(block.body)
        content = next((b for b in blocks(block.body) if label_text(b.labels[0]) == "content"), None)
        if "for_each" not in attrs or content is None:
            return error(f"dynamic \"{kind}\" needs for_each and a content block")
        iterator = traversal_text(attrs["iterator"].expression) if "iterator" in attrs else kind
        collection = self.evaluator.eval(attrs["for_each"].expression, env)
        if is_unknown(collection):
            return Unknown(f"dynamic \"{kind}\": for_each {collection.reason}", collection.refs)
        pairs = sorted(collection.items()) if isinstance(collection, dict) else (
            [(v, v) for v in collection] if isinstance(collection, TfSet) else list(enumerate(collection)))
        return [self.props(content.body, {**env, iterator: {"key": k, "value": v}}, top=False) for k, v in pairs]

    def child_modules(self, name: str) -> Any:
        """The Module (or list/dict of them, with count/for_each) a local module call reads, or None."""
        if name in self._children:
            return self._children[name]
        self._children[name] = None
        block, _ = self.module_blocks[name] if name in self.module_blocks else (None, None)
        if block is None:
            return None
        attrs = attributes(block.body)
        source = self.evaluator.eval(attrs["source"].expression) if "source" in attrs else None
        directory = self._module_directory(name, source)
        if directory is None or not self.project.tf_files(directory):
            return None
        keys = self._keys(attrs, {})
        if is_unknown(keys):
            self._children[name] = keys
            return keys
        instances = []
        for key, env in self._instances(keys):
            inputs = _Inputs(self, {n: a for n, a in attrs.items() if n not in MODULE_META_ARGUMENTS}, env)
            prefix = f"{self.prefix}module.{name}{key_text(key) if key is not None else ''}."
            instances.append((key, Module(self.project, Path(os.path.normpath(directory)),
                                          self.project.tf_files(directory), prefix, inputs)))
        if keys is None:
            self._children[name] = instances[0][1]
        elif isinstance(keys, dict):
            self._children[name] = {key: module for key, module in instances}
        else:
            self._children[name] = [module for _, module in instances]
        return self._children[name]

    # --- resources ------------------------------------------------------------------------------

    def resources(self) -> Iterator[IacResource]:
        for (type_, name), (block, file) in self.resource_blocks.items():
            address = f"{self.prefix}{type_}.{name}"
            where = location(file, block)
            keys = self.instance_keys(type_, name)
            if is_unknown(keys):
                yield IacResource(address, address, type_, {}, where, problem=f"cannot tell how many: {keys.reason}")
                continue
            attrs = attributes(block.body)
            provider_region = (self.provider_regions.get(traversal_text(attrs["provider"].expression))
                               if "provider" in attrs else None)
            for key, env in self._instances(keys):
                yield IacResource(address + (key_text(key) if key is not None else ""), address, type_,
                                  self.props(block.body, env), where,
                                  region=provider_region if isinstance(provider_region, str) else None)
        for name, (block, file) in self.module_blocks.items():
            yield from self._module_resources(name, block, file)

    def _module_resources(self, name: str, block: BlockRule, file: Path) -> Iterator[IacResource]:
        address = f"{self.prefix}module.{name}"
        where = location(file, block)
        attrs = attributes(block.body)
        source = self.evaluator.eval(attrs["source"].expression) if "source" in attrs else None
        if isinstance(source, str) and VPC_MODULE_SOURCE.match(source):
            keys = self._keys(attrs, {})
            if is_unknown(keys):
                yield IacResource(address, address, VPC_MODULE, {}, where,
                                  problem=f"cannot tell how many: {keys.reason}")
                return
            for key, env in self._instances(keys):
                inputs = {n: self.evaluator.eval(a.expression, env) for n, a in attrs.items()
                          if n not in MODULE_META_ARGUMENTS}
                yield IacResource(address + (key_text(key) if key is not None else ""), address, VPC_MODULE,
                                  inputs, where)
            return
        children = self.child_modules(name)
        if children is None or is_unknown(children):
            inputs = {n: self.evaluator.eval(a.expression) for n, a in attrs.items() if n not in MODULE_META_ARGUMENTS}
            problem = (self._unread_module_reason(source) if children is None
                       else f"cannot tell how many: {children.reason}")
            yield IacResource(address, address, "module", {"source": source, **inputs}, where, problem=problem)
        else:
            modules = children.values() if isinstance(children, dict) else (
                children if isinstance(children, list) else [children])
            for module in modules:
                yield from module.resources()

    def _module_directory(self, name: str, source: Any) -> Path | None:
        """Where a module call's code is: as `terraform init` installed it, or a local path."""
        call_path = ".".join([*re.findall(r"module\.([A-Za-z0-9_-]+)", self.prefix), name])
        if call_path in self.project.installed:
            return self.project.installed[call_path]
        if isinstance(source, str) and source.startswith(("./", "../")):
            return self.directory / source
        return None

    def _unread_module_reason(self, source: Any) -> str:
        if not isinstance(source, str):
            return "the module's source cannot be known statically"
        if source.startswith(("./", "../")):
            return (f"module source {source} has no .tf files here ({os.path.normpath(self.directory / source)}); "
                    "import the directory that contains it")
        return (f"module source {source} is not read: it is not installed; run `terraform init` in "
                f"{self.project.root} so .terraform/modules holds it, then import again")
