# Civic P3: `make demo` runs the app on SQLite with demo data; `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := civicp3/static/vendor/govuk-frontend
# The tests never see the real date (tests/clock.py): each database's pass runs at its own
# instant, far apart, so a test that passes only on some dates fails here, not next month.
TEST_NOW_SQLITE ?= 2027-01-04T09:30:00+00:00
TEST_NOW_POSTGRES ?= 2028-02-29T16:45:00+00:00

.PHONY: demo test lint bench guide-pictures install assets clean

demo: install assets
	DEBUG=1 $(BIN)/civicp3 migrate --noinput
	DEBUG=1 $(BIN)/civicp3 load_demo
	@echo "Civic P3 is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it and its background worker)"
	DEBUG=1 $(BIN)/civicp3 db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/civicp3 runserver 127.0.0.1:$(PORT)

test: install assets lint
	scripts/ensure-test-services
	@echo "=== Test suite on SQLite, the clock at $(TEST_NOW_SQLITE) ==="
	DEBUG=1 CIVICP3_TEST_NOW=$(TEST_NOW_SQLITE) $(BIN)/pytest
	@echo "=== Test suite on PostgreSQL, the clock at $(TEST_NOW_POSTGRES) ==="
	DEBUG=1 CIVICP3_TEST_NOW=$(TEST_NOW_POSTGRES) scripts/with-postgres $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install assets
	scripts/ensure-test-services
	@for script in bench/bench_*.py; do \
	  [ $$script = bench/bench_load.py ] && continue; \
	  echo "=== $$script ==="; $(BIN)/python $$script || exit 1; \
	done
	@echo "=== bench/bench_load.py ==="
	scripts/with-postgres $(BIN)/python bench/bench_load.py

# Retakes the role guides' screenshots (docs/guides/images) by walking each guide in the browser.
guide-pictures: install assets
	scripts/ensure-test-services
	DEBUG=1 UPDATE_GUIDE_PICTURES=1 $(BIN)/pytest tests/guides -q

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint requirements.lock --editable ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend's JavaScript and images, and our stylesheet compiled from its Sass with the
# council's font (services not on GOV.UK must not use GDS Transport or the crown).
assets: node_modules/.installed
	mkdir -p $(VENDOR)/assets civicp3/static/css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/
	cp -R node_modules/govuk-frontend/dist/govuk/assets/images $(VENDOR)/assets/
	npm run --silent build:css

clean:
	rm -rf $(VENV) node_modules staticfiles $(VENDOR) civicp3/static/css/civicp3.css
