"""The bootstrap stage: what must exist before the services can start, deployed on its own first.

A stack's Fargate services pull their images from ECR repositories the same stack creates, and nothing
can be pushed to a repository before it exists. `deploy --bootstrap` therefore creates the stack with
only its repositories (the same logical ids and properties as the full template, so the full deploy
keeps them); the images are pushed; then `deploy --parameter ImageTag=TAG` adds everything else. A
full deploy without an image tag works too: its services run no tasks until a tag is given."""

from __future__ import annotations

from stackwright.deploy.template import dependencies, references

BOOTSTRAP_TYPES = ("AWS::ECR::Repository",)
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
    used = references(kept)
    outputs = {name: output for name, output in document.get("Outputs", {}).items()
               if references(output["Value"]) & resources.keys() and references(output["Value"]) <= wanted}
    template = {key: document[key] for key in ("AWSTemplateFormatVersion",) if key in document}
    template["Description"] = f"{document.get('Description', '')} (bootstrap: the repositories the services pull from)"
    parameters = {name: p for name, p in document.get("Parameters", {}).items() if name in used}
    if parameters:
        template["Parameters"] = parameters
    template["Resources"] = kept
    if outputs:
        template["Outputs"] = outputs
    return template


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
