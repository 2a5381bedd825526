#!/bin/sh
# selection.sh OOMSCOPE SRCDIR: the selection options, --sort, duplicate
# removal, --redact and compressed standard input, end to end on fixtures.
# Each check compares "id:victim:pid" of the JSON events with the expected
# list; the expected values were read off the raw logs by hand (the event
# times and pids of many-events-syslog-rhel6-new-db1.log are listed in
# fixtures/many-events-syslog-rhel6-new-db1.json).
set -u
bin=$1
cd "$2/fixtures" || exit 1
export LC_ALL=C TZ=UTC NO_COLOR=1
many=many-events-syslog-rhel6-new-db1.log    # 20 events, Jun 20, new-db1
codis=global-oom-syslog-centos6-codis.log    # 1 event, Nov 13, vm-centos6
fail=0

got() {
	"$bin" --json --year 2026 "$@" |
		jq -r '[.events[] | "\(.id):\(.victim.name):\(.victim.pid)"] | join(" ")'
}

check() {
	want=$1
	shift
	have=$(got "$@")
	if [ "$have" != "$want" ]; then
		echo "oomscope $*:"
		echo "  got  '$have'"
		echo "  want '$want'"
		fail=1
	fi
}

count() {
	want=$1
	shift
	have=$("$bin" --json --year 2026 "$@" | jq '.events | length')
	[ "$have" = "$want" ] || { echo "oomscope $*: $have events, want $want"; fail=1; }
}

last2="1:php-fpm:14420 2:php-fpm:14421"
check "1:mysqld:40738" --killed mysqld $many $codis
check "1:codis-server:4492" --host VM-CENTOS6 $many $codis
count 20 --host new-db1 $many $codis
check "1:php-fpm:14278" --pid 14278 $many            # event 3's victim
check "1:php-fpm:14278" --pid 4903 $many             # event 3's invoker
check "1:php-fpm:14278" --event 3 $many
check "$last2" --last 2 $many
check "1:php-fpm:14418 2:php-fpm:14419 3:php-fpm:14420 4:php-fpm:14421" \
	--since "2026-06-20 12:48:17" $many
check "1:mysqld:40738" --until "2026-06-20T12:47:02Z" $many
check "1:php-fpm:14290 2:php-fpm:14293" \
	--since "2026-06-20 12:47:43" --until "2026-06-20 12:47:43" $many
check "1:php-fpm:14290 2:php-fpm:14293" \
	--since "2026-06-20 13:47:43+01:00" --until "2026-06-20 12:47:43" $many
count 21 --since 30000d $many $codis
count 0 --until 30000d $many $codis
check "" --host new-db1 --killed codis-server $many $codis
# --event counts the selected events; --last applies after --event
check "1:php-fpm:14290" --since "2026-06-20 12:47:43" --event 1 $many
check "1:php-fpm:14421" --host new-db1 --last 1 $many $codis

# --sort: codis (Nov 13) was given first but happened after Jun 20
check "1:codis-server:4492" --last 1 --sort $many $codis
check "1:codis-server:4492" --event 1 $codis $many
check "1:mysqld:40738" --sort --event 1 $codis $many
check "1:codis-server:4492" --sort --event 21 $codis $many
check "" --sort --event 22 $codis $many

# the same events read twice are reported once
count 20 $many $many
count 40 --keep-duplicates $many $many
count 2 memcg-oom-dmesg-618-innocent.log memcg-oom-dmesg-T-618-innocent.log \
	memcg-oom-dmesg-iso-618-innocent.log memcg-oom-dmesg-x-618-innocent.log

# --redact: no host name left anywhere, in any format
for fmt in --json --markdown --ndjson ""; do
	n=$("$bin" $fmt --year 2026 --redact $many $codis | grep -c -e new-db1 -e vm-centos6)
	[ "$n" = 0 ] || { echo "--redact $fmt: host names left"; fail=1; }
done
have=$("$bin" --json --year 2026 --redact $codis $many | jq -r '[.events[].host] | unique | join(" ")')
[ "$have" = "host-1 host-2" ] || { echo "--redact hosts: '$have'"; fail=1; }

# -e counts what was reported
"$bin" -e --killed nobody $many >/dev/null
[ $? = 0 ] || { echo "-e with nothing selected: not 0"; fail=1; }
"$bin" -e --killed mysqld $many >/dev/null
[ $? = 3 ] || { echo "-e with one event selected: not 3"; fail=1; }

# compressed standard input gives the same events as the plain file
for z in "gzip -c" "xz -c" "zstd -q -c"; do
	command -v ${z%% *} >/dev/null || continue
	have=$($z <$many | "$bin" --json --year 2026 - |
		jq -r '[.events[] | "\(.victim.pid)"] | join(" ")')
	want=$("$bin" --json --year 2026 $many |
		jq -r '[.events[] | "\(.victim.pid)"] | join(" ")')
	[ "$have" = "$want" ] || { echo "$z: events differ"; fail=1; }
done

# --markdown: the title line counts what was selected
"$bin" --markdown --year 2026 --host new-db1 $many $codis |
	head -1 | grep -qx "# OOM report: 20 events on new-db1" ||
	{ echo "--markdown title"; fail=1; }
# NDJSON: one line per event
n=$("$bin" --ndjson --year 2026 $many $codis | wc -l)
[ "$n" = 21 ] || { echo "--ndjson: $n lines, want 21"; fail=1; }
exit $fail
