# Two commands do all the set-up on a fresh machine (Python 3.11 and make):
#   make site   builds the site into site/ (and says how to serve it)
#   make test   runs the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint bench extract update check init clean urls venv-properdocs compare-engines inspect

# The engine that builds the site: mkdocs (default, .venv) or properdocs (its own venv, .venv-properdocs,
# with the same pins except mkdocs itself: see requirements-properdocs.txt). `make test ENGINE=properdocs`
# runs the publishing tests on ProperDocs (the comparison of both engines runs once, in the default run).
ENGINE ?= mkdocs
VENV_PROPERDOCS := .venv-properdocs
STAMP_PROPERDOCS := $(VENV_PROPERDOCS)/.installed
# The tests that matter for publishing (URL list, site, editions, exports, browser smoke), and the
# tests of the speed tricks and the preview, which reach into the engine.
PUBLISHING_TESTS := tests/test_site.py tests/test_editions.py tests/test_exports.py tests/test_browser.py \
	tests/test_engines.py tests/test_speed.py tests/test_preview.py

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(STAMP_PROPERDOCS): requirements.txt requirements-properdocs.txt pyproject.toml
	$(PYTHON) -m venv $(VENV_PROPERDOCS)
	grep -v '^mkdocs==' requirements.txt > $(VENV_PROPERDOCS)/requirements-shared.txt
	$(VENV_PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check --no-deps \
		-r $(VENV_PROPERDOCS)/requirements-shared.txt -r requirements-properdocs.txt
	$(VENV_PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP_PROPERDOCS)

venv-properdocs: $(STAMP_PROPERDOCS)

site: $(STAMP)
	$(BIN)/python -m respub.publish

# `make serve LOCALE=fr`: the translator's preview, the default language and French only. --dirty: a
# save rebuilds only the pages it changes (respub.publish.preview plans what a dirty build rebuilds).
serve: $(STAMP)
	RESPUB_PREVIEW=$(LOCALE) $(BIN)/mkdocs serve --livereload --dirty

# Two workers (pytest-xdist); --dist loadfile keeps a module on one worker, so a module's fixtures (a browser,
# the HTML checker's run) are set up once.
ifeq ($(ENGINE),properdocs)
test: $(STAMP_PROPERDOCS)
	RESPUB_ENGINE=properdocs $(VENV_PROPERDOCS)/bin/python -m pytest -n 2 --dist loadfile $(PUBLISHING_TESTS) \
		--deselect tests/test_engines.py::test_mkdocs_and_properdocs_build_the_same_site
else
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile
endif

# Build with both engines and compare the two sites file by file (FACTS.md explains any difference).
compare-engines: $(STAMP) $(STAMP_PROPERDOCS)
	$(BIN)/python -m respub.publish.engines compare --other-python $(VENV_PROPERDOCS)/bin/python

lint: $(STAMP)
	$(BIN)/ruff check respub hooks tests scripts

# Look at a text before publishing it: make inspect DIR=docs/<folder>
inspect: $(STAMP)
	$(BIN)/python -m respub.source.inspect $(DIR)

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# The translators' workflow (see README): extract, update, check, init LOCALE=xx.
extract: $(STAMP)
	$(BIN)/python -m respub.l10n.i18n extract

update: $(STAMP)
	$(BIN)/python -m respub.l10n.i18n update

check: $(STAMP)
	$(BIN)/python -m respub.l10n.i18n check

init: $(STAMP)
	$(BIN)/python -m respub.l10n.i18n init $(LOCALE)

clean:
	rm -rf site .build

# Add the new URLs of a fresh build to the committed list (it refuses to drop one; review the diff).
urls: site
	$(BIN)/python -m respub.publish.urls site --write published-urls.txt
