"""A first deploy from nothing, as on a new account: the bootstrap stage (the stack with only its ECR
repositories), an image pushed (a fake one, in moto), the full deploy with the pushed tag, destroy; the
services run no tasks until an image tag is given; a template over the inline limit goes to the
account's template bucket by itself."""

import boto3
import pytest
import yaml

from stackwright.deploy import deploy, destroy, preview
from stackwright.deploy.bootstrap import BOOTSTRAP_TYPES, bootstrap_template
from stackwright.deploy.render import deploy_report
from stackwright.deploy.stack import TEMPLATE_BODY_LIMIT
from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.render.cloudformation import render_template
from stackwright.spec.loader import load

from conftest import BLUEPRINTS
from test_deploy import fake_aws, left_in_account, moto_url, shown  # noqa: F401  (fixtures)

FAKE_MANIFEST = ('{"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", '
                 '"config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1, '
                 '"digest": "sha256:' + "0" * 64 + '"}, "layers": []}')


def blueprint(name: str):
    return load(next(p for p in BLUEPRINTS if p.stem == name)).spec


def services(url: str, region: str, cluster: str) -> dict[str, tuple[int, str]]:
    """service name -> (desired count, image of its task definition)."""
    ecs = boto3.client("ecs", region_name=region, endpoint_url=url)
    arns = ecs.list_services(cluster=cluster)["serviceArns"]
    found = {}
    for service in ecs.describe_services(cluster=cluster, services=arns)["services"]:
        if service["status"] != "ACTIVE":
            continue
        task = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
        found[service["serviceName"]] = (service["desiredCount"], task["containerDefinitions"][0]["image"])
    return found


def scalable_minimums(url: str, region: str) -> dict[str, int]:
    targets = boto3.client("application-autoscaling", region_name=region, endpoint_url=url) \
        .describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
    return {t["ResourceId"].split("/")[-1]: t["MinCapacity"] for t in targets}


def test_bootstrap_template_is_the_repositories_and_nothing_else():
    document = yaml.safe_load(render_template(build_plan(blueprint("homu-fargate"))))
    part = bootstrap_template(document)
    assert {r["Type"] for r in part["Resources"].values()} == {"AWS::ECR::Repository"}  # no DNS: no certificate
    for logical, resource in part["Resources"].items():
        assert resource == document["Resources"][logical]  # the full deploy keeps them as they are
    assert set(part["Outputs"]) == {f"{logical}Uri" for logical in part["Resources"]}
    assert "Parameters" not in part and "Conditions" not in part  # nothing to supply before the first push


def test_bootstrap_template_holds_the_certificate_and_the_zone_it_is_validated_in():
    document = yaml.safe_load(render_template(build_plan(blueprint("bowwow"))))
    part = bootstrap_template(document)
    types = sorted(r["Type"] for r in part["Resources"].values())
    assert types == ["AWS::CertificateManager::Certificate", *["AWS::ECR::Repository"] * 6, "AWS::Route53::HostedZone"]
    assert set(types) - {"AWS::Route53::HostedZone"} == set(BOOTSTRAP_TYPES)
    for logical, resource in part["Resources"].items():
        assert resource == document["Resources"][logical]
    # the conditions the kept resources name come along, and the parameters those read
    assert set(part["Conditions"]) == {"CreateHostedZone", "RequestCertificate", "RequestCertificateArn",
                                       "RequestCloudfrontCertificateArn"}
    assert set(part["Parameters"]) == {"CertificateArn", "CloudfrontCertificateArn", "DomainName", "HostedZoneId"}
    assert all(part["Parameters"][name]["Default"] == "" for name in part["Parameters"] if name != "DomainName")


def test_the_stack_requests_a_dns_validated_certificate_unless_one_is_given():
    document = yaml.safe_load(render_template(build_plan(blueprint("glimpse"))))
    certificate = document["Resources"]["Certificate"]
    assert certificate["Condition"] == "RequestCertificateArn"
    assert document["Conditions"]["RequestCertificateArn"] == {"Fn::Equals": [{"Ref": "CertificateArn"}, ""]}
    assert certificate["Properties"]["ValidationMethod"] == "DNS"
    assert certificate["Properties"]["DomainValidationOptions"] == [{
        "DomainName": {"Ref": "DomainName"},
        "HostedZoneId": {"Fn::If": ["CreateHostedZone", {"Ref": "Dns"}, {"Ref": "HostedZoneId"}]}}]
    assert certificate["Properties"]["SubjectAlternativeNames"] == [{"Fn::Sub": "*.${DomainName}"}]
    listener = next(r for r in document["Resources"].values() if r["Type"] == "AWS::ElasticLoadBalancingV2::Listener"
                    and r["Properties"]["Protocol"] == "HTTPS")
    assert listener["Properties"]["Certificates"] == [{"CertificateArn": {"Fn::If": [
        "RequestCertificateArn", {"Ref": "Certificate"}, {"Ref": "CertificateArn"}]}}]
    assert document["Parameters"]["CertificateArn"]["Default"] == ""
    # without a hosted zone there is nothing to validate in: the ARN stays required
    homu = yaml.safe_load(render_template(build_plan(blueprint("homu-fargate"))))
    assert "Default" not in homu["Parameters"]["CertificateArn"] and "Certificate" not in homu["Resources"]
    # CloudFront takes certificates from us-east-1 only: a stack elsewhere cannot request its one
    tiketi = yaml.safe_load(render_template(build_plan(blueprint("tiketi"))))
    assert tiketi["Parameters"]["CertificateArn"]["Default"] == ""
    assert "Default" not in tiketi["Parameters"]["CloudfrontCertificateArn"]
    bowwow = yaml.safe_load(render_template(build_plan(blueprint("bowwow"))))  # us-east-1: one for both
    cdn = next(r for r in bowwow["Resources"].values() if r["Type"] == "AWS::CloudFront::Distribution")
    assert cdn["Properties"]["DistributionConfig"]["ViewerCertificate"]["AcmCertificateArn"] == {"Fn::If": [
        "RequestCloudfrontCertificateArn", {"Ref": "Certificate"}, {"Ref": "CloudfrontCertificateArn"}]}


def test_bootstrap_requests_the_certificate_in_the_given_zone_and_the_full_deploy_uses_it(moto_url):
    spec = blueprint("glimpse")
    acm = boto3.client("acm", region_name=spec.region, endpoint_url=moto_url)
    elbv2 = boto3.client("elbv2", region_name=spec.region, endpoint_url=moto_url)
    route53 = boto3.client("route53", region_name=spec.region, endpoint_url=moto_url)
    zone_id = route53.create_hosted_zone(Name="example.com", CallerReference="theirs")["HostedZone"]["Id"]
    zone_id = zone_id.split("/")[-1]

    first = deploy(spec, "local", endpoint_url=moto_url, bootstrap=True, parameters={"HostedZoneId": zone_id})
    assert first.failure is None
    assert sorted(r.type for r in first.resources) == ["AWS::CertificateManager::Certificate", "AWS::ECR::Repository"]
    assert all(r.status.endswith("-and-verified") for r in first.resources)
    [certificate] = acm.list_certificates()["CertificateSummaryList"]
    assert first.outputs["CertificateArn"] == certificate["CertificateArn"]
    described = acm.describe_certificate(CertificateArn=certificate["CertificateArn"])["Certificate"]
    assert described["DomainName"] == "example.com" and "*.example.com" in described["SubjectAlternativeNames"]

    second = deploy(spec, "local", endpoint_url=moto_url, parameters={"HostedZoneId": zone_id, "ImageTag": "v1"})
    assert second.failure is None and all(r.status != "verify-failed" for r in second.resources)
    https = [listener for lb in elbv2.describe_load_balancers()["LoadBalancers"]
             for listener in elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
             if listener["Protocol"] == "HTTPS"]
    assert [c["CertificateArn"] for c in https[0]["Certificates"]] == [certificate["CertificateArn"]]
    assert [c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]] == [
        certificate["CertificateArn"]]  # the same one: no stand-in, no second request

    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean
    assert left_in_account(moto_url, spec.region) == {"hosted zones": [f"/hostedzone/{zone_id}"]}


def test_a_given_certificate_is_used_and_none_requested(moto_url):
    spec = blueprint("glimpse")
    acm = boto3.client("acm", region_name=spec.region, endpoint_url=moto_url)
    theirs = acm.request_certificate(DomainName="example.com")["CertificateArn"]
    report = deploy(spec, "local", endpoint_url=moto_url, parameters={"CertificateArn": theirs})
    assert report.failure is None and "Certificate" not in {r.logical_id for r in report.resources}
    assert "CertificateArn" not in report.outputs
    assert [c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]] == [theirs]
    assert destroy(spec, "local", endpoint_url=moto_url).clean
    assert [c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]] == [theirs]  # kept


def test_services_start_at_zero_tasks_until_an_image_tag_is_given():
    document = yaml.safe_load(render_template(build_plan(blueprint("bowwow"))))
    assert document["Parameters"]["ImageTag"]["Default"] == ""
    assert document["Conditions"]["ImagePushed"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "ImageTag"}, ""]}]}
    for logical, resource in document["Resources"].items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::ECS::Service":
            assert properties["DesiredCount"] == {"Fn::If": ["ImagePushed", 2, 0]}, logical
        if resource["Type"] == "AWS::ApplicationAutoScaling::ScalableTarget":
            assert properties["MinCapacity"]["Fn::If"][2] == 0 and properties["MaxCapacity"]["Fn::If"][2] == 0
        if resource["Type"] == "AWS::ECS::TaskDefinition":
            image = properties["ContainerDefinitions"][0]["Image"]
            assert image["Fn::If"][0] == "ImagePushed" and image["Fn::If"][2].startswith("public.ecr.aws/")


def test_first_deploy_from_nothing_bootstrap_push_update_destroy(moto_url):
    spec = blueprint("homu-fargate")
    region, cluster = spec.region, build_plan(spec).cluster.name
    ecr = boto3.client("ecr", region_name=region, endpoint_url=moto_url)
    cloudformation = boto3.client("cloudformation", region_name=region, endpoint_url=moto_url)

    # 1. bootstrap: the stack with only the repositories
    first = deploy(spec, "local", endpoint_url=moto_url, bootstrap=True)
    assert first.result == "created" and first.failure is None
    assert {r.type for r in first.resources} == {"AWS::ECR::Repository"}
    assert all(r.status.endswith("-and-verified") for r in first.resources)
    repositories = sorted(r["repositoryName"] for r in ecr.describe_repositories()["repositories"])
    assert repositories and all(name.startswith(f"{spec.name}/") for name in repositories)
    assert "ecs clusters" not in left_in_account(moto_url, region)
    text = shown(deploy_report(first))
    assert "docker login" in text and "docker push" in text and "--parameter ImageTag=TAG" in text
    assert cloudformation.describe_stacks(StackName=first.stack_name)["Stacks"][0]["StackStatus"] in (
        "CREATE_COMPLETE", "UPDATE_COMPLETE")

    # 2. push a (fake) image to every repository
    for name in repositories:
        ecr.put_image(repositoryName=name, imageManifest=FAKE_MANIFEST, imageTag="v1")

    # 3. a full deploy without the tag keeps the services at zero tasks on a public placeholder image
    second = deploy(spec, "local", endpoint_url=moto_url)
    assert second.result == "updated" and second.failure is None
    running = services(moto_url, region, cluster)
    assert running and all(count == 0 for count, _ in running.values())
    assert all(image.startswith("public.ecr.aws/") for _, image in running.values())
    assert set(scalable_minimums(moto_url, region).values()) <= {0}

    # 4. the update with the pushed tag sets the real counts and images
    third = deploy(spec, "local", endpoint_url=moto_url, parameters={"ImageTag": "v1"})
    assert third.result == "updated" and third.failure is None
    assert all(r.status != "verify-failed" for r in third.resources)
    running = services(moto_url, region, cluster)
    wanted = sorted(s.spec.tasks.desired for s in build_plan(spec).services)
    assert sorted(count for count, _ in running.values()) == wanted and min(wanted) > 0
    assert all(image.endswith(":v1") and ".dkr.ecr." in image for _, image in running.values())
    assert all(minimum > 0 for minimum in scalable_minimums(moto_url, region).values())
    assert cloudformation.describe_stacks(StackName=third.stack_name)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"

    # bootstrap again would delete the rest: refused
    with pytest.raises(UserError, match="beyond the bootstrap"):
        deploy(spec, "local", endpoint_url=moto_url, bootstrap=True)

    # 5. destroy leaves nothing
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean
    assert left_in_account(moto_url, region) == {}


def test_a_template_over_the_inline_limit_goes_to_the_accounts_bucket_by_itself(moto_url):
    spec = blueprint("bowwow")
    assert len(render_template(build_plan(spec)).encode()) > TEMPLATE_BODY_LIMIT
    acm = boto3.client("acm", region_name=spec.region, endpoint_url=moto_url)
    certificate = acm.request_certificate(DomainName="example.com")["CertificateArn"]
    shown_change = preview(spec, "aws", endpoint_url=moto_url, parameters={
        "CertificateArn": certificate, "CloudfrontCertificateArn": certificate, "DomainName": "example.com",
        "AlertsSubscriber1": "ops@example.com"})
    assert shown_change.result == "create" and len(shown_change.changes) > 100
    s3 = boto3.client("s3", region_name=spec.region, endpoint_url=moto_url)
    bucket = f"stackwright-templates-123456789012-{spec.region}"
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [bucket]
    assert s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]["BlockPublicPolicy"]
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert len(keys) == 1 and keys[0].startswith(f"stackwright/{shown_change.stack_name}/")
    preview(spec, "aws", endpoint_url=moto_url, parameters={  # a second run reuses the bucket
        "CertificateArn": certificate, "CloudfrontCertificateArn": certificate, "DomainName": "example.com",
        "AlertsSubscriber1": "ops@example.com"})
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [bucket]


def test_plan_writes_every_parameter_with_its_description(tmp_path):
    import json
    import re

    from typer.testing import CliRunner

    from stackwright.cli import app

    result = CliRunner().invoke(app, ["plan", str(next(p for p in BLUEPRINTS if p.stem == "bowwow")),
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    template = yaml.safe_load((tmp_path / "cloudformation" / "template.yaml").read_text())
    entries = json.loads((tmp_path / "cloudformation" / "parameters.json").read_text())
    assert [e["ParameterKey"] for e in entries] == list(template["Parameters"])
    assert {e["ParameterKey"]: e["ParameterValue"] for e in entries}["ImageTag"] == "v1.0.0"  # the running system
    table = (tmp_path / "cloudformation" / "parameters.md").read_text()
    for name, definition in template["Parameters"].items():
        assert f"| {name} |" in table and definition["Description"] in table
    variables = (tmp_path / "terraform" / "variables.tf").read_text()
    declared = re.findall(r'^variable "([^"]+)" \{\n  description = "([^"]*)"', variables, flags=re.MULTILINE)
    example = (tmp_path / "terraform" / "terraform.tfvars.example").read_text()
    assigned = re.findall(r"^#? ?(\w+) = ", example, flags=re.MULTILINE)
    assert sorted(assigned) == sorted(name for name, _ in declared)
    for name, description in declared:
        assert f"# {description.split(' (for example')[0]}\n" in example, name


def test_deploy_reads_the_parameters_file(moto_url, tmp_path):
    import json

    from typer.testing import CliRunner

    from stackwright.cli import app

    path = tmp_path / "parameters.json"
    path.write_text(json.dumps([{"ParameterKey": "ImageTag", "ParameterValue": "v7"}]))
    spec = next(p for p in BLUEPRINTS if p.stem == "homu-fargate")
    result = CliRunner().invoke(app, ["deploy", str(spec), "--target", "local", "--endpoint-url", moto_url,
                                      "--bootstrap", "--parameters-file", str(path)])
    assert result.exit_code == 0, result.output
    assert "docker push" in result.output
    path.write_text("{not json")
    result = CliRunner().invoke(app, ["deploy", str(spec), "--endpoint-url", moto_url, "--parameters-file", str(path)])
    assert result.exit_code == 2 and f"{path}:1:2: malformed JSON" in result.output


def test_an_existing_hosted_zone_is_used_and_no_second_one_made(moto_url):
    spec = blueprint("glimpse")
    route53 = boto3.client("route53", region_name=spec.region, endpoint_url=moto_url)
    existing = route53.create_hosted_zone(Name="example.com", CallerReference="theirs")["HostedZone"]["Id"]
    zone_id = existing.split("/")[-1]
    report = deploy(spec, "local", endpoint_url=moto_url, parameters={"HostedZoneId": zone_id})
    assert report.failure is None and "Dns" not in {r.logical_id for r in report.resources}
    assert all(r.status != "verify-failed" for r in report.resources)
    assert [z["Id"].split("/")[-1] for z in route53.list_hosted_zones()["HostedZones"]] == [zone_id]
    records = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert any(r["Type"] == "A" and r["Name"].startswith("api.example.com") for r in records)
    assert "DnsNameServers" not in report.outputs
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean
    assert left_in_account(moto_url, spec.region) == {"hosted zones": [existing]}  # theirs, kept


def test_without_a_hosted_zone_the_stack_makes_one():
    document = yaml.safe_load(render_template(build_plan(blueprint("glimpse"))))
    assert document["Parameters"]["HostedZoneId"]["Default"] == ""
    assert document["Resources"]["Dns"]["Condition"] == "CreateHostedZone"
    assert document["Outputs"]["DnsNameServers"]["Condition"] == "CreateHostedZone"
    for resource in document["Resources"].values():
        if resource["Type"] == "AWS::Route53::RecordSet":
            assert resource["Properties"]["HostedZoneId"] == {
                "Fn::If": ["CreateHostedZone", {"Ref": "Dns"}, {"Ref": "HostedZoneId"}]}


def test_dry_run_of_the_bootstrap_shows_the_certificate_it_would_request(moto_url):
    from stackwright.deploy.render import preview_report

    spec = blueprint("glimpse")
    shown_change = preview(spec, "aws", endpoint_url=moto_url, bootstrap=True,
                           parameters={"DomainName": "example.com", "HostedZoneId": "Z0123456789ABCDEFGHIJ"})
    assert shown_change.result == "create"
    text = shown(preview_report(shown_change))
    assert "AWS::CertificateManager::Certificate" in text and "AWS::ECR::Repository" in text
    # (moto's change sets list conditional resources whatever their condition: which ones a given zone or
    # certificate leaves out is checked by the deploys above)
