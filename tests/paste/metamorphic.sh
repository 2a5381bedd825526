#!/bin/sh
# Pasted logs: metamorphic.sh OOMSCOPE PASTIFY FIXTURES_DIR [TRANSFORM ...]
#
# A kernel log pasted into a mail, a forum or a ticket must give the same
# events as the log itself.  For every fixtures/*.log that has events (not
# no-oom-*, not synthetic-*) and every transform of pastify (all of
# `pastify --list` by default), oomscope --json runs on the original and on
# the pasted variant; each event is reduced to the tuple (kind, victim pid,
# victim name, invoker name, invoker pid, culprit kind, culprit name) and
# the two lists must be equal.  A transform that does not apply to the
# fixture's prefix style (maskhost on a dmesg file) must leave it equal too.
#
# Clean names: no "name" anywhere in a variant's events may keep paste
# debris: a quote marker, a grep -n or cat -n number, an [uptime] stamp, a
# syslog or ISO time, "kernel:", an ESC or CR byte, "=3D", a wrapper's text,
# and none may be longer than a comm (TASK_COMM_LEN - 1 = 15 bytes).
#
# Prints "transform NAME: K/N variants equal" per transform with a compact
# diff for each differing fixture, then "metamorphic: N passed, M failed"
# (a variant passes when it is equal and clean).  Exit 1 when the fraction
# of equal variants is below THRESHOLD (default 0.95) or any name is
# unclean, 2 on a usage or setup error.  Variants run on JOBS (default:
# nproc) workers; METAMORPHIC_KEEP=DIR keeps each failing variant's log.
# Needs only jq and coreutils.
#
# metamorphic.sh --selftest PASTIFY checks pastify itself on known lines.
set -u

# expect NAME TRANSFORM INPUT EXPECTED (printf formats, no trailing LF kept)
# shellcheck disable=SC2059
expect() {
	got=$(printf "$3" | "$pastify" "$2") || got="exit $?"
	want=$(printf "$4")
	[ "$got" = "$want" ] && return 0
	echo "selftest $1: pastify $2 gave '$got', expected '$want'"
	st_fail=1
}

selftest() {
	st_fail=0
	x75=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
	sl='Nov 13 14:56:19 vm kernel: x'
	expect qp-escapes qp 'a=b\tc\001\377 \n' 'a=3Db\tc=01=FF=20'
	expect qp-soft-break qp "${x75}yyy\n" "${x75}=\nyyy"
	expect qp-no-split-escape qp "${x75%x}==\n" "${x75%x}=\n=3D=3D"
	expect catn catn 'a\nb\n' '     1\ta\n     2\tb'
	expect grepA grepA 'a\nb\nc\nd\n' '1:a\n2-b\n3-c\n4:d'
	expect wrap72 wrap72 "${x75%xxxxx} a b c\n" "${x75%xxxxx} a\nb c"
	expect wrap72x wrap72x "${x75}\n" "${x75%xxx}\nxxx"
	expect crlf crlf 'a\nb\n' 'a  \r\nb   \r'
	expect maskhost maskhost "$sl\n[ 1.0] x\n" 'Nov 13 14:56:19 ** kernel: x\n[ 1.0] x'
	expect emptyhost emptyhost "$sl\n" 'Nov 13 14:56:19  kernel: x'
	expect nohost nohost "$sl\n" 'kernel: x'
	expect join join '[ 1.0] a\n[ 2.0] b\n[ 3.0] c\n' '[ 1.0] a[ 2.0] b\n[ 3.0] c'
	expect vmware vmware "$sl\n" '2019-05-06T07:08:09.123Z| vcpu-0| I125: Guest: <6>x'
	expect no-final-lf quote 'a\nb' '> a\n> b'
	n=$(printf 'a\000b\n' | "$pastify" serial | wc -c)
	[ "$n" -eq 11 ] || { echo "selftest nul: $n bytes, expected 11"; st_fail=1; }
	"$pastify" no-such-transform </dev/null 2>/dev/null
	[ $? -eq 2 ] || { echo "selftest unknown: exit status not 2"; st_fail=1; }
	[ "$st_fail" -eq 0 ] && echo "pastify selftest: ok"
	return "$st_fail"
}

if [ "${1:-}" = --selftest ] && [ $# -eq 2 ]; then
	pastify=$2
	export LC_ALL=C
	selftest
	exit
fi
[ $# -ge 3 ] || {
	echo "usage: metamorphic.sh OOMSCOPE PASTIFY FIXTURES_DIR [TRANSFORM ...]" >&2
	exit 2
}
bin=$1 pastify=$2 fixtures=$3
shift 3
transforms=$*
[ -n "$transforms" ] || transforms=$("$pastify" --list) || exit 2
threshold=${THRESHOLD:-0.95}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
keep=${METAMORPHIC_KEEP:-}
export LC_ALL=C TZ=UTC NO_COLOR=1
year=	# unquoted where used: empty or two words
case $("$bin" --help 2>&1) in
*--year*) year="--year 2020" ;;
esac

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
workers=
trap 'kill $workers 2>/dev/null; wait; exit 2' INT TERM
mkdir "$tmp/orig" "$tmp/res" || exit 2

# The tuple of an event; the original's list is $o[0].  (jq compiles a
# regular expression at each test(): names are deduplicated first.)
tuple='[.events[] | [.kind, .victim.pid, .victim.name, .invoker.name,
	.invoker.pid, .culprit.kind, .culprit.name]]'

# One result file per variant: "equal" or "differ", then "diff ..." and
# "name ..." lines.
# shellcheck disable=SC2016
check='
def fields: ["kind", "victim.pid", "victim.name", "invoker.name",
	"invoker.pid", "culprit.kind", "culprit.name"];
def any_dirt: length > 15 or test("^[>|] |^ *[0-9]+[\t:-]|\\[ *[0-9]+\\.[0-9]+\\]|[0-9]:[0-9][0-9]:[0-9][0-9]|kernel:|\u001b|\r|=3D|/var/log/|com\\.docker\\.|Guest: <|vcpu-[0-9]|printk messages dropped");
def dirt:
	[ (select(test("^[>|] ")) | "quote marker"),
	  (select(test("^[0-9]+[:-]") and (test("^[0-9]{4}-[0-9]{2}-") | not))
	   | "grep -n prefix"),
	  (select(test("^ *[0-9]+\t")) | "cat -n prefix"),
	  (select(test("\\[ *[0-9]+\\.[0-9]+\\]")) | "uptime stamp"),
	  (select(test("(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2}")) | "syslog or ctime time"),
	  (select(test("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")) | "date-time stamp"),
	  (select(test("kernel:")) | "kernel: tag"),
	  (select(test("\u001b")) | "ESC byte"),
	  (select(test("\r")) | "CR byte"),
	  (select(test("=3D")) | "quoted-printable"),
	  (select(test("/var/log/|com\\.docker\\.|Guest: <|vcpu-[0-9]")) | "wrapper text"),
	  (select(test("printk messages dropped")) | "dropped marker"),
	  (select(length > 15) | "longer than a comm") ]
	| select(length > 0) | join(", ");
def diffs($a; $b):
	[ (select(($a | length) != ($b | length))
	   | "events \($a | length) -> \($b | length)"),
	  (range(0; [($a | length), ($b | length)] | max) as $i
	   | if $i >= ($b | length) then "#\($i + 1) lost \($a[$i] | tojson)"
	     elif $i >= ($a | length) then "#\($i + 1) extra \($b[$i] | tojson)"
	     elif $a[$i] == $b[$i] then empty
	     else "#\($i + 1) " + ([range(0; 7) as $k
		| select($a[$i][$k] != $b[$i][$k])
		| "\(fields[$k]) \($a[$i][$k] | tojson) -> \($b[$i][$k] | tojson)"]
		| join(", "))
	     end) ]
	| (.[0:4][]), (select(length > 4) | "... \(length - 4) more")
	| "diff " + .;
def names:
	.events | to_entries[] | (.key + 1) as $n | .value
	| ([.. | objects | .name? | strings] | unique | map(select(any_dirt)))
		as $bad | select($bad != [])
	| paths(type == "string") as $p | select($p[-1] == "name")
	| getpath($p) as $s | select(any($bad[]; . == $s))
	| ($p | map(tostring) | join(".")) as $where | $s | dirt
	| "name #\($n) \($where) \($s | tojson): \(.)";
'"$tuple"' as $b | $o[0] as $a
| (if $a == $b then "equal" else "differ", diffs($a; $b) end),
  ([names] | (.[0:4][]), (select(length > 4) | "name ... \(length - 4) more"))
'

# variant FIXTURE TRANSFORM: writes $tmp/res/TRANSFORM.FIXTURE
# shellcheck disable=SC2086
variant() {
	v=$tmp/res/$2.$1
	if ! "$pastify" "$2" <"$fixtures/$1.log" >"$v.log" 2>"$v.err"; then
		echo "differ" >"$v"
		echo "diff pastify failed: $(head -n 1 "$v.err")" >>"$v"
	elif ! "$bin" --json $year "$v.log" >"$v.json" 2>"$v.err"; then
		echo "differ" >"$v"
		echo "diff oomscope failed: $(head -n 1 "$v.err")" >>"$v"
	elif ! jq -r --slurpfile o "$tmp/orig/$1" "$check" "$v.json" \
		>"$v" 2>"$v.err"; then
		echo "differ" >"$v"
		echo "diff no JSON document: $(head -n 1 "$v.err")" >>"$v"
	fi
	if [ -n "$keep" ] && [ -f "$v.log" ] &&
		{ [ "$(head -n 1 "$v")" != equal ] || [ "$(wc -l <"$v")" -gt 1 ]; }; then
		cp "$v.log" "$keep/$1.$2.log"
	fi
	rm -f "$v.log" "$v.json" "$v.err"
}

# The fixtures with events, and their tuples.
names=
for log in "$fixtures"/*.log; do
	fx=$(basename "$log" .log)
	case $fx in no-oom-* | synthetic-*) continue ;; esac
	# shellcheck disable=SC2086
	if ! "$bin" --json $year "$log" >"$tmp/orig.json" 2>"$tmp/orig.err" ||
		! jq -c "$tuple" "$tmp/orig.json" >"$tmp/orig/$fx"; then
		echo "metamorphic: oomscope fails on $fx: $(head -n 1 "$tmp/orig.err")"
		exit 2
	fi
	[ "$(cat "$tmp/orig/$fx")" = "[]" ] && continue
	names="$names $fx"
done
[ -n "$names" ] || { echo "metamorphic: no fixture with events"; exit 2; }
for t in $transforms; do
	"$pastify" "$t" </dev/null >/dev/null 2>&1 ||
		{ echo "metamorphic: unknown transform '$t'"; exit 2; }
done
jq -n --argjson t "$threshold" '$t | numbers' >/dev/null 2>&1 ||
	{ echo "metamorphic: THRESHOLD '$threshold' is not a number"; exit 2; }
[ -z "$keep" ] || mkdir -p "$keep" || exit 2

# Fixture-major job numbers, dealt round-robin to the workers.
k=0
while [ "$k" -lt "$jobs" ]; do
	(
		i=0
		for fx in $names; do
			for t in $transforms; do
				[ $((i % jobs)) -eq "$k" ] && variant "$fx" "$t"
				i=$((i + 1))
			done
		done
	) &
	workers="$workers $!"
	k=$((k + 1))
done
wait

# verdict FILE: 0 equal and clean, 1 equal with unclean names, 2 differ
verdict() {
	if [ "$(head -n 1 "$1")" != equal ]; then
		return 2
	fi
	[ "$(wc -l <"$1")" -eq 1 ] || return 1
}

passed=0 failed=0 equal=0 total=0 unclean=0
for t in $transforms; do
	n=0 eq=0
	for fx in $names; do
		n=$((n + 1))
		verdict "$tmp/res/$t.$fx"
		[ $? -lt 2 ] && eq=$((eq + 1))
	done
	echo "transform $t: $eq/$n variants equal"
	equal=$((equal + eq)) total=$((total + n))
	for fx in $names; do
		r=$tmp/res/$t.$fx
		if verdict "$r"; then
			passed=$((passed + 1))
			continue
		fi
		failed=$((failed + 1))
		echo "  $fx:"
		tail -n +2 "$r" | while IFS= read -r line; do
			echo "    $line"
			case $line in "name #"*) : >"$tmp/unclean" ;; esac
		done
	done
done
[ -f "$tmp/unclean" ] && unclean=1

ok=$(jq -n --argjson e "$equal" --argjson n "$total" \
	--argjson t "$threshold" '$e / $n >= $t') || exit 2
echo "equal: $equal/$total (threshold $threshold)"
[ "$unclean" -eq 0 ] || echo "clean-name: violations found (name # lines above)"
echo "metamorphic: $passed passed, $failed failed"
[ "$ok" = true ] && [ "$unclean" -eq 0 ]
