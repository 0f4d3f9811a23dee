"""The methods `dataclasses` writes for each class (`__init__`, `__repr__`, `__eq__`, `__hash__`, a frozen class's
`__setattr__` and `__delattr__`), compiled once and kept in the user cache (stackwright.user_cache) as Python
keeps a module's bytecode in `__pycache__`: `dataclasses` writes each method as source text and compiles it with
`exec` at every start-up, and the plan's and the bill's 160 classes make 850 such compilations, 40 ms of a 0.27 s
`stackwright cost`.

Only the compiling is skipped: `dataclasses` runs the same text's code as before, so every class gets the same
methods. A text is looked up whole, so a changed class or Python's own `dataclasses` only adds entries; the
file's name carries the interpreter's bytecode version and optimisation level. A missing, damaged or foreign file
is a miss, and the folder is the user's own (see user_cache), as trusted as their `__pycache__`."""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from pathlib import Path
from types import CodeType

from stackwright import user_cache

KEPT = 2048  # compiled texts in the file (a `plan` makes about 1,000); past this the cache starts again

_compiled: dict[str, CodeType] | None = None  # the file's code, read at the first lookup, and that added since
_unsaved = False


def install() -> None:
    """Let `dataclasses` compile through the cache from now on in this process (main(), which owns it, calls
    this), and write what was newly compiled at exit."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    dataclasses.exec = _exec  # found in the module's namespace before the builtin
    atexit.register(save)


def uninstall() -> None:
    """Back to `dataclasses` compiling every time (for tests)."""
    if getattr(dataclasses, "exec", None) is _exec:
        del dataclasses.exec
        atexit.unregister(save)


def _exec(source, globals=None, locals=None, /):
    """`exec` as `dataclasses` calls it, with a source text's code taken from the cache when kept there."""
    global _unsaved
    if not isinstance(source, str):
        return builtins.exec(source, globals, locals)
    compiled = _known()
    code = compiled.get(source)
    if code is None:
        # as exec compiles a text: flags from no `from __future__` (dataclasses.py has none), the
        # interpreter's optimisation level
        code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        if len(compiled) >= KEPT:
            compiled.clear()
        compiled[source] = code
        _unsaved = True
    return builtins.exec(code, globals, locals)


def save() -> None:
    """Write the cache atomically when this process compiled something new; nothing when the folder is not
    safely the user's own."""
    global _unsaved
    path = _path()
    if not _unsaved or path is None:
        return
    _unsaved = False
    user_cache.write(path, marshal.dumps(dict(_known())))  # a full disk: the next run compiles again


def _known() -> dict[str, CodeType]:
    global _compiled
    if _compiled is None:
        _compiled = {}
        path = _path()
        try:
            data = marshal.loads(path.read_bytes()) if path is not None else {}
        except (OSError, EOFError, ValueError, TypeError):
            data = {}
        if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, CodeType) for k, v in data.items()):
            _compiled = data
    return _compiled


_paths: list[Path | None] = []


def _path() -> Path | None:
    """The cache's file; None where the user cache has no folder."""
    if not _paths:
        folder = user_cache.folder()
        from importlib.util import MAGIC_NUMBER

        _paths.append(None if folder is None else
                      folder / f"dataclass-methods-{sys.hexversion:x}-{MAGIC_NUMBER.hex()}-O{sys.flags.optimize}"
                               f".marshal")
    return _paths[0]
