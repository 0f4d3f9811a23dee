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
from hcl2.rules.expressions import ExprTermRule
from hcl2.rules.functions import ArgumentsRule, FunctionCallRule
from hcl2.rules.literal_rules import IdentifierRule
from hcl2.rules.strings import InterpolationRule, StringPartRule, StringRule
from hcl2.rules.tokens import COMMA, DBLQUOTE, INTERP_START, LPAR, NAME, RBRACE, RPAR, STRING_CHARS

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INDENT = "  "
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
    return "\n".join(_dump_block(block) for block in blocks)


def _dump_block(block: Block) -> str:
    tree = _Deserializer(DeserializerOptions(object_elements_trailing_comma=False)).load_python(
        {block.type: [_labelled(block)]})
    BaseFormatter(FormatterOptions(open_empty_blocks=False)).format_tree(tree)
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
