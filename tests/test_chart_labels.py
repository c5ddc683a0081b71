"""Numbers a reader can read off the static charts (issue 25): each line's and area's latest
value written at its end, as the site writes numbers; every bar's figure on the top-models
chart; the home chart reduced to China, the U.S., the other countries and no known country
(no more than four legend entries on a phone, none when labels name the bands); event labels
wrapped, never cut; no drawn text ending in an ellipsis except model names shortened on purpose
in a narrow drawing; a model's chart over its own weeks; a model page's lede sentence."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import vl_convert as vlc
from test_charts import drawn_rows

from conftest import sample_data
from generator import fmt
from generator.build import make_site
from generator.charts import theme
from generator.charts.catalogue import Chart, SpecMemo, annotation_events, site_chart_jobs
from generator.charts.draw import use_builtin_fonts
from generator.charts.families import SITE_WIDE
from generator.charts.render import VL_VERSION
from generator.charts.specs import LATEST
from generator.charts.theme import NO_COUNTRY, OTHER_COUNTRIES, SHORT_NAMES
from generator.findings import facts, say
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare
from generator.site import Site

DRAWINGS = ("wide", "narrow", "desktop")


def drawings(chart: Chart) -> tuple[str, ...]:
    """The drawings a chart has: the desktop one only for the home page's chart."""
    return DRAWINGS if chart.desktop else DRAWINGS[:2]
# each line and area chart: the column naming its series (none: one line), the value at the
# end of each series and how the site writes it
ENDS = {
    "tokens-by-country": ("band", "tokens", fmt.tokens_short),
    "tokens-by-company": ("band", "tokens", fmt.tokens_short),
    "country-share": ("country_name", "share_of_attributed", fmt.percent),
    "country-growth": ("country_name", "wow_change", fmt.change),
    "free-share": ("", "free_share", fmt.percent),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, Chart]]:
    """The bundled sample, its site-wide charts of the latest week and its models' charts,
    worked out as the build works them out."""
    theme.register_theme()
    project = Project.at(REPO_ROOT, sample_data(tmp_path_factory.mktemp("labels")))
    prepared = prepare(project)
    site = make_site(project, prepared, require_real_data=False)
    memo = SpecMemo(tmp_path_factory.mktemp("specs"))
    charts = {}
    for job in site_chart_jobs(site, annotation_events(prepared.annotations, prepared.registry)):
        if job.chart_id in SITE_WIDE or job.chart_id.startswith("models/"):
            charts[job.chart_id] = memo.chart(job)
    return site, charts


def spec_of(chart: Chart, drawing: str) -> dict:
    return json.loads(getattr(chart, drawing).spec_json)


def units(spec: dict) -> list[dict]:
    """Every unit of a spec, in layers of layers too."""
    found = [spec] if "mark" in spec else []
    for layer in spec.get("layer", []):
        found += units(layer)
    return found


def rows_of(spec: dict, unit: dict) -> list[dict]:
    data = unit.get("data") or spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def latest_labels(spec: dict) -> list[str]:
    # (Altair numbers the names of a chart's layers: "latest-values_0")
    (unit,) = [unit for unit in units(spec) if unit.get("name", "").startswith(LATEST)]
    return [row["label"] for row in rows_of(spec, unit)]


def expected_labels(chart: Chart, drawing: str) -> list[str]:
    name, value, write = ENDS[chart.kind]
    data = chart.data
    last = data[data["week_start"].astype(str) == str(data["week_start"].astype(str).max())]
    last = last[last[value].notna() & (last[value] != 0)]
    names = [SHORT_NAMES.get(n, n) for n in last[name]] if name else [""] * len(last)
    return sorted(f"{n} {write(v)}" if n and drawing != "narrow" else write(v)
                  for n, v in zip(names, last[value]))


@pytest.mark.parametrize("kind", ENDS)
def test_line_and_area_charts_write_each_series_latest_value_at_its_end(sample,
                                                                        kind: str) -> None:
    """The latest week's value of each series, written as the site writes it ("18.9T",
    "65.9%", "+4.1%"), beside its name in the wide drawings; where a chart has more series
    than its plot has room for labels (the company chart), the largest are labelled."""
    _, charts = sample
    for drawing in drawings(charts[kind]):
        found, wanted = (sorted(latest_labels(spec_of(charts[kind], drawing))),
                         expected_labels(charts[kind], drawing))
        if kind == "tokens-by-company":
            assert set(found) <= set(wanted) and len(found) >= 5, (drawing, found)
        else:
            assert found == wanted, (kind, drawing)


def test_the_top_models_chart_writes_every_bars_figure(sample) -> None:
    _, charts = sample
    chart = charts["top-models"]
    assert chart.desktop is None  # drawn for the home page's full column only
    for drawing, count in (("wide", 15), ("narrow", 10)):
        spec = spec_of(chart, drawing)
        written = [row for unit in units(spec)
                   if unit["encoding"].get("text", {}).get("field") == "figure_text"
                   for row in drawn_rows(unit, rows_of(spec, unit))]
        assert sorted(row["rank"] for row in written) == list(range(1, count + 1)), drawing
        assert all(row["figure_text"] == fmt.tokens_short(row["tokens"]) for row in written)


def colour_encodings(spec: dict) -> list[dict]:
    return [unit["encoding"]["color"] for unit in units(spec)
            if isinstance(unit.get("encoding", {}).get("color"), dict)
            and unit["encoding"]["color"].get("field") == "band"]


def test_the_home_chart_shows_china_the_us_and_the_rest_grouped(sample) -> None:
    """Four bands that add up to each week's total; four legend entries at most on a phone,
    and no legend on the wide drawings, whose labels name every band."""
    site, charts = sample
    chart = charts["tokens-by-country"]
    bands = chart.data
    assert set(bands["band"]) == {"China", "United States", OTHER_COUNTRIES, NO_COUNTRY}
    per_week = bands.groupby("week_start")["tokens"].sum()
    totals = site.tables.totals.set_index("week_start")["total_tokens"]
    assert (per_week == totals.loc[per_week.index]).all() and len(per_week) == len(totals)
    (narrow,) = colour_encodings(spec_of(chart, "narrow"))
    assert narrow.get("legend") is not None and len(narrow["scale"]["domain"]) <= 4
    for drawing in ("wide", "desktop"):
        (wide,) = colour_encodings(spec_of(chart, drawing))
        assert wide["legend"] is None, drawing
        assert len(latest_labels(spec_of(chart, drawing))) == 4


def drawn_texts(svg: str) -> list[str]:
    """The text of every line written in an SVG (a <text>, or each of its <tspan> lines)."""
    lines = []
    for element in ET.fromstring(svg).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("text", "tspan") and element.text and element.text.strip():
            lines.append(element.text.strip())
    return lines


@pytest.fixture(scope="module")
def rendered(sample) -> dict[tuple[str, str], list[str]]:
    """(chart, drawing) -> the lines of text its SVG writes: the site-wide charts and a few
    models' (those with dated events among them)."""
    _, charts = sample
    use_builtin_fonts()
    models = sorted(cid for cid in charts if cid.startswith("models/"))
    chosen = [*SITE_WIDE, *models[:3], *[cid for cid in models if "deepseek-r1" in cid][:2]]
    return {(cid, drawing): drawn_texts(vlc.vegalite_to_svg(
        getattr(charts[cid], drawing).spec_json, vl_version=VL_VERSION))
        for cid in chosen for drawing in drawings(charts[cid])}


def test_no_drawn_text_ends_in_an_ellipsis_but_a_narrow_model_name(sample, rendered) -> None:
    _, charts = sample
    for (chart_id, drawing), lines in rendered.items():
        for line in lines:
            if not line.endswith("…"):
                continue
            names = list(charts[chart_id].data.get("model_name", []))
            assert drawing == "narrow" and any(
                name.startswith(line.rstrip("…").rstrip()) for name in names), (chart_id, line)


def test_event_labels_are_wrapped_whole_on_a_phone(rendered) -> None:
    """'DeepSeek R1 released' is longer than the narrow drawing's label room: written on two
    lines, every word of it, not cut to 'DeepSeek R1 rel…'."""
    lines = rendered[("tokens-by-country", "narrow")]
    assert "DeepSeek R1" in lines and "released" in lines
    assert "DeepSeek R1 released" in rendered[("tokens-by-country", "wide")]


def x_start(spec: dict) -> str:
    """The first day of a drawing's time axis."""
    for unit in units(spec):
        x = unit.get("encoding", {}).get("x", {})
        if isinstance(x.get("scale", {}).get("domain"), list):
            first = x["scale"]["domain"][0]
            return f"{first['year']:04d}-{first['month']:02d}-{first['date']:02d}"
    raise AssertionError("no time axis with a domain")


def test_a_models_chart_spans_its_own_weeks(sample) -> None:
    """A model first ranked long after the data begins: its axis starts at its first week (not
    at the first published week, with its bars squeezed into a corner)."""
    site, charts = sample
    models = site.tables.models
    firsts = models.groupby("model_permaslug")["week_start"].agg(["min", "size"])
    late = firsts[(firsts["min"] > site.tables.weeks[0]) & (firsts["size"] > 8)]
    assert len(late), "the sample has models that arrive late"
    for slug, row in late.head(5).iterrows():
        chart = charts[f"models/{site.model_files[slug]}"]
        for drawing in drawings(chart):
            assert x_start(spec_of(chart, drawing)) == row["min"], (slug, drawing)


def test_a_model_pages_lede_names_the_model_its_company_country_tokens_and_rank(sample) -> None:
    site, _ = sample
    models = site.tables.models
    latest = models[models["week_start"] == site.latest_week].sort_values("rank")
    row = latest.iloc[6]
    rows = models[models["model_permaslug"] == row["model_permaslug"]]
    lede = say(facts.entity_week("model", row["model_permaslug"], row["model_name"], rows,
                                 site.latest_week))
    assert lede == (f"{row['model_name']} by {row['company']} ({fmt.country_name(row['country'])})"
                    f" processed {fmt.tokens_words(int(row['tokens']))} tokens on OpenRouter in "
                    f"the week of {fmt.week_range(site.latest_week)}, rank 7 of the top 50, "
                    f"{fmt.up_down(row['wow_change'])}.")

