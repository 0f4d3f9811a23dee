"""One block's text as python-hcl2 writes it: its deserializer, formatter and reconstructor, with this project's
changes to each. Loaded only when a block's shape is not already written (see shape_store)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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

from stackwright.render.terraform.hcl import (
    BLANK_LINES, HEREDOC_END, IDENTIFIER, INDENT, INLINE_LIST_ITEMS, TRAILING_SPACE, Block, Call, Expr, Template, nested,
    quote,
)
from stackwright.render.terraform.hcl_writer import PLACEHOLDERS


def dump_block(block: Block) -> str:
    tree = _Deserializer(DeserializerOptions(object_elements_trailing_comma=False)).load_python(
        {block.type: [_labelled(block)]})
    _Formatter(FormatterOptions(open_empty_blocks=False)).format_tree(tree)
    if block.comments:
        body = tree.body.children[0].body
        opening = body.children[0].token  # the newline the formatter put before the first attribute
        opening.set_value("".join(f"\n{INDENT}#{comment}" for comment in block.comments) + opening.value)
    return BLANK_LINES.sub("\n\n", TRAILING_SPACE.sub("\n", hcl2.reconstruct(tree)))


def _labelled(block: Block) -> dict:
    """The block in python-hcl2's dict convention: attributes first, then nested blocks, each in order."""
    value: dict = {IS_BLOCK: True}
    for key, item in block.body.items():
        if not nested(item):
            value[key] = _hcl2_value(item)
    for key, item in block.body.items():
        if nested(item):
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
        if PLACEHOLDERS.fullmatch(value, 2, len(value) - 1):  # a shape's placeholder: a bare name, not parsed
            return ExprTermRule([IdentifierRule([NAME(value[2:-1])])])
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
