"""Chinese text in the drawings: Noto Sans SC from a pinned package (generator/charts/fonts.py),
added to vl-convert's fonts in every render process, and in the render cache's key."""

from __future__ import annotations

import importlib.metadata
import io
import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import vl_convert as vlc
from PIL import Image, ImageChops, ImageFont

from generator.charts import draw, fonts, theme
from generator.charts.render import VL_VERSION, drawing_digest, render_digest

TITLE = "中国模型首次超过美国模型"
TITLE_SIZE = 24
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def chart(title: str) -> str:
    """A small chart whose title is the only text: a row of bars under it, no axes."""
    return json.dumps({
        "$schema": SCHEMA, "width": 320, "height": 40, "config": {"font": theme.font_stack("zh"),
                                                                  "view": {"stroke": None}},
        "title": {"text": title, "fontSize": TITLE_SIZE, "anchor": "start"},
        "data": {"values": [{"x": i, "y": 1 + i % 3} for i in range(8)]}, "mark": "bar",
        "encoding": {"x": {"field": "x", "type": "ordinal", "axis": None},
                     "y": {"field": "y", "type": "quantitative", "axis": None}}})


def without_cjk_font(spec_json: str, kind: str) -> bytes:
    """The same drawing in a process whose vl-convert has its built-in Liberation Sans alone
    (the render processes' fonts before charts.fonts): no face with a Chinese glyph."""
    os.environ["FONTCONFIG_FILE"] = str(draw.FONTS_CONF)
    if kind == "svg":
        return vlc.vegalite_to_svg(spec_json, vl_version=VL_VERSION).encode()
    return vlc.vegalite_to_png(spec_json, vl_version=VL_VERSION, scale=draw.PNG_SCALE)


@pytest.fixture(scope="module")
def drawn() -> dict:
    """Each spec drawn by a real render worker (spawned, started by draw.start_worker as the
    build's are) and by a process without the Chinese face."""
    specs = {"zh": chart(TITLE), "en": chart("Chinese models pass U.S. models, 18.9T")}
    spawn = multiprocessing.get_context("spawn")
    out = {}
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=draw.start_worker,
                             initargs=(0,)) as worker, \
            ProcessPoolExecutor(1, mp_context=spawn) as bare:
        for name, spec in specs.items():
            for kind in ("png", "svg"):
                out[name, kind, "worker"] = worker.submit(draw.render_image, spec, kind,
                                                          VL_VERSION)
                out[name, kind, "bare"] = bare.submit(without_cjk_font, spec, kind)
        return {key: task.result() for key, task in out.items()}


def title_band(png: bytes) -> Image.Image:
    """The title's rows of a drawing (at draw.PNG_SCALE), in grey: above the bars."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.crop((0, 0, image.width, round(TITLE_SIZE * 1.2 * draw.PNG_SCALE)))


def ink(image: Image.Image) -> list[int]:
    """Dark pixels per column of ``image``."""
    width, height = image.size
    pixels = image.load()
    return [sum(pixels[x, y] < 128 for y in range(height)) for x in range(width)]


def glyph_inks(image: Image.Image) -> list[int]:
    """The ink of each of the title's characters: its inked columns cut in len(TITLE) equal
    parts (a Chinese character is one em wide)."""
    columns = ink(image)
    inked = [x for x, dark in enumerate(columns) if dark]
    first, last = inked[0], inked[-1] + 1
    step = (last - first) / len(TITLE)
    return [sum(columns[round(first + i * step):round(first + (i + 1) * step)])
            for i in range(len(TITLE))]


def looks_like_the_title(png: bytes) -> bool:
    """Twelve characters of real strokes: the title is as wide as twelve ems, a fifth to a half
    of its box inked (a third in Noto Sans SC), and its characters unlike each other (tofu boxes
    are all the same)."""
    band = title_band(png)
    columns = ink(band)
    inked = [x for x, dark in enumerate(columns) if dark]
    if not inked:
        return False
    width = (inked[-1] + 1 - inked[0]) / draw.PNG_SCALE
    area = (inked[-1] + 1 - inked[0]) * TITLE_SIZE * draw.PNG_SCALE
    glyphs = glyph_inks(band)
    return (abs(width - len(TITLE) * TITLE_SIZE) < TITLE_SIZE
            and 0.2 < sum(columns) / area < 0.5
            and max(glyphs) > 1.3 * min(glyphs))


def test_a_chinese_title_is_drawn_in_real_glyphs_not_tofu(drawn: dict) -> None:
    chinese, tofu = drawn["zh", "png", "worker"], drawn["zh", "png", "bare"]
    assert looks_like_the_title(chinese)
    assert not looks_like_the_title(tofu)  # the check fails on a face without the glyphs
    band = title_band(chinese)
    unchanged = ImageChops.difference(band, title_band(tofu)).histogram()[0]
    assert band.width * band.height - unchanged > 0.05 * band.width * band.height


def test_text_in_latin_letters_is_drawn_and_measured_as_before(drawn: dict) -> None:
    """The Chinese face changes nothing else: an English drawing's SVG (its text measured) and
    PNG are byte for byte those of a process without it."""
    assert drawn["en", "png", "worker"] == drawn["en", "png", "bare"]
    assert drawn["en", "svg", "worker"] == draw.tidy_svg(
        drawn["en", "svg", "bare"].decode()).encode()


def test_the_face_is_noto_sans_sc_under_the_open_font_license() -> None:
    path = fonts.cjk_font_file()
    assert ImageFont.truetype(str(path), 12).getname() == (fonts.CJK_FAMILY, "Regular")
    classifiers = importlib.metadata.metadata("pylopdf-fonts-zh-cn").get_all("Classifier")
    assert "License :: OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)" in classifiers


def test_the_render_cache_key_changes_with_the_font_file(tmp_path: Path) -> None:
    """Every cache is keyed on what shapes its output: another font file, another key."""
    one, other = tmp_path / "a.otf", tmp_path / "b.otf"
    one.write_bytes(b"OTTO one")
    other.write_bytes(b"OTTO other")
    assert fonts.file_digest(one) != fonts.file_digest(other)
    assert drawing_digest(fonts.file_digest(one)) != drawing_digest(fonts.file_digest(other))
    assert render_digest() == drawing_digest(fonts.file_digest(fonts.cjk_font_file()))


def test_the_chinese_font_stack_keeps_the_english_faces_first() -> None:
    english, chinese = theme.font_stack("en"), theme.font_stack("zh")
    assert english == draw.FONT  # the English charts unchanged
    faces = [face.strip().strip("'") for face in chinese.split(",")]
    assert faces[:3] == ["Arial", "Liberation Sans", "Helvetica"]
    assert faces[3:] == ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
                         fonts.CJK_FAMILY, "Noto Sans CJK SC", "sans-serif"]
    with pytest.raises(KeyError):
        theme.font_stack("fr")


# ---------------------------------------------------------------- Chinese cards

HEADLINE = "中国模型首次超过美国模型：每周处理189万亿词元，比上周增加4.1%"


def test_a_chinese_headline_wraps_between_characters_never_inside_a_number() -> None:
    """Chinese has no spaces between words: a card's lines break between two characters (each
    one em wide), never before a closing mark nor inside "4.1%" (Unicode's line breaking)."""
    lines = draw.wrap(HEADLINE, 60, True, 984, 5)
    assert len(lines) >= 2 and "".join(lines) == HEADLINE
    assert all(draw.text_width(line, 60, True) <= 984 for line in lines)
    assert not any(line[0] in "，：。；）%." for line in lines)
    assert any("4.1%" in line for line in lines) and any("189" in line for line in lines)
    assert draw.text_width("中国", 10) == 20  # a Chinese character is one em
    # English text still wraps at its spaces alone
    assert draw.wrap("Chinese models pass U.S. models", 60, True, 500, 5) == [
        "Chinese models", "pass U.S.", "models"]


def test_a_square_chinese_card_wraps_its_headline_instead_of_squeezing_it() -> None:
    text = {"headline": HEADLINE, "subtitle": "每周词元，万亿", "sample": "",
            "source": "来源：OpenRouter，截至2026年4月9日", "credit": "AI Token Tracker",
            "alt": HEADLINE}
    card = draw.compose_card({"size": [1080, 1080], "text": text},
                             '<svg width="800" height="450"><rect width="8" height="8"/></svg>')
    headline = re.findall(r'<text [^>]*font-weight="700"[^>]*>[^<]*', card)
    assert len(headline) >= 2
    assert not any("textLength" in line for line in headline)
