"""The text of block shapes (see hcl_writer) kept from one run to the next in a file of the user cache
(stackwright.user_cache): a plan repeats the same few hundred shapes run after run, and writing them through
python-hcl2 (loading it and its grammar, then deserialising, formatting and reconstructing each shape) is most of a
small plan's Terraform time. The file's name carries a fingerprint of all the text depends on (this package's HCL
writer, python-hcl2's and Lark's versions), so a changed writer or library starts a fresh file; a missing,
unreadable or foreign file only means the shapes are written again."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

from stackwright import user_cache

KEPT = 4096  # shapes in the file and in memory; past this the store starts again from the newest
WRITER_SOURCES = ("hcl.py", "hcl_writer.py", "hcl2_text.py")
LIBRARY_VERSIONS = (("hcl2", "version.py"), ("lark", "__init__.py"))  # files that name each library's version

_known: dict[str, str] | None = None  # the file's shapes, read on the first lookup, and those added since
_unsaved = False


def written(key: str) -> str | None:
    """The text stored for the shape `key` (its repr), or None."""
    return _stored().get(key)


def add(key: str, text: str) -> None:
    """Keep a newly written shape; `save` puts it in the file."""
    global _unsaved
    stored = _stored()
    if len(stored) >= KEPT:
        stored.clear()
    stored[key] = text
    _unsaved = True


def save() -> None:
    """Write the shapes added since the last save into the file, atomically; nothing when none were added or
    the folder is not safely the user's own."""
    global _unsaved
    path = _path()
    if not _unsaved or path is None:
        return
    _unsaved = False
    shapes = _stored().copy()  # another thread may add meanwhile
    text = json.dumps(shapes, ensure_ascii=False, separators=(",", ":"))
    user_cache.write(path, text.encode("utf-8"))  # a full disk: the next run writes the shapes again


def _stored() -> dict[str, str]:
    global _known
    if _known is None:
        _known = {}
        path = _path()
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            _known = data
    return _known


_paths: list[Path | None] = []


def _path() -> Path | None:
    """The store's file in the user cache; None where there is none."""
    if not _paths:
        _paths.append(_find_path())
    return _paths[0]


def _find_path() -> Path | None:
    folder = user_cache.folder()
    if folder is None:
        return None
    digest = hashlib.sha256()
    try:
        for name in WRITER_SOURCES:
            digest.update((Path(__file__).parent / name).read_bytes())
        for package, file in LIBRARY_VERSIONS:
            spec = importlib.util.find_spec(package)
            if spec is None or spec.origin is None:
                return None
            digest.update(Path(spec.origin).with_name(file).read_bytes())
    except OSError:
        return None
    return folder / f"terraform-shapes-{digest.hexdigest()[:16]}.json"
