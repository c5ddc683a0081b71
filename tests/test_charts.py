from __future__ import annotations

import altair as alt
import pytest

from generator import charts
from generator.charts import Caption
from generator.derive import attribute, derive_tables
from generator.fmt import SAMPLE_NOTICE
from generator.load import load_catalogue, load_rankings
from generator.paths import Project
from generator.registry import load_registry


@pytest.fixture
def tables(tiny_project: Project):
    charts.register_theme()
    rankings = load_rankings(tiny_project)
    registry = load_registry(tiny_project.registry_dir)
    return derive_tables(attribute(rankings.weekly, registry, load_catalogue(rankings.source_dir)))


CAPTION = Caption(as_of="2026-03-23T02:00:00.000Z", is_sample=False)


def encoding_types(spec: dict) -> dict[str, str]:
    return {channel: value["type"] for channel, value in spec["encoding"].items()
            if isinstance(value, dict) and "type" in value}


def test_one_theme_is_registered_and_enabled() -> None:
    charts.register_theme()
    assert alt.theme.active == charts.THEME
    spec = alt.Chart().mark_point().to_dict()
    assert spec["config"]["font"] == charts.FONT


def test_country_bands_add_up_to_the_week_total(tables) -> None:
    data = charts.country_bands_data(tables)
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["total_tokens"]).all()
    assert {charts.OTHER_BAND, "Unattributed", "China", "United States"} <= set(data["band"])


def test_tokens_by_country_spec(tables) -> None:
    spec = charts.tokens_by_country_chart(charts.country_bands_data(tables), CAPTION).to_dict()
    assert spec["mark"]["type"] == "area"
    types = encoding_types(spec)
    assert (types["x"], types["y"], types["color"]) == ("temporal", "quantitative", "nominal")
    assert spec["encoding"]["x"]["field"] == "week_start"
    assert spec["encoding"]["y"]["title"] == "Tokens per week"
    assert spec["description"]
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"][scale["domain"].index("China")] == charts.COUNTRY_COLOURS["CN"]
    assert "Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-23T02:00:00.000Z. " \
           "Licensed under CC BY 4.0." in spec["title"]["subtitle"]


def test_sample_charts_say_sample(tables) -> None:
    caption = Caption(as_of="x", is_sample=True)
    spec = charts.country_share_chart(charts.country_share_data(tables), caption).to_dict()
    assert SAMPLE_NOTICE.upper() in spec["title"]["subtitle"]
    assert "SAMPLE" in SAMPLE_NOTICE.upper()


def test_top_models_are_coloured_by_country_and_sorted_by_rank(tables) -> None:
    data = charts.top_models_data(tables, tables.latest_week)
    spec = charts.top_models_chart(data, CAPTION, "16–22 March 2026").to_dict()
    assert spec["encoding"]["color"]["field"] == "country_name"
    assert spec["encoding"]["y"]["sort"] == {"field": "rank", "order": "ascending"}
    assert list(data["rank"]) == [1, 2, 3]


def test_company_bands_keep_every_token(tables) -> None:
    data = charts.company_bands_data(tables, limit=1)
    assert set(data["band"]) == {"DeepSeek", charts.OTHER_COMPANIES}
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["attributed_tokens"]).all()


def test_history_chart_spec(tables) -> None:
    data = tables.countries[tables.countries.country == "CN"][["week_start", "tokens"]]
    spec = charts.country_history_chart(data, CAPTION, "CN", ("2026-03-02", "2026-03-16"))\
        .to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"][0] == {"year": 2026, "month": 3, "date": 2,
                                                           "utc": True}
    assert spec["mark"]["type"] == "bar"
    assert spec["title"]["text"] == "China: weekly tokens"
    assert encoding_types(spec)["y"] == "quantitative"


def test_the_fast_data_step_gives_exactly_altairs_values(tables) -> None:
    """charts.chart_values (a column at a time) replaces Altair's DataFrame step: every chart
    kind's spec is the same with either, and so are awkward values."""
    import json

    import numpy as np
    import pandas as pd

    week = tables.latest_week
    drawn = [
        charts.tokens_by_country_chart(charts.country_bands_data(tables), CAPTION),
        charts.country_share_chart(charts.country_share_data(tables), CAPTION),
        charts.tokens_by_company_chart(charts.company_bands_data(tables), CAPTION),
        charts.top_models_chart(charts.top_models_data(tables, week), CAPTION, week),
        alt.Chart(pd.DataFrame({
            "name": pd.array(["=a", None, "c"], dtype="string"), "n": np.array([1, 2, 3]),
            "x": [0.5, float("nan"), float("inf")], "k": pd.array([1, None, 3], dtype="Int64"),
            "f": pd.array([0.25, None, 1.0], dtype="Float64"), "b": [True, False, True],
            "when": pd.to_datetime(["2026-03-16", "2026-03-23", None])})).mark_point().encode(
            x="x:Q", y="n:Q"),
    ]
    try:
        alt.data_transformers.enable("default")
        expected = [json.dumps(chart.to_dict(), sort_keys=True) for chart in drawn]
    finally:
        charts.register_theme()
    assert alt.data_transformers.active == charts.THEME
    assert [json.dumps(chart.to_dict(), sort_keys=True) for chart in drawn] == expected
    values = charts.chart_values(pd.DataFrame({"x": [1.5, float("nan"), float("-inf")],
                                               "n": np.array([7, 8, 9], dtype="int32")}))
    assert values == {"values": [{"x": 1.5, "n": 7}, {"x": None, "n": 8}, {"x": None, "n": 9}]}
    assert all(type(row["n"]) is int for row in values["values"])


def test_every_chart_and_embed_spec_of_a_build_is_valid_vega_lite(built_site: Project) -> None:
    """Altair's debug mode (a schema check of every object as it is made) is off for speed and
    the build checks one whole chart per family: here every spec the build wrote is checked."""
    import json

    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    specs = [*(built_site.site_src / "charts").rglob("*.vl.json"),
             *(built_site.site_src / "embed").rglob("chart.vl.json")]
    assert len(specs) > 400
    for path in specs:
        error = validate_jsonschema(json.loads(path.read_text(encoding="utf-8")), schema,
                                    raise_error=False)
        assert error is None, f"{path}: {error}"
