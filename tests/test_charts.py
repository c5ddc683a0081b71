from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import fmt
from generator.build import make_site
from generator.charts import axes, changes, labels, palette, specs, theme, variants
from generator.charts import data as chart_data
from generator.charts.catalogue import SpecMemo, site_chart_jobs, site_wide_job
from generator.charts.draw import text_width
from generator.charts.families import FAMILIES
from generator.charts.theme import ChartText
from generator.charts.variants import NARROW, WIDE
from generator.derive.tables import attribute, derive_tables
from generator.findings import charts as chart_findings
from generator.findings import facts, say
from generator.load import load_catalogue, load_rankings
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare
from generator.registry import load_registry
from generator.site import Site


@pytest.fixture(name="tables")
def tiny_tables(tiny_project: Project):  # test_charts_story shares it
    theme.register_theme()
    rankings = load_rankings(tiny_project)
    registry = load_registry(tiny_project.registry_dir)
    return derive_tables(attribute(rankings.weekly, registry, load_catalogue(rankings.source_dir)))


@pytest.fixture
def tiny_site(tiny_project: Project) -> Site:
    theme.register_theme()
    return make_site(tiny_project, prepare(tiny_project), require_real_data=False)


def job_of(site: Site, kind: str, week: str | None = None):
    """A site-wide chart's data and words as the catalogue makes them at ``week``."""
    week = week or site.latest_week
    return site_wide_job(site, FAMILIES[kind], week, chart_data.tables_up_to(site.tables, week),
                         kind, site.as_of)


TEXT = ChartText(title="T", caption="The caption", description="What it shows.",
                 as_of="2026-03-23T02:00:00.000Z", is_sample=False)


def text_for(**fields: object) -> ChartText:
    """Words for a chart function: TEXT with some fields changed."""
    return replace(TEXT, **fields)


def encoding_types(spec: dict) -> dict[str, str]:
    return {channel: value["type"] for channel, value in spec["encoding"].items()
            if isinstance(value, dict) and "type" in value}


def units(spec: dict) -> list[dict]:
    """The spec and its layers (in layers of layers too), each a unit with a mark."""
    found = [spec] if "mark" in spec else []
    for layer in spec.get("layer", []):
        found += units(layer)
    return found


def series(spec: dict) -> dict:
    """The unit that draws a chart's series: the spec, or its first layer's (the others
    write labels, events)."""
    return units(spec)[0]


def finished(chart: alt.TopLevelMixin, kind: str, variant: variants.Variant) -> dict:
    drawn = variants.size(FAMILIES[kind].narrow_height, variant)
    spec, _, _ = variants.finish(chart, variant, drawn, validate=True)
    return spec


def weekly(weeks: int, first: str = "2025-01-06", **columns: object) -> pd.DataFrame:
    start = date.fromisoformat(first)
    frame = pd.DataFrame({"week_start": [(start + timedelta(days=7 * i)).isoformat()
                                         for i in range(weeks)],
                          "tokens": [10**11 * (i + 1) for i in range(weeks)]})
    return frame.assign(**columns)


def test_one_theme_is_registered_and_enabled() -> None:
    theme.register_theme()
    assert alt.theme.active == theme.THEME
    spec = alt.Chart().mark_point().to_dict()
    assert spec["config"]["font"] == theme.FONT
    assert spec["config"]["font"].startswith("Arial")  # the renderer's metrics: labels fit


def test_country_bands_add_up_to_the_week_total(tables) -> None:
    data = chart_data.country_bands_data(tables)
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["total_tokens"]).all()
    # China, the U.S., the rest grouped (France) and no known country (a cloaked model and the
    # models outside the top 50)
    assert set(data["band"]) == {theme.OTHER_COUNTRIES, theme.NO_COUNTRY, "China",
                                 "United States"}


def test_tokens_by_country_spec(tables) -> None:
    bands = chart_data.country_bands_data(tables)
    spec = finished(specs.tokens_by_country_chart(bands, TEXT, WIDE), "tokens-by-country", WIDE)
    area = series(spec)
    assert area["mark"]["type"] == "area"
    types = encoding_types(area)
    assert (types["x"], types["y"], types["color"]) == ("temporal", "quantitative", "nominal")
    assert area["encoding"]["x"]["field"] == "week_start"
    assert area["encoding"]["y"]["axis"]["title"] == "Tokens per week"
    assert spec["description"] == TEXT.description  # the alt text, exactly as it is given
    scale = area["encoding"]["color"]["scale"]
    assert scale["range"][scale["domain"].index("China")] == palette.COUNTRY_COLOURS["CN"]
    assert scale["range"][scale["domain"].index("United States")] == \
        palette.COUNTRY_COLOURS["US"]
    assert "title" not in spec  # pages and embeds show it as text


def test_the_legend_lists_the_bands_in_their_stacking_order(tables) -> None:
    data = chart_data.country_bands_data(tables)
    spec = series(specs.tokens_by_country_chart(data, TEXT, NARROW).to_dict())
    stacking = list(data.sort_values("order")["band"].drop_duplicates())
    assert spec["encoding"]["order"] == {"field": "order", "type": "quantitative",
                                         "sort": "ascending"}  # order 0 at the baseline
    assert spec["encoding"]["color"]["sort"] == stacking
    assert stacking[0] == "China" and stacking[-2:] == [theme.OTHER_COUNTRIES, theme.NO_COUNTRY]
    assert spec["encoding"]["color"]["legend"]["orient"] == "top"


def test_the_caption_gives_the_title_subtitle_source_and_sample_warning(tables) -> None:
    shares = chart_data.country_share_data(tables)
    sample = specs.country_share_chart(shares, text_for(is_sample=True), WIDE).to_dict()
    assert sample["title"]["subtitle"] == [TEXT.caption, fmt.SAMPLE_NOTICE.upper(),
                                           fmt.source_line(TEXT.as_of)]
    real = specs.country_share_chart(shares, TEXT, WIDE).to_dict()
    assert real["title"]["subtitle"] == [TEXT.caption, fmt.source_line(TEXT.as_of)]
    about = chart_findings.chart("country-share", tables.latest_week, tables.weeks[0],
                                 len(tables.weeks), {"period": True})
    text = text_for(title=say(about, "title"), caption=say(about, "caption"))
    spec, title, subtitle = variants.finish(
        specs.country_share_chart(shares, text, WIDE), WIDE,
        variants.size(FAMILIES["country-share"].narrow_height, WIDE), False)
    assert title == "Share of tokens by country of origin"
    assert subtitle == text.caption and "title" not in spec


def test_top_models_are_coloured_by_country_and_sorted_by_rank(tables) -> None:
    data = chart_data.top_models_data(tables)
    assert data.equals(chart_data.top_models_data(tables, tables.latest_week))  # the default
    bars = specs.top_models_chart(data, TEXT, WIDE).to_dict()["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["color"]["field"] == "country_name"
    labels = [row["label"] for row in sorted(bars_rows(specs.top_models_chart(data, TEXT, WIDE)),
                                             key=lambda row: row["rank"])]
    assert bars["encoding"]["y"]["sort"] == labels  # an explicit order both layers share
    assert list(data["rank"]) == [1, 2, 3]


def bars_rows(chart: object) -> list[dict]:
    spec = chart.to_dict()
    return spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"]


@settings(max_examples=300, deadline=None)
@given(name=st.text(st.sampled_from("aZ9 .m( )W\u00e9\u901a"), max_size=80),
       variant=st.sampled_from([NARROW, WIDE]))
def test_a_shortened_label_is_the_longest_start_of_the_name_that_fits(name: str,
                                                                       variant) -> None:
    """labels.shorten in one pass gives what trimming the name a character at a time gives."""
    shown = labels.shorten(name, variant)
    if text_width(name, variant.font) <= variant.label_limit:
        assert shown == name
        return
    tail = re.search(r"\s*\([^()]{1,12}\)$", name)
    head = name[:tail.start()] if tail else name
    suffix = "… " + tail.group(0).strip() if tail else "…"
    while head and text_width(head.rstrip() + suffix, variant.font) > variant.label_limit:
        head = head[:-1]
    assert shown == head.rstrip() + suffix


def test_a_10000_character_name_is_shortened_to_the_label_room() -> None:
    shown = labels.shorten("n" * 10_000, NARROW)
    assert shown.endswith("…") and 0 < len(shown) < 60
    assert text_width(shown, NARROW.font) <= NARROW.label_limit


def test_the_narrow_top_models_chart_shows_the_top_10_with_short_labels() -> None:
    data = pd.DataFrame({
        "week_start": "2026-03-16", "rank": range(1, 16),
        "model_permaslug": [f"lab/model-{i}" for i in range(15)],
        "model_name": [f"Qwen3 Coder 480B A35B Instruct Turbo ({i})" for i in range(15)],
        "company": "Alibaba", "country": "CN", "country_name": "China",
        "tokens": [10**12 - i * 10**10 for i in range(15)], "share_of_total": 0.05})
    wide = finished(specs.top_models_chart(data, TEXT, WIDE), "top-models", WIDE)
    narrow = finished(specs.top_models_chart(data, TEXT, NARROW), "top-models", NARROW)
    wide_bars, narrow_bars = wide["layer"][0], narrow["layer"][0]
    assert "transform" not in wide_bars
    assert narrow_bars["transform"] == [{"filter": "datum.rank <= 10"}]
    assert [row["rank"] for row in drawn_rows(narrow_bars, data_values(narrow))] == list(
        range(1, 11))
    assert [row["rank"] for row in drawn_rows(wide_bars, data_values(wide))] == list(
        range(1, 16))
    assert narrow_bars["encoding"]["y"]["axis"]["labelLimit"] < \
        wide_bars["encoding"]["y"]["axis"]["labelLimit"]
    assert data_values(narrow) == data_values(wide)  # one data file for both drawings
    assert narrow_bars["encoding"]["y"]["field"] == "label_narrow"
    assert wide_bars["encoding"]["y"]["field"] == "label"
    shown = [row["label_narrow"] for row in data_values(narrow)]
    assert len(set(shown)) == 15  # shortened on purpose, never two alike
    assert all(label.startswith("Qwen3 Coder") and "…" in label for label in shown)
    wide_labels = [row["label"] for row in data_values(wide)]
    assert all(label.endswith(f"({i})") for i, label in enumerate(wide_labels))
    assert sum(map(len, wide_labels)) > sum(map(len, shown))
    assert (narrow["width"], wide["width"]) == (320, 720)
    assert narrow_bars["encoding"]["x"]["axis"]["tickCount"] <= wide_bars["encoding"]["x"][
        "axis"]["tickCount"] <= 6  # the Top-15 axis is not crammed


def test_company_bands_keep_every_token(tables) -> None:
    data = chart_data.company_bands_data(tables, limit=1)
    assert set(data["band"]) == {"DeepSeek", theme.OTHER_COMPANIES}
    per_week = data.groupby("week_start")["tokens"].sum()
    assert (per_week == tables.totals.set_index("week_start")["attributed_tokens"]).all()
    assert set(data.loc[data["band"] == "DeepSeek", "country"]) == {"CN"}


# ---------------------------------------------------------------- numbers

def test_token_axes_write_b_for_billions_and_start_at_0() -> None:
    for variant in variants.VARIANTS:
        axis = axes.tokens_axis(variant).to_dict()
        assert axis["labelExpr"] == "replace(format(datum.value, '~s'), 'G', 'B')"
        assert "format" not in axis  # no common prefix: "0", not "0T"


def data_values(spec: dict, unit: dict | None = None) -> list[dict]:
    """The rows a unit (by default the whole spec) draws: its own data, else the spec's."""
    data = (unit or {}).get("data") or spec.get("data") or series(spec)["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def passes(expression: str, row: dict) -> bool:
    """A Vega filter of the forms the charts use (datum.x, !datum.x, datum.x != '',
    datum.x <= n, joined by &&) on one row."""
    for term in (part.strip() for part in expression.split("&&")):
        if found := re.fullmatch(r"datum\.(\w+) (!=|<=) (''|\d+)", term):
            value = row[found[1]]
            kept = value != "" if found[2] == "!=" else value <= int(found[3])
        else:
            found = re.fullmatch(r"(!?)datum\.(\w+)", term)
            kept = bool(row[found[2]]) != bool(found[1])
        if not kept:
            return False
    return True


def drawn_rows(unit: dict, rows: list[dict]) -> list[dict]:
    """The rows a layer draws after its filters."""
    filters = [step["filter"] for step in unit.get("transform", [])]
    return [row for row in rows if all(passes(f, row) for f in filters)]


def tooltip_fields(spec: dict) -> list[dict]:
    found = []
    for unit in units(spec):
        tooltip = unit.get("encoding", {}).get("tooltip", [])
        found.extend(tooltip if isinstance(tooltip, list) else [tooltip])
    return found


GPT5 = "openai/gpt-5-20250807"
KINDS = {"country": "tokens-by-country", "share": "country-share", "company": "tokens-by-company",
         "top": "top-models", "growth": "country-growth", "movement": "rank-movement"}


def all_specs(tables) -> dict[str, dict]:
    """Each kind's spec drawn by its family's function (charts.families), and a history's."""
    found = {name: FAMILIES[kind].draw(FAMILIES[kind].data(tables), TEXT, WIDE).to_dict()
             for name, kind in KINDS.items()}
    gpt5 = chart_data.model_history_data(tables.models[tables.models.model_permaslug == GPT5])
    history = text_for(span=(tables.weeks[0], tables.latest_week),
                       colour=palette.country_colour("US"))
    return {**found, "history": specs.history_chart(gpt5, history, WIDE).to_dict()}


def test_tooltips_show_formatted_text_under_plain_names(tables) -> None:
    """Every tooltip shows a string written by generator.fmt (no raw number, no e+12, no
    16-digit fraction) under a plain name (never "Band")."""
    for name, spec in all_specs(tables).items():
        fields = tooltip_fields(spec)
        assert fields, name
        values = data_values(spec)
        for field in fields:
            assert field["type"] in ("nominal", "ordinal"), (name, field)
            assert "format" not in field
            assert field["title"] not in ("Band", "band", "week_start", "tokens"), (name, field)
            for row in values:
                text = str(row[field["field"]])
                assert "e+" not in text, (name, text)
        by_title = {f["title"]: f["field"] for f in fields}
        for row in values:  # each text is generator.fmt's (its own tests check how it writes)
            if "Tokens" in by_title:  # a week a model was not ranked: no figure
                assert row[by_title["Tokens"]] == (fmt.MISSING if row["tokens"] is None
                                                   else fmt.tokens_words(row["tokens"]))
                assert not re.search(r"\d{10}", row[by_title["Tokens"]])
            if "Week" in by_title:
                assert row[by_title["Week"]] == fmt.week_range(row["week_start"])
            for title in ("Share of tokens with a known country", "Share of all tokens"):
                if title in by_title:
                    share = row.get("share_of_attributed", row.get("share_of_total"))
                    assert row[by_title[title]] == fmt.percent(share)


def test_the_chart_csv_keeps_raw_numbers(tables) -> None:
    """The tooltip texts go into the spec's data, not into the chart's data (its CSV)."""
    data = chart_data.country_bands_data(tables)
    before = data.copy()
    specs.tokens_by_country_chart(data, TEXT, WIDE)
    assert list(data.columns) == list(before.columns) == ["week_start", "country", "band",
                                                          "tokens", "order"]


# ---------------------------------------------------------------- short series

def axis_labels(x: dict) -> list[str]:
    """The labels a week axis with explicit values writes (its labelExpr's lookup table)."""
    texts = re.match(r"(\[.*?\])\[indexof", x["axis"]["labelExpr"]).group(1)
    return [text for text in json.loads(texts) if text]


@pytest.mark.parametrize("weeks", [2, 3, 5, 8])
def test_a_short_history_gets_a_tick_per_week_and_no_repeated_label(weeks: int) -> None:
    data = weekly(weeks, rank=3, share_of_total=0.01)
    span = ("2024-06-03", data["week_start"].iloc[-1])  # published long before: zoomed in
    text = text_for(span=span, colour=palette.country_colour("US"))
    for variant in variants.VARIANTS:
        spec = series(finished(specs.history_chart(data, text, variant), "model", variant))
        x = spec["encoding"]["x"]
        assert len(x["axis"]["values"]) == weeks  # one tick per week
        written = axis_labels(x)
        assert len(written) == len(set(written)) >= min(weeks, 2)
        assert written[0].endswith("2025") and not any("G" in label for label in written)
        # bars run from each Monday to its Sunday, inside the domain's first and last day
        assert spec["mark"]["type"] == "rect" and spec["encoding"]["x2"]["field"] == "week_end"
        assert spec["mark"]["color"] == text.colour
        first, end = x["scale"]["domain"]
        assert (first["month"], first["date"]) == (1, 6)
        last = date.fromisoformat(data["week_start"].iloc[-1]) + timedelta(days=7)
        # past the last Sunday: room for the latest figure beside the last bar
        assert date(end["year"], end["month"], end["date"]) >= last


def test_a_long_axis_ticks_months_with_room_for_each_label() -> None:
    for variant, most in ((WIDE, 8), (NARROW, 4)):
        x = axes.x_week("2025-01-06", "2026-12-28", variant, room=60).to_dict()
        ticks = x["axis"]["values"]  # the first of a month, none past the last week
        assert len(ticks) <= most, variant.name
        assert all(tick["date"] == 1 for tick in ticks)
        assert (ticks[-1]["year"], ticks[-1]["month"]) <= (2026, 12)
        assert x["axis"]["format"] == "%b %Y"  # a month and its year: never twice the same


def test_one_week_of_data_is_a_number_not_a_chart() -> None:
    data = weekly(1, rank=7, share_of_total=0.02)
    own = facts.history("model", "lab/solo", "Solo", data)
    text = text_for(description=say(own), stat=(say(own, "stat-value"), say(own, "stat")),
                    span=("2025-01-06", "2025-01-06"), colour=palette.country_colour("FR"))
    chart = specs.history_chart(data, text, WIDE)
    assert chart.usermeta["stat"] == {
        "value": fmt.tokens_words(10**11),
        "words": "tokens in the week of 6–12 January 2025, its only week in the top 50"}
    spec = chart.to_dict()
    assert {unit["mark"]["type"] for unit in units(spec) if unit is not spec} == {"text"}
    assert spec["description"].startswith("Solo processed")


def test_the_catalogue_hands_pages_the_stat_of_a_one_week_history(tmp_path) -> None:
    from conftest import weeks_from, write_authors, write_snapshot

    w1, w2, w3 = weeks_from("2026-03-02", 3)
    rows = [(w1, GPT5, 900), (w1, "mistralai/solo-20250601", 100), (w2, GPT5, 1000),
            (w3, GPT5, 5), (w1, "other", 5), (w2, "other", 5)]
    write_snapshot(tmp_path / "data", rows, start=w1, end=w3, as_of="2026-03-20T02:00:00.000Z")
    write_authors(tmp_path / "data", [("openai", "OpenAI", "US"),
                                      ("mistralai", "Mistral AI", "FR")])
    project = Project.at(REPO_ROOT, tmp_path / "data")
    theme.register_theme()
    site = make_site(project, prepare(project), require_real_data=False)
    made = {job.chart_id: SpecMemo(tmp_path / "memo").chart(job)
            for job in site_chart_jobs(site, {})}
    histories = {i: c for i, c in made.items() if c.kind in ("model", "company", "country")}
    single = {i for i, c in histories.items() if len(c.data) == 1}
    assert {i for i, c in histories.items() if c.stat} == single
    assert single == {"models/mistralai-solo-20250601", "companies/mistral-ai", "countries/fr"}
    value, words = made["models/mistralai-solo-20250601"].stat
    assert value == fmt.tokens_words(100) and fmt.week_range(w1) in words


# ---------------------------------------------------------------- colours

def test_a_company_keeps_its_colour_whatever_its_rank() -> None:
    companies = [("DeepSeek", "CN"), ("Anthropic", "US"), ("OpenAI", "US"), ("Alibaba", "CN"),
                 ("Mistral AI", "FR")]
    first = theme.company_scale([c for c, _ in companies], [k for _, k in companies]).to_dict()
    reordered = companies[::-1]
    second = theme.company_scale([c for c, _ in reordered], [k for _, k in reordered]).to_dict()
    colours = dict(zip(first["domain"], first["range"]))
    assert colours == dict(zip(second["domain"], second["range"]))
    assert len(set(colours.values())) == len(colours)
    # a company wears a company colour, never a country's (tests/test_colours.py measures them)
    assert set(colours.values()) <= set(palette.COMPANY_COLOURS)
    assert not set(colours.values()) & set(palette.COUNTRY_COLOURS.values())
    assert palette.company_colour("DeepSeek") == colours["DeepSeek"]


def test_the_company_chart_colours_by_name_not_by_rank(tables) -> None:
    data = chart_data.company_bands_data(tables)
    spec = series(specs.tokens_by_company_chart(data, TEXT, WIDE).to_dict())
    scale = spec["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours["DeepSeek"] == palette.company_colour("DeepSeek")
    assert colours["OpenAI"] == palette.company_colour("OpenAI")
    assert colours[theme.OTHER_COMPANIES] == palette.OUTSIDE_COLOUR


def test_every_country_has_one_colour_and_the_neutral_bands_stand_apart() -> None:
    assert palette.country_colour("CN") == "#d62839" and palette.country_colour("US")
    assert palette.country_colour("BR") == palette.country_colour("BR")  # keyed by its code
    greys = [palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR, palette.country_colour("IL")]
    assert len(set(greys)) == 3
    lightness = sorted(palette.luminance(c) for c in greys[:2])
    assert lightness[1] - lightness[0] > 0.1  # "no known country" and "outside": apart
    assert palette.country_colour("IL") not in (palette.NO_COUNTRY_COLOUR,
                                                 palette.OUTSIDE_COLOUR)


DATA_COLOURS = sorted({*palette.COUNTRY_COLOURS.values(), *palette.SPARE_COUNTRY_COLOURS,
                       palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR, palette.FREE_COLOUR,
                       *palette.COMPANY_COLOURS})
BACKGROUNDS = ("#ffffff", palette.DARK["background"], "#15171a")  # page, slate, dark embed


@pytest.mark.parametrize("colour", DATA_COLOURS)
def test_data_colours_keep_3_to_1_on_light_and_dark_backgrounds(colour: str) -> None:
    for background in BACKGROUNDS:
        assert palette.contrast(colour, background) >= 3, (colour, background)
    assert colour not in palette.SWAPS  # the dark drawing never touches a data colour


def test_chart_text_keeps_4_5_to_1_in_both_themes() -> None:
    for key in ("text", "annotation", "value"):
        assert palette.contrast(palette.LIGHT[key], palette.LIGHT["background"]) >= 4.5
        for background in (palette.DARK["background"], "#15171a"):
            assert palette.contrast(palette.DARK[key], background) >= 4.5


def test_the_dark_drawing_swaps_only_the_furniture_colours() -> None:
    svg = ('<svg><rect fill="#ffffff"/><path fill="#d62839" stroke="#ffffff"/>'
           '<text fill="#333333">China</text><line stroke="#E6E6E6"/></svg>')
    assert palette.dark_svg(svg) == (
        f'<svg><rect fill="{palette.DARK["background"]}"/><path fill="#d62839" '
        f'stroke="{palette.DARK["background"]}"/><text fill="{palette.DARK["text"]}">China'
        f'</text><line stroke="{palette.DARK["grid"]}"/></svg>')


def test_the_pages_and_embeds_dark_colours_are_the_palettes() -> None:
    """tracker.js and embed.js swap the same colours into the interactive chart as the dark
    drawing has: each stylesheet declares --tt-dark-<light colour> for every swap."""
    tracker = (REPO_ROOT / "site_src/assets/tracker.css").read_text()
    for light, dark in palette.SWAPS.items():
        assert f"--tt-dark-{light[1:]}: {dark};" in tracker
    embed = (REPO_ROOT / "templates/embeds/embed.css").read_text()
    assert all(f"--tt-dark-{light[1:]}: var(--" in embed for light in palette.SWAPS)


# ---------------------------------------------------------------- variants

def test_every_drawing_keeps_its_text_at_11_px_where_it_is_shown() -> None:
    """The smallest text of each drawing times the scale it is shown at: a 390 px phone's
    column (358 px), a 360 px phone's (328 px) and a 320 px embed's (300 px) show the narrow
    drawing; from a 600 px screen (568 px) and a 594 px embed (566 px), the wide one."""
    for column in (300, 328, 358):
        assert NARROW.font * min(column, variants.NARROW_MAX_WIDTH) / NARROW.width >= 11
    assert NARROW.font * 300 / NARROW.width >= 12  # the aim, in a 320 px embed
    for column in (566, 568):
        assert WIDE.font * column / WIDE.width >= 11
    for media, width in ((variants.SITE_NARROW_MEDIA, 600), (variants.EMBED_NARROW_MEDIA, 594)):
        assert float(re.search(r"max-width: ([\d.]+)px", media).group(1)) < width


def test_finish_sets_the_size_text_and_legend_of_each_variant(tables) -> None:
    data = chart_data.country_bands_data(tables)
    for variant in variants.VARIANTS:
        spec = finished(specs.tokens_by_country_chart(data, TEXT, variant),
                        "tokens-by-country", variant)
        drawn = variants.size(FAMILIES["tokens-by-country"].narrow_height, variant)
        assert (spec["width"], spec["height"]) == (drawn.width, drawn.height)
        assert spec["autosize"] == {"type": "fit", "contains": "padding"}
        assert spec["config"]["axis"]["labelFontSize"] == variant.font
        assert spec["config"]["legend"]["labelFontSize"] == variant.font
        assert spec["config"]["legend"]["columns"] == variant.legend_columns
        assert spec["usermeta"]["variant"] == variant.name
    narrow = finished(specs.tokens_by_company_chart(chart_data.company_bands_data(tables), TEXT,
                                                    NARROW), "tokens-by-company", NARROW)
    assert "Other companies" in series(narrow)["encoding"]["color"]["legend"]["labelExpr"]


def test_the_interactive_spec_answers_hovering_on_lines_and_areas(tables) -> None:
    """The live chart: points to hover on lines and areas, and Vega's ARIA label on every mark,
    which the drawing (read through its alt text) leaves out; bars as drawn otherwise."""
    area = finished(specs.tokens_by_country_chart(chart_data.country_bands_data(tables),
                                                  TEXT, WIDE), "tokens-by-country", WIDE)
    live = variants.live(area)
    assert series(live)["mark"]["point"] == "transparent" and "point" not in series(area)["mark"]
    assert series(live)["mark"]["opacity"] == 1  # as drawn (Vega-Lite would fade it under points)
    bars = finished(specs.top_models_chart(chart_data.top_models_data(tables), TEXT, WIDE),
                    "top-models", WIDE)
    assert bars["config"]["aria"] is False and "aria" not in variants.live(bars)["config"]
    assert variants.live(bars) == {**bars, "config": {
        k: v for k, v in bars["config"].items() if k != "aria"}}


def test_every_site_chart_is_drawn_at_the_size_its_spec_gives(tiny_site: Site,
                                                              tmp_path) -> None:
    """Pages give each drawing its size before it is drawn: the catalogue fixes every
    drawing's total size in its spec (autosize "fit", axes and legend included). Its alt text
    is its job's, the finding first."""
    memo = SpecMemo(tmp_path)
    jobs = list(site_chart_jobs(tiny_site, {}))
    made = [memo.chart(job) for job in jobs]
    assert len(made) > 10
    for job, chart in zip(jobs, made):
        assert chart.title and chart.subtitle and chart.description == job.text.description
        assert not chart.description.startswith(("Stacked", "Bar", "Line", "Bump", "Scatter"))
        for drawing in (chart.wide, chart.narrow):
            spec = json.loads(drawing.spec_json)
            assert (spec["width"], spec["height"]) == (drawing.size.width, drawing.size.height)
            assert spec["autosize"] == {"type": "fit", "contains": "padding"}
            assert json.loads(drawing.live_json)["width"] == spec["width"]
        assert chart.narrow.size.width == NARROW.width and chart.wide.size.width == WIDE.width


# ---------------------------------------------------------------- the fast data step

def test_the_fast_data_step_gives_exactly_altairs_values(tables) -> None:
    """theme.chart_values (a column at a time) replaces Altair's DataFrame step: every chart
    kind's spec is the same with either, and so are awkward values."""
    import numpy as np

    focus = chart_data.top_models_data(tables)["model_permaslug"].iloc[0]
    drawn = [
        specs.tokens_by_country_chart(chart_data.country_bands_data(tables), TEXT, WIDE),
        specs.country_share_chart(chart_data.country_share_data(tables), TEXT, WIDE),
        specs.tokens_by_company_chart(chart_data.company_bands_data(tables), TEXT, WIDE),
        specs.top_models_chart(chart_data.top_models_data(tables), text_for(focus=focus), WIDE),
        changes.rank_movement_chart(chart_data.rank_movement_data(tables), text_for(focus=focus),
                                    WIDE),
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



def test_a_lean_layer_gives_exactly_altairs_spec() -> None:
    """specs.layered (each layer's mark, axis, scale and legend held as plain dicts, which
    Altair copies faster) gives the spec alt.layer gives, and leaves the charts it was given,
    and the channels they share, as they were."""
    data = pd.DataFrame({"week_start": ["2026-03-16", "2026-03-23"], "tokens": [1.0, 2.0],
                         "band": ["China", "United States"], "label": ["1", "2"]})
    x = axes.x_week("2026-03-16", "2026-03-23", WIDE, room=40)
    colour = alt.Color("band:N", scale=alt.Scale(domain=["China", "United States"],
                                                 range=["#c00", "#00c"]),
                       legend=axes.legend(NARROW))
    area = alt.Chart(data).mark_area(interpolate="linear", strokeWidth=0.5).encode(
        x=x, y=alt.Y("tokens:Q", axis=axes.tokens_axis(WIDE, "Tokens")), color=colour,
        tooltip=[alt.Tooltip("band:N", title="Country")])
    text = alt.Chart(data).mark_text(align="left", dx=6).encode(x=x, y=alt.Y("tokens:Q"),
                                                                text=alt.Text("label:N"))
    before = [json.dumps(chart.to_dict(), sort_keys=True) for chart in (area, text)]
    expected = alt.layer(area, text, title="T", description="D").to_dict()
    assert specs.layered(area, text, title="T", description="D").to_dict() == expected
    assert [json.dumps(chart.to_dict(), sort_keys=True) for chart in (area, text)] == before
    assert isinstance(area.mark, alt.MarkDef) and isinstance(x["axis"], alt.Axis)
    lean = specs.lean(area)
    assert isinstance(lean.mark, dict) and isinstance(lean.encoding.x["axis"], dict)
    assert isinstance(lean.encoding.color["legend"], dict)
def test_every_chart_and_embed_spec_of_a_build_is_valid_vega_lite(built_site: Project) -> None:
    """Altair's debug mode (a schema check of every object as it is made) is off for speed and
    the build checks one whole chart per family: here every spec the build wrote is checked
    against Vega-Lite's schema, by one validator made once. The schema takes any JSON object
    as a row of inline data, so rows are checked apart (objects of plain values) and each spec
    is validated without them, and once when several are alike (~1,850 specs, ~1,370 distinct:
    a third less time)."""
    import jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not validator.is_valid({"mark": "no-such-mark", "data": {"values": []}})
    found = list((built_site.site_src / "embed").rglob("chart*.vl.json"))
    assert len(found) > 800
    distinct: dict[str, Path] = {}
    for path in found:
        rows: list = []
        spec = without_inline_rows(with_data_files(json.loads(path.read_text(encoding="utf-8")),
                                                   path.parent), rows)
        assert rows, path
        assert all(isinstance(row, dict) and all(
            isinstance(value, str | int | float | bool | None) for value in row.values())
            for row in rows), path
        distinct.setdefault(json.dumps(spec, sort_keys=True), path)
    for text, path in distinct.items():
        error = jsonschema.exceptions.best_match(validator.iter_errors(json.loads(text)))
        assert error is None, f"{path}: {error.message}"


def with_data_files(node: object, folder: Path) -> object:
    """An embed's spec with the data files it loads by URL (beside it) put in as values."""
    if isinstance(node, list):
        return [with_data_files(item, folder) for item in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"url", "format"} and node["url"].startswith("data-"):
        return {"values": json.loads((folder / node["url"]).read_text(encoding="utf-8"))}
    return {key: with_data_files(value, folder) for key, value in node.items()}


def without_inline_rows(node: object, rows: list) -> object:
    """A Vega-Lite spec with its inline data rows (data.values, datasets) moved into ``rows``."""
    if isinstance(node, list):
        return [without_inline_rows(item, rows) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "data" and isinstance(value, dict) and isinstance(value.get("values"), list):
            rows.extend(value["values"])
            value = {**value, "values": []}
        elif key == "datasets" and isinstance(value, dict):
            for dataset in value.values():
                rows.extend(dataset)
            value = dict.fromkeys(value, [])
        out[key] = without_inline_rows(value, rows)
    return out


def test_a_banded_chart_of_one_week_is_labelled_bars_without_a_title_block(tables) -> None:
    week = tables.weeks[0]
    one_week = chart_data.tables_up_to(tables, week)
    for draw, data, kind in (
            (specs.tokens_by_country_chart, chart_data.country_bands_data(one_week),
             "tokens-by-country"),
            (specs.country_share_chart, chart_data.country_share_data(one_week),
             "country-share"),
            (specs.tokens_by_company_chart, chart_data.company_bands_data(one_week),
             "tokens-by-company")):
        for variant in variants.VARIANTS:
            spec = finished(draw(data, TEXT, variant), kind, variant)
            marks = [unit["mark"]["type"] for unit in spec["layer"]]
            assert marks == ["bar", "text"], kind
            text = json.dumps(spec)
            assert fmt.source_line(TEXT.as_of) not in text  # pages and embeds say it
            assert spec["layer"][0]["encoding"]["color"]["legend"] is None  # the axis names
            top = spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1]
            assert top > data[spec["layer"][0]["encoding"]["x"]["field"]].max()  # room


# ---------------------------------------------------------------- the charts of change

def test_a_week_without_a_change_breaks_the_growth_line(tables) -> None:
    """China's and the U.S.'s change on the week over the last weeks; a week a country has no
    change (absent, or absent the week before) is an empty change, never 0."""
    data = chart_data.country_growth_data(tables)
    assert set(data["country"]) == {"CN", "US"}  # France is left out: two lines stay readable
    assert list(data["week_start"].drop_duplicates()) == tables.weeks[1:]
    expected = tables.countries.set_index(["week_start", "country"])["wow_change"]
    for row in data.itertuples():
        key = (row.week_start, row.country)
        if key in expected.index:
            assert row.wow_change == expected[key]
        else:
            assert pd.isna(row.wow_change)
    many = chart_data.country_growth_data(tables, weeks=1)
    assert list(many["week_start"].drop_duplicates()) == [tables.latest_week]


def test_the_change_axis_writes_signed_percentages_around_a_zero_line(tables) -> None:
    data = chart_data.country_growth_data(tables)
    for variant in variants.VARIANTS:
        spec = finished(changes.country_growth_chart(data, TEXT, variant), "country-growth",
                        variant)
        line, points, ends = spec["layer"]
        assert (line["mark"]["type"], points["mark"]["type"]) == ("line", "circle")
        assert ends["name"].startswith(specs.LATEST) and ends["mark"]["type"] == "text"
        y = spec["encoding"]["y"] if "encoding" in spec else line["encoding"]["y"]
        axis = y["axis"]
        assert axis["gridColor"]["condition"] == {"test": "datum.value === 0",
                                                  "value": palette.LIGHT["domain"]}
        texts = json.loads(re.match(r"(\[.*?\])\[indexof", axis["labelExpr"]).group(1))
        assert texts == [fmt.change_tick(value) for value in axis["values"]]
        assert "0%" in texts and all(t[0] in "+−0" for t in texts)
        assert "-" not in "".join(texts)  # a true minus
        low, high = y["scale"]["domain"]
        changes_shown = data["wow_change"].dropna()
        assert low <= min(0, changes_shown.min()) and high >= changes_shown.max()


@pytest.mark.parametrize("weeks", [1, 2, 3])
def test_a_short_history_of_change_still_reads(tiny_site: Site, weeks: int) -> None:
    """One week has no change: a number that says so. Two weeks: one change per country, a
    bar each with its figure. More: lines."""
    import vl_convert

    data = (job := job_of(tiny_site, "country-growth", tiny_site.tables.weeks[weeks - 1])).data
    for variant in variants.VARIANTS:
        chart = changes.country_growth_chart(data, job.text, variant)
        spec = chart.to_dict()
        stat = isinstance(chart.usermeta, dict) and "stat" in chart.usermeta
        drawn = variants.size(FAMILIES["country-growth"].narrow_height, variant, stat)
        svg = vl_convert.vegalite_to_svg(variants.finish(chart, variant, drawn, True)[0])
        assert f'width="{drawn.width}" height="{drawn.height}"' in svg  # drawn, at its size
        if weeks == 1:
            assert chart.usermeta["stat"]["value"] == "One week"
            assert "a change on the week needs a week before it" in chart.usermeta["stat"][
                "words"]
            assert spec["description"].startswith("No change on the week to show yet")
        elif weeks == 2:
            marks = [unit["mark"]["type"] for unit in spec["layer"]]
            assert marks == ["bar", "rule", "text", "text"]
            shown = data_values(spec)
            assert {row["change_text"] for row in shown} == {
                fmt.change(c) for c in data["wow_change"].dropna()}
            low, high = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
            assert low < min(0, data["wow_change"].min()) or low == 0
            assert high > data["wow_change"].max()  # room for the figure
        else:
            assert [unit["mark"]["type"] for unit in spec["layer"]] == ["line", "circle", "text"]


def test_change_ticks_are_round_and_hold_zero() -> None:
    for low, high in ((-0.05, 0.57), (0.02, 0.3), (-0.4, -0.1), (0.0, 0.0), (-2.0, 9.0)):
        ticks = changes.change_ticks(low, high, 5)
        assert 0.0 in ticks and ticks[0] <= min(low, 0) and ticks[-1] >= max(high, 0)
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
        assert len(steps) == 1 and len(ticks) <= 12


def test_rank_movement_leaves_a_gap_where_a_model_was_not_ranked(tables) -> None:
    data = chart_data.rank_movement_data(tables)
    latest = tables.models[tables.models.week_start == tables.latest_week]
    assert set(data["model_permaslug"]) == set(latest["model_permaslug"])
    assert len(data) == len(latest) * len(tables.weeks)  # a row per model and week
    ranked = tables.models.set_index(["week_start", "model_permaslug"])["rank"]
    for row in data.itertuples():
        key = (row.week_start, row.model_permaslug)
        assert (row.rank == ranked[key]) if key in ranked.index else pd.isna(row.rank)
    assert not (data["rank"] == 0).any()
    # sonoma-alpha: not ranked in the first week
    assert pd.isna(data[(data.model_permaslug == "openrouter/sonoma-alpha")
                        & (data.week_start == tables.weeks[0])]["rank"].iloc[0])


def movement(ranks: dict[str, list[int | None]], names: dict[str, str] | None = None
             ) -> pd.DataFrame:
    """Rank-movement data: slug -> its ranks in consecutive weeks (None: not ranked)."""
    weeks = [(date(2026, 1, 5) + timedelta(days=7 * i)).isoformat()
             for i in range(len(next(iter(ranks.values()))))]
    rows = []
    for slug, places in ranks.items():
        for week, rank in zip(weeks, places):
            rows.append({"week_start": week, "last_rank": places[-1], "model_permaslug": slug,
                         "model_name": (names or {}).get(slug, slug.title()),
                         "company": "Co", "country": "CN" if len(slug) % 2 else "US",
                         "country_name": "China" if len(slug) % 2 else "United States",
                         "rank": rank, "tokens": None if rank is None else 10**12 // rank})
    return pd.DataFrame(rows).astype({"rank": "Int64", "tokens": "Int64"})


def test_the_bump_chart_puts_rank_1_on_top_and_names_each_line_at_its_end() -> None:
    long_name = "A Very Long Model Name That Cannot Fit (free)"
    data = movement({"a": [3, 2, 1], "bb": [1, None, 2], "c": [40, 9, 3]}, {"a": long_name})
    for variant in variants.VARIANTS:
        spec = finished(changes.rank_movement_chart(data, TEXT, variant), "rank-movement",
                        variant)
        lines, points, *ends = spec["layer"]
        y = spec["encoding"]["y"] if "encoding" in spec else lines["encoding"]["y"]
        assert y["scale"]["reverse"] is True and y["scale"]["domain"][0] == 1
        assert all(float(v).is_integer() for v in y["axis"]["values"])
        texts = json.loads(re.match(r"(\[.*?\])\[indexof", y["axis"]["labelExpr"]).group(1))
        assert texts[0] == "#1" and texts[-1] == f"{changes.RANK_FLOOR + 1}+"
        assert lines["encoding"]["detail"]["field"] == "model_permaslug"
        # no model picked out: every line in its country's colour, with a legend
        assert lines["encoding"]["color"]["field"] == "country_name"
        assert lines["encoding"]["color"]["legend"]["orient"] == "top"
        values = data_values(spec)
        field = labels.label_field(variant)
        labelled_rows = [row for row in values if row[field]]
        assert {row["week_start"] for row in labelled_rows} == {"2026-01-19"}  # the last week
        assert sorted(row[field] for row in labelled_rows) == sorted(
            labels.bar_labels([long_name, "Bb", "C"], variant))
        assert all(end["mark"]["type"] == "text" for end in ends)
        named = [row for end in ends for row in drawn_rows(end, values)]
        assert sorted(map(json.dumps, named)) == sorted(map(json.dumps, labelled_rows))
        # rank 40 is drawn on the bottom row, its tooltip gives the real rank
        c40 = next(row for row in values if row["model_permaslug"] == "c"
                   and row["rank"] == 40)
        assert c40["place"] == changes.RANK_FLOOR + 1 and c40["rank_text"] == "#40"
        gap = next(row for row in values if row["model_permaslug"] == "bb" and row["rank"] is None)
        assert gap["place"] is None  # a gap, not a rank 0
    narrow = labels.bar_labels([long_name], NARROW)[0]
    assert narrow.endswith("… (free)") and len(narrow) < len(long_name)


def test_the_bump_chart_draws_a_break_where_a_model_was_not_ranked() -> None:
    """Drawn, the line of a model missing a week is two pieces, not one through a rank 0."""
    import vl_convert

    data = movement({"aa": [1, 1, 1, 1], "b": [2, None, 3, 2]})
    spec = finished(changes.rank_movement_chart(data, TEXT, WIDE), "rank-movement", WIDE)
    svg = vl_convert.vegalite_to_svg(spec)
    lines = re.findall(r'<path [^>]*d="(M[^"]*L[^"]*)"', svg)  # the lines (not rects, dots)
    assert sorted(path.count("M") for path in lines) == [1, 2]  # whole; broken once
    assert all(",0L" not in path and not path.endswith(",0") for path in lines)

