# Two entry points: `make publish` (install, then build every edition) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests drive: msgfmt, epubcheck (with a JRE), headless Chromium, fonts
# covering Cyrillic/Kazakh/Turkish for screenshots, Node.js and npm for the accessibility checkers,
# iproute2 for the offline (network namespace) test of translate.
SYSTEM_PACKAGES := gettext epubcheck default-jre-headless chromium fonts-dejavu-core nodejs npm iproute2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: publish test install install-test system-deps node-deps lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# torch is pinned in the `mt` extra to the local CPU build (2.13.0): any other version pulls
# gigabytes of CUDA packages through argostranslate's stanza dependency. `scale` (Ray) is for
# the tests of `translate --cluster ray`; `bench` (the benches' peers) for the tests that run
# each bench's --quick mode.
install-test: $(BIN)/python system-deps node-deps
	$(BIN)/pip install --quiet -e '.[mt,test,scale,bench]'

# DAISY Ace (EPUB accessibility) and axe-core, from package-lock.json, into node_modules/.
# Puppeteer downloads no browser: the tests point it at Debian's /usr/bin/chromium.
node-deps: system-deps
	@if [ -x node_modules/.bin/ace-cli ] && [ -f node_modules/axe-core/axe.min.js ]; then \
	    echo "node test tools present"; \
	else \
	    PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; \
	fi

system-deps:
	@if command -v msgfmt >/dev/null && command -v chromium >/dev/null && command -v java >/dev/null \
	    && command -v npm >/dev/null && command -v ip >/dev/null \
	    && [ -f /usr/share/java/epubcheck.jar ] && [ -d /usr/share/fonts/truetype/dejavu ]; then \
	    echo "system tools present"; \
	else \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

publish: install
	$(BIN)/workflow publish

lint: install-test
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -p no:cacheprovider

clean:
	rm -rf build/html build/epub build/review $(VENV) node_modules
