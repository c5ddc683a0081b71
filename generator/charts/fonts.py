"""The Chinese face the render processes draw with: Noto Sans SC, from a pinned package.

The render processes see no system font (generator/charts/fonts.conf): they measure and draw
with vl-convert's built-in Liberation Sans, which has no Chinese glyph. For the Chinese edition
they also hold Noto Sans SC (SIL Open Font License 1.1; the "SC" subset of Noto Sans CJK, every
GB 2312 character; 8.3 MB), shipped by the package ``pylopdf-fonts-zh-cn`` (requirements.lock).

Text in Latin letters only is drawn as before, in Liberation Sans: a face is only looked up for
a character the first one lacks. A text with a Chinese character goes to Noto Sans SC *whole*
(vl-convert's renderer, usvg, reshapes a run in the fallback face when that face has every one
of its characters), Latin letters and digits included, and in its one weight, Regular: a bold
Chinese title is drawn regular in a PNG. A reader's browser draws the same SVG text in the
faces of ``theme.font_stack("zh")`` (PingFang SC, Microsoft YaHei, ...).

A module of its own, with nothing heavy: the render worker imports it (charts.draw), and its
source, like the font file's digest, is in the render cache's key (charts.render).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

import vl_convert as vlc
from pylopdf_fonts_zh_cn import sans_path

# The face's family name, as its name table gives it: the name a Chinese card or drawing gives
# vl-convert (theme.font_stack("zh") carries it; tests/test_fonts.py checks the file says so).
CJK_FAMILY = "Noto Sans SC"


def cjk_font_file() -> Path:
    """The Noto Sans SC Regular file the installed package ships."""
    return Path(sans_path())


def file_digest(path: Path) -> str:
    """A font file's SHA-256."""
    digest = hashlib.sha256()
    with path.open("rb") as font:
        for block in iter(lambda: font.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def font_digest() -> str:
    """The digest of every font file the render processes load besides vl-convert's own (whose
    version is in the cache key already): a new font draws every picture again."""
    return file_digest(cjk_font_file())


def register_cjk_font() -> None:
    """Add Noto Sans SC to this process's vl-convert font database (once per process, before
    its first render, as charts.draw.use_builtin_fonts does).

    vl-convert takes a folder, and loads every font in it; the package's folder also holds Noto
    Serif SC, which a missing character could fall back to (the first face that has it, in the
    order the folder lists them). So the folder given is a temporary one holding a link to the
    sans file alone; the database keeps the file's real path (links are resolved), and the
    folder goes at once."""
    font = cjk_font_file()
    with tempfile.TemporaryDirectory(prefix="tracker-fonts-") as folder:
        os.symlink(font, Path(folder) / font.name)
        vlc.register_font_directory(folder)
