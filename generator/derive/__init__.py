"""The derive stage: from the attributed weekly rows to everything later stages read.

- ``tables``: attribution and the four public tables (totals, models, companies, countries);
- ``movers``: each week's risers, fallers, climbers, droppers, entrants and leavers;
- ``series``: the inputs of each week's story (generator.findings.story).

generator.pipeline runs them once per build and passes the results down.
"""
