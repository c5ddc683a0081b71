"""The English UI phrases of the generated pages: headings, captions, column heads, buttons,
link texts and notices (templates/pages/*.j2, templates/embeds/page.html.j2, and the few Python
modules that write a page's words, such as the embeds' cards). One dict per page family; the
lookup (generator/phrases/__init__.py) joins them into one table, and a key may be in only one.

- Sentences that state a figure are not here: they come worded from the findings layer
  (generator/findings/en/); numbers and dates are formatted by generator/fmt.py.
- A phrase with a placeholder has str.format named fields (``{week}``), filled by the template
  (``t.week_of.format(week=week | week_range)``) or the caller; what fills them is already
  formatted and escaped for where it lands.
- Phrases are trusted text, printed as they are: a key ending in ``_html`` holds markup, and the
  Markdown pages print Markdown (``**bold**``, ``[a link]({href})``) as Markdown.
- A key that names a table's column is ``col_*``; ``short_*`` is its shorter heading on a phone
  and ``under_*`` the words of a value stacked under another column's on a phone.
"""

from __future__ import annotations

# Shared by every page family: the site's name, tables, charts and their share block
# (templates/pages/_macros.md.j2).
SHARED = {
    # The punctuation the templates put between pieces: Chinese has its own marks and no space.
    "sentence_gap": " ",  # between two sentences of one paragraph
    "full_stop": ".",
    "labelled": "{label}: ",  # a label before its value (read by screen readers under a value)
    "mover_item": "{name}: {words}",  # a mover in a list: its name, then what it did
    "what_when": "{what}, {when}",  # what a correction does, then in which weeks
    "site_name": "AI Token Tracker",
    "developer_not_known": "Developer not known",  # a model whose author is not in the registry
    "scroll_hint": "Scroll sideways for every column →",  # over a wide reference table
    "chart_data_csv": "Chart data (CSV)",
    "col_week": "Week",
    "col_rank": "Rank",
    "col_model": "Model",
    "col_tokens": "Tokens",
    "col_company": "Company",
    "col_country": "Country",
    "col_on_the_week": "On the week",
    "under_on_the_week": "on the week",
    "under_company": "company",
    "under_country": "country",
    "col_share_of": "Share {base}",  # base: fmt.OF_ALL or fmt.OF_KNOWN
    "short_share": "Share",
    "col_all_tokens": "All tokens",
    "col_number_one": "Number one",  # the week's first model
    "col_top50_share_of": "Top 50's share {base}",
    "short_top50_share": "Top 50's share",
    "col_weeks_in_top50": "Weeks in the top 50",
    "short_weeks": "Weeks",
    "col_best_rank": "Best rank",
    "short_best": "Best",
    "col_rank_this_week": "Rank this week",
    "short_this_week": "This week",
    "col_last_in_top50": "Last in the top 50",
    "under_last_in_top50": "last in the top 50",
    "all_models": "All models",  # the total row of a table
    "week_of": "Week of {week}",  # a heading
    "week_by_week": "Week by week",  # a heading
    "models": "Models",
    "companies": "Companies",
    "download_the_data": "Download the data",
    "all_weeks": "All weeks",
    "list_prices_link": "[What list prices do and do not say]({href}).",
    "estimated_spend_heading": "Estimated spend at list prices",
    "top_models_caption": "The top {count} models by tokens processed, week of {week}",
}

# The Embed / Download / Cite block under every chart (_macros.md.j2: share).
SHARE = {
    "share_summary": "Embed, download or cite this chart",
    "share_tab_embed": "Embed",
    "share_tab_download": "Download",
    "share_tab_cite": "Cite",
    "share_latest_html": "<strong>Latest week</strong>, updated every week:",
    "share_frozen_html": ("<strong>Frozen at the week of {week}</strong>, never changes "
                          "(for a dated story):"),
    "share_resize_html": ("The iframe sizes itself with the resize script. Themes, privacy and "
                          "the host page's CSP: <a href=\"{href}\">Embed our charts</a>."),
    "latest_week": "Latest week",  # a download list's label
    "frozen_at_week": "Frozen at the week of {week}",
}

# Contributors' corrections on a page (_macros.md.j2: corrections_note).
CORRECTIONS_NOTE = {
    "corrected_figures": "Corrected figures",  # the warning's title
    "correction_item": "**{label}** on {date}: {what}",
    "correction_one_week": " (week of {week})",
    "correction_weeks": " ({count} weeks, {first} to {last})",
    "evidence": "Evidence",
    "corrections_log": "Corrections log",
}

# Estimated spend at list prices (_macros.md.j2: spend_table).
SPEND = {
    "col_share_of_tokens": "Share of tokens",
    "short_token_share": "Token share",
    "col_estimated_spend": "Estimated spend",
    "short_spend": "Spend",
    "under_share_of_spend": "share of spend",
    "col_share_of_spend": "Share of spend",
    "col_tokens_without_price": "Tokens without a price",
    "short_no_price": "No price",
}

# The week's movers (templates/pages/_movers.md.j2).
MOVERS = {
    "rank_and_move": "Rank {rank}, {move}",  # move: fmt.rank_move_words
    "tokens_and_change": "{tokens} tokens, {change}",
    "col_week_before": "Week before",
    "col_change": "Change",
    "col_move": "Move",
    "col_rank_week_before": "Rank the week before",
    "col_tokens_week_before": "Tokens the week before",
    "movers_heading": "Changes on the week before",
    "movers_first_week": ("This is the first week in the data, so there is no earlier week to "
                          "compare it with: no model\nrose, fell, entered or left the ranking."),
    "movers_first_week_short": ("This is the first week in the data, so there is no earlier "
                                "week to compare it with."),
    "movers_explained": ("{against}. Models that rose or fell most\nare ranked by the change in "
                         "their tokens; models that climbed or dropped most by the places they\n"
                         "moved. A model ranked in only one of the two weeks entered or left the "
                         "ranking."),
    "gained_most": "Gained the most tokens",
    "none_gained": "No model ranked in both weeks gained tokens.",
    "lost_most": "Lost the most tokens",
    "none_lost": "No model ranked in both weeks lost tokens.",
    "climbed_most": "Climbed the most places",
    "none_climbed": "No model climbed in the ranking.",
    "dropped_most": "Dropped the most places",
    "none_dropped": "No model dropped in the ranking.",
    "new_this_week": "New in the ranking this week",
    "new_in_ranking": "New in the ranking",  # the home page's short list
    "none_new": "No model entered the ranking this week.",
    "left_this_week": "Left the ranking this week",
    "none_left": "No model left the ranking this week.",
}

# Home (home.md.j2).
HOME = {
    "home_title": "AI token usage, week by week",
    "home_kicker": "Week of {week} · tokens processed on OpenRouter",
    "home_top10": "Top 10 models this week",
    "home_top10_caption": "The 10 models that processed the most tokens, week of {week}",
    "full_ranking": "Full ranking for the week",
    "home_movers": "Biggest changes on the week before",
    "all_changes": "All the week's changes",
    "follow_heading": "Follow the tracker",
    "follow_intro": "Get each new week in a feed reader, or take the figures themselves:",
    "follow_weekly": ("[Weekly briefing (Atom)]({atom}) or [the same as JSON Feed]({json}): one "
                      "entry a week, with its main figures and biggest changes."),
    "follow_corrections": ("[Corrections and restatements (Atom)]({atom}): every figure "
                           "corrected by a contributor or restated by the source."),
    "follow_data": "[Download the data]({href}): every table as CSV, JSON and Parquet.",
}

# Rankings: the index, every week, one week (rankings_index, ranking_weeks, ranking_week).
RANKINGS = {
    "rankings_title": "Rankings",
    "rankings_intro": ("The latest complete week is **{week}**. Models are ranked by the tokens "
                       "they\nprocessed in the week (Monday to Sunday, UTC); models outside "
                       "OpenRouter's top 50 are counted\ntogether and not ranked. "
                       "[How the ranking works]({href})."),
    "top10_moved": "How the top 10 moved",
    "prices_heading": "List prices and free models",
    "prices_intro": ("Each model's list price is the price per million tokens in OpenRouter's "
                     "models catalogue as it\nstood when the week ended: one price for prompt "
                     "(input) tokens and one for completion (output)\ntokens. It is not what any "
                     "user paid: providers, discounts and caching differ, and free\nvariants "
                     "cost nothing. [What list prices do and do not say]({href})."),
    "recent_weeks": "Recent weeks",
    "every_week_title": "Every week",
    "every_week_latest": "The [Rankings]({href}) page shows the latest week.",
    "week_title": "Ranking, week of {week}",
    "week_heading": "Ranking for the week of {week}",
    "week_days": "Monday {start} to Sunday {end}, UTC",
    "previous_week": "← previous week",
    "next_week": "next week →",
    "what_changed": "What changed this week",
    "col_not_ranked": "Not ranked",
    "outside_caption": "Tokens outside the ranking, and the week's total",
}

# Countries (countries_index.md.j2, country.md.j2).
COUNTRIES = {
    "countries_title": "Countries",
    "countries_intro": ("Each model counts for the country of its developer's headquarters, not "
                        "for the country that\nhosts it. Shares are shares {of_known}: the "
                        "week's total less the models outside the top 50\nand less the ranked "
                        "models whose developer is not known."),
    "countries_caption": "Tokens by the country of each model's developer, week of {week}",
    "no_country_row": "{no_country} (developer not known)",
    "countries_spend_caption": ("Estimated spend at list prices by the country of each model's "
                                "developer, week of {week}"),
    "country_models_heading": "Models this week",
    "country_models_caption": "Models from {name} in the top 50, week of {week}",
    "country_history_caption": ("{demonym}, week by week: tokens, share {of_known} and change on "
                                "the week"),
}

# Companies (companies_index.md.j2, company.md.j2).
COMPANIES = {
    "companies_intro": ("A company's tokens are the sum of its models in OpenRouter's weekly top "
                        "50. Several author\nslugs can belong to one company (`qwen` and "
                        "`alibaba` are both Alibaba). Shares are shares\n{of_known}: models "
                        "outside the top 50, and ranked models whose developer is not known,\n"
                        "are left out."),
    "companies_caption": "Companies by tokens processed, week of {week}",
    "companies_spend_caption": "Estimated spend at list prices by company, week of {week}",
    "everyone_heading": "Every company ever ranked",
    "col_weeks_with_model": "Weeks with a model in the top 50",
    "everyone_caption": "Every company with a model ever in the weekly top 50",
    "company_kicker": "Developer of AI models · {country}",
    "company_models_caption": "Models by {company} ever in the weekly top 50",
    "company_history_caption": ("{company}'s models, week by week: tokens, share {of_known} and "
                                "change on the week"),
}

# Models (models_index.md.j2, model.md.j2).
MODELS = {
    "models_description": "Every AI model that has been in OpenRouter's weekly top 50.",
    "models_intro": ("Every model that has been in OpenRouter's weekly top 50, most recently "
                     "ranked first. Variants\nsuch as `:free` are separate rows upstream, so "
                     "they are separate models here."),
    "models_caption": ("Every model ever in the weekly top 50: weeks ranked, best rank, rank in "
                       "the week of {week}, and the last week ranked"),
    "model_slug": "OpenRouter slug:",
    "model_company": "Company:",
    "model_country": "Country:",
    "model_family": "Family:",
    "model_open_weights": "Open weights:",
    "yes": "yes",
    "no": "no",
    "model_weeks": "Weeks in the top 50:",
    "model_best_rank": "{weeks} (best rank {best})",
    "model_in_catalogue": "In OpenRouter's catalogue:",
    "not_in_catalogue": "no (retired or cloaked)",
    "model_list_price": "List price:",
    "model_price": ("{prompt} per million prompt tokens, {completion} per million completion "
                    "tokens"),
    "model_price_free": " (free)",
    "model_price_as_of": (", in OpenRouter's catalogue as of {date} ([what list prices "
                          "say]({href}))"),
    "model_price_unknown": ("not known for the week of {week} (no usable price in OpenRouter's "
                            "catalogue; [what list prices say]({href}))"),
    "no_country_note_title": "No known country",
    "no_country_note": ("This model's developer is not in the registry (a cloaked model, or a "
                        "lab we have not mapped\n    yet), so its tokens count for no country: "
                        "they are left out of the shares of countries and\n    companies, which "
                        "are shares {of_known}."),  # an admonition's body: indented 4 spaces
    "model_shares": ("Shares are shares {of_all} of the week, the models outside the top 50 "
                     "included."),
    "model_history_caption": ("{name}, week by week: rank, tokens, share {of_all} and change on "
                              "the week"),
}

# Data and the corrections log (data.md.j2, revisions.md.j2).
DATA = {
    "data_title": "Data",
    "data_description": ("Download the weekly tables behind every chart (CSV, JSON, Parquet), "
                         "licence and citation."),
    "data_intro": ("Every figure on this site comes from these tables{sample}. They cover "
                   "{weeks} complete weeks\n({span}), from {first} to {last}, with the\nfigures "
                   "as of {as_of}."),
    "data_intro_sample": " (built from the bundled\n**sample data — not real figures**)",
    "downloads_heading": "Downloads (version 1)",
    "col_table": "Table",
    "col_rows": "Rows",
    "downloads_caption": "The downloads, each table in three formats",
    "datapackage_html": ("The <a href=\"{href}\">data package descriptor</a> (Frictionless\n"
                         "`datapackage.json`) describes every file and column. Within `v1`, "
                         "columns are only ever added,\nnever renamed or removed. Token columns "
                         "are exact integers; shares and changes are fractions\n(0.569 means "
                         "56.9%) with at most six decimals, empty where undefined."),
    "col_column": "Column",
    "col_type": "Type",
    "under_type": "type",
    "col_meaning": "Meaning",
    "columns_caption": "The columns of {table}",
    "licence_heading": "Licence",
    "licence": ("The figures come from OpenRouter's public rankings and are licensed under\n"
                "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). You may reuse them, "
                "including\ncommercially, with attribution. The tables are published for "
                "analysis, reporting and\nvisualisation; they are not a query API."),
    "cite_heading": "How to cite",
    "cite_line": "{source} Tables compiled by the AI Token Tracker.",
    "cite_weeks": ("Please give the week (or weeks) you quote and the date the figures are as "
                   "of: OpenRouter can\nrestate recent weeks, and the newest figures replace "
                   "older ones."),
}

REVISIONS = {
    "revisions_title": "Corrections and revisions",
    "revisions_description": ("Every correction contributors made to the data, and every week "
                              "the source restated after we first published it."),
    "revisions_intro_html": (
        "Figures change for two reasons, both listed here, newest first: a **correction** made "
        "by a\ncontributor in a reviewed pull request (what changed, why, and the evidence), "
        "and a\n**restatement** by the source itself. The same lists are in\n"
        "<a href=\"{corrections_csv}\">corrections.csv</a> and\n"
        "<a href=\"{revisions_csv}\">revisions.csv</a>.\n"
        "To report or fix a data error, <a href=\"{issue}\">open an issue</a> or a pull\n"
        "request in <a href=\"{repo}\">the project's repository</a>: its\n"
        "<a href=\"{contributing}\">CONTRIBUTING.md</a> explains each step."),
    "status_open": "not yet reported to the source",
    "status_reported": "reported to the source",
    "status_fixed_upstream": "fixed by the source",
    "corrections_heading": "Corrections",
    "correction_heading": "{date}: {label}, {target}",
    "correction_what": "What:",
    "correction_in_week": "in the week of [{week}]({href})",
    "correction_in_weeks": "in the weeks of {first} to {last}",
    "weekly_row": "{count} weekly row",
    "weekly_rows": "{count} weekly rows",
    "tokens_before_after": ", {before} tokens before, {after} after",
    "correction_why": "Why:",
    "correction_evidence": "Evidence:",
    "correction_status": "Status:",
    "correction_credit": "Found by:",
    "correction_id": "Id:",
    "no_corrections": "No correction has been made so far.",
    "restatements_heading": "Restatements by the source",
    "restatements_intro": ("OpenRouter recomputes recent weeks as its data refreshes. When a "
                           "week we already hold comes back\nwith different figures, we keep "
                           "the old snapshot, publish the newest figures and list every\n"
                           "changed figure here, newest first, grouped by the date the new "
                           "figures are as of."),
    "restated_heading": "Figures as of {date}",
    "col_before": "Before",
    "col_after": "After",
    "restated_caption": ("Tokens restated by the figures as of {date}, replacing those as of "
                         "{dates}"),
    "list_separator": ", ",  # between the items of a list in a sentence
    "no_restatements": "No week has been restated so far.",
}

# The data-status banner on every page (data_status.html.j2; its dates from build.py).
DATA_STATUS = {
    "status_sample_html": ("<strong>{notice}.</strong> The bundled sample dataset, dated "
                           "{updated}, not OpenRouter figures; never updated."),
    "status_stale_html": ("<strong>The data may be stale:</strong> last updated {updated}; "
                          "the newest published week is {week}"),
    "status_next_due": "; next update due {next}",
    "status_updated": "Updated {updated} · latest week {week}",
    "status_updated_next_due": " · next update due {next}",
}

# The embed pages (templates/embeds/page.html.j2) and their cards (embeds/write.py).
EMBED = {
    "html_lang": "en",  # the pages' lang attribute (BCP 47)
    "chart_credit": "Chart: {link}",  # link: the site's name, linked where it can be
    "get_the_data": "Get the data",
}

FAMILIES = (SHARED, SHARE, CORRECTIONS_NOTE, SPEND, MOVERS, HOME, RANKINGS, COUNTRIES, COMPANIES,
            MODELS, DATA, REVISIONS, DATA_STATUS, EMBED)
