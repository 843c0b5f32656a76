# newsarchive: `make demo` and `make test` are the two commands a newcomer needs (see README.md).
# Everything is installed into a virtual environment in .venv from pyproject.toml; nothing by hand.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: help install browser redis demo test serve demo-server bench bench-quick score-listings score lint clean

help:
	@echo "make demo    install, crawl the bundled demo sites twice into data/newsarchive.db, print a summary"
	@echo "make test    install and run the test suite"
	@echo "make serve   browse the archive with Datasette (http://127.0.0.1:8001)"
	@echo "make bench   run the crawl benchmark (long; not part of make test; make bench-quick: a minute)"
	@echo "make score-listings  score listing discovery on the multi-CMS site and saved real listings"
	@echo "make lint    ruff and mypy (also run by make test)"
	@echo "make browser install Debian's headless chromium for the browser tests (make test does it)"
	@echo "make redis   install Debian's redis-server for distributed mode and its tests (make test does it)"
	@echo "make score   score the extractor on both DEV sets (../shared/corpus/articles, articles_en) beside trafilatura and gne"

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

# Debian's redis-server: the distributed mode (newsarchive enqueue/worker/writer) shares the crawl through it,
# and its tests start their own server on loopback. Installed once, quietly; nothing happens when it is there.
# The package's own service is not needed (the tests and deploy/ start redis-server themselves).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "installing Debian's redis-server for the distributed mode and its tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

demo: install
	$(BIN)/newsarchive demo

test: install browser redis
	$(BIN)/python -m pytest -q

serve: install
	$(BIN)/newsarchive serve

demo-server: install
	$(BIN)/newsarchive demo-server

bench: install
	$(BIN)/python -m bench.run

bench-quick: install
	$(BIN)/python -m bench.run --quick

score-listings: install
	$(BIN)/python -m bench.score_listings

score: install
	$(BIN)/python -m pip install --quiet -e '.[score]'
	for set in articles articles_en; do \
		$(BIN)/python ../shared/tools/score_extraction.py ../shared/corpus/$$set \
		--cmd "$(BIN)/newsarchive extract --manifest {manifest}" --baseline trafilatura --baseline gne --by language \
		|| exit 1; done

lint: install
	$(BIN)/ruff check crawler storage sitekit tests bench
	$(BIN)/ruff format --check crawler storage sitekit tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
