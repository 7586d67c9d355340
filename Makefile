# The front door: `make site`, `make serve`, `make check`, `make test`, `make bench`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test bench bytecode clean screenshots browser audit

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# axe-core, pinned in package-lock.json: the browser tests inject it into the built site.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# Byte-code for the engine, written even where PYTHONDONTWRITEBYTECODE is set (as on this
# machine): otherwise every run compiles every module, a large part of a re-check.
bytecode: $(STAMP)
	@$(PY) -m compileall -q scripts/evkb

check: $(STAMP) bytecode
	$(PY) -m evkb check

site: $(STAMP) bytecode
	$(PY) -m evkb check
	$(PY) -m mkdocs build --strict --site-dir site
	@echo "The site is built: open site/index.html, or run 'make serve' for http://127.0.0.1:8000"

serve: $(STAMP) bytecode
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload --watch claims --watch references

# The browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@test -x /usr/bin/chromium

test: $(STAMP) browser $(NODE_STAMP)
	$(PY) -m pytest

# Home, a claim, an article, a reference and the explorer at desktop and phone width, from the
# real base, into screenshots/ (committed, linked from the README).
SCREENSHOT_CONFIG ?= mkdocs.yml
screenshots: $(STAMP) browser
	EVKB_SITE_CONFIG=$(SCREENSHOT_CONFIG) EVKB_SCREENSHOTS=$(CURDIR)/screenshots \
	  $(PY) -m pytest tests/browser/test_reader.py -k screenshots -q -p no:cacheprovider
	@echo "Screenshots are in screenshots/"

bench: $(STAMP) bytecode
	$(PY) scripts/bench/run.py

# Lighthouse (pinned in scripts/audit/package-lock.json) scores the home page, a claim, an
# article and the explorer of site/ for accessibility, SEO and best practices; not in `make test`.
AUDIT_STAMP := scripts/audit/node_modules/.installed
$(AUDIT_STAMP): scripts/audit/package.json scripts/audit/package-lock.json
	npm ci --prefix scripts/audit --ignore-scripts --no-audit --no-fund
	touch $(AUDIT_STAMP)

audit: site browser $(AUDIT_STAMP)
	CHROME_PATH=/usr/bin/chromium $(PY) scripts/audit/run.py --site site --output audit-results.json

clean:
	rm -rf site .evkb-cache site-screenshots
