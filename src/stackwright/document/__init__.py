"""The design document: design.md, with the sections of a hand-written AWS design, every figure computed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from stackwright.spec.model import Spec

FILE_NAME = "design.md"


def template_context(facts) -> dict:
    """Figures the template needs beyond the facts themselves."""
    from stackwright.diagram.ascii import draw_ascii
    from stackwright.optimize.constraints import availability
    from stackwright.plan.security import WORLD

    plan, opt = facts.plan, facts.optimised
    counts = [s.spec.tasks for s in plan.services]
    counts += [g.spec.instances for g in plan.instance_groups if not g.instances]
    fixed = sum(len(g.instances) for g in plan.instance_groups)
    open_to_world: dict[str, list[str]] = {}
    for flow in facts.flows:
        if flow.source == WORLD:
            open_to_world.setdefault(flow.target, []).append(flow.ports)
    default_routes = {t.id: next((r.via.target for r in t.routes if r.destination == WORLD), None)
                      for t in plan.network.route_tables}
    return {
        "facts": facts,
        "ascii": draw_ascii(facts.layout),
        "availability": availability(facts.spec),
        "saving_share": 1 - opt.optimized_monthly_usd / opt.baseline_monthly_usd if opt.baseline_monthly_usd else 0.0,
        "capacity": (sum(c.min for c in counts) + fixed, sum(c.max for c in counts) + fixed),
        "open_ports": "; ".join(f"{', '.join(ports)} → {target}" for target, ports in open_to_world.items()) or "—",
        "default_routes": default_routes,
    }


def design_markdown(spec: Spec, lang: str = "en", environments: dict | None = None) -> str:
    """`environments`: the spec's environments side by side (document.environments.side_by_side) and which
    of them this document is (`current`), for a section comparing them; None without environments."""
    return "".join(_design_pieces(spec, lang, environments))


def _design_pieces(spec: Spec, lang: str, environments: dict | None) -> Iterator[str]:
    from stackwright.document.facts import gather
    from stackwright.document.render import environment

    return environment(lang).get_template("design.md.j2").generate(
        template_context(gather(spec)) | {"environments": environments})


def write_design(spec: Spec, out_dir: Path, lang: str = "en", environments: dict | None = None) -> Path:
    """Write design.md into `out_dir` in `lang` (en or ko); the same spec always gives the same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    from stackwright.output import write_pieces

    pieces = _design_pieces(spec, lang, environments)  # the facts first: a spec they fail on leaves no file
    write_pieces(path, pieces)
    return path
