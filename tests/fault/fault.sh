#!/bin/sh
# Fault injection: fault.sh OOMSCOPE SHIM CASE
#
# SHIM is tests/fault/shim.c built as a preloadable library: it makes
# fstat() fail on one path (OOMSCOPE_FAULT_FSTAT) and reports descriptors
# left open at exit (OOMSCOPE_FAULT_FDS).  Each case checks the exact
# message, the exit status, and that the good input after the bad one is
# still read (its event, victim "hog", is in the JSON).
#   fstat-fails         oomscope F G: fstat(F) fails: "cannot open 'F':
#                       Input/output error", exit 1, G read
#   fstat-fails-follow  oomscope -F F, fstat(F) fails: the same message
#   dir-stdin-closed    oomscope DIR G with standard input closed: the
#                       directory gets descriptor 0, which must be closed
#                       like any other ("Is a directory", nothing left open)
set -u
bin=$1 shim=$2 case_=$3
here=$(cd "$(dirname "$0")" && pwd)
hog=$(realpath "$here/../../fixtures/memcg-oom-dmesg-618-hog.log")
export LC_ALL=C TZ=UTC NO_COLOR=1 OOMSCOPE_FAULT_FDS=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
cp "$hog" "$tmp/bad.log"
bad=$(realpath "$tmp/bad.log")

expect() {  # expect RC STDERR-TEXT
	[ "$rc" = "$1" ] || { echo "exit status $rc, expected $1"; fail=1; }
	printf '%s\n' "$2" >"$tmp/want"
	diff -u "$tmp/want" "$tmp/err" || fail=1
}

expect_hog() {
	jq -e '[.events[] | select(.victim.name == "hog")] | length == 1' \
		"$tmp/out" >/dev/null ||
		{ echo "the good input's event is missing"; fail=1; }
}

case $case_ in
fstat-fails)
	OOMSCOPE_FAULT_FSTAT=$bad LD_PRELOAD=$shim \
		"$bin" --json --year=2026 "$bad" "$hog" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	expect 1 "oomscope: cannot open '$bad': Input/output error"
	expect_hog
	jq -e '.inputs[0].ok == false' "$tmp/out" >/dev/null ||
		{ echo "inputs[0] not marked failed"; fail=1; }
	;;
fstat-fails-follow)
	OOMSCOPE_FAULT_FSTAT=$bad LD_PRELOAD=$shim \
		"$bin" --json -F "$bad" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	expect 1 "oomscope: cannot open '$bad': Input/output error"
	;;
dir-stdin-closed)
	mkdir "$tmp/dir"
	LD_PRELOAD=$shim "$bin" --json --year=2026 "$tmp/dir" "$hog" \
		>"$tmp/out" 2>"$tmp/err" 0<&-
	rc=$?
	expect 1 "oomscope: cannot open '$tmp/dir': Is a directory"
	expect_hog
	;;
*)
	echo "unknown case '$case_'"; exit 2 ;;
esac
exit $fail
