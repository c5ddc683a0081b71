"""Chart annotations (annotations.yaml): dated real-world events drawn on the time-series charts,
parsed with the line of every key so `check` can point at the exact spot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.registry import Problem, Registry, country_advice, is_country_code
from generator.yamlfile import (
    check_keys,
    choice_field,
    date_field,
    raise_first,
    read_yaml_entries,
    text_field,
    unique_id,
    url_field,
)

ANNOTATIONS_FILE = "annotations.yaml"

KINDS = ("launch", "free_promotion", "price_change", "method_change", "outage", "other")
SCOPES = ("global", "model", "company", "country")
LABEL_MAX = 40
ANNOTATION_KEYS = ("id", "date", "label", "kind", "scope", "target", "description", "source_url")


@dataclass(frozen=True)
class Annotation:
    id: str
    date: date
    label: str
    kind: str
    scope: str
    target: str
    description: str
    source_url: str
    line: int


def parse_annotations(path: Path, registry: Registry | None,
                      problems: list[Problem]) -> list[Annotation]:
    annotations: list[Annotation] = []
    ids: dict[str, int] = {}
    for entry in read_yaml_entries(path, problems, "annotations"):
        start = len(problems)
        check_keys(path, entry, ANNOTATION_KEYS,
                   ("id", "date", "label", "kind", "scope", "description", "source_url"), problems)
        aid = unique_id(path, entry, ids, problems)
        when = None
        if "date" in entry.fields and entry.fields["date"].value is not None:
            when = date_field(path, entry, "date", entry.fields["date"].value, problems)
        label = text_field(path, entry, "label", problems)
        if label is not None and len(label) > LABEL_MAX:
            problems.append(Problem(path, entry.line_of("label"),
                                    f"label: {len(label)} characters; keep it to {LABEL_MAX} "
                                    "(the description holds the detail)"))
        kind = choice_field(path, entry, "kind", KINDS, problems)
        scope = choice_field(path, entry, "scope", SCOPES, problems)
        target = text_field(path, entry, "target", problems) or ""
        if scope == "global" and target:
            problems.append(Problem(path, entry.line_of("target"),
                                    "target: a global annotation has no target; remove it"))
        elif scope in ("model", "company", "country") and not target:
            problems.append(Problem(path, entry.line, f"missing required key 'target' for scope "
                                                      f"{scope}"))
        elif scope == "country" and not is_country_code(target):
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r} is not an ISO 3166-1 alpha-2 code: "
                                    f"{country_advice(target)}"))
        elif scope == "model" and "/" not in target:
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r}: expected a model permaslug "
                                    "(author/model)"))
        elif scope == "company" and registry is not None and target not in registry.authors:
            problems.append(Problem(path, entry.line_of("target"),
                                    f"target {target!r}: unknown author slug (see "
                                    "data/registry/authors.csv)"))
        description = text_field(path, entry, "description", problems)
        source_url = url_field(path, entry, "source_url", problems)
        if len(problems) == start:
            annotations.append(Annotation(aid, when, label, kind, scope, target, description,
                                          source_url, entry.line))
    return sorted(annotations, key=lambda a: (a.date, a.id))


def load_annotations(path: Path, registry: Registry) -> list[Annotation]:
    problems: list[Problem] = []
    annotations = parse_annotations(path, registry, problems)
    raise_first(problems)
    return annotations
