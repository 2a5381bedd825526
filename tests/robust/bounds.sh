#!/bin/sh
# Resource bounds (issue 7): bounds.sh OOMSCOPE CASE
#
# Pathological inputs generated at test time from a real fixture (the
# repeated and widened lines are hand-made by nature).  The assertions are
# deterministic (caps and counters in the JSON), never timings; the memory
# and time figures are measured by hand (see the man page's LIMITS).
#   tasks-million  memcg-oom-dmesg-618-hog.log with 1,000,000 task rows:
#                  100000 kept (OOM_MAX_TASKS), all 1,000,000 counted, the
#                  kill line after the table still read
#   trigger-100k   its trigger line 100,000 times and nothing else: 100,000
#                  partial events, streamed (--last 1 keeps one)
#   host-1mb       global-oom-syslog-rhel8-varnish.log with a 1 MB host
#                  name: every line is cut at 64 KiB (counted) and holds no
#                  message any more; with a 60000-byte host the event is
#                  read and the host cut to 255 bytes (counted)
#   cgroup-1mb     the hog fixture's cgroup "/oomtest" made 1 MB long: the
#                  path is cut to 1023 bytes (counted), the event complete
set -u
# The cases: the one list (tests/CMakeLists.txt runs "bounds.sh --list"
# when configuring and makes a ctest robust.bounds.CASE of each).
cases="tasks-million trigger-100k host-1mb cgroup-1mb"
# shellcheck disable=SC2086
[ "${1:-}" = --list ] && { printf '%s\n' $cases; exit 0; }
bin=$1 case_=$2
known=0
for c in $cases; do [ "$c" = "$case_" ] && known=1; done
[ $known = 1 ] || { echo "unknown case $case_ (not in the list)"; exit 2; }
fx=$(cd "$(dirname "$0")/../../fixtures" && pwd)
hog=$fx/memcg-oom-dmesg-618-hog.log
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# check FILE JQ-TEST [OPTION...]: oomscope --json exits 0 and the test holds
check() {
	f=$1 t=$2
	shift 2
	"$bin" --json --year=2026 "$@" "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 0 ] || { echo "$f: exit status $rc"; cat "$tmp/err"; fail=1; }
	jq -e "$t" "$tmp/out" >/dev/null || {
		echo "$f: fails $t"
		jq -c '[.events[] | {host, path: .memcg.path, victim: .victim.name,
			tt: .task_table, parse}], .inputs' "$tmp/out" | cut -c1-2000
		fail=1
	}
}

# widen FROM N FILE: every FROM in FILE replaced by N copies of its last
# character after the first ones ("/oomtest" -> "/oomtesttttt...")
widen() {
	awk -v from="$1" -v n="$2" 'BEGIN {
		c = substr(from, length(from)); s = c
		while (length(s) < n) s = s s
		to = substr(from, 1, length(from) - 1) substr(s, 1, n)
	} {
		out = ""
		while ((i = index($0, from)) > 0) {
			out = out substr($0, 1, i - 1) to
			$0 = substr($0, i + length(from))
		}
		print out $0
	}' "$3"
}

case $case_ in
tasks-million)
	# lines 1-75: the report up to the table header; 76: the one row;
	# 77-78: oom-kill: and the kill line
	{
		sed -n 1,75p "$hog"
		awk 'BEGIN { for (i = 0; i < 1000000; i++)
			printf "[   89.704573] [%7d]     0 %7d    17067    %5d    16320      254         0   176128        0             0 w%d\n",
				3000 + i, 3000 + i, i % 50000, i }'
		sed -n 77,78p "$hog"
	} >"$tmp/tasks.log"
	check "$tmp/tasks.log" '(.events | length == 1) and
		(.events[0] | .task_table.rows_seen == 1000000 and
		 .task_table.rows_kept == 100000 and (.tasks | length) == 100000
		 and .victim.name == "hog" and .complete)' ;;
trigger-100k)
	sed -n 1p "$hog" >"$tmp/one"
	awk '{ for (i = 0; i < 100000; i++) print }' "$tmp/one" >"$tmp/trig.log"
	check "$tmp/trig.log" '.inputs[0].events == 100000 and
		(.events | length) == 1 and .events[0].source.first_line == 100000
		and .events[0].complete == false' --last 1 ;;
host-1mb)
	widen hnsin-varnish 1000000 "$fx/global-oom-syslog-rhel8-varnish.log" \
		>"$tmp/host.log"
	check "$tmp/host.log" '(.events | length == 0) and
		.inputs[0].long_lines == 96 and .inputs[0].lines == 96'
	widen hnsin-varnish 60000 "$fx/global-oom-syslog-rhel8-varnish.log" \
		>"$tmp/host60k.log"
	check "$tmp/host60k.log" '(.events | length == 1) and
		(.events[0] | (.host | length) == 255 and
		 .parse.truncated_fields >= 1 and .victim.name == "cache-main")' ;;
cgroup-1mb)
	widen /oomtest 1000000 "$hog" >"$tmp/cg.log"
	check "$tmp/cg.log" '(.events | length == 1) and
		(.events[0] | (.memcg.path | length) == 1023 and
		 .parse.truncated_fields >= 1 and .victim.name == "hog" and
		 .complete) and .inputs[0].long_lines == 2' ;;
*)
	echo "unknown case $case_"; exit 2 ;;
esac
exit $fail
