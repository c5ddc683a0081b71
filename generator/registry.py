"""The hand-edited registry: author slug -> company, country; optional per-model overrides.

Parsing keeps each row's line number so that `check` can say exactly where a problem is.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pycountry

from generator.errors import TrackerError
from generator.paths import shown

AUTHOR_COLUMNS = ("slug", "company", "country", "source_url", "notes")
MODEL_COLUMNS = ("permaslug", "display_name", "family", "open_weights", "notes")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
BOOLEANS = {"true": True, "false": False, "": None}


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        # one line, whatever text from the file a message quotes
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{shown(self.path)}:{self.line}: {message}"


@dataclass(frozen=True)
class Author:
    slug: str
    company: str
    country: str
    source_url: str


@dataclass(frozen=True)
class ModelOverride:
    permaslug: str
    display_name: str
    family: str
    open_weights: bool | None


@dataclass
class Registry:
    authors: dict[str, Author]
    models: dict[str, ModelOverride]


def read_csv_rows(
    path: Path, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with their line numbers. Accepts a UTF-8 BOM and CRLF line endings."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(path, 1, "file is missing"))
        return []
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(path, 1, f"empty file; expected header {','.join(columns)}"))
            return []
        header = [h.strip() for h in header]
        unknown = [h for h in header if h not in columns]
        missing = [c for c in columns if c not in header]
        if unknown or missing or len(set(header)) != len(header):
            parts = []
            if unknown:
                parts.append(f"unknown column(s) {', '.join(unknown)}")
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            if len(set(header)) != len(header):
                parts.append("duplicate column names")
            problems.append(Problem(path, 1, "; ".join(parts) + f"; expected {','.join(columns)}"))
            return []
        line = reader.line_num
        for record in reader:
            start = line + 1
            line = reader.line_num
            if not record or all(not cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(Problem(
                    path, start, f"expected {len(header)} fields, found {len(record)}"
                ))
                continue
            rows.append((start, {h: cell.strip() for h, cell in zip(header, record)}))
    except csv.Error as exc:
        problems.append(Problem(path, reader.line_num or 1, f"CSV syntax error: {exc}"))
    return rows


def is_country_code(code: str) -> bool:
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def parse_authors(path: Path, problems: list[Problem]) -> dict[str, Author]:
    authors: dict[str, Author] = {}
    first_line: dict[str, int] = {}
    for line, row in read_csv_rows(path, AUTHOR_COLUMNS, problems):
        slug, company, country, url = row["slug"], row["company"], row["country"], row["source_url"]
        ok = True
        if not SLUG_RE.match(slug):
            problems.append(Problem(path, line, f"slug {slug!r}: expected lower-case letters, "
                                                "digits, '.', '_' or '-' (the part before '/')"))
            ok = False
        elif slug in first_line:
            problems.append(Problem(path, line, f"duplicate slug {slug!r} "
                                                f"(first on line {first_line[slug]})"))
            ok = False
        if not company:
            problems.append(Problem(path, line, f"company is empty for {slug!r}"))
            ok = False
        if not is_country_code(country):
            problems.append(Problem(path, line, f"country {country!r} is not an ISO 3166-1 "
                                                "alpha-2 code (e.g. CN, US, FR)"))
            ok = False
        if not is_http_url(url):
            problems.append(Problem(path, line, f"source_url {url!r} is not an http(s) URL"))
            ok = False
        if ok:
            first_line[slug] = line
            authors[slug] = Author(slug, company, country, url)
    return authors


def parse_models(path: Path, problems: list[Problem]) -> dict[str, ModelOverride]:
    models: dict[str, ModelOverride] = {}
    first_line: dict[str, int] = {}
    if not path.exists():
        return models  # optional file
    for line, row in read_csv_rows(path, MODEL_COLUMNS, problems):
        slug = row["permaslug"]
        ok = True
        if "/" not in slug or any(ch.isspace() for ch in slug):
            problems.append(Problem(path, line, f"permaslug {slug!r}: expected author/model"))
            ok = False
        elif slug in first_line:
            problems.append(Problem(path, line, f"duplicate permaslug {slug!r} "
                                                f"(first on line {first_line[slug]})"))
            ok = False
        weights = row["open_weights"].lower()
        if weights not in BOOLEANS:
            problems.append(Problem(path, line, f"open_weights {row['open_weights']!r}: "
                                                "expected true, false or empty"))
            ok = False
        if ok:
            first_line[slug] = line
            models[slug] = ModelOverride(slug, row["display_name"], row["family"],
                                         BOOLEANS[weights])
    return models


def check_registry(registry_dir: Path) -> tuple[Registry, list[Problem]]:
    problems: list[Problem] = []
    authors = parse_authors(registry_dir / "authors.csv", problems)
    models = parse_models(registry_dir / "models.csv", problems)
    return Registry(authors, models), problems


def load_registry(registry_dir: Path) -> Registry:
    """The registry for a build: any problem stops the build with the first one and a hint."""
    registry, problems = check_registry(registry_dir)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise TrackerError(f"{problems[0]}{more}; run `python -m generator check` for all")
    return registry
