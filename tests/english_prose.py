"""Counts the lines of a Korean document that are still English prose.

A line is English prose when, once everything that is not prose has been taken out of it, a run of
three or more English words is left. Not prose, and so taken out first:
- code: fenced blocks (the ASCII drawing), `inline code`, HTML <pre>, <code>, <svg>, <script>, <style>;
- identifiers: any token holding a digit, `.`, `_`, `/`, `:`, `=`, `@`, `*` or an inner capital or hyphen
  (db.t4g.micro, glimpse-api-sg, CloudFront, sslmode=require, FARGATE_SPOT, /api/*);
- all-capital words (ALB, NAT, RDS, HTTPS, SSM, WAF, USD, GB, RTO) and the AWS product names below;
- the names the spec gives its components, and quotes of the spec's own descriptions (its `description`
  and `budget_source` fields), which stay in the language the team wrote them in.
A Korean sentence with an English product name in it is not English prose; an English sentence is,
wherever it stands (a paragraph, a list item, a table cell).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

AWS_NAMES = (
    "Amazon", "AWS", "Elastic Load Balancing", "Application Load Balancer", "Load Balancer", "Secrets Manager",
    "Systems Manager", "Session Manager", "Parameter Store", "Certificate Manager", "Route 53", "Fargate Spot",
    "Fargate", "Spot", "Savings Plans", "Savings Plan", "Compute Savings Plans", "Reserved Instances",
    "Reserved", "On-Demand", "Aurora Serverless v2", "Aurora", "Serverless", "PostgreSQL", "MySQL", "Redis",
    "Valkey", "Memcached", "Graviton", "Intelligent-Tiering", "Standard", "Glacier", "Instant Retrieval",
    "Flexible Retrieval", "Deep Archive", "One Zone", "Infrequent Access", "CloudWatch Logs", "CloudWatch",
    "CloudFront", "CloudFormation", "Terraform", "Shield", "Lambda", "Logs", "Insights", "Container Insights",
    "Performance Insights", "Price List", "Pricing Calculator", "Data Transfer", "Elastic IP", "Public IPv4",
    "Multi-AZ", "Single-AZ", "gp2", "gp3", "io1", "io2", "Linux", "Unix", "Docker", "Kubernetes", "NGINX",
    "Bottlerocket", "Key Management Service", "Container Registry", "Elastic Container Service",
    "Elastic Kubernetes Service", "Simple Storage Service", "Simple Notification Service", "Web Application Firewall",
    "Virtual Private Cloud", "Relational Database Service", "ElastiCache", "Cost Explorer", "Compute Optimizer",
    "Trusted Advisor", "Well-Architected", "Free Tier", "General Purpose", "Provisioned IOPS", "Global",
    "North America", "Europe", "Asia", "Seoul", "Tokyo", "Virginia", "Ohio", "Oregon", "Singapore",
    "Sydney", "Frankfurt", "Ireland", "London", "Mumbai", "price class", "PriceClass_All", "stackwright",
)
_NAMES = re.compile("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in sorted(AWS_NAMES, key=len, reverse=True)))
_INLINE_CODE = re.compile(r"`[^`]*`")
_URL = re.compile(r"\b(?:https?|s3|file)://\S+")
_IDENTIFIER = re.compile(r"[^\s,;()\[\]<>|'\"]*(?:\d|[._/:=@*#%$]|[a-z][A-Z]|\w-\w)[^\s,;()\[\]<>|'\"]*")
_CAPITALS = re.compile(r"\b[A-Z]{2,}s?\b")
_WORD = r"[A-Za-z][a-z]*(?:'[a-z]+)?"
_PROSE = re.compile(rf"{_WORD}(?:[\s,]+{_WORD}){{2,}}")


def _strip_quotes(line: str, quotes: list[str]) -> str:
    for quote in quotes:
        if quote:
            line = line.replace(quote, " ")
    return line


def is_english_prose(line: str, quotes: list[str] = (), names: list[str] = ()) -> bool:
    line = _strip_quotes(line, sorted(quotes, key=len, reverse=True))
    line = _INLINE_CODE.sub(" ", line)
    line = _URL.sub(" ", line)
    line = _NAMES.sub(" ", line)
    for name in sorted(names, key=len, reverse=True):
        line = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", line)
    line = _IDENTIFIER.sub(" ", line)
    line = _CAPITALS.sub(" ", line)
    # a table row or list is judged cell by cell: words on both sides of a cell border are no sentence
    return any(_PROSE.search(cell) for cell in re.split(r"\||<br>|[·—–→:;]", line))


def markdown_lines(text: str) -> list[str]:
    """The non-blank lines of a Markdown document outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if not fenced and line.strip() and not re.fullmatch(r"[|\s:\-]+", line):
            lines.append(line)
    return lines


class _TextLines(HTMLParser):
    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "title", "caption", "dt", "dd",
              "figcaption", "section", "table", "ul", "ol", "header", "footer", "blockquote", "br", "details",
              "summary", "nav", "main", "body", "head", "html"}
    CELLS = {"td", "th"}
    SKIPPED = {"pre", "code", "svg", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in self.CELLS:
            self.current.append(" | ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def html_lines(text: str) -> list[str]:
    """The text content of an HTML page, one line per block (a paragraph, list item, heading, table row)."""
    parser = _TextLines()
    parser.feed(text)
    parser.close()
    parser._flush()
    return [line for line in parser.lines if line.strip(" |")]


def english_lines(lines: list[str], quotes: list[str] = (), names: list[str] = ()) -> list[str]:
    return [line for line in lines if is_english_prose(line, quotes, names)]
