"""The chart stage, in one place. Data flows one way: tables -> chart specs (with their sizes)
-> pages and embeds; the pictures are drawn meanwhile, in worker processes.

- ``data``: the exact data each chart draws (and publishes as its CSV).
- ``theme``: the one theme, colours, sizes, and the text every chart carries.
- ``specs``: one function per chart, data in, ``alt.Chart`` out.
- ``variants``: a chart as the site shows it and as an embed shows it.
- ``catalogue``: every chart of the site, and each one's specs worked out (or recalled).
- ``render``: the render cache and the worker processes; each chart's files under charts/.
- ``draw``: what the workers run (spec to SVG, image cards); imports nothing heavy.

This file imports nothing: a worker process imports ``generator.charts.draw`` alone.
"""
