#!/bin/sh
# CLI case: cli.sh OOMSCOPE CASE.args
#
# CASE.args holds the arguments (one shell word list, may use $FIXTURES and
# redirections are not allowed); CASE.stdout, CASE.stderr and CASE.status
# hold the expected output and exit status.  Missing .stdout/.stderr files
# mean "must be empty".  A CASE.stdin file, if present, is fed on stdin;
# CASE.stdout-grep holds a fixed string stdout must contain instead;
# a CASE.redirect file names where stdout goes instead (e.g. /dev/full).
set -u
bin=$1 args=$2
case_=${args%.args}
export LC_ALL=C TZ=UTC NO_COLOR=1 FIXTURES=fixtures
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
stdin=/dev/null
[ -f "$case_.stdin" ] && stdin=$case_.stdin
eval "set -- $(cat "$args")"
if [ -f "$case_.redirect" ]; then
	# stdout goes to a device (e.g. /dev/full); nothing to compare
	"$bin" "$@" <"$stdin" >"$(cat "$case_.redirect")" 2>"$err"
	status=$?
else
	"$bin" "$@" <"$stdin" >"$out" 2>"$err"
	status=$?
fi
fail=0
want=0
[ -f "$case_.status" ] && want=$(cat "$case_.status")
if [ "$status" != "$want" ]; then
	echo "exit status $status, expected $want"
	fail=1
fi
for s in stdout stderr; do
	f=$out
	[ $s = stderr ] && f=$err
	if [ -f "$case_.$s-grep" ]; then
		# only a fixed string that must appear (output that grows)
		grep -qF -- "$(cat "$case_.$s-grep")" "$f" ||
			{ echo "$s lacks: $(cat "$case_.$s-grep")"; fail=1; }
	elif [ -f "$case_.$s" ]; then
		diff -u "$case_.$s" "$f" || fail=1
	elif [ -s "$f" ]; then
		echo "unexpected $s:"; cat "$f"; fail=1
	fi
done
exit $fail
