#!/bin/sh
# Bad inputs (issue 7): bad_inputs.sh OOMSCOPE CASE
#
# Each case makes one bad input in a temporary directory (nothing is
# committed: the 100 MB line is generated here) and runs
#   oomscope --json BAD fixtures/memcg-oom-dmesg-618-hog.log
# It checks the exit status (0, or 1 when the input cannot be opened or
# read in full), that stderr is exactly the expected message naming the
# input (or empty when the input is read as text), that stdout is valid
# JSON, and that the good input after the bad one is still processed (its
# event, victim "hog", is in the output).  Exit 77 = skipped.
set -u
# The cases: the one list (tests/CMakeLists.txt runs "bad_inputs.sh --list"
# when configuring and makes a ctest robust.bad_inputs.CASE of each).
cases="no-permission empty gzip-corrupt gzip-truncated xz-corrupt
	zstd-corrupt long-line nul-data cr-only utf16 utf16-no-bom"
# shellcheck disable=SC2086
[ "${1:-}" = --list ] && { printf '%s\n' $cases; exit 0; }
bin=$1 case_=$2
known=0
for c in $cases; do [ "$c" = "$case_" ] && known=1; done
[ $known = 1 ] || { echo "unknown case $case_ (not in the list)"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
hog=$here/../../fixtures/memcg-oom-dmesg-618-hog.log
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
fail=0

# run [PREFIX-COMMAND...] -- BAD: oomscope on BAD then the hog fixture
run() {
	pre=""
	while [ "$1" != "--" ]; do pre="$pre $1"; shift; done
	shift
	# shellcheck disable=SC2086
	$pre "$bin" --json --year=2026 "$@" "$hog" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

expect_rc() {
	[ "$rc" = "$1" ] || { echo "exit status $rc, expected $1"; fail=1; }
}

# expect_err TEXT: stderr is exactly TEXT ("" = empty)
expect_err() {
	printf '%s' "$1" >"$tmp/want"
	[ -n "$1" ] && echo >>"$tmp/want"
	diff -u "$tmp/want" "$tmp/err" || fail=1
}

expect_hog() {
	jq -e --arg hog "$hog" '[.events[] | select(.source.input == $hog and
		.victim.name == "hog")] | length == 1' "$tmp/out" >/dev/null ||
		{ echo "the good input's event is missing or JSON invalid";
		  fail=1; }
}

# expect_input JQ-TEST: a test on .inputs[0], the bad input's record
expect_input() {
	jq -e ".inputs[0] | $1" "$tmp/out" >/dev/null ||
		{ echo "inputs[0] fails: $1"; jq -c '.inputs[0]' "$tmp/out";
		  fail=1; }
}

# same_events FILE: FILE gives the hog fixture's events (read as text)
same_events() {
	"$bin" --json --year=2026 "$hog" |
		jq -S 'del(.events[].source.input) | .events' >"$tmp/a"
	"$bin" --json --year=2026 "$1" |
		jq -S 'del(.events[].source.input) | .events' >"$tmp/b"
	diff -u "$tmp/a" "$tmp/b" >/dev/null ||
		{ echo "events of $1 differ from the LF original"; fail=1; }
}

case $case_ in
no-permission)
	# As root, open() ignores the mode bits: drop to nobody with
	# setpriv(1) so that the case means the same as in a user's shell.
	chmod 755 "$tmp"
	cp "$hog" "$tmp/hog.log" && chmod 644 "$tmp/hog.log"
	hog=$tmp/hog.log
	: >"$tmp/secret.log" && chmod 000 "$tmp/secret.log"
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || exit 77
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$bin" --version >/dev/null 2>&1 || exit 77
		run setpriv --reuid=65534 --regid=65534 --clear-groups -- \
			"$tmp/secret.log"
	else
		run -- "$tmp/secret.log"
	fi
	expect_rc 1
	expect_err "oomscope: cannot open '$tmp/secret.log': Permission denied"
	expect_input '.ok == false'
	expect_hog ;;
empty)
	: >"$tmp/empty.log"
	run -- "$tmp/empty.log"
	expect_rc 0
	expect_err ""
	expect_input '.ok and .lines == 0 and .events == 0'
	expect_hog ;;
gzip-corrupt)
	# gzip magic, then a header whose method byte is not deflate
	printf '\037\213garbage\n' >"$tmp/bad.gz"
	run -- "$tmp/bad.gz"
	expect_rc 1
	expect_err "oomscope: '$tmp/bad.gz': corrupt gzip data (unknown compression method)"
	expect_input '.ok == false'
	expect_hog ;;
gzip-truncated)
	gzip -n -c "$hog" | head -c 300 >"$tmp/cut.gz"
	run -- "$tmp/cut.gz"
	expect_rc 1
	expect_err "oomscope: '$tmp/cut.gz': truncated gzip data"
	expect_input '.ok == false'
	expect_hog ;;
xz-corrupt)
	printf '\3757zXZ\000garbage\n' >"$tmp/bad.xz"
	run -- "$tmp/bad.xz"
	expect_rc 1
	expect_err "oomscope: '$tmp/bad.xz': corrupt xz data (compressed data is corrupt)"
	expect_hog ;;
zstd-corrupt)
	printf '\050\265\057\375garbage\n' >"$tmp/bad.zst"
	run -- "$tmp/bad.zst"
	expect_rc 1
	expect_err "oomscope: '$tmp/bad.zst': corrupt zstd data (Dictionary mismatch)"
	expect_hog ;;
long-line)
	# one 100 MB line, then another report (tmpfs, 79 lines) in the same
	# file: the line is cut at 64 KiB and counted, the report after it read
	head -c 100000000 /dev/zero | tr '\0' x >"$tmp/long.log"
	echo >>"$tmp/long.log"
	cat "$here/../../fixtures/memcg-oom-dmesg-618-tmpfs.log" >>"$tmp/long.log"
	run -- "$tmp/long.log"
	expect_rc 0
	expect_err ""
	expect_input '.ok and .long_lines == 1 and .lines == 80 and .events == 1'
	expect_hog ;;
nul-data)
	# 1 MB of NUL bytes is one long line: the 65536 kept are counted
	head -c 1000000 /dev/zero >"$tmp/nul.log"
	run -- "$tmp/nul.log"
	expect_rc 0
	expect_err ""
	expect_input '.ok and .events == 0 and .nul_bytes == 65536 and .long_lines == 1'
	expect_hog ;;
cr-only)
	tr '\n' '\r' <"$hog" >"$tmp/cr.log"
	run -- "$tmp/cr.log"
	expect_rc 0
	expect_err ""
	expect_input '.ok and .lines == 78 and .events == 1'
	same_events "$tmp/cr.log" ;;
utf16)
	# with a byte-order mark (what Windows tools write): converted
	command -v iconv >/dev/null || exit 77
	for enc in UTF-16LE UTF-16BE; do
		case $enc in
		UTF-16LE) printf '\377\376' ;;
		*) printf '\376\377' ;;
		esac >"$tmp/$enc.log"
		iconv -f UTF-8 -t $enc "$hog" >>"$tmp/$enc.log" || exit 1
		run -- "$tmp/$enc.log"
		expect_rc 0
		expect_err ""
		expect_input '.ok and .lines == 78 and .events == 1'
		same_events "$tmp/$enc.log"
	done ;;
utf16-no-bom)
	# without a byte-order mark UTF-16 is not recognised: read as text
	# (every other byte NUL), no event, no error (documented limit)
	command -v iconv >/dev/null || exit 77
	iconv -f UTF-8 -t UTF-16LE "$hog" >"$tmp/u16.log" || exit 1
	run -- "$tmp/u16.log"
	expect_rc 0
	expect_err ""
	expect_input '.ok and .events == 0 and .nul_bytes > 0'
	expect_hog ;;
*)
	echo "unknown case $case_"; exit 2 ;;
esac
exit $fail
