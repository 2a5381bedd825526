#!/usr/bin/env bash
# Real pasted OOM reports (fixtures/pasted/*.log) against the events a
# person read out of the raw text (fixtures/pasted/expect-*.tsv: file,
# event number, kind, victim pid and name, invoker name and pid, culprit,
# the lines it was read from, a note).  Every row was checked by hand
# against the file; see fixtures/pasted/INDEX-*.md for the origins.
#
# Usage: expect.sh OOMSCOPE PASTED_DIR
#
# Counts, over all rows: events found (kind, victim and invoker equal),
# victims found (pid and name), invokers found (name and pid), and names
# that carry paste junk.  Repeated identical kill lines are separate rows
# here, so oomscope runs with --keep-duplicates.  Fails when the share of
# events found is below MIN_EVENTS, or a name is unclean.  Prints the rows
# not found, so a regression names its file.
set -u
oomscope=$1
dir=$2
min=${MIN_EVENTS:-0.90}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC

rows=0 ev_ok=0 vic=0 vic_ok=0 inv=0 inv_ok=0 unclean=0
for tsv in "$dir"/expect-*.tsv; do
	tail -n +2 "$tsv"
done | cut -f1,3-7 | sort -s -k1,1 >"$tmp/expect"

for f in $(cut -f1 "$tmp/expect" | sort -u); do
	"$oomscope" --keep-duplicates --json "$dir/$f" >"$tmp/out.json" 2>/dev/null
	jq -r '.events[] | [.kind,
		((.victim.pid // .selected.pid // "-") | tostring),
		(.victim.name // .selected.name // "-"),
		(if (.invoker.name // "") == "" then "-" else .invoker.name end),
		((.invoker.pid // "-") | tostring)] | @tsv' \
		"$tmp/out.json" >"$tmp/got"
	jq -r '.events[] | .. | objects | .name? // empty | strings' "$tmp/out.json" |
		grep -E '^(> |\| |[0-9]+[:-])|\[ *[0-9]+\.[0-9]+\]|kernel:|=3D|[A-Z][a-z]{2} +[0-9]+ [0-9]{2}:[0-9]{2}|.{16,}' \
		>"$tmp/bad" && {
		echo "$f: unclean names: $(tr '\n' '|' <"$tmp/bad")"
		unclean=$((unclean + 1))
	}
	grep -P "^\Q$f\E\t" "$tmp/expect" | cut -f2- >"$tmp/want"
	cp "$tmp/got" "$tmp/left"
	while IFS=$'\t' read -r kind vpid vname iname ipid; do
		rows=$((rows + 1))
		line=$(printf '%s\t%s\t%s\t%s\t%s' "$kind" "$vpid" "$vname" \
			"$iname" "$ipid")
		if n=$(grep -nxF -- "$line" "$tmp/left" | head -1 | cut -d: -f1) &&
			[ -n "$n" ]; then
			ev_ok=$((ev_ok + 1))
			sed -i "${n}d" "$tmp/left"
		else
			echo "$f: not found: $line"
		fi
		if [ "$vpid" != "-" ]; then
			vic=$((vic + 1))
			cut -f2,3 "$tmp/got" | grep -qxF -- "$vpid	$vname" &&
				vic_ok=$((vic_ok + 1))
		fi
		if [ "$iname" != "-" ]; then
			inv=$((inv + 1))
			cut -f4,5 "$tmp/got" | grep -qxF -- "$iname	$ipid" &&
				inv_ok=$((inv_ok + 1))
		fi
	done <"$tmp/want"
done

echo "events found: $ev_ok/$rows; victims: $vic_ok/$vic; invokers: $inv_ok/$inv;" \
	"files with unclean names: $unclean"
failed=$((rows - ev_ok))
echo "pasted: $ev_ok passed, $failed failed"
awk -v ok="$ev_ok" -v n="$rows" -v min="$min" \
	'BEGIN { exit !(n > 0 && ok / n >= min) }' || {
	echo "pasted: below MIN_EVENTS=$min"
	exit 1
}
[ "$unclean" -eq 0 ]
