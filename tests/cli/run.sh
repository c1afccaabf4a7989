#!/bin/sh
# Golden CLI tests: each directory under tests/cli/ is one test.
#   cmd              the arguments to batchcalc, as shell words (one line)
#   stdin            optional standard input
#   before           optional shell script run first, in the test's scratch
#                    directory: it generates inputs too big to commit
#   expected.stdout  exact standard output
#   expected.stderr  exact standard error
#   expected.status  exit status
#   after            optional shell script run afterwards; its output is
#                    appended to the actual stdout (to check written files)
# The command runs inside the test's directory, so input files sit beside it
# (a shared input from tests/fixtures/ is copied in when cmd names it),
# with SOURCE_DATE_EPOCH pinning "today" to 2026-11-25. Files the command
# writes land in a scratch copy, never in the tree.
# RUNNER, when set, is a command put in front of batchcalc (make check
# VALGRIND=1 sets it to valgrind with --error-exitcode, so that a memory error
# or a leak changes the exit status and fails the test).
# A test with a file "ledger" is a spend-ledger test, run once per backend
# with the same expected files: on SQLite (BATCHCALC_LEDGER unset: the
# default file in its scratch directory) and, when BATCHCALC_TEST_PG names a
# PostgreSQL server (tests/ledger/pg.sh), on a fresh database of it,
# BATCHCALC_LEDGER=postgresql:///ledger_db with the server in libpq's
# environment (PGHOST, PGPORT, PGUSER). The file may say "sqlite" or
# "postgresql" to run on that backend only. In a ledger test's output, the
# location reads LEDGER, so one expected file serves both: the two locations
# are 23 characters each, so a message naming one wraps at 100 columns where
# it would naming the other.
# Usage: BATCHCALC=path/to/batchcalc sh tests/cli/run.sh [--update] [NAME...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "${BATCHCALC:?set BATCHCALC}")" && pwd)/$(basename "$BATCHCALC")
# "after" scripts may run the binary under test as "$BATCHCALC", and read
# files of the source tree (the man page, completions) under $BATCHCALC_SRC.
export BATCHCALC="$bin"
export BATCHCALC_SRC="$(cd "$here/../.." && pwd)"
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export SOURCE_DATE_EPOCH=1795564800 # 2026-11-25T00:00:00Z
export LC_ALL=C
# An overlay in the caller's environment would change every price.
unset BATCHCALC_PRICES_OVERLAY
unset BATCHCALC_LEDGER
if [ -n "${BATCHCALC_TEST_PG:-}" ]; then
  read -r PGHOST PGPORT PGUSER <<EOF
$(psql "$BATCHCALC_TEST_PG" -At -c '\echo :HOST :PORT :USER')
EOF
  [ -n "$PGUSER" ] || { echo "cli: cannot connect to $BATCHCALC_TEST_PG" >&2; exit 99; }
  export PGHOST PGPORT PGUSER
fi
passed=0 failed=0 on_pg=0 pg_skipped=0
for dir in "$here"/*/; do
  name=$(basename "$dir")
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  [ -f "$dir/cmd" ] || continue
  backends=none
  if [ -f "$dir/ledger" ]; then
    backends=$(cat "$dir/ledger")
    [ -n "$backends" ] || backends="sqlite postgresql"
    if [ -z "${BATCHCALC_TEST_PG:-}" ] && [ "$backends" != sqlite ]; then
      pg_skipped=$((pg_skipped + 1))
      backends=$(echo "$backends" | sed 's/postgresql//')
    fi
  fi
  for backend in $backends; do
  label=$name
  [ "$backend" = postgresql ] && label="$name (PostgreSQL)"
  work="$scratch/$name"
  rm -rf "$work"; cp -R "$dir" "$work"
  for fixture in "$here"/../fixtures/*; do
    if grep -q "$(basename "$fixture")" "$dir/cmd"; then cp "$fixture" "$work"/; fi
  done
  db=""
  if [ "$backend" = postgresql ]; then
    # A fresh database per test (a process a test left behind is cut off),
    # dropped afterwards. Tests run one at a time.
    db=ledger_db
    PGOPTIONS=--client-min-messages=warning psql "$BATCHCALC_TEST_PG" -qAt \
      -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" \
      > /dev/null || exit 99
    on_pg=$((on_pg + 1))
  fi
  (
    cd "$work" || exit 99
    if [ -n "$db" ]; then
      export BATCHCALC_LEDGER=postgresql:///$db
    fi
    if [ -f before ]; then sh before || exit 99; fi
    eval "set -- $(cat cmd)"
    if [ -f stdin ]; then ${RUNNER:-} "$bin" "$@" < stdin; else ${RUNNER:-} "$bin" "$@" < /dev/null; fi \
      > actual.stdout 2> actual.stderr
    echo $? > actual.status
    # An optional "after" script inspects files the command wrote.
    if [ -f after ]; then sh after >> actual.stdout 2>&1; fi
    if [ "$backend" != none ]; then
      where=${BATCHCALC_LEDGER:-batchcalc-ledger.sqlite}
      for f in actual.stdout actual.stderr; do
        sed "s|$where|LEDGER|g" "$f" > "$f.tmp" && mv "$f.tmp" "$f"
      done
    fi
  )
  [ -n "$db" ] && PGOPTIONS=--client-min-messages=warning \
    psql "$BATCHCALC_TEST_PG" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null
  if [ $update -eq 1 ]; then
    for f in stdout stderr status; do cp "$work/actual.$f" "$dir/expected.$f"; done
    passed=$((passed + 1))
    continue
  fi
  ok=1
  for f in stdout stderr status; do
    if ! cmp -s "$work/actual.$f" "$dir/expected.$f"; then
      [ $ok -eq 1 ] && echo "FAIL $label"
      ok=0
      diff -u "$dir/expected.$f" "$work/actual.$f" | sed 's/^/    /' | head -40
    fi
  done
  if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
done
echo "cli: $passed passed, $failed failed ($on_pg ledger runs on PostgreSQL)"
if [ $pg_skipped -gt 0 ]; then
  echo "cli: $pg_skipped ledger tests NOT run on PostgreSQL: BATCHCALC_TEST_PG is unset" \
       "(make check starts a server when the postgresql package is installed)"
fi
[ $failed -eq 0 ]
