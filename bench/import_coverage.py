"""Import coverage on real-world Terraform and CloudFormation: how much of what the code declares gets priced,
and how many dollars sit on lines no resource declares. Figures for docs/import-coverage.md.

    python bench/import_coverage.py PATH... [--markdown]

Each PATH is a Terraform directory (a terraform-aws-modules example) or a CloudFormation template. The code
is read where it lies; nothing of it is copied into this repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from stackwright.errors import UserError
from stackwright.importer import import_path, price_import


NO_MODULE = "no cost module"


def measure(path: Path) -> dict:
    """Resources by outcome: free; not read (the static read cannot tell how many, or a remote module it
    does not fetch); no cost module for the type; a price the catalogue lacks; priced."""
    from stackwright.importer.mapping import MAPPERS
    from stackwright.importer.mapping.registry import _free

    try:
        result = import_path(path)
    except UserError as error:
        return {"path": str(path), "error": str(error.problems[0]).replace(str(path), "")[:100]}
    except Exception as error:  # the evaluator's own failures are counted, not hidden  # noqa: BLE001
        return {"path": str(path), "error": f"importer failure: {type(error).__name__}: {error}"[:100]}
    bill = price_import(result)
    kinds = dict(result.types)
    outcome: dict[str, str] = {f.address: "free" for f in result.free}
    for u in result.unsupported:
        address = u.address.split(" (", 1)[0]
        kinds.setdefault(address, u.type)
        if MAPPERS.get(u.type) is _free:
            outcome[address] = "free"
        elif NO_MODULE in u.reason:
            outcome.setdefault(address, "no module")
        else:
            outcome.setdefault(address, "not read")
    unpriced_components = {u.resource for u in bill.unknown}
    for address, component in result.priced_as.items():
        if address not in outcome:
            outcome[address] = "no price" if component in unpriced_components else "priced"
    blocks = {re.sub(r"\[[^]]*\]$", "", a) for a in result.types}
    from_code = set(result.types) | blocks | set(result.priced_as.values())
    undeclared = sum(i.monthly_usd for i in bill.items if i.resource not in from_code)
    count = {k: sum(1 for o in outcome.values() if o == k) for k in ("free", "not read", "no module", "no price", "priced")}
    gaps = sorted({f"{kinds.get(a, 'module')}" for a, o in outcome.items() if o in ("no module", "no price")})
    return {"path": str(path), **count, "total": bill.total, "undeclared_usd": round(undeclared, 2), "gaps": gaps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--root", type=Path, default=None, help="shown paths are relative to this folder")
    args = parser.parse_args()
    rows = [measure(p) for p in args.paths]
    print("| project | free | not read | read, non-free | priced | share | USD/month | USD on undeclared lines "
          "| not priced: type (no module or no catalogue price) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    totals = {"read": 0, "priced": 0, "not read": 0, "undeclared_usd": 0.0}
    for row in rows:
        name = str(Path(row["path"]).relative_to(args.root)) if args.root else row["path"]
        if "error" in row:
            print(f"| {name} | read error: {row['error']} | | | | | | | |")
            continue
        read = row["priced"] + row["no module"] + row["no price"]
        share = f"{row['priced'] / read:.0%}" if read else "–"
        print(f"| {name} | {row['free']} | {row['not read']} | {read} | {row['priced']} | {share} | "
              f"{row['total']:,.2f} | {row['undeclared_usd']:,.2f} | {', '.join(row['gaps'])} |")
        totals["read"] += read
        for key in ("priced", "not read", "undeclared_usd"):
            totals[key] += row[key]
    share = totals["priced"] / totals["read"] if totals["read"] else 0
    print(f"| **all** | | {totals['not read']} | {totals['read']} | {totals['priced']} | **{share:.0%}** | | "
          f"{totals['undeclared_usd']:,.2f} | |")


if __name__ == "__main__":
    sys.exit(main())
