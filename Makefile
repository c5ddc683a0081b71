# The two commands of the README's Quick start: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM_PATH ?= /usr/bin/chromium
PORT ?= 8000

export TZ := UTC
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM_PATH

.PHONY: site test fuzz serve check sample fetch lint clean

# The environment: created once, reinstalled when a pin changes.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

## Build the site into site/ from data/ (or the bundled sample when no data was fetched).
site: $(VENV)/.installed
	$(PY) -m generator build $(BUILD_FLAGS)

## Run the whole test suite: lint, unit, page and browser tests (Chromium at $(CHROMIUM_PATH)).
test: $(VENV)/.installed-test
	$(PY) -m ruff check generator tests
	$(PY) -m pytest

## Fuzz every loader of outside input (API responses, snapshots, registry CSVs) with at least
## 10 000 examples each, and print the counts. The default `make test` runs a quick sample.
fuzz: $(VENV)/.installed-test
	TRACKER_FUZZ=full $(PY) -m pytest tests/test_fuzz.py -q -s -p no:cacheprovider

## Preview the built site at http://127.0.0.1:$(PORT)/
serve: site
	$(PY) -m http.server --bind 127.0.0.1 --directory site $(PORT)

## Fetch new and restated weeks from OpenRouter (needs OPENROUTER_API_KEY).
fetch: $(VENV)/.installed
	$(PY) -m generator fetch

## Validate every contributor-editable file under data/.
check: $(VENV)/.installed
	$(PY) -m generator check

## Regenerate the bundled sample dataset (byte-for-byte reproducible).
sample: $(VENV)/.installed
	$(PY) -m generator sample

lint: $(VENV)/.installed-test
	$(PY) -m ruff check generator tests

clean:
	rm -rf site .cache .pytest_cache .ruff_cache .hypothesis templates/overrides/generated site_src/index.md \
	  site_src/rankings site_src/countries site_src/companies site_src/models site_src/data \
	  site_src/downloads site_src/charts site_src/embed site_src/assets/generated
