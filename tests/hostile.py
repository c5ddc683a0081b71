"""A hostile dataset in the exact raw upstream format: model names, permaslugs, author
slugs and company names built to break every place outside text lands (HTML, Markdown, Jinja,
CSV, file names). ``write_hostile_data(data_dir)`` writes the rankings snapshot, the models
catalogue (each with its .meta.json sidecar), the registry CSVs, and contributors' corrections
and annotations.

Payloads that would run set ``window.__pwned`` (or open a dialog), so a browser test can tell
whether any of them executed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from pathlib import Path

import yaml

SCRIPT = "<script>alert(1)</script>"
SCRIPT_FLAG = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror=alert(1)>'
IMG_FLAG = "'><img src=x onerror=window.__pwned=1>"
SVG_FLAG = "<svg onload=window.__pwned=1>"
JS_URL = "javascript:alert(1)"
MD_LINK = "[x](javascript:alert(1))"
MD_IMAGE = "![y](javascript:window.__pwned=1)"
JINJA_EXPR = "{{ 7*7 }}"
JINJA_RAW = "{% raw %}"
BACKTICKS = "`code` ``` fence"
PIPES = "a | b || c"
NEWLINES = "line one\nline two\r\n# not a heading"
RTL = "abc\u202edcba\u202c\u2067rtl\u2069"
LONG = "L" * 10_000
EMOJI_CHINESE = "😀🚀 通义千问 模型"
HYPERLINK = '=HYPERLINK("http://example.com")'
FORMULAS = ("=1+2", "+1+2", "-1+2", "@SUM(1)", "\t=1", "\r=1")
HTML_ENTITY = "&lt;b&gt; &amp;amp;"
# Every payload above; pages must show each one as text.
PAYLOADS = (SCRIPT, SCRIPT_FLAG, IMG, IMG_FLAG, SVG_FLAG, JS_URL, MD_LINK, MD_IMAGE, JINJA_EXPR,
            JINJA_RAW, BACKTICKS, PIPES, NEWLINES, RTL, LONG, EMOJI_CHINESE, HYPERLINK,
            *FORMULAS, HTML_ENTITY)

WEEKS = ("2026-03-02", "2026-03-09")  # two complete weeks: ranks move, changes go negative
START, END, AS_OF = "2026-03-02", "2026-03-17", "2026-03-17T02:00:00.000Z"
CATALOGUE_DATE = "2026-03-17"

# Author slugs a contributor may register (the registry only accepts [a-z0-9._-]), each mapped
# to a hostile company name.
AUTHORS: dict[str, tuple[str, str]] = {
    "openai": (f"{SCRIPT} Inc", "US"),
    "deepseek": (IMG, "CN"),
    "mistralai": (HYPERLINK, "FR"),
    "cohere": (f"{JINJA_EXPR} {JINJA_RAW} {BACKTICKS} {PIPES}", "CA"),
    "qwen": (f"{EMOJI_CHINESE} {RTL}", "CN"),
    "x-ai": ("-1+2 negative-looking", "US"),
    "meta-llama": ("+1+2 plus", "US"),
    "google": ("@SUM(1) at", "US"),
    "amazon": (LONG, "US"),
    "ai21": (f"{MD_LINK} {JS_URL}", "IL"),
    "tngtech": (f"{SCRIPT_FLAG}{IMG_FLAG}", "DE"),
    "upstage": (f"{SVG_FLAG} {MD_IMAGE}", "KR"),
    "sakana": ("Index", "JP"),  # a company whose file name would be companies/index.md
    "nvidia": (NEWLINES, "US"),
    "microsoft": ("\t=1 tab \r=1 cr", "US"),
}
# Chinese names as `check` lets them through (it refuses markup and control characters in them):
# the long, the mixed-script and the punctuated.
NAMES_ZH: dict[str, str] = {
    "deepseek": "深度求索",
    "qwen": "阿里巴巴（通义千问）",
    "x-ai": "xAI 中国 2026",
    "google": "谷歌·深度思维-实验室",
    "amazon": "亚" * 200,
}

# Permaslugs as the upstream might send them (hostile authors included), with tokens for the
# two weeks (None = not ranked that week). Several collide once made file-safe.
MODELS: dict[str, tuple[int | None, int | None]] = {
    f"openai/{SCRIPT}": (9_000, 8_000),
    f"deepseek/{IMG}": (8_500, 9_500),
    "mistralai/m-20260101": (8_000, 100),
    f"cohere/{JINJA_EXPR}{JINJA_RAW}": (7_000, 7_100),
    f"qwen/{EMOJI_CHINESE}": (6_000, 6_500),
    "x-ai/grok-20260101": (5_500, 5_000),
    "meta-llama/llama-20260101": (5_000, 4_000),
    "google/gemini-20260101": (4_500, 4_400),
    f"amazon/{'n' * 10_000}": (4_000, 4_100),
    "ai21/jamba-20260101": (3_900, 3_800),
    "tngtech/chimera-20260101": (3_800, 3_700),
    "upstage/solar-20260101": (3_700, 3_600),
    "sakana/index": (3_600, 3_500),
    "nvidia/nemotron-20260101": (3_500, 3_400),
    "microsoft/phi-20260101": (3_400, 3_300),
    # slugs that try to leave the output folder
    "../../../../../../tmp/escaped": (3_000, 2_900),
    "..\\..\\..\\windows\\escaped": (2_900, 2_800),
    "%2e%2e/%2e%2e/%2e%2e/escaped": (2_800, 2_700),
    "/absolute/escaped": (2_700, 2_600),
    "c:/windows/escaped": (2_600, None),
    "nul/before\x00after": (2_500, 2_500),
    f"rtl/{RTL}": (2_400, 2_400),
    f"newline/{NEWLINES}": (2_300, 2_300),
    f"{JS_URL}": (2_200, 2_200),
    f"{MD_LINK}/m": (2_100, 2_100),
    f"{HYPERLINK}/m": (2_000, 2_000),
    "+plus/m": (1_900, 1_900),
    "-minus/m": (1_800, 1_800),
    "@at/m": (1_700, 1_700),
    "`tick`/a|b|c": (1_600, 1_600),
    # these three make the same safe file name; "index" would overwrite models/index.md
    "a/b": (1_500, 1_500),
    "A/B": (1_400, 1_400),
    "a-b": (1_300, 1_300),
    "index": (1_200, 1_200),
    "readme": (1_100, 1_100),
    "other": (50_000, 40_000),
}

# Display names from the registry (models.csv) and from the upstream catalogue.
REGISTRY_NAMES: dict[str, tuple[str, str]] = {  # permaslug -> (display_name, family)
    "mistralai/m-20260101": (HYPERLINK, SCRIPT),
    "x-ai/grok-20260101": (f"{MD_LINK} {MD_IMAGE}", JINJA_EXPR),
    "meta-llama/llama-20260101": (f"{SCRIPT_FLAG} {IMG_FLAG}", PIPES),
    "google/gemini-20260101": (f"{BACKTICKS} {PIPES}", "@family"),
    "ai21/jamba-20260101": ("-1+2", "+1+2"),
    "tngtech/chimera-20260101": (LONG, EMOJI_CHINESE),
    "upstage/solar-20260101": (f"{RTL} {EMOJI_CHINESE}", RTL),
    "nvidia/nemotron-20260101": (JINJA_RAW + " {% endraw %} {# c #}", BACKTICKS),
    "microsoft/phi-20260101": ("@SUM(1)", "=1+2"),
}
CATALOGUE_NAMES: dict[str, str] = {  # canonical_slug -> name
    "sakana/index": f"Sakana: {SVG_FLAG}",
    "a/b": f"Vendor: {HTML_ENTITY}",
    "readme": f"{NEWLINES}",
    f"openai/{SCRIPT}": f"OpenAI: {SCRIPT_FLAG}",
}


# List prices (USD per token, as the catalogue writes them): models named by the registry get
# an entry with a price, so hostile names reach the price chart, its table and the spend
# tables; some prices are garbage, which must leave the price unknown, never crash the build.
PRICED_ONLY = ("mistralai/m-20260101", "x-ai/grok-20260101", "meta-llama/llama-20260101",
               "google/gemini-20260101", "ai21/jamba-20260101", "microsoft/phi-20260101")
CATALOGUE_PRICES: dict[str, dict] = {
    "mistralai/m-20260101": {"prompt": "0.000001", "completion": "0.000003"},
    "x-ai/grok-20260101": {"prompt": "0.000003", "completion": "0.000015"},
    "meta-llama/llama-20260101": {"prompt": "0.0000002", "completion": "0.0000006"},
    "google/gemini-20260101": {"prompt": "-1", "completion": "-1"},
    "ai21/jamba-20260101": {"prompt": SCRIPT, "completion": "1e-6"},
    "microsoft/phi-20260101": {"prompt": 0.000001, "completion": "0.000002"},
    "a/b": {"prompt": "0", "completion": "0"},
    "sakana/index": {"prompt": "0.00000005", "completion": "0.0000001"},
}


def snapshot_rows() -> list[dict[str, str]]:
    """Rows in the upstream order: date ascending, tokens descending, `other` last."""
    rows = []
    for i, week in enumerate(WEEKS):
        ranked = sorted(((tokens[i], slug) for slug, tokens in MODELS.items()
                         if tokens[i] is not None and slug != "other"), key=lambda t: (-t[0], t[1]))
        rows += [{"date": week, "model_permaslug": slug, "total_tokens": str(tokens)}
                 for tokens, slug in ranked]
        rows.append({"date": week, "model_permaslug": "other",
                     "total_tokens": str(MODELS["other"][i])})
    return rows


def sidecar(content: bytes, extra: dict) -> bytes:
    meta = {"url": "https://openrouter.ai/api/v1/datasets/rankings-daily", "status": 200,
            "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest(), **extra}
    return (json.dumps(meta, indent=1) + "\n").encode()


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # quotes cells holding \r or \n
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Contributors' corrections and annotations: free text in reasons, credits, labels and
# descriptions (one line each: the checker refuses newlines there), a hostile target and URL.
CORRECTION_REASON = f"{SCRIPT_FLAG} {IMG_FLAG} {MD_LINK} {PIPES} {JINJA_EXPR}"
CORRECTIONS = [
    {"id": "hostile-override", "week": WEEKS[1], "target": f"openai/{SCRIPT}",
     "action": "override_tokens", "value": 8_100, "reason": CORRECTION_REASON,
     "source_url": 'https://example.org/a?q="><script>window.__pwned=1</script>',
     "status": "reported", "date": "2026-03-18", "credit": HYPERLINK},
    {"id": "hostile-flag", "weeks": {"from": WEEKS[0], "to": WEEKS[1]}, "target": "deepseek",
     "action": "flag", "reason": f"{JINJA_RAW} {BACKTICKS} {RTL} {EMOJI_CHINESE} =1+2",
     "source_url": "https://example.org/b", "status": "open", "date": "2026-03-19",
     "credit": "@SUM(1)"},
    {"id": "hostile-reassign", "week": WEEKS[0], "target": "mistralai/m-20260101",
     "action": "reassign_author", "value": "cohere", "reason": f"{SVG_FLAG} {MD_IMAGE}",
     "source_url": "https://example.org/c", "status": "fixed_upstream", "date": "2026-03-20"},
]
ANNOTATIONS = [
    {"id": "hostile-event", "date": WEEKS[0], "label": SVG_FLAG, "kind": "other",
     "scope": "global", "description": f"{SCRIPT_FLAG} {MD_LINK}",
     "source_url": "https://example.org/d"},
]


def write_hostile_data(data_dir: Path) -> Path:
    """Write the hostile dataset under data_dir (raw snapshots + registry); returns data_dir."""
    rankings = data_dir / "raw/openrouter/rankings/week"
    models = data_dir / "raw/openrouter/models"
    registry = data_dir / "registry"
    for folder in (rankings, models, registry):
        folder.mkdir(parents=True, exist_ok=True)
    meta = {"as_of": AS_OF, "version": "v1", "start_date": START, "end_date": END}
    body = json.dumps({"data": snapshot_rows(), "meta": meta}, indent=1).encode()
    (rankings / f"{START}_{END}.json").write_bytes(body)
    (rankings / f"{START}_{END}.meta.json").write_bytes(sidecar(body, {"as_of": AS_OF,
                                                                         "meta": meta}))
    catalogue = {"data": [{"id": slug, "canonical_slug": slug, "name": name,
                           "description": SCRIPT, "architecture": {"tokenizer": IMG},
                           "pricing": CATALOGUE_PRICES.get(slug, {})}
                          for slug, name in [*CATALOGUE_NAMES.items(),
                                             *((s, "") for s in PRICED_ONLY)]]}
    stored = gzip.compress(json.dumps(catalogue).encode(), mtime=0)
    (models / f"{CATALOGUE_DATE}.json.gz").write_bytes(stored)
    (models / f"{CATALOGUE_DATE}.meta.json").write_bytes(sidecar(stored, {"encoding": "gzip"}))
    (registry / "authors.csv").write_bytes(csv_bytes(
        ["slug", "company", "name_zh", "country", "source_url", "notes"],
        [[slug, company, NAMES_ZH.get(slug, ""), country, f"https://example.org/{slug}", SCRIPT]
         for slug, (company, country) in AUTHORS.items()]))
    (registry / "models.csv").write_bytes(csv_bytes(
        ["permaslug", "display_name", "family", "open_weights", "notes"],
        [[slug, name, family, "", IMG] for slug, (name, family) in REGISTRY_NAMES.items()]))
    for name, entries in (("corrections.yaml", CORRECTIONS), ("annotations.yaml", ANNOTATIONS)):
        (data_dir / name).write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return data_dir
