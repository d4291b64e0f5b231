# Kaoping — two commands: `make run` (set up and serve) and `make test` (lint + tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
WORKERS ?= 2

.PHONY: run setup test lint format bench clean-var

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements.lock
	$(BIN)/pip install -q -r requirements.txt -c requirements.lock
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt requirements.lock
	$(BIN)/pip install -q -r requirements-dev.txt -c requirements.lock
	touch $@

## setup: install, migrate, load presets and (on first start) the demo data, collect static files
setup: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python manage.py kaoping_setup
	$(BIN)/python manage.py collectstatic --noinput -v 0

## run: set everything up and serve on 127.0.0.1:$(PORT) with gunicorn + WhiteNoise
run: setup
	@echo "考评 running at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/gunicorn kaoping.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --threads 4 --access-logfile - --timeout 300

## test: dev dependencies, ruff check, ruff format --check, pytest
test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/import_people.py
	$(BIN)/python bench/person_list.py
	$(BIN)/python bench/campaign_results.py
	$(BIN)/python bench/marking.py
	$(BIN)/python bench/assessment_results.py
	$(BIN)/python bench/annual_grading.py
	$(BIN)/python bench/ballots.py --db sqlite

clean-var:
	rm -rf var
