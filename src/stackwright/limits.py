"""Bounds on what stackwright reads, so any input costs bounded time and memory.

One place for every limit the readers enforce: the spec and usage-file YAML reader and the
Terraform/CloudFormation evaluators. A hit is a located user error (exit 2), never a hang.
"""

from __future__ import annotations

import re

# Files the user names (spec, usage file, a Terraform file, a template).
MAX_FILE_BYTES = 5_000_000
# Values a YAML document may expand to, counting every alias expansion (a billion-laughs guard).
MAX_YAML_VALUES = 200_000
# Nesting of YAML collections (libyaml stops at 1,000; a spec needs fewer than 10).
MAX_YAML_DEPTH = 100

# Expression evaluation in the importers.
MAX_COLLECTION = 10_000       # elements of a list, set, map or range; instances of count/for_each
MAX_STRING = 1_000_000        # characters of one evaluated string
MAX_EXPRESSION_DEPTH = 200    # nested calls, operators and parentheses
MAX_INTEGER_DIGITS = 30       # beyond ~1e30 no count, size or price is meaningful
MAX_REGEX_PATTERN = 1_000     # characters of a pattern given to regex()/replace()

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
