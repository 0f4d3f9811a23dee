"""environments.md: a spec's environments side by side (kind, target, hours, cost by service) and in total."""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "environments.md"


def side_by_side(each: list) -> dict:
    """The environments' figures for environments.md and for each environment's design.md and report.html:
    `each` is (environment name, its LoadedSpec) in the spec's order."""
    from stackwright.document.facts import remember_bill
    from stackwright.planner import folder
    from stackwright.render.environments import grand_total, rows as service_rows
    from stackwright.spec_bill import price

    bills = [(env, price(loaded.spec, loaded)) for env, loaded in each]
    for (_, loaded), (_, bill) in zip(each, bills):
        remember_bill(loaded.spec, bill)
    rows = [{"env": env, "kind": loaded.spec.environment, "target": loaded.spec.availability_target,
             "hours": loaded.spec.running_hours_per_week, "total": bill.total,
             "folder": folder(env, each).removeprefix(".").strip("/")}
            for (env, loaded), (_, bill) in zip(each, bills)]
    return {"name": each[0][1].spec.name, "rows": rows, "total": grand_total(bills),
            "services": service_rows(bills)[:-1]}


def environments_markdown(each: list, lang: str = "en", figures: dict | None = None) -> str:
    """`each`: (environment name, its LoadedSpec) in the spec's order; `figures`: `side_by_side(each)`, when
    the caller has it."""
    from stackwright.document.render import environment

    return environment(lang).get_template("environments.md.j2").render(figures or side_by_side(each))


def write_environments(each: list, out_dir: Path, lang: str = "en", figures: dict | None = None) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    path.write_text(environments_markdown(each, lang, figures), encoding="utf-8")
    return path
