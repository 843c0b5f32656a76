# newsarchive: `make demo` and `make test` are the two commands a newcomer needs (see README.md).
# Everything is installed into a virtual environment in .venv from pyproject.toml; nothing by hand.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# make demo PORT=9000 / make serve PORT=9001 / make demo-server PORT=9002: another port than the default
# (demo and demo-server 8765, serve 8001)
PORT ?=
PORT_OPTION := $(if $(PORT), --port $(PORT))

.PHONY: help install browser redis demo test serve demo-server bench bench-quick bench-scale \
	bench-scale-quick bench-scale-distributed score-listings score lint clean stress-ng stress-test soak

help:
	@echo "make demo    install, crawl the bundled demo sites twice into data/newsarchive.db, print a summary"
	@echo "             (PORT=9000: serve the demo sites there instead of 8765)"
	@echo "make test    install and run the test suite"
	@echo "make serve   browse the archive with Datasette (http://127.0.0.1:8001; PORT=9001 for another port)"
	@echo "make bench   run the crawl benchmark (long; not part of make test; make bench-quick: a minute)"
	@echo "make bench-scale  the scale benchmark: 1,000 sites, daily run, independent site (hours; not in make test)"
	@echo "make score-listings  score listing discovery on the multi-CMS site and saved real listings"
	@echo "make lint    ruff and mypy (also run by make test)"
	@echo "make browser install Debian's headless chromium for the browser tests (make test does it)"
	@echo "make redis   install Debian's redis-server for distributed mode and its tests (make test does it)"
	@echo "make score   score the extractor on both DEV sets (../shared/corpus/articles, articles_en) beside trafilatura and gne"
	@echo "make soak    the fault server, 20 kill -9 trials and Datasette reads during crawls (~6 min; not make test)"
	@echo "make stress-test  make test three times in a row while stress-ng burns both cores (long)"

$(STAMP):
	@test -n "$(PYTHON)" || { echo "newsarchive needs Python 3.11 or newer: install it, or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium for the browser tests (tests/test_browser.py), and a CJK font so its screenshots show
# Chinese: Debian's packages, installed once, quietly (CI runs as root with apt; elsewhere run this once with
# sudo). Nothing is downloaded when they are there.
BROWSER_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
browser:
	@command -v chromium >/dev/null 2>&1 && test -f $(BROWSER_FONT) || { \
		echo "installing Debian's chromium, chromium-driver and fonts-wqy-microhei for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver fonts-wqy-microhei >/dev/null; }

# Debian's stress-ng, the CPU burner of make stress-test: installed once, quietly, like chromium above.
stress-ng:
	@command -v stress-ng >/dev/null 2>&1 || { \
		echo "installing Debian's stress-ng for make stress-test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null; }

# The suite must not depend on timing: three full runs in a row while both cores are busy burning CPU.
# The burner stops with the target, pass or fail.
STRESS_RUNS ?= 3
stress-test: install browser stress-ng
	@stress-ng --cpu 2 --cpu-method matrixprod --quiet & burner=$$!; \
	trap 'kill $$burner 2>/dev/null; wait $$burner 2>/dev/null' EXIT; \
	for i in $$(seq $(STRESS_RUNS)); do \
		echo "== make test under stress-ng --cpu 2: run $$i of $(STRESS_RUNS)"; \
		$(MAKE) --no-print-directory test || exit 1; \
	done; echo "== $(STRESS_RUNS) runs passed under stress-ng --cpu 2"

# Proof kept in the repo (issue 12): faults, kill -9 trials, Datasette reads during crawls. Not make test.
soak: install
	$(BIN)/python -m bench.soak

# Debian's redis-server: the distributed mode (newsarchive enqueue/worker/writer) shares the crawl through it,
# and its tests start their own server on loopback. Installed once, quietly; nothing happens when it is there.
# The package's own service is not needed (the tests and deploy/ start redis-server themselves).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "installing Debian's redis-server for the distributed mode and its tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

demo: install
	$(BIN)/newsarchive demo$(PORT_OPTION)

test: install browser redis
	$(BIN)/python -m pytest -q

serve: install
	$(BIN)/newsarchive serve$(PORT_OPTION)

demo-server: install
	$(BIN)/newsarchive demo-server$(PORT_OPTION)

bench: install
	$(BIN)/python -m bench.run

bench-quick: install
	$(BIN)/python -m bench.run --quick

# issue 13: 1,000 sites on their own loopback addresses with the default politeness (first crawl, next day),
# then full-crawl throughput against the plain spider on the independent site at 1,000 and 5,000 articles
bench-scale: install
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.run --site indep --articles 1000
	$(BIN)/python -m bench.run --site indep --articles 5000

bench-scale-quick: install
	$(BIN)/python -m bench.scale --quick
	$(BIN)/python -m bench.run --site indep --quick

# the same simulation through Redis: enqueue + 1, then 2 workers + a writer (needs Debian's redis-server and
# the newsarchive enqueue/worker/writer commands)
bench-scale-distributed: install
	$(BIN)/python -m bench.scale --distributed 1,2

score-listings: install
	$(BIN)/python -m bench.score_listings

score: install
	$(BIN)/python -m pip install --quiet -e '.[score]'
	for set in articles articles_en; do \
		$(BIN)/python ../shared/tools/score_extraction.py ../shared/corpus/$$set \
		--cmd "$(BIN)/newsarchive extract --manifest {manifest}" --baseline trafilatura --baseline gne --by language \
		|| exit 1; done

lint: install
	$(BIN)/python -m pytest -q tests/test_lint.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
