"""Feeds: the weekly briefing as Atom (``feeds/weekly.atom``, written by feedgen) and JSON Feed
1.1 (``feeds/weekly.json``), and the corrections and restatements as Atom
(``feeds/corrections.atom``).

One weekly entry per published week, the latest ``WEEKS`` newest first: its title states the
week's headline finding (generator.findings.week), its content is the week's description (the
same sentences as the page's), its headline figures (the home page's cards), its biggest changes
(the home page's movers) and a link to the week's ranking page. Every sentence comes worded from
the findings layer; this module only places it. Every address is absolute, under the
site's address (SITE_URL).

Nothing here reads the clock: an entry's ``updated`` is when the week's current figures were
published (Site.cited_as_of) and its ``published`` when the week first was (Site.first_seen), so
the same inputs give the same bytes, and a restated week updates its entry. Ids are the
addresses of what they announce (a week's page; the corrections log and its anchors), which no
build changes.

Outside text (model names, contributors' words) is escaped for HTML in the content (fmt.attr)
and for XML by feedgen (lxml); characters XML forbids become U+FFFD first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from generator import fmt
from generator.derive.movers import SHORT, Mover, Movers
from generator.downloads import public_tables
from generator.files import write_bytes_if_changed, write_text_if_changed
from generator.findings import facts, say
from generator.findings.week import card_words, mover_items, movers_against
from generator.load import OTHER
from generator.site import Site, restatement_anchor, restatements
from generator.tableio import records
from generator.xmltext import xml_text

WEEKS = 52  # weekly entries in the feed, newest first
FOLDER = "feeds"
WEEKLY_ATOM, WEEKLY_JSON, CORRECTIONS_ATOM = "weekly.atom", "weekly.json", "corrections.atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
AUTHOR = "AI Token Tracker contributors"
WEEKLY_TITLE = "AI Token Tracker: the weekly briefing"
WEEKLY_SUBTITLE = ("Each week's tokens processed by AI models on OpenRouter, by country, with "
                   "the models that rose, fell, entered or left the ranking.")
CORRECTIONS_TITLE = "AI Token Tracker: corrections and restatements"
CORRECTIONS_SUBTITLE = ("Figures corrected by contributors, and weeks the source restated after "
                        "they were first published.")


@dataclass(frozen=True)
class Entry:
    id: str  # stable: the address of what the entry announces
    url: str
    title: str  # plain text
    summary: str  # plain text
    content_html: str
    published: datetime
    updated: datetime


def timestamp(value: str) -> datetime:
    """An as_of ('2026-03-24T02:00:00.000Z') or a date ('2026-03-24', midnight UTC)."""
    when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def rfc3339(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def text(value: object) -> str:
    """Plain text from outside, safe for XML: forbidden characters replaced, lines folded."""
    return " ".join(xml_text(str(value)).split())


# ---------------------------------------------------------------- the weekly briefing

def model_html(site: Site, mover: Mover) -> str:
    name = fmt.attr(mover.name)
    page = site.model_files.get(mover.slug)
    if not page:
        return name
    return f'<a href="{fmt.attr(site.site_url)}models/{fmt.attr(page)}/">{name}</a>'


def movers_html(site: Site, movers: Movers) -> str:
    """The home page's lists: the first risers, fallers and entrants, and the first leavers."""
    if movers.previous is None:
        return "<p>The first week in the data: there is no earlier week to compare it with.</p>"
    items = mover_items(movers, SHORT)
    lists = (("Gained the most tokens", "risers", "No model ranked in both weeks gained tokens."),
             ("Lost the most tokens", "fallers", "No model ranked in both weeks lost tokens."),
             ("New in the ranking", "entrants", "No model entered the ranking."),
             ("Left the ranking", "leavers", "No model left the ranking."))
    parts = [f"<p>{fmt.attr(movers_against(movers))}:</p>"]
    for heading, key, none in lists:
        parts.append(f"<h3>{heading}</h3>")
        if items[key]:
            parts.append("<ol>" + "".join(f"<li>{model_html(site, m)}: {fmt.attr(words)}</li>"
                                          for m, words in items[key]) + "</ol>")
        else:
            parts.append(f"<p>{none}</p>")
    return "\n".join(parts)


def week_url(site: Site, week: str) -> str:
    return f"{site.site_url}rankings/{week}/"


def week_entry(site: Site, week: str) -> Entry:
    url = week_url(site, week)
    findings = site.findings[week]
    summary = findings.description()
    figures = "".join(f"<li>{fmt.attr(card['label'])}: <strong>{fmt.attr(card['value'])}"
                      f"</strong>. {fmt.attr(card['change'])}.</li>"
                      for card in card_words(findings))
    content = "\n".join([
        f"<p>{fmt.attr(summary)}</p>",
        f"<ul>{figures}</ul>",
        movers_html(site, site.movers[week]),
        f'<p><a href="{fmt.attr(url)}">The full ranking and every change for the week of '
        f"{fmt.week_range(week)}</a></p>",
        f"<p>{fmt.attr(fmt.source_line(site.cited_as_of(week)))}"
        f"{' ' + fmt.SAMPLE_NOTICE + '.' if site.is_sample else ''}</p>",
    ])
    return Entry(id=url, url=url, title=findings.feed_title(), summary=summary,
                 content_html=content, published=timestamp(site.first_seen(week)),
                 updated=timestamp(site.cited_as_of(week)))


def weekly_entries(site: Site) -> list[Entry]:
    """One entry per published week, the latest WEEKS, newest first."""
    return [week_entry(site, week) for week in reversed(site.tables.weeks[-WEEKS:])]


# ---------------------------------------------------------------- corrections and restatements

def revisions_url(site: Site) -> str:
    return f"{site.site_url}data/revisions/"


def correction_entries(site: Site) -> list[Entry]:
    entries = []
    for row in records(site.tables.corrections):
        url = f"{revisions_url(site)}#{row['id']}"
        found = facts.correction(row)
        content = "\n".join([
            f"<p><strong>{fmt.attr(say(found, 'label'))}</strong>: "
            f"{fmt.attr(say(found, 'what'))}, in {fmt.attr(say(found, 'weeks'))} "
            f"({fmt.attr(say(found, 'rows'))}).</p>",
            f"<p>Why: {fmt.attr(row['reason'])}</p>",
            f'<p>Evidence: <a href="{fmt.attr(row["source_url"])}">'
            f"{fmt.attr(row['source_url'])}</a></p>",
            f'<p><a href="{fmt.attr(url)}">The corrections log</a></p>',
        ])
        when = timestamp(row["date"])
        entries.append(Entry(id=url, url=url, title=text(say(found, "title")),
                             summary=text(say(found, "summary")), content_html=content,
                             published=when, updated=when))
    return entries


def restatement_entries(site: Site) -> list[Entry]:
    """One entry per week a snapshot restated (a snapshot that restated two weeks gives two)."""
    entries = []
    for group in restatements(records(public_tables(site.tables)["revisions"])):
        url = f"{revisions_url(site)}#{restatement_anchor(group['as_of'])}"
        weeks = sorted({row["week_start"] for row in group["rows"]}, reverse=True)
        for week in weeks:
            rows = [row for row in group["rows"] if row["week_start"] == week]
            found = facts.restated_week(week, rows, group["as_of"], group["replaced"])
            items = "".join(
                f"<li>{fmt.attr(restated_model(row['model_permaslug']))}: "
                f"{fmt.attr(restated_figure(row['old_tokens']))} → "
                f"{fmt.attr(restated_figure(row['new_tokens']))} tokens</li>" for row in rows)
            content = "\n".join([
                f"<p>{fmt.attr(say(found))}</p>",
                f"<ul>{items}</ul>",
                f'<p><a href="{fmt.attr(week_url(site, week))}">The week\'s ranking</a> · '
                f'<a href="{fmt.attr(url)}">Every restatement</a></p>',
            ])
            entries.append(Entry(
                id=f"{url}-{week}", url=url, title=say(found, "title"),
                summary=say(found, "summary"), content_html=content,
                published=timestamp(group["as_of"]), updated=timestamp(group["as_of"])))
    return entries


def restated_model(slug: str) -> str:
    return fmt.OUTSIDE_TOP_50 if slug == OTHER else slug


def restated_figure(value: object) -> str:
    return "none" if fmt.is_missing(value) else fmt.tokens_exact(value)


# ---------------------------------------------------------------- the files

def atom(site: Site, name: str, title: str, subtitle: str, entries: Iterable[Entry]) -> bytes:
    entries = list(entries)
    feed_url = f"{site.site_url}{FOLDER}/{name}"
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=site.site_url, rel="alternate", type="text/html")
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.language("en")
    feed.author({"name": AUTHOR, "uri": site.repo_url} if site.repo_url else {"name": AUTHOR})
    feed.rights(fmt.source_line(site.as_of).replace("Source: ", "Figures: "))
    feed.generator("AI Token Tracker", uri=site.repo_url or None)
    # the feed changed when its newest entry did (never the build's clock)
    feed.updated(max((entry.updated for entry in entries), default=timestamp(site.as_of)))
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate", type="text/html")
        item.published(entry.published)
        item.updated(entry.updated)
        item.summary(entry.summary)
        item.content(entry.content_html, type="html")
    return feed.atom_str(pretty=True)


def json_feed(site: Site, name: str, title: str, description: str,
              entries: Iterable[Entry]) -> str:
    """A JSON Feed 1.1 document (jsonfeed.org/version/1.1)."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": site.site_url,
        "feed_url": f"{site.site_url}{FOLDER}/{name}",
        "description": description,
        "language": "en",
        "authors": [{"name": AUTHOR, **({"url": site.repo_url} if site.repo_url else {})}],
        "items": [{
            "id": entry.id, "url": entry.url, "title": entry.title, "summary": entry.summary,
            "content_html": entry.content_html, "date_published": rfc3339(entry.published),
            "date_modified": rfc3339(entry.updated),
        } for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_feeds(site: Site, site_src: Path) -> list[Path]:
    """Write the three feeds under site_src/feeds/ (only the files whose bytes changed);
    returns their paths."""
    folder = site_src / FOLDER
    weekly = weekly_entries(site)
    changes = sorted(correction_entries(site) + restatement_entries(site),
                     key=lambda entry: (entry.updated, entry.id), reverse=True)
    files = {
        WEEKLY_ATOM: atom(site, WEEKLY_ATOM, WEEKLY_TITLE, WEEKLY_SUBTITLE, weekly),
        WEEKLY_JSON: json_feed(site, WEEKLY_JSON, WEEKLY_TITLE, WEEKLY_SUBTITLE, weekly),
        CORRECTIONS_ATOM: atom(site, CORRECTIONS_ATOM, CORRECTIONS_TITLE, CORRECTIONS_SUBTITLE,
                               changes),
    }
    for name, content in files.items():
        if isinstance(content, bytes):
            write_bytes_if_changed(folder / name, content)
        else:
            write_text_if_changed(folder / name, content)
    return [folder / name for name in files]
