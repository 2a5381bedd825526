# bash completion for oomscope(1)                          -*- shell-script -*-
# Installed to share/bash-completion/completions/oomscope.

_oomscope()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W 'text json ndjson md markdown prom' -- "$cur"))
		return ;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return ;;
	-o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--since | --until | --host | --killed | --pid | --event | --last | --year)
		return ;;
	esac
	case $cur in
	--*=*)
		return ;;
	-*)
		COMPREPLY=($(compgen -W '--brief --color --event --exit-status
			--follow --format --help --host --json --keep-duplicates
			--killed --last --markdown --ndjson --output --pid --redact --since
			--sort --until --verbose --version --year -e -F -f -h -o -q
			-V -v' -- "$cur"))
		return ;;
	esac
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _oomscope oomscope
