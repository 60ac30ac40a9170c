# Two commands do all the set-up on a fresh machine (Python 3.11 and make):
#   make site   builds the site into site/ (and says how to serve it)
#   make test   runs the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint bench extract update check init clean urls

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m respub.publish

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check respub hooks tests scripts

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
