"""Render stage details that keep the build and the pages light."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.draw import render_image, round_path_data
from generator.paths import REPO_ROOT
from generator.render import VL_VERSION, Workers


def test_path_data_is_rounded_to_a_tenth_of_a_pixel_and_nothing_else_changes() -> None:
    svg = '<svg width="10.125"><path d="M0,281.574C2.138,-279.072,4.2,6Z" opacity="0.75"/></svg>'
    assert round_path_data(svg) == ('<svg width="10.125"><path d="M0,281.6C2.1,-279.1,4.2,6Z" '
                                    'opacity="0.75"/></svg>')


def test_rendered_svgs_carry_no_long_decimals_in_paths() -> None:
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"x": i, "y": (i * 7919) % 97 / 3} for i in range(30)]},
            "mark": "area", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                         "y": {"field": "y", "type": "quantitative"}}}
    svg = render_image(json.dumps(spec), "svg", VL_VERSION).decode()
    paths = re.findall(r'\sd="([^"]*)"', svg)
    assert any(len(p) > 100 for p in paths)  # the area was drawn
    assert not any(re.search(r"\d\.\d\d", p) for p in paths)


def test_workers_return_results_in_order_and_draw_little_in_process() -> None:
    with Workers(processes=2) as workers:
        assert list(workers.map(divmod, [(7, 2), (9, 4)])) == [(3, 1), (2, 1)]
        assert workers.pool is None  # fewer than 8 calls: no process was started
        calls = [(n, 3) for n in range(20)]
        assert list(workers.map(divmod, calls)) == [divmod(*c) for c in calls]
        assert workers.pool is not None
    assert workers.pool is None  # shut down on leaving


def test_the_worker_module_does_not_import_the_heavy_libraries() -> None:
    """A spawned render worker imports generator.draw only: without pandas, Altair or Jinja each
    worker process is ~100 MB smaller (issue 6: the whole build under 1 GB)."""
    probe = ("import sys, generator.draw; heavy = ('pandas', 'altair', 'jinja2', 'pyarrow'); "
             "print(sorted(m for m in heavy if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


FONT_PROBE = """
import os, sys
from generator import draw
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
