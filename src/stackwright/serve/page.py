"""The planner's one page, in English or Korean: wording from the gettext catalogue the documents use."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def rule_titles(lang: str) -> dict[str, str]:
    """Optimiser and check rule titles in `lang`, by English title: the API's JSON stays English."""
    from stackwright.checks import all_rules as check_rules
    from stackwright.document.i18n import translations
    from stackwright.optimize.rule import all_rules as optimiser_rules

    gettext = translations(lang).gettext
    return {rule.title: gettext(rule.title) for rule in (*optimiser_rules(), *check_rules())}


def render(lang: str, blueprints: list[str]) -> str:
    from stackwright.document.render import environment
    from stackwright.pricing import catalogue

    template = environment(lang, html=True, templates=(TEMPLATES,)).get_template("index.html.j2")
    return template.render(blueprints=blueprints, titles=rule_titles(lang), regions=catalogue.regions())
