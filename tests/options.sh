#!/bin/sh
# Every long option in cli.c's longopts[] appears in --help and in the man
# page, and every option the man page documents exists.
set -u
bin=$1 src=$2
fail=0
help=$("$bin" --help)
opts=$(sed -n '/^static const struct option longopts/,/^};/p' "$src/src/cli.c" |
	grep -o '{ "[a-z-]*"' | sed 's/{ "//; s/"//')
[ -n "$opts" ] || { echo "no options found in cli.c"; exit 1; }
for o in $opts; do
	printf '%s\n' "$help" | grep -q -- "--$o\b" ||
		{ echo "--$o missing from --help"; fail=1; }
	grep -q "Fl -$o\b" "$src/man/oomscope.1" ||
		{ echo "--$o missing from man/oomscope.1"; fail=1; }
done
for m in $(grep -o 'Fl -[a-z-]*' "$src/man/oomscope.1" | sed 's/Fl -//' | sort -u); do
	printf '%s\n' "$opts" | grep -qx -- "$m" ||
		{ echo "man page documents --$m, which cli.c does not have"; fail=1; }
done
exit $fail
