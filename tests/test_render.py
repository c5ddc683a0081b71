"""Render stage details that keep the build and the pages light."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from generator.charts import draw
from generator.charts.draw import render_image, round_coordinates
from generator.charts.render import RENDER_MODULES, VL_VERSION, Renderer, cache_key
from generator.paths import REPO_ROOT


def test_coordinates_are_rounded_to_a_tenth_of_a_pixel_and_nothing_else_changes() -> None:
    svg = ('<svg width="10.125"><path d="M0,281.574C2.138,-279.072,4.2,6Z" opacity="0.75"/>'
           '<text transform="translate(59.483805668016196,18)" font-size="14.25">Jan</text>'
           '<g transform="translate(160.00,157) scale(1.22222)"/></svg>')
    assert round_coordinates(svg) == (
        '<svg width="10.125"><path d="M0,281.6C2.1,-279.1,4.2,6Z" opacity="0.75"/>'
        '<text transform="translate(59.5,18)" font-size="14.25">Jan</text>'
        '<g transform="translate(160.0,157) scale(1.22222)"/></svg>')


def test_rendered_svgs_carry_no_long_decimals_in_paths() -> None:
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"x": i, "y": (i * 7919) % 97 / 3} for i in range(30)]},
            "mark": "area", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                         "y": {"field": "y", "type": "quantitative"}}}
    svg = render_image(json.dumps(spec), "svg", VL_VERSION).decode()
    paths = re.findall(r'\sd="([^"]*)"', svg)
    assert any(len(p) > 100 for p in paths)  # the area was drawn
    assert not any(re.search(r"\d\.\d\d", p) for p in paths)


def test_a_tidied_drawing_is_the_same_picture_in_fewer_bytes() -> None:
    """What draws nothing goes (no-op attributes, empty frames, the font on every text): the
    rasterised picture is the same, pixel for pixel, as with coordinates rounded alone, and the
    SVG a sixth smaller or more."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "config": {"font": draw.FONT, "aria": False}, "width": 400, "height": 200,
            "data": {"values": [{"week": f"2026-0{1 + i // 4}-{1 + 7 * (i % 4):02d}",
                                 "country": c, "tokens": (i * 7919) % 97 + 3}
                                for i in range(12) for c in ("China", "United States")]},
            "mark": "line", "encoding": {
                "x": {"field": "week", "type": "temporal", "title": None},
                "y": {"field": "tokens", "type": "quantitative", "title": "Tokens"},
                "color": {"field": "country", "type": "nominal"}}}
    raw = draw.vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
    tidy = draw.tidy_svg(raw)
    assert len(tidy) < len(raw) * 5 / 6
    assert 'pointer-events="none"' in raw and 'pointer-events' not in tidy
    assert tidy.count("font-family") == 1 and tidy.count("<text") == raw.count("<text") > 5
    assert draw.vlc.svg_to_png(tidy) == draw.vlc.svg_to_png(round_coordinates(raw))
    ElementTree.fromstring(tidy)  # still well-formed


AREA = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": [{"x": i, "y": i % 7} for i in range(10)]},
        "mark": "area", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                     "y": {"field": "y", "type": "quantitative"}}}


def test_the_renderer_draws_what_the_cache_lacks_once(tmp_path: Path) -> None:
    spec = json.dumps(AREA)
    with Renderer(tmp_path, processes=1) as renderer:
        path = renderer.chart_svg(spec)
        assert renderer.chart_svg(spec) == path and len(renderer.pending) == 1  # queued once
        renderer.wait()
    assert path.read_bytes().startswith(b"<svg") and path.name == f"{cache_key('svg', spec)}.svg"
    with Renderer(tmp_path, processes=1) as renderer:
        assert renderer.chart_svg(spec) == path and renderer.pending == []  # cached: not drawn
        assert renderer.used == {path}
    with pytest.raises(ValueError), Renderer(tmp_path, processes=1) as renderer:
        renderer.chart_svg("{not a spec")
        renderer.wait()  # a drawing that fails fails the build


def test_an_embed_draws_png_cards_only_for_the_sizes_it_stores(tmp_path: Path) -> None:
    """A frozen embed stores no PNG card: its cards are drawn as SVG only (no rasterising),
    under the same cache keys; a later build that wants the PNG draws it then."""
    spec = json.dumps(AREA)
    text = {"headline": "Headline", "subtitle": "Subtitle", "sample": "", "source": "Source",
            "credit": "Credit", "alt": "Alt"}
    cards = {size: json.dumps({"size": list(size), "text": text})
             for size in ((1200, 675), (1080, 1080))}
    with Renderer(tmp_path, processes=1) as renderer:
        _, paths, task = renderer.embed_images(spec, {(1200, 675): cards[(1200, 675)]}, set())
        task.result()
    svg, png = paths[(1200, 675)]
    assert png is None and svg.read_bytes().startswith(b"<svg")
    assert not list(tmp_path.glob("*.png"))
    with Renderer(tmp_path, processes=1) as renderer:
        _, again, task = renderer.embed_images(spec, cards)  # every PNG, as a latest embed
        task.result()
    assert again[(1200, 675)][0] == svg
    for (width, height), (card_svg, card_png) in again.items():
        assert card_png.read_bytes()[16:24] == width.to_bytes(4, "big") + height.to_bytes(4, "big")
        assert card_svg.is_file()


def test_the_worker_imports_only_the_modules_its_renders_are_keyed_on(tmp_path: Path) -> None:
    """A spawned render worker imports generator.charts.draw: without pandas, Altair or Jinja
    each worker process is ~100 MB smaller. Every module of the generator it runs is hashed into
    the render cache's keys (render.RENDER_MODULES), so a change to any of them redraws."""
    with Renderer(tmp_path, processes=1) as renderer:  # a real worker, after a real drawing
        renderer.chart_svg(json.dumps(AREA))
        renderer.wait()
        loaded = set(renderer.pool.submit(eval, "list(__import__('sys').modules)").result())
    assert not loaded & {"pandas", "altair", "jinja2", "pyarrow"}
    assert {name for name in loaded if name.split(".")[0] == "generator"} == set(RENDER_MODULES)


FONT_PROBE = """
import os, sys
from generator.charts import draw
if sys.argv[1] == "builtin":
    draw.use_builtin_fonts()
def png(family):
    text = f'<text x="2" y="18" font-family="{family}" font-size="16">MWMW</text>' if family else ""
    return draw.vlc.svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24">'
                               f'{text}</svg>', scale=1)
print(png("DejaVu Sans") == png(""), png("Liberation Sans") == png(""),
      "FONTCONFIG_FILE" in os.environ)
"""


def test_renders_use_the_built_in_font_only_and_leave_the_environment_alone() -> None:
    """Reading a system font costs a file open per glyph (half a render's time): the render
    processes use vl-convert's built-in Liberation Sans only, without leaking FONTCONFIG_FILE
    to what they start. A family only the system has (DejaVu Sans) then draws nothing."""
    if not any(Path("/usr/share/fonts").rglob("DejaVuSans.ttf")):
        pytest.skip("DejaVu Sans is not installed: nothing tells system fonts apart")

    def probe(mode: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
        return subprocess.run([sys.executable, "-c", FONT_PROBE, mode], cwd=REPO_ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout.split()

    assert probe("system") == ["False", "False", "False"]  # the control: DejaVu is drawn
    assert probe("builtin") == ["True", "False", "False"]


def test_optimised_cards_keep_every_pixel_and_are_smaller() -> None:
    payload = json.dumps({"size": [600, 338], "text": {
        "headline": "Chinese models processed 7.359 trillion tokens", "subtitle": "Weekly tokens",
        "sample": "", "source": "Source: OpenRouter", "credit": "Chart: AI Token Tracker",
        "alt": "A bar chart"}})
    bars = "".join(f'<rect x="{i * 30}" y="{200 - i * 9}" width="24" height="{i * 9}" '
                   f'fill="#{(i * 40) % 256:02x}77aa"/><text x="{i * 30}" y="215" font-size="11">'
                   f"W{i}</text>" for i in range(20))
    chart = f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="220">{bars}</svg>'
    svg = draw.compose_card(json.loads(payload), chart)
    raw = draw.vlc.svg_to_png(svg, scale=1)
    small = draw.card_png(svg.encode("utf-8"))
    assert len(small) < len(raw) / 2
    before, after = (Image.open(io.BytesIO(png)) for png in (raw, small))
    assert after.size == before.size == (600, 338)
    assert after.convert("RGBA").tobytes() == before.convert("RGBA").tobytes()


def test_a_card_draws_its_chart_as_a_scaled_group_inside_the_room() -> None:
    """A nested <svg> viewport made the rasteriser draw the chart into a clipped layer the size
    of the whole card (twice the time): the chart is a scaled group, and still fits its room."""
    text = {"headline": "Headline", "subtitle": "Subtitle", "sample": "", "source": "Source",
            "credit": "Credit", "alt": "Alt"}
    chart = ('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="360" viewBox="0 0 720 '
             '360"><rect width="720" height="360" fill="#ffffff"/><path d="M0,0L720,360"/></svg>')
    for width, height in ((1200, 675), (1080, 1080)):
        card = draw.compose_card({"size": [width, height], "text": text}, chart)
        root = ElementTree.fromstring(card)
        assert len(root.findall(".//{http://www.w3.org/2000/svg}svg")) == 0
        group = next(g for g in root.iter("{http://www.w3.org/2000/svg}g")
                     if g.find("{http://www.w3.org/2000/svg}path") is not None)
        left, top, scale = map(float, re.fullmatch(
            r"translate\(([\d.]+),([\d.]+)\) scale\(([\d.]+)\)", group.get("transform")).groups())
        margin = draw.card_layout(width, height)["margin"]
        assert left >= margin - 0.01 and left + 720 * scale <= width - margin + 0.01
        assert abs((left - margin) - (width - margin - left - 720 * scale)) < 0.02  # centred
        footer_top = min(float(t.get("y")) for t in root.findall("{http://www.w3.org/2000/svg}text")
                         if t.text in ("Source", "Credit"))
        assert top + 360 * scale < footer_top
        assert scale > 1.2  # the chart grew into the room


def test_frame_digest_tells_apart_every_value_type_and_name() -> None:
    """The digest a chart's spec is remembered under (catalogue.SpecMemo): equal tables give
    equal digests, and any difference in a value, a missing value's kind, a type or a column
    name gives another."""
    import math

    import pandas as pd

    from generator.tableio import frame_digest

    def table(**columns: list) -> pd.DataFrame:
        return pd.DataFrame(columns)

    base = table(week=["2026-03-02", "2026-03-09"], tokens=[1.5e12, 2.0e12])
    assert frame_digest(base) == frame_digest(base.copy())
    others = [
        table(week=["2026-03-02", "2026-03-09"], tokens=[1.5e12, 2.0000000000001e12]),
        table(week=["2026-03-02", "2026-03-16"], tokens=[1.5e12, 2.0e12]),
        table(week=["2026-03-09", "2026-03-02"], tokens=[2.0e12, 1.5e12]),  # row order
        table(when=["2026-03-02", "2026-03-09"], tokens=[1.5e12, 2.0e12]),
        table(week=["2026-03-02", "2026-03-09"], tokens=[1500000000000, 2000000000000]),
        table(week=["2026-03-02", "2026-03-09"], tokens=[1.5e12, math.nan]),
        table(week=["2026-03-02", None], tokens=[1.5e12, 2.0e12]),
        table(week=["2026-03-02", "None"], tokens=[1.5e12, 2.0e12]),
        table(week=["2026-03-02"], tokens=[1.5e12]),
    ]
    digests = {frame_digest(frame) for frame in [base, *others]}
    assert len(digests) == 1 + len(others)
    with_na = base.astype({"tokens": "Float64"})
    with_na.loc[1, "tokens"] = pd.NA
    assert frame_digest(with_na) not in digests


# ---------------------------------------------------------------- drawings as readers see them

def drawn_texts(svg: str) -> list[tuple[str, float, str]]:
    """(text, font size, role of its group) of every visible <text> of a rendered chart."""
    found, role = [], ""
    for match in re.finditer(
            r'class="mark-[a-z]+ role-([a-z-]+)[^"]*"|<text\b([^>]*)>([^<]*)</text>', svg):
        if match.group(1):
            role = match.group(1)
            continue
        attributes, text = match.group(2), match.group(3)
        if 'opacity="0"' in attributes:  # a label Vega hid (it would overlap)
            continue
        size = float(re.search(r'font-size="([\d.]+)px"', attributes).group(1))
        found.append((text, size, role))
    return found


@pytest.fixture(scope="module")
def sample_charts(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample's site-wide charts and a few histories, worked out (not drawn)."""
    from conftest import sample_data
    from generator.build import make_site
    from generator.charts.catalogue import SpecMemo, annotation_events, site_chart_jobs
    from generator.charts.families import SITE_WIDE
    from generator.charts.theme import register_theme
    from generator.paths import Project
    from generator.pipeline import prepare

    register_theme()
    project = Project.at(REPO_ROOT, sample_data(tmp_path_factory.mktemp("sample")))
    prepared = prepare(project)
    site = make_site(project, prepared, require_real_data=False)
    memo = SpecMemo(tmp_path_factory.mktemp("specs"))
    wanted, made = set(SITE_WIDE), {}
    for job in site_chart_jobs(site, annotation_events(prepared.annotations,
                                                       prepared.registry)):
        kind = job.family.kind
        if job.chart_id in wanted or (kind not in wanted and kind not in made):
            made[job.chart_id if job.chart_id in wanted else kind] = memo.chart(job)
    return made


def test_axes_write_b_and_t_start_at_0_and_never_repeat_a_label(sample_charts: dict) -> None:
    """As drawn: no "G" (d3's SI prefix for billions), "0" not "0T", no axis label twice."""
    for name, chart in sample_charts.items():
        for drawing in (chart.wide, chart.narrow):
            svg = render_image(drawing.spec_json, "svg", VL_VERSION).decode()
            labels = [text for text, _, role in drawn_texts(svg) if role == "axis-label"]
            assert labels, name
            assert not [label for label in labels if re.fullmatch(r"[\d.]+G", label)], name
            assert "0T" not in labels and "0B" not in labels, name
            assert "e+" not in " ".join(labels), name
            assert len(labels) == len(set(labels)), (name, labels)
            if name in ("tokens-by-country", "tokens-by-company", "model"):
                assert "0" in labels and any(label.endswith(("B", "T")) for label in labels)


def test_every_text_of_a_drawing_is_drawn_at_its_variants_size(sample_charts: dict) -> None:
    """The narrow drawing's text is 13 px, the wide one's 14 px (the stat's number larger):
    shown at the scale pages and embeds allow (charts.variants), never below 11 px."""
    from generator.charts.variants import NARROW, WIDE

    for name, chart in sample_charts.items():
        for drawing, variant in ((chart.wide, WIDE), (chart.narrow, NARROW)):
            svg = render_image(drawing.spec_json, "svg", VL_VERSION).decode()
            sizes = [size for _, size, _ in drawn_texts(svg)]
            assert sizes and min(sizes) >= variant.font, (name, variant.name, min(sizes))
            width, _ = draw.svg_size(svg.encode())
            assert width == variant.width, name


def test_a_site_chart_is_drawn_light_and_dark_in_one_render(tmp_path: Path) -> None:
    from generator.charts import palette

    spec = json.dumps({**AREA, "background": "#ffffff", "mark": {"type": "area",
                                                                  "color": "#d62839"},
                       "config": {"axis": {"labelColor": "#333333", "gridColor": "#e6e6e6"}}})
    with Renderer(tmp_path, processes=1) as renderer:
        light = renderer.chart_svg(spec, dark=True)
        assert len(renderer.pending) == 1  # one task draws both
        renderer.wait()
    dark = draw.dark_path(light)
    assert dark.name == light.name.replace(".svg", ".dark.svg")
    light_svg, dark_svg = light.read_text(), dark.read_text()
    assert 'fill="#ffffff"' in light_svg and 'fill="#ffffff"' not in dark_svg
    assert f'fill="{palette.DARK["background"]}"' in dark_svg
    assert f'fill="{palette.DARK["text"]}"' in dark_svg and 'fill="#333333"' not in dark_svg
    assert light_svg.count('fill="#d62839"') == dark_svg.count('fill="#d62839"') >= 1
    with Renderer(tmp_path, processes=1) as renderer:  # both cached: nothing drawn again
        assert renderer.chart_svg(spec, dark=True) == light and renderer.pending == []
        assert renderer.used == {light, dark}


def test_the_top_models_bars_are_drawn_in_rank_order(sample_charts: dict) -> None:
    """As Chromium's renderer draws them: the first bar the number one (a sort by a field does
    not survive layering the bars with their figure, and the labels then run A to Z)."""
    import json

    chart = sample_charts["top-models"]
    for drawing, count in ((chart.wide, 15), (chart.narrow, 10)):
        spec = json.loads(drawing.spec_json)
        rows = spec["datasets"][spec["data"]["name"]]
        field = "label_narrow" if drawing is chart.narrow else "label"
        ranked = [row[field] for row in sorted(rows, key=lambda row: row["rank"])][:count]
        svg = render_image(drawing.spec_json, "svg", VL_VERSION).decode()
        drawn = [text for text, _, role in drawn_texts(svg)
                 if role == "axis-label" and text in set(ranked)]
        assert drawn == ranked, drawn
