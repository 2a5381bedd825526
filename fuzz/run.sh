#!/bin/sh
# fuzz/run.sh DURATION [TARGET...]: builds the libFuzzer targets with clang
# (ASan + UBSan) and runs each for DURATION seconds, one after the other.
#
# The seed corpus is every fixtures/*.log cut into pieces of at most 200
# lines, plus one 70000-byte line (the line-length cap) and two fixtures as
# journalctl -o json records (with jq), the regression
# inputs of fuzz/regressions/<target>/ and the corpus grown by earlier runs
# (kept in the build directory).  A crash, leak, sanitizer report, hang
# (over 25 s on one input) or failed output check makes the script exit 1
# once all targets have run; copy the reported crash-* file into
# fuzz/regressions/<target>/ after fixing the bug, and the ctest
# fuzz.replay.<target> replays it from then on.
#
# BUILD_DIR (default build-fuzz) and CC (default clang) may be set; the
# exec counts are printed at the end ("stat::number_of_executed_units").
set -eu
[ $# -ge 1 ] || { echo "usage: fuzz/run.sh DURATION [TARGET...]" >&2; exit 2; }
dur=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
targets=${*:-fuzz_pipeline fuzz_prefix fuzz_input}

CC=${CC:-clang} cmake -S "$root" -B "$build" -DOOMSCOPE_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc)" --target $targets >/dev/null

seeds=$build/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds"
for log in "$root"/fixtures/*.log; do
	split -l 200 -a 3 "$log" "$seeds/$(basename "$log" .log)-"
done
head -c 70000 /dev/zero | tr '\0' 'x' >"$seeds/long-line"
# journalctl -o json records of two dmesg fixtures (the journal reader)
if command -v jq >/dev/null; then
	for f in memcg-oom-dmesg-618-hog manual-oom-dmesg-nixos618; do
		jq -R -c '{_TRANSPORT: "kernel", _HOSTNAME: "h",
			MESSAGE: sub("^\\[ *[0-9.]+\\] "; ""),
			__REALTIME_TIMESTAMP: "1795255200123456",
			_SOURCE_MONOTONIC_TIMESTAMP: "89703652"}' \
			<"$root/fixtures/$f.log" >"$seeds/journal-$f"
	done
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fail=0
for t in $targets; do
	corpus=$build/fuzz-corpus/$t art=$build/fuzz-artifacts/$t/
	mkdir -p "$corpus" "$art"
	maxlen=32768
	[ "$t" = fuzz_input ] && maxlen=140000
	echo "== $t: $dur s"
	if ! "$build/fuzz/$t" -max_total_time="$dur" -timeout=25 \
		-max_len="$maxlen" -dict="$root/fuzz/oom.dict" \
		-artifact_prefix="$art" -print_final_stats=1 \
		"$corpus" "$seeds" "$root/fuzz/regressions/$t" \
		>"$build/fuzz-$t.log" 2>&1; then
		tail -60 "$build/fuzz-$t.log"
		echo "fuzz: $t FAILED; input saved in $art"
		fail=1
	fi
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" \
		"$build/fuzz-$t.log" | sed "s/^/$t: /"
done
exit $fail
