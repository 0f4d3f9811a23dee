"""plan reads back only the Parameters section of the template it wrote: the same mapping as loading it whole."""

from __future__ import annotations

import yaml

from stackwright.planner import _top_level_section

TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ImageTag:
    Type: String
    AllowedValues:
      - a
      - b
    Description: |-
      two
      lines

  Other:
    Type: Number
Resources:
  Queue:
    Type: AWS::SQS::Queue
"""


def test_the_parameters_section_loads_as_the_whole_templates_parameters():
    whole = yaml.safe_load(TEMPLATE)
    section = yaml.safe_load(_top_level_section(TEMPLATE, "Parameters"))
    assert section == {"Parameters": whole["Parameters"]}
    assert "Resources" not in _top_level_section(TEMPLATE, "Parameters")


def test_a_template_without_parameters_gives_nothing():
    assert _top_level_section("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", "Parameters") == ""
