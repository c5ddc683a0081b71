"""Command line: ``python -m generator {build,generate,check,sample}``."""

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
def build(root: Path | None, data_dir: Path | None) -> None:
    """Generate pages, charts and downloads, then build site/ with mkdocs --strict."""
    from generator.build import build as run_build

    project = Project.at(root, data_dir)
    generated = run_build(project)
    report(generated)
    click.echo(f"Site built in {project.site_dir}")


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
def check(root: Path | None, data_dir: Path | None) -> None:
    """Validate every file under data/; print each problem as path:line: message."""
    from generator.check import check_data

    project = Project.at(root, data_dir)
    problems, notices = check_data(project)
    for notice in notices:
        click.echo(f"notice: {notice}")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo("check: all data files are valid")


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
    )


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
