# The two commands of the README. Both create or reuse .venv and install what they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install eval bench bench-topics clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml scripts/system_deps.sh
	sh scripts/system_deps.sh
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

## Set everything up and run the main job on the bundled demo corpus.
demo: $(STAMP)
	$(BIN)/glocal demo

## Run the whole test suite against SQLite and the PostgreSQL server on 127.0.0.1:5432.
test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python eval/langid_eval.py
	$(BIN)/python eval/neardup_calibration.py
	$(BIN)/glocal eval understanding

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/understand.py

## Topic stage vs BERTopic (docs/benchmarks.md). BERTopic and torch live in their own venv, never in .venv.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/pip install torch==2.13.0  # the local CPU build first: a bare torch would pull CUDA
	$(BENCH_VENV)/bin/pip install bertopic
	$(BENCH_VENV)/bin/pip install -e .
	@touch $@

bench-topics: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/topics_vs_bertopic.py

clean:
	rm -rf $(VENV) data .pytest_cache
