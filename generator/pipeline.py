"""From data/ to the public tables: load, correct, attribute, derive. Shared by the build and by
the data diff so both see exactly the same figures."""

from __future__ import annotations

from dataclasses import dataclass

from generator.annotations import ANNOTATIONS_FILE, Annotation, load_annotations
from generator.corrections import (
    Correction,
    apply_corrections,
    corrections_path,
    corrections_table,
    load_corrections,
)
from generator.derive import Tables, attribute, derive_tables
from generator.load import Rankings, load_catalogue, load_rankings
from generator.paths import Project
from generator.registry import Registry, load_registry


@dataclass
class Prepared:
    rankings: Rankings
    registry: Registry
    catalogue: dict[str, dict]
    corrections: list[Correction]
    annotations: list[Annotation]
    tables: Tables


def prepare(project: Project) -> Prepared:
    """Every input validated (the first problem stops with a TrackerError), corrections applied.

    Corrections live beside the data they correct: data/corrections.yaml for fetched data,
    data/sample/corrections.yaml for the bundled sample. Annotations (dated real-world events)
    are data/annotations.yaml for both."""
    rankings = load_rankings(project)
    registry = load_registry(project.registry_dir)
    catalogue = load_catalogue(rankings.source_dir)
    corrections = load_corrections(corrections_path(rankings.source_dir), registry,
                                   rankings.weekly)
    weekly, applied = apply_corrections(rankings.weekly, corrections)
    annotations = load_annotations(project.data_dir / ANNOTATIONS_FILE, registry)
    tables = derive_tables(attribute(weekly, registry, catalogue), rankings.revisions,
                           corrections_table(corrections, applied), applied)
    return Prepared(rankings, registry, catalogue, corrections, annotations, tables)
