"""From data/ to the public tables: load, correct, attribute, derive (the tables, each week's
movers and the inputs of its story). Shared by the build and by the data diff so both see
exactly the same figures."""

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
from generator.derive.movers import Movers, derive_movers
from generator.derive.series import Series, derive_series
from generator.derive.tables import Tables, attribute, derive_tables
from generator.load import Rankings, catalogue_by_slug, load_catalogue_snapshots, load_rankings
from generator.paths import Project
from generator.prices import Prices, read_prices
from generator.registry import Registry, load_registry


@dataclass
class Prepared:
    rankings: Rankings
    registry: Registry
    catalogue: dict[str, dict]
    corrections: list[Correction]
    annotations: list[Annotation]
    tables: Tables
    prices: Prices  # its warnings: catalogue entries whose pricing is not a price
    movers: dict[str, Movers]  # week -> its movers
    series: Series  # the inputs of each week's story (generator.findings.story)


def prepare(project: Project) -> Prepared:
    """Every input validated (the first problem stops with a TrackerError), corrections applied.

    Corrections live beside the data they correct: data/corrections.yaml for fetched data,
    data/sample/corrections.yaml for the bundled sample. Annotations (dated real-world events)
    are data/annotations.yaml for both."""
    rankings = load_rankings(project)
    registry = load_registry(project.registry_dir)
    snapshots = load_catalogue_snapshots(rankings.source_dir)
    catalogue = catalogue_by_slug(snapshots[-1].entries) if snapshots else {}
    prices = read_prices(snapshots)
    corrections = load_corrections(corrections_path(rankings.source_dir), registry,
                                   rankings.weekly)
    weekly, applied = apply_corrections(rankings.weekly, corrections)
    annotations = load_annotations(project.data_dir / ANNOTATIONS_FILE, registry)
    tables = derive_tables(attribute(weekly, registry, catalogue), rankings.revisions,
                           corrections_table(corrections, applied), applied, prices)
    return Prepared(rankings, registry, catalogue, corrections, annotations, tables, prices,
                    derive_movers(tables), derive_series(tables))
