"""How the site builder builds the editions (generator/editions.py says what an edition is):
English (mkdocs.yml, site_src/ into site/) and, when site_src/zh/ exists, Chinese
(mkdocs.zh.yml, site_src/zh/ into site/zh/). The site builder builds both
(generator/builder.py); this module says where each is built, lists each one's pages for the theme
(every page links its counterpart in the other edition), and merges mkdocs.zh.yml the way MkDocs
does for Zensical.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mergedeep
import yaml

from generator.errors import TrackerError
from generator.files import write_text_if_changed
from generator.paths import LINKED_DIRS, ZH_DIR, Project, shown, site_url

# Where the Chinese edition is built while MkDocs builds the English one into site/ (which it
# empties first): moved to site/zh/ once both are done. Inside the project, as Zensical wants.
ZH_STAGING = ".site-zh"
# mkdocs.zh.yml merged the way MkDocs merges INHERIT (lists replaced), for Zensical, whose
# INHERIT appends lists (the English nav and plugins would come back into the Chinese edition).
ZH_ZENSICAL_CONFIG = ".mkdocs.zh.zensical.yml"


@dataclass(frozen=True)
class EditionBuild:
    name: str  # "en", "zh": the theme's config.extra.edition
    config: Path  # its MkDocs configuration
    docs_dir: Path
    site_dir: Path  # where it is published
    build_dir: Path  # where the builder writes it (site_dir, or a staging folder)
    skip: tuple[str, ...]  # top-level names of docs_dir and site_dir that are not its pages


def editions(project: Project) -> list[EditionBuild]:
    """English, then Chinese when site_src/zh/ exists."""
    found = [EditionBuild("en", project.mkdocs_yml, project.site_src, project.site_dir,
                     project.site_dir, (*LINKED_DIRS, ZH_DIR))]
    if project.zh_site_src.is_dir():
        if not project.mkdocs_zh_yml.is_file():
            raise TrackerError(f"{shown(project.mkdocs_zh_yml)}: missing: site_src/{ZH_DIR}/ "
                               "holds the Chinese edition, which this file configures")
        found.append(EditionBuild("zh", project.mkdocs_zh_yml, project.zh_site_src,
                             project.zh_site_dir, project.root / ZH_STAGING, LINKED_DIRS))
    return found


def zh_site_url(project: Project) -> str:
    """The Chinese edition's address: the English one (SITE_URL, else mkdocs.yml's default)
    + zh/. mkdocs.zh.yml reads it from TRACKER_ZH_SITE_URL, which the builder sets."""
    return site_url(project) + ZH_DIR + "/"


# ---------------------------------------------------------------- the pages of each edition

def page_paths(edition: EditionBuild) -> list[str]:
    """Each page of ``edition`` by its address relative to the edition's root, as MkDocs makes
    it (directory URLs): index.md -> "", learn/index.md -> "learn/", learn/x.md -> "learn/x/"."""
    paths = []
    top = str(edition.docs_dir)
    for folder, dirs, names in os.walk(top):
        if folder == top:
            dirs[:] = [name for name in dirs if name not in edition.skip]
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = Path(folder).relative_to(edition.docs_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            if name.endswith(".md") and not name.startswith("."):
                stem = name[:-3]
                paths.append(prefix if stem in ("index", "README") else f"{prefix}{stem}/")
    return sorted(set(paths))


def write_editions(project: Project, found: list[EditionBuild]) -> bool:
    """The theme's list of both editions' pages (templates/overrides/generated/editions.html,
    read by partials/editions.html): a Jinja module setting ``en`` and ``zh``, each a mapping
    from a page's path to true (empty for an edition not built), and ``feeds``, the files in
    each edition's feeds/ folder."""
    listed = {edition.name: page_paths(edition) for edition in found}
    lines = ["{#- Written by the site builder (generator/edition_builds.py): each edition's "
             "pages, by path. -#}"]
    for name in ("en", "zh"):
        # JSON strings are Jinja string literals (ASCII, backslash escapes).
        entries = ", ".join(f"{json.dumps(path)}: true" for path in listed.get(name, []))
        lines.append(f"{{% set {name} = {{{entries}}} %}}")
    feeds = {edition.name: sorted(path.name for path in (edition.docs_dir / "feeds").glob("*")
                                  if path.is_file()) for edition in found}
    lines.append(f"{{% set feeds = {json.dumps({'en': [], 'zh': [], **feeds})} %}}")
    return write_text_if_changed(project.generated_overrides / "editions.html",
                                 "\n".join(lines) + "\n")


# ---------------------------------------------------------------- Zensical's configuration

class EnvTag(list):
    """An ``!ENV [NAME, default]`` value, kept as written (Zensical resolves it)."""


class ConfigLoader(yaml.SafeLoader):
    pass


class ConfigDumper(yaml.SafeDumper):
    pass


ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: EnvTag(
        [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
        else loader.construct_sequence(node)))
ConfigDumper.add_representer(
    EnvTag, lambda dumper, value: dumper.represent_sequence("!ENV", list(value)))


def load_config(path: Path) -> dict[str, Any]:
    """A configuration with its INHERIT resolved as MkDocs does (mergedeep: mappings merged,
    lists and values replaced by the inheriting file's)."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise TrackerError(f"{shown(path)}: cannot read: {error}".splitlines()[0]) from error
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    return mergedeep.merge(load_config(path.parent / parent), config)


def write_zensical_config(project: Project, edition: EditionBuild) -> Path:
    """``edition``'s configuration merged for Zensical, building into its build folder."""
    config = load_config(edition.config)
    config["site_dir"] = edition.build_dir.relative_to(project.root).as_posix()
    path = project.root / ZH_ZENSICAL_CONFIG
    write_text_if_changed(path, "# Written by the site builder from mkdocs.zh.yml "
                          "(generator/edition_builds.py): edit that file.\n"
                          + yaml.dump(config, Dumper=ConfigDumper, allow_unicode=True,
                                      sort_keys=False))
    return path
