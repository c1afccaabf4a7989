# bash completion for batchcalc. Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/batchcalc.
_batchcalc()
{
	local cur prev cmd words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}

	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "quote estimate prices help --help --version" -- "$cur"))
		return
	fi
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "table csv json" -- "$cur")); return ;;
	--prices|--fx|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--currency)
		COMPREPLY=($(compgen -W "EUR GBP JPY CHF CAD AUD INR BRL" -- "$cur")); return ;;
	--model|--as-of|--date|--since|--until|--month-days|--fx-rate|--provider|*-tokens)
		return ;;
	esac
	local common="--format --prices --output -o --help"
	local money="--currency --fx --fx-rate"
	case $cmd in
	quote)
		words="--model --input-tokens --output-tokens --cache-read-tokens
		       --cache-write-tokens --cache-write-1h-tokens --batch --date
		       $money $common" ;;
	estimate)
		words="--as-of --month-days --since --until $money $common"
		if [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -f -- "$cur")); return
		fi ;;
	prices)
		if [ "$COMP_CWORD" -eq 2 ]; then
			COMPREPLY=($(compgen -W "list show import-litellm diff" -- "$cur"))
			return
		fi
		case ${COMP_WORDS[2]} in
		import-litellm|diff)
			if [[ $cur != -* ]]; then
				COMPREPLY=($(compgen -f -- "$cur")); return
			fi ;;
		esac
		words="--provider --date $common" ;;
	help)
		words="quote estimate prices" ;;
	esac
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _batchcalc batchcalc
