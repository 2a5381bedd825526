#!/bin/sh
# Spoofed kernel lines (issue 7): spoof.sh OOMSCOPE CASE
#
# Lines that user space wrote (logger(1), a process writing /dev/kmsg) must
# not become kernel events.  Every input here is a real fixture rewritten
# by sed/awk at test time; the rewritten lines are hand-made by nature
# (that is the point: they are what an attacker would write).
#  syslog-tag      every "kernel:" tag of a syslog fixture replaced by
#                  another program's tag ("logger:", "myapp[7]:",
#                  "Kernel:", "kernel" without colon): no event
#  syslog-tag-pid  "kernel[4242]:" as logger -i -t kernel writes it (and
#                  journald for any logger -t kernel): no event
#  syslog-inject   a forged kill line naming pid 1 (systemd) put before the
#                  real one, and the real kill line's tag changed: the event
#                  keeps the real victim / has none, never the forged one
#  kmsg-facility   a dmesg fixture turned into /dev/kmsg records: with
#                  facility 0 (kernel) the same event; with facility 1
#                  (user, what a write to /dev/kmsg gets) no event; the same
#                  for dmesg -r "<N>" prefixes and dmesg -x "user  :" ones
# journalctl -o json (_TRANSPORT) is tested with the journal input itself.
set -u
# The cases: the one list (tests/CMakeLists.txt runs "spoof.sh --list"
# when configuring and makes a ctest robust.spoof.CASE of each).
cases="syslog-tag syslog-inject kmsg-facility syslog-tag-pid"
# shellcheck disable=SC2086
[ "${1:-}" = --list ] && { printf '%s\n' $cases; exit 0; }
bin=$1 case_=$2
known=0
for c in $cases; do [ "$c" = "$case_" ] && known=1; done
[ $known = 1 ] || { echo "unknown case $case_ (not in the list)"; exit 2; }
fx=$(cd "$(dirname "$0")/../../fixtures" && pwd)
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# check FILE JQ-TEST: the test holds on oomscope's JSON for FILE
check() {
	"$bin" --json --year=2026 "$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 0 ] || { echo "$1: exit status $rc"; cat "$tmp/err"; fail=1; }
	jq -e "$2" "$tmp/out" >/dev/null || {
		echo "$1: fails $2"
		jq -c '[.events[] | {kind, victim: .victim.name,
			pid: .victim.pid, missing}], .inputs' "$tmp/out"
		fail=1
	}
}

case $case_ in
syslog-tag)
	log=$fx/global-oom-syslog-rhel8-varnish.log
	check "$log" '.events | length == 1'
	for tag in 'logger:' 'myapp[7]:' 'Kernel:' 'kernel'; do
		sed "s/ kernel: / $tag /" "$log" >"$tmp/spoof.log"
		check "$tmp/spoof.log" \
			'(.events | length == 0) and .inputs[0].non_kernel_lines > 0'
	done ;;
syslog-tag-pid)
	# logger -i -t kernel, or any logger -t kernel through journald
	# (journalctl and rsyslog's imjournal add the sender's pid)
	log=$fx/global-oom-syslog-rhel8-varnish.log
	sed "s/ kernel: / kernel[4242]: /" "$log" >"$tmp/spoof.log"
	check "$tmp/spoof.log" '.events | length == 0' ;;
syslog-inject)
	log=$fx/global-oom-syslog-rhel8-varnish.log
	real=$(grep -n 'kernel: Out of memory: Killed process' "$log" |
		cut -d: -f1)
	[ -n "$real" ] || { echo "no kill line in $log"; exit 1; }
	# a forged kill line, as `logger` would log it, before the real one
	sed "${real}i\\
Sep 29 08:12:35 hnsin-varnish logger: Out of memory: Killed process 1 (systemd) total-vm:171224kB, anon-rss:9999999kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:100kB oom_score_adj:0" \
		"$log" >"$tmp/inject.log"
	check "$log" '.events[0].victim.pid != 1 and .events[0].victim.pid != null'
	pid=$(jq '.events[0].victim.pid' "$tmp/out")
	check "$tmp/inject.log" "(.events | length == 1) and
		.events[0].victim.pid == $pid and
		([.events[0].victims[].pid] | index(1) == null)"
	# the real kill line re-tagged: the event has no victim at all
	sed "${real}s/ kernel: / logger: /" "$log" >"$tmp/retag.log"
	check "$tmp/retag.log" '(.events | length == 1) and
		.events[0].victim.pid == null and
		(.events[0].victims | length == 0)' ;;
kmsg-facility)
	log=$fx/memcg-oom-dmesg-618-hog.log
	# "[   89.703652] msg" -> "PRI,SEQ,USEC,-;msg" (kernel/printk's format)
	tokmsg() {
		awk -v pri="$1" '{
			match($0, /^\[ *[0-9]+\.[0-9]+\] /)
			ts = substr($0, 2, RLENGTH - 3); gsub(/[ .]/, "", ts)
			printf "%s,%d,%s,-;%s\n", pri, NR, ts + 0,
				substr($0, RLENGTH + 1)
		}' "$log"
	}
	tokmsg 4 >"$tmp/kern.kmsg"
	check "$tmp/kern.kmsg" '(.events | length == 1) and
		.events[0].victim.name == "hog" and .events[0].complete'
	tokmsg 12 >"$tmp/user.kmsg"
	check "$tmp/user.kmsg" '.events | length == 0'
	# dmesg -r: "<12>[   89.703652] msg" is facility 1, level 4
	sed 's/^/<12>/' "$log" >"$tmp/raw.log"
	check "$tmp/raw.log" '.events | length == 0'
	sed 's/^/<4>/' "$log" >"$tmp/raw4.log"
	check "$tmp/raw4.log" '.events | length == 1'
	# dmesg -x: "user  :warn  : [   89.703652] msg"
	sed 's/^/user  :warn  : /' "$log" >"$tmp/decode.log"
	check "$tmp/decode.log" '.events | length == 0'
	sed 's/^/kern  :warn  : /' "$log" >"$tmp/decode0.log"
	check "$tmp/decode0.log" '.events | length == 1' ;;
*)
	echo "unknown case $case_"; exit 2 ;;
esac
exit $fail
