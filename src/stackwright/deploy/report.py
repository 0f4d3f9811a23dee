"""What a deploy or destroy did, resource by resource, and the progress reported while it ran."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Literal

Target = Literal["local", "aws"]
Status = Literal["created-by-cloudformation-and-verified", "created-by-service-api-and-verified", "not-emulated",
                 "verify-failed"]
VERIFIED: tuple[Status, ...] = ("created-by-cloudformation-and-verified", "created-by-service-api-and-verified")


@dataclass(frozen=True)
class StackEvent:
    timestamp: datetime
    logical_id: str
    resource_type: str
    status: str
    reason: str | None


@dataclass(frozen=True)
class Progress:
    """Passed to the `progress` callback: what is happening now, how many planned resources are settled,
    and the stack event that just arrived, if any."""

    message: str
    done: int
    total: int
    event: StackEvent | None = None


@dataclass(frozen=True)
class ResourceOutcome:
    """One planned resource after the deploy. `how` names what created it; `reason` says why the
    service API or nothing created it, or why verification failed; `gaps` lists template properties
    the emulator cannot hold."""

    logical_id: str
    type: str
    status: Status
    physical_id: str | None
    how: str
    reason: str | None = None
    gaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class FailedResource:
    logical_id: str
    reason: str


@dataclass(frozen=True)
class Failure:
    """Why the deploy stopped, the resources that failed, and how it was rolled back: `left_behind`
    lists what the rollback could not remove."""

    reason: str
    failed: tuple[FailedResource, ...]
    rolled_back: str
    left_behind: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeployReport:
    stack_name: str
    target: Target
    region: str
    endpoint_url: str | None
    result: Literal["created", "updated", "no changes", "failed"]
    resources: tuple[ResourceOutcome, ...]
    outputs: dict[str, str]
    outputs_source: str
    parameters: dict[str, str]
    seconds: float
    failure: Failure | None = None
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True only when the deploy succeeded and every planned resource exists as the template says."""
        return self.failure is None and all(r.status in VERIFIED for r in self.resources)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.resources)

    def to_json(self) -> dict:
        return {**asdict(self), "complete": self.complete}


@dataclass(frozen=True)
class Leftover:
    logical_id: str
    type: str
    physical_id: str | None
    reason: str


@dataclass(frozen=True)
class DestroyReport:
    """`removed` lists what stackwright deleted itself (service-API resources, fixtures, what the stack
    delete left behind); `retained` what a DeletionPolicy keeps on purpose; `remaining` what still
    exists although it should not."""

    stack_name: str
    target: Target
    region: str
    endpoint_url: str | None
    stack_existed: bool
    stack_delete_error: str | None
    removed: tuple[Leftover, ...]
    retained: tuple[Leftover, ...]
    remaining: tuple[Leftover, ...]
    checked: int
    seconds: float
    notes: tuple[str, ...] = field(default=())
    tag: str = ""  # the tag searched for after the delete, `stackwright:spec=NAME`
    tagged_found: int | None = None  # resources carrying it the search found (None: not searched)

    @property
    def clean(self) -> bool:
        return not self.remaining

    def to_json(self) -> dict:
        return {**asdict(self), "clean": self.clean}


@dataclass(frozen=True)
class ChangePreview:
    """`deploy --dry-run`: the change set a deploy would execute, described and deleted unexecuted."""

    stack_name: str
    target: Target
    region: str
    endpoint_url: str | None
    result: Literal["create", "update", "no changes"]
    changes: tuple  # stack.Change
    notes: tuple[str, ...] = ()


class DeployInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during `deploy --target aws`: what became of the stack, and what to run next."""

    def __init__(self, stack_name: str, status: str | None, what: str):
        self.stack_name = stack_name
        self.status = status
        self.what = what
        super().__init__(what)
