"""Deploy a spec's CloudFormation stack to AWS or to a local moto server, verify every planned
resource with describe calls, and destroy it again. See `deployer` for how the targets differ."""

from stackwright.deploy.deployer import default_stack_name, deploy, destroy, preview
from stackwright.deploy.report import ChangePreview, DeployReport, DestroyReport, Progress, ResourceOutcome, StackEvent

__all__ = ["ChangePreview", "DeployReport", "DestroyReport", "Progress", "ResourceOutcome", "StackEvent",
           "default_stack_name", "deploy", "destroy", "preview"]
