#!/bin/sh
# Golden end-to-end test: golden.sh OOMSCOPE FORMAT FIXTURE.log
#
# Runs oomscope on the fixture (from the fixture's directory, so input names
# in the output are stable) and compares byte for byte with the expected
# file next to it: FIXTURE.json for --json (normalised by jq, without the
# task rows, which tests/test_corpus.c checks), FIXTURE.txt for the text
# report.  UPDATE_GOLDEN=1 writes the expected file (new or changed);
# without it the source tree is never written, and a missing expected file
# is a failure that says how to create it.
set -u
bin=$1 fmt=$2 log=$3
dir=$(dirname "$log") base=$(basename "$log" .log)
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
cd "$dir" || exit 1
case $fmt in
json)
	expected=$base.json
	"$bin" --json "$base.log" >"$tmp.raw"
	rc=$?
	jq 'del(.events[].tasks)' <"$tmp.raw" >"$tmp" || { echo "invalid JSON"; rm -f "$tmp.raw"; exit 1; }
	rm -f "$tmp.raw" ;;
text)
	expected=$base.txt
	"$bin" "$base.log" >"$tmp"
	rc=$? ;;
*)
	echo "unknown format $fmt"; exit 2 ;;
esac
if [ "$rc" != 0 ]; then
	echo "oomscope exited $rc"
	exit 1
fi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$tmp" "$expected"
	exit 0
fi
if [ ! -f "$expected" ]; then
	echo "$dir/$expected: no expected output; run UPDATE_GOLDEN=1 ctest -L golden to write it, then review it"
	exit 1
fi
diff -u "$expected" "$tmp"
