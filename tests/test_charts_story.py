"""What a chart says and picks out: its alt text states its finding (generator.findings, as the
catalogue asks for it), the model its headline names is drawn in colour over the others, and
the country charts mark the week China's tokens first passed the U.S.'s. The helpers and the
tiny fixtures are test_charts'."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_charts import (
    GPT5,
    KINDS,
    TEXT,
    all_specs,
    data_values,
    drawn_rows,
    finished,
    job_of,
    movement,
    text_for,
    tiny_tables,  # noqa: F401 (the fixture "tables")
    units,
)

from conftest import sample_data
from generator import fmt
from generator.build import make_site
from generator.charts import changes, palette, specs, theme, variants
from generator.charts import data as chart_data
from generator.charts.families import FAMILIES
from generator.charts.theme import ChartText
from generator.charts.variants import NARROW, WIDE
from generator.findings import charts as chart_findings
from generator.findings import facts, say, story
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare
from generator.site import Site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The bundled sample (data/sample/): China first passes the U.S. in the week of 2 March
    2026."""
    theme.register_theme()
    project = Project.at(REPO_ROOT, sample_data(tmp_path_factory.mktemp("sample")))
    site = make_site(project, prepare(project), require_real_data=False)
    assert site.is_sample
    return site


def test_the_top_models_chart_picks_out_the_model_its_headline_names(tables) -> None:
    """``text.focus``: that bar at full opacity with its figure written in bold at its end; the
    other bars lighter, their figures in normal weight."""
    data = chart_data.top_models_data(tables)
    focus = data.sort_values("rank")["model_permaslug"].iloc[1]  # any bar, not only the first
    for variant in variants.VARIANTS:
        spec = finished(specs.top_models_chart(data, text_for(focus=focus), variant),
                        "top-models", variant)
        bars, others, figure = spec["layer"]
        rows = data_values(spec)
        assert bars["encoding"]["opacity"] == {"condition": {"test": "datum.picked",
                                                             "value": 1.0}, "value": 0.55}
        assert [row["model_permaslug"] for row in rows if row["picked"]] == [focus]
        assert [row["model_permaslug"] for row in drawn_rows(bars, rows)] == list(
            data["model_permaslug"])  # every bar
        (written,) = drawn_rows(figure, rows)
        assert figure["mark"]["type"] == "text" and figure["mark"]["fontWeight"] == "bold"
        assert others["mark"]["fontWeight"] == "normal" and focus not in [
            row["model_permaslug"] for row in drawn_rows(others, rows)]
        assert written["model_permaslug"] == focus
        assert written[figure["encoding"]["text"]["field"]] == fmt.tokens_short(
            written["tokens"])  # "3.41T": it fits beside the bar on a phone
        assert figure["encoding"]["x"]["field"] == "tokens"  # at the end of its bar


def test_alt_text_states_the_finding_with_figures(tables) -> None:
    """Each chart's finding (generator.findings, as the catalogue asks for it) in words; the
    chart's alt text is exactly the text it is given."""
    week = tables.latest_week
    described = {name: say(FAMILIES[kind].finding(tables, FAMILIES[kind].data(tables), week))
                 for name, kind in KINDS.items()}
    gpt5 = chart_data.model_history_data(tables.models[tables.models.model_permaslug == GPT5])
    described["history"] = say(facts.history("model", GPT5, "GPT-5", gpt5))
    week = fmt.week_range(week)
    countries = tables.countries[tables.countries.week_start == tables.latest_week] \
        .sort_values("tokens", ascending=False)
    lead = countries.iloc[0]
    assert described["country"].startswith(
        f"{fmt.sentence_case(fmt.country_models(lead['country']))} processed "
        f"{fmt.tokens_words(lead['tokens'])} tokens in the week of {week}")
    assert "ahead of" in described["country"]
    assert described["share"].startswith(fmt.sentence_case(fmt.country_models(lead["country"])))
    assert fmt.percent(lead["share_of_attributed"]) in described["share"]
    assert "the most of any company" in described["company"]
    assert "was the most used model in the week of" in described["top"]
    assert described["growth"].startswith(f"In the week of {week}, tokens of ")
    china = countries[countries["country"] == "CN"].iloc[0]
    assert f"Chinese models were {fmt.up_down(china['wow_change'])}" in described["growth"]
    top = tables.models[tables.models.week_start == tables.latest_week].iloc[0]
    assert described["movement"].startswith(f"{top['model_name']} ranked #1 in the week of "
                                            f"{week}")
    assert described["history"].startswith("GPT-5 processed ")
    assert "its latest week" in described["history"] and "peak" in described["history"]
    for text in described.values():
        assert not text.startswith(("Stacked", "Bar", "Line"))  # the finding first
    assert all(spec["description"] == TEXT.description for spec in all_specs(tables).values())


def test_the_growth_chart_follows_the_countries_of_the_weeks_story(tables, monkeypatch) -> None:
    assert chart_data.STORY_PAIR is story.STORY_PAIR  # one constant, findings.story's
    assert set(chart_data.country_growth_data(tables)["country"]) == set(story.STORY_PAIR)
    monkeypatch.setattr(chart_data, "STORY_PAIR", ("CN", "FR"))
    assert set(chart_data.country_growth_data(tables)["country"]) == {"CN", "FR"}


def movement_text(data: pd.DataFrame, **fields: object) -> ChartText:
    """The words the catalogue gives a rank-movement chart: its finding (which reads only the
    chart's data, so no tables here) as the alt text and as the number of a single week."""
    own = chart_findings.rank_lead(None, data, str(data["week_start"].max()))
    return text_for(description=say(own), stat=(say(own, "stat-value"), say(own, "stat")),
                    **fields)


def test_rank_movement_of_one_week_is_a_number_and_of_two_a_chart() -> None:
    one = movement({"a": [1], "b": [2]})
    chart = changes.rank_movement_chart(one, movement_text(one), NARROW)
    assert chart.usermeta["stat"]["value"] == "One week"
    assert chart.to_dict()["description"].startswith("A ranked #1 in the week of")
    two = movement({"a": [2, 1], "b": [1, 2]})
    spec = changes.rank_movement_chart(two, movement_text(two), NARROW).to_dict()
    assert [unit["mark"]["type"] for unit in spec["layer"]] == ["line", "circle", "text", "text"]
    assert spec["description"].startswith("A ranked #1 in the week of 12–18 January 2026, up "
                                          "from #2 the week before.")


def test_the_furthest_climb_is_named_in_the_alt_text() -> None:
    data = movement({"a": [1, 1, 1], "bb": [30, 12, 2], "c": [2, 2, 3]},
                    {"bb": "Climber"})
    text = movement_text(data).description
    assert ("Climber climbed furthest, from #30 in the week of 5–11 January 2026 to #2"
            in text)
    assert chart_findings.biggest_climb(data) == ("bb", "Climber", 30, "2026-01-05", 2)
    assert chart_findings.biggest_climb(movement({"a": [1, 1], "b": [2, 2]})) is None


# ---------------------------------------------------------------- what a chart picks out

def check_focus(spec: dict, focus: str, country: str) -> None:
    """A rank-movement spec picks out ``focus``: its line and points in its country's colour,
    drawn over the others' (grey), no legend; its end label alone in bold."""
    rows = data_values(spec)
    every = {row["model_permaslug"] for row in rows}
    layers = [(i, unit["mark"], {row["model_permaslug"] for row in drawn_rows(unit, rows)})
              for i, unit in enumerate(spec["layer"])]
    marked = [(i, mark, slugs) for i, mark, slugs in layers if mark["type"] != "text"]
    assert {mark["type"] for _, mark, _ in marked} == {"line", "circle"}
    picked = [i for i, mark, slugs in marked if slugs == {focus}]
    others = [i for i, mark, slugs in marked if focus not in slugs]
    assert len(picked) == 2 and len(picked) + len(others) == len(marked)  # a line and points
    assert all(mark["color"] == (palette.country_colour(country) if i in picked
                                 else palette.CONTEXT_COLOUR) for i, mark, _ in marked)
    assert min(picked) > max(others)  # drawn over the others
    assert set().union(*(slugs for i, _, slugs in marked if i in others)) == every - {focus}
    assert not any("color" in unit.get("encoding", {}) for unit in spec["layer"])  # no legend
    ends = [(mark, slugs) for _, mark, slugs in layers if mark["type"] == "text"]
    assert {(mark["fontWeight"] == "bold", focus in slugs) for mark, slugs in ends if slugs} \
        == {(True, True), (False, False)}
    assert [slugs for mark, slugs in ends if mark["fontWeight"] == "bold"] == [{focus}]


def test_the_rank_movement_chart_picks_out_the_model_its_text_names() -> None:
    data = movement({"a": [3, 2, 1], "bb": [9, 4, 2], "c": [1, None, 3], "dd": [2, 1, 4]})
    for variant in variants.VARIANTS:
        spec = finished(changes.rank_movement_chart(data, movement_text(data, focus="bb"),
                                                    variant), "rank-movement", variant)
        check_focus(spec, "bb", "US")
        chinese = changes.rank_movement_chart(data, text_for(focus="c"), variant).to_dict()
        check_focus(chinese, "c", "CN")


def test_the_rank_movement_chart_picks_out_the_model_its_headline_names(sample_site) -> None:
    job = job_of(sample_site, "rank-movement")
    focus = job.text.focus
    row = job.data[job.data["model_permaslug"] == focus].iloc[0]
    assert focus and job.headline.startswith(row["model_name"])
    for variant in variants.VARIANTS:
        check_focus(job.family.draw(job.data, job.text, variant).to_dict(), focus,
                    row["country"])


def mark_type(unit: dict) -> str:
    """A unit's mark ("" for a layer: the annotated chart's series and their labels)."""
    mark = unit.get("mark", "")
    return mark.get("type", "") if isinstance(mark, dict) else mark


def test_the_country_charts_mark_the_first_crossing_of_china_and_the_us(sample_site) -> None:
    """A solid rule and a bold label at the week China's tokens first passed the U.S.'s, from
    that week on, never before it (no look-ahead)."""
    crossing = next(f for f in sample_site.findings["2026-03-02"].story
                    if f.kind == "crossover" and (f.subject, f.other) == ("CN", "US"))
    sentence = say(crossing)
    assert sentence.startswith("In the week of 2–8 March 2026, Chinese models overtook U.S. "
                               "models for the first time since tracking began")
    weeks = sample_site.tables.weeks
    before = weeks[weeks.index("2026-03-02") - 1]
    for kind in ("tokens-by-country", "country-share"):
        job = job_of(sample_site, kind)
        assert job.text.marks == (("2026-03-02", "China passes U.S.", sentence),)
        for variant in variants.VARIANTS:
            spec = specs.annotate(job.family.draw(job.data, job.text, variant), job.text,
                                  variant).to_dict()
            (rule,) = [unit for unit in spec["layer"] if mark_type(unit) == "rule"]
            assert [row["week_start"] for row in data_values(spec, rule)] == ["2026-03-02"]
            assert rule["mark"]["strokeDash"] == [1, 0]  # solid, not an event's dashes
            (label,) = [unit for unit in spec["layer"][1:] if mark_type(unit) == "text"]
            assert label["mark"]["fontWeight"] == "bold"
            assert [row["label"] for row in data_values(spec, label)] == ["China passes U.S."]
        early = job_of(sample_site, kind, before)
        assert early.text.marks == ()
        drawn = specs.annotate(early.family.draw(early.data, early.text, WIDE), early.text,
                               WIDE).to_dict()
        assert "China passes" not in json.dumps(drawn)
        assert not [unit for unit in units(drawn) if mark_type(unit) == "rule"]
