"""Each edition's formatter (generator/editions.py): the page writer reads every filter and word
from the edition's module, so each module must have all of them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from generator import fmt, fmt_zh
from generator.editions import EDITIONS, FORMATTED, WORDS, edition
from generator.pages import PageWriter


@pytest.mark.parametrize("language", sorted(EDITIONS))
def test_every_edition_formatter_has_every_filter_and_word(language: str) -> None:
    formatter = edition(language)
    for name in FORMATTED:
        assert callable(formatter.formatted(name)), (language, name)
    for name in WORDS:
        assert isinstance(formatter.formatted(name), str) and formatter.formatted(name), \
            (language, name)


def test_the_editions_are_english_at_the_root_and_chinese_under_zh() -> None:
    assert (edition("en").fmt, edition("en").prefix, edition("en").html_lang) == (fmt, "", "en")
    assert (edition("zh").fmt, edition("zh").prefix, edition("zh").html_lang) == (
        fmt_zh, "zh/", "zh-Hans")
    with pytest.raises(ValueError, match="'xx'"):
        edition("xx")


def test_the_page_writer_formats_with_its_edition(tmp_path) -> None:
    writer = PageWriter(tmp_path / "out", tmp_path,
                        SimpleNamespace(repo_url="https://example.org/repo"), {}, None)
    assert writer.fmt is fmt
    page = writer.env.from_string("{{ 7359000000000 | tokens_words }} · {{ 'CN' | country_name }}"
                                  " · {{ NO_COUNTRY }} · {{ source_line('2026-03-23') }}")
    assert page.render() == (f"{fmt.tokens_words(7359000000000)} · {fmt.country_name('CN')} · "
                             f"{fmt.NO_COUNTRY} · {fmt.source_line('2026-03-23')}")


def test_a_chinese_page_writer_formats_and_phrases_in_chinese(tmp_path) -> None:
    writer = PageWriter(tmp_path / "out", tmp_path,
                        SimpleNamespace(repo_url="https://example.org/repo"), {}, None,
                        language="zh")
    assert writer.fmt is fmt_zh
    page = writer.env.from_string("{{ 7359000000000 | tokens_words }} · {{ 'CN' | country_name }}"
                                  " · {{ '2026-03-16' | week_short }} · {{ t.week_by_week }}")
    assert page.render() == f"7.36万亿 · 中国 · 3月16日至22日 · {fmt_zh_phrase('week_by_week')}"


def fmt_zh_phrase(key: str) -> str:
    from generator import phrases
    return phrases.table("zh")[key]


def test_the_pieces_of_a_chinese_page_are_joined_with_chinese_punctuation(tmp_path) -> None:
    """The templates put no English punctuation between phrases: a label before its value, a
    mover and what it did, two sentences, take the edition's marks."""
    from generator.paths import REPO_ROOT

    pages = REPO_ROOT / "templates" / "pages"
    site = SimpleNamespace(repo_url="https://example.org/repo")
    zh = PageWriter(tmp_path / "zh", pages, site, {}, None, language="zh")
    en = PageWriter(tmp_path / "en", pages, site, {}, None)
    under = ('{% from "_macros.md.j2" import under with context %}'
             '{{ under("+2.0%", t.under_on_the_week) }}')
    assert "环比：</span>+2.0%" in zh.env.from_string(under).render()
    assert "on the week: </span>+2.0%" in en.env.from_string(under).render()
    item = "{{ t.mover_item.format(name='A', words='b') }}{{ t.full_stop }}{{ t.sentence_gap }}"
    assert zh.env.from_string(item).render() == "A：b。"
    assert en.env.from_string(item).render() == "A: b. "
