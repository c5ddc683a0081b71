"""Build-level behaviour on small data: staleness banner, refusing sample data, revisions."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from conftest import copy_skeleton, write_snapshot
from generator.build import generate
from generator.errors import TrackerError
from generator.paths import REPO_ROOT, Project


@pytest.fixture
def project(tmp_path: Path, tiny_data: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    return Project.at(copy_skeleton(root).root, tiny_data)


def status(project: Project) -> str:
    return (project.generated_overrides / "data_status.html").read_text()


def test_stale_data_gets_a_banner_after_14_days(project: Project) -> None:
    # the newest published week 2026-03-16 ends on Monday 2026-03-23
    generate(project, today=date(2026, 4, 6))  # 14 days later: still fresh
    assert "tt-stale-banner" not in status(project)
    assert "Data as of 2026-03-26T02:00:00.000Z" in status(project)
    generate(project, today=date(2026, 4, 7))  # 15 days later
    assert "The data may be stale" in status(project)
    assert "last updated (as of) 2026-03-26" in status(project)


def test_the_sample_shows_the_sample_banner_not_the_stale_one(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = Project.at(copy_skeleton(root).root, REPO_ROOT / "data")
    if any((project.data_dir / "raw").glob("openrouter/rankings/week/*.json")):
        pytest.skip("the repository holds real data")
    generate(project, today=date(2030, 1, 1))
    assert "tt-sample-banner" in status(project)
    assert "stale" not in status(project)


def test_publishing_refuses_the_sample(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "registry").mkdir(parents=True)
    (data_dir / "registry" / "authors.csv").write_text(
        (REPO_ROOT / "data/registry/authors.csv").read_text())
    (data_dir / "sample").symlink_to(REPO_ROOT / "data" / "sample")
    root = tmp_path / "project"
    root.mkdir()
    project = Project.at(copy_skeleton(root).root, data_dir)
    with pytest.raises(TrackerError, match="refusing to build a publishable site from the "
                                           "sample data"):
        generate(project, require_real_data=True)


def test_restatements_are_listed_as_revisions(project: Project) -> None:
    write_snapshot(project.data_dir, [("2026-03-16", "openai/gpt-5-20250807", 1500),
                                      ("2026-03-16", "deepseek/deepseek-v3-20250324", 1000),
                                      ("2026-03-16", "openrouter/sonoma-alpha", 10),
                                      ("2026-03-16", "other", 90)],
                   start="2026-03-16", end="2026-03-22", as_of="2026-03-30T02:00:00.000Z")
    generate(project, today=date(2026, 3, 31))
    with (project.site_src / "downloads/v1/revisions.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"week_start": "2026-03-16", "model_permaslug": "openai/gpt-5-20250807",
                     "old_tokens": "1000", "new_tokens": "1500",
                     "old_as_of": "2026-03-26T02:00:00.000Z",
                     "new_as_of": "2026-03-30T02:00:00.000Z"}]
    page = (project.site_src / "data/revisions.md").read_text()
    assert r"<code>openai/gpt\-5\-20250807</code> | 1,000 | 1,500 | +50.0% | 2026-03-30 " \
           "(was 2026-03-26) |" in page


def test_an_unchanged_build_skips_the_generator_until_an_input_or_output_changes(
        project: Project) -> None:
    today = date(2026, 4, 6)
    first = generate(project, today=today)
    assert not first.unchanged
    page = project.site_src / "index.md"
    again = generate(project, today=today)
    assert again.unchanged and again.pages == first.pages
    # a contributor's edit (any file under data/) regenerates
    authors = project.registry_dir / "authors.csv"
    authors.write_text(authors.read_text().replace("DeepSeek", "DeepSeek AI"))
    assert not generate(project, today=today).unchanged
    assert "DeepSeek AI" in page.read_text()
    assert generate(project, today=today).unchanged
    # a deleted or hand-edited output regenerates, and is restored
    page.unlink()
    assert not generate(project, today=today).unchanged
    assert page.is_file()
    # another day may change the staleness banner: regenerate
    assert not generate(project, today=date(2026, 4, 7)).unchanged


def test_an_unchanged_site_skips_the_builder_until_a_page_or_the_output_changes(
        project: Project) -> None:
    from generator.build import build_site, site_stamp_path

    generate(project, today=date(2026, 4, 6))
    assert build_site(project)
    home = project.site_dir / "index.html"
    assert not build_site(project)  # nothing changed: MkDocs does not run
    # a hand-written page edited: rebuilt, with the edit
    learn = project.site_src / "learn" / "what-is-a-token.md"
    learn.write_text(learn.read_text() + "\nA sentence added by a contributor.\n")
    assert build_site(project)
    assert "A sentence added by a contributor." in \
        (project.site_dir / "learn/what-is-a-token/index.html").read_text()
    assert not build_site(project)
    # an output deleted or touched: rebuilt, and restored
    home.unlink()
    assert build_site(project) and home.is_file()
    # a failed build leaves no stamp: the next build runs MkDocs again, never "up to date"
    learn.write_text(learn.read_text() + "\n[broken](no-such-page.md)\n")
    with pytest.raises(TrackerError, match="mkdocs build --strict failed"):
        build_site(project)
    assert not site_stamp_path(project).exists()
    learn.write_text(learn.read_text().replace("[broken](no-such-page.md)", ""))
    assert build_site(project)
    assert not build_site(project)


def test_pruning_the_render_cache_keeps_exactly_what_the_build_uses(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))  # not the suite's shared one
    charts = tmp_path / "cache" / "charts"
    generate(project, today=date(2026, 4, 6))
    used = set(charts.iterdir())
    assert any(p.suffix == ".png" for p in used) and any(p.suffix == ".svg" for p in used)
    stale = [charts / f"{'0' * 64}.svg", charts / f"{'1' * 64}.png",  # renders of an old spec
             charts / f"{'2' * 64}.spec"]  # and a spec no chart is made from any more
    for path in stale:
        path.write_bytes(b"old")
    other = charts / "README.txt"
    other.write_text("not a render")
    generate(project, today=date(2026, 4, 7))  # without the flag: nothing is deleted
    assert set(charts.iterdir()) == used | {*stale, other}
    generate(project, today=date(2026, 4, 8), prune_cache=True)
    assert set(charts.iterdir()) == used | {other}
    # what was kept is all the build needs: the next build draws nothing
    times = {p: p.stat().st_mtime_ns for p in used}
    generate(project, today=date(2026, 4, 9), prune_cache=True)
    assert {p: p.stat().st_mtime_ns for p in charts.iterdir() if p != other} == times


def test_mirror_tree_links_each_file_once_and_drops_what_the_source_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import files
    from generator.files import mirror_tree, write_bytes_if_changed

    source, target = tmp_path / "src", tmp_path / "out"
    write_bytes_if_changed(source / "a" / "one.txt", b"one")
    write_bytes_if_changed(source / "two.txt", b"two")
    (target / "old").mkdir(parents=True)
    (target / "old" / "stale.txt").write_bytes(b"left by an earlier build")
    assert mirror_tree(source, target) == 2
    assert {p.relative_to(target).as_posix() for p in target.rglob("*")} == {
        "a", "a/one.txt", "two.txt"}
    assert (target / "a/one.txt").stat().st_ino == (source / "a/one.txt").stat().st_ino
    assert mirror_tree(source, target) == 0  # already linked: nothing to do
    write_bytes_if_changed(source / "two.txt", b"TWO")  # replaced (a new file), not edited
    assert mirror_tree(source, target) == 1 and (target / "two.txt").read_bytes() == b"TWO"
    # where a link is impossible, a copy; an unchanged copy is not made again
    monkeypatch.setattr(files.os, "link", lambda *_: (_ for _ in ()).throw(OSError("EXDEV")))
    write_bytes_if_changed(source / "three.txt", b"three")
    assert mirror_tree(source, target) == 1
    assert (target / "three.txt").read_bytes() == b"three"
    assert (target / "three.txt").stat().st_nlink == 1
    assert mirror_tree(source, target) == 0
    files.remove_tree(source)
    assert mirror_tree(source, target) == 0 and not target.exists()


def test_prune_tree_deletes_what_is_not_kept_and_the_folders_it_empties(
        tmp_path: Path) -> None:
    from generator.files import prune_tree, write_bytes_if_changed

    root = tmp_path / "out"
    for name in ("keep.txt", "a/keep.txt", "a/b/stale.txt", "c/d/stale.txt", "stale.txt"):
        write_bytes_if_changed(root / name, name.encode())
    (root / "empty" / "deeper").mkdir(parents=True)
    assert prune_tree(root, {root / "keep.txt", root / "a" / "keep.txt"}) == 3
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "a", "a/keep.txt", "keep.txt"]
    assert prune_tree(root, set()) == 2 and root.is_dir() and not any(root.iterdir())
    assert prune_tree(tmp_path / "missing", set()) == 0


def test_the_builder_starts_once_every_page_is_final_and_embeds_are_linked_after(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """build() starts MkDocs while the embed cards are still drawn: by then every page, the
    downloads and the theme's generated partial are written, and nothing changes them after."""
    import generator.build as build_module
    from generator.build import SiteBuilder, build, site_stamp_path

    seen = {}
    real_start = SiteBuilder.start

    def start(self: SiteBuilder) -> None:
        seen["pages"] = {p: p.read_bytes() for p in project.site_src.rglob("*")
                         if p.is_file() and "embed" not in p.relative_to(project.site_src).parts}
        seen["status"] = (project.generated_overrides / "data_status.html").is_file()
        real_start(self)

    monkeypatch.setattr(SiteBuilder, "start", start)
    generated = build(project, today=date(2026, 4, 6))
    assert not generated.site_unchanged and generated.builder_seconds > 0
    assert seen["status"]
    final = {p: p.read_bytes() for p in project.site_src.rglob("*")
             if p.is_file() and "embed" not in p.relative_to(project.site_src).parts}
    assert seen["pages"] == final
    # MkDocs left embed/ out; the build linked it in: the same files, the same inodes
    embed_src = sorted(p.relative_to(project.site_src) for p in
                       (project.site_src / "embed").rglob("*") if p.is_file())
    assert embed_src and embed_src == sorted(p.relative_to(project.site_dir) for p in
                                             (project.site_dir / "embed").rglob("*")
                                             if p.is_file())
    assert all((project.site_dir / p).stat().st_ino == (project.site_src / p).stat().st_ino
               for p in embed_src)
    assert site_stamp_path(project).is_file()
    # an embed changed but no page: MkDocs need not run, the embed is linked again
    card = next((project.site_src / "embed").rglob("*.csv"))
    build_module.write_text_if_changed(card, card.read_text() + "# edited\n")
    assert not build_module.build_site(project)
    assert (project.site_dir / card.relative_to(project.site_src)).read_text().endswith(
        "# edited\n")
    # a page changed: MkDocs runs and empties site/ first, but embed/ (and charts/) were set
    # aside for it (hidden, which MkDocs keeps) and put back: no file needs linking again
    placed, real_mirror = [], build_module.mirror_tree
    monkeypatch.setattr(build_module, "mirror_tree",
                        lambda *args: placed.append(real_mirror(*args)) or placed[-1])
    home = project.site_src / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert build_module.build_site(project) and placed == [0] * len(build_module.LINKED_LATER)
    assert "Edited." in (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert not list(project.site_dir.glob(".*"))
    assert sorted(p.relative_to(project.site_dir) for p in
                  (project.site_dir / "embed").rglob("*") if p.is_file()) == embed_src


def test_a_failed_generation_stops_the_builder_it_started(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build_module
    from generator.build import SiteBuilder, site_stamp_path

    builders = []
    real_start = SiteBuilder.start

    def start(self: SiteBuilder) -> None:
        real_start(self)
        builders.append(self)

    def broken(*_: object, **__: object) -> None:
        raise TrackerError("a card could not be drawn")

    monkeypatch.setattr(SiteBuilder, "start", start)
    monkeypatch.setattr(build_module, "finish_embeds", broken)
    with pytest.raises(TrackerError, match="a card could not be drawn"):
        build_module.build(project, today=date(2026, 4, 6))
    assert len(builders) == 1 and builders[0].process is None  # killed and reaped
    assert not site_stamp_path(project).exists()


def run_mkdocs(project: Project, cache: Path | None) -> tuple[int, str]:
    """MkDocs as the build runs it (embed/ left out, pages kept in ``cache``; None: as a plain
    ``mkdocs build`` with the hooks keeping nothing)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1",
           "TRACKER_LINKED_LATER": "embed", "TRACKER_PAGE_CACHE": str(cache or "")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(project.mkdocs_yml), "--site-dir", str(project.site_dir)],
        cwd=project.root, capture_output=True, text=True, check=False, env=env)
    return result.returncode, result.stdout + result.stderr


def site_pages(project: Project) -> dict[str, bytes]:
    return {str(p.relative_to(project.site_dir)): p.read_bytes()
            for p in sorted(project.site_dir.rglob("*")) if p.is_file()}


def test_kept_pages_make_the_same_site_and_a_link_to_a_lost_page_still_fails(
        project: Project, tmp_path: Path) -> None:
    """The hooks keep each page's conversion (and search entries) under a digest of its
    Markdown: a build that converts nothing writes the same bytes, and a kept page's links are
    still checked against the build's files."""
    import re

    generate(project, today=date(2026, 4, 6))
    extra = project.site_src / "extra"
    extra.mkdir()
    (extra / "a.md").write_text("# A\n\nSee [the other page](b.md#b-heading).\n")
    (extra / "b.md").write_text("# B\n\n## B heading\n\nText.\n")
    cache = tmp_path / "pages"
    code, output = run_mkdocs(project, cache)
    assert code == 0, output
    kept = re.search(r"Page cache: (\d+) pages kept, (\d+) converted; (\d+) layouts kept",
                     output)
    assert kept and kept.group(1) == kept.group(3) == "0" and int(kept.group(2)) > 20
    cold = site_pages(project)
    code, output = run_mkdocs(project, cache)
    assert code == 0, output
    kept = re.search(r"Page cache: (\d+) pages kept, 0 converted; (\d+) layouts kept", output)
    assert kept and kept.group(1) == kept.group(2) and int(kept.group(2)) > 20
    assert site_pages(project) == cold  # search index included
    code, output = run_mkdocs(project, None)  # MkDocs with nothing kept: the same site
    assert code == 0, output
    assert "Page cache" not in output and site_pages(project) == cold
    # The banner changes on every page (as the data's date does each week) and one page's
    # text: the layouts of all other pages are kept, with the new banner put in.
    status = project.generated_overrides / "data_status.html"
    text = status.read_text(encoding="utf-8")
    assert "Data as of" in text
    status.write_text(text.replace("Data as of", "Trial data as of"), encoding="utf-8")
    (extra / "b.md").write_text("# B\n\n## B heading\n\nOther text.\n")
    code, output = run_mkdocs(project, cache)
    assert code == 0, output
    kept = re.search(r"Page cache: (\d+) pages kept, 1 converted; (\d+) layouts kept", output)
    assert kept and int(kept.group(2)) == int(kept.group(1)) > 20
    warm = site_pages(project)
    assert warm != cold and "Other text." in warm["extra/b/index.html"].decode()
    pages = [name for name in warm if name.endswith(".html")]
    assert pages and [name for name in pages if b"Trial data as of" not in warm[name]] == []
    assert not any(b"tracker: data status" in warm[name] for name in pages)
    code, output = run_mkdocs(project, None)
    assert code == 0, output
    assert site_pages(project) == warm
    # A page in the navigation is renamed: the menu on every page may show it, so no layout
    # is kept, and the site is the one MkDocs makes with nothing kept.
    data = project.site_src / "data" / "index.md"
    data.write_text(data.read_text(encoding="utf-8").replace("title: Data\n",
                                                             "title: Data files\n", 1))
    code, output = run_mkdocs(project, cache)
    assert code == 0, output
    assert re.search(r"Page cache: \d+ pages kept, \d+ converted; 0 layouts kept", output)
    renamed = site_pages(project)
    assert b"<title>Data files" in renamed["data/index.html"]
    code, output = run_mkdocs(project, None)
    assert code == 0, output
    assert site_pages(project) == renamed
    # a.md unchanged, but the page it links to is gone: --strict fails as without the cache
    (extra / "b.md").unlink()
    code, output = run_mkdocs(project, cache)
    assert code != 0 and "extra/a.md" in output and "b.md" in output
    # the anchor it links to is gone: the same
    (extra / "b.md").write_text("# B\n\nNo heading any more.\n")
    code, output = run_mkdocs(project, cache)
    assert code != 0 and "b-heading" in output


def test_the_build_prunes_the_pages_no_build_used(project: Project) -> None:
    import os

    from generator.build import build, page_cache_dir

    build(project, today=date(2026, 4, 6))
    folder = page_cache_dir(project)
    stale = folder / ("0" * 64 + ".json")
    stale.write_text("{}")
    os.utime(stale, (1, 1))
    learn = project.site_src / "learn" / "what-is-a-token.md"
    learn.write_text(learn.read_text() + "\nOne more sentence.\n")
    build(project, today=date(2026, 4, 6))
    assert not stale.exists() and len(list(folder.glob("*.json"))) > 20


def test_a_chart_made_from_the_same_inputs_is_not_made_again(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart's spec is remembered under a digest of its code, data and arguments: a rebuild
    makes only the charts whose inputs changed, with the same bytes as making them all."""
    import functools

    from generator import charts

    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))  # not the suite's shared one
    generate(project, today=date(2026, 4, 6))
    made: list[str] = []
    real = charts.company_history_chart

    @functools.wraps(real)
    def counting(data: object, *arguments: object) -> object:
        made.append(str(arguments[1]))
        return real(data, *arguments)

    monkeypatch.setattr(charts, "company_history_chart", counting)
    folder = project.site_src / "charts"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    generate(project, today=date(2026, 4, 5))  # another day: all regenerated, same inputs
    assert made == []
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    authors = project.registry_dir / "authors.csv"
    authors.write_text(authors.read_text().replace("DeepSeek", "DeepSeek AI"))
    generate(project, today=date(2026, 4, 5))
    assert made == ["DeepSeek AI"]
