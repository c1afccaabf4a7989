#!/bin/sh
# Writes report packs a person would look at (the seed's, a founder's with
# business figures, a schedule and growth, finance's in EUR with batch
# results against a forecast, and the provider's bill checked against batch
# results), then opens each in headless Chromium
# (check.js).
# Usage: sh tests/browser/run.sh BATCHCALC OUT_DIR
# Packs land in OUT_DIR/NAME/, screenshots in OUT_DIR/screens/, each
# command's stderr in OUT_DIR/NAME.stderr.
set -eu
bin=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../fixtures
export SOURCE_DATE_EPOCH=1795564800 # 2026-11-25, as the golden tests
export LC_ALL=C
rm -rf "$out"
mkdir -p "$out"
pack() {
  name=$1; shift
  if ! "$bin" report "$@" -o "$out/$name" > "$out/$name.stdout" 2> "$out/$name.stderr"; then
    echo "FAIL browser: batchcalc report $* -o $out/$name:" >&2
    cat "$out/$name.stderr" >&2
    exit 1
  fi
}
pack seed
pack founder "$here/founder.json" --growth 8% --submit 02:00 --deadline 06:00 --tz Australia/Sydney
pack finance "$fixtures/recon-forecast.csv" --as-of 2026-06-01 \
     --results "$fixtures/recon-forecast-results.jsonl" \
     --currency EUR --fx "$fixtures/fx-rates.csv"
pack bill --results "$fixtures/msgbatch_01NovThreeSonnetDigests_results.jsonl" \
     --results "$fixtures/msgbatch_01NovTenSonnetSummaries_results.jsonl" \
     --results "$fixtures/msgbatch_01NovTwentyHaikuTriage_results.jsonl" \
     --batches "$fixtures/bill-nov-batches.json" \
     --bill "$fixtures/bill-nov-cost.json" --bill "$fixtures/bill-nov-usage.json"
exec node "$here/check.js" "$out/screens" "$out/seed" "$out/founder" "$out/finance" \
     "$out/bill"
