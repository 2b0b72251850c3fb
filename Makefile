# Two commands for a fresh machine:
#   make site   set up, then build the site (and PDFs) from briefings/ into site/
#   make test   set up, then run every check: ruff, mypy, the import contract, schema, pytest (browser tests included)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-stamp
STAMP  := $(VENV)/.installed-stamp
# Debian packages, installed only when missing (and only as root; otherwise the command to run
# is printed): Pango and a font for the PDFs; Chromium and npm (axe-core) for the browser tests.
PDF_PACKAGES := $(if $(shell (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null | grep -F libpangoft2-1.0.so.0),,libpango-1.0-0 libpangoft2-1.0-0) \
                $(if $(shell fc-list 2>/dev/null | grep -i dejavu),,fonts-dejavu-core)
TEST_PACKAGES := $(PDF_PACKAGES) $(if $(shell command -v chromium),,chromium) $(if $(shell command -v npm),,npm)

.PHONY: site test test-lowest lint setup apt-install lock clean bench bench-100k serve

site: $(SITE_STAMP)
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(strip $(PDF_PACKAGES))"
	$(BIN)/briefings build --strict

test: $(STAMP) node_modules/.installed lint
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/briefings schema --check

setup: $(STAMP)

# What the site needs (make site): the package and its dependencies, pinned, and the PDF fonts.
$(SITE_STAMP): pyproject.toml requirements.lock
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(strip $(PDF_PACKAGES))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

# What the tests add (make test): the test tools, Chromium and npm.
$(STAMP): $(SITE_STAMP)
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(strip $(TEST_PACKAGES))"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,zensical,draft,properdocs]'
	touch $@

# The lowest versions pyproject.toml allows for each dependency, in a venv of their own, with
# the tests that need no browser: the floors we declare are floors we have tested.
test-lowest:
	$(PYTHON) -m venv .venv-lowest
	.venv-lowest/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) .ci/floors.py pyproject.toml > .venv-lowest/floors.txt
	.venv-lowest/bin/python -m pip install --quiet -c .venv-lowest/floors.txt -e '.[test,draft]'
	.venv-lowest/bin/pytest -n 2 -m "not browser" -p no:cacheprovider

# axe-core for the accessibility checks (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm is missing: the accessibility tests skip without axe-core, except in CI"; \
	fi

apt-install:
	@if [ -n "$(PACKAGES)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "apt-get install $(PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES) >/dev/null; \
	  else \
	    echo "Missing system packages: sudo apt-get install $(PACKAGES)"; \
	  fi; \
	fi

# Refresh the pins after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" | sort -f > requirements.lock

bench: $(STAMP)
	$(BIN)/python bench/bench_build.py 1000 3000 10000 --keep build/bench
	$(BIN)/python bench/bench_search.py build/bench/n10000/site
	$(BIN)/python bench/bench_serve.py build/bench/n3000
	$(BIN)/python bench/bench_pdf.py 1000
	$(BIN)/python bench/bench_import.py 1000
	$(BIN)/python bench/bench_ci.py 1000
	$(BIN)/python bench/bench_import_datasets.py --rows 1000

# The daily loop at 10,000 and 100,000 briefings (bench/README: "At 100,000"): hours on 2 cores.
bench-100k: $(STAMP)
	$(BIN)/python bench/bench_scale.py 10000 100000

serve: $(STAMP)
	$(BIN)/briefings serve

clean:
	rm -rf site site.old build docs/generated .pytest_cache .mypy_cache .ruff_cache
