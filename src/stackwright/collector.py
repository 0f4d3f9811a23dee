"""Python's cyclic garbage collector paused around work that allocates many long-lived objects.

A bill, an optimiser search and a Terraform read each build tens of thousands to millions of objects that
outlive the collections their own allocations set off, so the collector walks all of them again and again
and finds little or nothing (a third to two thirds of the CPU at 1,000 services). Each caller says why
pausing is safe for what it builds.
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
            if kept:
                gc.freeze()  # resets the young count; unfreeze hands the objects to the oldest generation
                gc.unfreeze()
            gc.enable()
