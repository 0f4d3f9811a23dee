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


def measure(path: Path) -> dict:
    try:
        result = import_path(path)
    except UserError as error:
        return {"path": str(path), "error": str(error.problems[0]).replace(str(path), "")[:100]}
    except Exception as error:  # the evaluator's own failures are counted, not hidden  # noqa: BLE001
        return {"path": str(path), "error": f"importer failure: {type(error).__name__}: {error}"[:100]}
    bill = price_import(result)
    free = {f.address for f in result.free}
    declared = set(result.types) | {u.address.split(" (", 1)[0] for u in result.unsupported}
    non_free = declared - free
    blocked = {u.address.split(" (", 1)[0] for u in result.unsupported}
    unpriced_components = {u.resource for u in bill.unknown}
    not_priced = blocked | {a for a, component in result.priced_as.items() if component in unpriced_components}
    from_code = set(result.types) | {re.sub(r"\[[^]]*\]$", "", a) for a in result.types} | set(result.priced_as.values())
    undeclared = sum(i.monthly_usd for i in bill.items if i.resource not in from_code)
    return {"path": str(path), "resources": len(declared), "free": len(free & declared), "non_free": len(non_free),
            "priced": len(non_free - not_priced), "not_priced": sorted({f"{result.types.get(a, 'module')}"
                                                                       for a in non_free & not_priced}),
            "total": bill.total, "undeclared_usd": round(undeclared, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--root", type=Path, default=None, help="shown paths are relative to this folder")
    args = parser.parse_args()
    rows = [measure(p) for p in args.paths]
    print("| project | resources | free | non-free | priced | share | USD/month | USD on undeclared lines | not priced |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    totals = {"non_free": 0, "priced": 0, "undeclared_usd": 0.0}
    for row in rows:
        name = str(Path(row["path"]).relative_to(args.root)) if args.root else row["path"]
        if "error" in row:
            print(f"| {name} | read error: {row['error']} | | | | | | | |")
            continue
        share = f"{row['priced'] / row['non_free']:.0%}" if row["non_free"] else "–"
        print(f"| {name} | {row['resources']} | {row['free']} | {row['non_free']} | {row['priced']} | {share} | "
              f"{row['total']:,.2f} | {row['undeclared_usd']:,.2f} | {', '.join(row['not_priced'])} |")
        for key in totals:
            totals[key] += row[key]
    share = totals["priced"] / totals["non_free"] if totals["non_free"] else 0
    print(f"| **all** | | | {totals['non_free']} | {totals['priced']} | **{share:.0%}** | | "
          f"{totals['undeclared_usd']:,.2f} | |")


if __name__ == "__main__":
    sys.exit(main())
