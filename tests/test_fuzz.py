"""Property-based fuzzing of everything that reads outside input. Arbitrary bytes
and arbitrary (or almost valid) JSON and CSV give either a valid result or the project's one-line
error (a TrackerError, or `check`'s list of one-line problems), never another exception.

The targets are a table: name -> (strategy, loader). The loader gets one generated input and a
scratch folder; it returns normally or raises TrackerError. To fuzz a new contributor file, add
a row.

The default suite runs a quick sample per target; `make fuzz` (TRACKER_FUZZ=full) runs at least
10 000 examples per target and prints the counts.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.annotations import parse_annotations
from generator.client import Received, decode_json
from generator.corrections import CORRECTION_KEYS, match_corrections, parse_corrections
from generator.errors import TrackerError
from generator.load import (
    MODELS_SUBDIR,
    RankingResponse,
    Snapshot,
    load_catalogue,
    load_snapshot,
    parse_rankings,
)
from generator.registry import (
    AUTHOR_COLUMNS,
    MODEL_COLUMNS,
    Author,
    Problem,
    Registry,
    check_registry,
    load_registry,
)

FULL = os.environ.get("TRACKER_FUZZ") == "full"
EXAMPLES = 10_000 if FULL else int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

# ---------------------------------------------------------------- strategies

json_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                | st.text())
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
dates = st.dates().map(lambda d: d.isoformat())
mondays = st.dates().map(lambda d: d.fromordinal(d.toordinal() - d.weekday()).isoformat())
timestamps = st.datetimes().map(lambda t: t.isoformat() + "Z")


def maybe(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, sometimes anything."""
    return st.one_of(valid, valid, json_values)


ROW_FIELDS = {
    "date": mondays | dates,
    "model_permaslug": st.text(min_size=1) | st.sampled_from(["other", "a/b", "a/b:free"]),
    "total_tokens": st.integers(min_value=0, max_value=2**70).map(str),
}
META_FIELDS = {"as_of": timestamps, "version": st.just("v1"), "start_date": dates,
               "end_date": dates}


def response_of(field: Callable[[st.SearchStrategy], st.SearchStrategy]) -> st.SearchStrategy:
    rows = st.fixed_dictionaries({k: field(v) for k, v in ROW_FIELDS.items()},
                                 optional={"extra": json_values})
    meta = st.fixed_dictionaries({k: field(v) for k, v in META_FIELDS.items()})
    return st.fixed_dictionaries({"data": field(st.lists(rows, max_size=6)), "meta": field(meta)})


# well-formed responses, responses with some fields replaced by anything, and anything at all
responses = st.one_of(response_of(lambda valid: valid), response_of(maybe), json_values)


def encoded(values: st.SearchStrategy) -> st.SearchStrategy:
    return values.map(lambda v: json.dumps(v).encode())


response_bytes = st.one_of(st.binary(), encoded(responses),
                           encoded(responses).map(lambda b: b"\xef\xbb\xbf" + b),
                           st.text().map(str.encode),
                           st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n))
catalogues = st.one_of(json_values, st.fixed_dictionaries({"data": maybe(st.lists(
    st.fixed_dictionaries({}, optional={"id": maybe(st.text()),
                                        "canonical_slug": maybe(st.text()),
                                        "name": maybe(st.text())}) | json_values,
    max_size=5))}))

SLUGS = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,12}\Z")
COUNTRIES = st.sampled_from(["CN", "US", "FR", "DE", "GB ", "XX", "us", ""])
URLS = st.sampled_from(["https://example.org/a", "http://x", "https://x.y/z?q", "ftp://x",
                        "javascript:alert(1)",
                        "https://", ""])


def csv_file(columns: tuple[str, ...], cells: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A CSV file: the expected header (sometimes shuffled, short or padded) and rows of
    plausible or arbitrary cells; written with random line ends, BOM and quoting."""
    header = st.one_of(st.just(list(columns)), st.permutations(columns),
                       st.lists(st.sampled_from([*columns, "x", ""]), max_size=7),
                       st.lists(st.text(max_size=6), max_size=6))
    row = st.one_of(st.fixed_dictionaries({c: cells.get(c, st.text()) for c in columns}),
                    st.fixed_dictionaries({c: st.one_of(cells.get(c, st.text()), st.text())
                                           for c in columns}))

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        names = draw(header)
        lines = [[draw(row).get(name, draw(st.text())) for name in names]
                 for _ in range(draw(st.integers(0, 5)))]
        if draw(st.booleans()):
            lines += draw(st.lists(st.lists(st.text(), max_size=7), max_size=2))  # ragged rows
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
                            quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
        writer.writerow(names)
        writer.writerows(lines)
        text = buffer.getvalue()
        prefix = draw(st.sampled_from(["", "\ufeff"]))
        return (prefix + text).encode("utf-8", "surrogatepass")

    return st.one_of(build(), st.binary(), st.text().map(lambda t: t.encode("utf-8",
                                                                            "surrogatepass")))


NAMES_ZH = st.one_of(st.sampled_from(["", "深度求索", " 智谱", "DeepSeek", "<b>百度</b>",
                                     "阿里巴巴  云"]), st.text(max_size=8))
authors_csv = csv_file(AUTHOR_COLUMNS, {"slug": SLUGS, "company": st.text(min_size=1),
                                        "name_zh": NAMES_ZH, "country": COUNTRIES,
                                        "source_url": URLS})
models_csv = csv_file(MODEL_COLUMNS, {
    "permaslug": st.builds(lambda a, b: f"{a}/{b}", SLUGS, SLUGS),
    "open_weights": st.sampled_from(["true", "false", "", "TRUE", "yes"]),
})


# YAML contributor files: arbitrary structures with the real keys and plausible values mixed in
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                         st.dates(), st.sampled_from(
                             ["2026-03-02", "2026-03-04", "override_tokens", "drop", "flag",
                              "reassign_author", "https://example.org/x", "openai/gpt-5",
                              "openai", "reported", "global", "model", "country", "US", "-1"]))
yaml_keys = st.one_of(st.sampled_from([*CORRECTION_KEYS, "label", "scope", "kind",
                                       "description", "from", "to"]), st.text(max_size=10))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(yaml_keys, inner, max_size=8)), max_leaves=30)


def dumped(values: st.SearchStrategy) -> st.SearchStrategy:
    return values.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8"))


def near(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a valid value, sometimes any YAML value."""
    return st.one_of(valid, valid, valid, yaml_values)


near_correction = st.fixed_dictionaries({
    "id": near(st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,10}\Z")),
    "week": near(st.sampled_from(["2026-03-02", "2026-03-09"])),
    "target": near(st.sampled_from(["openai/gpt-5", "deepseek/v3", "openai", "x/y"])),
    "action": near(st.sampled_from(["override_tokens", "drop", "reassign_author", "flag"])),
    "reason": near(st.text(min_size=1, max_size=20)),
    "source_url": near(URLS),
    "status": near(st.sampled_from(["open", "reported", "fixed_upstream"])),
    "date": near(st.dates()),
}, optional={"value": near(st.one_of(st.integers(), st.just("openai"))),
             "credit": near(st.text(max_size=10))})
near_annotation = st.fixed_dictionaries({
    "id": near(st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,10}\Z")),
    "date": near(st.dates()), "label": near(st.text(min_size=1, max_size=45)),
    "kind": near(st.sampled_from(["launch", "free_promotion", "price_change", "other"])),
    "scope": near(st.sampled_from(["global", "model", "company", "country"])),
    "description": near(st.text(min_size=1, max_size=30)), "source_url": near(URLS),
}, optional={"target": near(st.sampled_from(["openai/gpt-5", "openai", "US", "XX"]))})

yaml_files = st.one_of(
    dumped(st.lists(near_correction, min_size=1, max_size=3)),
    dumped(st.lists(near_annotation, min_size=1, max_size=3)),
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    dumped(st.lists(yaml_values, max_size=4) | yaml_values),
    dumped(st.lists(st.dictionaries(yaml_keys, yaml_scalars, max_size=12), max_size=4)),
    dumped(st.lists(st.dictionaries(yaml_keys, yaml_scalars, max_size=12), max_size=4))
    .map(lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
)


# ---------------------------------------------------------------- loaders

def registry_folder(scratch: Path, authors: bytes | None, models: bytes | None) -> Path:
    folder = scratch / "registry"
    folder.mkdir()
    (folder / "authors.csv").write_bytes(authors if authors is not None else
                                         b"slug,company,name_zh,country,source_url,notes\n")
    if models is not None:
        (folder / "models.csv").write_bytes(models)
    return folder


def check_registry_file(folder: Path) -> Registry:
    """`check` never raises: every problem is one line; the build's loader raises one line."""
    registry, problems = check_registry(folder)
    assert isinstance(registry, Registry)
    for problem in problems:
        assert "\n" not in str(problem) and "\r" not in str(problem)
    try:
        load_registry(folder)
    except TrackerError:
        assert problems
    if problems:  # counted as refused: the first problem stands for all
        raise TrackerError(f"{problems[0]} (and {len(problems) - 1} more)")
    return registry


def load_authors(content: bytes, scratch: Path) -> object:
    return check_registry_file(registry_folder(scratch, content, None))


def load_models(content: bytes, scratch: Path) -> object:
    return check_registry_file(registry_folder(scratch, None, content))


def load_rankings_payload(payload: object, scratch: Path) -> object:
    response = parse_rankings(payload, "fuzz.json")
    assert isinstance(response, RankingResponse)
    return response


def load_response_bytes(body: bytes, scratch: Path) -> object:
    """What fetch does with a 200 answer: decode, then validate."""
    received = Received("https://api.test/x", 200, body, "2026-01-01T00:00:00Z")
    return parse_rankings(decode_json(received), received.url)


def load_snapshot_bytes(content: bytes, scratch: Path) -> object:
    """A held snapshot, plain and gzip-compressed, read back from disk."""
    results = []
    for name, stored in (("s.json", content), ("s.json.gz", gzip.compress(content, mtime=0))):
        (scratch / name).write_bytes(stored)
        results.append(load_snapshot(scratch / name))
        assert isinstance(results[-1], Snapshot)
    return results


def load_catalogue_bytes(content: bytes, scratch: Path) -> object:
    folder = scratch / MODELS_SUBDIR
    folder.mkdir(parents=True)
    (folder / "2026-01-01.json.gz").write_bytes(gzip.compress(content, mtime=0))
    catalogue = load_catalogue(scratch)
    assert isinstance(catalogue, dict)
    return catalogue


YAML_REGISTRY = Registry(authors={"openai": Author("openai", "OpenAI", "US",
                                                   "https://example.org")}, models={})
YAML_WEEKLY = pd.DataFrame({"week_start": ["2026-03-02", "2026-03-09"],
                            "model_permaslug": ["openai/gpt-5", "deepseek/v3"],
                            "tokens": [1, 2], "as_of": ["x", "x"]})


def contributor_yaml(parse: Callable[[Path, Registry, list[Problem]], list]) -> Callable:
    def load(content: bytes, scratch: Path) -> object:
        path = scratch / "contributed.yaml"
        path.write_bytes(content)
        problems: list[Problem] = []
        entries = parse(path, YAML_REGISTRY, problems)
        if parse is parse_corrections and not problems:
            match_corrections(path, entries, YAML_WEEKLY, problems)
        for problem in problems:
            assert "\n" not in str(problem) and "\r" not in str(problem) and problem.line >= 1
        if problems:
            raise TrackerError(f"{problems[0]} (and {len(problems) - 1} more)")
        return entries
    return load


@dataclass(frozen=True)
class Target:
    inputs: st.SearchStrategy
    load: Callable[[object, Path], object]


TARGETS: dict[str, Target] = {
    "rankings-response (parse_rankings)": Target(responses, load_rankings_payload),
    "rankings-response bytes (fetch)": Target(response_bytes, load_response_bytes),
    "rankings snapshot file (.json, .json.gz)": Target(
        st.one_of(response_bytes, st.binary()), load_snapshot_bytes),
    "models catalogue file": Target(st.one_of(encoded(catalogues), st.binary()),
                                    load_catalogue_bytes),
    "data/registry/authors.csv": Target(authors_csv, load_authors),
    "data/registry/models.csv": Target(models_csv, load_models),
    "data/corrections.yaml": Target(yaml_files, contributor_yaml(parse_corrections)),
    "data/annotations.yaml": Target(yaml_files, contributor_yaml(parse_annotations)),
}

COUNTS: dict[str, Counter] = {name: Counter() for name in TARGETS}


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    yield
    lines = [f"fuzz: {name}: {sum(c.values())} examples ({c['valid']} valid, "
             f"{c['refused']} refused with one line)" for name, c in COUNTS.items() if c]
    print("\n" + "\n".join(lines))


@pytest.mark.parametrize("name", list(TARGETS))
def test_outside_input_gives_a_result_or_one_line_error(name: str) -> None:
    target = TARGETS[name]

    @FUZZ
    @given(target.inputs)
    def run(value: object) -> None:
        scratch = Path(tempfile.mkdtemp(prefix="fuzz-"))
        try:
            target.load(value, scratch)
            COUNTS[name]["valid"] += 1
        except TrackerError as exc:
            message = str(exc)
            assert message and "\n" not in message and "\r" not in message, message
            COUNTS[name]["refused"] += 1
        finally:
            shutil.rmtree(scratch)

    run()
    if FULL:
        assert sum(COUNTS[name].values()) >= 10_000
