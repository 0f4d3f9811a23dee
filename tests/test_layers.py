"""The cost engine sits under the plan and the renderers, never beside them: a spec's bill is spec → plan →
AWS resources → bill, put together by stackwright.spec_bill, and nothing in stackwright/cost/ imports the
plan, the renderers or that caller back, not even inside a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import stackwright

COST = Path(stackwright.__file__).parent / "cost"
ABOVE_COST = ("stackwright.plan", "stackwright.render", "stackwright.spec_bill")


def _imported_names(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in the source, at any depth, relative ones resolved from `package`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, base)] + [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant):
                found.append((node.lineno, first.value))
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                found.append((node.lineno, first.values[0].value))
    return found


def _package(path: Path) -> str:
    return ".".join(("stackwright", *path.relative_to(COST.parent).parts[:-1]))


def _is_above(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in ABOVE_COST)


def test_no_cost_module_imports_the_plan_the_renderers_or_the_spec_bill():
    sources = sorted(COST.rglob("*.py"))
    assert len(sources) >= 5
    wrong = [f"{path.relative_to(COST.parent)}:{line}: imports {module}"
             for path in sources for line, module in _imported_names(path.read_text(encoding="utf-8"), _package(path))
             if _is_above(module)]
    assert wrong == []


def test_the_check_sees_lazy_dynamic_and_relative_imports():
    """The scan above finds an import inside a function, a dynamic one and a relative one: the forms a cycle
    hides in."""
    source = ("def f(x):\n    from stackwright.plan import build_plan\n"
              "    importlib.import_module(f'stackwright.render.{x}')\n    from ...render import terraform\n")
    found = sorted(module for _, module in _imported_names(source, "stackwright.cost.resources") if _is_above(module))
    assert found == ["stackwright.plan", "stackwright.plan.build_plan", "stackwright.render",
                     "stackwright.render.", "stackwright.render.terraform"]
    assert _imported_names("from .bill import Bill\n", "stackwright.cost") == [
        (1, "stackwright.cost.bill"), (1, "stackwright.cost.bill.Bill")]


def test_importing_and_using_the_cost_engine_loads_neither_plan_nor_renderers():
    """In a fresh interpreter: every cost module imported and an import's bill assembled from cost
    components leave the plan and the renderers unloaded."""
    script = """
import importlib, pkgutil, sys
import stackwright.cost
for module in pkgutil.walk_packages(stackwright.cost.__path__, "stackwright.cost."):
    importlib.import_module(module.name)
from stackwright.cost.component import CostComponent
from stackwright.cost.engine import bill_of, region_prices
from stackwright.spec.model import Spec
spec = Spec.model_validate({"name": "layers", "region": "us-east-1", "components": {}})
prices = region_prices(None, spec)
lines = [("db", [(CostComponent("rds", "storage", "rds/postgresql/gp3-storage", 20), None)])]
bill = bill_of(spec, None, lines, prices, allow_missing=True)
assert bill.items or bill.unknown
print(" ".join(sorted(m for m in sys.modules if m.startswith(("stackwright.plan", "stackwright.render",
                                                              "stackwright.spec_bill")))))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
