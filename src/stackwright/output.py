"""Outputs written atomically: into a temporary sibling first, moved into place only when complete.

A failure or an interrupt (Ctrl-C, SIGTERM) while writing leaves the previous output as it was, or
nothing; file-system errors (a file where a folder should be, no permission, a path too long, a full
disk) are user errors naming the option and the path, never a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stackwright.errors import UserError

INTERRUPTED_EXIT = 130  # the shell's code for a command stopped by Ctrl-C

_FIXES = {
    errno.EACCES: "no permission to write there; choose a folder you can write to",
    errno.EPERM: "no permission to write there; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose a writable folder",
    errno.ENAMETOOLONG: "the path is too long for the file system; choose a shorter path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.ENOSPC: "the disk is full; free space or choose another disk",
    errno.EDQUOT: "the disk quota is used up; free space or choose another disk",
    errno.ENOENT: "a folder on the path does not exist; create it first or choose another path",
    errno.EISDIR: "that is a folder; give a file name",
    errno.ELOOP: "the path loops through symbolic links; choose another path",
}


def _error(option: str, path: Path, error: OSError) -> UserError:
    fix = _FIXES.get(error.errno, f"{os.strerror(error.errno) if error.errno else error}; choose another path")
    return UserError(f"{option} '{path}': cannot write; {fix}")


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt inside the block, as Ctrl-C does, so cleanup code runs for both."""
    with _signals_as_interrupt():
        yield


@contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """SIGTERM interrupts like Ctrl-C, so the temporary output is removed either way."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the finished output is moved into place (milliseconds)."""
    received: list[int] = []
    try:
        previous = {s: signal.signal(s, lambda signum, frame: received.append(signum))
                    for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise _LateInterrupt


class _LateInterrupt(Exception):
    """A signal that came while the finished output was being moved into place: it is complete."""


def _interrupted(what: Path) -> SystemExit:
    import sys

    print(f"interrupted; {what} is as it was before", file=sys.stderr)
    return SystemExit(INTERRUPTED_EXIT)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publish(staged: Path, out: Path, prune: tuple[str, ...]) -> None:
    if not out.exists():
        staged.chmod(0o777 & ~_umask())  # mkdtemp made it private; the output is an ordinary folder
        os.rename(staged, out)  # one step: the whole output or nothing
        return
    written = {source.relative_to(staged) for source in staged.rglob("*")}
    for source in sorted(staged.rglob("*")):
        target = out / source.relative_to(staged)
        if source.is_dir():
            if target.exists() and not target.is_dir():
                target.unlink()
            target.mkdir(exist_ok=True)
        else:
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(source, target)
    for pattern in prune:  # generated files an earlier run left that this one no longer makes
        for stale in sorted(out.glob(pattern)):
            if stale.is_file() and stale.relative_to(out) not in written:
                stale.unlink()


@contextmanager
def staged_folder(out: Path, option: str, prune: tuple[str, ...] = ()) -> Iterator[Path]:
    """A temporary folder to write `out`'s contents into; moved into `out` when the block succeeds.

    Files already in `out` that this output does not write are kept (state and notes of the user's),
    except those matching `prune` (glob patterns relative to `out`).
    """
    try:
        if out.exists() and not out.is_dir():
            raise UserError(f"{option} '{out}': is a file, not a folder; give a folder path or remove the file")
        parent = out.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{out.name[:100]}.", suffix=".partial", dir=parent))
    except OSError as error:
        raise _error(option, out, error) from None
    try:
        with _signals_as_interrupt():
            yield staged
        with _signals_deferred():
            _publish(staged, out, prune)
    except _LateInterrupt:
        import sys

        print(f"interrupted; {out} had been written completely", file=sys.stderr)
        raise SystemExit(INTERRUPTED_EXIT) from None
    except KeyboardInterrupt:
        raise _interrupted(out) from None
    except OSError as error:
        raise _error(option, out, error) from None
    finally:
        shutil.rmtree(staged, ignore_errors=True)


_PIECES_CHUNK = 1 << 20


def write_pieces(path: Path, pieces: Iterator[str]) -> None:
    """Write a document given in pieces (into a plan's staged folder) about a megabyte at a time, small pieces
    joined and large ones cut: a large plan's documents are tens of megabytes, written while the optimiser's
    result is still in memory, so neither the whole text nor its encoding is held."""
    with path.open("w", encoding="utf-8") as file:
        pending: list[str] = []
        keep = pending.append
        size = 0
        for piece in pieces:
            length = len(piece)
            if length < _PIECES_CHUNK:  # most pieces are a template's few characters: kept as they are
                keep(piece)
                size += length
                if size >= _PIECES_CHUNK:
                    file.write("".join(pending))
                    pending.clear()
                    size = 0
                continue
            for start in range(0, length, _PIECES_CHUNK):  # a large one cut
                part = piece[start:start + _PIECES_CHUNK]
                keep(part)
                size += len(part)
                if size >= _PIECES_CHUNK:
                    file.write("".join(pending))
                    pending.clear()
                    size = 0
        file.write("".join(pending))


def write_text(path: Path, text: str, option: str) -> None:
    """Write one file atomically: a temporary file beside it, then a rename over it."""
    temporary = None
    try:
        if path.is_dir():
            raise UserError(f"{option} '{path}': is a folder; give a file name")
        with _signals_as_interrupt():
            handle, name = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".partial", dir=path.resolve().parent)
            temporary = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            temporary.chmod(0o666 & ~_umask())  # mkstemp made it private; the output is an ordinary file
            os.replace(temporary, path)
            temporary = None
    except KeyboardInterrupt:
        raise _interrupted(path) from None
    except OSError as error:
        raise _error(option, path, error) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
