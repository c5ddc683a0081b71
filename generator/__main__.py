"""Command line: ``python -m generator {build,generate,site,fetch,check,diff,sample}``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import TrackerError
from generator.paths import Project

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                           default=None, help="Project folder (default: this repository).")
DATA_OPTION = click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
                           default=None, help="Data folder (default: ROOT/data).")


@click.group()
def cli() -> None:
    """AI Token Tracker: build the site from data/, check contributed files, make the sample."""


@cli.command()
@ROOT_OPTION
@DATA_OPTION
@click.option("--require-real-data", is_flag=True,
              help="Fail instead of building from the bundled sample (for publishing).")
@click.option("--prune-cache", is_flag=True,
              help="Delete cached renders this build did not use (for a render cache that "
                   "serves this site only, as in the weekly workflow).")
@click.option("--builder", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs",
              show_default=True, help="The site builder (Zensical reads the same mkdocs.yml).")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the build's timings (seconds) to this JSON file (make bench).")
def build(root: Path | None, data_dir: Path | None, require_real_data: bool,
          prune_cache: bool, builder: str, timings: Path | None) -> None:
    """Generate pages, charts and downloads, and build site/ with mkdocs --strict (started as
    soon as the pages are written, while the embed cards are still drawn)."""
    import json

    from generator.build import build as run_build

    project = Project.at(root, data_dir)
    generated = run_build(project, require_real_data=require_real_data, prune=prune_cache,
                          builder=builder)
    report(generated)
    site_report(project, not generated.site_unchanged, generated.builder_seconds)
    if generated.is_sample:
        from generator.check import unused_corrections

        notice = unused_corrections(project)
        if notice:
            click.echo(f"notice: {notice}", err=True)
    if timings is not None:
        timings.write_text(json.dumps({
            "total_s": generated.total_seconds, "generator_s": generated.seconds,
            "builder_s": generated.builder_seconds, "generator_skipped": generated.unchanged,
            "builder_skipped": generated.site_unchanged}) + "\n", encoding="utf-8")


@cli.command()
@ROOT_OPTION
def site(root: Path | None) -> None:
    """Only run the site builder on site_src/ (skipped when nothing changed since its last run)."""
    from generator.builder import build_site

    project = Project.at(root)
    site_report(project, build_site(project))


@cli.command()
@ROOT_OPTION
@DATA_OPTION
def generate(root: Path | None, data_dir: Path | None) -> None:
    """Only generate pages, charts and downloads under site_src/ (no site builder)."""
    from generator.build import generate as run_generate

    report(run_generate(Project.at(root, data_dir)))


@cli.command()
@ROOT_OPTION
@DATA_OPTION
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Treat this UTC date as today (default: the real date); for tests and replays.")
def fetch(root: Path | None, data_dir: Path | None, today) -> None:
    """Fetch new and recently restated weeks from OpenRouter's Data API into data/raw/.

    Needs OPENROUTER_API_KEY; OPENROUTER_BASE_URL overrides https://openrouter.ai/api/v1.
    """
    import os

    from generator.client import config_from_env
    from generator.fetch import fetch as run_fetch

    config = config_from_env(os.environ, today.date() if today else None)
    project = Project.at(root, data_dir)
    click.echo(f"Fetching from {config.base_url}", err=True)
    bar = ProgressBar()
    report = run_fetch(project, config, progress=bar)
    bar.finish()
    for line in report.lines():
        click.echo(line)


class ProgressBar:
    """A click progress bar on stderr, sized when the fetch knows how many steps it has."""

    def __init__(self) -> None:
        self.bar = None
        self.done = 0

    def __call__(self, step: int, steps: int, label: str) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=steps, label="Fetching", file=sys.stderr,
                                         show_pos=True, item_show_func=lambda item: item)
            self.bar.render_progress()
        self.bar.update(step - self.done, label)
        self.done = step

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


@cli.command()
@ROOT_OPTION
@DATA_OPTION
def check(root: Path | None, data_dir: Path | None) -> None:
    """Validate every file under data/; print each problem as path:line: message.

    Problems fail the check (exit status 1); warnings and notices do not. Under GitHub Actions
    (GITHUB_ACTIONS=true) each is also written as a workflow annotation on its file and line."""
    import os

    from generator.check import check_data, github_annotation

    result = check_data(Project.at(root, data_dir))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for kind, lines in (("notice", result.notices), ("warning", result.warnings)):
        for line in lines:
            click.echo(f"{kind}: {line}")
            if in_actions:
                click.echo(github_annotation(kind, line))
    for problem in result.problems:
        click.echo(problem, err=True)
        if in_actions:
            click.echo(github_annotation("error", problem))
    if result.problems:
        click.echo(f"{len(result.problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo("check: all data files are valid")


@cli.command()
@ROOT_OPTION
@click.option("--base", required=True, help="The git commit or branch to compare data/ with.")
def diff(root: Path | None, base: str) -> None:
    """Print a Markdown summary of how the working tree's data/ changes the published tables."""
    from generator.datadiff import data_diff

    click.echo(data_diff(Project.at(root), base), nl=False)


@cli.command()
@DATA_OPTION
@ROOT_OPTION
def sample(data_dir: Path | None, root: Path | None) -> None:
    """Regenerate the bundled sample dataset under data/sample/ (byte-for-byte reproducible)."""
    from generator.sample import write_sample

    project = Project.at(root, data_dir)
    written = write_sample(project.sample_dir)
    click.echo(f"Sample data: {len(written)} files written under {project.sample_dir}")


def report(generated) -> None:
    kind = "SAMPLE data (no real snapshot under data/raw/)" if generated.is_sample else "real data"
    click.echo(
        f"Generated from {kind}: {generated.weeks} complete weeks, latest {generated.latest_week} "
        f"(as of {generated.as_of}); {generated.pages} pages, {generated.charts} charts "
        f"in {generated.seconds:.1f} s"
        + (" (nothing changed since the last build: files kept)" if generated.unchanged else "")
    )
    for warning in generated.warnings:
        click.echo(f"warning: {warning}", err=True)


def site_report(project: Project, ran: bool, seconds: float = 0.0) -> None:
    if ran:
        click.echo(f"Site built in {project.site_dir}"
                   + (f" (MkDocs: {seconds:.1f} s)" if seconds else ""))
    else:
        click.echo(f"Site in {project.site_dir} is up to date: nothing changed since its last "
                   "build")


def main() -> None:
    try:
        cli(standalone_mode=False)
    except TrackerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
