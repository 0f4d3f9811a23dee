"""Amazon OpenSearch Service domain declared under its older Elasticsearch name."""

from stackwright.resources.registry import register
from stackwright.resources.types.aws_opensearch_domain import cloudformation, components, terraform

register("aws_elasticsearch_domain", cloudformation_types="AWS::Elasticsearch::Domain", terraform=terraform,
         cloudformation=cloudformation, components=components)
