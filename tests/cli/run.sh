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
passed=0 failed=0
for dir in "$here"/*/; do
  name=$(basename "$dir")
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  [ -f "$dir/cmd" ] || continue
  work="$scratch/$name"
  rm -rf "$work"; cp -R "$dir" "$work"
  for fixture in "$here"/../fixtures/*; do
    if grep -q "$(basename "$fixture")" "$dir/cmd"; then cp "$fixture" "$work"/; fi
  done
  (
    cd "$work" || exit 99
    if [ -f before ]; then sh before || exit 99; fi
    eval "set -- $(cat cmd)"
    if [ -f stdin ]; then ${RUNNER:-} "$bin" "$@" < stdin; else ${RUNNER:-} "$bin" "$@" < /dev/null; fi \
      > actual.stdout 2> actual.stderr
    echo $? > actual.status
    # An optional "after" script inspects files the command wrote.
    if [ -f after ]; then sh after >> actual.stdout 2>&1; fi
  )
  if [ $update -eq 1 ]; then
    for f in stdout stderr status; do cp "$work/actual.$f" "$dir/expected.$f"; done
    passed=$((passed + 1))
    continue
  fi
  ok=1
  for f in stdout stderr status; do
    if ! cmp -s "$work/actual.$f" "$dir/expected.$f"; then
      [ $ok -eq 1 ] && echo "FAIL $name"
      ok=0
      diff -u "$dir/expected.$f" "$work/actual.$f" | sed 's/^/    /' | head -40
    fi
  done
  if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
