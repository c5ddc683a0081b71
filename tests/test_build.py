"""Build-level behaviour on small data: staleness banner, refusing sample data, revisions."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
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
    assert 'Updated <time datetime="2026-03-26T02:00:00.000Z">26 March 2026</time>' in \
        status(project)
    generate(project, today=date(2026, 4, 7))  # 15 days later
    assert "The data may be stale" in status(project)
    assert 'last updated <time datetime="2026-03-26T02:00:00.000Z">26 March 2026</time>' in \
        status(project)


def test_the_sample_shows_the_sample_banner_not_the_stale_one(built_site: Project) -> None:
    """The suite's build of the sample, made today, long after the sample's data (real data
    that old would get the stale banner)."""
    updated = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)T', status(built_site))
    assert updated and date.today() - date.fromisoformat(updated.group(1)) > timedelta(days=15)
    assert "tt-sample-banner" in status(built_site)
    assert "stale" not in status(built_site)


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
    assert ('<code>openai/gpt-5-20250807</code></td><td class="tt-num">1,000</td>'
            '<td class="tt-num">1,500</td><td class="tt-num">+50.0%</td></tr>') in page
    assert ('<caption><span>Tokens restated by the figures as of 30 March 2026, replacing those '
            "as of 26 March 2026</span><span class=\"tt-scroll-hint\"") in page  # a reference table


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
    from generator.builder import build_site
    from generator.stamps import stamp_path

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
    with pytest.raises(TrackerError, match="mkdocs build failed"):
        build_site(project)
    assert not stamp_path(project, "site").exists()
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
    generate(project, today=date(2026, 4, 8), prune=True)
    assert set(charts.iterdir()) == used | {other}
    # what was kept is all the build needs: the next build draws nothing
    times = {p: p.stat().st_mtime_ns for p in used}
    generate(project, today=date(2026, 4, 9), prune=True)
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


def test_the_builder_starts_once_every_page_is_written_and_static_files_are_linked_after(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """build() starts MkDocs while the workers still draw: by then every page, the downloads
    and the theme's generated partial are written, and nothing changes them after. MkDocs
    never sees charts/ and embed/ (mkdocs.yml excludes them): the build links them in."""
    from generator import builder as builder_module
    from generator.build import build
    from generator.builder import SiteBuilder, build_site
    from generator.files import write_text_if_changed
    from generator.paths import LINKED_DIRS
    from generator.stamps import stamp_path

    def pages() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in project.site_src.rglob("*") if p.is_file()
                and p.relative_to(project.site_src).parts[0] not in LINKED_DIRS}

    seen = {}
    real_start = SiteBuilder.start

    def start(self: SiteBuilder) -> None:
        seen["pages"] = pages()
        seen["status"] = (project.generated_overrides / "data_status.html").is_file()
        real_start(self)

    monkeypatch.setattr(SiteBuilder, "start", start)
    generated = build(project, today=date(2026, 4, 6))
    assert not generated.site_unchanged and generated.builder_seconds > 0
    assert seen["status"] and seen["pages"] == pages()

    def linked() -> list[Path]:
        found = sorted(p.relative_to(project.site_src) for name in LINKED_DIRS
                       for p in (project.site_src / name).rglob("*") if p.is_file())
        assert found and found == sorted(p.relative_to(project.site_dir) for name in LINKED_DIRS
                                         for p in (project.site_dir / name).rglob("*")
                                         if p.is_file())
        assert all((project.site_dir / p).stat().st_ino == (project.site_src / p).stat().st_ino
                   for p in found)
        return found

    static = linked()
    assert stamp_path(project, "site").is_file()
    # a static file changed but no page: MkDocs need not run, the file is linked again
    card = next((project.site_src / "embed").rglob("*.csv"))
    write_text_if_changed(card, card.read_text() + "# edited\n")
    assert not build_site(project)
    assert (project.site_dir / card.relative_to(project.site_src)).read_text().endswith(
        "# edited\n")
    # a page changed: MkDocs runs (and empties site/ first); every static file is linked again
    placed, real_mirror = [], builder_module.mirror_tree
    monkeypatch.setattr(builder_module, "mirror_tree",
                        lambda *args: placed.append(real_mirror(*args)) or placed[-1])
    home = project.site_src / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert build_site(project) and sum(placed) == len(static)
    assert "Edited." in (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert linked() == static


def test_a_failed_generation_stops_the_builder_it_started(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import build
    from generator.builder import SiteBuilder
    from generator.embeds.write import EmbedFolders
    from generator.stamps import stamp_path

    builders = []
    real_start = SiteBuilder.start

    def start(self: SiteBuilder) -> None:
        real_start(self)
        builders.append(self)

    def broken(*_: object, **__: object) -> None:
        raise TrackerError("a card could not be drawn")

    monkeypatch.setattr(SiteBuilder, "start", start)
    monkeypatch.setattr(EmbedFolders, "write", broken)
    with pytest.raises(TrackerError, match="a card could not be drawn"):
        build(project, today=date(2026, 4, 6))
    assert len(builders) == 1 and builders[0].runs == []  # killed and reaped
    assert not stamp_path(project, "site").exists()


def test_plain_mkdocs_builds_the_same_pages_with_no_hook_or_plugin_of_ours(
        project: Project) -> None:
    """The site builder runs MkDocs as anyone would: the same site_src/ and mkdocs.yml build
    the same pages with a plain `mkdocs build` (and with Zensical, which ignores hooks and
    unknown plugins: see make bench), so nothing the site needs lives in a hook."""
    import os
    import subprocess
    import sys

    import yaml

    from generator.build import build

    config = yaml.load(project.mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" not in config
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search"]
    build(project, today=date(2026, 4, 6))
    ours = {p.relative_to(project.site_dir): p.read_bytes()
            for p in project.site_dir.rglob("*.html")
            if p.relative_to(project.site_dir).parts[0] not in ("embed", "zh")}
    plain = project.root / "plain"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(plain)], cwd=project.root, check=True,
                   env={**os.environ, "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1"})
    assert ours and {p.relative_to(plain): p.read_bytes() for p in plain.rglob("*.html")} == ours
    assert not (plain / "charts").exists() and not (plain / "embed").exists()


def test_nothing_reaches_a_private_name_of_the_site_builder() -> None:
    """No module of ours imports MkDocs or Material (no hook, no plugin, no patched function),
    and no file of ours reaches an underscore name of theirs."""
    import ast
    import re

    ours = [*REPO_ROOT.glob("generator/**/*.py"), *REPO_ROOT.glob("templates/**/*"),
            *REPO_ROOT.glob("benchmarks/*.py"), REPO_ROOT / "mkdocs.yml"]
    for path in ours:
        if path.suffix == ".py":
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                assert not [n for n in names if n.split(".")[0] in ("mkdocs", "material")], path
        elif path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search(r"\b(?:mkdocs|material)\.[\w.]*\._\w", text), path


def test_a_change_to_the_drawing_code_redraws_every_picture(tmp_path: Path,
                                                            tiny_data: Path) -> None:
    """Renders are cached under a digest of the drawing code itself: edit generator/charts/
    draw.py (here, the cards' background) and the next build draws every chart and card again,
    with the change, from a render cache that already held them all."""
    import os
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "checkout"
    copy.mkdir()
    shutil.copytree(REPO_ROOT / "generator", copy / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    copy_skeleton(copy)
    cache = tmp_path / "cache"
    env = {**os.environ, "TZ": "UTC", "TRACKER_CACHE_DIR": str(cache)}

    def generate_in_copy() -> dict[Path, bytes]:
        subprocess.run([sys.executable, "-m", "generator", "generate", "--root", str(copy),
                        "--data-dir", str(tiny_data)], cwd=copy, env=env, check=True,
                       capture_output=True)
        return {p: p.read_bytes() for p in (copy / "site_src").rglob("*")
                if p.suffix in (".png", ".svg") and p.is_file()}

    before = generate_in_copy()
    renders = set((cache / "charts").glob("*.svg"))
    draw = copy / "generator" / "charts" / "draw.py"
    code = draw.read_text(encoding="utf-8")
    assert code.count('fill="#ffffff"/>') == 1
    draw.write_text(code.replace('fill="#ffffff"/>', 'fill="#fff3e0"/>'), encoding="utf-8")
    after = generate_in_copy()
    cards = [p for p in before if p.suffix == ".png"]
    assert len(cards) > 20 and all(after[p] != before[p] for p in cards)
    redrawn = set((cache / "charts").glob("*.svg")) - renders
    assert len(redrawn) == len(renders)  # every chart SVG and card SVG drawn again


def test_a_chart_made_from_the_same_inputs_is_not_made_again(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart's spec is remembered under a digest of its code, data and arguments: a rebuild
    makes only the charts whose inputs changed, with the same bytes as making them all."""
    import dataclasses
    import functools

    from generator.charts.families import FAMILIES

    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))  # not the suite's shared one
    generate(project, today=date(2026, 4, 6))
    made: list[str] = []
    real = FAMILIES["company"].draw

    @functools.wraps(real)
    def counting(data: object, text: object, variant: object) -> object:
        made.append(text.title.split(":")[0])
        return real(data, text, variant)

    monkeypatch.setitem(FAMILIES, "company", dataclasses.replace(FAMILIES["company"],
                                                                 draw=counting))
    folder = project.site_src / "charts"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    generate(project, today=date(2026, 4, 5))  # another day: all regenerated, same inputs
    assert made == []
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    authors = project.registry_dir / "authors.csv"
    authors.write_text(authors.read_text().replace("DeepSeek", "DeepSeek AI"))
    generate(project, today=date(2026, 4, 5))
    assert made == ["DeepSeek AI"] * 2  # its wide and narrow drawings (charts.variants)
