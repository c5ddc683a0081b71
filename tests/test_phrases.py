"""The UI phrases of the generated pages (generator/phrases): every key the templates and modules
ask for is in each language's table and no key goes unused, a missing key fails with its name,
and no English phrase is left written in a template."""

from __future__ import annotations

import io
import re
import string
import tokenize
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
