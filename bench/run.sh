#!/bin/sh
# make bench: times `batchcalc reconcile` against the same reconciliation in
# Python (json module, bench/reconcile.py) and jq (bench/reconcile.jq) on a
# deterministic Anthropic and OpenAI results file of about SIZE_MB each,
# checks that all three give the same figures, and prints MB/s, the ratios
# and peak RSS. Files are generated once into bench/data/ (gitignored).
# "x elapsed" and "x CPU": how many times longer the tool takes than batchcalc.
# usage: sh bench/run.sh [SIZE_MB] [BATCHCALC]
set -eu
size=${1:-1000}
bin=${2:-./batchcalc}
data=bench/data
mkdir -p "$data"
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench: needs /usr/bin/time (GNU time)" >&2; exit 1; }

# elapsed seconds, peak RSS (KB) and CPU seconds (user + system) of one
# command, its output to $1. CPU time says what the work costs when other
# processes share the cores; elapsed time is what a user waits.
measure() {
  out=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$data/time.txt" "$@" > "$out"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$data/time.txt"
}

# batchcalc's JSON as the baselines' lines: per model, then the counts.
as_lines() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k, m in sorted(d["models"].items()):
    print(k, m["billed_requests"], m["uncached_input_tokens"], m["cache_read_tokens"],
          m["cache_write_5m_tokens"], m["cache_write_1h_tokens"], m["output_tokens"])
c = d["counts"]
print("counts", c["succeeded"], c["errored"], c["canceled"], c["expired"])' "$1"
}

echo "batchcalc bench: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$($bin --version), $(python3 --version 2>&1), $(jq --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %-9s %8s %6s %8s %10s %9s %9s %s\n' file tool seconds "MB/s" "CPU s" "peak RSS" "x elapsed" "x CPU" figures
for provider in anthropic openai; do
  file=$data/$provider-${size}mb.jsonl
  [ -f "$file" ] || python3 bench/gen_results.py $provider "$size" "$file"
  mb=$(($(wc -c < "$file") / 1000000))
  cat "$file" > /dev/null # the page cache holds it for every tool alike
  set -- $(measure "$data/batchcalc.json" "$bin" reconcile "$file" --format json --as-of 2026-06-01)
  bc_s=$1 bc_kb=$2 bc_cpu=$3
  as_lines "$data/batchcalc.json" > "$data/batchcalc.txt"
  set -- $(measure "$data/python.txt" python3 bench/reconcile.py "$file")
  py_s=$1 py_kb=$2 py_cpu=$3
  set -- $(measure "$data/jq.txt" jq -n -r -f bench/reconcile.jq "$file")
  jq_s=$1 jq_kb=$2 jq_cpu=$3
  for tool in batchcalc python jq; do
    v=$(echo $tool | sed 's/batchcalc/bc/;s/python/py/')
    eval "s=\$${v}_s kb=\$${v}_kb cpu=\$${v}_cpu"
    same=$(cmp -s "$data/$tool.txt" "$data/python.txt" && echo same || echo DIFFERENT)
    ratio=$(awk -v a="$s" -v b="$bc_s" 'BEGIN { printf "%.1fx", a / b }')
    cratio=$(awk -v a="$cpu" -v b="$bc_cpu" 'BEGIN { printf "%.1fx", a / b }')
    [ $tool = batchcalc ] && ratio=- cratio=-
    printf '%-16s %-9s %8s %6s %8s %7s MB %9s %9s %s\n' "${mb}MB-$provider" $tool "$s" \
      "$(awk -v m="$mb" -v s="$s" 'BEGIN { printf "%.0f", m / s }')" "$cpu" \
      "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" "$ratio" "$cratio" "$same"
  done
  rm -f "$data/batchcalc.json"
done
