#!/bin/sh
# -o/--output FILE: output.sh OOMSCOPE
#
# Every format written with --output is byte for byte what standard output
# gets; FILE is replaced (mode 0644, so a collector running as another
# user can read it) and no temporary file is left beside it; a directory
# that does not exist is exit 1 with a message naming FILE, and nothing is
# created.
set -u
bin=$1 fail=0
log=$(dirname "$0")/../fixtures/many-events-syslog-rhel6-new-db1.log
export LC_ALL=C TZ=UTC NO_COLOR=1
bad() { printf '%s\n' "$*"; fail=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/dir"
echo old >"$tmp/dir/out"
for fmt in text json ndjson md prom; do
	"$bin" --format=$fmt "$log" >"$tmp/want" || bad "$fmt: exit status $?"
	"$bin" --format=$fmt --output "$tmp/dir/out" "$log" >"$tmp/stdout" ||
		bad "$fmt --output: exit status $?"
	cmp -s "$tmp/want" "$tmp/dir/out" || bad "$fmt: FILE differs from stdout"
	[ -s "$tmp/stdout" ] && bad "$fmt: --output also wrote to stdout"
	[ "$(ls -A "$tmp/dir")" = out ] || bad "$fmt: left $(ls -A "$tmp/dir")"
	[ "$(stat -c %a "$tmp/dir/out")" = 644 ] ||
		bad "$fmt: mode $(stat -c %a "$tmp/dir/out")"
done

"$bin" -o "$tmp/none/out" "$log" >/dev/null 2>"$tmp/err"
st=$?
[ $st = 1 ] || bad "missing directory: exit status $st, not 1"
grep -q "^oomscope: cannot create a file beside '$tmp/none/out': No such file or directory$" "$tmp/err" ||
	{ bad "missing directory: message"; cat "$tmp/err"; }
[ -e "$tmp/none" ] && bad "missing directory: created"
exit $fail
