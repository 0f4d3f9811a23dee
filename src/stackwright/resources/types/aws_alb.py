"""aws_alb: the older Terraform name of aws_lb."""

from stackwright.resources.registry import register
from stackwright.resources.types import aws_lb

register("aws_alb", terraform=aws_lb.terraform, components=aws_lb.components, usage=dict(aws_lb.USAGE))
