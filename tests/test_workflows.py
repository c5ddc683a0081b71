"""The GitHub Actions workflows: security audit (zizmor) and schema check, both offline."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator.paths import REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the test environment"
    return found


def test_both_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "weekly.yml"}


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress",
                             str(REPO_ROOT / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_workflows_match_the_github_schema() -> None:
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_full_sha_with_a_version_comment() -> None:
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40} # v\d+\.\d+\.\d+$",
                                 line.strip()), line


def test_the_api_key_is_used_in_the_fetch_step_only() -> None:
    text = (REPO_ROOT / ".github/workflows/weekly.yml").read_text()
    assert text.count("secrets.") == 1
    assert "OPENROUTER_API_KEY: ${{ secrets.OPENROUTER_API_KEY }}\n        run: make fetch" in text
    assert "secrets." not in (REPO_ROOT / ".github/workflows/ci.yml").read_text()


FORMS = sorted((REPO_ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml"))


def test_issue_forms_and_their_config_match_githubs_schemas() -> None:
    forms = [p for p in FORMS if p.name != "config.yml"]
    assert {p.name for p in forms} == {"data-correction.yml", "mapping-change.yml", "bug.yml"}
    for schema, files in (("vendor.github-issue-forms", forms),
                          ("vendor.github-issue-config", [REPO_ROOT / ".github/ISSUE_TEMPLATE"
                                                                       "/config.yml"])):
        result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema,
                                 *map(str, files)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_data_forms_require_evidence() -> None:
    import yaml

    for name in ("data-correction.yml", "mapping-change.yml"):
        form = yaml.safe_load((REPO_ROOT / ".github/ISSUE_TEMPLATE" / name).read_text())
        fields = {item.get("id"): item for item in form["body"]}
        assert fields["evidence"]["validations"]["required"] is True


def test_pull_requests_get_the_check_the_diff_and_a_site_preview() -> None:
    text = (REPO_ROOT / ".github/workflows/ci.yml").read_text()
    order = [text.index(step) for step in ("run: make check", "run: make site",
                                           "generator diff --base", "name: site-preview",
                                           "run: make test")]
    assert order == sorted(order)
    assert "/data/ @" in (REPO_ROOT / ".github/CODEOWNERS").read_text()
    assert "- [ ]" in (REPO_ROOT / ".github/pull_request_template.md").read_text()


def test_the_weekly_build_restores_and_saves_the_render_cache() -> None:
    steps = yaml.safe_load((REPO_ROOT / ".github/workflows/weekly.yml").read_text())
    steps = steps["jobs"]["update"]["steps"]
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in steps]
    restore = names.index("actions/cache/restore")
    build = next(i for i, n in enumerate(names) if "make site" in n)
    save = names.index("actions/cache/save")
    assert restore < build < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == ".cache"
    assert "hashFiles('.cache/" in steps[save]["with"]["key"]  # keyed on its contents


MAIN_ONLY = "github.ref == 'refs/heads/main'"


def test_a_run_started_by_hand_off_main_neither_commits_nor_deploys() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/weekly.yml").read_text())
    assert "workflow_dispatch" in workflow[True]  # YAML reads the key `on` as True
    steps = workflow["jobs"]["update"]["steps"]
    pushing = [step for step in steps if "git push" in step.get("run", "")]
    assert len(pushing) == 1 and pushing[0]["if"] == MAIN_ONLY
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(uploads) == 1 and uploads[0]["if"] == MAIN_ONLY
    deploying = [job for job in workflow["jobs"].values()
                 if any(s.get("uses", "").startswith("actions/deploy-pages@")
                        for s in job["steps"])]
    assert len(deploying) == 1 and deploying[0]["if"] == MAIN_ONLY
    notice = [s for s in steps if s.get("if") == "github.ref != 'refs/heads/main'"]
    assert len(notice) == 1 and "GITHUB_STEP_SUMMARY" in notice[0]["run"]


def test_no_expression_is_expanded_inside_a_run_script() -> None:
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (workflow.name, step.get("name"))


def test_both_workflows_give_the_build_the_repository_they_run_in() -> None:
    """TRACKER_REPO_URL (the repository's address: page links, mkdocs.yml's repo_url, the
    fetcher's User-Agent) comes from GitHub's own context, so a fork's site links to the fork."""
    for workflow in WORKFLOWS:
        env = yaml.safe_load(workflow.read_text())["env"]
        assert env["TRACKER_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}", \
            workflow.name


def test_the_next_update_the_site_announces_is_the_weekly_schedule() -> None:
    from generator.paths import Project
    from generator.site import parse_cron, read_schedules

    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/weekly.yml").read_text())
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]
    assert read_schedules(Project.at(REPO_ROOT).weekly_workflow) == tuple(map(parse_cron, crons))
