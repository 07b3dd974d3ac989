# Two commands do all the set-up: `make demo` and `make test`.
# Each creates or updates the local virtual environment (.venv) when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lab bench eval clean bytecode

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory bytecode
	@touch $(STAMP)

# An editable install leaves prep/ without bytecode, and PYTHONDONTWRITEBYTECODE=1 would have every
# process (and every notebook kernel) compile it again: write it once.
bytecode:
	$(BIN)/python -m compileall -q prep

demo: $(STAMP)
	$(BIN)/prep demo --out build/demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

eval: $(STAMP)
	$(BIN)/python -m prep.eval

bench: $(STAMP) bytecode
	-$(BIN)/python tests/bench/bench_parse.py
	-$(BIN)/python tests/bench/bench_people.py
	-$(BIN)/python tests/bench/bench_research.py
	-$(BIN)/python tests/bench/bench_plan.py
	-$(BIN)/python tests/bench/bench_brief.py
	-$(BIN)/python tests/bench/bench_batch.py

clean:
	rm -rf build .pytest_cache
