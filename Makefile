# Everything installs into .venv on first use; only Python 3.11 or later and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# -P (Python 3.11): the working directory is not put on sys.path, so a file a pull request
# adds at the top (rapidfuzz.py, pip.py, venv/) cannot stand in for the module of that name.
PY := $(BIN)/python -P
# requirements.lock: every package make installs, at the version and with the file hashes of a
# working install (pip-compile --generate-hashes; `make lock` writes it again, see the README).
# DEPS=newest installs the newest versions pyproject.toml allows instead, as the scheduled
# workflow does to see what the next `make lock` would bring before a contributor meets it.
LOCK := requirements.lock
DEPS ?= lock
export DEPS
# One stamp per DEPS: switching between the lock and the newest versions installs afresh.
STAMP := $(VENV)/.installed-$(DEPS)
# Material 9.8 prints an end-of-life banner on every build; it is known and tracked.
export NO_MKDOCS_2_WARNING := 1

# ENGINE: what builds the site (README and docs/building.md, "Platform"). mkdocs, the default, and properdocs (the
# maintained continuation of MkDocs 1.6) run the factsheet plugin on mkdocs.yml; zensical cannot
# run plugins, so it builds the folder that `python -m generator render` writes, pages, assets and
# a configuration for an engine without the plugin, and Pagefind runs after it. The config file is
# always named: ProperDocs would otherwise look for properdocs.yml first.
ENGINE ?= mkdocs
# The tests that start the engine read it from here (tests/engines.py).
export FACTSHEET_ENGINE := $(ENGINE)
SOURCE := .site-source
BUILD_mkdocs = $(PY) -m mkdocs build --strict -f mkdocs.yml --site-dir .site-new
BUILD_properdocs = $(PY) -m properdocs build --strict -f mkdocs.yml --site-dir .site-new
BUILD_zensical = rm -rf $(SOURCE) && $(PY) -m generator render --out $(SOURCE) \
  && $(PY) -m zensical build --strict -f $(SOURCE)/mkdocs.yml && mv $(SOURCE)/site .site-new \
  && $(PY) -m generator search-index .site-new && rm -rf $(SOURCE)
SERVE_mkdocs = $(PY) -m mkdocs serve --dirty -f mkdocs.yml --dev-addr 127.0.0.1:$(PORT)
SERVE_properdocs = $(PY) -m properdocs serve --dirty -f mkdocs.yml --dev-addr 127.0.0.1:$(PORT)
NO_ENGINE = echo "make: ENGINE=$(ENGINE): use ENGINE=mkdocs (the default), properdocs or zensical"; exit 1

.PHONY: install serve test browser bench bench-scaling check fix-quotes lint schemas schemas-check site ci-check ci \
  clean lock lock-check test-scale

# The project itself goes in editable and without its dependencies, which come from the lock; with
# the lock's setuptools (--no-build-isolation), so that nothing unlocked is fetched to build it.
INSTALL_lock := $(PY) -m pip install --quiet --require-hashes -r $(LOCK) \
  && $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
INSTALL_newest := $(PY) -m pip install --quiet --upgrade pip && $(PY) -m pip install --quiet -e '.[dev,engines]'

# A new virtual environment each time, so that nothing the lock no longer lists stays behind.
# pip's and setuptools' chatter goes to a log, shown only when the install fails.
$(STAMP): pyproject.toml $(LOCK)
	@[ -n "$(INSTALL_$(DEPS))" ] || { echo "make: DEPS=$(DEPS): use DEPS=lock (the default) or DEPS=newest"; exit 1; }
	@echo "make: installing the project and its tools into $(VENV) (a few minutes, the first time)"
	rm -rf $(VENV)
	$(PYTHON) -P -m venv $(VENV)
	@{ $(INSTALL_$(DEPS)); } > $(VENV)/install.log 2>&1 \
	  || { cat $(VENV)/install.log; echo "make: the install failed (log above)"; exit 1; }
	touch $@

install: $(STAMP)

## serve: build and serve the site at http://127.0.0.1:8000 (PORT=8001 for another); a save rebuilds only the pages it touched
# --dirty: MkDocs rebuilds only pages whose source changed; the plugin rewrites only those.
# Zensical cannot: without the plugin nothing rebuilds the pages when facts/ or seeds/ change.
PORT ?= 8000
serve: $(STAMP)
	@[ "$(ENGINE)" != zensical ] || { echo "make serve: Zensical cannot run the factsheet plugin, so it cannot rebuild"; \
	  echo "           the pages when a record is saved; serve with MkDocs (the default) or ENGINE=properdocs"; exit 1; }
	@[ -n "$(SERVE_$(ENGINE))" ] || { $(NO_ENGINE); }
	@$(PY) -c "import socket; socket.create_server(('127.0.0.1', $(PORT)))" 2>/dev/null \
	  || { echo "make serve: port $(PORT) is taken; serve on another with: make serve PORT=8001"; exit 1; }
	$(SERVE_$(ENGINE))

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

## site: strict build into a fresh folder, then link and HTML checks; site/ is replaced only if all passed (ENGINE=…)
site: $(STAMP)
	@[ -n "$(BUILD_$(ENGINE))" ] || { $(NO_ENGINE); }
	@# A run interrupted between the two renames below left the last good site in .site-old.
	if [ ! -d site ] && [ -d .site-old ]; then mv .site-old site; fi
	rm -rf .site-new
	$(BUILD_$(ENGINE))
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

## test-scale: a synthetic site of 1,000 records, built strict, passes check-site (several minutes: LinkChecker)
test-scale: export FACTSHEET_SCALE := 1000
test-scale: $(STAMP)
	$(PYTEST) tests/test_scale.py

## lock: write requirements.lock again, with the newest versions pyproject.toml allows (UPGRADE= keeps the pins)
# Run `make test` and `make site` for each engine before committing it (docs/building.md, "Platform").
UPGRADE ?= --upgrade
# The lock's header says how it was made: this target, not pip-compile's own command line.
lock: export CUSTOM_COMPILE_COMMAND := make -f Makefile lock
lock: $(STAMP)
	$(PY) -m piptools compile --quiet $(UPGRADE) --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --extra dev --extra engines --output-file $(LOCK) pyproject.toml

## lock-check: the installed packages are exactly those of requirements.lock, at its versions (pip freeze)
lock-check: $(STAMP)
	$(PY) -m generator.tools.lockcheck $(LOCK)

## ci: the steps the workflows run with the default engine, in their order
ci: ci-check lock-check test test-scale site

clean:
	rm -rf .site-new .site-old .site-source .bench .pytest_cache .mypy_cache .ruff_cache
