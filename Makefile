# The one entry point. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
TEMPLATE_DIRS := site/templates $(wildcard */templates)
APP_PORT ?= 8001
# Debian packages each target needs (installed with apt-get when missing and running as root).
# A minimal Debian image lacks python3-venv (venv/ensurepip) and ca-certificates (pip over HTTPS).
BASE_DEBS := python3-venv ca-certificates
RUN_DEBS := $(BASE_DEBS) gettext
PROXY_DEBS := nginx libnginx-mod-http-cache-purge redis-server
SERVE_DEBS := $(RUN_DEBS) $(PROXY_DEBS)
TEST_DEBS := $(RUN_DEBS) chromium postgresql $(PROXY_DEBS)
BENCH_HTTP_DEBS := $(SERVE_DEBS) wrk

# Optional local overrides (see .env.example).
ifneq (,$(wildcard .env))
include .env
export
endif

.DEFAULT_GOAL := help
.PHONY: help run serve manage test lint format check messages compilemessages seed bench bench-search bench-http bench-apply bench-burst bench-lighthouse lock system-deps clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# A virtualenv whose python or pip no longer runs (interpreter upgraded or removed, half-built
# venv) is rebuilt rather than failing on every command.
ifneq ($(shell $(BIN)/python -c 'import pip' >/dev/null 2>&1 && echo ok),ok)
$(shell rm -f $(BIN)/.installed)
endif

# One virtualenv for every target: the runtime lock plus the test lock (which repeats the runtime
# pins). Both carry hashes; production installs requirements.lock alone the same way.
$(BIN)/.installed: requirements.lock requirements-test.lock
	@$(MAKE) --no-print-directory system-deps DEBS="$(BASE_DEBS)"
	$(BIN)/python -c 'import pip' >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock -r requirements-test.lock
	touch $@

run: ## Install, migrate, seed the demo site and serve it on http://$(HOST):$(PORT)
	@$(MAKE) --no-print-directory system-deps DEBS="$(RUN_DEBS)"
	@$(MAKE) --no-print-directory $(BIN)/.installed
	$(MANAGE) migrate --noinput
	@$(MAKE) --no-print-directory compilemessages
	$(MANAGE) seed_site
	$(MANAGE) ensure_dev_admin && $(MANAGE) ensure_demo_translators
	$(MANAGE) runserver $(HOST):$(PORT)

serve: ## Production mode on one machine: nginx cache on PORT, gunicorn on APP_PORT, worker, Redis (deploy/)
	@$(MAKE) --no-print-directory system-deps DEBS="$(SERVE_DEBS)"
	@$(MAKE) --no-print-directory $(BIN)/.installed
	HOST=$(HOST) PORT=$(PORT) APP_PORT=$(APP_PORT) $(BIN)/python deploy/serve.py

manage: $(BIN)/.installed ## Run manage.py ARGS="…" with the environment of the running `make serve` (.serve/env)
	@$(BIN)/python deploy/serve.py manage $(ARGS)

test: ## Lint, check, then the whole test suite on SQLite and again on a throwaway PostgreSQL
	@$(MAKE) --no-print-directory system-deps DEBS="$(TEST_DEBS)"
	@$(MAKE) --no-print-directory $(BIN)/.installed
	@$(MAKE) --no-print-directory lint check compilemessages
	@echo "== pytest on SQLite"
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	@echo "== pytest on PostgreSQL (without tests/browser: Chromium checks what pages look like, which"
	@echo "   the database does not change; every view they drive is tested on PostgreSQL by the others)"
	tests/with-postgres.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --ignore=tests/browser

lint: $(BIN)/.installed ## ruff (check and format --check) and djhtml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 4 $(TEMPLATE_DIRS)

format: $(BIN)/.installed ## Rewrite code and templates in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml --tabwidth 4 $(TEMPLATE_DIRS)

check: $(BIN)/.installed ## Django system checks and a check for missing migrations
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

compilemessages: $(BIN)/.installed ## Compile locale/ catalogues (.po → .mo)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

messages: $(BIN)/.installed ## Extract UI strings into locale/ and regenerate sr_Latn from sr
	$(MANAGE) makemessages --ignore=.venv --ignore=tests --ignore=bench \
		-l sq -l bs -l hr -l sr -l mk -l cnr --no-obsolete
	$(MANAGE) generate_latin_catalogue
	@$(MAKE) --no-print-directory compilemessages

seed: $(BIN)/.installed ## Migrate, then create missing locales, pages, menus and demo content
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_site

bench: $(BIN)/.installed ## Seed data, measure page renders, print the figures (bench/bench_*.py)
	@for script in $(filter-out bench/bench_search.py bench/bench_apply.py bench/bench_http.py,$(wildcard bench/bench_*.py)); do \
		$(BIN)/python $$script || exit 1; done

bench-http: $(BIN)/.installed ## Throughput through the proxy and at the app server, purge delay (wrk)
	@$(MAKE) --no-print-directory system-deps DEBS="$(BENCH_HTTP_DEBS)"
	$(BIN)/python bench/bench_http.py

bench-search: $(BIN)/.installed ## Search latency and index build at 10k and 50k pages, SQLite and PostgreSQL
	$(BIN)/python bench/bench_search.py
	tests/with-postgres.sh $(BIN)/python bench/bench_search.py

bench/lighthouse/node_modules/.installed: bench/lighthouse/package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory system-deps DEBS="npm"
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-lighthouse: $(BIN)/.installed bench/lighthouse/node_modules/.installed ## Lighthouse scores and page weight of every page type (mobile and desktop)
	@$(MAKE) --no-print-directory system-deps DEBS="chromium gettext"
	@$(MAKE) --no-print-directory compilemessages
	$(BIN)/python bench/lighthouse/run_lighthouse.py
bench-apply: $(BIN)/.installed ## Applicants under load and faults (gunicorn, workers, Redis), SQLite and PostgreSQL
	@$(MAKE) --no-print-directory system-deps DEBS="postgresql redis-server"
	$(BIN)/python bench/bench_apply.py
	tests/with-postgres.sh $(BIN)/python bench/bench_apply.py
bench-burst: $(BIN)/.installed ## Deadline burst: 1,000 applicants in 10 min while worker, Redis and intake fail (BURST_*), SQLite and PostgreSQL
	@$(MAKE) --no-print-directory system-deps DEBS="postgresql redis-server"
	$(BIN)/python bench/bench_burst.py
	tests/with-postgres.sh $(BIN)/python bench/bench_burst.py

# pip-compile keeps the versions already in the lock files (UPGRADE=1 re-resolves to the newest
# allowed); the test lock is constrained to the runtime lock's pins.
LOCK_COMPILE = CUSTOM_COMPILE_COMMAND='make lock' .lock-venv/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --annotation-style=line \
	$(if $(UPGRADE),--upgrade)
lock: ## Re-resolve pyproject.toml into requirements.lock (runtime) and requirements-test.lock (+ test), with hashes
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet 'pip-tools>=7.4,<8'
	$(LOCK_COMPILE) -o requirements.lock pyproject.toml
	$(LOCK_COMPILE) --extra test -c requirements.lock -o requirements-test.lock pyproject.toml
	rm -rf .lock-venv

system-deps: # Install missing Debian packages listed in DEBS (root), or name them
	@missing=""; \
	for deb in $(DEBS); do \
		case $$deb in \
			gettext) command -v msgfmt >/dev/null || missing="$$missing $$deb" ;; \
			chromium) command -v chromium >/dev/null || missing="$$missing $$deb" ;; \
			postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing $$deb" ;; \
			redis-server) command -v redis-server >/dev/null || missing="$$missing $$deb" ;; \
			npm) command -v npm >/dev/null || missing="$$missing $$deb" ;; \
			python3-venv) $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing $$deb" ;; \
			ca-certificates) test -s /etc/ssl/certs/ca-certificates.crt || missing="$$missing $$deb" ;; \
			nginx) test -x /usr/sbin/nginx || missing="$$missing $$deb" ;; \
			libnginx-mod-http-cache-purge) test -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || missing="$$missing $$deb" ;; \
			*) command -v $$deb >/dev/null || missing="$$missing $$deb" ;; \
		esac; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing Debian packages:$$missing. Install them: sudo apt-get install$$missing" >&2; exit 1; \
		fi; \
	fi

clean: ## Remove the virtualenv, database, media and caches
	rm -rf $(VENV) db.sqlite3 media media-private static_collected .serve .pytest_cache .ruff_cache
