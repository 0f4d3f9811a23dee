"""Writing `hcl` documents' blocks as text: each block by its shape, which python-hcl2 writes (hcl2_text) unless an
earlier block or run wrote it already (shape_store), so a plan whose shapes are all known never loads python-hcl2."""

from __future__ import annotations

import re
from typing import Any

from stackwright.render.terraform import shape_store
from stackwright.render.terraform.hcl import IDENTIFIER, INDENT, Block, Call, Expr, Template, nested, quote


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
_shapes: dict[str, str] = {}  # a shape's text as a format string (`_form`), by the shape's repr
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
    form = _shapes.get(key)
    if form is None:
        text = shape_store.written(key)
        if text is None:
            text = _dump_block(shape)
            if len(text) <= SHAPE_KEPT_CHARACTERS:
                shape_store.add(key, text)
        form = _form(text)
        if len(text) <= SHAPE_KEPT_CHARACTERS:
            if len(_shapes) >= SHAPES_KEPT:
                _shapes.clear()
            _shapes[key] = form
    return form.format(*values)


def _form(text: str) -> str:
    """A shape's text as a format string, its placeholders positional fields (one `str.format` fills a block's
    hundreds of values, not a call per value), its braces doubled."""
    parts = PLACEHOLDERS.split(text)  # text, index, text, ... , text
    return "".join(part.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{int(part)}}}"
                   for i, part in enumerate(parts))


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
    if type(value) is str:  # most values: the `str` case below, without its regex where no placeholder can be
        if not value or value.endswith("\n"):
            if "zQz" in value and PLACEHOLDERS.search(value):
                raise _Unshaped
            return value
        if "zQz" in value and PLACEHOLDERS.search(value):
            raise _Unshaped
        values.append(quote(value))
        return PLACEHOLDER.format(len(values) - 1)
    if type(value) is Expr and "zQz" not in value.text and TRAVERSAL.fullmatch(value.text):  # a plain reference
        values.append(value.text)
        return Expr(PLACEHOLDER.format(len(values) - 1))
    if isinstance(value, Block):
        if any("zQz" in text and PLACEHOLDERS.search(text) for text in (*value.labels, *value.comments)):
            raise _Unshaped
        labels = tuple(_placeholder(values, quote(label)) if label else label for label in value.labels)
        if any("zQz" in key and PLACEHOLDERS.search(key) for key in value.body):
            raise _Unshaped
        # attribute names too (a module call's inputs differ only in them): `align` spaces the `=` afterwards
        body = {}
        for key, item in value.body.items():
            if (type(item) is str or type(item) is Expr or not nested(item)) and IDENTIFIER.match(key):
                values.append(key)
                key = PLACEHOLDER.format(len(values) - 1)
            body[key] = _shaped(item, values, False)
        return Block(value.type, labels, body, value.comments)
    if isinstance(value, str):
        if PLACEHOLDERS.search(value):
            raise _Unshaped
        if not value or value.endswith("\n"):  # empty, or a heredoc: written by what it holds
            return value
        return _placeholder(values, quote(value))
    if isinstance(value, Expr):
        if "zQz" in value.text and PLACEHOLDERS.search(value.text):
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
        if any("zQz" in key and PLACEHOLDERS.search(key) for key in value):
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
    from stackwright.render.terraform.hcl2_text import dump_block as written  # python-hcl2 loads only here

    return written(block)
