"""Every parameter a deploy needs, with its description: `cloudformation/parameters.md` beside the
`parameters.json` that `write_cloudformation` writes, and `terraform/terraform.tfvars.example` with each
root variable's description above it. Values are the plan's defaults, else its examples to replace."""

from __future__ import annotations

import json
from pathlib import Path

from stackwright.plan.model import Plan
from stackwright.render.cloudformation.parameters import value_and_how
from stackwright.render.cloudformation.template import logical_id
from stackwright.render.terraform.stack import IMAGE_TAG_NOTE, local_name


def cloudformation_table(plan: Plan, declared: dict) -> str:
    lines = [f"# Parameters of the {plan.name} stack", "",
             "Fill in `parameters.json` (the same names and order) and pass it to "
             "`stackwright deploy --parameters-file cloudformation/parameters.json` or "
             "`aws cloudformation create-stack --parameters file://cloudformation/parameters.json`.", "",
             "| Parameter | Value in parameters.json | Description |", "|---|---|---|"]
    for p in plan.parameters:
        name = logical_id(p.id)
        if name in declared:
            value, how = value_and_how(p)
            shown = f"`{value}`" if value else "(empty)"
            lines.append(f"| {name} | {shown} ({how}) | {declared[name].get('Description', p.description)} |")
    return "\n".join(lines) + "\n"


def terraform_variables(plan: Plan, declared: set[str]) -> str:
    lines = [f"# Values for the {plan.name} Terraform root module: copy to terraform.tfvars and fill in.", ""]
    for p in plan.parameters:
        name = local_name(p.id)
        if name not in declared:
            continue
        if p.kind == "image_tag":  # empty by default (no tasks yet); the example is the running system's
            lines += [f"# {p.description}{IMAGE_TAG_NOTE}", "# default: \"\"", f"{name} = {json.dumps(p.example)}", ""]
            continue
        lines.append(f"# {p.description}")
        if p.default is not None:
            lines += [f"# default: {json.dumps(p.default)}", f"# {name} = {json.dumps(p.default)}", ""]
        else:
            lines += ["# required", f"{name} = {json.dumps(p.example)}", ""]
    return "\n".join(lines)


def write_parameter_files(plan: Plan, template: dict, terraform_variables_declared: set[str], out: Path) -> list[Path]:
    written = []
    files = {
        Path("cloudformation") / "parameters.md": cloudformation_table(plan, template.get("Parameters", {})),
        Path("terraform") / "terraform.tfvars.example": terraform_variables(plan, terraform_variables_declared),
    }
    for relative, text in files.items():
        path = Path(out) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def write_terraform_example(plan: Plan, out: Path) -> Path:
    """Only `terraform/terraform.tfvars.example`, for the root module `write_terraform` wrote into `out`: the
    values `stackwright import` of that module reads when nothing else gives any."""
    import re

    variables_tf = Path(out) / "terraform" / "variables.tf"
    variables = variables_tf.read_text(encoding="utf-8") if variables_tf.exists() else ""
    path = Path(out) / "terraform" / "terraform.tfvars.example"
    path.write_text(terraform_variables(plan, set(re.findall(r'^variable "([^"]+)"', variables, flags=re.MULTILINE))),
                    encoding="utf-8")
    return path
