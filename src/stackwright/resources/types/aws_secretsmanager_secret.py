"""AWS Secrets Manager secret: the secret by the month and the API calls that read it."""

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield CostComponent("secrets_manager", N_("Secrets"), "secrets_manager/secret", 1)
    yield used("secrets_manager", N_("API calls"), "secrets_manager/api-calls", usage, "api_calls_per_month",
               per=10_000)


register("aws_secretsmanager_secret", cloudformation_types="AWS::SecretsManager::Secret", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"api_calls_per_month": UsageKey(SECRET_READS_PER_SECRET, "calls",
                                                "reads by task starts and SDK refreshes")},
         service="secrets_manager")
