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
from typing import Any, Union


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


def nested(item: Any) -> bool:
    """Whether a body value is nested blocks (a Block or a list of them), written after the attributes."""
    if isinstance(item, list):
        return bool(item) and all(isinstance(i, Block) for i in item)
    return isinstance(item, Block)


def quote(text: str) -> str:
    """`text` as the inside of an HCL string: escapes, and `${`/`%{` kept literal."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{"))


def dumps(blocks: list[Block]) -> str:
    """The document's text: blocks in the given order, one blank line between them."""
    from stackwright.render.terraform.hcl_writer import dump_block  # python-hcl2 loads only to write a new shape

    return align("\n".join(dump_block(block) for block in blocks))


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
    assignments: dict[str, tuple[int | None, bool]] = {}  # by line: a plan's services repeat most of theirs
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
        found = assignments.get(line)
        if found is None:
            found = assignments[line] = _assignment(line)
        position, whole = found
        if position is not None and not whole:  # `tags = {`: one space, outside any chain
            line = line[:position].rstrip() + " = " + line[position + 1:].lstrip()
            position = None
        assigns.append(position)
        out_lines.append(line)
    lines = out_lines
    out = list(lines)
    chain: list[int] = []

    def close() -> None:
        leads = [lines[i][:assigns[i]].rstrip() for i in chain]
        width = max(map(len, leads))
        for i, lead in zip(chain, leads):
            out[i] = lead + " " * (width - len(lead) + 1) + "= " + lines[i][assigns[i] + 1:].lstrip()
        chain.clear()

    for index, position in enumerate(assigns):
        if position is None:
            if chain:
                close()
        else:
            chain.append(index)
    if chain:
        close()
    return "\n".join(out)


_PLAIN_STRING = re.compile(r'"[^"]*"')
_ATTRIBUTE_EQUALS = re.compile(r"(?<![=!<>])=(?![=>])")
_SCANNED = ("\\", "$", "%", "#", "//", "<<")  # lines with these need the full scan below


_NAME_EQUALS = re.compile(r" *[A-Za-z_][A-Za-z0-9_-]* *=(?![=>])")  # `  name = `, the usual line


def _assignment(line: str) -> tuple[int | None, bool]:
    """Where the line's attribute `=` is, and whether the rest of the line is a whole expression."""
    if not any(mark in line for mark in _SCANNED) and line.count('"') % 2 == 0:
        named = _NAME_EQUALS.match(line)
        if named:  # the `=` after the name; brackets counted outside the strings of the rest
            rest = _PLAIN_STRING.sub("", line[named.end():]) if '"' in line else line[named.end():]
            return named.end() - 1, _balanced(rest)
        # Strings without escapes or interpolations: blank their text (same length), then count brackets.
        plain = _PLAIN_STRING.sub(lambda found: '"' + " " * (len(found.group()) - 2) + '"', line)
        start = len(plain) - len(plain.lstrip())
        if start == len(plain) or line[start:].startswith("/*"):
            return None, False
        found = _ATTRIBUTE_EQUALS.search(plain, start + 1)
        rest = plain[found.end():] if found else plain[start:]
        return (found.start() if found else None), _balanced(rest)
    return _scanned_assignment(line)


def _balanced(text: str) -> bool:
    """As many brackets closed as opened (the text's strings blanked or removed)."""
    return text.count("{") + text.count("[") + text.count("(") == text.count("}") + text.count("]") + text.count(")")


def _scanned_assignment(line: str) -> tuple[int | None, bool]:
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
