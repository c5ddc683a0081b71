"""The UI phrases of the generated pages (generator/phrases): every key the templates and modules
ask for is in each language's table and no key goes unused, a missing key fails with its name,
and no English phrase is left written in a template."""

from __future__ import annotations

import io
import re
import string
import tokenize
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
import yaml

from generator import phrases
from generator.pages import PageWriter

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted([*(ROOT / "templates" / "pages").glob("*.j2"),
                    ROOT / "templates" / "embeds" / "page.html.j2"])
MODULES = sorted((ROOT / "generator").rglob("*.py"))

KEY_IN_TEMPLATE = re.compile(r"\bt\.([A-Za-z_][A-Za-z0-9_]*)")
JINJA_TAG = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
STRING = re.compile(r""""([^"\\]*)"|'([^'\\]*)'""")


def template_keys(text: str) -> set[str]:
    """The keys a template asks ``t`` for, inside its Jinja tags (comments left out)."""
    return {key for tag in JINJA_TAG.findall(text) if not tag.startswith("{#")
            for key in KEY_IN_TEMPLATE.findall(tag)}


def module_keys(source: str) -> set[str]:
    """The keys a Python module asks ``t`` for (``t.key`` in code, not comments or strings)."""
    tokens = [tok for tok in tokenize.generate_tokens(io.StringIO(source).readline)
              if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    return {tokens[i + 2].string for i in range(len(tokens) - 2)
            if tokens[i].type == tokenize.NAME and tokens[i].string == "t"
            and tokens[i + 1].string == "." and tokens[i + 2].type == tokenize.NAME}


def used_keys() -> set[str]:
    used = set()
    for path in TEMPLATES:
        used |= template_keys(path.read_text(encoding="utf-8"))
    for path in MODULES:
        if "phrases" not in path.parts:
            used |= module_keys(path.read_text(encoding="utf-8"))
    return used


@pytest.mark.parametrize("language", sorted(phrases.LANGUAGES))
def test_every_table_has_every_key_the_templates_use_and_no_other(language: str) -> None:
    used, table = used_keys(), phrases.keys(language)
    assert sorted(used - table) == [], f"asked for, not in generator/phrases/{language}.py"
    assert sorted(table - used) == [], f"in generator/phrases/{language}.py, never used"


def placeholders(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name is not None}


@pytest.mark.parametrize("language", sorted(phrases.LANGUAGES))
def test_every_language_fills_the_same_placeholders_as_english(language: str) -> None:
    """A template fills a phrase's placeholders by name, the same in every language: a
    translation may move them, not rename, drop or add one."""
    english, table = phrases.table("en"), phrases.table(language)
    differ = {key: (placeholders(english[key]), placeholders(table[key]))
              for key in sorted(phrases.keys(language) & phrases.keys("en"))
              if placeholders(english[key]) != placeholders(table[key])}
    assert differ == {}


def test_placeholders_are_read_as_the_templates_fill_them() -> None:
    assert placeholders(phrases.table("en").correction_weeks) == {"count", "first", "last"}
    assert placeholders("{{not one}} {week}") == {"week"}


def test_the_key_scan_sees_template_and_module_keys_only_in_code() -> None:
    text = ('{# t.in_a_comment #}t.in_text {{ t.shown }} '
            '{% if x %}{{ y if t.cond else z }}{% endif %}')
    assert template_keys(text) == {"shown", "cond"}
    source = 't = table("en")\nx = t.credit  # t.in_comment\ny = "t.in_string"\n'
    assert module_keys(source) == {"credit"}


def test_a_template_asking_for_a_missing_key_fails_with_the_key_and_language(
        tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("# {{ t.week_by_week }}\n{{ t.no_such_phrase }}\n")
    writer = PageWriter(tmp_path / "out", tmp_path,
                        SimpleNamespace(repo_url="https://example.org/repo"), {}, None)
    with pytest.raises(phrases.MissingPhrase) as raised:
        writer.env.get_template("page.md.j2").render()
    assert "'no_such_phrase'" in str(raised.value)
    assert "'en'" in str(raised.value)
    assert writer.env.from_string("{{ t.week_by_week }}").render() == "Week by week"


def test_the_embed_pages_table_fails_the_same_and_escapes_what_fills_a_phrase() -> None:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["t"] = phrases.table("en", markup=True)
    with pytest.raises(phrases.MissingPhrase, match="'no_such_phrase'"):
        env.from_string("{{ t.no_such_phrase }}").render()
    page = env.from_string('{% set a %}<a href="x">{{ t.site_name }}</a>{% endset %}'
                           "{{ t.chart_credit.format(link=a) }} "
                           "{{ t.chart_credit.format(link=name) }}")
    assert page.render(name="<b>") == ('Chart: <a href="x">AI Token Tracker</a> '
                                       "Chart: &lt;b&gt;")


def test_an_unknown_language_and_a_key_in_two_families_fail() -> None:
    with pytest.raises(KeyError, match="'xx'"):
        phrases.table("xx")
    with pytest.raises(ValueError, match="'week_of'"):
        phrases.joined("en", ({"week_of": "Week of {week}"}, {"week_of": "Week {week}"}))


def test_dunder_probes_are_attribute_errors_not_missing_phrases() -> None:
    t = phrases.table("en")
    assert not hasattr(t, "__html__")
    assert t["site_name"] == t.site_name == "AI Token Tracker"


# ------------------------------------------------------------- phrases printed in front matter

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
RAW_IN_FRONT = re.compile(r"^\w+: \{\{ t\.(\w+) \}\}$", re.M)  # a phrase printed unfiltered


def test_phrases_printed_raw_in_front_matter_are_plain_yaml_in_every_language() -> None:
    """A page's title printed without ``|front`` (so the English pages stay as they were) must
    read back from YAML as itself: no ``: `` or leading quote, ``#``, ``*``..."""
    raw = {key for path in TEMPLATES
           for block in FRONT_MATTER.findall(path.read_text(encoding="utf-8"))
           for key in RAW_IN_FRONT.findall(block)}
    assert "home_title" in raw
    for language in phrases.LANGUAGES:
        t = phrases.table(language)
        for key in sorted(raw):
            assert yaml.safe_load(f"title: {t[key]}") == {"title": t[key]}, (language, key)


# ------------------------------------------------------------- no English left in templates

# Words that stay as they are in every language: file formats (link texts, column heads).
ALLOWED_WORDS = {"CSV", "JSON", "Parquet", "PNG", "SVG", "csv", "json", "parquet"}
# Attributes whose values a reader sees or hears.
READ_ATTRIBUTES = re.compile(r"""\b(?:alt|title|aria-label|placeholder|content|label)="([^"]*)\"""")
HTML_TAG = re.compile(r"<[^>]*>")
MARKDOWN_ATTRIBUTES = re.compile(r"\{:?\s[^{}]*\}")  # { #movers }, {: .tt-kicker }
INLINE_CODE = re.compile(r"`[^`\n]*`")
SHOWN_IN_FRONT = re.compile(r"^(?:title|description):(.*)$", re.M)  # a page's title, even one word
HEADING = re.compile(r"^#{1,6} (.*)$", re.M)  # a Markdown heading, even one word
WORDS_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ \t\n]+[A-Za-z][A-Za-z'’]*){2,}")
WORDY_LITERAL = re.compile(r"[A-Za-z]\s+[A-Za-z]|^[A-Z][a-z]")  # "two words", "Capitalised"


def leftover_english(text: str) -> list[str]:
    """English phrases written in a template instead of read from ``t``: three or more words in
    a row in its text outside Jinja tags (HTML tags left out, the attributes a reader sees kept;
    Markdown attribute lists, inline code and front-matter comments left out, no reader sees
    them); any word in a Markdown heading or a page's title or description; and string literals
    inside Jinja tags that look like words for a reader (two words, or a capitalised word), but
    for the file formats' names."""
    found = []
    for tag in JINJA_TAG.findall(text):
        if not tag.startswith("{#"):
            found += [s for pair in STRING.findall(tag) for s in pair
                      if s and s not in ALLOWED_WORDS and WORDY_LITERAL.search(s)]
    text = JINJA_TAG.sub(" ", text)
    front = FRONT_MATTER.match(text)
    if front:  # YAML comments in the front matter: notes for whoever edits the template
        found += [value for value in SHOWN_IN_FRONT.findall(front.group(1))
                  if re.search("[A-Za-z]", value)]
        text = re.sub(r"\s#\s.*", "", front.group(1)) + "\n" + text[front.end():]
    found += [heading for heading in HEADING.findall(MARKDOWN_ATTRIBUTES.sub("", text))
              if re.search("[A-Za-z]", heading)]
    attributes = " . ".join(READ_ATTRIBUTES.findall(text))
    text = HTML_TAG.sub(" . ", text) + " . " + attributes
    text = INLINE_CODE.sub(" . ", MARKDOWN_ATTRIBUTES.sub(" . ", text))
    return found + WORDS_RUN.findall(text)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_english_phrase_left(path: Path) -> None:
    assert leftover_english(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("text", [
    "<p>Get the data</p>",
    '<a title="Embed our charts" href="x">{{ t.embed }}</a>',
    "## Week by week { data-search-exclude }",
    "## Models\n",
    "---\ntitle: Rankings\n---\n",
    '{% call table([("Week", ""), (t.col_rank, "num")], caption) %}',
    '{{ under(value, "on the week") }}',
])
def test_the_scan_finds_an_english_phrase_added_to_a_template(text: str) -> None:
    assert leftover_english(text)


@pytest.mark.parametrize("text", [
    '{# A comment, in English, for whoever edits it #}<span class="tt-sub">{{ t.x }}</span>',
    "## {{ t.week_by_week }} { data-search-exclude }",
    "---\nsearch:\n  exclude: true  # a note for the next person who edits it\n---\n",
    '{% call table([(t.col_table, ""), ("CSV", ""), ("Parquet", "")], t.caption) %}',
    "Frictionless `datapackage.json` csv · json",
])
def test_the_scan_leaves_markup_comments_and_format_names_alone(text: str) -> None:
    assert leftover_english(text) == []


# ------------------------------------------------------------- the Chinese table

CHINESE = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs (with extension A)
# Names that stay as they are in a Chinese phrase: the source, formats, licence, feeds, units.
ZH_NAMES = ("OpenRouter", "CC BY 4.0", "JSON Feed", "CSV", "JSON", "Parquet", "SVG", "PNG",
            "API", "Atom", "UTC", "Token", "AI", "iframe", "CSP", "Frictionless", "issue",
            "Alibaba")
NAMES_ALTERNATIVES = "|".join(re.escape(name) for name in sorted(ZH_NAMES, key=len, reverse=True))
NAME = re.compile(rf"(?<![A-Za-z])(?:{NAMES_ALTERNATIVES})(?![A-Za-z])")
# What no reader reads as words: HTML tags, a Markdown link's target, inline code, placeholders.
MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|`[^`]*`|\{\w+\}")
HALF_WIDTH_BY_CHINESE = re.compile(rf"[{CHINESE}]\s*[,.:;?!()]|[,.:;?!()]\s*[{CHINESE}]")
SPACED_NUMBER = re.compile(rf"[{CHINESE}] +[0-9{{]|[0-9}}] +[{CHINESE}]")
FULL_WIDTH = {".": "。", ":": "："}  # a sentence's end, a label's colon
FULL_WIDTH_PUNCTUATION = "，。：；、（）？！"
HEADING_KEY = re.compile(r"""^(?:#{1,6} |title: |!!! \w+ ")\{\{ t\.(\w+)""", re.M)


def english_runs(phrase: str) -> list[str]:
    """Three or more English words in a row that a reader reads in a phrase: markup and
    placeholders left out, and the names that stay in Latin letters (ZH_NAMES)."""
    return WORDS_RUN.findall(NAME.sub(" . ", MARKUP.sub(" . ", phrase)))


def half_width_punctuation(phrase: str) -> list[str]:
    """ASCII punctuation beside a Chinese character (a placeholder counts as one: what fills it
    is Chinese or a number), outside markup: a Chinese sentence uses ，。：；（）."""
    text = re.sub(r"\]\([^)]*\)", "]", phrase)
    text = re.sub(r"<[^>]*>|`[^`]*`", "", text)
    return HALF_WIDTH_BY_CHINESE.findall(re.sub(r"\{\w+\}", "字", text))


def spaced_numbers(phrase: str) -> list[str]:
    """A space written between a Chinese character and a digit or a placeholder."""
    return SPACED_NUMBER.findall(phrase)


def closing_mark(phrase: str) -> str:
    """A phrase's closing full stop or colon, in its full-width form ('' for none)."""
    last = phrase.rstrip()[-1:]
    return FULL_WIDTH.get(last, last if last in FULL_WIDTH.values() else "")


def markup(phrase: str) -> tuple:
    """A phrase's markup: its HTML tags, its Markdown links' targets (a Creative Commons link
    may point at its deed in Chinese), its bold markers and its inline code."""
    targets = re.findall(r"\]\(([^)]*)\)", phrase)
    return (sorted(re.findall(r"<[^>]*>", phrase)),
            sorted(target.removesuffix("deed.zh-hans") for target in targets),
            phrase.count("**"), sorted(re.findall(r"`[^`]*`", phrase)))


ZH_KEYS = sorted(phrases.keys("zh"))


def offenders(check: Callable[[str], object]) -> dict[str, object]:
    """The Chinese phrases a check finds something in, by key."""
    zh = phrases.table("zh")
    return {key: found for key in ZH_KEYS if (found := check(zh[key]))}


def test_chinese_phrases_have_no_english_words_but_names() -> None:
    assert offenders(english_runs) == {}


@pytest.mark.parametrize("text", [
    "Week by week", "OpenRouter's weekly top 50", "图表：Get the data",
    "[Download the data]({href})：每张表", "<strong>The latest week</strong>，每周更新",
])
def test_the_english_scan_finds_english_words_in_a_phrase(text: str) -> None:
    assert english_runs(text)


@pytest.mark.parametrize("text", [
    "AI Token 追踪", "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)许可",
    '<a href="{href}">嵌入本站图表</a>', "[同样内容的JSON Feed]({json})",
    "（Frictionless `datapackage.json`）", "每张表均提供CSV、JSON和Parquet格式",
])
def test_the_english_scan_leaves_names_and_markup_alone(text: str) -> None:
    assert english_runs(text) == []


def test_the_english_scan_flags_most_of_the_english_table() -> None:
    english = phrases.table("en")
    assert len([key for key in ZH_KEYS if english_runs(english[key])]) > len(ZH_KEYS) // 2


def test_chinese_phrases_use_chinese_punctuation_and_no_spaced_numbers() -> None:
    assert offenders(half_width_punctuation) == {}
    assert offenders(spaced_numbers) == {}
    # a line break inside a Chinese paragraph shows as a space
    assert offenders(lambda phrase: "\n" in phrase) == {}


@pytest.mark.parametrize(("text", "found"), [
    ("本周没有模型跌出榜单.", True), ("第{rank}名, {move}", True), ("（{week}当周)", True),
    ("[排行榜]({href}) 页面显示最新一周", False), ("0.569表示56.9%", False),
    ('<a href="{href}">数据包描述文件</a> (Frictionless', True),
])
def test_the_punctuation_scan_finds_half_width_marks_beside_chinese(text: str,
                                                                     found: bool) -> None:
    assert bool(half_width_punctuation(text)) is found


def test_the_spacing_scan_finds_a_space_beside_a_number() -> None:
    assert spaced_numbers("前 50 名") and spaced_numbers("第{rank} 名")
    assert spaced_numbers("AI Token 追踪 · 更新于{updated}") == []


def test_chinese_phrases_keep_their_markup_and_closing_marks() -> None:
    """The same HTML, links, bold and code as the English phrase, and the same closing full
    stop or colon in its full-width form: a heading has no full stop in either language, a
    sentence has one in both, a label ends with a colon in both."""
    english, zh = phrases.table("en"), phrases.table("zh")
    assert [key for key in ZH_KEYS if markup(zh[key]) != markup(english[key])] == []
    assert [key for key in ZH_KEYS if closing_mark(zh[key]) != closing_mark(english[key])] == []
    # Markdown closes a ** beside a letter, not always beside a punctuation mark
    assert offenders(lambda phrase: [bold for bold in re.findall(r"\*\*(.+?)\*\*", phrase)
                                     if bold[0] in FULL_WIDTH_PUNCTUATION
                                     or bold[-1] in FULL_WIDTH_PUNCTUATION]) == {}


def test_the_markup_and_closing_checks_see_a_difference() -> None:
    assert markup("[标价]({href})") != markup("标价")
    assert markup("<strong>最新一周</strong>") != markup("**最新一周**")
    assert closing_mark("逐周数据。") != closing_mark("Week by week")
    assert closing_mark("公司：") == closing_mark("Company:")


def test_chinese_headings_and_titles_have_no_full_stop() -> None:
    keys = {key for path in TEMPLATES for key in HEADING_KEY.findall(path.read_text("utf-8"))}
    assert {"home_title", "week_by_week", "movers_heading", "no_country_note_title",
            "corrected_figures"} <= keys
    zh = phrases.table("zh")
    assert [key for key in sorted(keys) if zh[key].endswith(("。", "."))] == []


def test_the_chinese_table_fills_its_sentences_as_the_chinese_formatter_writes() -> None:
    zh = phrases.table("zh")
    assert zh.html_lang == "zh-Hans"
    assert zh.week_of.format(week="2026年3月16日至22日") == "2026年3月16日至22日当周"
    assert (zh.rank_and_move.format(rank=3, move="上升2位") + "；"
            + zh.tokens_and_change.format(tokens="7.36万亿", change="+4.1%")
            == "第3名，上升2位；7.36万亿Token，环比+4.1%")
    assert zh.col_share_of.format(base="全部Token") == "占全部Token的份额"
