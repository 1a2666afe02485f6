# The two entry points a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp

.PHONY: demo test lint bench chromium clean

# Each step says what it does before doing it; pip shows its own progress.
$(STAMP): pyproject.toml
	@echo "==> [1/3] Creating the virtual environment in $(VENV) (first run only)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> [2/3] Updating pip"
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> [3/3] Installing Frontlines and its dependencies from PyPI (about a minute the first time)"
	$(BIN)/python -m pip install --progress-bar on -e '.[test]' \
	  | grep --line-buffered -E '^(Collecting|Successfully installed)' || true
	@$(BIN)/python -c 'import frontlines' || \
	  { echo "error: the install failed: run '$(BIN)/python -m pip install -e .[test]' to see why"; exit 1; }
	touch $(STAMP)
	@echo "==> Set up done."

demo: $(STAMP)
	@echo "==> Building the demo database from the bundled corpus, then serving the map"
	@echo "    (the server prints its URL when it is ready; press Ctrl-C to stop it)"
	$(BIN)/frontlines demo

# Browser tests drive Debian's chromium; install it when absent (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  ( echo "==> Installing Debian's chromium for the browser tests (apt-get install chromium, about 100 MB)" && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	    echo "warning: could not install chromium; browser tests will skip" )

test: $(STAMP) chromium lint
	@echo "==> Running the test suite (browser tests use /usr/bin/chromium)"
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/realnews.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/stages.py
	$(BIN)/python benchmarks/api_control.py
	$(BIN)/python benchmarks/ray_ingest.py

clean:
	rm -rf $(VENV) build *.egg-info
