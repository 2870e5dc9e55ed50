# Two commands on a fresh machine: `make demo` and `make test`. Every target creates .venv
# and installs the project into it when missing (or when pyproject.toml changed).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := check
.PHONY: check install browser demo test lint bench eval clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python >= 3.11; set PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/framing demo

# The report's browser tests drive Debian's /usr/bin/chromium: installed here where missing.
browser:
	@bash .ci/ensure-chromium

# pytest exits 5 when it collects no test: make fails then, it is never hidden.
test: $(STAMP) browser
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check framing tests benchmarks
	$(VENV)/bin/mypy

# Every benchmark writes its figures to benchmarks/out/, then they are compared with the
# baselines in benchmarks/baselines.json (regressions are reported; BENCH_STRICT=1 fails on them).
bench: $(STAMP)
	@mkdir -p benchmarks/out
	@set -e; for script in benchmarks/bench_*.py; do \
		name=$$(basename $$script .py); echo "== $$script"; \
		$(PY) $$script --json benchmarks/out/$$name.json; \
	done
	$(PY) benchmarks/check_baselines.py --results benchmarks/out $(if $(BENCH_STRICT),--strict,)

# Quality against annotated data in ../shared/eval (skipped with a message when absent).
eval: $(STAMP)
	@set -e; for script in benchmarks/eval_*.py; do \
		echo "== $$script"; $(PY) $$script; \
	done

check: test lint

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
