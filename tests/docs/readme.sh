#!/bin/sh
# The README's commands, run as written: a README change that breaks one
# fails `make check`. The rule (README "Testing", for anyone adding a
# section):
#   - A fenced block opened with ```sh is run; one opened with ```sh no-run
#     is shown only (for commands that need your own files, other programs
#     or a cluster). Other blocks (```, ```json, ```text) are never run.
#   - In a run block, a line starting with `batchcalc ` or `$ batchcalc ` is a
#     command (a trailing \ continues it on the next line); every other line
#     (output, comments, other programs) is ignored.
#   - Each block runs in its own fresh copy of examples/, its commands in
#     order (so one may use a file an earlier one wrote), each through sh -c
#     (globs, redirections and # comments work as in a shell), with this
#     build's batchcalc first on PATH, SOURCE_DATE_EPOCH pinned to
#     2026-11-25 and LC_ALL=C, as the golden tests have them.
#   - A command must exit 0, or N when its line ends with `# exit N`.
# Usage: BATCHCALC=path/to/batchcalc [RUNNER=valgrind...] sh tests/docs/readme.sh [README.md]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
readme=${1:-$root/README.md}
bin=$(cd "$(dirname "${BATCHCALC:?set BATCHCALC}")" && pwd)/$(basename "$BATCHCALC")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/bin"
# batchcalc on PATH is this build, under RUNNER when set (valgrind).
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${RUNNER:-}" "$bin" > "$scratch/bin/batchcalc"
chmod +x "$scratch/bin/batchcalc"
export PATH="$scratch/bin:$PATH" SOURCE_DATE_EPOCH=1795564800 LC_ALL=C

# One line per command: BLOCK_LINE <tab> LINE <tab> COMMAND.
awk '
	/^```/ {
		if (!inside) { inside = 1; run = ($0 == "```sh"); block = NR; next }
		inside = 0; run = 0; next
	}
	!inside || !run { next }
	pending != "" {
		line_text = $0; continued = sub(/\\$/, "", line_text)
		pending = pending " " line_text
		if (!continued) { print block "\t" start "\t" pending; pending = "" }
		next
	}
	/^(\$ )?batchcalc / {
		line_text = $0; sub(/^\$ /, "", line_text)
		start = NR; continued = sub(/\\$/, "", line_text)
		if (continued) pending = line_text
		else print block "\t" start "\t" line_text
	}
' "$readme" > "$scratch/commands"

tab=$(printf '\t')
passed=0 failed=0 current=""
while IFS="$tab" read -r block line command; do
	if [ "$block" != "$current" ]; then
		current=$block
		rm -rf "$scratch/work"
		cp -R "$root/examples" "$scratch/work"
	fi
	want=0
	case $command in
	*"# exit "[0-9]*) want=${command##*# exit } ;;
	esac
	(cd "$scratch/work" && sh -c "$command") > "$scratch/out" 2> "$scratch/err"
	got=$?
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $(basename "$readme"):$line: $command"
		echo "    exit $got, expected $want; stderr:"
		sed 's/^/    /' "$scratch/err" | head -10
	fi
done < "$scratch/commands"
echo "readme: $passed commands passed, $failed failed"
[ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
