"""Serialising tables: CSV, JSON records and Parquet, with exact integers and rounded floats.

Floats (in this project always fractions: shares, changes, coverage) are rounded to
FRACTION_DECIMALS (6) decimal places in all three formats, so 0.8985684 is written 0.898568;
CSV writes them as plain decimals, never with an exponent (0.00005, not 5e-05). Integers are
written exactly, whatever their size.

Text from outside (model and company names) may look like a spreadsheet formula. In CSV, a text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
single quote, so a spreadsheet shows it as text instead of evaluating it (OWASP's advice for CSV
injection). Numbers are never touched (a negative change stays ``-0.25``); JSON and Parquet keep
the exact text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FRACTION_DECIMALS = 6  # the public contract: 0.898568 (and chart CSVs alike)


def cell(value: object) -> object:
    """A plain Python value for output: exact int, float, str, or None where undefined."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return value


def rounded(value: object, decimals: int | None) -> object:
    """cell(value), a float rounded to ``decimals`` places (None: kept as it is)."""
    value = cell(value)
    if decimals is not None and isinstance(value, float) and math.isfinite(value):
        value = round(value, decimals) + 0.0  # + 0.0: a rounded -0.0 is written 0.0
    return value


def rows(frame: pd.DataFrame) -> Iterator[tuple]:
    """Each row's values, as itertuples gives them, but converted a column at a time: Arrow-backed
    columns (strings, nullable numbers) convert cell by cell in itertuples, ~10x slower."""
    if not len(frame.columns):
        return iter([()] * len(frame))
    return zip(*(column.tolist() for _, column in frame.items()))


def records(frame: pd.DataFrame, decimals: int | None = None) -> list[dict[str, object]]:
    """Each row as a dict of plain values; floats rounded when ``decimals`` is given."""
    columns = list(frame.columns)
    if decimals is None:  # most callers (pages, words): plain values, nothing to round
        return [dict(zip(columns, map(cell, row))) for row in rows(frame)]
    return [dict(zip(columns, (rounded(v, decimals) for v in row))) for row in rows(frame)]


def csv_text(value: object) -> str:
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # the shortest digits, without an exponent
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)": a spreadsheet shows it, never evaluates it."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: object, decimals: int | None = FRACTION_DECIMALS) -> str:
    """A CSV cell: numbers as they are (floats rounded), text with any leading formula
    character neutralised."""
    value = rounded(value, decimals)
    if isinstance(value, str):
        return neutralise_formula(value)
    return csv_text(value)


def csv_row(cells: list[str]) -> str:
    """One CSV line ending in LF. The writer is told the terminator is CRLF so that it quotes a
    cell holding a lone CR as well as LF (told LF alone, it leaves a CR bare and breaks the row)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue().removesuffix("\r\n") + "\n"


def to_csv_bytes(frame: pd.DataFrame, decimals: int | None = FRACTION_DECIMALS) -> bytes:
    header = [neutralise_formula(str(c)) for c in frame.columns]
    body = [[csv_cell(v, decimals) for v in row] for row in rows(frame)]
    if any("\r" in text for line in [header, *body] for text in line):
        return "".join(csv_row(line) for line in [header, *body]).encode("utf-8")
    # No CR anywhere: one writer told LF quotes exactly as csv_row does, row by row
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([header, *body])
    return buffer.getvalue().encode("utf-8")


def to_json_bytes(frame: pd.DataFrame, decimals: int | None = FRACTION_DECIMALS) -> bytes:
    return (json.dumps(records(frame, decimals), ensure_ascii=False, indent=1) + "\n") \
        .encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame, schema: pa.Schema,
                     decimals: int | None = FRACTION_DECIMALS) -> bytes:
    """Parquet with the given Arrow types: floats stay float64, holding the rounded values."""
    table = pa.Table.from_pylist(records(frame, decimals), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def frame_digest(frame: pd.DataFrame) -> bytes:
    """A digest of a table's columns, types and every value (rows in order): each column's
    values as Python writes them (exact for floats; None, NaN and NA apart), ~4x faster than
    pandas' row hashing on the small tables a chart draws, and no 64-bit row hash to collide."""
    digest = hashlib.sha256(json.dumps([list(map(str, frame.columns)),
                                        list(map(str, frame.dtypes))]).encode())
    for _, column in frame.items():
        digest.update(repr(column.tolist()).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()
