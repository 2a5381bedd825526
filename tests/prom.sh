#!/bin/sh
# --format=prom (issue 15): prom.sh OOMSCOPE
#
# - every fixture's metrics pass `promtool check metrics`, and the sum of
#   oomscope_oom_events_total is the JSON's number of events;
# - hostile process names (the strings of tests/robust/escape.sh plus a
#   double quote and a backslash, put in the victim "hog" of a real
#   fixture) give valid UTF-8 that promtool accepts, and the victim's label
#   value reads back as the log's bytes (invalid ones as U+FFFD);
# - cardinality: 25 copies of that fixture, each victim renamed, give the
#   20 top names and name="other" 5; 23 hosts give 20 hosts and "other".
# Exit 77 (skipped) when promtool is not installed (.ci/run installs it).
set -u
bin=$1
command -v promtool >/dev/null 2>&1 || { echo "no promtool: skipped"; exit 77; }
fx=$(cd "$(dirname "$0")/../fixtures" && pwd)
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { printf '%s\n' "$*"; fail=1; }

# events_sum FILE: the sum of the events counter's samples
events_sum() {
	awk '/^oomscope_oom_events_total[{ ]/ { n += $NF } END { print n + 0 }' "$1"
}

for f in "$fx"/*.log "$fx"/pasted/*.log; do
	name=${f#"$fx"/}
	"$bin" --format=prom "$f" >"$tmp/out.prom" 2>/dev/null ||
		bad "$name: exit status $?"
	promtool check metrics <"$tmp/out.prom" >"$tmp/lint" 2>&1 ||
		{ bad "$name: promtool check metrics:"; cat "$tmp/lint"; }
	want=$("$bin" --json "$f" 2>/dev/null | jq '.events | length')
	got=$(events_sum "$tmp/out.prom")
	[ "$got" = "$want" ] ||
		bad "$name: sum(oomscope_oom_events_total) $got, JSON events $want"
done

# label VALUE-OF FAMILY LABEL FILE: the first sample's LABEL value,
# unescaped (\\ \" \n are the format's only escapes)
label() {
	python3 - "$1" "$2" "$3" <<'PY'
import re, sys
fam, lab, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, 'rb').read().decode('utf-8')
for line in text.split('\n'):
    if not line.startswith(fam + '{'):
        continue
    m = re.search(r'[{,]' + lab + r'="((?:[^"\\]|\\.)*)"', line)
    v = re.sub(r'\\(.)', lambda e: '\n' if e.group(1) == 'n' else e.group(1),
               m.group(1))
    sys.stdout.buffer.write(v.encode('utf-8'))
    break
PY
}

# subst FROM TO FILE: every FROM replaced by TO, bytes as they are (and
# a last newline, so copies of a file can follow one another)
subst() {
	python3 -c 'import os, sys
f, t = (os.fsencode(a) for a in sys.argv[1:3])
sys.stdout.buffer.write(open(sys.argv[3], "rb").read().replace(f, t))' "$@"
	echo
}

# the hostile strings (awk -v turns the \NNN escapes into bytes) and
# what the label must read back: invalid UTF-8 bytes become U+FFFD
while IFS='	' read -r h want; do
	s=$(awk -v s="$h" 'BEGIN { printf "%s", s }')
	w=$(awk -v s="$want" 'BEGIN { printf "%s", s }')
	subst hog "$s" "$fx/memcg-oom-dmesg-618-hog.log" >"$tmp/in.log"
	"$bin" --format=prom "$tmp/in.log" >"$tmp/out.prom" ||
		bad "hostile '$h': exit status $?"
	iconv -f UTF-8 -t UTF-8 "$tmp/out.prom" >/dev/null 2>&1 ||
		bad "hostile '$h': invalid UTF-8"
	promtool check metrics <"$tmp/out.prom" >"$tmp/lint" 2>&1 ||
		{ bad "hostile '$h': promtool:"; cat "$tmp/lint"; }
	got=$(label oomscope_victims_total name "$tmp/out.prom")
	[ "$got" = "$w" ] || bad "hostile '$h': victim label '$got'"
done <<'LIST'
\033]0;pwned\007\033[2J	\033]0;pwned\007\033[2J
a\001b\177c\033	a\001b\177c\033
x\302\233y\233z	x\302\233y\357\277\275z
\377\376\300\257	\357\277\275\357\277\275\357\277\275\357\277\275
a"b"c	a"b"c
a\\b\\"	a\\b\\"
x} 1 y{	x} 1 y{
LIST

# cardinality: victims hog01..hog25 (one event each; --keep-duplicates,
# since the copies are the same boot's event)
: >"$tmp/many.log"
for i in $(seq -w 1 25); do
	subst hog "hog$i" "$fx/memcg-oom-dmesg-618-hog.log" >>"$tmp/many.log"
done
"$bin" --format=prom --keep-duplicates "$tmp/many.log" >"$tmp/out.prom"
n=$(grep -c '^oomscope_victims_total{' "$tmp/out.prom")
other=$(awk '/^oomscope_victims_total\{host="",name="other"\}/ { print $NF }' \
	"$tmp/out.prom")
if [ "$n" != 21 ] || [ "$other" != 5 ]; then
	bad "victims: $n series, other $other (want 21 and 5)"
fi
[ "$(events_sum "$tmp/out.prom")" = 25 ] || bad "victims: not 25 events"

# hosts h01..h23 of the syslog fixture: 20 kept, 3 as "other"
: >"$tmp/hosts.log"
for i in $(seq -w 1 23); do
	subst hnsin-varnish "h$i" "$fx/global-oom-syslog-rhel8-varnish.log" \
		>>"$tmp/hosts.log"
done
"$bin" --format=prom --year=2020 "$tmp/hosts.log" >"$tmp/out.prom"
n=$(grep -c '^oomscope_oom_events_total{' "$tmp/out.prom")
other=$(awk '/^oomscope_oom_events_total\{host="other"/ { print $NF }' \
	"$tmp/out.prom")
if [ "$n" != 21 ] || [ "$other" != 3 ]; then
	bad "hosts: $n series, other $other (want 21 and 3)"
fi
promtool check metrics <"$tmp/out.prom" >"$tmp/lint" 2>&1 ||
	{ bad "hosts: promtool:"; cat "$tmp/lint"; }
exit $fail
