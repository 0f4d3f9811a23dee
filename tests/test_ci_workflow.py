"""CI/CD: `plan` writes a GitHub Actions workflow (build, push to ECR, roll out on ECS, OIDC role assumption) and
the IAM OIDC provider and least-privilege deploy role it needs, in CloudFormation and Terraform, validated."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cfnlint.api import lint
from cfnlint.config import ManualArgs
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.plan import build_plan
from stackwright.plan.ci_policy import PUSH_ACTIONS
from stackwright.render.github_actions import workflow
from stackwright.spec import environments
from stackwright.spec.loader import load
from stackwright.validate.checkov import CheckovUnavailable, checkov_executable, run_checkov

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "three-environments.yaml"
SHARED = ROOT.parent / "shared"
CHECKER = SHARED / "tools" / "tf_schema_check.py"
SCHEMAS = sorted((SHARED / "tf-schema").glob("*.schema.json"))
runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ci") / "plan"
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


FOLDERS = {"prod": ".", "staging": "staging", "dev": "dev"}


def _workflow(planned: Path) -> dict:
    return yaml.safe_load((planned / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))


def test_the_workflow_has_a_job_per_environment_in_promotion_order(planned):
    flow = _workflow(planned)
    assert flow["on"]["push"]["branches"] == ["main"]  # written quoted, so every YAML reader sees the key `on`
    assert flow["permissions"] == {"id-token": "write", "contents": "read"}
    jobs = flow["jobs"]
    assert list(jobs) == ["deploy-dev", "deploy-staging", "deploy-prod"]
    assert jobs["deploy-staging"]["needs"] == "deploy-dev" and jobs["deploy-prod"]["needs"] == "deploy-staging"
    for env, job in jobs.items():
        name = env.removeprefix("deploy-")
        assert job["environment"] == name
        uses = [s.get("uses", "") for s in job["steps"]]
        assert uses[:3] == ["actions/checkout@v4", "aws-actions/configure-aws-credentials@v4",
                            "aws-actions/amazon-ecr-login@v2"]
        credentials = job["steps"][1]["with"]
        role = "shop-github-deploy" if name == "prod" else f"shop-{name}-github-deploy"
        assert credentials["role-to-assume"] == "arn:aws:iam::${{ vars.AWS_ACCOUNT_ID }}:role/" + role
        names = [s["name"] for s in job["steps"]]
        assert names.index("Build and push web") < names.index("Deploy the images (the stack's ImageTag parameter)")
        deploy = job["steps"][-1]
        # the stack stays the source of truth: the job sets its ImageTag parameter, never a task definition
        assert deploy["env"] == {"STACK": "stackwright-shop" if name == "prod" else f"stackwright-shop-{name}",
                                 "TAG": "${{ github.sha }}"}
        assert "aws cloudformation update-stack" in deploy["run"] and "--use-previous-template" in deploy["run"]
        assert '"ParameterKey=ImageTag,ParameterValue=$TAG"' in deploy["run"]
        assert "ParameterKey=CertificateArn,UsePreviousValue=true" in deploy["run"]
        assert "aws cloudformation wait stack-update-complete" in deploy["run"]
        assert "register-task-definition" not in str(job) and "update-service" not in str(job)
    # prod runs on Graviton (arm): its image is built for arm64; dev's x86 image is not
    assert "Emulate arm64 for the build" in [s["name"] for s in jobs["deploy-prod"]["steps"]]
    assert "linux/amd64" in next(s for s in jobs["deploy-dev"]["steps"] if s["name"] == "Build and push web")["run"]


def test_the_workflow_is_valid_against_github_s_schema(planned, tmp_path):
    checker = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(checker).exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    path = planned / ".github" / "workflows" / "deploy.yml"
    command = [checker, "--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"  # the check can fail: a job without runs-on is refused
    broken.write_text(path.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: x", 1))
    assert subprocess.run([*command, str(broken)], capture_output=True, timeout=120).returncode != 0


def _role(planned: Path, env: str) -> tuple[dict, dict]:
    template = yaml.safe_load((planned / FOLDERS[env] / "cloudformation" / "template.yaml").read_text())
    return template["Resources"], template["Resources"]["GithubDeploy"]["Properties"]


@pytest.mark.parametrize("env", FOLDERS)
def test_the_deploy_role_is_least_privilege(planned, env):
    resources, role = _role(planned, env)
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert trust["Condition"]["StringEquals"] == {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": f"repo:example-shop/storefront:environment:{env}"}
    # one OIDC provider per account: the spec as written creates it, the other environments refer to it
    assert ("GithubOidcProvider" in resources) == (env == "prod")
    statements = {s["Sid"]: s for s in role["Policies"][0]["PolicyDocument"]["Statement"]}
    wildcard = {sid for sid, s in statements.items() if s["Resource"] == ["*"]}
    assert wildcard == {"EcrLogin", "TaskDefinitions", "DescribeScaling"}  # no resource-level permission exists
    stack = "stackwright-shop" if env == "prod" else f"stackwright-shop-{env}"
    assert statements["UpdateStack"]["Resource"] == [{"Fn::Sub": "arn:${AWS::Partition}:cloudformation:${AWS::Region}:"
                                                                 f"${{AWS::AccountId}}:stack/{stack}/*"}]
    assert set(statements["PushImages"]["Action"]) == set(PUSH_ACTIONS)
    assert statements["PassTaskRoles"]["Condition"] == {
        "StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}
    assert len(statements["PassTaskRoles"]["Resource"]) == 2  # the web service's execution and task roles


@pytest.mark.parametrize("env", FOLDERS)
def test_cfn_lint_is_clean(planned, env):
    text = (planned / FOLDERS[env] / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    matches = lint(text, config=ManualArgs(regions=["ap-northeast-2"]))
    assert [f"{m.rule.id} {m.message}" for m in matches if m.rule.id[0] in "EW"] == []


@pytest.mark.skipif(not CHECKER.exists() or not SCHEMAS, reason=f"no schema checker in {SHARED}")
def test_terraform_has_no_schema_errors(planned):
    folders = [str(planned / folder / "terraform") for folder in FOLDERS.values()]
    arguments = [a for schema in SCHEMAS for a in ("--schema", str(schema))]
    result = subprocess.run([sys.executable, str(CHECKER), "check", *arguments, *folders],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1].startswith("0 errors"), result.stdout
    compute = (planned / "dev" / "terraform" / "modules" / "compute" / "main.tf").read_text(encoding="utf-8")
    assert 'data "aws_iam_openid_connect_provider" "github"' in compute  # dev uses the account's provider
    assert 'resource "aws_iam_openid_connect_provider" "github"' in (
        planned / "terraform" / "modules" / "compute" / "main.tf").read_text(encoding="utf-8")


@pytest.mark.parametrize("framework", ["cloudformation", "terraform"])
def test_checkov_fails_no_check(planned, framework, tmp_path):
    try:
        checkov_executable()
    except CheckovUnavailable as error:
        pytest.skip(str(error))
    copy = tmp_path / "plan"
    shutil.copytree(planned, copy, ignore=shutil.ignore_patterns("*.png", "*.svg", "*.html", "*.md"))
    report = run_checkov(copy, framework)
    assert report.failed == (), [f"{f.check} {f.resource} {f.file}" for f in report.failed]
    assert all(f.reason for f in report.skipped)


def test_no_ci_section_no_workflow_and_no_role():
    loaded = load(ROOT / "blueprints" / "glimpse.yaml")
    plans = [build_plan(one.spec, one) for _, one in environments.each(loaded)]
    assert all(p.ci is None for p in plans) and workflow(plans) is None


def test_a_spec_without_environments_gets_one_deploy_job(write_spec, tmp_path):
    path = write_spec("""\
name: solo
region: us-east-1
environment: staging
ci: {repository: example/solo, branch: release, build_context: "services/{service}"}
components:
  api: {kind: fargate_service, cpu: 0.5, memory_gb: 1, tasks: {min: 2, desired: 2, max: 4}}
  worker-api: {kind: fargate_service, cpu: 0.5, memory_gb: 1, tasks: {min: 2, desired: 2, max: 4}}
  images: {kind: ecr}
""")
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    flow = yaml.safe_load((tmp_path / "plan" / ".github" / "workflows" / "deploy.yml").read_text())
    assert flow["on"]["push"]["branches"] == ["release"]
    (name, job), = flow["jobs"].items()
    assert name == "deploy-staging" and "needs" not in job and job["environment"] == "staging"
    builds = [s["run"] for s in job["steps"] if s["name"].startswith("Build and push")]
    assert [b.split()[-1] for b in builds] == ["services/api", "services/worker-api"]
    assert not (tmp_path / "plan" / "environments.md").exists()


def test_the_workflow_matches_its_golden_file(planned, update_golden):
    text = (planned / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    golden = Path(__file__).parent / "golden" / "environments" / "three-environments.deploy.yml"
    if update_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), "workflow changed; if intended, run pytest --update-golden"
