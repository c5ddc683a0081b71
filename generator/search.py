"""The Chinese edition's search: a user dictionary for its word segmenter.

Chinese is written without spaces, so Material's search plugin cuts the Chinese text of every
page into words with jieba before indexing it (the index keeps the words apart with zero-width
spaces, and the search box cuts a query into the words the index holds). jieba's own
dictionary cuts company names it does not know into pieces (深度求索 into 深度 / 求索, 月之暗面
into 月 / 之 / 暗面), so a reader searching for the name finds pages that hold either half.
mkdocs.zh.yml's ``jieba_dict_user`` names the dictionary written here: each name once, so that
jieba keeps it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.files import write_text_if_changed

# What Material's search plugin hands to jieba: runs of Han characters (its _segment_chinese
# matches \p{script: Han}+). The ideographs of the CJK blocks, as Python's re has no scripts.
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def search_words(names: Iterable[str]) -> list[str]:
    """The words jieba must keep whole: every run of two or more Han characters in the names
    (a name such as "DeepSeek 深度求索" gives 深度求索; Latin text is never segmented), sorted,
    each once."""
    return sorted({run for name in names for run in HAN_RUN.findall(name) if len(run) > 1})


def write_search_dictionary(names: list[str], path: Path) -> bool:
    """Write jieba's user dictionary of ``names`` (models and companies, as the Chinese pages
    show them) to ``path``: one word a line, without a frequency, so that jieba gives each the
    frequency that keeps it whole. Only rewrites a changed file; True when it wrote."""
    text = "".join(f"{word}\n" for word in search_words(names))
    return write_text_if_changed(path, text)
