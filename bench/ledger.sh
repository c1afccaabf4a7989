#!/bin/sh
# make bench, the spend ledger's part: `batchcalc ledger add` of the same
# ~SIZE_MB Anthropic results file as bench/run.sh against `batchcalc
# reconcile` of it (the goal: within 1.5x of reconcile's time and within its
# memory), on a new SQLite ledger and, when a server can be started
# (tests/ledger/pg.sh), on PostgreSQL; adding it again (the same content,
# nothing recorded); and DuckDB (the npm package @duckdb/node-api, installed
# here into bench/data/node) summing the same file's tokens, the strongest
# peer a user might pick instead. Every tool's figures are checked against
# reconcile's. "x reconcile": how many times reconcile's time (or CPU) a
# tool takes.
# usage: sh bench/ledger.sh [SIZE_MB] [BATCHCALC]
set -eu
size=${1:-1000}
bin=${2:-./batchcalc}
data=bench/data
file=$data/anthropic-${size}mb.jsonl
batch=msgbatch_01BenchLedgerAddOneFile
mkdir -p "$data"
[ -f "$file" ] || python3 bench/gen_results.py anthropic "$size" "$file"
mb=$(($(wc -c < "$file") / 1000000))

measure() {
  out=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$data/time.txt" "$@" > "$out"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$data/time.txt"
}

# A report's JSON (reconcile, ledger show) as the peers print their sums:
# succeeded requests, then uncached input, cache read, cache write, output.
as_lines() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["total"]
print("succeeded", d["counts"]["succeeded"])
print("tokens", t["uncached_input_tokens"], t["cache_read_tokens"],
      t["cache_write_5m_tokens"] + t["cache_write_1h_tokens"], t["output_tokens"])' "$1"
}

# DuckDB's Node API, from npm, once: the script sits beside its node_modules.
node_dir=$data/node
if [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
  if ! command -v npm > /dev/null 2>&1; then
    make --no-print-directory deps DEB_PACKAGES="nodejs npm"
  fi
  mkdir -p "$node_dir"
  npm install --silent --no-audit --no-fund --prefix "$node_dir" @duckdb/node-api > /dev/null
fi
cp bench/duckdb_sum.mjs "$node_dir/"
duckdb_version=$(node -e 'console.log(require(process.argv[1]).version)' \
  "$PWD/$node_dir/node_modules/@duckdb/node-api/package.json")

echo "ledger bench: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$($bin --version | head -n 1), SQLite $(sqlite3 --version | cut -d' ' -f1)," \
     "node $(node --version), @duckdb/node-api $duckdb_version"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %8s %6s %8s %10s %11s %9s %s\n' tool seconds "MB/s" "CPU s" "peak RSS" \
  "x reconcile" "x CPU" figures
cat "$file" > /dev/null # the page cache holds it for every tool alike

row() { # tool seconds peak_kb cpu figures_file
  ratio=$(awk -v a="$2" -v b="$rec_s" 'BEGIN { printf "%.2fx", a / b }')
  cratio=$(awk -v a="$4" -v b="$rec_cpu" 'BEGIN { printf "%.2fx", a / b }')
  same=$(cmp -s "$5" "$data/reconcile.txt" && echo same || echo DIFFERENT)
  printf '%-26s %8s %6s %8s %7s MB %11s %9s %s\n' "$1" "$2" \
    "$(awk -v m="$mb" -v s="$2" 'BEGIN { printf "%.0f", m / s }')" "$4" \
    "$(awk -v k="$3" 'BEGIN { printf "%.1f", k / 1024 }')" "$ratio" "$cratio" "$same"
}

set -- $(measure "$data/reconcile.json" "$bin" reconcile "$file" --batch-id "$batch" \
  --format json --as-of 2026-06-01)
rec_s=$1 rec_cpu=$3
as_lines "$data/reconcile.json" > "$data/reconcile.txt"
row "reconcile" "$1" "$2" "$3" "$data/reconcile.txt"

ledger=$data/bench-ledger.sqlite
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
set -- $(measure "$data/ledger.out" "$bin" ledger add "$file" --batch-id "$batch" \
  --as-of 2026-06-01 --ledger "$ledger")
"$bin" ledger show --format json --ledger "$ledger" > "$data/ledger.json"
as_lines "$data/ledger.json" > "$data/ledger.txt"
row "ledger add (SQLite)" "$1" "$2" "$3" "$data/ledger.txt"
set -- $(measure "$data/ledger.out" "$bin" ledger add "$file" --batch-id "$batch" \
  --as-of 2026-06-01 --ledger "$ledger")
row "ledger add again (same)" "$1" "$2" "$3" "$data/ledger.txt"
rm -f "$ledger" "$ledger-wal" "$ledger-shm"

if sh tests/ledger/pg.sh available; then
  pgdir=$(mktemp -d /tmp/batchcalc-bench-pg.XXXXXX)
  uri=$(sh tests/ledger/pg.sh start "$pgdir")
  psql "$uri" -qAt -c "CREATE DATABASE bench" > /dev/null
  pg=$(echo "$uri" | sed 's|/postgres?|/bench?|')
  set -- $(measure "$data/ledger.out" "$bin" ledger add "$file" --batch-id "$batch" \
    --as-of 2026-06-01 --ledger "$pg")
  "$bin" ledger show --format json --ledger "$pg" > "$data/ledger-pg.json"
  as_lines "$data/ledger-pg.json" > "$data/ledger-pg.txt"
  row "ledger add (PostgreSQL)" "$1" "$2" "$3" "$data/ledger-pg.txt"
  sh tests/ledger/pg.sh stop "$pgdir"
fi

set -- $(measure "$data/duckdb.txt" node "$node_dir/duckdb_sum.mjs" "$PWD/$file" "$(nproc)")
row "DuckDB (node-api) sums" "$1" "$2" "$3" "$data/duckdb.txt"
rm -f "$data/reconcile.json" "$data/ledger.json" "$data/ledger-pg.json"
