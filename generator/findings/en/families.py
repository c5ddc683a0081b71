"""English words of what each chart family is (a ``chart`` finding, generator.findings.charts:
its subject is the family): its title and caption (pages, drawings), its embed's subtitle
(metric, unit, period) and the sentence its alt text ends with (the form of the chart, the
dated events and story marks drawn on it). Also the caveats an embed notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator import fmt
from generator.findings.en.charts import left_out, period
from generator.findings.finding import Finding


@dataclass(frozen=True)
class FamilyWords:
    title: Callable[[Finding], str]
    caption: Callable[[Finding], str]
    subtitle: Callable[[Finding], str]  # without the period, which follows it
    form: Callable[[Finding], str] = lambda f: ""  # the alt text's last sentence
    # the narrow drawing's subtitle, when that drawing shows fewer rows (charts.variants)
    narrow_subtitle: Callable[[Finding], str] | None = None


def since(f: Finding) -> str:
    return fmt.week_range(f.figure("first"))


ENTITY_CAPTIONS = {
    "model": "Tokens processed per week on OpenRouter while in the top 50",
    "company": "Tokens of the company's models in the top 50, per week",
    "country": "Tokens of the top 50 models developed in the country, per week",
}


def entity_subtitle(f: Finding) -> str:
    entity = f.figure("entity")
    if entity == "model":
        return "Tokens processed per week on OpenRouter while in the top 50"
    where = (f"{f.figure('name')}'s ranked models" if entity == "company"
             else f"ranked models developed in {fmt.country_name(f.figure('name'))}")
    return f"Tokens processed per week on OpenRouter by {where}"


def top_models_subtitle(f: Finding, count: int) -> str:
    return (f"Tokens processed on OpenRouter in the week of {fmt.week_range(f.week)} by the "
            f"{count} most used models, coloured by the developer's country")


HISTORY = FamilyWords(title=lambda f: f"{f.figure('title_name')}: weekly tokens",
                      caption=lambda f: ENTITY_CAPTIONS[f.figure("entity")],
                      subtitle=entity_subtitle)

FAMILIES = {
    "tokens-by-country": FamilyWords(
        title=lambda f: "Weekly tokens by country of origin",
        caption=lambda f: ("Tokens processed per week on OpenRouter, by the model developer's "
                           "country: China, the U.S. and all other countries together; in "
                           "grey, models outside the top 50 and models with no known country"),
        subtitle=lambda f: ("Tokens processed per week on OpenRouter by Chinese, U.S. and all "
                            "other countries' models, and by models with no known country "
                            "(outside the top 50 or of unknown developers)"),
        form=lambda f: (f"Stacked area chart of weekly tokens of Chinese, U.S. and other "
                        f"countries' models since the week of {since(f)}.")),
    "country-share": FamilyWords(
        title=lambda f: "Share of tokens by country of origin",
        caption=lambda f: ("Each country's share of the week's tokens from models with a known "
                           "country, per week"),
        subtitle=lambda f: f"Each country's share {fmt.OF_KNOWN} (%), per week",
        form=lambda f: f"Line chart of each country's share since the week of {since(f)}."),
    "tokens-by-company": FamilyWords(
        title=lambda f: "Weekly tokens by company",
        caption=lambda f: ("Tokens processed per week on OpenRouter by the latest week's ten "
                           "largest companies, the rest summed as a pale outlined band"),
        subtitle=lambda f: ("Tokens processed per week on OpenRouter by the ten largest "
                            "companies of the last week, the rest summed"),
        form=lambda f: (f"Stacked area chart of weekly tokens by company since the week of "
                        f"{since(f)}.")),
    "top-models": FamilyWords(
        title=lambda f: f"The most used models in the week of {fmt.week_range(f.week)}",
        caption=lambda f: ("Tokens processed in the week on OpenRouter, coloured by the "
                           "developer's country"),
        subtitle=lambda f: top_models_subtitle(f, f.figure("count")),
        narrow_subtitle=lambda f: top_models_subtitle(
            f, min(f.figure("count"), f.figure("narrow_top") or f.figure("count"))),
        form=lambda f: (f"Bar chart of the {f.figure('count')} most used models, coloured by "
                        "the developer's country.")),
    "country-growth": FamilyWords(
        title=lambda f: "Change on the week: Chinese and U.S. models",
        caption=lambda f: "Change in each country's weekly tokens against the week before, %",
        subtitle=lambda f: ("Change in weekly tokens against the week before, for "
                            + (fmt.listing([fmt.country_models(c) for c in f.figure("countries")])
                               or "each country")),
        form=lambda f: ("Line chart of the change on the week of each country's tokens since "
                        f"the week of {since(f)}.")),
    "rank-movement": FamilyWords(
        title=lambda f: f"Rank movement of the week's top {f.figure('count')} models",
        caption=lambda f: (f"Rank by tokens per week on OpenRouter of the top "
                           f"{f.figure('count')} models of the week of "
                           f"{fmt.week_range(f.week)}; the model the headline names in colour"),
        subtitle=lambda f: (f"Rank by tokens per week on OpenRouter of the last week's top "
                            f"{f.figure('count')} models"),
        form=lambda f: (f"Bump chart of the ranks of the top {f.figure('count')} models of the "
                        f"latest week over the {f.figure('weeks')} weeks since the week of "
                        f"{since(f)}.")),
    "free-share": FamilyWords(
        title=lambda f: "Share of tokens that went to free variants",
        caption=lambda f: ("Tokens of the ranked models' free (:free) variants, as a share of "
                           "all tokens, per week"),
        subtitle=lambda f: (f"Tokens of ranked free (:free) variants as a share {fmt.OF_ALL}, "
                            "per week"),
        form=lambda f: "Line chart of the weekly share."),
    "price-vs-usage": FamilyWords(
        title=lambda f: f"Tokens against list price, week of {fmt.week_range(f.week)}",
        caption=lambda f: ("Each model's tokens in the week against its list price per million "
                           "completion (output) tokens, both on log scales; the most used model "
                           "with a paid price in colour"
                           + (f"; left out: {left_out(f)}" if left_out(f) else "")),
        subtitle=lambda f: (f"Tokens processed on OpenRouter in the week of "
                            f"{fmt.week_range(f.week)} against each model's list price per "
                            "million completion tokens, both on log scales; free models and "
                            "models without a known price left out"),
        form=lambda f: ("Scatter chart of tokens against completion price, both on log scales"
                        + (f"; left out: {left_out(f)}" if left_out(f) else "") + ".")),
    "model": HISTORY, "company": HISTORY, "country": HISTORY,
}


def chart(f: Finding, form: str) -> str:
    """A chart family's words: 'title', 'caption', 'subtitle' (with its period; of its narrow
    drawing: 'subtitle-narrow'), 'sentence'
    (the end of its alt text: its form, when it draws more than one week, then its marks and
    events)."""
    words = FAMILIES[f.subject]
    if form == "title":
        return words.title(f)
    if form == "caption":
        return words.caption(f)
    if form in ("subtitle", "subtitle-narrow"):
        said = (words.narrow_subtitle if form == "subtitle-narrow" and words.narrow_subtitle
                else words.subtitle)(f)
        return f"{said}; {period(f.figure('first'), f.figure('last') or f.week)}" \
            if f.figure("period") else said
    parts = [words.form(f)] if f.figure("weeks") > 1 else []
    for week, label, _ in f.figure("marks") or ():
        parts.append(f"A solid line marks the week of {fmt.week_range(week)}: "
                     f"{label if label.endswith('.') else label + '.'}")
    events = f.figure("events") or ()
    if events:
        parts.append("Dashed lines mark dated events: " + "; ".join(
            f"{label} ({fmt.long_date(day)})" for day, label, _ in events) + ".")
    return " ".join(part for part in parts if part)


# ---------------------------------------------------------------- caveats (an embed's notes)

# One short line each (an embed shows them under its chart, a phone's column included); the
# pages that explain them say the rest.
CAVEATS = {
    "known-base": ("Shares leave out models outside the top 50 and those of no known country.",
                   ""),
    "rank-floor": ("Ranks below #{floor} share the bottom row; a gap is a week out of the top 50.",
                   ""),
    "country": ("Country: where the developer is based, not where the model runs.", ""),
    "tokens": ("One router's public traffic (OpenRouter), not the whole market.", ""),
    "price": ("List prices, not what users paid.", "What list prices do and do not say"),
}


def caveat(f: Finding, form: str) -> str:
    """A caveat (its subject a key of CAVEATS): 'note' its text, 'label' its link's words."""
    text, label = CAVEATS[f.subject]
    return label if form == "label" else text.format(**f.figures)


WORDINGS = {"chart": chart, "caveat": caveat}
