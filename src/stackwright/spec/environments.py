"""Environments: one spec, several environments. The spec as written is one of them (named by its
`environment`: prod, staging or dev); each entry of `environments:` is another, the spec with its overlay applied.

An overlay is resolved to a whole spec of its own, validated like any spec: its name is `<spec>-<environment>`
(so stacks, resources and bills stay apart), and every problem points at the line that caused it, in the
overlay when the overlay wrote the value, else in the spec. Commands that act on one spec take the spec as
written unless `--environment` names another, so a spec gains environments without changing what it was.
"""

from __future__ import annotations

import copy

from stackwright.errors import UserError
from stackwright.spec.loader import Located, LoadedSpec, validate

# What an environment's name says about it, when its overlay does not set `environment`.
KIND_BY_NAME = {"prod": "production", "production": "production", "prd": "production", "live": "production",
                "staging": "staging", "stage": "staging", "stg": "staging", "qa": "staging", "uat": "staging",
                "dev": "development", "development": "development", "test": "development", "sandbox": "development"}
SHORT_NAME = {"production": "prod", "staging": "staging", "development": "dev"}  # the spec as written
MERGED = ("traffic", "sizing", "ci")  # mappings whose fields an overlay changes one by one


def _merge(base: object, change: object) -> object:
    """`change` over `base`: mappings merge key by key; anything else (lists included: a merged list has no
    obvious order) replaces."""
    if isinstance(base, dict) and isinstance(change, dict):
        merged = dict(base)
        for key, value in change.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return copy.deepcopy(change)


def _rooted(marks: dict, prefix: tuple) -> dict:
    """The marks under `prefix`, with the prefix dropped: an overlay's places, as the resolved spec's paths."""
    return {path[len(prefix):]: mark for path, mark in marks.items() if path[:len(prefix)] == prefix}


def resolve(loaded: LoadedSpec, name: str) -> LoadedSpec:
    """The spec of environment `name`, validated; problems are located in the spec's file."""
    located, spec = loaded.located, loaded.spec
    overlay = spec.environments[name]
    written = located.data["environments"][name] or {}
    data = {key: copy.deepcopy(value) for key, value in located.data.items() if key != "environments"}
    problems = []
    for key, value in written.items():
        if key == "components":
            continue
        data[key] = _merge(data.get(key, {}), value) if key in MERGED else copy.deepcopy(value)
    components = data.setdefault("components", {})
    for component, change in (written.get("components") or {}).items():
        if change is None:
            components.pop(component, None)
        elif component in components:
            components[component] = _merge(components[component], change)
        elif "kind" in change:
            components[component] = copy.deepcopy(change)
        else:
            problems.append(located.problem(
                ("environments", name, "components", component),
                f"environment '{name}' changes component '{component}', which the spec does not have; "
                f"use one of the spec's components ({', '.join(spec.components) or 'none'}) or give it a kind",
                at_key=True))
    data["name"] = f"{spec.name}-{name}"[:64]
    if overlay.environment is None:
        data["environment"] = KIND_BY_NAME.get(name, spec.environment)
    if isinstance(data.get("ci"), dict):
        data["ci"] = dict(data["ci"])
        data["ci"].setdefault("create_oidc_provider", False)  # one per account: the spec as written creates it
        data["ci"].setdefault("github_environment", name)
    prefix = ("environments", name)
    env_located = Located(
        file=located.file, data=data,
        value_marks={p: m for p, m in located.value_marks.items() if p[:1] != ("environments",)}
        | _rooted(located.value_marks, prefix),
        key_marks={p: m for p, m in located.key_marks.items() if p[:1] != ("environments",)}
        | _rooted(located.key_marks, prefix))
    env_located.value_marks[()] = located.value_marks.get(prefix, located.value_marks.get((), (1, 1)))
    try:
        resolved = LoadedSpec(validate(env_located), env_located)
    except UserError as error:
        raise UserError(problems + list(error.problems)) from None
    if problems:
        raise UserError(problems)
    return resolved


def written_name(loaded: LoadedSpec) -> str:
    """The environment the spec as written is: prod, staging or dev, from its `environment`."""
    return SHORT_NAME[loaded.spec.environment]


def names(loaded: LoadedSpec) -> list[str]:
    return [written_name(loaded), *loaded.spec.environments] if loaded.spec.environments else []


def each(loaded: LoadedSpec, only: str | None = None) -> list[tuple[str | None, LoadedSpec]]:
    """(environment, its spec) for the spec as written and every overlay, or for `only`; [(None, loaded)] for
    a spec without environments."""
    if only is not None:
        return [(only, pick(loaded, only))]
    if not loaded.spec.environments:
        return [(None, loaded)]
    return [(written_name(loaded), loaded)] + [(name, resolve(loaded, name)) for name in loaded.spec.environments]


def pick(loaded: LoadedSpec, name: str | None) -> LoadedSpec:
    """The spec one command acts on: environment `name`, else the spec as written."""
    if name is None or (loaded.spec.environments and name == written_name(loaded)):
        return loaded
    if name not in loaded.spec.environments:
        known = ", ".join(names(loaded)) or "none (the spec has no environments: section)"
        raise UserError(f"--environment '{name}': the spec has no such environment; use one of: {known}")
    return resolve(loaded, name)


def check_all(loaded: LoadedSpec) -> None:
    """Resolve every environment so a bad overlay is a located error when the spec is loaded."""
    problems = []
    if written_name(loaded) in loaded.spec.environments:
        problems.append(loaded.located.problem(
            ("environments", written_name(loaded)),
            f"the spec as written is the '{written_name(loaded)}' environment (environment: "
            f"{loaded.spec.environment}); list only the other environments here, or set the spec's environment",
            at_key=True))
    for name in loaded.spec.environments:
        try:
            resolve(loaded, name)
        except UserError as error:
            problems.extend(error.problems)
    if problems:
        raise UserError(problems)
