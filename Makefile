# Pas à pas — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
LINTED := kiosk tests $(wildcard benchmarks)
STAMP := $(VENV)/.installed
CATALOGS := $(wildcard translations/*/LC_MESSAGES/kiosk.po)
MO_FILES := $(CATALOGS:.po=.mo)

.PHONY: run test setup system-deps translations lint screenshots bench bench-growth bench-instructions soak clean deb deb-test cage-screenshot

run: setup
	$(PY) -m kiosk $(ARGS)

# The package tests (tests/test_packaging.py) run inside pytest: where root, dpkg-deb, fakeroot,
# apt-get, cage and grim are there they build the package (its Python environment cached in
# build/deb), install it, run it in a headless cage and remove it; elsewhere they say why not.
test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)

setup: $(STAMP) $(MO_FILES)

system-deps:
	sh packaging/install-system-deps.sh

$(STAMP): pyproject.toml packaging/install-system-deps.sh
	sh packaging/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiled catalogs are built here, never committed.
translations/%/LC_MESSAGES/kiosk.mo: translations/%/LC_MESSAGES/kiosk.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -D kiosk -d translations -l $* 

translations: $(STAMP)
	$(VENV)/bin/pybabel extract --no-location --sort-by-file -F babel.cfg \
		-k _ -k N_ -k ngettext:1,2 -o translations/kiosk.pot kiosk
	$(VENV)/bin/pybabel update --no-fuzzy-matching -D kiosk -i translations/kiosk.pot -d translations
	$(VENV)/bin/pybabel compile --statistics -D kiosk -d translations

lint: setup
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)

screenshots: setup
	$(PY) -m kiosk.screenshots docs/screenshots

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# A long day of seeded random use of the real window (a few minutes); see docs/benchmarks.md.
soak: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/soak.py $(ARGS)

# The Debian package, in dist/ (packaging/build-deb.sh says how it is made).
deb: setup
	sh packaging/build-deb.sh dist

deb-test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -ra tests/test_packaging.py

# With the package installed: the kiosk in a headless cage, photographed by grim.
cage-screenshot:
	sh packaging/cage-screenshot.sh docs/screenshots/30-kiosk-in-cage.png

# A library of 200, 1,000 and 5,000 tutorials, and one slow core (issue #19): ~10 minutes.
bench-growth: setup
	cd benchmarks && QT_QPA_PLATFORM=offscreen ../$(PY) library_growth.py

# Instructions per press under Valgrind's callgrind: the same count at every run, whatever
# the load (needs valgrind: apt-get install valgrind); ~2 minutes.
bench-instructions: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/instructions.py

clean:
	rm -rf build/deb $(VENV) .pytest_cache .ruff_cache translations/*/LC_MESSAGES/*.mo
