"""Serialising tables: CSV with exact integers and round-trip floats, JSON records, Parquet."""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def cell(value: object) -> object:
    """A plain Python value for output: exact int, float, str, or None where undefined."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    columns = list(frame.columns)
    return [dict(zip(columns, (cell(v) for v in row)))
            for row in frame.itertuples(index=False, name=None)]


def csv_text(value: object) -> str:
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_text(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    return (json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame, schema: pa.Schema) -> bytes:
    table = pa.Table.from_pylist(records(frame), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()
