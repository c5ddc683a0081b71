"""Render stage details that keep the build and the pages light."""

from __future__ import annotations

import json
import re

from generator.render import Workers, render_image, round_path_data


def test_path_data_is_rounded_to_a_tenth_of_a_pixel_and_nothing_else_changes() -> None:
    svg = '<svg width="10.125"><path d="M0,281.574C2.138,-279.072,4.2,6Z" opacity="0.75"/></svg>'
    assert round_path_data(svg) == ('<svg width="10.125"><path d="M0,281.6C2.1,-279.1,4.2,6Z" '
                                    'opacity="0.75"/></svg>')


def test_rendered_svgs_carry_no_long_decimals_in_paths() -> None:
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": [{"x": i, "y": (i * 7919) % 97 / 3} for i in range(30)]},
            "mark": "area", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                         "y": {"field": "y", "type": "quantitative"}}}
    svg = render_image(json.dumps(spec), "svg").decode()
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
