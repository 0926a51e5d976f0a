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

$(STAMP): pyproject.toml
	$(PYTHON) -P -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

## serve: build and serve the site at http://127.0.0.1:8000 (PORT=8001 for another); a save rebuilds only the pages it touched
# --dirty: MkDocs rebuilds only pages whose source changed; the plugin rewrites only those.
PORT ?= 8000
serve: $(STAMP)
	@$(PY) -c "import socket; socket.create_server(('127.0.0.1', $(PORT)))" 2>/dev/null \
	  || { echo "make serve: port $(PORT) is taken; serve on another with: make serve PORT=8001"; exit 1; }
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

## test: lint, type-check and run the whole test suite (installs Chromium for the browser tests)
# Each tool is given its configuration: one a pull request adds (pytest.ini, tox.ini, setup.cfg,
# a conftest.py at the top, mypy.ini, ruff.toml) would be read first and could quietly turn
# the run into collect-only or switch the checks off.
test: lint browser $(STAMP)
	$(PY) -m pytest -c pyproject.toml --confcutdir=tests

# The browser tests drive a system Chromium; Playwright's own download is neither possible nor needed.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || command -v google-chrome-stable >/dev/null \
	  || { echo "installing Debian's chromium for the browser tests"; \
	       $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

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
