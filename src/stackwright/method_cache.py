"""The methods `dataclasses` writes for each class (`__init__`, `__repr__`, `__eq__`, `__hash__`, a frozen class's
`__setattr__` and `__delattr__`), compiled once and kept in the user cache (stackwright.user_cache) as Python
keeps a module's bytecode in `__pycache__`: `dataclasses` writes each method as source text and compiles it with
`exec` at every start-up, and the plan's and the bill's 160 classes make 850 such compilations, 40 ms of a 0.27 s
`stackwright cost`.

Only the compiling is skipped: `dataclasses` runs the same text's code as before, so every class gets the same
methods. A text is looked up whole, so a changed class or Python's own `dataclasses` only adds entries. Each module
defining classes has its own file, so a command reads the code of the classes it makes and no more; the files'
names carry the interpreter's bytecode version and optimisation level. A missing, damaged or foreign file is a
miss, and the folder is the user's own (see user_cache), as trusted as their `__pycache__`. Like the user cache's
other files it is kept whatever PYTHONDONTWRITEBYTECODE says, which is about modules' bytecode beside their
source."""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from pathlib import Path
from types import CodeType

from stackwright import user_cache

KEPT = 1024  # compiled texts in a module's file; past this its file starts again from the newest

_compiled: dict[str, dict[str, CodeType]] = {}  # per module: its file's code, read at the first lookup, and any added
_unsaved: set[str] = set()  # modules whose code was compiled anew


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
    """`exec` as `dataclasses` calls it (with the namespace of the module defining the class), with a source text's
    code taken from that module's file when kept there."""
    module = globals.get("__name__") if isinstance(globals, dict) else None
    if not isinstance(source, str) or not isinstance(module, str) or \
            not all(part.isidentifier() for part in module.split(".")):  # part of a file name
        return builtins.exec(source, globals, locals)
    compiled = _known(module)
    code = compiled.get(source)
    if code is None:
        # as exec compiles a text: flags from no `from __future__` (dataclasses.py has none), the
        # interpreter's optimisation level
        code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        if len(compiled) >= KEPT:
            compiled.clear()
        compiled[source] = code
        _unsaved.add(module)
    return builtins.exec(code, globals, locals)


def save() -> None:
    """Write, atomically, the file of each module whose classes needed code compiled anew; nothing when the folder
    is not safely the user's own."""
    for module in sorted(_unsaved):
        _unsaved.discard(module)
        path = _path(module)
        if path is not None:  # a full disk: the next run compiles again
            user_cache.write(path, marshal.dumps(dict(_compiled[module])))


def _known(module: str) -> dict[str, CodeType]:
    compiled = _compiled.get(module)
    if compiled is None:
        compiled = _compiled[module] = {}
        path = _path(module)
        try:
            data = marshal.loads(path.read_bytes()) if path is not None else {}
        except (OSError, EOFError, ValueError, TypeError):
            data = {}
        if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, CodeType) for k, v in data.items()):
            compiled.update(data)
    return compiled


_prefixes: list[Path | None] = []


def _path(module: str) -> Path | None:
    """The file of the code for one module's classes; None where the user cache has no folder."""
    if not _prefixes:
        from importlib.util import MAGIC_NUMBER

        folder = user_cache.folder()
        _prefixes.append(None if folder is None else
                         folder / f"dataclass-methods-{sys.hexversion:x}-{MAGIC_NUMBER.hex()}-O{sys.flags.optimize}")
    prefix = _prefixes[0]
    return None if prefix is None else prefix.with_name(f"{prefix.name}-{module}.marshal")
