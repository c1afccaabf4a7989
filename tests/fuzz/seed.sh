#!/bin/sh
# Rebuilds the seed corpus of each fuzz target from the golden inputs its
# source names on its "Seeds:" line, one file per input, named by content
# (sha1) so re-running adds nothing twice.
# Usage: sh tests/fuzz/seed.sh [NAME...]   (from the top of the tree)
set -eu
for src in tests/fuzz/fuzz_*.c; do
  name=${src#tests/fuzz/fuzz_}; name=${name%.c}
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  dir=tests/fuzz/corpus/$name
  mkdir -p "$dir"
  globs=$(sed -n 's,^// Seeds: ,,p' "$src")
  for f in $globs; do
    [ -f "$f" ] || continue
    cp "$f" "$dir/tmp"
    sum=$(sha1sum < "$dir/tmp" | cut -c1-16)
    mv "$dir/tmp" "$dir/$sum"
  done
  echo "$name: $(ls "$dir" | wc -l) seeds"
done
