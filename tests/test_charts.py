from __future__ import annotations

import json

import altair as alt
import pytest

from generator.charts import data as chart_data
from generator.charts import specs, theme
from generator.charts.theme import Caption, Size
from generator.derive import attribute, derive_tables
from generator.fmt import SAMPLE_NOTICE
from generator.load import load_catalogue, load_rankings
from generator.paths import Project
from generator.registry import load_registry


@pytest.fixture
def tables(tiny_project: Project):
    theme.register_theme()
    rankings = load_rankings(tiny_project)
    registry = load_registry(tiny_project.registry_dir)
    return derive_tables(attribute(rankings.weekly, registry, load_catalogue(rankings.source_dir)))


CAPTION = Caption(as_of="2026-03-23T02:00:00.000Z", is_sample=False)
SIZE = Size(740, 490)


def encoding_types(spec: dict) -> dict[str, str]:
    return {channel: value["type"] for channel, value in spec["encoding"].items()
            if isinstance(value, dict) and "type" in value}


def test_one_theme_is_registered_and_enabled() -> None:
    theme.register_theme()
    assert alt.theme.active == theme.THEME
    spec = alt.Chart().mark_point().to_dict()
    assert spec["config"]["font"] == theme.FONT


def test_country_bands_add_up_to_the_week_total(tables) -> None:
    data = chart_data.country_bands_data(tables)
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["total_tokens"]).all()
    assert {theme.OTHER_BAND, "Unattributed", "China", "United States"} <= set(data["band"])


def test_tokens_by_country_spec(tables) -> None:
    bands = chart_data.country_bands_data(tables)
    spec = specs.tokens_by_country_chart(bands, CAPTION, SIZE).to_dict()
    assert spec["mark"]["type"] == "area"
    types = encoding_types(spec)
    assert (types["x"], types["y"], types["color"]) == ("temporal", "quantitative", "nominal")
    assert spec["encoding"]["x"]["field"] == "week_start"
    assert spec["encoding"]["y"]["title"] == "Tokens per week"
    assert spec["description"]
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"][scale["domain"].index("China")] == theme.COUNTRY_COLOURS["CN"]
    assert "Source: OpenRouter (openrouter.ai/rankings), as of 23 March 2026. " \
           "Licensed under CC BY 4.0." in spec["title"]["subtitle"]


def test_sample_charts_say_sample(tables) -> None:
    caption = Caption(as_of="x", is_sample=True)
    shares = chart_data.country_share_data(tables)
    spec = specs.country_share_chart(shares, caption, SIZE).to_dict()
    assert SAMPLE_NOTICE.upper() in spec["title"]["subtitle"]
    real = specs.country_share_chart(shares, CAPTION, SIZE).to_dict()
    assert SAMPLE_NOTICE.upper() not in real["title"]["subtitle"]


def test_top_models_are_coloured_by_country_and_sorted_by_rank(tables) -> None:
    data = chart_data.top_models_data(tables, tables.latest_week)
    spec = specs.top_models_chart(data, CAPTION, "16–22 March 2026", SIZE).to_dict()
    assert spec["encoding"]["color"]["field"] == "country_name"
    assert spec["encoding"]["y"]["sort"] == {"field": "rank", "order": "ascending"}
    assert list(data["rank"]) == [1, 2, 3]


def test_company_bands_keep_every_token(tables) -> None:
    data = chart_data.company_bands_data(tables, limit=1)
    assert set(data["band"]) == {"DeepSeek", theme.OTHER_COMPANIES}
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["attributed_tokens"]).all()


def test_history_chart_spec(tables) -> None:
    data = tables.countries[tables.countries.country == "CN"][["week_start", "tokens"]]
    spec = specs.country_history_chart(data, CAPTION, "CN", ("2026-03-02", "2026-03-16"), SIZE)\
        .to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"][0] == {"year": 2026, "month": 3, "date": 2,
                                                           "utc": True}
    assert spec["mark"]["type"] == "bar"
    assert spec["title"]["text"] == "China: weekly tokens"
    assert encoding_types(spec)["y"] == "quantitative"


def test_the_fast_data_step_gives_exactly_altairs_values(tables) -> None:
    """theme.chart_values (a column at a time) replaces Altair's DataFrame step: every chart
    kind's spec is the same with either, and so are awkward values."""
    import json

    import numpy as np
    import pandas as pd

    week = tables.latest_week
    drawn = [
        specs.tokens_by_country_chart(chart_data.country_bands_data(tables), CAPTION, SIZE),
        specs.country_share_chart(chart_data.country_share_data(tables), CAPTION, SIZE),
        specs.tokens_by_company_chart(chart_data.company_bands_data(tables), CAPTION, SIZE),
        specs.top_models_chart(chart_data.top_models_data(tables, week), CAPTION, week, SIZE),
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
        theme.register_theme()
    assert alt.data_transformers.active == theme.THEME
    assert [json.dumps(chart.to_dict(), sort_keys=True) for chart in drawn] == expected
    values = theme.chart_values(pd.DataFrame({"x": [1.5, float("nan"), float("-inf")],
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


def test_every_site_chart_is_drawn_at_the_size_its_spec_gives(tiny_project: Project,
                                                              tmp_path) -> None:
    """Pages give each chart its size before it is drawn: the catalogue fixes every chart's
    total size in its spec (autosize "fit", title, axes and legend included)."""
    from generator.build import make_site
    from generator.charts.catalogue import SpecMemo, site_chart_jobs
    from generator.pipeline import prepare

    theme.register_theme()
    site = make_site(tiny_project, prepare(tiny_project), require_real_data=False)
    memo = SpecMemo(tmp_path)
    made = [memo.chart(job) for job in site_chart_jobs(site, {})]
    assert len(made) > 10
    for chart in made:
        spec = json.loads(chart.spec_json)
        assert (spec["width"], spec["height"]) == (chart.size.width, chart.size.height)
        assert spec["autosize"] == {"type": "fit", "contains": "padding"}


def test_a_long_title_wraps_to_the_chart_width() -> None:
    name = "A model whose name is far too long for one line of a chart title, " * 2
    title = Caption("2026-03-23T02:00:00.000Z", False).title(name, "Subtitle", 740).to_dict()
    assert isinstance(title["text"], list) and len(title["text"]) == 2
    assert " ".join(title["text"]).split() == name.split()
    short = Caption("2026-03-23T02:00:00.000Z", False).title("China", "Subtitle", 740).to_dict()
    assert short["text"] == "China"
