"""The plan: what to create for a spec, neutral to every renderer. See `model` for its parts."""

from stackwright.plan.build import build_plan
from stackwright.plan.model import Plan

__all__ = ["Plan", "build_plan"]
