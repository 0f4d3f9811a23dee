"""A worker's warm-up (serve.jobs.warm_up) leaves nothing for a bundled blueprint's first edit to import."""

import subprocess
import sys


def test_after_warm_up_no_blueprints_first_bill_or_diagram_imports_a_module():
    """In a fresh interpreter, as a worker starts: the first bill and diagram of each bundled blueprint
    import nothing more (its region's prices and its kinds' modules were loaded at start)."""
    probe = """
import sys
from stackwright.serve import jobs
jobs.warm_up()
before = set(sys.modules)
for name in jobs.blueprint_names():
    text = jobs.BLUEPRINTS.joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    jobs.cost(text.replace("\\nname: ", "\\nname: edited-", 1), allow_missing=True)
    jobs.diagram(text)
print(len(jobs.blueprint_names()), sorted(set(sys.modules) - before))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    count, imported = out.split(" ", 1)
    assert int(count) >= 6
    assert imported.strip() == "[]"
