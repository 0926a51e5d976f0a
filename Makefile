# Everything installs into .venv on first use; only Python 3.11 or later and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# -P (Python 3.11): the working directory is not put on sys.path, so a file a pull request
# adds at the top (rapidfuzz.py, pip.py, venv/) cannot stand in for the module of that name.
PY := $(BIN)/python -P
STAMP := $(VENV)/.installed-stamp
# Material 9.8 prints an end-of-life banner on every build; it is known and tracked.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test browser bench bench-scaling check fix-quotes lint schemas schemas-check site ci-check ci clean

# pip's and setuptools' chatter goes to a log, shown only when the install fails.
$(STAMP): pyproject.toml
	@echo "make: installing the project and its tools into $(VENV) (a few minutes, the first time)"
	$(PYTHON) -P -m venv $(VENV)
	@{ $(PY) -m pip install --quiet --upgrade pip && $(PY) -m pip install --quiet -e '.[dev]'; } \
	  > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; echo "make: the install failed (log above)"; exit 1; }
	touch $@

install: $(STAMP)

## serve: build and serve the site at http://127.0.0.1:8000 (PORT=8001 for another); a save rebuilds only the pages it touched
# --dirty: MkDocs rebuilds only pages whose source changed; the plugin rewrites only those.
PORT ?= 8000
serve: $(STAMP)
	@$(PY) -c "import socket; socket.create_server(('127.0.0.1', $(PORT)))" 2>/dev/null \
	  || { echo "make serve: port $(PORT) is taken; serve on another with: make serve PORT=8001"; exit 1; }
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

## test: lint, type-check and run the whole test suite (the browser tests need Chromium: see `make browser`)
# Each tool is given its configuration: one a pull request adds (pytest.ini, tox.ini, setup.cfg,
# a conftest.py at the top, mypy.ini, ruff.toml) would be read first and could quietly turn
# the run into collect-only or switch the checks off.
PYTEST := $(PY) -m pytest -c pyproject.toml --confcutdir=tests
NO_BROWSER := echo "make test: the browser tests did not run, so this run fails: no Chromium was found, and none could be"; \
  echo "           installed (that needs apt-get, and root or sudo without a password). Install Chromium, or set"; \
  echo "           FACTSHEET_CHROMIUM=/path/to/chromium, then run make test again."; exit 1
test: lint $(STAMP)
	@if ( $(FIND_CHROMIUM) ); then $(PYTEST); else $(PYTEST) --ignore=tests/test_browser.py; $(NO_BROWSER); fi

## browser: find Chromium for the browser tests, or install Debian's, saying so first
# Playwright drives a system Chromium; its own download is neither possible here nor needed.
# FACTSHEET_CHROMIUM if set, else one on PATH, else Debian's package; exit 1 if there is none.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FIND_CHROMIUM := has() { command -v "$$1" >/dev/null 2>&1; }; \
	if [ -n "$$FACTSHEET_CHROMIUM" ]; then \
	  [ -x "$$FACTSHEET_CHROMIUM" ] || { echo "make: FACTSHEET_CHROMIUM=$$FACTSHEET_CHROMIUM is not a program"; exit 1; }; \
	elif has chromium || has chromium-browser || has google-chrome || has google-chrome-stable; then :; \
	elif has apt-get && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  echo "make: installing Debian's chromium for the browser tests with apt-get (about 130 packages, a few minutes);"; \
	  echo "      set FACTSHEET_CHROMIUM=/path/to/chromium to use a browser of your own instead"; \
	  log=$$(mktemp); { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; } \
	    > $$log 2>&1 || { cat $$log; echo "make: apt-get could not install chromium (log above)"; exit 1; }; \
	else exit 1; fi
browser:
	@$(FIND_CHROMIUM)

lint: $(STAMP)
	$(BIN)/ruff check --config pyproject.toml generator tests
	$(BIN)/mypy --config-file pyproject.toml

## check: validate every record and quote
check: $(STAMP)
	$(PY) -m generator check

## fix-quotes: repair quotes a corrected article broke, where the fix is unambiguous (DRY_RUN=1 only shows them)
fix-quotes: $(STAMP)
	$(PY) -m generator fix-quotes $(if $(DRY_RUN),--dry-run)

## schemas: rewrite the editors' JSON Schema files from the model; schemas-check only compares
schemas: $(STAMP)
	$(PY) -m generator schemas

schemas-check: $(STAMP)
	$(PY) -m generator schemas --check

## site: strict build into a fresh folder, then link and HTML checks; site/ is replaced only if all passed
site: $(STAMP)
	@# A run interrupted between the two renames below left the last good site in .site-old.
	if [ ! -d site ] && [ -d .site-old ]; then mv .site-old site; fi
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	$(PY) -m generator check-site .site-new
	rm -rf .site-old
	if [ -d site ]; then mv site .site-old; fi
	mv .site-new site
	rm -rf .site-old

## bench: build synthetic fact bases of 100, 1,000 and 10,000 records and print a table of figures
bench: $(STAMP)
	$(PY) -m generator.tools.bench $(BENCH_ARGS)

## bench-scaling: hostile inputs (a quote in many paragraphs, invisible characters, ...) at doubling sizes, timed
bench-scaling: $(STAMP)
	$(PY) -m generator.tools.bench --scaling $(BENCH_ARGS)

## ci-check: the check as pull-request annotations (GitHub workflow commands)
ci-check: $(STAMP)
	$(PY) -m generator check --format github

## ci: every step the workflows run, in their order
ci: ci-check test site

clean:
	rm -rf .site-new .site-old .bench .pytest_cache .mypy_cache .ruff_cache
