from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import check_data, github_annotation
from generator.paths import REPO_ROOT, Project
from generator.registry import check_registry, load_registry


def run_check(data_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator", "check"]
    if data_dir:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)


def test_check_passes_on_the_committed_data() -> None:
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert "all data files are valid" in result.stdout


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data" / "registry", data_dir / "registry")
    (data_dir / "sample").symlink_to(REPO_ROOT / "data" / "sample")
    return data_dir


def test_an_invalid_country_code_fails_with_path_and_line(data_copy: Path) -> None:
    authors = data_copy / "registry" / "authors.csv"
    lines = authors.read_text().splitlines(keepends=True)
    slug = lines[3].split(",")[0]
    lines[3] = f"{slug},Some Lab,,XX,https://example.org/lab,\n"  # line 4 of the file
    authors.write_text("".join(lines))
    result = run_check(data_copy)
    assert result.returncode == 1
    assert f"{authors}:4: country 'XX' is not an ISO 3166-1 alpha-2 code" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    authors = data_copy / "registry" / "authors.csv"
    authors.write_text(
        "\ufeffslug,company,name_zh,country,source_url,notes\r\n"  # BOM and CRLF are fine
        "openai,OpenAI,,US,https://openai.com,\r\n"
        "openai,OpenAI again,,US,https://openai.com,\r\n"
        "Bad Slug,,,us,not-a-url,\r\n"
        "short,row\r\n"
    )
    _, problems = check_registry(data_copy / "registry")
    messages = [str(p) for p in problems]
    assert f"{authors}:3: duplicate slug 'openai' (first on line 2)" in messages
    assert any(m.startswith(f"{authors}:4: slug 'Bad Slug'") for m in messages)
    assert f"{authors}:4: company is empty for 'Bad Slug'" in messages
    assert any(m.startswith(f"{authors}:4: country 'us'") for m in messages)
    assert any(m.startswith(f"{authors}:4: source_url 'not-a-url'") for m in messages)
    assert f"{authors}:5: expected 6 fields, found 2" in messages


def test_the_registry_gives_a_company_its_chinese_name_where_it_has_one() -> None:
    authors = load_registry(REPO_ROOT / "data" / "registry").authors
    assert {slug: authors[slug].name_zh for slug in (
        "deepseek", "moonshotai", "z-ai", "thudm", "qwen", "alibaba", "minimax", "openai")} == {
        "deepseek": "深度求索", "moonshotai": "月之暗面", "z-ai": "智谱", "thudm": "智谱",
        "qwen": "阿里巴巴", "alibaba": "阿里巴巴", "minimax": "稀宇科技", "openai": ""}


def test_unknown_columns_are_reported_on_the_header_line(data_copy: Path) -> None:
    authors = data_copy / "registry" / "authors.csv"
    authors.write_text("slug,company,name_zh,nation,source_url,notes\n"
                       "openai,OpenAI,,US,https://x.org,\n")
    _, problems = check_registry(data_copy / "registry")
    assert [str(p) for p in problems] == [
        f"{authors}:1: unknown column(s) nation; missing column(s) country; "
        "expected slug,company,name_zh,country,source_url,notes"
    ]


def test_an_edited_snapshot_fails_its_checksum(tiny_data: Path) -> None:
    snapshot = next((tiny_data / "raw/openrouter/rankings/week").glob("*_????-??-??.json"))
    snapshot.write_bytes(snapshot.read_bytes().replace(b'"50"', b'"51"'))
    problems = check_data(Project.at(REPO_ROOT, tiny_data)).problems
    assert any("sha256 does not match" in p for p in problems)


def test_authors_missing_from_the_registry_are_a_notice_not_a_failure(tiny_data: Path) -> None:
    authors = tiny_data / "registry" / "authors.csv"
    authors.write_text("".join(line for line in authors.read_text().splitlines(keepends=True)
                               if not line.startswith("mistralai,")))
    result = check_data(Project.at(REPO_ROOT, tiny_data))
    assert result.problems == []
    assert result.notices == [f"author 'mistralai' appears in the fetched data but not in "
                              f"{authors}: shown as Unattributed"]


def test_cloaked_authors_are_not_asked_for(tiny_data: Path) -> None:
    result = check_data(Project.at(REPO_ROOT, tiny_data))  # openrouter/sonoma-alpha is ranked
    assert (result.problems, result.warnings, result.notices) == ([], [], [])


def test_the_committed_data_prints_no_standing_notice() -> None:
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert result.stdout == "check: all data files are valid\n"


def test_under_github_actions_each_line_is_also_an_annotation(data_copy: Path) -> None:
    authors = data_copy / "registry" / "authors.csv"
    lines = authors.read_text().splitlines()
    lines[3] = lines[3].replace(f",{lines[3].split(',')[3]},", ",UK,", 1)  # line 4
    authors.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--data-dir",
                             str(data_copy)], cwd=data_copy.parent, capture_output=True,
                            text=True, check=False,
                            env={**os.environ, "GITHUB_ACTIONS": "true",
                                 "PYTHONPATH": str(REPO_ROOT)})
    assert result.returncode == 1
    assert ("::warning file=data/registry/authors.csv,line=1::this file has Windows line "
            "endings (CRLF)") in result.stdout
    assert ("::error file=data/registry/authors.csv,line=4::country 'UK' is not an ISO 3166-1 "
            "alpha-2 code: use GB for the United Kingdom") in result.stdout
    assert "data/registry/authors.csv:4: country 'UK'" in result.stderr


def test_github_annotations_escape_what_would_end_them() -> None:
    assert github_annotation("warning", "a,b:c.csv:3: 100% sure\nreally") == \
        "::warning file=a%2Cb%3Ac.csv,line=3::100%25 sure%0Areally"
    assert github_annotation("notice", "no location here") == "::notice::no location here"


def test_a_build_with_a_bad_registry_is_one_line_and_exit_1(tiny_data: Path) -> None:
    (tiny_data / "registry" / "authors.csv").write_text(
        "slug,company,name_zh,country,source_url,notes\nopenai,OpenAI,,ZZ,https://x.org,\n")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--data-dir",
                             str(tiny_data)], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "authors.csv:2: country 'ZZ'" in result.stderr
