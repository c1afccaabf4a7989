# bash completion for batchcalc. Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/batchcalc.
# Keep in step with each command's --help: tests/cli/t0670-docs-name-every-option
# runs _batchcalc for every command and fails on an option it does not offer.

# Models and providers come from the catalogue the binary carries, so they
# follow the data rather than this file.
_batchcalc_catalogue()
{
	"${COMP_WORDS[0]}" prices list --format csv 2>/dev/null |
		sed 1d | cut -d, -f"$1" | tr -d '"' | sort -u
}

# File names, with a slash after a directory.
_batchcalc_files()
{
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen "$1" -- "$cur"))
}

_batchcalc()
{
	local cur prev cmd words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	local commands="quote estimate margin plan sla reconcile merge ledger bill report profile prices"

	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands help --help --version" -- "$cur"))
		return
	fi

	# The value of the option before the cursor.
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "table csv json" -- "$cur")); return ;;
	--by)
		if [ "$cmd" = profile ]; then
			COMPREPLY=($(compgen -W "scope model" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "job model day month batch" -- "$cur"))
		fi
		return ;;
	--group-by)
		COMPREPLY=($(compgen -W "job model day month batch" -- "$cur")); return ;;
	--sweep)
		COMPREPLY=($(compgen -W "share volume" -- "$cur")); return ;;
	--days)
		COMPREPLY=($(compgen -W "mon-fri sat,sun mon-sun mon tue wed thu fri sat sun" -- "$cur"))
		return ;;
	--currency)
		COMPREPLY=($(compgen -W "EUR GBP JPY CHF CAD AUD INR BRL" -- "$cur")); return ;;
	--model)
		COMPREPLY=($(compgen -W "$(_batchcalc_catalogue 2)" -- "$cur")); return ;;
	--provider)
		COMPREPLY=($(compgen -W "$(_batchcalc_catalogue 1)" -- "$cur")); return ;;
	--tz)
		COMPREPLY=($(cd /usr/share/zoneinfo 2>/dev/null && compgen -f -- "$cur")); return ;;
	--gnuplot)
		COMPREPLY=($(compgen -c -- "$cur")); return ;;
	-o|--output)
		if [ "$cmd" = report ]; then _batchcalc_files -d; else _batchcalc_files -f; fi
		return ;;
	--batches)
		# sla --batches N is a count; reconcile and report take META.json.
		[ "$cmd" = sla ] && return
		_batchcalc_files -f; return ;;
	--prices|--prices-overlay|--fx|--forecast|--requests|--retry-out|--emit-summary|--workloads|--latency|--calibrate|--results|--ledger|--bill)
		_batchcalc_files -f; return ;;
	--service-tier)
		COMPREPLY=($(compgen -W "flex priority fast ultrafast" -- "$cur")); return ;;
	--inference-geo)
		COMPREPLY=($(compgen -W "global us" -- "$cur")); return ;;
	--input-tokens|--output-tokens|--cache-read-tokens|--cache-write-tokens|--cache-write-1h-tokens|\
	--cache-write-30m-tokens|--cache-write-12h-tokens|--max-age|\
	--date|--as-of|--since|--until|--month-days|--fx-rate|\
	--inference|--revenue|--arr|--cogs|--other-cogs|--cash|--burn|--migration-days|--day-rate|\
	--batch-share|--batch-price|--step|--tier|--rpm|--itpm|--otpm|--queue-limit|--window-hours|\
	--bytes-per-token|--overhead-bytes|--growth|--months|--horizon|--revenue-growth|\
	--submit|--deadline|--target|--p-meet|--batch-id|--job-pattern|--min-success|--threads|\
	--assume-input-tokens|--month|--tolerance)
		return ;;
	esac

	local output="--format --prices --prices-overlay --output -o --help"
	local money="--currency --fx --fx-rate"
	local business="--revenue --arr --cogs --other-cogs --cash --burn --migration-days --day-rate"
	local operands=""   # what a word not starting with '-' is: files, or nothing
	case $cmd in
	quote)
		words="--model --input-tokens --output-tokens --cache-read-tokens
		       --cache-write-tokens --cache-write-1h-tokens --cache-write-30m-tokens
		       --cache-write-12h-tokens --batch --service-tier --inference-geo --date
		       $money $output" ;;
	estimate)
		words="--as-of --month-days --since --until $money $output"
		operands=files ;;
	margin)
		words="--inference $business --batch-share --batch-price --sweep --step
		       --as-of --month-days $money $output"
		operands=files ;;
	plan)
		words="--tier --rpm --itpm --otpm --queue-limit --window-hours
		       --bytes-per-token --overhead-bytes --growth --months --horizon
		       --revenue-growth $business --as-of --month-days $money $output"
		operands=files ;;
	sla)
		words="--submit --deadline --next-day --p-meet --tz --days --batches
		       --target --workloads --month-days --latency --provider --as-of
		       --calibrate $money $output"
		operands=files ;;
	reconcile)
		words="--as-of --batches --forecast --requests --retry-out --batch-id
		       --model --job-pattern --group-by --min-success --strict --threads
		       --since --until $money --emit-summary $output"
		operands=files ;;
	bill)
		words="--results --batches --ledger --forecast --month --since --until
		       --tolerance --as-of $output"
		operands=files ;;
	merge)
		words="--as-of --group-by --min-success $money --emit-summary $output"
		operands=files ;;
	report)
		words="--output -o --submit --deadline --next-day --days --tz --results
		       --batches --job-pattern --model --ledger --month --forecast --bill
		       --since --until --as-of --month-days --prices --prices-overlay --gnuplot --tier
		       --rpm --itpm --otpm --queue-limit --window-hours --bytes-per-token
		       --overhead-bytes --growth --months --horizon --revenue-growth $business
		       $money --help"
		operands=files ;;
	profile)
		if [ "$COMP_CWORD" -eq 2 ] && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "from-usage" -- "$cur"))
			return
		fi
		words="--results --batches --assume-input-tokens --by --since --until
		       --prices --prices-overlay --output -o --help"
		operands=files ;;
	ledger)
		if [ "$COMP_CWORD" -eq 2 ]; then
			COMPREPLY=($(compgen -W "add show close export" -- "$cur"))
			return
		fi
		case ${COMP_WORDS[2]} in
		add)
			words="--batches --batch-id --model --job-pattern --as-of --adjust --strict
			       --threads --prices --prices-overlay --ledger --help"
			operands=files ;;
		show)
			words="--month --since --until --by --format $money --ledger --output -o
			       --help" ;;
		close)
			words="--ledger --help" ;;
		export)
			words="--focus --month --since --until --ledger --output -o --help" ;;
		esac ;;
	prices)
		if [ "$COMP_CWORD" -eq 2 ]; then
			COMPREPLY=($(compgen -W "list show check import-litellm import-genai-prices diff" -- "$cur"))
			return
		fi
		case ${COMP_WORDS[2]} in
		list)
			words="--provider --date $output" ;;
		show)
			words="--date $output"
			if [ "$COMP_CWORD" -eq 3 ] && [[ $cur != -* ]]; then
				COMPREPLY=($(compgen -W "$(_batchcalc_catalogue 2)" -- "$cur"))
				return
			fi ;;
		check)
			words="--max-age --date $output" ;;
		import-litellm|import-genai-prices)
			words="--output -o --help"
			operands=files ;;
		diff)
			words="--date --format --output -o --help"
			operands=files ;;
		esac ;;
	help)
		[ "$COMP_CWORD" -eq 2 ] && words=$commands ;;
	esac
	if [ "$operands" = files ] && [[ $cur != -* ]]; then
		_batchcalc_files -f
		return
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _batchcalc batchcalc
