# batchcalc: a plain Makefile.
#
#   make            build ./batchcalc
#   make run        build and run the main job on the embedded seed scenario
#   make V=1 ...    show the compiler commands (quiet by default)
#   make check      build and run every test (unit suites, golden CLI tests,
#                   the README's commands run in a copy of examples/, and the
#                   report pack in a browser)
#   make check SANITIZE=address,undefined   the same under ASan + UBSan
#   make check WERROR=1                     warnings are errors (CI)
#   make check VALGRIND=1                   the same under valgrind (leaks too)
#   make browser    the browser test alone (part of make check): report packs
#                   opened in headless Chromium at 390 and 1280 px
#   make fuzz       run every libFuzzer target FUZZ_SECONDS each (clang)
#   make deps       install missing Debian build dependencies (apt-get)
#   make install PREFIX=DIR   the binary, man page (doc/batchcalc.1) and
#                   bash and zsh completion (completions/)
#   make bench      time reconcile against Python and jq on ~1 GB files, and
#                   ledger add against reconcile and DuckDB (BENCH_MB=100 for
#                   a quicker run)
#
# Objects live in build/<variant>/ so sanitized and plain builds never mix.

CC       ?= cc
SANITIZE ?=
WERROR   ?=
VALGRIND ?=
FUZZ_SECONDS ?= 60
PREFIX   ?= /usr/local
V        ?=

# Compiler commands are not echoed unless V=1: `make run` should show its
# answer, not fifty command lines. Warnings and errors are always shown.
Q := $(if $(V),,@)

comma := ,
VARIANT := $(if $(SANITIZE),$(subst $(comma),-,$(SANITIZE)),default)
BUILD   := build/$(VARIANT)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wno-format-truncation
# (Diagnostics are cut at DIAG_SIZE on purpose, so truncation is not a warning.)
CFLAGS   ?= -O2 -g
# Hidden visibility: nothing of ours is exported to the shared libraries the
# ledger pulls in (libpq -> GSSAPI -> libkrb5 has its own profile_release(),
# and would call ours instead).
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) $(if $(WERROR),-Werror) \
             -fvisibility=hidden \
             $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all) \
             -I/usr/include/cjson -I/usr/include/postgresql -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(if $(SANITIZE),-fsanitize=$(SANITIZE)) $(LDFLAGS)
LIBS     := -lcsv -lcjson -lz -lm -lsqlite3 -lpq

# Debian packages the build, the tests and the charts need. The ledger links
# SQLite and libpq; postgresql is the server its tests run against (CI starts
# one in a temporary directory, tests/ledger/pg.sh).
DEB_PACKAGES := libcsv-dev libcjson-dev check pkg-config zlib1g-dev gnuplot-nox tzdata \
                libsqlite3-dev libpq-dev postgresql sqlite3 \
                $(if $(VALGRIND),valgrind)

# Under VALGRIND=1 every unit suite and every CLI run goes through valgrind;
# any memory error or definite/indirect leak makes it exit 99, which fails the
# test. CK_FORK=no keeps check's suites in the process valgrind watches.
VALGRIND_CMD := valgrind -q --error-exitcode=99 --leak-check=full \
                --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
RUNNER := $(if $(VALGRIND),$(VALGRIND_CMD))

MODEL_SRC := $(sort $(wildcard models/*.c))
CALC_SRC  := $(sort $(filter-out calc/main.c,$(wildcard calc/*.c)))
LIB_OBJ   := $(MODEL_SRC:%.c=$(BUILD)/%.o) $(CALC_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EMBEDDED  := data/prices.json data/scenarios/seed.csv data/latency/anthropic.csv

BIN := $(BUILD)/batchcalc

.PHONY: all run check unit cli readme browser browser-deps deps clean install golden bench fuzz fuzz-deps fuzz-build fuzz-run
.DEFAULT_GOAL := all

all: batchcalc

batchcalc: $(BIN)
	@if [ "$(VARIANT)" = default ]; then cp $(BIN) batchcalc; fi

$(BIN): $(BUILD)/calc/main.o $(LIB_OBJ)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Objects depend on the Makefile too: a changed flag (-fvisibility=hidden,
# which the ledger's libraries need) must reach every object.
$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The default catalogue and scenario are compiled in, so the binary works alone.
$(BUILD)/gen/embedded.c: $(EMBEDDED) Makefile
	@mkdir -p $(dir $@)
	@{ echo '/* Generated from $(EMBEDDED) by the Makefile. */'; \
	   echo '#include "calc/embedded.h"'; \
	   for f in $(EMBEDDED); do \
	     n=$$(echo $$f | sed 's/[^a-zA-Z0-9]/_/g'); \
	     echo "const unsigned char $${n}[] = {"; \
	     od -An -v -tx1 $$f | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	     echo '0x00};'; \
	     echo "const size_t $${n}_len = $$(wc -c < $$f);"; \
	   done; } > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(Q)$(CC) $(ALL_CFLAGS) -I. -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags check) $(ALL_LDFLAGS) -o $@ $< \
	  $(LIB_OBJ) $$(pkg-config --libs check) $(LIBS)

run: deps
	@$(MAKE) --no-print-directory batchcalc
	@mkdir -p reports
	./batchcalc estimate
	./batchcalc report

# The ledger's tests run on SQLite and on a real PostgreSQL server: the one
# BATCHCALC_TEST_PG names (.ci/run starts one for the whole run), else a
# throwaway one started here and stopped afterwards (tests/ledger/pg.sh).
check: deps
	@if [ -z "$${BATCHCALC_TEST_PG:-}" ] && sh tests/ledger/pg.sh available; then \
	  dir=$$(mktemp -d /tmp/batchcalc-pg.XXXXXX); \
	  trap 'sh tests/ledger/pg.sh stop "$$dir"' EXIT INT TERM; \
	  uri=$$(sh tests/ledger/pg.sh start "$$dir") || exit 1; \
	  BATCHCALC_TEST_PG=$$uri $(MAKE) --no-print-directory unit cli readme browser; \
	else \
	  $(MAKE) --no-print-directory unit cli readme browser; \
	fi

unit: $(UNIT_BIN)
	@status=0; for t in $(UNIT_BIN); do \
	  CK_DEFAULT_TIMEOUT=$(if $(VALGRIND),600,60) $(if $(VALGRIND),CK_FORK=no) \
	  $(RUNNER) $$t || status=1; done; exit $$status

cli: $(BIN)
	@BATCHCALC=$(BIN) RUNNER="$(RUNNER)" sh tests/cli/run.sh

# Every command of the README, as written, in a copy of examples/ (the rule a
# README block follows is at the top of tests/docs/readme.sh).
readme: $(BIN)
	@BATCHCALC=$(BIN) RUNNER="$(RUNNER)" sh tests/docs/readme.sh README.md

# The browser test (tests/browser/): report packs opened in Debian's
# Chromium, driven by puppeteer-core from npm (tests/browser/package.json and
# its lock; node_modules is git-ignored). It tests the page, not memory, so
# the sanitizer and valgrind passes skip it, and say so.
BROWSER_PACKAGES := chromium $(if $(shell command -v npm),,nodejs npm)

browser-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BROWSER_PACKAGES)"
	@if [ ! -f tests/browser/node_modules/.package-lock.json ] || \
	    [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then \
	  echo "batchcalc: installing the browser test's npm packages (tests/browser)" >&2; \
	  cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >&2; fi

browser: $(BIN)
ifneq ($(VALGRIND)$(SANITIZE),)
	@echo "browser: skipped under $(if $(VALGRIND),VALGRIND,SANITIZE) (it tests the page, not memory; plain make check runs it)"
else
	@$(MAKE) --no-print-directory browser-deps
	@sh tests/browser/run.sh $(BIN) $(BUILD)/browser
endif

# Rewrites the expected output of golden CLI tests from the current binary;
# review the diff before committing it.
golden: $(BIN)
	@BATCHCALC=$(BIN) sh tests/cli/run.sh --update

# jq is only the bench's baseline, so only the bench installs it, and only
# when it is missing.
BENCH_MB ?= 1000
bench: batchcalc
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="jq time python3 sqlite3"
	sh bench/run.sh $(BENCH_MB) ./batchcalc
	sh bench/ledger.sh $(BENCH_MB) ./batchcalc

deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q ' installed$$' || missing="$$missing $$p"; \
	  done; \
	fi; \
	[ -z "$$missing" ] && exit 0; \
	echo "batchcalc: installing missing build dependencies:$$missing" >&2; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "batchcalc: no apt-get here; install these packages (or their equivalents) by hand:$$missing" >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "batchcalc: run as root, or install:$$missing" >&2; exit 1; fi; \
	$$sudo apt-get update -qq >/dev/null && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
	{ echo "batchcalc: apt-get could not install:$$missing" >&2; exit 1; }

# libFuzzer targets: tests/fuzz/fuzz_NAME.c, each with its seed corpus in
# tests/fuzz/corpus/NAME/ (tests/fuzz/seed.sh fills it from the golden inputs
# the target names). They need clang and its runtime (libclang-rt-dev on
# Debian), so they are built by clang in their own variant, build/fuzz/, and
# `make fuzz` installs that runtime the way `make deps` installs the rest.
# Findings land in build/fuzz/findings/NAME/ (crash-*, leak-*, timeout-*).
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_CC    := clang

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-run

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DEB_PACKAGES) clang libclang-rt-dev"

fuzz-build:
	@$(MAKE) --no-print-directory CC=$(FUZZ_CC) VARIANT=fuzz \
	  CFLAGS="-O1 -g -Wno-unknown-warning-option" \
	  SANITIZE=fuzzer-no-link,address,undefined \
	  $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

fuzz-run: fuzz-build
	@status=0; for n in $(FUZZ_NAMES); do \
	  mkdir -p build/fuzz/findings/$$n build/fuzz/corpus/$$n; \
	  echo "fuzz $$n: $(FUZZ_SECONDS)s"; \
	  build/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=1100000 -print_final_stats=1 -artifact_prefix=build/fuzz/findings/$$n/ \
	    build/fuzz/corpus/$$n tests/fuzz/corpus/$$n 2> build/fuzz/$$n.log \
	  || { status=1; tail -60 build/fuzz/$$n.log; }; \
	  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' build/fuzz/$$n.log | tr '\n' ' '; echo; \
	done; exit $$status

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_OBJ)
	$(Q)$(CC) $(ALL_CFLAGS) -I. -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB_OBJ) $(LIBS)

install: batchcalc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 batchcalc $(DESTDIR)$(PREFIX)/bin/batchcalc
	install -m 644 doc/batchcalc.1 $(DESTDIR)$(PREFIX)/share/man/man1/batchcalc.1
	install -m 644 completions/batchcalc.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/batchcalc
	install -m 644 completions/_batchcalc $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_batchcalc

clean:
	rm -rf build batchcalc tests/out

-include $(shell find build -name '*.d' 2>/dev/null)
