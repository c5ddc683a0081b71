"""The issue forms speak to someone who knows the site, not the repository: they ask for the page
and what it shows, name the model the way the site's model pages do, take a country by name, and
offer credit."""

from __future__ import annotations

import yaml

from generator import phrases
from generator.paths import REPO_ROOT
from generator.registry import country_advice

FORMS = REPO_ROOT / ".github" / "ISSUE_TEMPLATE"
DATA_FORMS = ("data-correction.yml", "mapping-change.yml")


def fields(name: str) -> dict[str, dict]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {item["id"]: item for item in form["body"] if "id" in item}


def test_data_forms_ask_for_the_page_address_and_what_it_shows() -> None:
    for name in DATA_FORMS:
        form = fields(name)
        assert form["page"]["validations"]["required"] is True, name
        assert form["shown"]["type"] == "textarea", name
        assert form["shown"]["validations"]["required"] is True, name


def test_data_forms_name_the_model_as_the_model_pages_do() -> None:
    label = "OpenRouter slug"
    assert "**{{ t.model_slug }}**" in (REPO_ROOT / "templates/pages/model.md.j2").read_text()
    assert phrases.table("en")["model_slug"] == f"{label}:"
    for name in DATA_FORMS:
        form = fields(name)
        model = form["target" if name == "data-correction.yml" else "author"]
        assert label in model["attributes"]["description"], name
        assert "permaslug" not in yaml.safe_dump(form), name  # the repository's word


def test_the_mapping_form_takes_a_country_by_name_and_check_knows_its_code() -> None:
    country = fields("mapping-change.yml")["country"]
    assert "name" in country["attributes"]["description"]
    assert country_advice(country["attributes"]["placeholder"]) == "use FR for France"


def test_data_forms_offer_an_optional_credit() -> None:
    for name in DATA_FORMS:
        credit = fields(name)["credit"]
        assert not credit.get("validations", {}).get("required", False), name
