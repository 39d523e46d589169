# make run: set up everything and serve the app with a sample project.
# make test: set up everything and run the whole test suite.
# Debian's own Python (built with profile-guided optimisation) when it is 3.11 or newer and
# can make a venv: the exporters and the checker run about a fifth faster on it than on a
# plain source build (bench/export.py). Any python3 otherwise; `make PYTHON=...` overrides.
PYTHON ?= $(shell /usr/bin/python3 -c 'import ensurepip, sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := static/vendor/three
THREE := node_modules/three

.PHONY: run test system lint bench demo clean vendor

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ ./scripts/system-deps.sh venv && $(PYTHON) -m venv --clear $(VENV); }
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

system:
	./scripts/system-deps.sh

$(THREE)/package.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# three.js for the 3D view, served from static/: the CSP allows no import map (an inline script),
# so OrbitControls' bare `from 'three'` is rewritten to the file beside it as it is copied
vendor: $(VENDOR)/OrbitControls.js

$(VENDOR)/OrbitControls.js: $(THREE)/package.json
	mkdir -p $(VENDOR)
	cp $(THREE)/build/three.module.js $(THREE)/build/three.core.js $(VENDOR)/
	sed "s#from 'three'#from './three.module.js'#" $(THREE)/examples/jsm/controls/OrbitControls.js > $@
	grep -q "from './three.module.js'" $@

run: $(STAMP) vendor
	$(BIN)/planner web init-demo --plan layouts/enebolig-tre-soverom.json
	$(BIN)/planner web send-mail & worker=$$!; trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
		$(BIN)/planner serve --bind 127.0.0.1:5000

test: $(STAMP) system vendor
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/ruff check planner tests bench
	$(BIN)/pytest -n 2 --dist worksteal

lint: $(STAMP)
	$(BIN)/ruff check planner tests bench

bench: $(STAMP)
	$(BIN)/python bench/check.py

clean:
	rm -rf $(VENV) build *.egg-info
