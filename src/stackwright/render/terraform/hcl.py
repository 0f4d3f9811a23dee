"""HCL documents as Python data, written by python-hcl2's deserializer, formatter and reconstructor.

A document is a list of `Block`s. Attribute values are Python literals (str is always a quoted string,
escaped), lists, dicts (HCL objects), `Expr` (an expression written as is: `aws_vpc.this.id`),
`Template` (a string with interpolations), `Call` (a function call) or nested `Block`s. Multi-line
text ending in a newline (user data) is written as a heredoc.
python-hcl2 takes values in its own convention (`'${expr}'` for an expression, `'"label"'` for a
quoted label or key); `_hcl2_value` translates to it and strings go in part by part, so no caller
quotes or escapes anything by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Union

import hcl2
from hcl2.const import IS_BLOCK
from hcl2.deserializer import BaseDeserializer, DeserializerOptions
from hcl2.formatter import BaseFormatter, FormatterOptions
from hcl2.parser import parser as hcl2_parser
from hcl2.rules.containers import FloatLitRule, IntLitRule, ObjectRule, TupleRule
from hcl2.rules.expressions import ExprTermRule
from hcl2.rules.for_expressions import ForObjectExprRule, ForTupleExprRule
from hcl2.rules.functions import ArgumentsRule, FunctionCallRule
from hcl2.rules.literal_rules import IdentifierRule
from hcl2.rules.strings import InterpolationRule, StringPartRule, StringRule
from hcl2.rules.tokens import COMMA, DBLQUOTE, INTERP_START, LPAR, NAME, RBRACE, RPAR, STRING_CHARS

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INDENT = "  "
INLINE_LIST_ITEMS = 6  # longer lists, one item a line, read and diff better
HEREDOC_END = "EOT"
# python-hcl2's formatter indents the blank lines it puts around nested blocks and sometimes doubles them.
TRAILING_SPACE = re.compile(r"[ \t]+\n")
BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Expr:
    """A Terraform expression written as is, e.g. `var.name` or `aws_vpc.this.id`."""

    text: str


@dataclass(frozen=True)
class Template:
    """A quoted string made of literal text and expressions: `"${aws_ecr_repository.api.repository_url}:v1"`."""

    parts: tuple[Union[str, Expr], ...]


@dataclass(frozen=True)
class Call:
    """A function call such as `jsonencode({...})`; arguments are any values this module writes."""

    function: str
    args: tuple[Any, ...]


@dataclass
class Block:
    """`type "label" ... { body }`. Body values that are Blocks (or lists of Blocks) are nested blocks
    named by their key, written after the attributes; `comments` go first inside the block (checkov
    reads skips only there)."""

    type: str
    labels: tuple[str, ...] = ()
    body: dict[str, Any] = field(default_factory=dict)
    comments: tuple[str, ...] = ()


def quote(text: str) -> str:
    """`text` as the inside of an HCL string: escapes, and `${`/`%{` kept literal."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{"))


def dumps(blocks: list[Block]) -> str:
    """The document's text: blocks in the given order, one blank line between them."""
    return align("\n".join(_dump_block(block) for block in blocks))


def _dump_block(block: Block) -> str:
    tree = _Deserializer(DeserializerOptions(object_elements_trailing_comma=False)).load_python(
        {block.type: [_labelled(block)]})
    _Formatter(FormatterOptions(open_empty_blocks=False)).format_tree(tree)
    if block.comments:
        body = tree.body.children[0].body
        opening = body.children[0].token  # the newline the formatter put before the first attribute
        opening.set_value("".join(f"\n{INDENT}#{comment}" for comment in block.comments) + opening.value)
    return BLANK_LINES.sub("\n\n", TRAILING_SPACE.sub("\n", hcl2.reconstruct(tree)))


def _nested(item: Any) -> bool:
    if isinstance(item, list):
        return bool(item) and all(isinstance(i, Block) for i in item)
    return isinstance(item, Block)


def _labelled(block: Block) -> dict:
    """The block in python-hcl2's dict convention: attributes first, then nested blocks, each in order."""
    value: dict = {IS_BLOCK: True}
    for key, item in block.body.items():
        if not _nested(item):
            value[key] = _hcl2_value(item)
    for key, item in block.body.items():
        if _nested(item):
            value[key] = [_labelled(i) for i in (item if isinstance(item, list) else [item])]
    for label in reversed(block.labels):
        value = {f'"{quote(label)}"': value}
    return value


def _hcl2_value(value: Any) -> Any:
    """A value in python-hcl2's dict convention."""
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        if value.endswith("\n") and HEREDOC_END not in value.splitlines():
            # Scripts read best as heredocs, whose text ends with the newline before the marker.
            body = value[:-1].replace("${", "$${").replace("%{", "%%{")
            return f'"<<{HEREDOC_END}\n{body}\n{HEREDOC_END}"'
        return Template((value,))
    if isinstance(value, Expr):
        return f"${{{value.text}}}"
    if isinstance(value, Template):
        return value
    if isinstance(value, Call):
        return Call(value.function, tuple(_hcl2_value(a) for a in value.args))
    if isinstance(value, dict):
        return {(k if IDENTIFIER.match(k) else f'"{quote(k)}"'): _hcl2_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_hcl2_value(v) for v in value]
    raise TypeError(f"no HCL form for {type(value).__name__}: {value!r}")


@lru_cache(maxsize=4096)
def _parsed_expression(text: str):
    """Lark's parse of one expression: a plan repeats the same few (var.x, aws_y.z.id) in every block,
    and parsing is most of the rendering time. The transformer below builds fresh rules from it."""
    return hcl2_parser().parse(f"temp = {text}")


class _Formatter(BaseFormatter):
    """python-hcl2's formatter, but a short list of plain values stays on one line: `["tcp", 443]`."""

    def format_tuple_rule(self, rule: TupleRule, indent_level: int = 0):
        numbers = all(isinstance(_inner(e), (IntLitRule, FloatLitRule)) for e in rule.elements)
        if 0 < len(rule.elements) and (numbers or len(rule.elements) <= INLINE_LIST_ITEMS) \
                and all(_plain(e) for e in rule.elements):
            if isinstance(rule.children[-2], COMMA):  # no trailing comma on one line: `["a", "b"]`
                self._set_children(rule, rule.children[:-2] + rule.children[-1:])
            return
        super().format_tuple_rule(rule, indent_level)

    def format_object_rule(self, rule: ObjectRule, indent_level: int = 0):
        elements = rule.elements
        if len(elements) == 1 and _plain(elements[0].expression):
            # `{ Name = "web" }`: one plain entry stays on the line, spaced inside the braces as fmt does.
            rule.children[0].set_value("{ ")
            rule.children[-1].set_value(" }")
            return
        super().format_object_rule(rule, indent_level)


def _inner(element: Any) -> Any:
    return element.expression if isinstance(element, ExprTermRule) else element


def _plain(element: Any) -> bool:
    """A value with no brackets of its own: a literal, a reference or a string."""
    return not isinstance(_inner(element), (TupleRule, ObjectRule, FunctionCallRule, ForTupleExprRule,
                                            ForObjectExprRule))


class _Deserializer(BaseDeserializer):
    """python-hcl2's deserializer, plus function calls (its dict convention has none), strings built
    part by part (its own splitting drops an escaped quote just before an interpolation), and each
    distinct expression parsed once."""

    def _deserialize_expression(self, value: str) -> ExprTermRule:
        return self._transformer.transform(_parsed_expression(value[2:-1])).body.children[0].expression

    def _deserialize(self, value: Any):
        if isinstance(value, Template):
            parts = []
            for part in value.parts:
                if isinstance(part, Expr):
                    expression = self._deserialize_expression(f"${{{part.text}}}")
                    parts.append(StringPartRule([InterpolationRule([INTERP_START(), expression, RBRACE()])]))
                elif part:
                    parts.append(StringPartRule([STRING_CHARS(quote(part))]))
            return StringRule([DBLQUOTE(), *parts, DBLQUOTE()])
        if isinstance(value, Call):
            arguments: list = []
            for arg in value.args:
                rule = self._deserialize(arg)
                arguments += [rule if isinstance(rule, ExprTermRule) else ExprTermRule([rule]), COMMA()]
            return FunctionCallRule([IdentifierRule([NAME(value.function)]), LPAR(),
                                     ArgumentsRule(arguments[:-1]), RPAR()])
        return super()._deserialize(value)


# ------------------------------------------------------------------------------------- terraform fmt

HEREDOC_START = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$")


def align(text: str) -> str:
    """Align `=` as `terraform fmt` (hclwrite) does: consecutive lines that assign a whole single-line
    value form a chain whose `=` signs line up one space after the longest name. A line opening a
    multi-line value (`tags = {`), a blank line, a comment line, a closing bracket or a heredoc's text
    ends the chain; so python-hcl2's own alignment, which pads across all of them, is undone here."""
    lines = text.split("\n")
    assigns: list[int | None] = []  # where the line's `=` is, when the line is a cell of a chain
    out_lines: list[str] = []
    heredoc = None
    for line in lines:
        if heredoc is not None:
            assigns.append(None)
            out_lines.append(line)
            if line.strip() == heredoc:
                heredoc = None
            continue
        opened = HEREDOC_START.search(line)
        if opened:
            heredoc = opened.group(1)
        position, whole = _assignment(line)
        if position is not None and not whole:  # `tags = {`: one space, outside any chain
            line = line[:position].rstrip() + " = " + line[position + 1:].lstrip()
            position = None
        assigns.append(position)
        out_lines.append(line)
    lines = out_lines
    out = list(lines)
    chain: list[int] = []

    def close() -> None:
        width = max((len(lines[i][:assigns[i]].rstrip()) for i in chain), default=0)
        for i in chain:
            lead = lines[i][:assigns[i]].rstrip()
            out[i] = lead + " " * (width - len(lead) + 1) + "=" + " " + lines[i][assigns[i] + 1:].lstrip()
        chain.clear()

    for index, position in enumerate(assigns):
        if position is None:
            close()
        else:
            chain.append(index)
    close()
    return "\n".join(out)


def _assignment(line: str) -> tuple[int | None, bool]:
    """Where the line's attribute `=` is, and whether the rest of the line is a whole expression."""
    stripped = line.lstrip()
    if not stripped or stripped.startswith(("#", "//", "/*")):
        return None, False
    equals = None
    depth = 0
    modes = ["expression"]  # a stack: expression, string, and interpolations inside strings
    i = len(line) - len(stripped)
    while i < len(line):
        char, ahead = line[i], line[i:i + 2]
        if modes[-1] == "string":
            if char == "\\":
                i += 1
            elif ahead in ("$$", "%%") and line[i + 2:i + 3] == "{":
                i += 2
            elif ahead in ("${", "%{"):
                modes.append("interpolation")
                depth += 1
                i += 1
            elif char == '"':
                modes.pop()
        else:
            if char == '"':
                modes.append("string")
            elif char == "#" or ahead == "//":
                break
            elif ahead == "<<":
                break  # a heredoc: its text is not counted
            elif char in "{[(":
                depth += 1
            elif char in "}])":
                depth -= 1
                if char == "}" and modes[-1] == "interpolation":
                    modes.pop()
            elif (char == "=" and equals is None and ahead not in ("==", "=>")
                  and line[i - 1] not in "=!<>" and i > len(line) - len(stripped)):
                equals, depth = i, 0
        i += 1
    return equals, depth == 0
