"""The Chinese Learn pages (site_src/zh/learn/) are hand translations of the English ones
(site_src/learn/): one for each, with the same figures, the same links and the same front
matter, and no English left in the text but names, code and links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.paths import REPO_ROOT

LEARN = REPO_ROOT / "site_src" / "learn"
LEARN_ZH = REPO_ROOT / "site_src" / "zh" / "learn"
PAGES = sorted(path.name for path in LEARN.glob("*.md"))

# Figures of an English page that the Chinese one writes another way, each with the reason.
WRITTEN_OTHERWISE = {
    "what-is-a-token.md": {
        "750": "750 billion is written 7500亿 (亿 = 10^8)",
        "8.3": "8.3 million is written 830万 (万 = 10^4)",
        "17000": "17,000 years is written 1.7万年",
        "1.65": "1.65 million is written 165万",
    },
    "how-the-ranking-works.md": {
        "0.5": "0.5 trillion is written 5000亿, as Chinese figures are written",
    },
}
# Runs of three or more English words the Chinese pages keep on purpose, with the reason.
KEPT_ENGLISH = {
    "what-is-a-token.md": {
        "The cat sat on the windowsill all afternoon": "the English sentence the worked "
                                                        "example splits into tokens",
    },
}

NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# What is not prose: fenced code, inline code, link and image targets, HTML tags, bare addresses.
NOT_PROSE_RE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>|https?://\S+", re.DOTALL)
ENGLISH_RUN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*(?:[ \t,]+[A-Za-z][A-Za-z0-9'’.-]*){2,}")


def text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def numbers(markdown: str) -> set[str]:
    """Every figure written in digits, thousands separators dropped ("90,000" -> "90000")."""
    return {re.sub(r"(?<=\d),(?=\d)", "", n) for n in NUMBER_RE.findall(markdown)}


def front_matter(markdown: str) -> dict:
    found = FRONT_MATTER_RE.match(markdown)
    return yaml.safe_load(found.group(1)) if found else {}


def english_runs(markdown: str) -> list[str]:
    prose = NOT_PROSE_RE.sub(" ", FRONT_MATTER_RE.sub("", markdown))
    prose = re.sub(r"^!!! \w+", " ", prose, flags=re.MULTILINE)  # admonition kinds
    return [run.rstrip(".,") for run in ENGLISH_RUN_RE.findall(prose)]


def test_every_english_learn_page_has_its_chinese_counterpart() -> None:
    assert PAGES
    assert sorted(path.name for path in LEARN_ZH.glob("*.md")) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_the_chinese_page_keeps_every_figure(name: str) -> None:
    exceptions = WRITTEN_OTHERWISE.get(name, {})
    english, chinese = numbers(text(LEARN, name)), numbers(text(LEARN_ZH, name))
    assert sorted(english - chinese - set(exceptions)) == []
    assert sorted(set(exceptions) - english) == []  # an exception that no longer applies


@pytest.mark.parametrize("name", PAGES)
def test_the_chinese_page_keeps_every_link(name: str) -> None:
    """Links to other Learn pages stay relative; a link to a generated page keeps its path, and
    until the Chinese edition generates that page it points at the English one (an HTML link,
    marked 英文版 and hreflang="en": MkDocs' strict check would refuse a Markdown link out of
    the Chinese tree)."""
    chinese = text(LEARN_ZH, name)
    english_pages = {md_target(page) for page in ENGLISH_PAGE_RE.findall(chinese)}
    assert english_pages <= GENERATED  # only generated pages are read in English
    assert set(LINK_RE.findall(chinese)) | english_pages == set(LINK_RE.findall(text(LEARN,
                                                                                     name)))


# An HTML link of a Chinese Learn page (/zh/learn/<page>/) to an English generated page.
ENGLISH_PAGE_RE = re.compile(r'<a href="\.\./\.\./\.\./([^"]+)" hreflang="en">[^<]+（英文版）</a>')
GENERATED = {"../rankings/index.md", "../data/index.md", "../data/revisions.md",
             "../countries/index.md", "../companies/index.md"}


def md_target(page: str) -> str:
    """The Markdown target of an English page's address: "data/" -> "../data/index.md",
    "data/revisions/" -> "../data/revisions.md"."""
    parts = page.rstrip("/").split("/")
    return f"../{page}index.md" if len(parts) == 1 else f"../{'/'.join(parts)}.md"


@pytest.mark.parametrize("name", PAGES)
def test_the_chinese_page_has_the_same_front_matter_translated(name: str) -> None:
    english, chinese = front_matter(text(LEARN, name)), front_matter(text(LEARN_ZH, name))
    assert chinese.keys() == english.keys()
    assert [key for key in chinese if english[key] and chinese[key] == english[key]] == []


@pytest.mark.parametrize("name", PAGES)
def test_no_english_is_left_in_the_chinese_page(name: str) -> None:
    kept = KEPT_ENGLISH.get(name, {})
    assert [run for run in english_runs(text(LEARN_ZH, name)) if run not in kept] == []


@pytest.mark.parametrize("name", PAGES)
def test_no_line_break_splits_a_chinese_paragraph(name: str) -> None:
    """A line break between two Chinese characters shows in the browser as a stray space:
    every paragraph, list item and admonition of a Chinese page is written on one line."""
    lines = text(LEARN_ZH, name).splitlines()
    fenced = False
    split = []
    for number, (line, after) in enumerate(zip(lines, lines[1:]), 1):
        fenced = fenced != line.lstrip().startswith("```")
        if not fenced and re.search(r"[\u3000-\u9fff\uff00-\uffef]$", line) and \
                re.match(r"\s*[\u3000-\u9fff\uff00-\uffef]", after):
            split.append(f"{name}:{number}")
    assert split == []


def test_the_checks_catch_what_they_look_for() -> None:
    """The helpers find what a careless translation leaves behind."""
    assert english_runs("模型 The model is good `code words here` [见](../a-b-c.md)") == \
        ["The model is good"]
    assert numbers("共 90,000 个词，约 0.75 个") == {"90000", "0.75"}
    assert english_runs("---\ntitle: Embed our charts\n---\n# 嵌入") == []
