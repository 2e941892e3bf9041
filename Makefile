# One command per job. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build check test lint browser lock clean new-stretch schemas urls bench review-pack translated new-language edit format

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

install: $(STAMP) ## Install the pinned Python packages into .venv

serve: install node_modules/.installed ## Install, then serve the site at http://127.0.0.1:8000 (rebuilds on save)
	$(BIN)/mkdocs serve

build: install node_modules/.installed ## Install, then build the site for publishing into site/ (all or nothing)
	PYTHONPATH=hooks $(BIN)/python -m stretchsite publish -d site

# The content the form editor (/admin/) edits, in the layout it writes them.
EDITED := content/stretches/*.yml content/routines/*.yml content/tips.yml content/safety.yml

edit: install node_modules/.installed ## The form editor on this computer: http://127.0.0.1:8000/admin/ (saves become git branches)
	@echo "Open http://127.0.0.1:8000/admin/ and press Login: each save becomes a branch cms/..."
	MODE=git PORT=8081 BIND_HOST=127.0.0.1 node node_modules/decap-server/dist/index.js & \
	  trap 'kill $$!' EXIT; $(BIN)/mkdocs serve

format: node_modules/.installed ## Rewrite content files in the layout the form editor saves (after editing YAML by hand)
	node scripts/editor_format.cjs $(EDITED)

check: install ## Check all content (the same checks the build runs)
	PYTHONPATH=hooks $(BIN)/python -m stretchsite check

new-stretch: install ## Start a new stretch file: make new-stretch TITLE="Cat stretch"
	PYTHONPATH=hooks $(BIN)/python -m stretchsite new "$(TITLE)"

new-language: install ## Start another language to translate: make new-language LANG=fr NAME=Français
	PYTHONPATH=hooks $(BIN)/python -m stretchsite new-language $(LANG) "$(NAME)"

translated: install ## After updating a translation: make translated FILE=content/es/tips.yml
	PYTHONPATH=hooks $(BIN)/python -m stretchsite translated $(FILE)

urls: install ## Record every page address in content/published-urls.txt (never removes one)
	PYTHONPATH=hooks $(BIN)/python -m stretchsite urls

review-pack: install ## Write the clinical review pack for sign-off: review-pack/review-pack.html and .pdf
	PYTHONPATH=hooks $(BIN)/python -m stretchsite review-pack review-pack

schemas: install ## Regenerate the JSON Schemas in schemas/ from the content model
	PYTHONPATH=hooks $(BIN)/python -m stretchsite schemas schemas

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

browser: ## Install Debian's Chromium and Java for the browser and HTML tests (if missing)
	./scripts/install-test-tools.sh

test: install browser node_modules/.installed ## Install everything, then lint, check content and run every test
	$(MAKE) --no-print-directory lint
	PYTHONPATH=hooks $(BIN)/python -m stretchsite check
	$(BIN)/python -m pytest

bench: install browser ## Benchmark builds at 100, 1,000 and 10,000 stretches (~30 min) and pages in Lighthouse (~15 min); writes BENCHMARK.md
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt \
	  || echo "Zensical not installed: the benchmark runs without it"
	[ bench/node_modules/.package-lock.json -nt bench/package-lock.json ] \
	  || npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/python bench/benchmark.py
	$(BIN)/python bench/lighthouse.py

lock: ## Re-resolve requirements.in into requirements.lock, with hashes (keeps pins; UPGRADE=1: newest)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "make lock needs Python 3.11: PYTHON=python3.11")'
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	[ ! -f requirements.lock ] || cp requirements.lock .lockvenv/requirements.lock
	.lockvenv/bin/pip-compile --quiet --no-header --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
	  -o .lockvenv/requirements.lock requirements.in
	{ echo "# Exact versions of every Python package, resolved from requirements.in on Python 3.11,"; \
	  echo "# each with the sha256 of every file PyPI has for it: make install uses --require-hashes."; \
	  echo "# Regenerate with: make lock (keeps these versions; make lock UPGRADE=1 takes the newest)"; \
	  cat .lockvenv/requirements.lock; } > requirements.lock
	rm -rf .lockvenv

clean: ## Remove the virtual environment, the built site and the review pack
	rm -rf $(VENV) site review-pack
