"""The code's shape, as the story engine set it: one record per chart family that everything
else iterates (no dispatch on a chart's kind anywhere else), every sentence about a figure worded
in the findings layer, feeds that import no page, templates that call no Python for words, short
modules and a README that stays a map."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from generator.charts.families import FAMILIES, SITE_WIDE
from generator.findings import LANGUAGES
from generator.findings.en.families import CAVEATS
from generator.findings.en.families import FAMILIES as FAMILY_WORDS
from generator.paths import REPO_ROOT

GENERATOR = REPO_ROOT / "generator"
# The records table, and each language's words of the families (their titles, captions, …).
RECORDS = {GENERATOR / "charts" / "families.py",
           *(GENERATOR / "findings" / language / "families.py" for language in LANGUAGES)}


def code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module's code (docstrings and comments left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def test_no_chart_kind_is_named_outside_the_records_table() -> None:
    kinds = set(FAMILIES) - {"model", "company", "country"}  # also plain words
    found = [f"{path.relative_to(REPO_ROOT)}:{line}: {text!r}"
             for path in sorted(GENERATOR.rglob("*.py")) if path not in RECORDS
             for line, text in code_strings(path)
             if any(re.search(rf"(^|/){re.escape(kind)}($|/)", text) for kind in kinds)]
    assert found == []


def test_the_scan_finds_a_chart_kind_where_there_is_one(tmp_path: Path) -> None:
    """The test above can fail: a kind in code is found, the same words in a comment are not."""
    module = tmp_path / "module.py"
    module.write_text('"""About rank-movement."""\n# rank-movement\nKIND = "rank-movement"\n')
    assert code_strings(module) == [(3, "rank-movement")]


def test_every_family_has_its_words_caveats_and_height() -> None:
    for kind, family in FAMILIES.items():
        assert family.kind == kind
        assert kind in FAMILY_WORDS, kind  # its title, caption and subtitle, worded
        assert family.narrow_height > 0 and all(c in CAVEATS for c in family.caveats), kind
        assert family.site_wide == (family.finding is not None), kind
        assert family.site_wide or (family.folder and not family.frozen), kind
    assert SITE_WIDE == tuple(k for k, f in FAMILIES.items() if not f.entity)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_feeds_embeds_and_charts_import_no_page_module() -> None:
    for path in [GENERATOR / "feeds.py", *(GENERATOR / "embeds").glob("*.py"),
                 *(GENERATOR / "charts").glob("*.py"), *(GENERATOR / "findings").rglob("*.py")]:
        pages = [m for m in imported_modules(path) if m.startswith("generator.pages")]
        assert pages == [], path


def test_the_findings_layer_reads_only_the_derived_tables() -> None:
    allowed = ("generator.findings", "generator.derive", "generator.fmt", "generator.tableio",
               "generator", "__future__", "collections", "dataclasses", "datetime", "pandas")
    for path in (GENERATOR / "findings").rglob("*.py"):
        outside = [m for m in imported_modules(path)
                   if m != "generator.fmt" and not m.startswith(allowed)]
        assert outside == [], path


def test_templates_call_no_python_for_their_words() -> None:
    """Page templates get every sentence about a figure in their context: the only calls they
    make are the formatters of numbers in table cells and the links and markup macros."""
    from generator.pages import PageWriter

    calls = {"rank_move", "rank_move_words", "source_line", "source_line_html", "usd_range",
             "percent_range", "caller", "loop", "super", "range", "dict", "lower",
             "namespace",  # Jinja's, for a value a loop sets
             "name"}  # a table macro's cell macro, passed in
    words = re.compile(r"\b(\w+)\(")
    macros = set()
    templates = sorted((REPO_ROOT / "templates" / "pages").glob("*.j2"))
    for path in templates:
        macros.update(re.findall(r"\{%-?\s*macro\s+(\w+)", path.read_text(encoding="utf-8")))
    for path in templates:
        for expression in re.findall(r"\{[{%](.*?)[}%]\}", path.read_text(encoding="utf-8")):
            expression = re.sub(r"\|\s*\w+\(", "| (", expression)  # filters format numbers
            called = set(words.findall(expression)) - macros - calls
            called = {c for c in called if not re.search(rf"\.{c}\(", expression)}
            assert called == set(), (path.name, expression)
    assert not any(callable(value) and name.endswith(("finding", "summary", "lead"))
                   for name, value in PageWriter.__dict__.items())


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_kind_of_finding_is_worded(language: str) -> None:
    from generator.findings.en import WORDINGS

    assert set(LANGUAGES[language]) == set(WORDINGS)


def test_no_module_passes_500_lines_and_the_readme_is_a_map() -> None:
    long = {str(p.relative_to(REPO_ROOT)): n for p in GENERATOR.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
    assert len((REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_no_generator_module_keeps_a_sentence_helper_the_findings_layer_owns() -> None:
    """The sentence makers that drifted apart before live in generator/findings only."""
    names = {"country_finding", "models_of", "week_summary", "week_headline", "country_story",
             "history_finding", "site_wide_words", "entity_words", "change_against"}
    found = []
    for path in GENERATOR.rglob("*.py"):
        if "findings" in path.parts:
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{path.name}: {t.string}" for t in tokens
                  if t.type == tokenize.NAME and t.string in names]
    assert found == []
