"""The deterministic SAMPLE dataset: fake OpenRouter snapshots in the exact raw format.

A fresh clone has no fetched data, yet the site must still build. This module writes a made-up but
realistic dataset under ``data/sample/`` (two weekly rankings snapshots, their ``.meta.json``
provenance files and one ``/models`` catalogue snapshot) that the loader reads whenever
``data/raw/`` holds no real snapshot; every page built from it says "Sample data - not real
figures". The figures are invented: model names look like OpenRouter's, the numbers do not come
from anywhere.

It exercises what the pipeline must handle: ``:free`` variants ranked apart from their paid twins,
a cloaked ``openrouter/...`` model, retired models missing from the catalogue, an author missing
from the registry, the ``other`` row, a restated week in two overlapping snapshots, and an
in-progress last week that must not be published.

Regenerate with ``python -m generator sample``. The output is byte-for-byte identical on every run
and machine: one seeded ``random.Random``, only ``+ - * /`` on floats (no libm functions whose last
bit may differ between platforms), no clock, no hash-ordered iteration.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from generator.corrections import CORRECTIONS_FILE

SEED = 20250106
FIRST_WEEK = date(2025, 1, 6)
WEEKS = 66  # 2025-01-06 ... 2026-04-06; the last one is still in progress in snapshot (b)
TOP_N = 50
FADED = 0.15  # a model whose popularity fell below this share of its peak drops out of the data
T = 1_000_000_000_000  # one trillion tokens
LICENCE = "CC BY 4.0"
BASE_URL = "https://openrouter.ai/api/v1"

# The two rankings snapshots, as the weekly fetcher would have taken them (windows <= 366 days):
# (start_date, end_date, meta.as_of). They overlap on the week of 2025-12-22, restated in the
# second one.
SNAPSHOTS = (
    ("2025-01-06", "2025-12-28", "2025-12-29T02:00:00.000Z"),
    ("2025-12-22", "2026-04-08", "2026-04-09T02:00:00.000Z"),
)
CATALOGUE_DAY = "2026-04-09"
RESTATED_WEEK = date(2025, 12, 22)

# Author -> (display prefix used in catalogue names, company, group). The group decides which
# country curve a model's tokens come from; it must agree with data/registry/authors.csv.
# "EU+" is everywhere else (FR, DE, CA, KR, IL); "?" is unattributed (no registry entry).
AUTHORS = {
    "openai": ("OpenAI", "OpenAI", "US"),
    "anthropic": ("Anthropic", "Anthropic", "US"),
    "google": ("Google", "Google", "US"),
    "x-ai": ("xAI", "xAI", "US"),
    "meta-llama": ("Meta", "Meta", "US"),
    "nvidia": ("NVIDIA", "NVIDIA", "US"),
    "microsoft": ("Microsoft", "Microsoft", "US"),
    "amazon": ("Amazon", "Amazon", "US"),
    "perplexity": ("Perplexity", "Perplexity", "US"),
    "arcee-ai": ("Arcee AI", "Arcee AI", "US"),
    "ibm-granite": ("IBM", "IBM", "US"),
    "allenai": ("AllenAI", "Ai2", "US"),
    "nousresearch": ("Nous", "Nous Research", "US"),
    "liquid": ("LiquidAI", "Liquid AI", "US"),
    "inception": ("Inception", "Inception", "US"),
    "deepcogito": ("Deep Cogito", "Deep Cogito", "US"),
    "poolside": ("Poolside", "Poolside", "US"),
    "deepseek": ("DeepSeek", "DeepSeek", "CN"),
    "qwen": ("Qwen", "Alibaba", "CN"),
    "alibaba": ("Tongyi", "Alibaba", "CN"),
    "z-ai": ("Z.AI", "Zhipu AI", "CN"),
    "thudm": ("THUDM", "Zhipu AI", "CN"),
    "moonshotai": ("MoonshotAI", "Moonshot AI", "CN"),
    "minimax": ("MiniMax", "MiniMax", "CN"),
    "xiaomi": ("Xiaomi", "Xiaomi", "CN"),
    "stepfun": ("StepFun", "StepFun", "CN"),
    "stepfun-ai": ("StepFun", "StepFun", "CN"),
    "tencent": ("Tencent", "Tencent", "CN"),
    "baidu": ("Baidu", "Baidu", "CN"),
    "bytedance": ("ByteDance", "ByteDance", "CN"),
    "bytedance-seed": ("ByteDance Seed", "ByteDance", "CN"),
    "inclusionai": ("inclusionAI", "Ant Group", "CN"),
    "meituan": ("Meituan", "Meituan", "CN"),
    "kwaipilot": ("Kwaipilot", "Kuaishou", "CN"),
    "nex-agi": ("Nex AGI", "Nex AGI", "CN"),
    "opengvlab": ("OpenGVLab", "Shanghai AI Lab", "CN"),
    "mistralai": ("Mistral", "Mistral AI", "EU+"),
    "cohere": ("Cohere", "Cohere", "EU+"),
    "tngtech": ("TNG", "TNG", "EU+"),
    "upstage": ("Upstage", "Upstage", "EU+"),
    "ai21": ("AI21", "AI21 Labs", "EU+"),
    "aion-labs": ("AionLabs", "Aion Labs", "EU+"),
    "newlab": ("NewLab", "NewLab", "?"),
    "openrouter": ("OpenRouter", "OpenRouter", "?"),
}

# Weekly tokens (trillions) of each attributed group: anchor weeks, linearly interpolated.
# U.S. models lead through 2025; Chinese models catch up, overtake in the first week of March 2026
# and, with a big launch and a free promotion, reach about twice the U.S. figure in the week of
# 2026-03-16. The last anchor is a full-week figure; the in-progress week gets 3/7 of it.
GROUP_ANCHORS = (
    # week start    US     CN     EU+
    ("2025-01-06", 4.20, 1.30, 0.50),
    ("2025-01-27", 4.30, 2.00, 0.50),
    ("2025-03-31", 4.90, 2.20, 0.55),
    ("2025-06-30", 5.90, 2.90, 0.70),
    ("2025-08-04", 6.60, 3.70, 0.78),
    ("2025-09-29", 7.10, 4.40, 0.85),
    ("2025-11-24", 7.70, 5.30, 0.92),
    ("2025-12-22", 7.20, 5.40, 0.86),
    ("2025-12-29", 6.90, 5.40, 0.82),
    ("2026-01-19", 7.80, 6.30, 0.95),
    ("2026-02-09", 8.00, 7.20, 1.00),
    ("2026-02-23", 8.10, 7.80, 1.02),
    ("2026-03-02", 8.15, 8.70, 1.05),
    ("2026-03-09", 8.25, 11.30, 1.08),
    ("2026-03-16", 8.85, 17.70, 1.12),
    ("2026-03-23", 8.90, 18.40, 1.15),
    ("2026-03-30", 9.00, 18.90, 1.18),
    ("2026-04-06", 9.05, 19.20, 1.20),
)

# Ranked models: permaslug, launch day, ramp-up weeks, end of plateau, decay half-time (weeks),
# weight (share within its group while at the plateau), last day (None = still served).
# Tokens of unattributed models ("?" group) are absolute: weight is their plateau in billions.
LIFECYCLES = (
    # --- United States: on OpenRouter before 2025 ---
    ("openai/gpt-3.5-turbo-2024-01-25", "2024-01-25", 2, "2024-06-01", 25, 8, None),
    ("openai/gpt-4-turbo-2024-04-09", "2024-04-09", 2, "2024-06-01", 20, 6, None),
    ("openai/gpt-4o-2024-05-13", "2024-05-13", 2, "2024-12-01", 20, 40, None),
    ("openai/chatgpt-4o-latest-20240813", "2024-08-13", 2, "2024-12-01", 20, 10, None),
    ("openai/o1-mini-2024-09-12", "2024-09-12", 2, "2024-12-17", 15, 8, None),
    ("openai/gpt-4o-2024-11-20", "2024-11-20", 2, "2025-04-01", 15, 18, None),
    ("openai/gpt-4o-mini-2024-07-18", "2024-07-18", 3, "2025-04-14", 25, 60, None),
    ("openai/o1-2024-12-17", "2024-12-17", 2, "2025-04-15", 12, 12, None),
    ("anthropic/claude-3-opus-20240229", "2024-02-29", 2, "2024-06-20", 20, 8, "2025-06-30"),
    ("anthropic/claude-3-haiku-20240307", "2024-03-07", 2, "2024-10-01", 25, 12, None),
    ("anthropic/claude-3.5-sonnet-20240620", "2024-06-20", 2, "2024-10-22", 10, 30, None),
    ("anthropic/claude-3.5-sonnet-20241022", "2024-10-22", 2, "2025-02-24", 10, 110, None),
    ("anthropic/claude-3.5-haiku-20241022", "2024-11-04", 2, "2025-05-01", 15, 22, None),
    ("google/gemini-pro-1.5-20240409", "2024-04-09", 2, "2024-10-01", 15, 12, None),
    ("google/gemini-flash-1.5-20240514", "2024-05-14", 2, "2024-12-11", 12, 45, "2025-09-29"),
    ("google/gemini-flash-1.5-8b-20241003", "2024-10-03", 2, "2025-02-05", 15, 20, None),
    ("google/gemini-2.0-flash-exp-20241211:free", "2024-12-11", 1, "2025-02-05", 6,
     55, "2025-03-24"),
    ("x-ai/grok-2-1212-20241212", "2024-12-12", 2, "2025-03-01", 10, 8, None),
    ("meta-llama/llama-3.1-8b-instruct-20240723", "2024-07-23", 2, "2025-01-01", 30, 18, None),
    ("meta-llama/llama-3.1-70b-instruct-20240723", "2024-07-23", 2, "2024-12-06", 15, 14, None),
    ("meta-llama/llama-3.1-405b-instruct-20240723", "2024-07-23", 2, "2024-12-06", 15, 8, None),
    ("meta-llama/llama-3.2-3b-instruct-20240925", "2024-09-25", 2, "2025-03-01", 25, 8, None),
    ("meta-llama/llama-3.2-11b-vision-instruct-20240925", "2024-09-25", 2, "2024-12-01", 20,
     6, None),
    ("meta-llama/llama-3.3-70b-instruct-20241206", "2024-12-06", 2, "2025-06-01", 30, 40, None),
    ("meta-llama/llama-3.3-70b-instruct-20241206:free", "2024-12-06", 2, "2025-04-01", 20,
     22, None),
    ("nvidia/llama-3.1-nemotron-70b-instruct-20241015", "2024-10-15", 2, "2025-02-01", 15, 9, None),
    ("microsoft/wizardlm-2-8x22b-20240415", "2024-04-15", 2, "2024-09-01", 25, 10, None),
    ("amazon/nova-micro-v1-20241203", "2024-12-03", 3, "2025-06-01", 20, 5, None),
    ("amazon/nova-lite-v1-20241203", "2024-12-03", 3, "2025-09-01", 25, 10, None),
    ("amazon/nova-pro-v1-20241203", "2024-12-03", 3, "2025-06-01", 20, 6, None),
    ("nousresearch/hermes-3-llama-3.1-405b-20240816", "2024-08-16", 2, "2025-03-01", 20, 8, None),
    ("nousresearch/hermes-3-llama-3.1-70b-20240816", "2024-08-16", 2, "2025-03-01", 20, 6, None),
    ("perplexity/llama-3.1-sonar-large-128k-online-20240731", "2024-07-31", 2, "2024-12-01", 20,
     10, "2025-02-24"),
    # --- United States: launched in the period ---
    ("openai/o3-mini-2025-01-31", "2025-01-31", 2, "2025-04-16", 12, 22, None),
    ("openai/gpt-4.1-mini-2025-04-14", "2025-04-14", 2, "2025-08-07", 20, 40, None),
    ("openai/gpt-oss-120b-2025-08-05", "2025-08-05", 2, "2025-12-01", 20, 40, None),
    ("openai/gpt-5-2025-08-07", "2025-08-07", 2, "2025-11-13", 12, 55, None),
    ("openai/gpt-5-mini-2025-08-07", "2025-08-07", 3, "2026-01-15", 20, 40, None),
    ("openai/gpt-5.1-2025-11-13", "2025-11-13", 2, "2025-12-11", 10, 45, None),
    ("openai/gpt-5.2-2025-12-11", "2025-12-11", 2, "2026-06-01", 20, 55, None),
    ("anthropic/claude-3.7-sonnet-20250224", "2025-02-24", 2, "2025-05-22", 10, 140, None),
    ("anthropic/claude-sonnet-4-20250522", "2025-05-22", 2, "2025-09-29", 8, 170, None),
    ("anthropic/claude-opus-4-20250522", "2025-05-22", 2, "2025-08-05", 8, 25, None),
    ("anthropic/claude-sonnet-4.5-20250929", "2025-09-29", 2, "2026-06-01", 20, 190, None),
    ("anthropic/claude-haiku-4.5-20251015", "2025-10-15", 3, "2026-06-01", 20, 45, None),
    ("anthropic/claude-opus-4.5-20251124", "2025-11-24", 2, "2026-06-01", 20, 80, None),
    ("google/gemini-2.0-flash-20250205", "2025-02-05", 2, "2025-06-17", 20, 90, None),
    ("google/gemma-3-27b-it-20250312", "2025-03-12", 2, "2025-08-01", 20, 12, None),
    ("google/gemma-3-27b-it-20250312:free", "2025-03-12", 1, "2025-06-01", 12, 12, None),
    ("google/gemini-2.5-pro-20250325", "2025-03-25", 2, "2025-11-18", 12, 70, None),
    ("google/gemini-2.5-flash-20250417", "2025-04-17", 3, "2026-01-15", 20, 110, None),
    ("google/gemini-3-pro-preview-20251118", "2025-11-18", 2, "2026-06-01", 15, 75, None),
    ("google/gemini-3-flash-preview-20251217", "2025-12-17", 2, "2026-06-01", 20, 95, None),
    ("x-ai/grok-4-20250709", "2025-07-09", 2, "2025-09-19", 8, 25, None),
    ("x-ai/grok-code-fast-1-20250826", "2025-08-26", 2, "2026-06-01", 20, 120, None),
    ("x-ai/grok-4-fast-20250919", "2025-09-19", 2, "2025-11-19", 12, 45, None),
    ("x-ai/grok-4-fast-20250919:free", "2025-09-19", 1, "2025-10-13", 5, 80, "2025-11-10"),
    ("x-ai/grok-4.1-fast-20251119", "2025-11-19", 2, "2026-06-01", 20, 60, None),
    ("meta-llama/llama-4-maverick-20250405", "2025-04-05", 2, "2025-06-15", 15, 28, None),
    ("nvidia/nemotron-nano-9b-v2-20250905", "2025-09-05", 3, "2026-06-01", 30, 14, None),
    ("microsoft/phi-4-20250110", "2025-01-10", 2, "2025-05-01", 20, 10, None),
    ("amazon/nova-2-lite-v1-20251202", "2025-12-02", 3, "2026-06-01", 25, 14, None),
    ("perplexity/sonar-20250127", "2025-01-27", 2, "2026-06-01", 40, 9, None),
    ("poolside/malibu-agent-20260203", "2026-02-03", 2, "2026-09-01", 25, 12, None),
    # --- China ---
    ("deepseek/deepseek-chat-v2.5-20240905", "2024-09-05", 2, "2024-12-26", 8, 20, None),
    ("deepseek/deepseek-chat-20241226", "2024-12-26", 2, "2025-03-24", 15, 100, None),
    ("deepseek/deepseek-r1-20250120", "2025-01-20", 1, "2025-05-28", 15, 90, None),
    ("deepseek/deepseek-r1-20250120:free", "2025-01-20", 1, "2025-05-28", 12, 70, None),
    ("deepseek/deepseek-chat-v3-20250324", "2025-03-24", 1, "2025-08-21", 20, 110, None),
    ("deepseek/deepseek-chat-v3-20250324:free", "2025-03-24", 1, "2025-08-21", 15, 120, None),
    ("deepseek/deepseek-r1-20250528", "2025-05-28", 1, "2025-08-21", 12, 50, None),
    ("deepseek/deepseek-chat-v3.1-20250821", "2025-08-21", 1, "2025-12-01", 15, 90, None),
    ("deepseek/deepseek-chat-v3.1-20250821:free", "2025-08-21", 1, "2025-09-29", 5,
     60, "2025-11-03"),
    ("deepseek/deepseek-v3.2-20251201", "2025-12-01", 1, "2026-06-01", 25, 95, None),
    ("deepseek/deepseek-v4-20260311", "2026-03-11", 1, "2026-09-01", 25, 300, None),
    ("deepseek/deepseek-v4-20260311:free", "2026-03-11", 1, "2026-04-30", 10, 220, None),
    ("qwen/qwen-2.5-7b-instruct-20240919", "2024-09-19", 2, "2025-03-01", 25, 8, None),
    ("qwen/qwen-2.5-72b-instruct-20240919", "2024-09-19", 2, "2025-04-28", 20, 25, None),
    ("qwen/qwen-2.5-coder-32b-instruct-20241111", "2024-11-11", 2, "2025-04-28", 20, 18, None),
    ("qwen/qwq-32b-preview-20241128", "2024-11-28", 2, "2025-03-05", 10, 10, None),
    ("qwen/qwq-32b-20250305", "2025-03-05", 2, "2025-04-28", 12, 15, None),
    ("qwen/qwen3-235b-a22b-20250428", "2025-04-28", 2, "2025-07-21", 12, 35, None),
    ("qwen/qwen3-235b-a22b-2507-20250721", "2025-07-21", 2, "2026-02-16", 20, 40, None),
    ("qwen/qwen3-coder-480b-a35b-20250722", "2025-07-22", 2, "2026-02-16", 20, 70, None),
    ("qwen/qwen3-coder-480b-a35b-20250722:free", "2025-07-22", 1, "2025-09-15", 8, 45, None),
    ("qwen/qwen3.5-plus-20260216", "2026-02-16", 2, "2026-09-01", 25, 80, None),
    ("thudm/glm-4-32b-20250414", "2025-04-14", 2, "2025-07-01", 15, 10, None),
    ("z-ai/glm-4.5-20250728", "2025-07-28", 2, "2025-09-30", 12, 45, None),
    ("z-ai/glm-4.5-air-20250728", "2025-07-28", 2, "2025-12-22", 20, 30, None),
    ("z-ai/glm-4.5-air-20250728:free", "2025-07-28", 1, "2025-10-15", 12, 30, None),
    ("z-ai/glm-4.6-20250930", "2025-09-30", 2, "2025-12-22", 10, 80, None),
    ("z-ai/glm-4.7-20251222", "2025-12-22", 2, "2026-02-11", 10, 90, None),
    ("z-ai/glm-5-20260211", "2026-02-11", 2, "2026-09-01", 25, 120, None),
    ("moonshotai/kimi-k2-20250711", "2025-07-11", 2, "2025-09-05", 10, 60, None),
    ("moonshotai/kimi-k2-0905-20250905", "2025-09-05", 2, "2025-11-06", 12, 50, None),
    ("moonshotai/kimi-k2-thinking-20251106", "2025-11-06", 2, "2026-01-27", 12, 45, None),
    ("moonshotai/kimi-k2.5-20260127", "2026-01-27", 2, "2026-09-01", 20, 110, None),
    ("minimax/minimax-01-20250115", "2025-01-15", 2, "2025-04-01", 15, 10, None),
    ("minimax/minimax-m2-20251027", "2025-10-27", 2, "2025-12-23", 10, 70, None),
    ("minimax/minimax-m2.1-20251223", "2025-12-23", 2, "2026-02-13", 10, 80, None),
    ("minimax/minimax-m2.5-20260213", "2026-02-13", 2, "2026-09-01", 25, 130, None),
    ("xiaomi/mimo-v2-flash-20251216", "2025-12-16", 2, "2026-09-01", 25, 40, None),
    ("xiaomi/mimo-v2-flash-20251216:free", "2025-12-16", 1, "2026-01-26", 6, 70, "2026-02-23"),
    ("stepfun/step-3.5-flash-20260202", "2026-02-02", 2, "2026-09-01", 25, 40, None),
    ("stepfun/step-3.5-flash-20260202:free", "2026-02-02", 1, "2026-04-30", 10, 60, None),
    ("tencent/hunyuan-a13b-instruct-20250627", "2025-06-27", 2, "2025-09-01", 15, 10, None),
    ("baidu/ernie-4.5-300b-a47b-20250630", "2025-06-30", 2, "2025-10-01", 15, 10, None),
    ("bytedance-seed/seed-1.6-20251223", "2025-12-23", 2, "2026-09-01", 25, 25, None),
    ("kwaipilot/kat-coder-pro-20251110", "2025-11-10", 2, "2026-03-01", 15, 20, None),
    ("meituan/longcat-flash-chat-20250901", "2025-09-01", 2, "2025-12-01", 15, 15, None),
    # --- Elsewhere (France, Canada, Germany, Israel) ---
    ("mistralai/mixtral-8x7b-instruct-20231210", "2023-12-10", 2, "2024-06-01", 25, 10, None),
    ("mistralai/mistral-7b-instruct-20240527", "2024-05-27", 2, "2024-09-01", 30, 20, None),
    ("mistralai/mistral-nemo-20240718", "2024-07-18", 2, "2025-06-01", 30, 40, None),
    ("mistralai/mistral-small-20240917", "2024-09-17", 2, "2025-01-30", 12, 10, None),
    ("mistralai/ministral-8b-20241017", "2024-10-17", 2, "2025-03-01", 20, 10, None),
    ("mistralai/mistral-large-2411-20241118", "2024-11-18", 2, "2025-05-07", 15, 15, None),
    ("mistralai/pixtral-large-2411-20241118", "2024-11-18", 2, "2025-02-01", 15, 8, None),
    ("mistralai/codestral-2501-20250114", "2025-01-14", 2, "2025-07-30", 15, 18, None),
    ("mistralai/mistral-small-24b-instruct-2501-20250130", "2025-01-30", 2, "2025-06-20", 20,
     25, None),
    ("mistralai/mistral-small-3.2-24b-instruct-20250620", "2025-06-20", 2, "2026-03-01", 25,
     35, None),
    ("mistralai/devstral-2-20251209", "2025-12-09", 2, "2026-09-01", 25, 40, None),
    ("cohere/command-r-08-2024-20240830", "2024-08-30", 2, "2024-12-01", 20, 8, None),
    ("cohere/command-r-plus-08-2024-20240830", "2024-08-30", 2, "2024-12-01", 20, 8, None),
    ("cohere/command-a-20250313", "2025-03-13", 2, "2025-12-01", 25, 10, None),
    ("tngtech/deepseek-r1t2-chimera-20250708", "2025-07-08", 2, "2025-12-01", 20, 12, None),
    ("tngtech/deepseek-r1t2-chimera-20250708:free", "2025-07-08", 2, "2026-03-01", 20, 45, None),
    ("ai21/jamba-1.5-large-20240822", "2024-08-22", 2, "2024-12-01", 20, 5, None),
    # --- Unattributed: cloaked models and an author missing from the registry ---
    ("openrouter/nebula-alpha", "2025-07-28", 1, "2025-09-08", 3, 900, "2025-09-22"),
    ("openrouter/aurora-alpha", "2026-01-12", 1, "2026-02-09", 2, 1100, "2026-02-23"),
    ("newlab/atlas-32b-20251103", "2025-11-03", 3, "2026-09-01", 30, 90, None),
)

# Retired: ranked in 2025 but gone from the 2026-04-09 catalogue (cloaked models are absent too).
RETIRED = frozenset({
    "anthropic/claude-3-opus-20240229",
    "google/gemini-flash-1.5-20240514",
    "google/gemini-2.0-flash-exp-20241211",
    "perplexity/llama-3.1-sonar-large-128k-online-20240731",
})

# Catalogue entries: canonical slug, name (after "Author: "), context length, max completion
# tokens, USD per million prompt / completion tokens, Hugging Face id ("" = closed weights),
# extra input modalities, reasoning model.
CATALOGUE = (
    ("openai/gpt-3.5-turbo-2024-01-25", "GPT-3.5 Turbo", 16385, 4096, "0.5", "1.5", "", "", 0),
    ("openai/gpt-4-turbo-2024-04-09", "GPT-4 Turbo", 128000, 4096, "10", "30", "", "image", 0),
    ("openai/gpt-4o-2024-05-13", "GPT-4o (2024-05-13)", 128000, 4096, "5", "15", "", "image", 0),
    ("openai/gpt-4o-2024-11-20", "GPT-4o (2024-11-20)", 128000, 16384, "2.5", "10", "",
     "image,file", 0),
    ("openai/gpt-4o-mini-2024-07-18", "GPT-4o-mini", 128000, 16384, "0.15", "0.6", "",
     "image,file", 0),
    ("openai/o1-2024-12-17", "o1", 200000, 100000, "15", "60", "", "image,file", 1),
    ("openai/o3-mini-2025-01-31", "o3 Mini", 200000, 100000, "1.1", "4.4", "", "file", 1),
    ("openai/gpt-4.1-2025-04-14", "GPT-4.1", 1047576, 32768, "2", "8", "", "image,file", 0),
    ("openai/gpt-4.1-mini-2025-04-14", "GPT-4.1 Mini", 1047576, 32768, "0.4", "1.6", "",
     "image,file", 0),
    ("openai/o4-mini-2025-04-16", "o4 Mini", 200000, 100000, "1.1", "4.4", "", "image,file", 1),
    ("openai/gpt-oss-120b-2025-08-05", "gpt-oss-120b", 131072, 32768, "0.05", "0.25",
     "openai/gpt-oss-120b", "", 1),
    ("openai/gpt-oss-20b-2025-08-05", "gpt-oss-20b", 131072, 32768, "0.03", "0.15",
     "openai/gpt-oss-20b", "", 1),
    ("openai/gpt-5-2025-08-07", "GPT-5", 400000, 128000, "1.25", "10", "", "image,file", 1),
    ("openai/gpt-5-mini-2025-08-07", "GPT-5 Mini", 400000, 128000, "0.25", "2", "",
     "image,file", 1),
    ("openai/gpt-5.1-2025-11-13", "GPT-5.1", 400000, 128000, "1.25", "10", "", "image,file", 1),
    ("openai/gpt-5.2-2025-12-11", "GPT-5.2", 400000, 128000, "1.75", "14", "", "image,file", 1),
    ("openai/gpt-5-image-mini-2025-10-16", "GPT-5 Image Mini", 400000, 128000, "2.5", "2", "",
     "image,file", 1),
    ("anthropic/claude-3-haiku-20240307", "Claude 3 Haiku", 200000, 4096, "0.25", "1.25", "",
     "image", 0),
    ("anthropic/claude-3.5-sonnet-20240620", "Claude 3.5 Sonnet (2024-06-20)", 200000, 8192,
     "3", "15", "", "image", 0),
    ("anthropic/claude-3.5-sonnet-20241022", "Claude 3.5 Sonnet", 200000, 8192, "3", "15", "",
     "image,file", 0),
    ("anthropic/claude-3.5-haiku-20241022", "Claude 3.5 Haiku", 200000, 8192, "0.8", "4", "",
     "image", 0),
    ("anthropic/claude-3.7-sonnet-20250224", "Claude 3.7 Sonnet", 200000, 64000, "3", "15", "",
     "image,file", 1),
    ("anthropic/claude-sonnet-4-20250522", "Claude Sonnet 4", 1000000, 64000, "3", "15", "",
     "image,file", 1),
    ("anthropic/claude-opus-4-20250522", "Claude Opus 4", 200000, 32000, "15", "75", "",
     "image,file", 1),
    ("anthropic/claude-opus-4.1-20250805", "Claude Opus 4.1", 200000, 32000, "15", "75", "",
     "image,file", 1),
    ("anthropic/claude-sonnet-4.5-20250929", "Claude Sonnet 4.5", 1000000, 64000, "3", "15", "",
     "image,file", 1),
    ("anthropic/claude-haiku-4.5-20251015", "Claude Haiku 4.5", 200000, 64000, "1", "5", "",
     "image,file", 1),
    ("anthropic/claude-opus-4.5-20251124", "Claude Opus 4.5", 200000, 64000, "5", "25", "",
     "image,file", 1),
    ("google/gemini-flash-1.5-8b-20241003", "Gemini 1.5 Flash 8B", 1000000, 8192, "0.0375",
     "0.15", "", "image", 0),
    ("google/gemini-2.0-flash-20250205", "Gemini 2.0 Flash", 1048576, 8192, "0.1", "0.4", "",
     "image,file,audio", 0),
    ("google/gemini-2.0-flash-lite-20250225", "Gemini 2.0 Flash Lite", 1048576, 8192, "0.075",
     "0.3", "", "image,file,audio", 0),
    ("google/gemma-3-27b-it-20250312", "Gemma 3 27B", 131072, 16384, "0.09", "0.16",
     "google/gemma-3-27b-it", "image", 0),
    ("google/gemini-2.5-pro-20250325", "Gemini 2.5 Pro", 1048576, 65536, "1.25", "10", "",
     "image,file,audio", 1),
    ("google/gemini-2.5-flash-20250417", "Gemini 2.5 Flash", 1048576, 65535, "0.3", "2.5", "",
     "image,file,audio", 1),
    ("google/gemini-2.5-flash-lite-20250722", "Gemini 2.5 Flash Lite", 1048576, 65535, "0.1",
     "0.4", "", "image,file,audio", 1),
    ("google/gemini-2.5-flash-image-20250826", "Gemini 2.5 Flash Image", 32768, 8192, "0.3",
     "2.5", "", "image", 0),
    ("google/gemini-3-pro-preview-20251118", "Gemini 3 Pro Preview", 1048576, 65536, "2", "12",
     "", "image,file,audio", 1),
    ("google/gemini-3-flash-preview-20251217", "Gemini 3 Flash Preview", 1048576, 65536, "0.5",
     "3", "", "image,file,audio", 1),
    ("x-ai/grok-2-1212-20241212", "Grok 2 1212", 131072, 0, "2", "10", "", "", 0),
    ("x-ai/grok-3-beta-20250409", "Grok 3 Beta", 131072, 0, "3", "15", "", "", 0),
    ("x-ai/grok-3-mini-beta-20250409", "Grok 3 Mini Beta", 131072, 0, "0.3", "0.5", "", "", 1),
    ("x-ai/grok-4-20250709", "Grok 4", 256000, 0, "3", "15", "", "image,file", 1),
    ("x-ai/grok-code-fast-1-20250826", "Grok Code Fast 1", 256000, 10000, "0.2", "1.5", "", "",
     1),
    ("x-ai/grok-4-fast-20250919", "Grok 4 Fast", 2000000, 30000, "0.2", "0.5", "", "image", 1),
    ("x-ai/grok-4.1-fast-20251119", "Grok 4.1 Fast", 2000000, 30000, "0.2", "0.5", "", "image",
     1),
    ("meta-llama/llama-3.1-8b-instruct-20240723", "Llama 3.1 8B Instruct", 131072, 16384, "0.02",
     "0.03", "meta-llama/Llama-3.1-8B-Instruct", "", 0),
    ("meta-llama/llama-3.1-70b-instruct-20240723", "Llama 3.1 70B Instruct", 131072, 16384,
     "0.1", "0.28", "meta-llama/Llama-3.1-70B-Instruct", "", 0),
    ("meta-llama/llama-3.1-405b-instruct-20240723", "Llama 3.1 405B Instruct", 131072, 16384,
     "0.8", "0.8", "meta-llama/Llama-3.1-405B-Instruct", "", 0),
    ("meta-llama/llama-3.2-3b-instruct-20240925", "Llama 3.2 3B Instruct", 131072, 16384,
     "0.015", "0.025", "meta-llama/Llama-3.2-3B-Instruct", "", 0),
    ("meta-llama/llama-3.3-70b-instruct-20241206", "Llama 3.3 70B Instruct", 131072, 16384,
     "0.04", "0.12", "meta-llama/Llama-3.3-70B-Instruct", "", 0),
    ("meta-llama/llama-4-maverick-20250405", "Llama 4 Maverick", 1048576, 16384, "0.15", "0.6",
     "meta-llama/Llama-4-Maverick-17B-128E-Instruct", "image", 0),
    ("meta-llama/llama-4-scout-20250405", "Llama 4 Scout", 327680, 16384, "0.08", "0.3",
     "meta-llama/Llama-4-Scout-17B-16E-Instruct", "image", 0),
    ("nvidia/llama-3.1-nemotron-70b-instruct-20241015", "Llama 3.1 Nemotron 70B Instruct",
     131072, 16384, "1.2", "1.2", "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", "", 0),
    ("nvidia/nemotron-nano-9b-v2-20250905", "Nemotron Nano 9B V2", 131072, 16384, "0.04",
     "0.16", "nvidia/NVIDIA-Nemotron-Nano-9B-v2", "", 1),
    ("nvidia/nemotron-3-nano-30b-a3b-20251215", "Nemotron 3 Nano 30B A3B", 262144, 32768, "0.06",
     "0.24", "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B", "", 1),
    ("microsoft/wizardlm-2-8x22b-20240415", "WizardLM-2 8x22B", 65536, 16384, "0.48", "0.48",
     "microsoft/WizardLM-2-8x22B", "", 0),
    ("microsoft/phi-4-20250110", "Phi 4", 16384, 16384, "0.06", "0.14", "microsoft/phi-4", "",
     0),
    ("microsoft/mai-ds-r1-20250420", "MAI DS R1", 163840, 32768, "0.3", "1.2",
     "microsoft/MAI-DS-R1", "", 1),
    ("amazon/nova-micro-v1-20241203", "Nova Micro 1.0", 128000, 5120, "0.035", "0.14", "", "",
     0),
    ("amazon/nova-lite-v1-20241203", "Nova Lite 1.0", 300000, 5120, "0.06", "0.24", "", "image",
     0),
    ("amazon/nova-pro-v1-20241203", "Nova Pro 1.0", 300000, 5120, "0.8", "3.2", "", "image", 0),
    ("amazon/nova-2-lite-v1-20251202", "Nova 2 Lite", 1000000, 65535, "0.3", "2.5", "",
     "image,file", 1),
    ("perplexity/sonar-20250127", "Sonar", 127072, 0, "1", "1", "", "image", 0),
    ("arcee-ai/trinity-mini-20251201", "Trinity Mini", 131072, 32768, "0.045", "0.15",
     "arcee-ai/Trinity-Mini", "", 1),
    ("ibm-granite/granite-4.0-h-micro-20251002", "Granite 4.0 Micro", 131072, 16384, "0.017",
     "0.11", "ibm-granite/granite-4.0-h-micro", "", 0),
    ("allenai/olmo-3-32b-think-20251120", "Olmo 3 32B Think", 65536, 65536, "0.2", "0.35",
     "allenai/Olmo-3-32B-Think", "", 1),
    ("nousresearch/hermes-3-llama-3.1-405b-20240816", "Hermes 3 405B Instruct", 131072, 16384,
     "1", "1", "NousResearch/Hermes-3-Llama-3.1-405B", "", 0),
    ("nousresearch/hermes-3-llama-3.1-70b-20240816", "Hermes 3 70B Instruct", 131072, 16384,
     "0.3", "0.3", "NousResearch/Hermes-3-Llama-3.1-70B", "", 0),
    ("nousresearch/hermes-4-405b-20250826", "Hermes 4 405B", 131072, 16384, "1", "3",
     "NousResearch/Hermes-4-405B", "", 1),
    ("liquid/lfm2-8b-a1b-20251020", "LFM2-8B-A1B", 32768, 16384, "0.05", "0.1",
     "LiquidAI/LFM2-8B-A1B", "", 0),
    ("inception/mercury-coder-20250430", "Mercury Coder", 128000, 16384, "0.25", "1", "", "", 0),
    ("inception/mercury-20250626", "Mercury", 128000, 16384, "0.25", "1", "", "", 0),
    ("deepcogito/cogito-v2-preview-llama-405b-20250731", "Cogito V2 Preview Llama 405B", 32768,
     16384, "3.5", "3.5", "deepcogito/cogito-v2-preview-llama-405B", "", 1),
    ("poolside/malibu-agent-20260203", "Malibu Agent", 262144, 32768, "0.5", "2", "", "", 1),
    ("deepseek/deepseek-chat-20241226", "DeepSeek V3", 163840, 163840, "0.3", "0.85",
     "deepseek-ai/DeepSeek-V3", "", 0),
    ("deepseek/deepseek-r1-20250120", "R1", 163840, 163840, "0.4", "2",
     "deepseek-ai/DeepSeek-R1", "", 1),
    ("deepseek/deepseek-r1-distill-llama-70b-20250123", "R1 Distill Llama 70B", 131072, 16384,
     "0.03", "0.13", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "", 1),
    ("deepseek/deepseek-chat-v3-20250324", "DeepSeek V3 0324", 163840, 163840, "0.24", "0.84",
     "deepseek-ai/DeepSeek-V3-0324", "", 0),
    ("deepseek/deepseek-r1-20250528", "R1 0528", 163840, 163840, "0.4", "1.75",
     "deepseek-ai/DeepSeek-R1-0528", "", 1),
    ("deepseek/deepseek-chat-v3.1-20250821", "DeepSeek V3.1", 163840, 163840, "0.2", "0.8",
     "deepseek-ai/DeepSeek-V3.1", "", 1),
    ("deepseek/deepseek-v3.2-exp-20250929", "DeepSeek V3.2 Exp", 163840, 65536, "0.27", "0.4",
     "deepseek-ai/DeepSeek-V3.2-Exp", "", 1),
    ("deepseek/deepseek-v3.2-20251201", "DeepSeek V3.2", 163840, 65536, "0.25", "0.38",
     "deepseek-ai/DeepSeek-V3.2", "", 1),
    ("deepseek/deepseek-v4-20260311", "DeepSeek V4", 262144, 65536, "0.3", "0.5",
     "deepseek-ai/DeepSeek-V4", "", 1),
    ("qwen/qwen-2.5-7b-instruct-20240919", "Qwen2.5 7B Instruct", 32768, 16384, "0.04", "0.1",
     "Qwen/Qwen2.5-7B-Instruct", "", 0),
    ("qwen/qwen-2.5-72b-instruct-20240919", "Qwen2.5 72B Instruct", 32768, 16384, "0.07",
     "0.26", "Qwen/Qwen2.5-72B-Instruct", "", 0),
    ("qwen/qwen-2.5-coder-32b-instruct-20241111", "Qwen2.5 Coder 32B Instruct", 32768, 16384,
     "0.04", "0.16", "Qwen/Qwen2.5-Coder-32B-Instruct", "", 0),
    ("qwen/qwen-max-20250128", "Qwen-Max", 32768, 8192, "1.6", "6.4", "", "", 0),
    ("qwen/qwen2.5-vl-72b-instruct-20250201", "Qwen2.5 VL 72B Instruct", 32768, 16384, "0.08",
     "0.33", "Qwen/Qwen2.5-VL-72B-Instruct", "image", 0),
    ("qwen/qwq-32b-20250305", "QwQ 32B", 131072, 16384, "0.15", "0.4", "Qwen/QwQ-32B", "", 1),
    ("qwen/qwen3-235b-a22b-20250428", "Qwen3 235B A22B", 131072, 16384, "0.18", "0.54",
     "Qwen/Qwen3-235B-A22B", "", 1),
    ("qwen/qwen3-30b-a3b-20250428", "Qwen3 30B A3B", 131072, 16384, "0.06", "0.22",
     "Qwen/Qwen3-30B-A3B", "", 1),
    ("qwen/qwen3-235b-a22b-2507-20250721", "Qwen3 235B A22B Instruct 2507", 262144, 16384,
     "0.08", "0.55", "Qwen/Qwen3-235B-A22B-Instruct-2507", "", 0),
    ("qwen/qwen3-coder-480b-a35b-20250722", "Qwen3 Coder 480B A35B", 262144, 65536, "0.22",
     "0.95", "Qwen/Qwen3-Coder-480B-A35B-Instruct", "", 0),
    ("qwen/qwen3-max-20250905", "Qwen3 Max", 262144, 32768, "1.2", "6", "", "", 0),
    ("qwen/qwen3-next-80b-a3b-instruct-20250911", "Qwen3 Next 80B A3B Instruct", 262144, 65536,
     "0.1", "0.8", "Qwen/Qwen3-Next-80B-A3B-Instruct", "", 0),
    ("qwen/qwen3-vl-235b-a22b-instruct-20250923", "Qwen3 VL 235B A22B Instruct", 262144, 32768,
     "0.2", "0.88", "Qwen/Qwen3-VL-235B-A22B-Instruct", "image", 0),
    ("qwen/qwen3.5-plus-20260216", "Qwen3.5 Plus", 1000000, 65536, "0.4", "2.4", "",
     "image", 1),
    ("alibaba/tongyi-deepresearch-30b-a3b-20250917", "Tongyi DeepResearch 30B A3B", 131072,
     131072, "0.09", "0.4", "Alibaba-NLP/Tongyi-DeepResearch-30B-A3B", "", 1),
    ("thudm/glm-4-32b-20250414", "GLM 4 32B", 32768, 16384, "0.24", "0.24",
     "THUDM/GLM-4-32B-0414", "", 0),
    ("z-ai/glm-4.5-20250728", "GLM 4.5", 131072, 98304, "0.35", "1.55", "zai-org/GLM-4.5", "",
     1),
    ("z-ai/glm-4.5-air-20250728", "GLM 4.5 Air", 131072, 98304, "0.13", "0.85",
     "zai-org/GLM-4.5-Air", "", 1),
    ("z-ai/glm-4.6-20250930", "GLM 4.6", 202752, 131072, "0.4", "1.75", "zai-org/GLM-4.6", "",
     1),
    ("z-ai/glm-4.7-20251222", "GLM 4.7", 202752, 131072, "0.4", "1.5", "zai-org/GLM-4.7", "", 1),
    ("z-ai/glm-5-20260211", "GLM 5", 202752, 131072, "0.8", "2.56", "zai-org/GLM-5", "", 1),
    ("moonshotai/kimi-k2-20250711", "Kimi K2", 131072, 131072, "0.5", "2.4",
     "moonshotai/Kimi-K2-Instruct", "", 0),
    ("moonshotai/kimi-k2-0905-20250905", "Kimi K2 0905", 262144, 262144, "0.39", "1.9",
     "moonshotai/Kimi-K2-Instruct-0905", "", 0),
    ("moonshotai/kimi-k2-thinking-20251106", "Kimi K2 Thinking", 262144, 262144, "0.45", "2.35",
     "moonshotai/Kimi-K2-Thinking", "", 1),
    ("moonshotai/kimi-k2.5-20260127", "Kimi K2.5", 262144, 262144, "0.5", "2.5",
     "moonshotai/Kimi-K2.5", "image", 1),
    ("minimax/minimax-01-20250115", "MiniMax-01", 1000192, 1000192, "0.2", "1.1",
     "MiniMaxAI/MiniMax-Text-01", "image", 0),
    ("minimax/minimax-m1-20250617", "MiniMax M1", 1000000, 40000, "0.4", "2.2",
     "MiniMaxAI/MiniMax-M1-80k", "", 1),
    ("minimax/minimax-m2-20251027", "MiniMax M2", 196608, 131072, "0.255", "1.02",
     "MiniMaxAI/MiniMax-M2", "", 1),
    ("minimax/minimax-m2.1-20251223", "MiniMax M2.1", 196608, 131072, "0.3", "1.2",
     "MiniMaxAI/MiniMax-M2.1", "", 1),
    ("minimax/minimax-m2.5-20260213", "MiniMax M2.5", 196608, 131072, "0.3", "1.2",
     "MiniMaxAI/MiniMax-M2.5", "", 1),
    ("xiaomi/mimo-v2-flash-20251216", "MiMo-V2-Flash", 262144, 65536, "0.1", "0.3",
     "XiaomiMiMo/MiMo-V2-Flash", "", 1),
    ("stepfun-ai/step3-20250731", "Step3", 65536, 65536, "0.57", "1.42", "stepfun-ai/step3",
     "image", 1),
    ("stepfun/step-3.5-flash-20260202", "Step 3.5 Flash", 262144, 65536, "0.1", "0.4",
     "stepfun-ai/Step-3.5-Flash", "", 1),
    ("tencent/hunyuan-a13b-instruct-20250627", "Hunyuan A13B Instruct", 32768, 16384, "0.14",
     "0.57", "tencent/Hunyuan-A13B-Instruct", "", 1),
    ("baidu/ernie-4.5-300b-a47b-20250630", "ERNIE 4.5 300B A47B", 123000, 12000, "0.28", "1.1",
     "baidu/ERNIE-4.5-300B-A47B-PT", "", 0),
    ("baidu/ernie-4.5-21b-a3b-thinking-20250930", "ERNIE 4.5 21B A3B Thinking", 131072, 65536,
     "0.07", "0.28", "baidu/ERNIE-4.5-21B-A3B-Thinking", "", 1),
    ("bytedance/ui-tars-1.5-7b-20250722", "UI-TARS 7B", 128000, 2048, "0.1", "0.2",
     "ByteDance-Seed/UI-TARS-1.5-7B", "image", 0),
    ("bytedance-seed/seed-1.6-20251223", "Seed 1.6", 262144, 32768, "0.25", "2", "",
     "image,video", 1),
    ("inclusionai/ling-1t-20251009", "Ling-1T", 131072, 131072, "0.57", "2.28",
     "inclusionAI/Ling-1T", "", 0),
    ("inclusionai/ring-1t-20251014", "Ring 1T", 131072, 131072, "0.57", "2.28",
     "inclusionAI/Ring-1T", "", 1),
    ("meituan/longcat-flash-chat-20250901", "LongCat Flash Chat", 131072, 131072, "0.15",
     "0.75", "meituan-longcat/LongCat-Flash-Chat", "", 0),
    ("kwaipilot/kat-coder-pro-20251110", "KAT-Coder-Pro V1", 256000, 128000, "0.3", "1.2", "",
     "", 0),
    ("nex-agi/deepseek-v3.1-nex-n1-20251205", "DeepSeek V3.1 Nex N1", 131072, 163840, "0.27",
     "1", "nex-agi/DeepSeek-V3.1-Nex-N1", "", 0),
    ("opengvlab/internvl3-78b-20250411", "InternVL3 78B", 32768, 32768, "0.1", "0.39",
     "OpenGVLab/InternVL3-78B", "image", 0),
    ("mistralai/mixtral-8x7b-instruct-20231210", "Mixtral 8x7B Instruct", 32768, 16384, "0.54",
     "0.54", "mistralai/Mixtral-8x7B-Instruct-v0.1", "", 0),
    ("mistralai/mistral-7b-instruct-20240527", "Mistral 7B Instruct", 32768, 16384, "0.028",
     "0.054", "mistralai/Mistral-7B-Instruct-v0.3", "", 0),
    ("mistralai/mistral-nemo-20240718", "Mistral Nemo", 131072, 16384, "0.02", "0.04",
     "mistralai/Mistral-Nemo-Instruct-2407", "", 0),
    ("mistralai/ministral-8b-20241017", "Ministral 8B", 131072, 16384, "0.1", "0.1", "", "", 0),
    ("mistralai/mistral-large-2411-20241118", "Mistral Large 2411", 131072, 16384, "2", "6", "",
     "", 0),
    ("mistralai/codestral-2501-20250114", "Codestral 2501", 262144, 16384, "0.3", "0.9", "", "",
     0),
    ("mistralai/mistral-small-24b-instruct-2501-20250130", "Mistral Small 3", 32768, 16384,
     "0.05", "0.08", "mistralai/Mistral-Small-24B-Instruct-2501", "", 0),
    ("mistralai/mistral-medium-3-20250507", "Mistral Medium 3", 131072, 16384, "0.4", "2", "",
     "image", 0),
    ("mistralai/devstral-small-20250521", "Devstral Small", 131072, 16384, "0.07", "0.28",
     "mistralai/Devstral-Small-2505", "", 0),
    ("mistralai/mistral-small-3.2-24b-instruct-20250620", "Mistral Small 3.2 24B", 131072,
     16384, "0.06", "0.18", "mistralai/Mistral-Small-3.2-24B-Instruct-2506", "image", 0),
    ("mistralai/mistral-medium-3.1-20250813", "Mistral Medium 3.1", 131072, 16384, "0.4", "2",
     "", "image", 0),
    ("mistralai/mistral-large-3-20251202", "Mistral Large 3", 262144, 32768, "0.5", "1.5",
     "mistralai/Mistral-Large-3-675B-Instruct-2512", "image", 0),
    ("mistralai/devstral-2-20251209", "Devstral 2", 262144, 65536, "0.4", "2",
     "mistralai/Devstral-2-123B-Instruct-2512", "", 0),
    ("cohere/command-r-plus-08-2024-20240830", "Command R+ (08-2024)", 128000, 4000, "2.5", "10",
     "", "", 0),
    ("cohere/command-a-20250313", "Command A", 256000, 8192, "2.5", "10",
     "CohereForAI/c4ai-command-a-03-2025", "", 0),
    ("tngtech/deepseek-r1t2-chimera-20250708", "DeepSeek R1T2 Chimera", 163840, 163840, "0.3",
     "1.2", "tngtech/DeepSeek-TNG-R1T2-Chimera", "", 1),
    ("upstage/solar-pro-3-20260126", "Solar Pro 3", 131072, 32768, "0.15", "0.6", "", "", 1),
    ("ai21/jamba-1.5-large-20240822", "Jamba 1.5 Large", 256000, 4096, "2", "8",
     "ai21labs/AI21-Jamba-1.5-Large", "", 0),
    ("ai21/jamba-large-1.7-20250707", "Jamba Large 1.7", 256000, 4096, "2", "8",
     "ai21labs/AI21-Jamba-Large-1.7", "", 0),
    ("ai21/jamba-mini-1.7-20250707", "Jamba Mini 1.7", 256000, 4096, "0.2", "0.4",
     "ai21labs/AI21-Jamba-Mini-1.7", "", 0),
    ("aion-labs/aion-1.0-20250205", "Aion-1.0", 131072, 32768, "4", "8", "", "", 1),
    ("newlab/atlas-32b-20251103", "Atlas 32B", 131072, 32768, "0.08", "0.3", "newlab/Atlas-32B",
     "", 0),
    ("openai/chatgpt-4o-latest-20240813", "ChatGPT-4o", 128000, 16384, "5", "15", "", "image", 0),
    ("openai/o1-mini-2024-09-12", "o1-mini", 128000, 65536, "1.1", "4.4", "", "", 1),
    ("google/gemini-pro-1.5-20240409", "Gemini 1.5 Pro", 2000000, 8192, "1.25", "5", "",
     "image", 0),
    ("meta-llama/llama-3.2-11b-vision-instruct-20240925", "Llama 3.2 11B Vision Instruct", 131072,
     16384, "0.049", "0.049", "meta-llama/Llama-3.2-11B-Vision-Instruct", "image", 0),
    ("deepseek/deepseek-chat-v2.5-20240905", "DeepSeek V2.5", 128000, 8192, "2", "2",
     "deepseek-ai/DeepSeek-V2.5", "", 0),
    ("qwen/qwq-32b-preview-20241128", "QwQ 32B Preview", 32768, 16384, "0.2", "0.2",
     "Qwen/QwQ-32B-Preview", "", 1),
    ("mistralai/mistral-small-20240917", "Mistral Small", 32768, 16384, "0.2", "0.6", "", "", 0),
    ("mistralai/pixtral-large-2411-20241118", "Pixtral Large 2411", 131072, 16384, "2", "6",
     "mistralai/Pixtral-Large-Instruct-2411", "image", 0),
    ("cohere/command-r-08-2024-20240830", "Command R (08-2024)", 128000, 4000, "0.15", "0.6", "",
     "", 0),
)

TOKENIZERS = {
    "openai": "GPT", "anthropic": "Claude", "google": "Gemini", "x-ai": "Grok",
    "amazon": "Nova", "deepseek": "DeepSeek", "qwen": "Qwen", "alibaba": "Qwen",
    "mistralai": "Mistral", "cohere": "Cohere", "tngtech": "DeepSeek", "nex-agi": "DeepSeek",
}
LLAMA_TOKENIZED = ("meta-llama/", "nvidia/llama", "nousresearch/", "deepcogito/", "perplexity/")
MODERATED = ("openai", "anthropic")
IMAGE_OUTPUT = frozenset({
    "google/gemini-2.5-flash-image-20250826",
    "openai/gpt-5-image-mini-2025-10-16",
})


# ----------------------------------------------------------------------------- helpers


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _week_start(index: int, first: date = FIRST_WEEK) -> date:
    return first + timedelta(days=7 * index)


def _week_index(day: date) -> float:
    return (day - FIRST_WEEK).days / 7


def _jitter(rng: random.Random, spread: float) -> float:
    """1 +/- spread, bell-shaped (sum of three uniforms): only basic arithmetic on floats."""
    return 1.0 + spread * (rng.random() + rng.random() + rng.random() - 1.5) / 1.5


def _group_target(index: int, column: int) -> float:
    """Full-week tokens (trillions) of one group in week `index`, interpolated between anchors."""
    points = [(_week_index(_day(row[0])), row[column]) for row in GROUP_ANCHORS]
    if index <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= index <= x1:
            return y0 + (y1 - y0) * (index - x0) / (x1 - x0)
    return points[-1][1]


def _lifecycle(index: int, launch: str, ramp: int, peak_end: str, half: int,
               last: str | None, first: date = FIRST_WEEK) -> float:
    """Relative popularity in week `index` (0 = not served): ramp up, plateau, slow decay."""
    start = _week_start(index, first)
    end = start + timedelta(days=7)
    days_live = (end - _day(launch)).days
    if days_live <= 0:
        return 0.0
    served = 1.0
    if last is not None:
        stop = _day(last)
        if stop <= start:
            return 0.0
        if stop < end:
            served = (stop - start).days / 7
    level = min(1.0, days_live / (7 * ramp))
    past_peak = ((start - _day(peak_end)).days + 3.5) / 7
    if past_peak > 0:
        x = past_peak / half
        level = level / (1.0 + x + 0.5 * x * x)  # halves after about 0.73 half-times
        if level < FADED:
            return 0.0  # faded out: what little use is left lives in the long tail (`other`)
    return level * served


def _rows_sorted(pool: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(pool, key=lambda item: (-item[1], item[0]))


def _bucket(week: date, pool: list[tuple[str, int]], tail: int) -> list[dict]:
    """Top 50 model rows by tokens, then one `other` row with everything else."""
    ranked = _rows_sorted([item for item in pool if item[1] > 0])
    top, rest = ranked[:TOP_N], ranked[TOP_N:]
    other = tail + sum(tokens for _, tokens in rest)
    rows = [_row(week, slug, tokens) for slug, tokens in top]
    rows.append(_row(week, "other", other))
    return rows


def _row(week: date, slug: str, tokens: int) -> dict:
    return {"date": week.isoformat(), "model_permaslug": slug, "total_tokens": str(tokens)}


def _group_of(slug: str) -> str:
    return AUTHORS[slug.split("/", 1)[0]][2]


# ----------------------------------------------------------------------------- simulation


def simulate(rng: random.Random) -> tuple[list[list[tuple[str, int]]], list[int]]:
    """Tokens of every ranked model in every week (full pool, before the top-50 cut) and the
    long-tail tokens that only ever appear in `other`."""
    columns = {"US": 1, "CN": 2, "EU+": 3}
    pools: list[list[tuple[str, int]]] = []
    tails: list[int] = []
    for index in range(WEEKS):
        level = {}
        for slug, launch, ramp, peak_end, half, weight, last in LIFECYCLES:
            noise = _jitter(rng, 0.18)
            level[slug] = weight * _lifecycle(index, launch, ramp, peak_end, half, last) * noise
        targets = {g: _group_target(index, c) * T * _jitter(rng, 0.03) for g, c in columns.items()}
        sums = {g: 0.0 for g in columns}
        for slug, *_ in LIFECYCLES:
            group = _group_of(slug)
            if group in sums:
                sums[group] += level[slug]
        pool = []
        for slug, *_ in LIFECYCLES:
            group = _group_of(slug)
            if group in sums:
                tokens = targets[group] * level[slug] / sums[group]
            else:
                tokens = level[slug] * 1_000_000_000  # absolute, weight in billions
            pool.append((slug, int(tokens)))
        modelled = sum(tokens for _, tokens in pool)
        share = 0.035 + 0.025 * rng.random()  # the long tail: 3.5-6 % of the week's total
        tail = int(modelled * share / (1 - share))
        if index == WEEKS - 1:  # in progress: only Monday to Wednesday so far
            pool = [(slug, tokens * 3 // 7) for slug, tokens in pool]
            tail = tail * 3 // 7
        pools.append(pool)
        tails.append(tail)
    return pools, tails


def restate(rng: random.Random, pool: list[tuple[str, int]], tail: int
            ) -> tuple[list[tuple[str, int]], int]:
    """A later refresh of one week: a few models' figures move by a fraction of a percent."""
    ranked = _rows_sorted(pool)
    changed = {ranked[i][0] for i in (1, 4, 9, 17, 30)}
    out = []
    for slug, tokens in pool:
        if slug in changed:
            tokens = int(tokens * (1 + (0.003 + 0.012 * rng.random()) * rng.choice((-1, 1))))
        out.append((slug, tokens))
    return out, int(tail * 1.004)


# ----------------------------------------------------------------------------- catalogue


def _per_token(per_million: str) -> str:
    value = (Decimal(per_million) / Decimal(1_000_000)).normalize()
    return format(value, "f") if value else "0"


# Where stripping the date would give two catalogue entries the same id, the later one keeps a
# version in its id, as OpenRouter does.
MODEL_IDS = {
    "openai/gpt-4o-2024-11-20": "openai/gpt-4o-2024-11-20",
    "anthropic/claude-3.5-sonnet-20240620": "anthropic/claude-3.5-sonnet-20240620",
    "deepseek/deepseek-chat-v3-20250324": "deepseek/deepseek-chat-v3-0324",
    "deepseek/deepseek-r1-20250528": "deepseek/deepseek-r1-0528",
}


def _model_id(canonical: str) -> str:
    """The undated id OpenRouter serves a model under (canonical slugs carry a date)."""
    if canonical in MODEL_IDS:
        return MODEL_IDS[canonical]
    tail = canonical.rsplit("-", 1)[-1]
    if len(tail) == 8 and tail.isdigit():
        return canonical[:-9]
    if len(canonical) > 11 and canonical[-11] == "-" and canonical[-10:-6].isdigit():
        return canonical[:-11]  # openai/gpt-4o-2024-05-13
    return canonical


def _catalogue_entry(spec: tuple, created: int, authors: dict = AUTHORS) -> dict:
    canonical, name, context, max_out, p_in, p_out, hf_id, extra, reasoning = spec
    author = canonical.split("/", 1)[0]
    prefix, company, _ = authors[author]
    inputs = ["text"] + [m for m in extra.split(",") if m]
    outputs = ["image", "text"] if canonical in IMAGE_OUTPUT else ["text"]
    if canonical.startswith(LLAMA_TOKENIZED):
        tokenizer = "Llama3" if "llama-4" not in canonical else "Llama4"
    else:
        tokenizer = TOKENIZERS.get(author, "Other")
    params = ["frequency_penalty", "max_tokens", "presence_penalty", "response_format", "seed",
              "stop", "structured_outputs", "temperature", "tool_choice", "tools", "top_p"]
    if reasoning:
        params += ["include_reasoning", "reasoning"]
    kind = "an open-weight" if hf_id else "a proprietary"
    what = "reasoning model" if reasoning else "model"
    return {
        "id": _model_id(canonical),
        "canonical_slug": canonical,
        "hugging_face_id": hf_id,
        "name": f"{prefix}: {name}",
        "created": created,
        "description": f"{name} is {kind} {what} from {company}. Sample catalogue entry "
                       "for the AI Token Tracker: not real data.",
        "context_length": context,
        "architecture": {
            "modality": "+".join(inputs) + "->" + "+".join(outputs),
            "input_modalities": inputs,
            "output_modalities": outputs,
            "tokenizer": tokenizer,
            "instruct_type": None,
        },
        "pricing": {
            "prompt": _per_token(p_in),
            "completion": _per_token(p_out),
            "request": "0",
            "image": "0",
            "web_search": "0",
            "internal_reasoning": "0",
        },
        "top_provider": {
            "context_length": context,
            "max_completion_tokens": max_out or None,
            "is_moderated": author in MODERATED,
        },
        "per_request_limits": None,
        "supported_parameters": sorted(params),
    }


def _slug_date(canonical: str) -> date:
    """The release day encoded in a canonical slug (...-20250728 or ...-2024-05-13)."""
    tail = canonical.rsplit("-", 1)[-1]
    if len(tail) == 8 and tail.isdigit():
        return date(int(tail[:4]), int(tail[4:6]), int(tail[6:]))
    return date.fromisoformat(canonical[-10:])


def catalogue(rng: random.Random) -> dict:
    """The /models snapshot: every ranked model still served, plus unranked ones, sorted by id."""
    entries = []
    for spec in CATALOGUE:
        launched = _slug_date(spec[0])
        seconds = (launched - date(1970, 1, 1)).days * 86400 + rng.randrange(8 * 3600, 22 * 3600)
        entries.append(_catalogue_entry(spec, seconds))
    entries.sort(key=lambda e: e["id"])
    return {"data": entries}


# ----------------------------------------------------------------------------- writing


def _dump(obj: object) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _fetched_at(day: str) -> str:
    return f"{day}T02:15:00Z"


def _write(path: Path, payload: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    written.append(path)


def _write_with_meta(path: Path, body: bytes, meta: dict, written: list[Path]) -> None:
    _write(path, body, written)
    provenance = {
        "url": meta.pop("url"),
        "fetched_at": meta.pop("fetched_at"),
        "status": 200,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
        **meta,
        "licence": LICENCE,
        "sample": True,
    }
    _write(path.with_name(path.name[: -len(".json")] + ".meta.json"), _dump(provenance), written)


# Corrections to the sample's fictional figures, one of each kind of action that changes or marks
# figures, so the sample site shows how corrections look on every page they touch.
SAMPLE_CORRECTIONS = """\
# Corrections to the bundled SAMPLE data (fictional figures): they show how corrections look on
# the site. Corrections to fetched data live in data/corrections.yaml, whose header documents
# every key.
- id: sample-grok-code-double-count
  week: 2026-01-05
  target: x-ai/grok-code-fast-1-20250826
  action: override_tokens
  value: 410000000000
  reason: "Sample: a retried batch was counted twice in this week"
  source_url: https://openrouter.ai/x-ai/grok-code-fast-1
  status: reported
  date: 2026-01-20
  credit: "@sample-contributor"
- id: sample-aurora-alpha-revealed
  weeks: {from: 2026-01-12, to: 2026-02-16}
  target: openrouter/aurora-alpha
  action: reassign_author
  value: openai
  reason: "Sample: the cloaked model was later revealed as a lab's own model"
  source_url: https://openrouter.ai/openrouter/aurora-alpha
  status: fixed_upstream
  date: 2026-02-25
- id: sample-step-flash-free-promotion
  weeks: {from: 2026-02-02, to: 2026-03-02}
  target: stepfun/step-3.5-flash-20260202:free
  action: flag
  reason: "Sample: free launch promotion; usage is not comparable with paid models"
  source_url: https://openrouter.ai/stepfun/step-3.5-flash:free
  status: open
  date: 2026-03-10
"""


def write_sample(dest: Path) -> list[Path]:
    """Write the sample dataset under `dest` (e.g. data/sample) and return the paths, sorted."""
    rng = random.Random(SEED)
    pools, tails = simulate(rng)
    restated = _week_index(RESTATED_WEEK)
    assert restated == int(restated)
    later_pool, later_tail = restate(rng, pools[int(restated)], tails[int(restated)])
    written: list[Path] = []
    folder = dest / "raw" / "openrouter" / "rankings" / "week"
    for number, (start, end, as_of) in enumerate(SNAPSHOTS):
        rows: list[dict] = []
        for index in range(WEEKS):
            week = _week_start(index)
            if not _day(start) <= week <= _day(end):
                continue
            pool, tail = pools[index], tails[index]
            if number == 1 and week == RESTATED_WEEK:
                pool, tail = later_pool, later_tail
            rows.extend(_bucket(week, pool, tail))
        meta = {"as_of": as_of, "version": "v1", "start_date": start, "end_date": end}
        url = (f"{BASE_URL}/datasets/rankings-daily"
               f"?start_date={start}&end_date={end}&period=week")
        _write_with_meta(
            folder / f"{start}_{end}.json",
            _dump({"data": rows, "meta": meta}),
            {"url": url, "fetched_at": _fetched_at(as_of[:10]), "as_of": as_of, "meta": meta},
            written,
        )
    _write_with_meta(
        dest / "raw" / "openrouter" / "models" / f"{CATALOGUE_DAY}.json",
        _dump(catalogue(rng)),
        {"url": f"{BASE_URL}/models?output_modalities=all",
         "fetched_at": _fetched_at(CATALOGUE_DAY)},
        written,
    )
    _write(dest / CORRECTIONS_FILE, SAMPLE_CORRECTIONS.encode("utf-8"), written)
    return sorted(written)


# ----------------------------------------------------------------------------- synthetic history
# For the benchmark (benchmarks/bench.py): the same raw format and the same lifecycle model as the
# sample, at any scale: N weeks of top-50 + `other` buckets, about SYNTHETIC_MODELS_PER_WEEK new
# models a week, spread over the registry's authors plus made-up ones. Deterministic for a seed.

SYNTHETIC_LAST_WEEK = date(2026, 11, 9)  # the last week of the base history (ended before today)
SYNTHETIC_MODELS_PER_WEEK = 3.6  # about 420 ranked models over 104 weeks
SYNTHETIC_COUNTRIES = ("US", "CN", "FR", "DE", "GB", "KR", "JP", "IN", "CA", "IL", "AE", "SG")
SYNTHETIC_LEAD = 16  # weeks of launches before the history starts
SYNTHETIC_WINDOW_WEEKS = 52  # one snapshot per fetch window, as the fetcher writes them
SYNTHETIC_REFETCH_WEEKS = 4  # a weekly fetch re-reads the last four weeks


def synthetic_authors(registry: list[tuple[str, str, str]], count: int
                      ) -> list[tuple[str, str, str]]:
    """(slug, company, country) of ``count`` authors: the registry's first, then made-up labs."""
    authors = list(registry[:count])
    number = 0
    while len(authors) < count:
        number += 1
        code = SYNTHETIC_COUNTRIES[number % len(SYNTHETIC_COUNTRIES)]
        authors.append((f"synthlab-{number:02d}", f"Synth Lab {number:02d}", code))
    return authors


def synthetic_lifecycles(rng: random.Random, authors: list[str], models: int, weeks: int,
                         first: date) -> list[tuple]:
    """LIFECYCLES-shaped rows for ``models`` made-up models launched across the history, plus
    those launched in the SYNTHETIC_LEAD weeks before it, so the first week ranks 50 too."""
    rows = []
    lead = round(models * SYNTHETIC_LEAD / weeks)
    for number in range(models + lead):
        author = authors[int(len(authors) * rng.random() ** 1.5)]  # a few big labs
        launch = first + timedelta(days=int(((number - lead) / models * weeks) * 7)
                                   + rng.randrange(7))
        plateau = launch + timedelta(days=7 * (2 + rng.randrange(10)))
        weight = 10 + 150 * rng.random() ** 3
        variant = ":free" if number % 17 == 5 else ""
        slug = f"{author}/synth-{number:04d}-{launch:%Y%m%d}{variant}"
        rows.append((slug, launch.isoformat(), 1 + rng.randrange(3), plateau.isoformat(),
                     2 + rng.randrange(5), weight, None))
    for number, week in enumerate(range(weeks // 3, weeks, max(weeks // 3, 1))):
        day = first + timedelta(days=7 * week)  # a cloaked model for a few weeks, now and then
        rows.append((f"openrouter/cloaked-{number}", day.isoformat(), 1,
                     (day + timedelta(days=14)).isoformat(), 2, 150, None))
    return rows


def simulate_synthetic(rng: random.Random, lifecycles: list[tuple], weeks: int, first: date
                       ) -> tuple[list[list[tuple[str, int]]], list[int]]:
    """Tokens of every model in every week and the long tail, growing about 3x over 104 weeks."""
    pools, tails = [], []
    for index in range(weeks):
        scale = 2_000_000_000 * (1.0 + index / 52) * _jitter(rng, 0.03)
        pool = []
        for slug, launch, ramp, peak_end, half, weight, last in lifecycles:
            level = _lifecycle(index, launch, ramp, peak_end, half, last, first)
            pool.append((slug, int(weight * level * _jitter(rng, 0.18) * scale)))
        modelled = sum(tokens for _, tokens in pool)
        share = 0.035 + 0.025 * rng.random()
        pools.append(pool)
        tails.append(int(modelled * share / (1 - share)))
    return pools, tails


def _synthetic_snapshot(folder: Path, first: date, weeks: range, pools: list, tails: list,
                        written: list[Path]) -> None:
    start = _week_start(weeks[0], first)
    end = _week_start(weeks[-1], first) + timedelta(days=6)
    as_of = f"{end + timedelta(days=1)}T02:00:00.000Z"
    rows: list[dict] = []
    for index in weeks:
        rows.extend(_bucket(_week_start(index, first), pools[index], tails[index]))
    meta = {"as_of": as_of, "version": "v1", "start_date": start.isoformat(),
            "end_date": end.isoformat()}
    url = f"{BASE_URL}/datasets/rankings-daily?start_date={start}&end_date={end}&period=week"
    _write_with_meta(folder / f"{start}_{end}.json", _dump({"data": rows, "meta": meta}),
                     {"url": url, "fetched_at": _fetched_at(as_of[:10]), "as_of": as_of,
                      "meta": meta}, written)


def write_synthetic(dest: Path, weeks: int, authors: list[tuple[str, str, str]],
                    models: int | None = None, new_weeks: int = 0, seed: int = SEED) -> list[Path]:
    """A synthetic history under ``dest`` (raw/openrouter/...): ``weeks`` weeks ending on
    SYNTHETIC_LAST_WEEK in 52-week snapshots, then, for each of ``new_weeks`` later weeks, the
    snapshot a weekly fetch would add (the last four weeks, the older ones unchanged).
    ``authors`` as from synthetic_authors(); the same arguments give the same bytes."""
    rng = random.Random(seed)
    models = models if models is not None else round(weeks * SYNTHETIC_MODELS_PER_WEEK)
    first = SYNTHETIC_LAST_WEEK - timedelta(days=7 * (weeks - 1))
    lifecycles = synthetic_lifecycles(rng, [slug for slug, _, _ in authors], models, weeks,
                                      first)
    pools, tails = simulate_synthetic(rng, lifecycles, weeks + new_weeks, first)
    written: list[Path] = []
    folder = dest / "raw" / "openrouter" / "rankings" / "week"
    for start in range(0, weeks, SYNTHETIC_WINDOW_WEEKS):
        _synthetic_snapshot(folder, first, range(start, min(start + SYNTHETIC_WINDOW_WEEKS,
                                                             weeks)), pools, tails, written)
    for extra in range(weeks, weeks + new_weeks):
        _synthetic_snapshot(folder, first, range(max(0, extra - SYNTHETIC_REFETCH_WEEKS + 1),
                                                 extra + 1), pools, tails, written)
    by_slug = {slug: (company, code) for slug, company, code in authors}
    lookup = {slug: (company, company, code) for slug, (company, code) in by_slug.items()}
    entries = []
    for number, (slug, launch, *_rest) in enumerate(lifecycles):
        canonical = slug.split(":", 1)[0]
        author = canonical.split("/", 1)[0]
        if author not in lookup or number % 11 == 3:
            continue  # cloaked or retired: absent from the catalogue, as upstream
        spec = (canonical, f"Synth {number:04d}", 131072, 16384, "0.5", "1.5",
                canonical if number % 3 == 0 else "", "", number % 4 == 0)
        created = (_day(launch) - date(1970, 1, 1)).days * 86400 + 12 * 3600
        entries.append(_catalogue_entry(spec, created, lookup))
    entries.sort(key=lambda e: e["id"])
    day = (SYNTHETIC_LAST_WEEK + timedelta(days=7 * new_weeks + 8)).isoformat()
    _write_with_meta(dest / "raw" / "openrouter" / "models" / f"{day}.json",
                     _dump({"data": entries}),
                     {"url": f"{BASE_URL}/models?output_modalities=all",
                      "fetched_at": _fetched_at(day)}, written)
    return sorted(written)
