"""Graphviz's drawings kept from one run to the next in the user cache (stackwright.user_cache), by the DOT source
they were drawn from: Graphviz spends most of a small plan's diagram rasterising and compressing the PNG (0.13 s of
tiketi's 0.14 s per environment), and the same spec gives the same source run after run.

A drawing is kept under a hash of its DOT source (the icons' file paths and every attribute are in it) and of all
else that decides the bytes: the `dot` program, Graphviz's plugins and the libraries beside them (cairo, pango,
libpng, zlib), the fontconfig caches (installed fonts), the icon files and the environment variables Graphviz
reads. A changed one draws anew; a missing, damaged or foreign file is only a miss."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import shutil
from functools import cache
from pathlib import Path

from stackwright import user_cache

KEPT = 32  # drawings in the folder; past this the least recently used go
# A drawing larger than this is not kept (a blueprint's is 0.25 MB; a hundred services' 2.5 MB), so the store
# stays under 32 MB: a plan of many services pays Graphviz every time, as before.
MAX_BYTES = 2**20
PREFIX = "diagram-"
DIGEST = hashlib.sha256().digest_size  # each file ends with the digest of what precedes it
ENVIRONMENT = ("GVBINDIR", "GVPLUGIN_PATH", "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT",
               "GDFONTPATH", "DOTFONTPATH", "XDG_CACHE_HOME", "HOME", "LANG", "LC_ALL", "LC_CTYPE")
_ICON = re.compile(rb'<IMG SRC="([^"]+)"')


def drawn(source: bytes, engine: str, formats: list[str]) -> dict[str, bytes] | None:
    """Each format's bytes as Graphviz drew `source` before, or None when any is not kept."""
    where = _place(source, engine)
    if where is None:
        return None
    kept = {}
    for format in formats:
        path = where.with_name(f"{where.name}.{format}")
        try:
            data = path.read_bytes()
        except OSError:
            return None
        body, digest = data[:-DIGEST], data[-DIGEST:]
        if hashlib.sha256(body).digest() != digest:
            return None
        kept[format] = body
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: the last to go
    return kept


def keep(source: bytes, engine: str, outputs: dict[str, bytes]) -> None:
    """Keep what Graphviz drew from `source`, each format in a file; the least recently used beyond KEPT go."""
    where = _place(source, engine)
    if where is None or sum(len(data) for data in outputs.values()) > MAX_BYTES:
        return
    for format, data in outputs.items():
        user_cache.write(where.with_name(f"{where.name}.{format}"), data + hashlib.sha256(data).digest())
    _prune(where.parent)


def _prune(folder: Path) -> None:
    used: dict[str, float] = {}  # each drawing's name (its files' without the format) -> when last used
    for path in folder.glob(f"{PREFIX}*"):
        with contextlib.suppress(OSError):
            name = path.name.split(".", 1)[0]
            used[name] = max(used.get(name, 0.0), path.stat().st_mtime)
    for name in sorted(used, key=used.__getitem__)[:max(0, len(used) - KEPT)]:
        for path in folder.glob(f"{name}.*"):
            with contextlib.suppress(OSError):
                path.unlink()


def _place(source: bytes, engine: str) -> Path | None:
    """The drawing's files without their format suffix: the user cache folder, `diagram-` and the key."""
    folder = user_cache.folder()
    graphviz = _graphviz()
    if folder is None or graphviz is None:
        return None
    digest = hashlib.sha256(graphviz)
    digest.update(engine.encode() + b"\0")
    for icon in sorted(set(_ICON.findall(source))):  # the icons' pixels go into the PNG
        digest.update(icon + b"\0" + _signature(os.fsdecode(icon.replace(b"&amp;", b"&"))))
    digest.update(source)
    return folder / f"{PREFIX}{digest.hexdigest()[:32]}"


@cache
def _graphviz() -> bytes | None:
    """What Graphviz draws with, as file signatures: None without `dot`."""
    found = shutil.which("dot")
    if found is None:
        return None
    program = Path(os.path.realpath(found))
    paths = [program]
    prefix = program.parent.parent
    for config in sorted({*glob.glob(f"{glob.escape(str(prefix))}/lib*/graphviz/config*"),
                          *glob.glob(f"{glob.escape(str(prefix))}/lib*/*/graphviz/config*")}):
        plugins = Path(config).parent
        paths += [Path(config), plugins, plugins.parent]  # a library upgraded beside the plugins changes its folder
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    paths += [Path("/var/cache/fontconfig"), Path(cache_home) / "fontconfig"]
    parts = [str(path).encode() + b"\0" + _signature(str(path)) for path in paths]
    parts += [f"{name}={os.environ.get(name, '')}".encode() for name in ENVIRONMENT]
    return b"\n".join(parts)


def _signature(path: str) -> bytes:
    try:
        found = os.stat(path)
    except OSError:
        return b"-"
    return f"{found.st_ino}:{found.st_size}:{found.st_mtime_ns}".encode()
