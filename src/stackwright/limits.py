"""Bounds on what stackwright reads, so any input costs bounded time and memory.

One place for every limit the readers enforce: the spec and usage-file YAML reader and the
Terraform/CloudFormation evaluators. A hit is a located user error (exit 2), never a hang.
"""

from __future__ import annotations

import re

# Files the user names (spec, usage file, a Terraform file, a template).
MAX_FILE_BYTES = 5_000_000
# Values a YAML document may expand to, counting every alias expansion (a billion-laughs guard).
MAX_YAML_VALUES = 100_000
# Nesting of YAML collections (libyaml stops at 1,000; a spec needs fewer than 10).
MAX_YAML_DEPTH = 100

# Expression evaluation in the importers.
MAX_COLLECTION = 10_000       # elements of a list, set, map or range; instances of count/for_each
MAX_STRING = 1_000_000        # characters of one evaluated string
MAX_EXPRESSION_DEPTH = 200    # nested calls, operators and parentheses
MAX_INTEGER_DIGITS = 30       # beyond ~1e30 no count, size or price is meaningful
MAX_REGEX_PATTERN = 1_000     # characters of a pattern given to regex()/replace()
MAX_EVALUATION_STEPS = 200_000  # expression nodes evaluated in one read (nested for loops multiply)
# ... or this many per byte of code read, when more: stackwright's own Terraform for 1,000 services needs
# 0.3 a byte (1.4 million steps); a loop that multiplies still stops, in time linear in the code's size.
EVALUATION_STEPS_PER_BYTE = 1
MAX_CREATED_CHARACTERS = 20_000_000  # characters of text all expressions of one read build together
MAX_CREATED_ELEMENTS = 2_000_000     # list and map elements all expressions of one read build together
MAX_FORMAT_WIDTH = 10_000     # width or precision of a format() verb
MAX_MODULE_DEPTH = 20         # modules calling modules
MAX_MODULES = 1_000           # module instances in one read (count/for_each on module calls multiply)
MAX_BRACKET_DEPTH = 150       # nested (, [ and { in one file: the HCL parser recurses on each


class LimitExceeded(Exception):
    """An input needs more than a limit allows. `where` is (file, line, column) once known."""

    def __init__(self, what: str, fix: str):
        self.what, self.fix = what, fix
        self.where: tuple[str, int, int] | None = None
        super().__init__(f"{what}; {fix}")

    def problem(self, default_file: str):
        from stackwright.errors import Problem

        file, line, column = self.where or (default_file, 1, 1)
        return Problem(file, line, column, f"{self.what}; {self.fix}")


class Size:
    """The size a value would have, to check before building it."""

    def __init__(self, length: int, collection: bool = False):
        self.length, self.collection = length, collection


def check_size(value: object) -> None:
    """Raise LimitExceeded when one value (or a `Size`) is beyond the limits; looks at lengths only."""
    if isinstance(value, Size):
        length, collection = value.length, value.collection
    elif isinstance(value, str):
        length, collection = len(value), False
    elif isinstance(value, (list, dict, tuple, set)):
        length, collection = len(value), True
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise LimitExceeded("a number that is not finite (infinite or not a number)", "use a finite number")
        return
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10 ** MAX_INTEGER_DIGITS:
            raise LimitExceeded(f"a number of more than {MAX_INTEGER_DIGITS} digits", "use a number of sensible size")
        return
    else:
        return
    if collection and length > MAX_COLLECTION:
        raise LimitExceeded(f"a collection of {length:,} elements (the limit is {MAX_COLLECTION:,})",
                            "use fewer elements, or import a smaller part of the code")
    if not collection and length > MAX_STRING:
        raise LimitExceeded(f"a string of {length:,} characters (the limit is {MAX_STRING:,})",
                            "stackwright reads configuration, not data; shorten the expression")


# Characters refused anywhere in user text: C0/C1 controls other than tab, newline and carriage
# return, and the bidirectional overrides that make text read differently from what it is.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def control_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, U+XXXX) of the first refused character in `text`, 1-based, or None."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    return line, column, f"U+{ord(found.group()):04X}"


def deepest_json_bracket(text: str) -> tuple[int, int]:
    """(line, column) of the first [ or { at the deepest nesting of a JSON text (brackets inside strings
    do not count): where a parser whose stack ran out was; (1, 1) for a text without brackets."""
    depth, deepest, where, quoted, escaped = 0, 0, 0, False, False
    for offset, char in enumerate(text):
        if quoted:
            quoted, escaped = (escaped or char != '"'), (char == "\\" and not escaped)
        elif char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, offset
        elif char in "]}":
            depth -= 1
    if not deepest:
        return 1, 1
    return text.count("\n", 0, where) + 1, where - (text.rfind("\n", 0, where) + 1) + 1
