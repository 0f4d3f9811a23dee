"""A worker: one more instance of the reusable service module (as a fargate_service), with no container port
and, when it scales on its queue, the module's backlog step scaling."""

from __future__ import annotations

from stackwright.render.terraform.resources.fargate_service import MODULE, render  # noqa: F401
