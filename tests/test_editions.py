"""The two editions, English at / and Chinese at /zh/ (mkdocs.zh.yml): built together by the
site builder, each page linked to its counterpart (the header's switch, absolute hreflang),
both sitemaps listing both, the Chinese search keeping names whole."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import copy_skeleton, served, write_authors, write_snapshot
from generator.build import generate
from generator.builder import build_site
from generator.edition_builds import editions, page_paths
from generator.errors import TrackerError
from generator.paths import Project
from generator.search import search_words, write_search_dictionary

SITE_URL = "https://tracker.example/sub/"
# A Chinese page with an English counterpart (the Learn pages are translated by hand).
PAIRED = "learn/what-is-a-token/"
CHINESE_PAGE = """---
title: 什么是 Token
description: 模型如何计算 Token。
---

# 什么是 Token

深度求索发布了新模型，月之暗面也发布了新模型。
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A small project built once with both editions: the English pages of three weeks of
    data, and in Chinese the home page and one Learn page; the search dictionary names
    深度求索 and 月之暗面."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SITE_URL", SITE_URL)
    root = tmp_path_factory.mktemp("editions")
    data = root / "data"
    weeks = ("2026-03-02", "2026-03-09", "2026-03-16")
    write_snapshot(data, [row for week in weeks for row in (
        (week, "deepseek/deepseek-v3-20250324", 1000), (week, "openai/gpt-5-20250807", 900),
        (week, "other", 50))], start=weeks[0], end="2026-03-22",
        as_of="2026-03-26T02:00:00.000Z")
    write_authors(data, [("deepseek", "DeepSeek", "CN"), ("openai", "OpenAI", "US")])
    (root / "project").mkdir()
    built = copy_skeleton(root / "project", data)
    generate(built, today=date(2026, 4, 6))
    learn = built.zh_site_src / PAIRED.rstrip("/")
    learn.with_suffix(".md").parent.mkdir(parents=True, exist_ok=True)
    learn.with_suffix(".md").write_text(CHINESE_PAGE, encoding="utf-8")
    write_search_dictionary(["DeepSeek 深度求索", "月之暗面", "Moonshot AI"],
                            built.zh_search_words)
    assert build_site(built)
    yield built
    monkeypatch.undo()


class Links(HTMLParser):
    """The <html lang>, the hreflang links and the header's switch of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.hreflang: dict[str, str] = {}
        self.rels: list[str] = []
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag == "link" and "hreflang" in values:
            self.hreflang[values["hreflang"]] = values["href"]
            self.rels.append(values["rel"])
        if tag == "a" and "tt-edition__link" in values.get("class", ""):
            self.switch = values


def links(project: Project, edition: str, path: str) -> Links:
    folder = project.site_dir if edition == "en" else project.zh_site_dir
    parser = Links()
    parser.feed((folder / path / "index.html").read_text(encoding="utf-8"))
    return parser


def switch_target(project: Project, edition: str, path: str) -> str:
    """Where the switch of a page leads, as a path from the site's root."""
    page = ("" if edition == "en" else "zh/") + path
    href = links(project, edition, path).switch["href"]
    return urlsplit(urljoin("http://host/" + page, href)).path.lstrip("/")


def test_a_page_and_its_counterpart_link_each_other(project: Project) -> None:
    english, chinese = links(project, "en", PAIRED), links(project, "zh", PAIRED)
    assert switch_target(project, "en", PAIRED) == "zh/" + PAIRED
    assert switch_target(project, "zh", PAIRED) == PAIRED
    assert english.switch["hreflang"] == "zh-Hans" and english.switch["lang"] == "zh-Hans"
    assert chinese.switch["hreflang"] == "en" and chinese.switch["lang"] == "en"
    assert ">中文<" in (project.site_dir / PAIRED / "index.html").read_text(encoding="utf-8")
    expected = {"en": SITE_URL + PAIRED, "zh-Hans": SITE_URL + "zh/" + PAIRED,
                "x-default": SITE_URL + PAIRED}
    assert english.hreflang == expected and chinese.hreflang == expected
    # the token "alternate" (to crawlers), never Material's exact rel=alternate, beside which
    # its script would fetch a sitemap.xml that does not exist
    assert {rel.split() == ["alternate"] and rel != "alternate" for rel in english.rels} == {True}


def test_the_chinese_pages_say_zh_hans_and_the_english_en(project: Project) -> None:
    assert links(project, "zh", "").lang == "zh-Hans"
    assert links(project, "zh", PAIRED).lang == "zh-Hans"
    assert links(project, "en", "").lang == "en"
    assert '<html lang="zh-Hans"' in (project.zh_site_dir / "404.html").read_text()


def test_a_page_without_a_counterpart_switches_to_the_other_home(project: Project) -> None:
    """The ranking pages have no Chinese page yet: their switch leads to the Chinese home, and
    their hreflang names only themselves (an hreflang link to another page would be wrong)."""
    assert not (project.zh_site_dir / "rankings").exists()
    assert switch_target(project, "en", "rankings/2026-03-16/") == "zh/"
    assert links(project, "en", "rankings/2026-03-16/").hreflang == {
        "en": SITE_URL + "rankings/2026-03-16/", "x-default": SITE_URL + "rankings/2026-03-16/"}


def test_no_switch_leads_to_a_missing_page(project: Project) -> None:
    for edition in editions(project):
        built = {page.parent.relative_to(edition.site_dir).as_posix() + "/"
                 for page in edition.site_dir.rglob("index.html")
                 if page.relative_to(edition.site_dir).parts[0] not in edition.skip}
        pages = page_paths(edition)  # the builder's list, for the theme, is what MkDocs built
        assert pages and {path or "./" for path in pages} == built
        for path in pages:
            target = switch_target(project, edition.name, path)
            assert (project.site_dir / target / "index.html").is_file(), (edition.name, path)


def test_both_sitemaps_list_both_editions_with_their_pairs(project: Project) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
                  "x": "http://www.w3.org/1999/xhtml"}
    expected = {SITE_URL + path for path in page_paths(editions(project)[0])} | {
        SITE_URL + "zh/" + path for path in page_paths(editions(project)[1])}
    for sitemap in (project.site_dir / "sitemap.xml", project.zh_site_dir / "sitemap.xml"):
        urls = ElementTree.parse(sitemap).getroot().findall("s:url", namespaces)
        locations = [url.findtext("s:loc", namespaces=namespaces) for url in urls]
        assert len(locations) == len(set(locations)) and set(locations) == expected
        pairs = {url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
            for url in urls}
        both = {"en": SITE_URL + PAIRED, "zh-Hans": SITE_URL + "zh/" + PAIRED}
        assert pairs[SITE_URL + PAIRED] == both and pairs[SITE_URL + "zh/" + PAIRED] == both
        assert pairs[SITE_URL + "rankings/"] == {}


def test_the_chinese_search_index_keeps_the_dictionary_names_whole(project: Project) -> None:
    index = json.loads((project.zh_site_dir / "search/search_index.json").read_text())
    assert index["config"]["lang"] == ["zh"]
    separator = re.compile(index["config"]["separator"])
    page = next(item for item in index["docs"] if item["location"] == PAIRED)
    words = set(separator.split(page["text"]))
    assert {"深度求索", "月之暗面"} <= words
    # the English edition has its own index, without the Chinese pages
    english = json.loads((project.site_dir / "search/search_index.json").read_text())
    assert not [item for item in english["docs"] if "深度求索" in item["text"]]


def test_without_the_dictionary_the_segmenter_cuts_the_names() -> None:
    """What the dictionary is for (so the test above can fail): jieba's own dictionary cuts
    both names (run in a fresh process: the build's dictionary is loaded in MkDocs')."""
    import subprocess
    import sys

    cut = subprocess.run([sys.executable, "-c", "import jieba, json, logging; "
                          "jieba.setLogLevel(logging.ERROR); print(json.dumps("
                          "[list(jieba.cut(s)) for s in ('深度求索发布', '月之暗面的')]))"],
                         capture_output=True, text=True, check=True)
    deepseek, moonshot = json.loads(cut.stdout)
    assert "深度求索" not in deepseek and "月之暗面" not in moonshot


def test_the_dictionary_holds_each_chinese_name_once() -> None:
    assert search_words(["DeepSeek 深度求索", "深度求索", "Moonshot AI", "月之暗面", "智谱 AI",
                         "x", "中"]) == ["智谱", "月之暗面", "深度求索"]


def test_the_builder_runs_again_when_only_the_chinese_edition_changed(project: Project) -> None:
    assert not build_site(project)
    home = project.zh_site_src / "index.md"
    original = home.read_text(encoding="utf-8")
    try:
        home.write_text(original + "\n新增的一句话。\n", encoding="utf-8")
        assert build_site(project)
        assert "新增的一句话。" in (project.zh_site_dir / "index.html").read_text()
        assert (project.site_dir / "index.html").is_file()  # the English edition in place
        assert not (project.root / ".site-zh").exists()
    finally:
        home.write_text(original, encoding="utf-8")
    assert build_site(project)


def test_a_broken_chinese_configuration_fails_with_one_line_naming_it(
        project: Project) -> None:
    config = project.mkdocs_zh_yml
    original = config.read_text(encoding="utf-8")
    try:
        config.write_text(original.replace("  - 首页: index.md", "  - 首页: no-such-page.md"),
                          encoding="utf-8")
        with pytest.raises(TrackerError) as failure:
            build_site(project)
        message = str(failure.value)
        assert "\n" not in message and re.match(r"^\S*mkdocs\.zh\.yml: mkdocs build failed",
                                                message), message
    finally:
        config.write_text(original, encoding="utf-8")
    assert build_site(project)


def test_plain_mkdocs_builds_the_same_chinese_pages(project: Project, tmp_path: Path) -> None:
    """As for the English edition (test_build): the site builder adds nothing but the address
    (TRACKER_ZH_SITE_URL, from SITE_URL) and where the edition is staged."""
    import os
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--config-file", "mkdocs.zh.yml", "--site-dir", str(tmp_path / "zh")],
                   cwd=project.root, check=True, capture_output=True,
                   env={**os.environ, "TZ": "UTC", "NO_MKDOCS_2_WARNING": "1",
                        "TRACKER_ZH_SITE_URL": SITE_URL + "zh/"})
    ours = {p.relative_to(project.zh_site_dir): p.read_bytes()
            for p in project.zh_site_dir.rglob("*.html")}
    assert ours and {p.relative_to(tmp_path / "zh"): p.read_bytes()
                     for p in (tmp_path / "zh").rglob("*.html")} == ours


def test_the_404_page_in_both_languages(project: Project) -> None:
    english = (project.site_dir / "404.html").read_text(encoding="utf-8")
    chinese = (project.zh_site_dir / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in english and "<h1>找不到页面</h1>" in chinese
    # one 404 page serves the whole site on GitHub Pages: the English one leads to /zh/ too
    assert 'href="/sub/zh/" hreflang="zh-Hans">中文版首页</a>' in english
    assert 'href="/sub/" hreflang="en">the English edition</a>' in chinese
    assert "<title>找不到页面 - AI Token 追踪</title>" in chinese
    assert "Search the site" not in chinese and "Report a broken link" not in chinese


def test_without_a_chinese_tree_only_the_english_edition_is_built(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = copy_skeleton(root)
    shutil.rmtree(project.zh_site_src)
    assert [edition.name for edition in editions(project)] == ["en"]
    project.mkdocs_zh_yml.unlink()
    (project.zh_site_src / "learn").mkdir(parents=True)
    with pytest.raises(TrackerError, match=r"mkdocs\.zh\.yml: missing"):
        editions(project)


def test_search_in_chinese_finds_a_name_without_leaving_the_site(project: Project,
                                                                 page) -> None:  # noqa: ANN001
    """In Chromium: the Chinese edition's search finds the page that names 深度求索, and no
    request goes to another host (the search worker, its language files and the index are the
    site's own)."""
    with served(project.site_dir) as url:
        hosts = set()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        page.goto(url + "zh/?q=深度求索")  # the theme's search opens with the query
        result = page.locator(".md-search-result__item a").first
        result.wait_for()
        assert urlsplit(result.get_attribute("href")).path == "/zh/" + PAIRED
        assert hosts == {urlsplit(url).netloc}


def test_each_edition_announces_its_feeds_else_the_english_ones(project: Project) -> None:
    """Every page announces the weekly and corrections feeds: its edition's, or, while the
    Chinese feeds are not generated, the English ones (marked hreflang="en")."""
    def announced(page: Path) -> list[str]:
        return re.findall(r'<link rel="alternate feed" [^>]*href="([^"]+)"',
                          page.read_text(encoding="utf-8"))

    english = [SITE_URL + "feeds/" + name
               for name in ("weekly.atom", "weekly.json", "corrections.atom")]
    assert all((project.site_dir / "feeds" / url.rsplit("/", 1)[1]).is_file() for url in english)
    assert announced(project.site_dir / PAIRED / "index.html") == english
    chinese = project.zh_site_dir / PAIRED / "index.html"
    assert not (project.zh_site_src / "feeds").exists() and announced(chinese) == english
    assert chinese.read_text(encoding="utf-8").count('hreflang="en">') >= 3


def test_each_edition_shows_the_data_status_in_its_language(project: Project) -> None:
    english = (project.site_dir / "index.html").read_text(encoding="utf-8")
    chinese = (project.zh_site_dir / "index.html").read_text(encoding="utf-8")
    status = re.compile(r'<div class="tt-data-status">(.*?)</div>', re.DOTALL)
    assert "26 March 2026" in status.search(english).group(1)
    words = status.search(chinese).group(1)
    assert "2026年3月26日" in words and "March" not in words
    assert "（星期" in words  # when the next update is due, its weekday in Chinese


def test_the_editions_build_one_after_the_other(project: Project) -> None:
    """Two MkDocs processes at once were the top of a cold build's peak memory: the Chinese
    edition starts when the English one is done."""
    from generator.builder import SiteBuilder
    from generator.stamps import clear_stamp

    clear_stamp(project, "site")
    builder = SiteBuilder(project)
    builder.start()
    with builder.lock:
        assert [edition.name for edition, _, _ in builder.runs] == ["en"]
        assert [edition.name for edition in builder.waiting] == ["zh"]
    assert builder.finish()
    assert (project.zh_site_dir / "index.html").is_file()
    assert (project.site_dir / "index.html").is_file()
