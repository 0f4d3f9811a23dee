"""Fuzzing the readers: generated YAML, HCL and CloudFormation must end in a result or the project's
own UserError (a located message, exit 2), never another exception, in bounded time."""

from __future__ import annotations

import json
import string

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from stackwright.errors import UserError
from stackwright.importer.cloudformation import read_cloudformation
from stackwright.importer.terraform import read_terraform
from stackwright.importer.usage import load_usage
from stackwright.spec.loader import parse_yaml, validate

FUZZ = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])

YAML_TOKENS = ["name:", "region:", "components:", "api:", "kind:", "fargate_service", "rds", "alb", "tasks:",
               "{min: 1, desired: 2, max: 3}", "&a", "*a", "<<:", "!Ref", "!!python/object:x", "- ", "[", "]", "{",
               "}", ",", ": ", "\n", "  ", "\t", '"', "'", ".inf", "-.nan", "1e400", "99999999999999999999999",
               "ap-northeast-2", "../x", "\\0", "\x00", "\x1b", "\u202e", "yes", "~", "?", "|", ">", "#", "%", "@",
               "---", "...", "cpu: 0.5", "memory_gb: 1", "scale_in:", "constraints: {keep: [x]}"]
HCL_TOKENS = ['resource "aws_instance" "web" {', "}", "{", "count =", "instance_type =", '"t3.micro"', "locals {",
              "a = local.a", "local.a", "var.x", "range(", "pow(10, 400)", "1e400", ")", "(", "[", "]", "${", '"',
              "for x in range(100000) : x", "? 1 : 0", "+", "*", "/", "%", "replace(", '"/(a+)+$/"', "format(",
              '"%999999d"', "join(", "jsondecode(", "cidrsubnet(", ",", "\n", "=", "<<EOF", "EOF", "#", "//",
              "dynamic", "content", "for_each =", "each.key", "count.index", "9" * 40, "\x00"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20))
INTRINSICS = ["Ref", "Fn::Join", "Fn::Sub", "Fn::Select", "Fn::Split", "Fn::If", "Fn::Equals", "Fn::FindInMap",
              "Fn::GetAtt", "Fn::Length", "Fn::ToJsonString", "Condition", "Fn::Not", "Fn::And"]
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from([*INTRINSICS, "Type", "Properties", "a", "b"]), inner, max_size=3)),
    max_leaves=20)


def _text(tokens):
    return st.lists(st.sampled_from(tokens) | st.text(string.printable, max_size=5), max_size=60).map("".join)


@FUZZ
@given(_text(YAML_TOKENS))
def test_spec_reader_raises_only_user_errors(tmp_path, text):
    try:
        validate(parse_yaml(text, "fuzz.yaml"))
    except UserError:
        pass


@FUZZ
@given(_text(YAML_TOKENS))
def test_usage_reader_raises_only_user_errors(tmp_path, text):
    path = tmp_path / "usage.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_usage(path)
    except UserError:
        pass


@FUZZ
@given(_text(HCL_TOKENS))
def test_terraform_reader_raises_only_user_errors(tmp_path, text):
    path = tmp_path / "main.tf"
    path.write_text(text, encoding="utf-8")
    try:
        read_terraform(path)
    except UserError:
        pass


@FUZZ
@given(st.dictionaries(st.sampled_from(["Parameters", "Mappings", "Conditions", "Resources", "Outputs"]),
                       st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=5), VALUES, max_size=3),
                       max_size=5),
       st.booleans())
def test_cloudformation_reader_raises_only_user_errors(tmp_path, template, as_json):
    if as_json:
        path = tmp_path / "template.json"
        path.write_text(json.dumps(template), encoding="utf-8")
    else:
        path = tmp_path / "template.yaml"
        path.write_text(yaml.safe_dump(template), encoding="utf-8")
    try:
        read_cloudformation(path)
    except UserError:
        pass
