"""Files one run leaves for the next in a folder of the user's temp folder, as Jinja keeps compiled templates there:
derived data only (Terraform block shapes, a compiled message catalogue), each file named by a fingerprint of
all it is derived from, so a changed source starts a new file and a missing or damaged one is only a miss."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def folder() -> Path | None:
    """`$TMPDIR/stackwright-<uid>`, made when missing; None where it cannot be made sure that only this user
    writes there (another owner, open permissions, a platform without user ids): nothing is then kept."""
    uid = getattr(os, "getuid", lambda: None)()
    if uid is None:
        return None
    found_folder = Path(tempfile.gettempdir()) / f"stackwright-{uid}"
    try:
        found_folder.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(found_folder)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != uid or found.st_mode & 0o077:
        return None
    return found_folder


def write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; nothing is left behind when writing fails (a full disk)."""
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
