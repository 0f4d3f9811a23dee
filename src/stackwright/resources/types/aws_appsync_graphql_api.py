"""AWS AppSync GraphQL API: query and mutation requests."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("appsync", "Query and mutation requests", "appsync/requests", usage, "monthly_requests", per=1e6)


register("aws_appsync_graphql_api", cloudformation_types="AWS::AppSync::GraphQLApi", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_requests": UsageKey(0, "requests/month")})
