# Two commands on a fresh machine: `make serve` (build and serve the site) and `make test` (whole suite).
# Both create .venv and install what they need; `make test` also installs Debian's Chromium and axe-core.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Every package version pinned (pip freeze of a fresh resolve of ".[test]"): the search index depends on
# jieba's and OpenCC's tables, so the same constraints give the same site. Regenerate: see README.
CONSTRAINTS := constraints.txt
CHROMIUM := /usr/bin/chromium
HEADLESS_SHELL := /usr/bin/chromium-headless-shell
# mkdocs-material prints a banner about MkDocs 2.0 on every build; the pin (<2) already answers it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install validate export site serve test lint browser-deps bench-deps document-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-run when the declared dependencies or the pins change.
$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e ".[test]"
	touch $@

install: $(STAMP)

validate: install
	$(BIN)/gcrules validate

export: validate
	$(BIN)/gcrules export site/data

# Reproducible builds: MkDocs dates pages and the sitemap by SOURCE_DATE_EPOCH, else by the clock. We take it
# from the data (midnight UTC of the newest changelog date in data/document.yaml), not from git, so any clone
# (shallow CI clones included), any sdist and any day give the same value. A value in the environment wins.
# (The MkDocs plugin (gangcheng-rules) applies the same default when mkdocs is run directly.)
EPOCH = sde=$${SOURCE_DATE_EPOCH:-$$($(BIN)/python -m gangcheng_rules.reproducible)} && SOURCE_DATE_EPOCH=$$sde

# Debian packages, installed only where a recipe finds them missing: $(call APT_INSTALL,package …)
APT_INSTALL = { (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; }

# The PDF download (issue 12): WeasyPrint needs pango; the free Noto CJK fonts (OFL) are embedded as
# subsets; poppler-utils gives the tests pdftotext. Debian package names; nothing else is downloaded.
DOCUMENT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk poppler-utils
document-deps:
	@fc-list | grep -q "Noto Serif CJK SC" && test -x /usr/bin/pdftotext && ldconfig -p | grep -q libpangoft2 || \
	  $(call APT_INSTALL,$(DOCUMENT_DEBS))

# The MkDocs plugin (gangcheng-rules) validates the data, generates the pages and writes site/data/ and the search index.
site: install document-deps
	$(EPOCH) $(BIN)/mkdocs build --strict

serve: site
	$(EPOCH) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Debian's Chromium for Playwright (Playwright cannot download its own browser here) and axe-core from npm.
# The tests run in chromium-headless-shell (the same build without the desktop browser, as Playwright runs
# headless tests; tests/conftest.py says why); the bench and Lighthouse run in chromium itself.
browser-deps:
	@test -x $(HEADLESS_SHELL) || $(call APT_INSTALL,chromium-headless-shell)
	@test -d node_modules/axe-core || npm ci --omit=dev --no-audit --no-fund --silent

# Lighthouse for `make bench` only (package.json devDependencies, 111 MB): `make test` omits it.
bench-deps: browser-deps
	@test -x $(CHROMIUM) || $(call APT_INSTALL,chromium)
	@test -d node_modules/lighthouse || npm ci --no-audit --no-fund --silent

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

# Two xdist workers (the machine has two cores); the sites the tests read are built once per session
# and shared by both (tests/conftest.py). `pytest` alone runs in one process, for a single test file.
TEST_WORKERS ?= 2
# Bytecode is written even where the environment says not to (Docker's python images set
# PYTHONDONTWRITEBYTECODE=1): without it every worker compiles the package and rewrites the asserts of every
# test module again, ~3 s of CPU each. __pycache__/ is ignored by git.
test: install browser-deps document-deps
	$(BIN)/ruff check src tests scripts
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load

bench: install bench-deps site
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache .cache/gcrules
