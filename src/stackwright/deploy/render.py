"""Deploy and destroy reports as Rich renderables for the terminal."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table
from rich.text import Text

from stackwright.deploy.report import ChangePreview, DeployReport, DestroyReport

STATUS_STYLES = {"created-by-cloudformation-and-verified": "green", "created-by-service-api-and-verified": "cyan",
                 "not-emulated": "yellow", "verify-failed": "bold red"}


ACTION_STYLES = {"Add": "green", "Modify": "yellow", "Remove": "bold red"}


def _where(report: DeployReport | DestroyReport | ChangePreview) -> str:
    endpoint = f" at {report.endpoint_url}" if report.endpoint_url else ""
    return f"stack {report.stack_name} on {report.target} ({report.region}{endpoint})"


def deploy_report(report: DeployReport) -> Group:
    counts = Counter(r.status for r in report.resources)
    verdict = "complete" if report.complete else "NOT complete"
    parts: list = [Text(f"{_where(report)}: {report.result} in {report.seconds:.1f} s; {verdict}: " +
                        ", ".join(f"{n} {status}" for status, n in sorted(counts.items())),
                        style="bold green" if report.complete else "bold yellow")]
    if report.resources:
        table = Table(title="Planned resources")
        for column in ("resource", "type", "status", "made by", "physical id", "why / gaps"):
            table.add_column(column, overflow="fold")
        for r in report.resources:
            note = "; ".join(filter(None, [r.reason, f"not emulated: {', '.join(r.gaps)}" if r.gaps else None]))
            table.add_row(r.logical_id, r.type, Text(r.status, style=STATUS_STYLES[r.status]), r.how,
                          r.physical_id or "", note)
        parts.append(table)
    if report.outputs:
        outputs = Table(title=f"Outputs ({report.outputs_source})")
        outputs.add_column("output")
        outputs.add_column("value", overflow="fold")
        for name, value in report.outputs.items():
            outputs.add_row(name, value)
        parts.append(outputs)
    if report.failure:
        failure = report.failure
        parts.append(Text(f"failed: {failure.reason}", style="bold red"))
        parts += [Text(f"  {f.logical_id}: {f.reason}", style="red") for f in failure.failed]
        parts.append(Text(f"rolled back: {failure.rolled_back}"))
        parts += [Text(f"  left behind: {item}", style="red") for item in failure.left_behind]
    parts += [Text(f"note: {note}", style="dim") for note in report.notes]
    return Group(*parts)


def destroy_report(report: DestroyReport) -> Group:
    if not report.stack_existed and not report.removed and report.clean:
        headline = f"{_where(report)}: no such stack, nothing to destroy"
    elif not report.stack_existed:
        headline = (f"{_where(report)}: no such stack, but {len(report.removed) + len(report.remaining)} "
                    f"resource(s) tagged {report.tag} were left: {len(report.removed)} removed, "
                    f"{len(report.remaining)} still there")
    elif report.clean:
        headline = f"{_where(report)}: destroyed in {report.seconds:.1f} s; none of its {report.checked} resources is left"
    else:
        headline = f"{_where(report)}: {len(report.remaining)} resource(s) still exist ({report.checked} in the stack)"
    parts: list = [Text(headline, style="bold green" if report.clean else "bold red")]
    if report.tagged_found is not None:
        still = len([r for r in report.remaining if r.reason.startswith("tagged")])
        parts.append(Text(f"tag check: {report.tagged_found} resource(s) tagged {report.tag} listed after the "
                          f"delete; {still} of them still exist" if report.tagged_found else
                          f"tag check: no resource tagged {report.tag} is left"))
    if report.stack_delete_error:
        parts.append(Text(f"the stack delete reported: {report.stack_delete_error}", style="yellow"))
    for title, items, style in (("removed by stackwright", report.removed, ""),
                                ("kept on purpose", report.retained, "yellow"),
                                ("still there", report.remaining, "bold red")):
        if items:
            table = Table(title=title)
            for column in ("resource", "type", "physical id", "why"):
                table.add_column(column, overflow="fold")
            for item in items:
                table.add_row(item.logical_id, item.type, item.physical_id or "", Text(item.reason, style=style))
            parts.append(table)
    parts += [Text(f"note: {note}", style="dim") for note in report.notes]
    return Group(*parts)


def preview_report(report: ChangePreview) -> Group:
    """`deploy --dry-run`: the change set a deploy would execute, one row per resource."""
    counts = Counter(c.action for c in report.changes)
    summary = ", ".join(f"{n} to {action.lower()}" for action, n in sorted(counts.items())) or "nothing to change"
    would = {"create": "create the stack", "update": "update the stack", "no changes": "change nothing"}
    parts: list = [Text(f"{_where(report)}: dry run, nothing changed; a deploy would {would[report.result]}: "
                        f"{summary}", style="bold")]
    if report.changes:
        table = Table(title="Change set (not executed)")
        for column in ("action", "resource", "type", "replaced"):
            table.add_column(column, overflow="fold")
        for c in report.changes:
            table.add_row(Text(c.action, style=ACTION_STYLES.get(c.action, "")), c.logical_id, c.type,
                          c.replacement or "")
        parts.append(table)
    parts += [Text(f"note: {note}", style="dim") for note in report.notes]
    return Group(*parts)
