# Competence Hub: `make run` sets up everything and serves the site,
# `make test` sets up what the tests need and runs them. Both are safe to repeat.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
PORT   ?= 8000
# The site's canonical address: `migrate` gives the Wagtail site this host and port.
export SITE_URL ?= http://127.0.0.1:$(PORT)
VENDOR := website/static/website/vendor/.copied
DEMO_FILES := $(wildcard website/demo/*) website/demo_loader.py $(wildcard learning/demo/*) learning/demo.py \
              learning/certificates/demo.py learning/mentoring/demo.py

.PHONY: run setup migrate messages signing-key demo search-index test test-only browser redis-server lint audit check bench scale-rehearsal clean

run: setup
	@echo
	@echo "  Competence Hub is starting on http://127.0.0.1:$(PORT)/ (SITE_URL $(SITE_URL))"
	@echo "  Admin:    $(SITE_URL)/admin/"
	@echo "  User:     admin"
	@echo "  Password: $$(cat var/demo-admin-password.txt 2>/dev/null || echo '(set earlier: manage.py changepassword admin)')"
	@echo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.installed $(VENDOR) messages migrate signing-key demo search-index

# Python packages: reinstalled only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,sentry]"
	@touch $@

# Front-end packages from npm, copied into static files served by the site.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR): node_modules/.installed tools/vendor.mjs
	node tools/vendor.mjs
	@touch $@

messages: $(VENV)/.installed
	@$(PY) tools/compile_messages.py

migrate: $(VENV)/.installed
	@mkdir -p var
	@if [ -z "$$DATABASE_URL" ] && [ ! -f var/db.sqlite3 ]; then rm -f var/.demo-loaded; fi
	@if [ -z "$$SEARCH_INDEX_DIR" ] && [ ! -e var/search/current ]; then rm -f var/.search-built; fi
	$(PY) manage.py migrate --noinput

# The key certificates are signed with: created once under var/ (mode 0600), never in git,
# unless CERTIFICATE_SIGNING_KEY gives one.
signing-key: $(VENV)/.installed
	@$(PY) manage.py ensure_signing_key

# Demo content, again only when the demo files change; the search index after it,
# and again when the embedded index format changes.
demo: var/.demo-loaded

var/.demo-loaded: $(DEMO_FILES) | migrate
	$(PY) manage.py load_demo_content
	@touch $@

search-index: var/.search-built

var/.search-built: var/.demo-loaded search/engines/embedded.py
	$(PY) manage.py rebuild_search_index --noinput
	@touch $@

# Tests: Chromium from Debian for the browser tests, redis-server for the shared-cache
# tests (tests/website/test_redis.py), then pytest.
test: $(VENV)/.installed $(VENDOR) messages browser redis-server
	$(MAKE) test-only

# The browser tests run in a process of their own: they commit through a live server and
# end by flushing the database, which takes the data migrations' rows (groups, their
# permissions) from every test that would run after them in the same process.
test-only:
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) -m pytest -n 2 -m "not browser"
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) -m pytest -n 2 -m browser

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "Installing redis-server from Debian for the shared-cache tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) manage.py makemigrations --check --dry-run

# Known vulnerabilities with a fix, in the Python and npm packages (tools/audit.py).
# AUDIT_ARGS=--allow-unaudited: packages the advisory service did not answer for are reported, not fatal.
audit: $(VENV)/.installed node_modules/.installed
	$(PY) tools/audit.py $(AUDIT_ARGS)

bench: setup
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py

# Two app servers behind nginx on PostgreSQL and Redis, one worker, all on loopback
# ports: checks what several app servers must get right (tools/scale_rehearsal.py).
scale-rehearsal: $(VENV)/.installed
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	 need=""; ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$$need postgresql"; \
	 command -v redis-server >/dev/null 2>&1 || need="$$need redis-server"; \
	 command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$$need nginx-light"; \
	 if [ -n "$$need" ]; then $$SUDO apt-get update -qq && \
	   DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; fi
	PATH="$$PATH:/usr/sbin" $(PY) tools/scale_rehearsal.py

clean:
	rm -rf $(VENV) node_modules website/static/website/vendor var
