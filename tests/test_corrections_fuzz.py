"""Property-based tests: any bytes and any YAML structure given to the corrections and
annotations loaders produce entries or `path:line: message` problems, never another exception.

The default run is a fast sample; `make fuzz` sets TRACKER_FUZZ_EXAMPLES (10 000 or more)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.corrections import (
    CORRECTION_KEYS,
    match_corrections,
    parse_annotations,
    parse_corrections,
)
from generator.registry import Problem, Registry

EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES < 1000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WEEKLY = pd.DataFrame({"week_start": ["2026-03-02", "2026-03-09"],
                       "model_permaslug": ["openai/gpt-5", "deepseek/v3"],
                       "tokens": [1, 2], "as_of": ["x", "x"]})
REGISTRY = Registry(authors={}, models={})

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.dates(min_value=date(1, 1, 1)), st.sampled_from(
                        ["2026-03-02", "override_tokens", "drop", "flag", "reassign_author",
                         "https://example.org/x", "openai/gpt-5", "reported", "-1", "1e9"]))
keys = st.one_of(st.sampled_from([*CORRECTION_KEYS, "label", "scope", "kind", "description",
                                  "from", "to"]), st.text(max_size=10))
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=8)), max_leaves=30)


def run_loaders(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corrections.yaml"
        path.write_bytes(content)
        problems: list[Problem] = []
        corrections = parse_corrections(path, REGISTRY, problems)
        match_corrections(path, corrections, WEEKLY, problems)
        parse_annotations(path, REGISTRY, problems)
        for problem in problems:
            assert isinstance(problem, Problem)
            assert "\n" not in str(problem)
            assert problem.line >= 1


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(content: bytes) -> None:
    run_loaders(content)


@FUZZ
@given(st.text(max_size=400))
def test_any_text(content: str) -> None:
    run_loaders(content.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode())


@FUZZ
@given(st.lists(structures, max_size=4) | structures)
def test_any_yaml_structure(document: object) -> None:
    run_loaders(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(st.lists(st.dictionaries(keys, scalars, max_size=12), max_size=4))
def test_entry_shaped_documents(entries: list[dict]) -> None:
    run_loaders(yaml.safe_dump(entries, allow_unicode=True).encode())
