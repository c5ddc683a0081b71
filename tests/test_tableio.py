"""The number formats of every table written (downloads and chart CSVs): exact integers, and
floats (fractions) rounded to 6 decimal places, plain decimals in CSV, numbers in JSON."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from generator.tableio import to_csv_bytes, to_json_bytes, to_parquet_bytes

FRAME = pd.DataFrame({
    "tokens": pd.array([2**53 + 1, 10**15, 0, 7, None], dtype="Int64"),
    "share": pd.array([0.8985684999, 0.25, 5.04e-05, 4e-07, None], dtype="Float64"),
    "wow_change": [-0.12345651, 1.0, -1e-09, 12.3456789, float("nan")],
})


def test_csv_fractions_are_rounded_to_six_decimals_without_an_exponent() -> None:
    rows = list(csv.reader(io.StringIO(to_csv_bytes(FRAME).decode())))
    assert rows == [
        ["tokens", "share", "wow_change"],
        [str(2**53 + 1), "0.898568", "-0.123457"],
        ["1000000000000000", "0.25", "1.0"],
        ["0", "0.00005", "0.0"],  # -1e-09 rounds to 0, written without a minus sign
        ["7", "0.0", "12.345679"],
        ["", "", ""],
    ]


def test_json_holds_the_same_rounded_numbers_and_exact_integers() -> None:
    records = json.loads(to_json_bytes(FRAME))
    assert [r["tokens"] for r in records] == [2**53 + 1, 10**15, 0, 7, None]
    assert [r["share"] for r in records] == [0.898568, 0.25, 0.00005, 0.0, None]
    assert [r["wow_change"] for r in records] == [-0.123457, 1.0, 0.0, 12.345679, None]


def test_parquet_keeps_its_types_and_holds_the_rounded_values() -> None:
    schema = pa.schema([("tokens", pa.int64()), ("share", pa.float64()),
                        ("wow_change", pa.float64())])
    table = pq.read_table(io.BytesIO(to_parquet_bytes(FRAME, schema)))
    assert table.schema == schema
    assert table.column("tokens").to_pylist()[0] == 2**53 + 1
    assert table.column("share").to_pylist() == [0.898568, 0.25, 0.00005, 0.0, None]


def test_full_precision_is_kept_when_asked() -> None:
    text = to_csv_bytes(FRAME, decimals=None).decode()
    assert "0.8985684999" in text and "0.0000504" in text
