"""Writing `hcl` documents' blocks as text with python-hcl2's deserializer, formatter and reconstructor
(apart from the data classes, so building a document, or only its addresses, does not load python-hcl2)."""

from __future__ import annotations

import re
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
    BLANK_LINES, HEREDOC_END, IDENTIFIER, INDENT, INLINE_LIST_ITEMS, TRAILING_SPACE, Block, Call, Expr, Template, quote,
)


# Blocks that differ only in names, quoted text and numbers (a target group per service) are written once
# with placeholders for those values; python-hcl2 formats by structure, never by what a string says.
PLACEHOLDER = "zQz{}zQz"
PLACEHOLDERS = re.compile(r"zQz([0-9]+)zQz")
TRAVERSAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])*")  # var.x, aws_y.z[0].id
LITERAL = re.compile(r'"([A-Za-z0-9_.:/@-]+)"')  # a quoted literal in an expression that needs no escape
# a whole number after a condition's or comparison's operator (in a list, numbers keep the list on one line)
NUMBER = re.compile(r"(?<=[?:=<>] )[0-9]+(?![\w.\]])")
SHAPES_KEPT = 4096
SHAPE_KEPT_CHARACTERS = 20_000  # a longer block is written once anyway: not kept
_shapes: dict[str, str] = {}  # a shape's text, by the shape's repr
# A map attribute with more entries than this (the root module's map of services) is written a few entries at
# a time, so its entries share shapes too; `align` lines up the whole text afterwards.
SPLIT_ENTRIES = 8


def dump_block(block: Block) -> str:
    large = [key for key, value in block.body.items() if isinstance(value, dict) and len(value) > SPLIT_ENTRIES]
    if len(large) == 1 and not _holds_heredoc(block.body[large[0]]):
        return _dump_split(block, large[0])
    lists = _long_lists(block)
    if lists:
        return _dump_lists(block, lists)
    if len(block.body) > SPLIT_ENTRIES and not block.comments and all(
            isinstance(value, (str, Expr, int)) and not _holds_heredoc(value) for value in block.body.values()):
        return _dump_lines(block)
    return _dump_shaped(block)


def _dump_lines(block: Block) -> str:
    """A block of many one-line attributes (a module call's inputs), written a few attributes at a time."""
    attributes = list(block.body.items())
    head: list[str] = []
    tail: list[str] = []
    lines: list[str] = []
    for start in range(0, len(attributes), SPLIT_ENTRIES):
        chunk = _dump_shaped(Block(block.type, block.labels, dict(attributes[start:start + SPLIT_ENTRIES]))).split("\n")
        close = len(chunk) - 1 - chunk[::-1].index("}")
        head, tail = chunk[:1], chunk[close:]
        lines += chunk[1:close]
    return "\n".join(head + lines + tail)


def _dump_split(block: Block, key: str) -> str:
    """The block with its map attribute `key` written from chunks of two or three entries: the lines between
    the attribute's `key = {` and its `}` in each chunk's text are the chunk's entries."""
    entries = list(block.body[key].items())
    sizes = [2] * (len(entries) // 2 - 1) + [2 + len(entries) % 2]
    opening = f"{INDENT}{key if IDENTIFIER.match(key) else chr(34) + quote(key) + chr(34)}"
    head: list[str] = []
    tail: list[str] = []
    middle: list[str] = []
    start = 0
    for size in sizes:
        chunk = dict(entries[start:start + size])
        start += size
        lines = _dump_shaped(Block(block.type, block.labels, {**block.body, key: chunk}, block.comments)).split("\n")
        first = next(i for i, line in enumerate(lines) if line.startswith(opening) and line.endswith("= {")
                     and line[len(opening):-3].strip() == "")
        last = lines.index(INDENT + "}", first)
        head, tail = lines[:first + 1], lines[last:]
        middle += lines[first + 1:last]
    return "\n".join(head + middle + tail)


def _long_lists(block: Block) -> list[list | tuple]:
    """The block's lists of more than SPLIT_ENTRIES objects or lists (one per line, whatever their number)
    that hold no such list themselves (a dashboard's metric rows); none when a list appears twice."""
    found: list = []
    seen: set[int] = set()

    def visit(value: Any) -> bool:  # whether `value` holds a long list
        if isinstance(value, (list, tuple)):
            if id(value) in seen:
                raise _Unshaped
            seen.add(id(value))
            inner = any([visit(item) for item in value])
            if not inner and len(value) > SPLIT_ENTRIES and all(isinstance(i, (list, tuple, dict)) for i in value):
                found.append(value)
                return True
            return inner
        if isinstance(value, dict):
            return any([visit(item) for item in value.values()])
        if isinstance(value, Call):
            return visit(value.args)
        return False

    try:
        visit(list(block.body.values()))
    except _Unshaped:
        return []
    return found


def _dump_lists(block: Block, lists: list) -> str:
    """The block with its long lists written a few items at a time, between sentinel items that mark where
    each list's lines are: a skeleton with each list cut to its first item, then each list's chunks."""
    starts = [Expr(f"zQzS{i}zQz") for i in range(len(lists))]
    ends = [Expr(f"zQzE{i}zQz") for i in range(len(lists))]
    cut = {id(items): [starts[i], items[0], ends[i]] for i, items in enumerate(lists)}
    skeleton = _dump_shaped(_replacing(block, cut)).split("\n")
    for i, items in enumerate(lists):
        middle: list[str] = []
        for start in range(0, len(items), SPLIT_ENTRIES):
            chunk = {**cut, id(items): [starts[i], *items[start:start + SPLIT_ENTRIES], ends[i]]}
            lines = _dump_shaped(_replacing(block, chunk)).split("\n")
            middle += lines[_marked(lines, starts[i]) + 1:_marked(lines, ends[i])]
        skeleton[_marked(skeleton, starts[i]):_marked(skeleton, ends[i]) + 1] = middle
    return "\n".join(skeleton)


def _marked(lines: list[str], sentinel: Expr) -> int:
    return next(i for i, line in enumerate(lines) if line.strip() == f"{sentinel.text},")


def _replacing(value: Any, lists: dict[int, list]) -> Any:
    """`value` with the lists whose ids are keys of `lists` replaced by their values."""
    if isinstance(value, Block):
        return Block(value.type, value.labels, {k: _replacing(v, lists) for k, v in value.body.items()},
                     value.comments)
    if isinstance(value, (list, tuple)):
        if id(value) in lists:
            return type(value)(lists[id(value)])
        return type(value)(_replacing(item, lists) for item in value)
    if isinstance(value, dict):
        return {k: _replacing(v, lists) for k, v in value.items()}
    if isinstance(value, Call):
        return Call(value.function, tuple(_replacing(arg, lists) for arg in value.args))
    return value


def _holds_heredoc(value: Any) -> bool:
    """Whether text inside the value is written as a heredoc, whose lines could look like the map's end."""
    if isinstance(value, str):
        return value.endswith("\n")
    if isinstance(value, dict):
        return any(_holds_heredoc(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_heredoc(v) for v in value)
    if isinstance(value, Call):
        return _holds_heredoc(value.args)
    if isinstance(value, Block):
        return _holds_heredoc(value.body)
    return False


def _dump_shaped(block: Block) -> str:
    values: list[str] = []
    shape = _shape_block(block, values)
    if shape is None:
        return _dump_block(block)
    key = repr(shape)
    text = _shapes.get(key)
    if text is None:
        if len(_shapes) >= SHAPES_KEPT:
            _shapes.clear()
        text = _dump_block(shape)
        if len(text) <= SHAPE_KEPT_CHARACTERS:
            _shapes[key] = text
    return PLACEHOLDERS.sub(lambda found: values[int(found.group(1))], text)


class _Unshaped(Exception):
    """A value that could be mistaken for a placeholder."""


def _shape_block(block: Block, values: list[str]) -> Block | None:
    """The block with its labels, quoted text, plain references and numbers outside lists replaced by
    placeholders, whose written forms go into `values`; None when it holds text like a placeholder."""
    try:
        return _shaped(block, values, False)
    except _Unshaped:
        return None


def _placeholder(values: list[str], written: str) -> str:
    values.append(written)
    return PLACEHOLDER.format(len(values) - 1)


def _shaped(value: Any, values: list[str], in_list: bool) -> Any:
    if isinstance(value, Block):
        labels = tuple(_placeholder(values, quote(label)) if label and not PLACEHOLDERS.search(label) else label
                       for label in value.labels)
        if any(PLACEHOLDERS.search(label) for label in value.labels) or \
                any(PLACEHOLDERS.search(comment) for comment in value.comments):
            raise _Unshaped
        if any(PLACEHOLDERS.search(key) for key in value.body):
            raise _Unshaped
        # attribute names too (a module call's inputs differ only in them): `align` spaces the `=` afterwards
        body = {key if _nested(item) or not IDENTIFIER.match(key) else _placeholder(values, key):
                _shaped(item, values, False) for key, item in value.body.items()}
        return Block(value.type, labels, body, value.comments)
    if isinstance(value, str):
        if PLACEHOLDERS.search(value):
            raise _Unshaped
        if not value or value.endswith("\n"):  # empty, or a heredoc: written by what it holds
            return value
        return _placeholder(values, quote(value))
    if isinstance(value, Expr):
        if PLACEHOLDERS.search(value.text):
            raise _Unshaped
        if TRAVERSAL.fullmatch(value.text):
            return Expr(_placeholder(values, value.text))
        # quoted names inside a longer expression: `var.tag == "" ? "nginx" : "${uris["web"]}:${var.tag}"`
        text = LITERAL.sub(lambda found: f'"{_placeholder(values, found.group(1))}"', value.text)
        return Expr(NUMBER.sub(lambda found: _placeholder(values, found.group(0)), text))
    if isinstance(value, Template):
        return Template(tuple(_shaped(part, values, True) if isinstance(part, Expr) else
                              _template_text(part, values) for part in value.parts))
    if isinstance(value, Call):
        return Call(value.function, tuple(_shaped(arg, values, True) for arg in value.args))
    if isinstance(value, dict):
        if any(PLACEHOLDERS.search(key) for key in value):
            raise _Unshaped
        return {_placeholder(values, key if IDENTIFIER.match(key) else f'"{quote(key)}"'): _shaped(item, values, False)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_shaped(item, values, True) for item in value)
    if type(value) is int and value >= 0 and not in_list:  # in a list, numbers decide whether it stays on one line
        return Expr(_placeholder(values, str(value)))
    return value


def _template_text(part: str, values: list[str]) -> str:
    if PLACEHOLDERS.search(part):
        raise _Unshaped
    return _placeholder(values, quote(part)) if part else part


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
