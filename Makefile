# Two commands for a fresh machine:
#   make site   set up, then build the site (and PDFs) from briefings/ into site/
#   make test   set up, then run every check: ruff, mypy, schema, pytest (browser tests included)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Debian packages the tests need, installed only when missing: Chromium for the browser
# tests, npm for axe-core.
APT_PACKAGES := $(if $(shell command -v chromium),,chromium) $(if $(shell command -v npm),,npm)

.PHONY: site test lint setup system-deps lock clean bench serve

site: $(STAMP)
	$(BIN)/briefings build --strict

test: $(STAMP) system-deps node_modules/.installed lint
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/briefings schema --check

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# axe-core for the accessibility checks (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm is missing: the accessibility tests skip without axe-core, except in CI"; \
	fi

# Installs Chromium with apt-get when it is missing and we are root (CI runs as root).
system-deps:
	@if [ -n "$(strip $(APT_PACKAGES))" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing: sudo apt-get install $(APT_PACKAGES) (browser tests skip without them, except in CI)"; \
	  fi; \
	fi

# Refresh the pins after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

bench: $(STAMP)
	$(BIN)/python bench/bench_build.py 1000 3000
	$(BIN)/python bench/bench_pdf.py 1000

serve: $(STAMP)
	$(BIN)/briefings serve

clean:
	rm -rf site site.old build docs/generated .pytest_cache .mypy_cache .ruff_cache
