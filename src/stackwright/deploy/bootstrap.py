"""The bootstrap stage: what must exist before the services can start, deployed on its own first.

A stack's Fargate services pull their images from ECR repositories the same stack creates, and nothing
can be pushed to a repository before it exists. `deploy --bootstrap` therefore creates the stack with
only its repositories (the same logical ids and properties as the full template, so the full deploy
keeps them); the images are pushed; then `deploy --parameter ImageTag=TAG` adds everything else. A
full deploy without an image tag works too: its services run no tasks until a tag is given."""

from __future__ import annotations

from stackwright.deploy.template import dependencies, references

# The repositories images are pushed to, and the certificate the stack requests: DNS validation can take
# minutes (or, with a new hosted zone, until the domain is delegated to it), better waited for once, here.
BOOTSTRAP_TYPES = ("AWS::ECR::Repository", "AWS::CertificateManager::Certificate")
TEMPLATE_BUCKET = "stackwright-templates-{account}-{region}"  # made once per account and region, reused


def bootstrap_template(document: dict) -> dict:
    """The template's bootstrap resources (and what they need), the parameters and outputs those refer
    to, nothing else."""
    resources = document["Resources"]
    needs = dependencies(resources)
    wanted = {logical for logical, r in resources.items() if r["Type"] in BOOTSTRAP_TYPES}
    while True:
        grown = wanted | {n for logical in wanted for n in needs[logical]}
        if grown == wanted:
            break
        wanted = grown
    kept = {logical: resources[logical] for logical in resources if logical in wanted}
    outputs = {name: output for name, output in document.get("Outputs", {}).items()
               if references(output["Value"]) & resources.keys() and references(output["Value"]) <= wanted}
    conditions = _conditions(document.get("Conditions", {}), {**kept, **outputs})
    used = references(kept) | references(conditions)
    template = {key: document[key] for key in ("AWSTemplateFormatVersion",) if key in document}
    template["Description"] = (f"{document.get('Description', '')} (bootstrap: the repositories the services pull "
                               "from, and the certificate when the stack requests one)")
    parameters = {name: p for name, p in document.get("Parameters", {}).items() if name in used}
    if parameters:
        template["Parameters"] = parameters
    if conditions:
        template["Conditions"] = conditions
    template["Resources"] = kept
    if outputs:
        template["Outputs"] = outputs
    return template


def _conditions(conditions: dict, resources: dict) -> dict:
    """The conditions the resources (or outputs) name, as their Condition or in Fn::If, and those these name."""
    wanted = {r["Condition"] for r in resources.values() if "Condition" in r} | _named(resources)
    while True:
        grown = wanted | {name for condition in wanted for name in _named(conditions[condition])}
        if grown == wanted:
            return {name: conditions[name] for name in conditions if name in wanted}
        wanted = grown


def _named(value) -> set[str]:
    """Condition names in Fn::If and {"Condition": name} inside `value`."""
    if isinstance(value, list):
        return {name for item in value for name in _named(item)}
    if not isinstance(value, dict):
        return set()
    found = {value["Fn::If"][0]} if "Fn::If" in value else set()
    if isinstance(value.get("Condition"), str) and len(value) == 1:
        found.add(value["Condition"])
    return found | {name for key, item in value.items() if key != "Condition" for name in _named(item)}


def ensure_template_bucket(aws) -> str:
    """The account's bucket for templates over the inline limit, `stackwright-templates-ACCOUNT-REGION`:
    created private and encrypted the first time, reused afterwards."""
    from stackwright.deploy import local

    name = TEMPLATE_BUCKET.format(account=aws.account_id, region=aws.region)
    if not local.bucket_exists(aws, name):
        local.create_bucket(aws, name)
        aws("s3").put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})
    return name


def push_commands(outputs: dict[str, str], region: str) -> list[str]:
    """What to run next: log in to the registry, push each service's image, deploy with its tag."""
    uris = [uri for name, uri in outputs.items() if name.endswith("Uri") and ".dkr.ecr." in uri]
    if not uris:
        return []
    registry = uris[0].split("/")[0]
    steps = [f"aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin {registry}"]
    steps += [f"docker tag IMAGE {uri}:TAG && docker push {uri}:TAG" for uri in uris]
    return steps
