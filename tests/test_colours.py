"""One colour system, measured: every chart of a build tells its series apart for every reader.

Within one chart, any two series colours differ by at least ΔE2000 10, and by 8 once both are
simulated for deuteranopia and protanopia (Machado 2009, full severity, as ColorAide does it);
no company ever wears a country's colour; "no known country" and "outside the top 50" differ by
more than a shade. The built specs are read as the site publishes them (site_src/charts and
site_src/embed), so every chart family, both drawings and every frozen week are covered.
"""

from __future__ import annotations

import csv
import itertools
import json
import random
from functools import cache
from pathlib import Path

import pytest
from coloraide import Color

from generator.charts import palette, theme
from generator.paths import Project

REPO_ROOT = Path(__file__).resolve().parent.parent
NORMAL, DEFICIENT = 10.0, 8.0  # ΔE2000: as seen, and under simulated deuteranopia/protanopia
DEFICIENCIES = ("deutan", "protan")
FURNITURE = {colour.lower() for colour in palette.LIGHT.values()}  # axes, text, separators
COUNTRY_SET = {*palette.COUNTRY_COLOURS.values(), *palette.SPARE_COUNTRY_COLOURS}


@cache
def seen(colour: str, deficiency: str = "") -> Color:
    colour = Color(colour)
    return colour.filter(deficiency, method="machado") if deficiency else colour


def distances(first: str, second: str) -> tuple[float, ...]:
    """ΔE2000 between two colours as seen, then as a deuteranope and a protanope sees them."""
    return (seen(first).delta_e(seen(second), method="2000"),
            *(seen(first, d).delta_e(seen(second, d), method="2000") for d in DEFICIENCIES))


def too_close(colours: list[str]) -> list[tuple[str, str, tuple[float, ...]]]:
    """The pairs of ``colours`` that a reader could take for one another."""
    close = []
    for first, second in itertools.combinations(sorted(set(colours)), 2):
        normal, *deficient = distances(first, second)
        if normal < NORMAL or min(deficient) < DEFICIENT:
            close.append((first, second, tuple(round(d, 1) for d in (normal, *deficient))))
    return close


def series_colours(spec: object) -> tuple[list[str], list[list[str]]]:
    """A spec's data colours: every colour scale's range (one list per scale, in legend order)
    and every literal colour of a mark or a condition that is not the chart's furniture."""
    scales: list[list[str]] = []
    literals: list[str] = []

    def literal(value: object) -> None:
        if isinstance(value, str) and value.startswith("#") and value.lower() not in FURNITURE:
            literals.append(value.lower())

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            if key == "config":  # the theme's defaults: no series
                continue
            if key in ("color", "fill", "stroke"):
                literal(value)
                if isinstance(value, dict):
                    literal(value.get("value"))
                    range_ = (value.get("scale") or {}).get("range")
                    if isinstance(range_, list):
                        scales.append([str(c).lower() for c in range_])
                    conditions = value.get("condition", [])
                    for condition in conditions if isinstance(conditions, list) else [conditions]:
                        literal(condition.get("value"))
            walk(value)

    walk(spec)
    return literals, scales


def built_specs(project: Project) -> dict[str, dict]:
    folders = (project.site_src / "charts", project.site_src / "embed")
    return {str(path.relative_to(project.site_src)): json.loads(path.read_text())
            for folder in folders for path in sorted(folder.rglob("*.vl.json"))}


def is_company_chart(name: str) -> bool:
    return "tokens-by-company" in name or name.startswith(("charts/companies/",
                                                           "embed/companies/"))


# ---------------------------------------------------------------- every chart of a build

@pytest.fixture(scope="module")
def specs(built_site: Project) -> dict[str, dict]:
    found = built_specs(built_site)
    assert len(found) > 100 and any(is_company_chart(name) for name in found)
    return found


def test_no_two_series_of_one_chart_look_alike_to_any_reader(specs: dict[str, dict]) -> None:
    failures = {}
    for name, spec in specs.items():
        literals, scales = series_colours(spec)
        repeated = [scale for scale in scales if len(set(scale)) < len(scale)]
        close = too_close([*literals, *(c for scale in scales for c in scale)])
        if repeated or close:
            failures[name] = (repeated, close[:3])
    assert not failures, f"{len(failures)} charts, e.g. {list(failures.items())[:5]}"


def test_every_chart_with_several_series_is_measured(specs: dict[str, dict]) -> None:
    """The reader of the specs finds the legends: a company chart shows ten companies and the
    rest, the home chart its countries and both greys."""
    company = series_colours(specs["embed/tokens-by-company/chart.vl.json"])[1]
    assert max(len(scale) for scale in company) >= 10
    home = {c for scale in series_colours(specs["embed/tokens-by-country/chart.vl.json"])[1]
            for c in scale}
    assert {palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR} <= home


def test_no_company_chart_wears_a_country_colour(specs: dict[str, dict]) -> None:
    worn = {}
    for name, spec in specs.items():
        if is_company_chart(name):
            literals, scales = series_colours(spec)
            colours = {*literals, *(c for scale in scales for c in scale)}
            if colours & COUNTRY_SET:
                worn[name] = sorted(colours & COUNTRY_SET)
    assert not worn, list(worn.items())[:5]


def test_outside_the_top_50_is_drawn_see_through_with_an_outline(specs: dict[str, dict]
                                                                   ) -> None:
    """More than a shade: "all other companies" (the companies' tokens outside the top 50 and
    those of smaller companies) is see-through inside an outline of its grey; "no known country"
    is solid. (The home chart's four bands, with the tokens outside the top 50 counted as of no
    known country, are kept apart by the ΔE2000 measure above.)"""
    for name in ("embed/tokens-by-company/chart.vl.json",):
        text = json.dumps(specs[name])
        assert f'"value": {theme.SEE_THROUGH_OPACITY}' in text, name
        assert f'"value": "{palette.OUTSIDE_COLOUR}"' in text, name


# ---------------------------------------------------------------- the palette itself

def test_the_fixed_countries_spares_and_greys_can_all_share_one_chart() -> None:
    colours = [*palette.COUNTRY_COLOURS.values(), *palette.SPARE_COUNTRY_COLOURS,
               palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR]
    assert len(set(colours)) == len(colours)
    assert too_close(colours) == []


def test_the_company_colours_and_the_greys_can_all_share_one_chart() -> None:
    colours = [*palette.COMPANY_COLOURS, palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR]
    assert len(set(colours)) == len(colours)
    assert too_close(colours) == []
    assert set(palette.COMPANY_OWN.values()) <= set(palette.COMPANY_COLOURS)
    assert len(set(palette.COMPANY_OWN.values())) == len(palette.COMPANY_OWN)


def test_no_company_colour_is_or_resembles_a_country_colour() -> None:
    for company, country in itertools.product(palette.COMPANY_COLOURS, COUNTRY_SET):
        assert distances(company, country)[0] >= 7, (company, country)


def test_the_two_greys_stay_grey_and_far_apart_in_lightness() -> None:
    greys = [palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR]
    assert all(seen(grey).convert("lch-d65")["chroma"] < 1 for grey in greys)
    assert distances(*greys)[0] >= 15
    assert palette.contrast(*greys) >= 1.6  # as far apart as the 3:1 band allows


def registry_companies() -> list[tuple[str, str]]:
    with (REPO_ROOT / "data/registry/authors.csv").open(newline="", encoding="utf-8") as handle:
        return sorted({(row["company"], row["country"]) for row in csv.DictReader(handle)})


@pytest.mark.parametrize("country", ["CN", "US"])
def test_many_companies_of_one_country_stay_apart(country: str) -> None:
    """China and the U.S. have more companies than there are colours: any ten of them (the
    company chart's count), with the rest in grey, stay apart for every reader."""
    names = [name for name, code in registry_companies() if code == country]
    names += [f"{country} lab {i}" for i in range(6)]  # companies the registry has yet to meet
    assert len(names) > len(palette.COMPANY_COLOURS)
    pick = random.Random(25)
    for _ in range(60):
        shown = pick.sample(names, 10)
        colours = palette.company_colours(shown)
        assert sorted(colours) == sorted(shown)
        assert len(set(colours.values())) == len(shown)
        assert too_close([*colours.values(), palette.OUTSIDE_COLOUR]) == []
        assert not set(colours.values()) & COUNTRY_SET


def test_a_company_keeps_its_colour_from_chart_to_chart() -> None:
    everyone = [name for name, _ in registry_companies()]
    pick = random.Random(7)
    for _ in range(60):
        shown = pick.sample(everyone, 10)
        colours = palette.company_colours(shown)
        for name in shown:
            own = palette.company_colour(name)
            if name in palette.COMPANY_OWN:  # the companies most often shown never move
                assert colours[name] == own
            elif own not in {palette.company_colour(other) for other in shown if other != name}:
                assert colours[name] == own  # nobody else in the chart wears it: its own
    # by name, never by rank: the order a chart lists them in changes nothing
    shown = pick.sample(everyone, 10)
    assert palette.company_colours(shown) == palette.company_colours(shown[::-1])


def test_two_unlisted_countries_in_one_chart_wear_different_spares() -> None:
    codes = [f"{a}{b}" for a in "ABMNPQ" for b in "ABCRSTZ"]
    codes = [code for code in codes if code not in palette.COUNTRY_COLOURS]
    first = codes[0]
    twin = next(c for c in codes[1:] if palette.country_colour(c) == palette.country_colour(first))
    colours = palette.country_colours(["CN", "US", first, twin, ""])
    assert colours[first] != colours[twin]
    assert {colours[first], colours[twin]} == set(palette.SPARE_COUNTRY_COLOURS)
    assert colours["CN"] == palette.COUNTRY_COLOURS["CN"]
    assert colours[""] == palette.NO_COUNTRY_COLOUR


def test_every_data_colour_sits_in_the_luminance_band() -> None:
    colours = [*palette.COUNTRY_COLOURS.values(), *palette.SPARE_COUNTRY_COLOURS,
               *palette.COMPANY_COLOURS, palette.NO_COUNTRY_COLOUR, palette.OUTSIDE_COLOUR,
               palette.FREE_COLOUR]
    low, high = palette.LUMINANCE
    assert all(low <= palette.luminance(colour) <= high for colour in colours)


def test_the_spec_reader_finds_scales_literals_and_conditions() -> None:
    spec = {"config": {"range": {"category": ["#123456"]}}, "layer": [
        {"mark": {"type": "line", "color": "#00897b"}},
        {"mark": {"type": "area", "stroke": "#ffffff"}, "encoding": {
            "color": {"field": "band", "scale": {"range": ["#D62839", "#2f74c0"]}},
            "stroke": {"condition": {"test": "x", "value": "#949494"}, "value": "#ffffff"}}}]}
    assert series_colours(spec) == (["#00897b", "#949494"], [["#d62839", "#2f74c0"]])
    assert too_close(["#6b6b6b", "#949494", "#d62839"]) == []
    assert too_close(["#2f74c0", "#8e5cc4"])  # the old U.S. blue and French violet


@pytest.mark.parametrize("background", ["#ffffff", palette.DARK["background"], "#15171a"])
def test_the_see_through_band_stands_apart_from_no_known_country_on_every_page(
        background: str) -> None:
    """As drawn, over the white page or a dark one: pale on white, deep on dark, never the
    solid mid grey of "no known country"; and still a visible tint of its own background."""
    drawn = seen(background).mix(palette.OUTSIDE_COLOUR, theme.SEE_THROUGH_OPACITY, space="srgb")
    assert drawn.delta_e(palette.NO_COUNTRY_COLOUR, method="2000") >= 12
    assert drawn.delta_e(background, method="2000") >= 5
    assert palette.contrast(palette.OUTSIDE_COLOUR, background) >= 3  # its outline
