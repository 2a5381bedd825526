#!/bin/bash
# End to end with the real programs (issue 15): prometheus.sh OOMSCOPE
#
# The node exporter on 127.0.0.1 reads a temporary textfile directory,
# Prometheus on 127.0.0.1 scrapes it every second into a temporary storage
# directory (ports picked free at run time); oomscope writes the metrics of
# every fixture there with --format=prom --output, and Prometheus' HTTP API
# is asked until sum(oomscope_oom_events_total) is the JSON's number of
# events (60 s at most).  Then the agent: oomscope -F --format=prom
# --output on a growing log; the counter must rise to each fixture's events
# as they are appended.  Every process started is stopped whatever happens.
# Exit 77 (skipped) when either program is missing (.ci/run installs
# Debian's prometheus and prometheus-node-exporter).
set -u
bin=$1
fx=$(cd "$(dirname "$0")/../../fixtures" && pwd)
prom=$(command -v prometheus) || { echo "no prometheus: skipped"; exit 77; }
nodex=$(command -v prometheus-node-exporter || command -v node_exporter) ||
	{ echo "no node exporter: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
export LC_ALL=C TZ=UTC
tmp=$(mktemp -d) || exit 1
pids=""
stop() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

# free_port: a port the kernel had free a moment ago
free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# get URL: the body, or nothing (and a non-zero status) when it fails
get() {
	python3 - "$1" <<'PY'
import sys, urllib.request
try:
    sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())
except Exception:
    sys.exit(1)
PY
}

# wait_for WHAT URL SECONDS: until URL answers
wait_for() {
	local i
	for ((i = 0; i < $3 * 5; i++)); do
		get "$2" >/dev/null && return 0
		sleep 0.2
	done
	echo "$1 did not answer $2 within $3 s"
	for f in "$tmp"/*.log; do echo "== $f"; tail -20 "$f"; done
	exit 1
}

# query EXPR: the value of an instant PromQL query's first sample, or ""
query() {
	python3 - "http://127.0.0.1:$pport/api/v1/query" "$1" <<'PY'
import json, sys, urllib.parse, urllib.request
url = sys.argv[1] + "?" + urllib.parse.urlencode({"query": sys.argv[2]})
try:
    r = json.load(urllib.request.urlopen(url, timeout=5))["data"]["result"]
    print(r[0]["value"][1] if r else "")
except Exception:
    print("")
PY
}

start=$(date +%s)
mkdir "$tmp/textfile" "$tmp/data"
nport=$(free_port) pport=$(free_port)
"$nodex" --web.listen-address="127.0.0.1:$nport" \
	--collector.disable-defaults --collector.textfile \
	--collector.textfile.directory="$tmp/textfile" \
	>"$tmp/node-exporter.log" 2>&1 &
pids="$pids $!"
cat >"$tmp/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$nport']
YML
"$prom" --config.file="$tmp/prometheus.yml" \
	--storage.tsdb.path="$tmp/data" \
	--web.listen-address="127.0.0.1:$pport" \
	>"$tmp/prometheus.log" 2>&1 &
pids="$pids $!"
wait_for "node exporter" "http://127.0.0.1:$nport/metrics" 30
wait_for prometheus "http://127.0.0.1:$pport/-/ready" 30

"$bin" --format=prom --output "$tmp/textfile/oomscope.prom" "$fx"/*.log ||
	{ echo "oomscope --format=prom: exit status $?"; exit 1; }
want=$("$bin" --json "$fx"/*.log | python3 -c \
	'import json, sys; print(len(json.load(sys.stdin)["events"]))')
[ "$want" -gt 0 ] || { echo "no events in the fixtures"; exit 1; }
# wait_sum WANT: until sum(oomscope_oom_events_total) is WANT (60 s)
wait_sum() {
	local i got=""
	for ((i = 0; i < 60; i++)); do
		got=$(query 'sum(oomscope_oom_events_total)')
		[ "$got" = "$1" ] && return 0
		sleep 1
	done
	echo "sum(oomscope_oom_events_total) is '$got' after 60 s, want $1"
	get "http://127.0.0.1:$nport/metrics" | grep -i 'textfile\|oomscope' |
		head -20
	exit 1
}
wait_sum "$want"
echo "all fixtures: sum(oomscope_oom_events_total) = $want = the JSON's" \
	"events, $(($(date +%s) - start)) s from start"
errs=$(query 'node_textfile_scrape_error')
[ "$errs" = 0 ] || { echo "node_textfile_scrape_error is '$errs'"; exit 1; }

# the agent, on a log that grows by one fixture and then another (two
# syslog fixtures: one prefix format, other hosts); its file replaces the
# one above, whose series would collide with its own
rm "$tmp/textfile/oomscope.prom"
: >"$tmp/grow.log"
"$bin" -F --format=prom --output "$tmp/textfile/agent.prom" "$tmp/grow.log" \
	2>"$tmp/agent.log" &
agent=$!
pids="$agent $pids"
total=0
for f in many-events-syslog-rhel6-new-db1 global-oom-syslog-rhel8-varnish; do
	n=$("$bin" --json "$fx/$f.log" | python3 -c \
		'import json, sys; print(len(json.load(sys.stdin)["events"]))')
	total=$((total + n))
	{ cat "$fx/$f.log"; echo; } >>"$tmp/grow.log"
	wait_sum "$total"
	echo "agent: +$f, sum(oomscope_oom_events_total) = $total," \
		"$(($(date +%s) - start)) s from start"
done
kill -TERM "$agent"
wait "$agent" || { echo "agent: exit status $? after SIGTERM"; exit 1; }
