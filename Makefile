# The README's two commands: `make run` and `make test`.
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

# make test talks to real services; each can be overridden from the environment.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iid_portal
TEST_REDIS_URL    ?= redis://127.0.0.1:6379/1

.PHONY: run test test-slow install lock lint migrate seed messages clean bench-scoring bench-dashboard bench-load bench-entry

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $$(bin/find-python) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Embedded default: SQLite file, Celery inline, console e-mail.
run: export DEBUG = true
run: install
	test -f .env || echo "DEBUG=true" > .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# Re-pin every dependency, with hashes, after editing requirements.in or requirements-dev.in.
lock:
	test -x .venv-lock/bin/pip-compile || ($$(bin/find-python) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools)
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt requirements.in
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

# The slow checks: the bounded locust load test (bench/load.py, about 5 minutes; it builds its own
# database, Redis, Celery worker and gunicorn), then any pytest suites marked `slow`
# (pytest exits 5 when none are collected, which is not a failure here).
test-slow: install
	$(PY) bench/load.py
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m slow $(PYTEST_ARGS) || test $$? -eq 5

# Benchmarks print their figures (needs PostgreSQL and redis-server; see bench/).
bench-scoring: install
	$(PY) bench/scoring.py

bench-dashboard: install
	$(PY) bench/dashboard.py

bench-load: install
	$(PY) bench/load.py

bench-entry: install
	$(PY) bench/data_entry.py

# Regenerate the translation catalogues after adding strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l id --ignore=.venv --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .venv-lock db.sqlite3 .pytest_cache
