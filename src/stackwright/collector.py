"""Python's cyclic garbage collector paused around work that allocates many long-lived objects, or kept to
what a piece of work allocates.

A bill, an optimiser search and a Terraform read each build tens of thousands to millions of objects that
outlive the collections their own allocations set off, so the collector walks all of them again and again
and finds little or nothing (a third to two thirds of the CPU at 1,000 services). Each caller says why
pausing is safe for what it builds.

Work that may leave cyclic garbage of its own (templates, parse trees) runs with the collector on but `apart`:
its collections walk only what it allocates, not the plan, bills and optimiser result alive before it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(*, kept: bool = False) -> Iterator[None]:
    """The collector off for the block, back to its earlier state after (nested pauses leave it off).
    `kept`: what the block builds is mostly kept (a bill and its plan), so it joins the oldest generation
    when the pause ends rather than be walked at once by the first young collection after; cyclic garbage
    it made then waits for a full collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if kept and not gc.get_freeze_count():  # a freeze cannot be undone in part: leave another's be
                gc.freeze()  # resets the young count; unfreeze hands the objects to the oldest generation
                gc.unfreeze()
            gc.enable()


_apart = 0  # how many `apart` blocks are open: only the outermost freezes and unfreezes


@contextlib.contextmanager
def apart() -> Iterator[None]:
    """Collections inside the block walk only the objects allocated in it: those alive before are moved out of
    the collector's generations (gc.freeze) for the block and back after it, so cyclic garbage among them is
    still found by a later collection. A freeze cannot be undone in part: objects frozen before the block (the
    CLI's start-up) are back in the generations after it too."""
    global _apart
    if not _apart:
        gc.freeze()
    _apart += 1
    try:
        yield
    finally:
        _apart -= 1
        if not _apart:
            gc.unfreeze()
