#!/usr/bin/env bash
# A measurement, not a test: each event's culprit in fixtures/pasted against
# the collectors' reading (column 8 of expect-*.tsv), with oomscope's
# confidence.  Prints the disagreements and one summary line; never fails.
#
# Usage: culprits.sh OOMSCOPE PASTED_DIR
set -u
oomscope=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tsv in "$dir"/expect-*.tsv; do tail -n +2 "$tsv"; done | cut -f1,8 >"$tmp/exp"
for f in $(cut -f1 "$tmp/exp" | sort -u); do
	"$oomscope" --keep-duplicates --json "$dir/$f" 2>/dev/null | jq -r '
		.events[] | .culprit |
		(if .kind == "process" then "process:" + .name
		 elif .kind == "process_group" then "group:" + .name
		 else .kind end) + "\t" + (.confidence // "-")' >"$tmp/got"
	grep -P "^\Q$f\E\t" "$tmp/exp" | cut -f2 >"$tmp/want"
	paste "$tmp/want" "$tmp/got" | sed "s|^|$f	|"
done | awk -F'\t' '
	{ n++ }
	$2 == $3 { ok++; next }
	$3 == "unknown" { unk++; next }
	{ bad++; if ($4 == "high") high++; print "differs: " $0 }
	END { printf "culprits: %d of %d agree, %d unknown, %d differ (%d of them high)\n",
		ok, n, unk, bad, high }'
