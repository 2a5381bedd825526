#!/bin/sh
# reader_thread.sh OOMSCOPE FIXTURES: every fixture, plain and compressed
# (gzip, xz, zstd), gives the same JSON with the reader thread as without
# (OOMSCOPE_READER_THREAD=always / never), and the same stderr.
set -u
bin=$1 fx=$2
export LC_ALL=C TZ=UTC NO_COLOR=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for log in "$fx"/*.log; do
	base=$(basename "$log")
	cp "$log" "$tmp/$base"
	gzip -c "$log" >"$tmp/$base.gz"
	xz -c "$log" >"$tmp/$base.xz"
	zstd -q -c "$log" >"$tmp/$base.zst"
	for f in "$tmp/$base" "$tmp/$base.gz" "$tmp/$base.xz" "$tmp/$base.zst"; do
		OOMSCOPE_READER_THREAD=never "$bin" --json --year=2026 "$f" \
			>"$tmp/one.json" 2>"$tmp/one.err"
		OOMSCOPE_READER_THREAD=always "$bin" --json --year=2026 "$f" \
			>"$tmp/two.json" 2>"$tmp/two.err"
		if ! cmp -s "$tmp/one.json" "$tmp/two.json" ||
		   ! cmp -s "$tmp/one.err" "$tmp/two.err"; then
			echo "differs with the reader thread: $f"
			diff "$tmp/one.json" "$tmp/two.json" | head -5
			fail=1
		fi
		n=$((n + 1))
	done
	rm -f "$tmp/$base"*
done
echo "$n inputs compared"
exit $fail
