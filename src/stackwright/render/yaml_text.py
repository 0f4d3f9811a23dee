"""Block-style YAML text for large documents, byte-identical to PyYAML's `yaml.dump` of the same data.

PyYAML's pure-Python emitter spends most of a 1,000-service CloudFormation template (1 million nodes) in
its event machinery, and libyaml's C emitter cannot indent sequences under their keys as the templates do.
This writer lays out the blocks itself and asks PyYAML's own emitter about every scalar: which style its
analysis picks (cached per distinct text), and the scalar's text wherever the style or the line width can
change it (quoting, folding, literal blocks). Anything it does not handle (keys that are not short
single-line strings, shared nodes that PyYAML would anchor, other types) falls back to `yaml.dump`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import yaml
from yaml.emitter import Emitter
from yaml.events import ScalarEvent
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

WIDTH = 120
INDENT = 2
STR_TAG = "tag:yaml.org,2002:str"
FLOAT_TAG = "tag:yaml.org,2002:float"
LINE_BREAKS = "\n\x85\u2028\u2029\r"
_RESOLVER = Resolver()
_DATA = frozenset((dict, list, str, int, bool, float, type(None)))  # what the writer takes without `resolve`
_INDICATORS_FIRST = frozenset("#,[]{}&*!|>'\"%@`")  # PyYAML's indicators that may not start plain text


def _block_plain(text: str) -> bool:
    """Whether PyYAML's `Emitter.analyze_scalar` allows non-empty printable ASCII `text` plain in block context:
    no leading or trailing space, no document marker or indicator first, no `: `, `:` last or ` #`."""
    first = text[0]
    return not (first == " " or text[-1] == " " or first in _INDICATORS_FIRST or text.startswith(("---", "..."))
                or (first in "?:-" and (len(text) == 1 or text[1] == " "))
                or ": " in text or text[-1] == ":" or " #" in text)


class _Unsupported(Exception):
    """Data this writer leaves to PyYAML."""


def dump(data: Any, *, dumper: type = yaml.SafeDumper, indent_sequences: bool, literal_multiline: bool = False,
         resolve: Callable[[Any], Any] | None = None) -> str:
    """`yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=120)`.

    `indent_sequences`: the dumper indents a sequence under its mapping key (PyYAML writes it level with
    the key); `literal_multiline`: the dumper asks for a literal block (`|`) for text with a line break.
    `resolve`: what is written is `resolve(data)`, where `resolve` copies dicts and lists (so no node is shared)
    and turns other values into data; the writer calls it only on values that are not dicts, lists or scalars,
    and writes the rest of `data` as it is, without the copy."""
    try:
        return _Writer(indent_sequences, literal_multiline, resolve).document(data)
    except _Unsupported:
        return yaml.dump(data if resolve is None else resolve(data), Dumper=dumper, sort_keys=False,
                         default_flow_style=False, allow_unicode=True, width=WIDTH)


class _Writer:
    def __init__(self, indent_sequences: bool, literal_multiline: bool, resolve: Callable[[Any], Any] | None = None):
        self.indent_sequences = indent_sequences
        self.literal_multiline = literal_multiline
        self.resolve = resolve
        self.shared = resolve is None  # whether a node may be shared (with `resolve`, each is a copy)
        self.out: list[str] = []
        # the emitter's state between writes, as PyYAML's Emitter keeps it
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.open_ended = False
        self.seen: set[int] = set()  # collections written, to leave anchors and aliases to PyYAML
        self.scalars = _Scalars()

    def document(self, data: Any) -> str:
        self.node(data, None, root=True)
        self.write_indent(0)
        if self.open_ended:
            raise _Unsupported
        return "".join(self.out)

    # -------------------------------------------------------------------------------------- layout

    def write_indent(self, indent: int) -> None:
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.out.append("\n")
            self.whitespace = self.indention = True
            self.column = 0
        if self.column < indent:
            self.whitespace = True
            self.out.append(" " * (indent - self.column))
            self.column = indent

    def indicator(self, text: str, need_whitespace: bool, whitespace: bool = False, indention: bool = False) -> None:
        if not self.whitespace and need_whitespace:
            text = " " + text
        self.out.append(text)
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.column += len(text)
        self.open_ended = False

    def node(self, value: Any, indent: int | None, *, root: bool = False, mapping: bool = False) -> None:
        kind = type(value)
        if self.resolve is not None and kind not in _DATA:
            value = self.resolve(value)
            kind = type(value)
        if kind is dict or kind is list:
            if self.shared:
                if id(value) in self.seen:
                    raise _Unsupported  # PyYAML writes a shared node once with an anchor
                self.seen.add(id(value))
            if not value:
                self.indicator("{" if kind is dict else "[", True, whitespace=True)
                self.indicator("}" if kind is dict else "]", False)
            elif kind is dict:
                self.mapping(value, 0 if indent is None else indent + INDENT)
            else:
                indentless = mapping and not self.indention and not self.indent_sequences
                self.sequence(value, 0 if indent is None else indent if indentless else indent + INDENT)
        elif root:
            raise _Unsupported  # a bare scalar document
        else:
            self.scalar(value, indent + INDENT, key=False)

    def mapping(self, value: dict, indent: int) -> None:
        keys = self.scalars.keys
        decisions = self.scalars.decisions
        out = self.out
        line_start = "\n" + " " * indent
        for key, item in value.items():
            written = keys.get(key) if type(key) is str else None
            if written is None:
                self.write_indent(indent)
                if type(key) is not str:
                    raise _Unsupported
                self.scalar(key, indent + INDENT, key=True)
                self.indicator(":", False)
                written = self.scalars.key_text(key, self.literal_multiline)
                if written is not None:
                    keys[key] = written
                self.node(item, indent, mapping=True)
                continue
            # write_indent, then the key as it is: it starts a line (whitespace) and never folds
            column = self.column
            if not self.indention or column > indent or (column == indent and not self.whitespace):
                column = indent + len(written)
                written = line_start + written
            elif column < indent:
                written = " " * (indent - column) + written
                column = len(written) + column
            else:
                column += len(written)
            self.whitespace = self.indention = self.open_ended = False
            kind = type(item)
            if kind is str or kind is int:  # most values: one line of plain or single-quoted text, as `scalar` writes it
                found = decisions.get((item, False) if kind is str else (kind, item, False))
                if found is not None and found[2]:
                    style, text = found[0], found[3]
                    if style == "" and column + 1 + len(text) <= WIDTH:
                        out.append(f"{written} {text}")
                        self.column = column + 1 + len(text)
                        continue
                    if style == "'" and column + 2 + len(text) <= WIDTH:
                        out.append(f"{written} '{text}'")
                        self.column = column + 3 + len(text)
                        continue
            out.append(written)
            self.column = column
            if kind is dict and item:  # as `node` writes it, without the call
                if self.shared:
                    if id(item) in self.seen:
                        raise _Unsupported
                    self.seen.add(id(item))
                self.mapping(item, indent + INDENT)
            else:
                self.node(item, indent, mapping=True)

    def sequence(self, value: list, indent: int) -> None:
        decisions = self.scalars.decisions
        out = self.out
        line_start = "\n" + " " * indent
        for item in value:
            # write_indent, then the dash: write_indent leaves whitespace behind it, so the dash takes no space
            column = self.column
            if not self.indention or column > indent or (column == indent and not self.whitespace):
                dash = line_start + "-"
            elif column < indent:
                dash = " " * (indent - column) + "-"
            else:
                dash = "-"
            column = indent + 1
            self.indention = True
            self.whitespace = self.open_ended = False
            kind = type(item)
            if kind is str or kind is int:  # one line of plain or single-quoted text, as `scalar` writes it
                found = decisions.get((item, False) if kind is str else (kind, item, False))
                if found is not None and found[2]:
                    style, text = found[0], found[3]
                    if style == "" and column + 1 + len(text) <= WIDTH:
                        out.append(f"{dash} {text}")
                        self.column = column + 1 + len(text)
                        self.indention = False
                        continue
                    if style == "'" and column + 2 + len(text) <= WIDTH:
                        out.append(f"{dash} '{text}'")
                        self.column = column + 3 + len(text)
                        self.indention = False
                        continue
            out.append(dash)
            self.column = column
            self.node(item, indent)

    # ------------------------------------------------------------------------------------- scalars

    def scalar(self, value: Any, indent: int, *, key: bool) -> None:
        style, simple, inline, text = self.scalars.decided(value, key, self.literal_multiline)
        if key and not simple:
            raise _Unsupported  # a long or multi-line key: PyYAML writes it as `? key`
        # Plain and single-quoted text folds only at a space past the width.
        if inline and style == "" and self.column + 1 + len(text) <= WIDTH:
            if not self.whitespace:
                self.out.append(" ")
                self.column += 1
            self.out.append(text)
            self.column += len(text)
            self.whitespace = self.indention = False
        elif inline and style == "'" and self.column + 2 + len(text) <= WIDTH:
            self.indicator("'", True)
            self.out.append(text)
            self.column += len(text)
            self.indicator("'", False)
        else:
            self.scalars.write(self, value, indent, key, style)


class _Scalars:
    """PyYAML's decisions about scalars: its representation of each type, its style choice (cached per
    distinct text), and its emitter writing a scalar where the layout matters."""

    def __init__(self):
        self.emitter = Emitter(io.StringIO(), allow_unicode=True, width=WIDTH)
        self.emitter.flow_level = 0
        self.decisions: dict[tuple, tuple[str, bool, bool, str]] = {}
        self.keys: dict[str, str] = {}  # a key's text with its colon, for keys written plain or single-quoted
        self.analysed = None  # PyYAML's analysis of the last text styled afresh
        self.written: dict[tuple, tuple] = {}  # (value, writer's state) -> (text, writer's state after)

    def key_text(self, key: str, literal_multiline: bool) -> str | None:
        """`key:` as written after an indent, when its style is plain or single-quoted on one line."""
        style, simple, inline, text = self.decided(key, True, literal_multiline)
        if not (simple and inline):
            return None
        return f"{text}:" if style == "" else f"'{text}':" if style == "'" else None

    def decided(self, value: Any, key: bool, literal_multiline: bool) -> tuple[str, bool, bool, str]:
        """(style, may be a simple key, has no line break, text as written on one line) for a scalar."""
        cache_key = (value, key) if type(value) is str else (type(value), value, key)
        found = self.decisions.get(cache_key)
        if found is None and type(value) is str and value.isascii() and value.isprintable() and value:
            # One line of printable ASCII: plain where PyYAML's analysis allows it in block context and the
            # resolver reads it as text (not true, 1.5, 2024-01-01), single-quoted otherwise.
            plain = _block_plain(value) and _RESOLVER.resolve(ScalarNode, value, (True, False)) == STR_TAG
            found = self.decisions[cache_key] = ("", len(value) < 128, True, value) if plain else \
                ("'", len(value) < 128, True, value.replace("'", "''"))
        elif found is None and type(value) is int:  # digits, perhaps after a minus: always plain
            text = str(value)
            found = self.decisions[cache_key] = ("", len(text) < 128, True, text)
        if found is None:
            text, tag, requested = self.represent(value, literal_multiline)
            style, simple = self.style(text, tag, requested, key)
            inline = not any(c in LINE_BREAKS for c in text)
            found = self.decisions[cache_key] = (style, simple, inline,
                                                 text.replace("'", "''") if style == "'" else text)
        return found

    @staticmethod
    def represent(value: Any, literal_multiline: bool) -> tuple[str, str, str | None]:
        """(text, tag, style asked for) as SafeRepresenter gives them."""
        kind = type(value)
        if kind is str:
            return value, STR_TAG, "|" if literal_multiline and "\n" in value else None
        if kind is bool:
            return ("true" if value else "false"), "tag:yaml.org,2002:bool", None
        if kind is int:
            return str(value), "tag:yaml.org,2002:int", None
        if value is None:
            return "null", "tag:yaml.org,2002:null", None
        if kind is float and value == value and abs(value) != float("inf"):
            text = repr(value).lower()
            return (text.replace("e", ".0e", 1) if "." not in text and "e" in text else text), FLOAT_TAG, None
        raise _Unsupported  # NaN, infinities and other types: PyYAML's representers have rules of their own

    def style(self, text: str, tag: str, requested: str | None, key: bool) -> tuple[str, bool]:
        """The style the emitter picks, and whether the text may be a simple (`key:`) key."""
        implicit = (tag == _RESOLVER.resolve(ScalarNode, text, (True, False)),
                    tag == _RESOLVER.resolve(ScalarNode, text, (False, True)))
        if tag != STR_TAG and not implicit[0]:
            raise _Unsupported  # a tag would be written
        emitter = self.emitter
        emitter.event = ScalarEvent(None, tag, implicit, text, style=requested)
        emitter.simple_key_context = key
        emitter.analysis = analysis = emitter.analyze_scalar(text)
        style = emitter.choose_scalar_style()
        emitter.analysis = None
        self.analysed = analysis  # `write` comes next for a long or multi-line text: no second scan
        if (style == "" and not implicit[0]) or (style != "" and not implicit[1]):
            raise _Unsupported  # a tag would be written
        simple = len(analysis.scalar) < 128 and not analysis.empty and not analysis.multiline
        return style, simple

    def write(self, writer: _Writer, value: Any, indent: int, key: bool, style: str) -> None:
        """The scalar written by PyYAML's emitter from the writer's state, which it then takes back; written once
        per value and state, as a large template repeats its long texts at the same place (a repository's
        lifecycle policy, a volume's note: 3,000 writes of 110 texts at 1,000 services)."""
        state = (value if type(value) is str else (type(value), value), indent, key, style, writer.column,
                 writer.whitespace, writer.indention, writer.open_ended, writer.literal_multiline)
        found = self.written.get(state)
        if found is None:
            found = self.written[state] = self._emitted(writer, value, indent, key, style)
        written, writer.column, writer.whitespace, writer.indention, writer.open_ended = found
        writer.out.append(written)

    def _emitted(self, writer: _Writer, value: Any, indent: int, key: bool, style: str) -> tuple:
        text, tag, requested = self.represent(value, writer.literal_multiline)
        emitter = self.emitter
        emitter.stream = stream = io.StringIO()
        emitter.indent, emitter.column = indent, writer.column
        emitter.whitespace, emitter.indention = writer.whitespace, writer.indention
        emitter.open_ended = writer.open_ended
        emitter.root_context = False
        emitter.simple_key_context = key
        emitter.event = ScalarEvent(None, tag, (True, True), text, style=requested)
        analysed = self.analysed
        emitter.analysis = analysed if analysed is not None and analysed.scalar == text else emitter.analyze_scalar(text)
        emitter.style = style
        emitter.process_scalar()
        return stream.getvalue(), emitter.column, emitter.whitespace, emitter.indention, emitter.open_ended
