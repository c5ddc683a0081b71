"""Corrections and annotations: `check` messages for bad edits (table-driven), how each action
changes the figures, and the end-to-end flow from an edited file to pages, downloads and diff."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AUTHORS_HEADER, copy_skeleton, weeks_from, write_authors, write_snapshot
from generator.check import check_data
from generator.paths import REPO_ROOT, Project
from generator.pipeline import prepare

W1, W2, W3, W4 = weeks_from("2026-03-02", 4)
GPT5 = "openai/gpt-5-20250807"
GOOD = """\
- id: gpt5-fix
  week: 2026-03-09
  target: openai/gpt-5-20250807
  action: override_tokens
  value: 1200
  reason: Counted twice
  source_url: https://example.org/evidence
  status: reported
  date: 2026-03-20
"""
ANNOTATION = """\
- id: gpt5-launch
  date: 2026-03-04
  label: GPT-5 price cut
  kind: price_change
  scope: model
  target: openai/gpt-5-20250807
  description: The price halved.
  source_url: https://example.org/prices
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Three complete weeks of three models from three countries, plus the `other` row."""
    data_dir = tmp_path / "data"
    rows = []
    for week, (gpt, deepseek, mistral) in zip((W1, W2, W3, W4), ((300, 200, 100), (500, 400, 100),
                                                                 (100, 900, 50), (5, 5, 5))):
        rows += [(week, GPT5, gpt), (week, "deepseek/deepseek-v3-20250324", deepseek),
                 (week, "mistralai/mistral-small-20250601", mistral), (week, "other", 10)]
    write_snapshot(data_dir, rows, start=W1, end="2026-03-25", as_of="2026-03-26T02:00:00.000Z")
    write_authors(data_dir, [("openai", "OpenAI", "US"), ("deepseek", "DeepSeek", "CN"),
                             ("mistralai", "Mistral AI", "FR")])
    return data_dir


def problems_for(data_dir: Path) -> list[str]:
    problems = check_data(Project.at(REPO_ROOT, data_dir)).problems
    return [p.replace(f"{data_dir}/", "") for p in problems]


AUTHORS_OK = AUTHORS_HEADER + "openai,OpenAI,,US,https://example.org/openai,\n"
INDENT = ("this line does not line up with the lines above it: the keys of an entry start in the "
          "same column (two spaces in, under the 'id' of its '- id:' line), and each entry starts "
          "with '- ' at the start of a line")

# (case, file under data/, its new content, the exact problem expected)
BAD_EDITS = [
    ("unclosed bracket", "corrections.yaml", GOOD.replace("value: 1200", "value: [1200"),
     "corrections.yaml:5: YAML syntax error: the '[' opened on this line is not closed before "
     "line 6: close it, or put the whole value in quotes if it is part of the text"),
    ("unquoted @handle", "corrections.yaml", GOOD + "  credit: @someone\n",
     "corrections.yaml:10: YAML syntax error: credit: put the value in quotes (a value cannot "
     "start with '@'), as in credit: \"@someone\""),
    ("colon inside a value", "corrections.yaml",
     GOOD.replace("Counted twice", "Note: counted twice"),
     "corrections.yaml:6: YAML syntax error: reason: put the value in quotes (it contains ': '), "
     "as in reason: \"Note: counted twice\""),
    ("value starting with a quote", "corrections.yaml",
     GOOD.replace("Counted twice", '"Counted" twice'),
     "corrections.yaml:6: YAML syntax error: reason: put the value in quotes (it starts with a "
     "quote or a bracket that closes before its end), as in reason: '\"Counted\" twice'"),
    ("key indented too far", "corrections.yaml", GOOD.replace("  reason:", "   reason:"),
     "corrections.yaml:6: YAML syntax error: " + INDENT),
    ("second entry without its dash", "corrections.yaml",
     GOOD + GOOD.replace("- id: gpt5-fix", "  id: second").replace("2026-03-09", "2026-03-16"),
     "corrections.yaml:10: duplicate key 'id' (first on line 1): a new entry starts with '- ' "
     "before its id, as in '- id: ...'"),
    ("second entry without its dash or indent", "corrections.yaml",
     GOOD + GOOD.replace("- id: gpt5-fix", "id: second").replace("2026-03-09", "2026-03-16"),
     "corrections.yaml:10: YAML syntax error: " + INDENT),
    ("unclosed quote", "corrections.yaml", GOOD.replace("Counted twice", '"Counted twice'),
     "corrections.yaml:6: YAML syntax error: the quote opened on this line is never closed"),
    ("no space after the colon", "corrections.yaml", GOOD.replace("reason: C", "reason:C"),
     "corrections.yaml:6: YAML syntax error: expected 'key: value', with a space after the "
     "colon"),
    ("tab indentation", "corrections.yaml", GOOD.replace("  reason:", "\treason:"),
     "corrections.yaml:6: YAML syntax error: a tab character: indent with spaces, not tabs"),
    ("unknown action", "corrections.yaml", GOOD.replace("override_tokens", "override"),
     "corrections.yaml:4: action: unknown action 'override'; expected one of override_tokens, "
     "drop, reassign_author, flag"),
    ("missing reason", "corrections.yaml", GOOD.replace("  reason: Counted twice\n", ""),
     "corrections.yaml:1: missing required key 'reason'"),
    ("bad URL", "corrections.yaml", GOOD.replace("https://example.org/evidence", "example.org"),
     "corrections.yaml:7: source_url: 'example.org' is not an http(s) URL"),
    ("non-Monday week", "corrections.yaml", GOOD.replace("2026-03-09", "2026-03-11"),
     "corrections.yaml:2: week: 2026-03-11 is a Wednesday; weeks start on a Monday (that "
     "week's Monday is 2026-03-09)"),
    ("week not yet published", "corrections.yaml", GOOD.replace("2026-03-09", "2026-03-23"),
     "corrections.yaml:2: week 2026-03-23 is not published yet (latest published week: "
     "2026-03-16)"),
    ("duplicate id", "corrections.yaml", GOOD + GOOD.replace("2026-03-09", "2026-03-16"),
     "corrections.yaml:10: duplicate id 'gpt5-fix' (first on line 1)"),
    ("unmatched correction", "corrections.yaml", GOOD.replace(GPT5, "openai/gpt-4o-20240513"),
     "corrections.yaml:3: target 'openai/gpt-4o-20240513' matches no row in 2026-03-09 "
     "(fixed upstream, or the slug moved?)"),
    ("negative override", "corrections.yaml", GOOD.replace("1200", "-5"),
     "corrections.yaml:5: value: -5 is negative; tokens are 0 or more"),
    ("non-integer override", "corrections.yaml", GOOD.replace("1200", "12.5"),
     "corrections.yaml:5: value: override_tokens needs a whole number of tokens, found 12.5"),
    ("reassign to an unknown author", "corrections.yaml",
     GOOD.replace("override_tokens", "reassign_author").replace("1200", "anthropic"),
     "corrections.yaml:5: value: unknown author 'anthropic'; add it to "
     "data/registry/authors.csv first"),
    ("unknown key", "corrections.yaml", GOOD + "  comment: hi\n",
     "corrections.yaml:10: unknown key 'comment'; expected one of id, week, weeks, target, "
     "action, value, reason, source_url, status, date, credit"),
    ("week and weeks", "corrections.yaml", GOOD + "  weeks: {from: 2026-03-02, to: 2026-03-09}\n",
     "corrections.yaml:10: give either week or weeks, not both"),
    ("a row corrected twice", "corrections.yaml", GOOD + GOOD.replace("gpt5-fix", "gpt5-again"),
     "corrections.yaml:10: gpt5-again: openai/gpt-5-20250807 in week 2026-03-09 is already "
     "changed by gpt5-fix"),
    ("entry added below the empty list", "corrections.yaml", "# notes\n[]\n" + GOOD,
     "corrections.yaml:2: YAML syntax error: the empty list '[]' is still here: delete this "
     "line when adding entries"),
    ("not a list", "corrections.yaml", "id: x\n",
     "corrections.yaml:1: expected a list of corrections, each starting with '- id: ...'"),
    ("CRLF line endings", "corrections.yaml",
     GOOD.replace("\n", "\r\n").replace("status: reported", "status: done"),
     "corrections.yaml:8: status: unknown status 'done'; expected one of open, reported, "
     "fixed_upstream"),
    ("UTF-8 BOM", "corrections.yaml", "\ufeff" + GOOD.replace("2026-03-20", "2026-02-30"),
     "corrections.yaml:9: date: '2026-02-30' is not a valid value (day is out of range for "
     "month)"),
    ("annotation label too long", "annotations.yaml", ANNOTATION.replace(
        "GPT-5 price cut", "GPT-5 price cut for every customer on every plan"),
     "annotations.yaml:3: label: 48 characters; keep it to 40 (the description holds the "
     "detail)"),
    ("annotation without its target", "annotations.yaml",
     ANNOTATION.replace("  target: openai/gpt-5-20250807\n", ""),
     "annotations.yaml:1: missing required key 'target' for scope model"),
    ("annotation country target", "annotations.yaml",
     ANNOTATION.replace("scope: model", "scope: country").replace(GPT5, "USA"),
     "annotations.yaml:6: target 'USA' is not an ISO 3166-1 alpha-2 code: use US for United "
     "States"),
    ("invalid country", "registry/authors.csv",
     AUTHORS_OK.replace(",US,", ",XX,"),
     "registry/authors.csv:2: country 'XX' is not an ISO 3166-1 alpha-2 code: expected two "
     "capital letters, e.g. CN, US, FR"),
    ("UK for the United Kingdom", "registry/authors.csv", AUTHORS_OK.replace(",US,", ",UK,"),
     "registry/authors.csv:2: country 'UK' is not an ISO 3166-1 alpha-2 code: use GB for the "
     "United Kingdom"),
    ("lower-case country", "registry/authors.csv", AUTHORS_OK.replace(",US,", ",fr,"),
     "registry/authors.csv:2: country 'fr' is not an ISO 3166-1 alpha-2 code: use FR (in "
     "capitals)"),
    ("country name", "registry/authors.csv", AUTHORS_OK.replace(",US,", ",France,"),
     "registry/authors.csv:2: country 'France' is not an ISO 3166-1 alpha-2 code: use FR for "
     "France"),
    ("unquoted comma in a company", "registry/authors.csv",
     AUTHORS_OK + "newlab,NewLab, Inc.,,SE,https://example.org/newlab,\n",
     "registry/authors.csv:3: expected 6 fields, found 7: a value with a comma must be in double "
     "quotes, as in \"NewLab, Inc.\""),
    ("a company written two ways", "registry/authors.csv",
     AUTHORS_OK + "bytedance,ByteDance,,CN,https://example.org/b,\n"
     "bytedance-seed,Bytedance,,CN,https://example.org/b,\n",
     "registry/authors.csv:4: company 'Bytedance' is written 'ByteDance' on line 3: write it "
     "the same way on every row, or the site shows two companies"),
    ("a company with two countries", "registry/authors.csv",
     AUTHORS_OK + "bytedance,ByteDance,,CN,https://example.org/b,\n"
     "bytedance-seed,ByteDance,,SG,https://example.org/b,\n",
     "registry/authors.csv:4: company 'ByteDance' has country CN on line 3 but SG here: a "
     "company has one headquarters country"),
    ("a cloaked author in the registry", "registry/authors.csv",
     AUTHORS_OK + "openrouter,OpenAI,,US,https://example.org/guess,\n",
     "registry/authors.csv:3: slug 'openrouter': openrouter/... models are cloaked, so their "
     "developer is not known: leave them out of the registry (they stay Unattributed); once a "
     "developer is revealed, credit the model to it with a reassign_author correction in "
     "data/corrections.yaml"),
    ("a model override that matches no model", "registry/models.csv",
     "permaslug,display_name,family,open_weights,notes\n"
     "openai/gpt-5-20250807,GPT-5,GPT-5,false,\n"
     "openai/gpt-5-2025-08-07,GPT-5,GPT-5,false,\n",
     "registry/models.csv:3: permaslug 'openai/gpt-5-2025-08-07' matches no model in the data, "
     "so this row changes nothing: copy the OpenRouter slug from the model's page on the site"),
    ("duplicate author slug", "registry/authors.csv",
     AUTHORS_OK + "openai,OpenAI Inc,,US,https://example.org/b,\n",
     "registry/authors.csv:3: duplicate slug 'openai' (first on line 2)"),
    ("extra column", "registry/authors.csv",
     AUTHORS_OK.replace("notes\n", "notes,hq\n").replace("openai,\n", "openai,,SF\n"),
     "registry/authors.csv:1: unknown column(s) hq; expected slug,company,name_zh,country,"
     "source_url,notes"),
    ("empty authors file", "registry/authors.csv", "",
     "registry/authors.csv:1: empty file; expected header slug,company,name_zh,country,"
     "source_url,notes"),
    ("the header from before name_zh", "registry/authors.csv",
     "slug,company,country,source_url,notes\nopenai,OpenAI,US,https://example.org/openai,\n",
     "registry/authors.csv:1: missing column(s) name_zh; expected slug,company,name_zh,country,"
     "source_url,notes; name_zh (the company's Chinese name, for the Chinese edition) goes after "
     "company: leave it empty where a company has no Chinese name"),
    ("a Chinese name in Latin letters only", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek,DeepSeek,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh 'DeepSeek' has no Chinese character: write the company's "
     "usual Chinese name (e.g. 深度求索 for DeepSeek), or leave it empty where it has none (the "
     "site then shows the company's name as it is)"),
    ("a Chinese name in full-width Latin letters", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek,ＤｅｅｐＳｅｅｋ,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh 'ＤｅｅｐＳｅｅｋ' has no Chinese character: write the "
     "company's usual Chinese name (e.g. 深度求索 for DeepSeek), or leave it empty where it has "
     "none (the site then shows the company's name as it is)"),
    ("a Chinese name with a space before it", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek, 深度求索,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh ' 深度求索' has spaces before or after it: remove them"),
    ("a Chinese name with an ideographic space after it", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek,深度求索\u3000,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh '深度求索\\u3000' has spaces before or after it: remove "
     "them"),
    ("a Chinese name with markup", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek,<b>深度求索</b>,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh '<b>深度求索</b>': the character '<' is not allowed (only "
     "Chinese characters, letters, digits, spaces and · - （ ）): write the name as the company "
     "writes it, without markup"),
    ("a Chinese name with a line break", "registry/authors.csv",
     AUTHORS_OK + 'deepseek,DeepSeek,"深度\n求索",CN,https://example.org/d,\n',
     "registry/authors.csv:3: name_zh '深度\\n求索': the character '\\n' is not allowed (only "
     "Chinese characters, letters, digits, spaces and · - （ ）): write the name as the company "
     "writes it, without markup"),
    ("a Chinese name with a bidi override", "registry/authors.csv",
     AUTHORS_OK + "deepseek,DeepSeek,深度\u202e求索,CN,https://example.org/d,\n",
     "registry/authors.csv:3: name_zh '深度\\u202e求索': the character '\\u202e' is not allowed "
     "(only Chinese characters, letters, digits, spaces and · - （ ）): write the name as the "
     "company writes it, without markup"),
    ("a company with two Chinese names", "registry/authors.csv",
     AUTHORS_OK + "z-ai,Zhipu AI,智谱,CN,https://example.org/z,\n"
     "thudm,Zhipu AI,,CN,https://example.org/z,\n",
     "registry/authors.csv:4: company 'Zhipu AI' has name_zh '智谱' on line 3 but '' here: give "
     "every row of a company the same Chinese name (or leave it empty on every row)"),
]


@pytest.mark.parametrize(("name", "target", "content", "expected"), BAD_EDITS,
                         ids=[case[0] for case in BAD_EDITS])
def test_a_bad_edit_gets_its_exact_message(data: Path, name: str, target: str, content: str,
                                           expected: str) -> None:
    (data / target).write_bytes(content.encode("utf-8"))
    assert problems_for(data) == [expected]


def test_the_good_files_pass_with_bom_and_crlf(data: Path) -> None:
    (data / "corrections.yaml").write_bytes(("\ufeff" + GOOD.replace("\n", "\r\n")).encode())
    (data / "annotations.yaml").write_text(ANNOTATION)
    assert problems_for(data) == []


def test_windows_line_endings_are_a_warning_on_the_file(data: Path) -> None:
    (data / "corrections.yaml").write_bytes(GOOD.replace("\n", "\r\n").encode())
    result = check_data(Project.at(REPO_ROOT, data))
    assert result.problems == []
    assert result.warnings == [
        f"{data}/corrections.yaml:1: this file has Windows line endings (CRLF): save it with "
        "Unix (LF) line endings, or the pull request shows every line as changed"]


@pytest.mark.parametrize(("target", "advice"), [
    ("registry/authors.csv", 'save the file as "CSV UTF-8" (in Excel: File > Save As > CSV '
                             "UTF-8), or as UTF-8 in your editor"),
    ("corrections.yaml", "save the file as UTF-8 in your editor (GitHub's web editor always "
                         "does)")])
def test_a_windows_1252_file_names_the_line_and_how_to_save_it(data: Path, target: str,
                                                               advice: str) -> None:
    content = (AUTHORS_OK + "examplelab,Société Exemple,,FR,https://example.org/a,\n"
               if target.endswith(".csv") else GOOD.replace("Counted twice", "Compté deux fois"))
    (data / target).write_bytes(content.encode("cp1252"))
    line = 3 if target.endswith(".csv") else 6
    assert problems_for(data) == [f"{target}:{line}: not UTF-8 text: 'é' is written as "
                                  f"Windows-1252 (byte 0xE9); {advice}"]


def test_a_correction_without_fetched_data_says_how_to_preview_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # a fresh clone: the registry and the bundled sample only
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    (data_dir / "sample").symlink_to(REPO_ROOT / "data" / "sample")
    (data_dir / "corrections.yaml").write_text(GOOD)
    assert problems_for(data_dir) == [
        "corrections.yaml:2: this checkout has no fetched data (no snapshot under data/raw/), "
        "and data/corrections.yaml applies to fetched weeks only, so this correction cannot be "
        "checked or shown: to preview a correction, write it in data/sample/corrections.yaml "
        "with a week and a model of the bundled sample and run `make site` (do not commit that "
        "file), or fetch the data first (`make fetch`, with OPENROUTER_API_KEY set)"]


def test_a_build_from_the_sample_says_it_leaves_the_corrections_out(tmp_path: Path) -> None:
    from generator.check import unused_corrections

    data_dir = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    project = Project.at(tmp_path, data_dir)
    assert unused_corrections(project) is None  # no file
    (data_dir / "corrections.yaml").write_text("# Corrections, one entry each.\n[]\n")
    assert unused_corrections(project) is None  # no entry
    (data_dir / "corrections.yaml").write_text(GOOD)
    notice = unused_corrections(project)
    assert notice.endswith("corrections.yaml: this checkout has no fetched data (no snapshot "
                           "under data/raw/), and data/corrections.yaml applies to fetched weeks "
                           "only, so this correction cannot be checked or shown: to preview a "
                           "correction, write it in data/sample/corrections.yaml with a week and "
                           "a model of the bundled sample and run `make site` (do not commit "
                           "that file), or fetch the data first (`make fetch`, with "
                           "OPENROUTER_API_KEY set)")


def test_the_committed_files_pass_check() -> None:
    result = check_data(Project.at())
    assert result.problems == [] and result.warnings == []


def test_the_cli_prints_every_problem_and_exits_1(data: Path) -> None:
    (data / "corrections.yaml").write_text(GOOD.replace("1200", "-5") + GOOD.replace(
        "gpt5-fix", "Bad Id").replace("2026-03-09", "2026-03-16"))
    result = subprocess.run(
        [str(REPO_ROOT / ".venv/bin/python") if (REPO_ROOT / ".venv/bin/python").exists()
         else "python3", "-m", "generator", "check", "--data-dir", str(data)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = [line.replace(f"{data}/", "") for line in result.stderr.splitlines()]
    assert "corrections.yaml:5: value: -5 is negative; tokens are 0 or more" in lines
    assert any(line.startswith("corrections.yaml:10: id 'Bad Id'") for line in lines)
    assert "2 problem(s) found" in lines
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- what each action does

def tables_with(data: Path, corrections: str):
    (data / "corrections.yaml").write_text(corrections)
    return prepare(Project.at(REPO_ROOT, data)).tables


def week_row(frame, week: str, **where):
    rows = frame[frame["week_start"] == week]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1
    return rows.iloc[0]


def test_override_changes_the_model_and_every_total(data: Path) -> None:
    tables = tables_with(data, GOOD)
    assert week_row(tables.models, W2, model_permaslug=GPT5)["tokens"] == 1200
    assert week_row(tables.totals, W2)["total_tokens"] == 1200 + 400 + 100 + 10
    assert week_row(tables.countries, W2, country="US")["tokens"] == 1200
    assert week_row(tables.models, W1, model_permaslug=GPT5)["tokens"] == 300  # other weeks kept
    entry = tables.corrections.iloc[0]
    assert (entry["rows_affected"], entry["tokens_before"], entry["tokens_after"]) == (1, 500, 1200)


def test_drop_of_an_author_removes_its_rows_from_every_total(data: Path) -> None:
    tables = tables_with(data, GOOD.replace("week: 2026-03-09", "weeks: {from: 2026-03-02, to: "
                                            "2026-03-16}").replace(GPT5, "mistralai")
                         .replace("action: override_tokens", "action: drop")
                         .replace("  value: 1200\n", ""))
    assert "FR" not in set(tables.countries["country"])
    assert list(tables.totals["total_tokens"]) == [510, 910, 1010]
    assert tables.corrections.iloc[0]["rows_affected"] == 3


def test_reassign_author_moves_tokens_between_countries(data: Path) -> None:
    tables = tables_with(data, GOOD.replace("override_tokens", "reassign_author")
                         .replace("value: 1200", "value: deepseek"))
    row = week_row(tables.models, W2, model_permaslug=GPT5)
    assert (row["author"], row["company"], row["country"]) == ("deepseek", "DeepSeek", "CN")
    assert week_row(tables.countries, W2, country="CN")["tokens"] == 900
    assert W2 not in set(tables.countries.loc[tables.countries["country"] == "US", "week_start"])
    assert week_row(tables.models, W1, model_permaslug=GPT5)["country"] == "US"


def test_flag_changes_no_figure(data: Path) -> None:
    plain = prepare(Project.at(REPO_ROOT, data)).tables
    flagged = tables_with(data, GOOD.replace("override_tokens", "flag")
                          .replace("  value: 1200\n", ""))
    assert plain.models.equals(flagged.models)
    assert list(flagged.corrected["correction_id"]) == ["gpt5-fix"]


# ---------------------------------------------------------------- end to end

def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True).stdout


def test_an_edit_moves_through_pages_downloads_and_the_data_diff(tmp_path: Path,
                                                                 data: Path) -> None:
    from generator.build import generate
    from generator.datadiff import data_diff

    root = tmp_path / "project"
    root.mkdir()
    project = copy_skeleton(root, root / "data")
    data.rename(project.data_dir)
    git(root, "init", "--quiet")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "data")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m",
        "data")

    # A contributor moves Mistral AI to Canada and corrects a figure, in one pull request.
    authors = project.registry_dir / "authors.csv"
    authors.write_text(authors.read_text().replace("Mistral AI,,FR", "Mistral AI,,CA"))
    (project.data_dir / "corrections.yaml").write_text(GOOD.replace(
        "Counted twice", "Counted twice | see <b>the log</b>"))
    generate(project)

    src = project.site_src
    canada = (src / "countries/ca.md").read_text()
    assert "Mistral AI" in canada
    assert not (src / "countries/fr.md").exists()
    with (src / "downloads/v1/countries_weekly.csv").open() as handle:
        countries = {(r["week_start"], r["country"]): int(r["tokens"])
                     for r in csv.DictReader(handle)}
    assert countries[(W1, "CA")] == 100 and (W1, "FR") not in countries

    week_page = (src / f"rankings/{W2}.md").read_text()
    model_page = (src / "models/openai-gpt-5-20250807.md").read_text()
    company_page = (src / "companies/openai.md").read_text()
    for page in (week_page, model_page, company_page):
        assert '!!! warning "Corrected figures"' in page
        assert "Counted twice \\| see &lt;b&gt;the log&lt;/b&gt;" in page  # escaped, literal
        assert "data/revisions.md#gpt5-fix" in page
    assert "Corrected figures" not in (src / f"rankings/{W1}.md").read_text()
    log = (src / "data/revisions.md").read_text()
    assert "{: #gpt5-fix }" in log and "500 tokens before, 1,200 after" in log
    rows = list(csv.DictReader(io.StringIO(
        (src / "downloads/v1/corrections.csv").read_text())))
    assert [(r["id"], r["action"], r["value"], r["tokens_before"], r["tokens_after"])
            for r in rows] == [("gpt5-fix", "override_tokens", "1200", "500", "1200")]
    embed = (src / f"embed/tokens-by-country/{W2}/index.html").read_text()
    # one line, linked to the correction's entry in the log (which says what it did)
    assert "Figures corrected by contributors:" in embed
    assert 'data/revisions/#gpt5-fix"' in embed
    assert "corrected by contributors" not in (
        src / f"embed/tokens-by-country/{W1}/index.html").read_text()

    diff = data_diff(project, "HEAD")
    assert "### Tokens moved between countries" in diff
    assert "| Canada | 0 | 250 | +250 |" in diff
    assert "| France | 250 | 0 | -250 |" in diff
    assert "| OpenAI | 900 | 1,600 | +700 |" in diff
    assert (f"| {W2} | openai/gpt\\-5\\-20250807 | gpt\\-5\\-20250807 | OpenAI | US | "
            "500 → 1,200 |") in diff
    assert "| authors.csv | mistralai | Mistral AI, FR, " in diff
    assert "| gpt5\\-fix | added | tokens of openai/gpt\\-5\\-20250807 set to 1,200 |" in diff
