"""What an embed says: its headline (the finding), subtitle (metric, unit, period), notes
(restatements, corrections, caveats), the screen-reader table of its numbers, and the height its
snippet's iframe needs to show it without any script."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from generator import fmt
from generator.charts.changes import RANK_FLOOR, biggest_climb
from generator.charts.data import country_growth_data, rank_movement_data
from generator.charts.draw import wrap
from generator.charts.specs import history_span
from generator.charts.variants import embed_chart_height
from generator.corrections import describe
from generator.derive import Tables
from generator.embeds import DataTable, Note
from generator.site import Site
from generator.tableio import records

TOKENS_CAVEAT = ("Tokens are counted by each model's own tokenizer; the data is one router's "
                 "public traffic, not the whole market.")
COUNTRY_CAVEAT = "Country: the developer's headquarters, not the host serving the model."
PRICE_CAVEAT = ("List prices: OpenRouter's catalogue price for each model, not what any user "
                "paid (providers, discounts and caching differ).")


def period(first_week: str, last_week: str) -> str:
    """'6 Jan 2025 – 5 Apr 2026': from the first Monday to the last week's Sunday."""
    end = date.fromisoformat(last_week) + timedelta(days=6)
    return f"{fmt.short_date(first_week)} – {fmt.short_date(end)}"


def models_of(code: str) -> str:
    return fmt.sentence_case(fmt.country_models(code))


def week_rows(frame: pd.DataFrame, week: str, by: list[str]) -> list[dict]:
    rows = frame[frame["week_start"] == week]
    return records(rows.sort_values(by, ascending=[False, *[True] * (len(by) - 1)]))


def site_wide_words(kind: str, upto: Tables, week: str) -> tuple[str, str]:
    """Headline (the finding) and subtitle (metric, unit, period) of a site-wide chart."""
    span = period(upto.weeks[0], week)
    in_week = f"in the week of {fmt.week_range(week)}"
    if kind == "tokens-by-country":
        rows = week_rows(upto.countries, week, ["tokens", "country"])
        headline = (f"{models_of(rows[0]['country'])} processed the most tokens {in_week}: "
                    f"{fmt.tokens_words(rows[0]['tokens'])}, "
                    f"{fmt.percent(rows[0]['share_of_attributed'])} {fmt.OF_KNOWN}"
                    if rows else f"Weekly tokens by country of origin, {in_week}")
        return headline, ("Tokens processed per week on OpenRouter, by the country of each "
                          f"model's developer; {span}")
    if kind == "country-share":
        rows = week_rows(upto.countries, week, ["tokens", "country"])
        headline = f"Share {fmt.OF_KNOWN} by country, {in_week}"
        if rows:
            lead = rows[0]
            headline = (f"{models_of(lead['country'])} took "
                        f"{fmt.percent(lead['share_of_attributed'])} {fmt.OF_KNOWN} "
                        f"{in_week}")
            before = upto.countries[(upto.countries["country"] == lead["country"])
                                    & (upto.countries["week_start"] < week)]
            if len(before):
                previous = float(before["share_of_attributed"].iloc[-1])
                direction = "up" if lead["share_of_attributed"] > previous else "down"
                if fmt.percent(previous) != fmt.percent(lead["share_of_attributed"]):
                    headline += f", {direction} from {fmt.percent(previous)} the week before"
        return headline, (f"Each country's share {fmt.OF_KNOWN} (%), per week; {span}")
    if kind == "tokens-by-company":
        rows = week_rows(upto.companies, week, ["tokens", "company"])
        headline = (f"{rows[0]['company']} led all companies {in_week}, with "
                    f"{fmt.tokens_words(rows[0]['tokens'])} tokens "
                    f"({fmt.percent(rows[0]['share_of_attributed'])} {fmt.OF_KNOWN})"
                    if rows else f"Weekly tokens by company, {in_week}")
        return headline, ("Tokens processed per week on OpenRouter by the ten largest companies "
                          f"of the last week, the rest summed; {span}")
    if kind == "country-growth":
        return growth_words(upto, week, in_week)
    if kind == "rank-movement":
        return movement_words(upto, week, in_week)
    if kind in ("free-share", "price-vs-usage"):
        return price_words(kind, upto, week, in_week, span)
    rows = week_rows(upto.models, week, ["tokens", "model_permaslug"])
    count = min(len(rows), 15)
    headline = (f"{rows[0]['model_name']} was the most used model {in_week}, with "
                f"{fmt.tokens_words(rows[0]['tokens'])} tokens "
                f"({fmt.percent(rows[0]['share_of_total'])} of all tokens)"
                if rows else f"Top models, {in_week}")
    return headline, (f"Tokens processed on OpenRouter {in_week} by the {count} most used "
                      "models, coloured by the developer's country")


def growth_words(upto: Tables, week: str, in_week: str) -> tuple[str, str]:
    """'Week of …: tokens of Chinese models up 4.1% on the week, U.S. models up 2.1%'."""
    data = country_growth_data(upto)
    now = data[(data["week_start"] == week) & data["wow_change"].notna()] \
        .sort_values(["tokens", "country"], ascending=[False, True])
    rows = records(now)
    if rows:
        changes = [f"{fmt.country_models(row['country'])} "
                   f"{fmt.up_down(row['wow_change'], suffix='')}" for row in rows]
        changes[0] += " on the week"
        headline = (f"Week of {fmt.week_range(week)}: tokens of {changes[0]}"
                    + "".join(f", {change}" for change in changes[1:]))
    else:
        headline = f"No change on the week yet: the data starts {in_week}"
    weeks = sorted(data["week_start"].astype(str).unique())
    codes = list(dict.fromkeys(data["country"]))
    names = (fmt.listing([fmt.DEMONYMS[code] for code in codes]) + " models"
             if all(code in fmt.DEMONYMS for code in codes) and codes
             else fmt.listing([fmt.country_models(code) for code in codes]))
    return headline, (f"Change in weekly tokens against the week before, for "
                      f"{names or 'each country'}; {period(weeks[0], week)}")


def movement_words(upto: Tables, week: str, in_week: str) -> tuple[str, str]:
    """'Of the top 10 models in the week of …, <model> climbed furthest: from #31 to #4 in 7
    weeks'."""
    data = rank_movement_data(upto)
    weeks = sorted(data["week_start"].astype(str).unique())
    count = data["model_permaslug"].nunique()
    climb = biggest_climb(data)
    lead = data[(data["week_start"] == week) & (data["last_rank"] == 1)]["model_name"]
    if len(weeks) == 1:
        headline = f"The top {count} models {in_week}: rank movement shows from the second week"
    elif climb is not None:
        name, start, since, end = climb
        gap = (date.fromisoformat(week) - date.fromisoformat(since)).days // 7
        headline = (f"{name} climbed furthest of the week's top {count}: from #{start} to "
                    f"#{end} in {gap} week{'s' if gap != 1 else ''}")
    else:
        headline = (f"{lead.iloc[0] if len(lead) else 'The top model'} led the top {count} "
                    f"{in_week}; none of them climbed")
    return headline, (f"Rank by tokens per week on OpenRouter of the top {count} models of "
                      f"the week of {fmt.week_range(week)}; {period(weeks[0], week)}")


def price_words(kind: str, upto: Tables, week: str, in_week: str, span: str) -> tuple[str, str]:
    """Headline and subtitle of the free variants' share and of tokens against list price."""
    if kind == "free-share":
        row = records(upto.totals[upto.totals["week_start"] == week])[0]
        share = row["free_variant_tokens"] / row["total_tokens"] if row["total_tokens"] else 0
        return (f"Free variants took {fmt.percent(share)} {fmt.OF_ALL} {in_week}",
                f"Tokens of ranked free (:free) variants as a share {fmt.OF_ALL}, per week; "
                f"{span}")
    rows = upto.models[upto.models["week_start"] == week]
    paid = rows[rows["price_completion_usd_per_mtok"].fillna(0) > 0]
    headline = f"Tokens against list price, {in_week}"
    if len(paid):
        lead = records(paid.sort_values(["tokens", "model_permaslug"],
                                        ascending=[False, True]).head(1))[0]
        headline = (f"{lead['model_name']}, the most used model with a paid list price "
                    f"{in_week}, lists {fmt.price(lead['price_completion_usd_per_mtok'])} per "
                    "million completion tokens")
    return headline, (f"Tokens processed on OpenRouter {in_week} against each model's list "
                      "price per million completion tokens, both on log scales; free models "
                      "and models without a known price left out")


def entity_words(kind: str, name: str, rows: pd.DataFrame, site: Site) -> tuple[str, str]:
    """Headline and subtitle of one model's, company's or country's history."""
    latest = site.latest_week
    last = records(rows.tail(1))[0]
    # the weeks its chart is drawn over, to its own last week: an absent entity's card stays
    span = period(*history_span(sorted(str(w) for w in rows["week_start"]), site.tables.weeks[0]))
    current = last["week_start"] == latest
    in_week = f"in the week of {fmt.week_range(last['week_start'])}"
    if kind == "model":
        headline = (f"{name} ranked #{last['rank']} {in_week}, with "
                    f"{fmt.tokens_words(last['tokens'])} tokens" if current
                    else f"{name} was last in the top 50 {in_week}, at #{last['rank']}")
        return headline, f"Tokens processed per week on OpenRouter while in the top 50; {span}"
    subject = f"{name}'s models" if kind == "company" else models_of(name)
    headline = (f"{subject} processed {fmt.tokens_words(last['tokens'])} tokens {in_week}, "
                f"{fmt.percent(last['share_of_attributed'])} {fmt.OF_KNOWN}" if current
                else f"{subject} were last in the top 50 {in_week}")
    where = (f"{name}'s ranked models" if kind == "company"
             else f"ranked models developed in {fmt.country_name(name)}")
    return headline, f"Tokens processed per week on OpenRouter by {where}; {span}"


def caveats(kind: str) -> list[Note]:
    """The notes this kind of chart needs, and no others: what a share is of, where a country
    comes from (charts by country), and what a token comparison across models means (site-wide
    charts). A single model's, company's or country's history needs none of them."""
    notes = []
    if kind == "country-share":
        notes.append(Note(f"Shares {fmt.OF_KNOWN}: models outside the top 50 and ranked "
                          "models whose developer is not known are left out."))
    if kind == "rank-movement":
        notes.append(Note(f"Ranks below #{RANK_FLOOR} share the chart's bottom row; a break in "
                          "a line is a week the model was not in the top 50."))
    if kind in ("tokens-by-country", "country-share", "country", "country-growth"):
        notes.append(Note(COUNTRY_CAVEAT))
    if kind in ("tokens-by-country", "country-share", "tokens-by-company", "top-models",
                "country-growth", "rank-movement",
                "free-share", "price-vs-usage"):
        notes.append(Note(TOKENS_CAVEAT))
    if kind == "price-vs-usage":
        notes.append(Note(PRICE_CAVEAT, href="learn/list-prices/",
                          label="What list prices do and do not say"))
    return notes


def restatement_notes(site: Site, weeks: list[str]) -> list[Note]:
    """Say which of the chart's weeks the source restated (the chart shows the new figures)."""
    restated = [w for w in weeks if site.restated(w)]
    if not restated:
        return []
    newest = max(restated, key=lambda w: (site.cited_as_of(w), w))
    when = fmt.long_date(site.cited_as_of(newest))
    if len(restated) == 1:
        what = f"the week of {fmt.week_range(restated[0])} on {when}"
    else:
        what = (f"{len(restated)} of these weeks, most recently the week of "
                f"{fmt.week_range(newest)} on {when}")
    return [Note(f"Restated: the source revised its figures for {what}; this chart shows the "
                 "revised figures.", href="data/revisions/", label="Corrections and revisions")]


def correction_notes(site: Site, weeks: list[str], models: set[str] | None = None) -> list[Note]:
    """Say which contributors' corrections changed (or flagged) the figures this chart draws,
    newest first, each linked to its entry in the log."""
    touched = site.tables.corrected
    if touched.empty:  # no correction at all (most builds): nothing to filter for 900 embeds
        return []
    touched = touched[touched["week_start"].isin(weeks)]
    if models is not None:
        touched = touched[touched["model_permaslug"].isin(models)]
    ids = set(touched["correction_id"])
    entries = [e for e in records(site.tables.corrections) if e["id"] in ids]  # newest first
    if not entries:
        return []
    newest = entries[0]
    verb = "Flagged" if newest["action"] == "flag" else "Corrected"
    what = describe(newest["action"], newest["target"], newest["value"])
    if len(entries) == 1:
        reason = newest["reason"] if newest["reason"][-1:] in ".!?" else f"{newest['reason']}."
        return [Note(f"{verb} on {fmt.long_date(newest['date'])}: {what}. {reason}",
                     href=f"data/revisions/#{newest['id']}", label="Corrections log")]
    # several: one line (an embed must stay short), the log has each one
    return [Note(f"Corrected: {len(entries)} contributor corrections apply to these figures; "
                 f"the latest, on {fmt.long_date(newest['date'])}: {what}.",
                 href="data/revisions/#corrections", label="Corrections log")]


# ---------------------------------------------------------------- screen-reader tables

def data_table(kind: str, data: pd.DataFrame) -> DataTable:
    """The chart's numbers in reading order: a week per row (a column per band or country),
    or the ranking."""
    if kind in ("tokens-by-country", "tokens-by-company", "country-share"):
        value, label, show = (("share_of_attributed", "country_name", fmt.percent)
                              if kind == "country-share" else ("tokens", "band", fmt.tokens_words))
        order = (list(data.sort_values("order")[label].drop_duplicates()) if "order" in data
                 else list(data.sort_values(["week_start", value], ascending=[False, False])
                           [label].drop_duplicates()))
        wide = data.pivot(index="week_start", columns=label, values=value)[order]
        rows = tuple((fmt.short_date(week), *("–" if pd.isna(cell) else show(cell)
                                              for cell in cells))
                     for week, cells in zip(wide.index, wide.itertuples(index=False, name=None)))
        what = f"Share {fmt.OF_KNOWN}" if kind == "country-share" else "Tokens"
        return DataTable(f"{what} per week (week starting)", ("Week", *order), rows)
    if kind == "country-growth":
        wide = data.pivot(index="week_start", columns="country_name", values="wow_change")
        return DataTable("Change on the week of tokens, per week (week starting)",
                         ("Week", *wide.columns),
                         tuple((fmt.short_date(week), *map(fmt.change, cells)) for week, cells
                               in zip(wide.index, wide.itertuples(index=False, name=None))))
    if kind == "rank-movement":
        wide = data.pivot(index="model_permaslug", columns="week_start", values="rank")
        names = data.drop_duplicates("model_permaslug").sort_values("last_rank")
        return DataTable("Rank by tokens per week (week starting) of the latest week's top "
                         "models; – where a model was not in the top 50",
                         ("Model", *map(fmt.short_date, wide.columns)),
                         tuple((name, *(fmt.MISSING if fmt.is_missing(rank) else str(rank)
                                        for rank in wide.loc[slug]))
                               for slug, name in zip(names["model_permaslug"],
                                                     names["model_name"])))
    if kind == "top-models":
        rows = tuple((str(r["rank"]), r["model_name"], r["company"] or "–", r["country_name"],
                      fmt.tokens_words(r["tokens"]), fmt.percent(r["share_of_total"]))
                     for r in records(data))
        return DataTable("Tokens in the week by model", ("Rank", "Model", "Company", "Country",
                                                         "Tokens", f"Share {fmt.OF_ALL}"), rows)
    if kind in ("free-share", "price-vs-usage"):
        return price_table(kind, data)
    share = "share_of_total" if kind == "model" else "share_of_attributed"
    headers = ["Week", "Tokens", f"Share {fmt.OF_ALL}" if kind == "model"
               else f"Share {fmt.OF_KNOWN}"]
    if kind == "model":
        headers.insert(1, "Rank")
    rows = tuple((fmt.short_date(r["week_start"]), *([str(r["rank"])] if kind == "model" else []),
                  fmt.tokens_words(r["tokens"]), fmt.percent(r[share])) for r in records(data))
    return DataTable("Tokens per week (week starting)", tuple(headers), rows)



def price_table(kind: str, data: pd.DataFrame) -> DataTable:
    """The free variants' share per week, or every ranked model's tokens and list prices."""
    if kind == "free-share":
        rows = tuple((fmt.short_date(r["week_start"]), fmt.tokens_words(r["free_variant_tokens"]),
                      fmt.percent(r["free_share"])) for r in records(data))
        return DataTable("Tokens of free variants per week (week starting)",
                         ("Week", "Tokens of free variants", f"Share {fmt.OF_ALL}"), rows)
    rows = tuple((str(r["rank"]), r["model_name"], r["country_name"],
                  fmt.tokens_words(r["tokens"]), fmt.price(r["price_prompt_usd_per_mtok"]),
                  fmt.price(r["price_completion_usd_per_mtok"])) for r in records(data))
    return DataTable("Tokens in the week and list prices per million tokens, by model",
                     ("Rank", "Model", "Country", "Tokens", "Prompt price", "Completion price"),
                     rows)


# ---------------------------------------------------------------- the snippet's height
# With no script at all (a CMS that strips the resize script), the snippet's own height shows the
# whole embed in an article column (600 px) with no blank below it, and in a phone's column
# (320 px) at least the whole chart (the source line under it and the notes then scroll in the
# frame). Estimated from the sizes embed.css sets (font size, line height, bold) and the chart's
# drawing for that column (charts.variants).
PADDING = 14
LINE = {"title": (21, 27, True), "subtitle": (15, 21, False), "note": (13.5, 19, False),
        "source": (13, 18, False), "links": (14, 20, False)}
HTML_FONT_WIDTH = 1.15  # readers' sans-serif (e.g. DejaVu Sans) runs wider than the estimate
# the links line of templates/embeds/page.html.j2
LINKS = "Chart: AI Token Tracker · Get the data · PNG 1200×675 · PNG 1080×1080 · SVG"
ARTICLE, PHONE = 600, 300  # an article column; a phone's (320 px less the host page's margins)


def text_lines(text: str, style: str, width: int) -> int:
    size, _, bold = LINE[style]
    return len(wrap(text, size * HTML_FONT_WIDTH, bold, width, 1000))


def content_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                   column: int, chart_height: int, through_chart: bool = False) -> int:
    width = column - 2 * PADDING
    height = PADDING + 26  # the sample banner, or a line of slack
    height += text_lines(headline, "title", width) * LINE["title"][1] + 8
    height += text_lines(subtitle, "subtitle", width) * LINE["subtitle"][1] + 10
    height += chart_height + 10
    if through_chart:
        return height
    height += text_lines(fmt.source_line(as_of), "source", width) * LINE["source"][1] + 12
    for note in notes:
        height += text_lines(f"{note.text} {note.label}", "note", width) * LINE["note"][1] + 4
    return height + text_lines(LINKS, "links", width) * LINE["links"][1] + PADDING + 12


def snippet_height(headline: str, subtitle: str, notes: tuple[Note, ...], as_of: str,
                   kind: str, stat: bool) -> int:
    """The iframe's default height: see above."""
    return max(
        content_height(headline, subtitle, notes, as_of, ARTICLE,
                       embed_chart_height(kind, ARTICLE - 2 * PADDING, stat)),
        content_height(headline, subtitle, notes, as_of, PHONE,
                       embed_chart_height(kind, PHONE - 2 * PADDING, stat), through_chart=True))
