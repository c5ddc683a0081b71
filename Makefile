# The two commands of the README's Quick start: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM_PATH ?= /usr/bin/chromium
PORT ?= 8000

export TZ := UTC
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM_PATH

.PHONY: site test fuzz serve check sample fetch lint clean bench lighthouse

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

## Run the whole test suite: lint, unit, page and browser tests, in $(TEST_PROCESSES) processes
## (pytest-xdist; one test file per process at a time). The browser tests use Chromium
## at $(CHROMIUM_PATH) when it runs, else Playwright's own (installed if need be), else Debian's
## package (apt-get, as root or with sudo); tests/chromium.py says in one line which, or what
## to install.
TEST_PROCESSES ?= 2
test: $(VENV)/.installed-test
	$(PY) -m ruff check generator tests benchmarks
	browser="$$($(PY) tests/chromium.py)" && CHROMIUM_PATH="$$browser" $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile

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

$(VENV)/.installed-bench: $(VENV)/.installed-test benchmarks/requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.lock
	touch $@

## Benchmark a synthetic 104-week history (BENCH_FLAGS=--quick for a short run): prints a table
## and writes benchmarks/results.json. Takes about ten minutes on two cores.
bench: $(VENV)/.installed-bench
	browser="$$($(PY) tests/chromium.py)" && CHROMIUM_PATH="$$browser" $(PY) benchmarks/bench.py $(BENCH_FLAGS)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## Lighthouse 12.2.3 (mobile) on home, a past week, a model, an embed, the rankings and the
## countries pages of the built site:
## prints the scores and writes benchmarks/lighthouse.json (Chromium found as for `make test`).
lighthouse: site node_modules/.package-lock.json
	browser="$$($(PY) tests/chromium.py)" && CHROMIUM_PATH="$$browser" $(PY) benchmarks/lighthouse.py

lint: $(VENV)/.installed-test
	$(PY) -m ruff check generator tests benchmarks

clean:
	rm -rf site .cache .pytest_cache .ruff_cache .hypothesis templates/overrides/generated site_src/index.md \
	  site_src/rankings site_src/countries site_src/companies site_src/models site_src/data \
	  site_src/downloads site_src/feeds site_src/charts site_src/embed site_src/assets/generated \
	  .site-zh .mkdocs.zh.zensical.yml site_src/zh/search-words.txt \
	  $(addprefix site_src/zh/,rankings countries companies models data downloads feeds charts embed)
