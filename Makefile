# The front door: `make site`, `make serve`, `make check`, `make test`, `make bench`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test bench schemas clean screenshots

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

check: $(STAMP)
	$(PY) -m evkb check

site: $(STAMP)
	$(PY) -m evkb check
	$(PY) -m mkdocs build --strict --site-dir site
	@echo "The site is built: open site/index.html, or run 'make serve' for http://127.0.0.1:8000"

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --watch claims --watch references

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) scripts/bench/run.py

clean:
	rm -rf site .evkb-cache site-screenshots
