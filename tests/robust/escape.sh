#!/bin/sh
# Escaping (issue 7): escape.sh OOMSCOPE CASE
#
# Process names, cgroup paths and host names are bytes chosen by whoever
# ran the process or wrote the log.  Each case puts hostile strings in one
# of them by rewriting a real fixture at test time (the strings are
# hand-made: escape sequences, a bare control byte, C1 controls, invalid
# UTF-8, bidi overrides, '|', backticks, <script>, a Markdown link):
#   name    the victim/invoker "hog" of memcg-oom-dmesg-618-hog.log
#   cgroup  its memory cgroup "/oomtest"
#   host    the host "hnsin-varnish" of global-oom-syslog-rhel8-varnish.log
# and checks every output:
#   text      (default and -v) no control byte but LF, no C1 control, no
#             bidi override, valid UTF-8
#   JSON      jq parses it, valid UTF-8, and the string comes back as the
#             log had it (invalid bytes as U+FFFD)
#   Markdown  the same as text outside code fences, every table row has
#             its table's column count, no raw <script>, no link
set -u
# The cases: the one list (tests/CMakeLists.txt runs "escape.sh --list"
# when configuring and makes a ctest robust.escape.CASE of each).
cases="name cgroup host"
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

# awk -v turns the \NNN escapes into bytes
hostile() {
	cat <<'LIST'
\033]0;pwned\007\033[2J
a\001b\177c\033
x\302\233y\233z
\377\376\300\257
\342\200\256evil\342\201\246
a|b|c
`rm -rf /`
<script>x</script>
[x](http://e)
LIST
}

# subst FROM TO FILE: every FROM replaced by TO (literal, bytes)
subst() {
	awk -v from="$1" -v to="$2" '{
		out = ""
		while ((i = index($0, from)) > 0) {
			out = out substr($0, 1, i - 1) to
			$0 = substr($0, i + length(from))
		}
		print out $0
	}' "$3"
}

bad() { printf '%s: %s\n' "$what" "$*"; fail=1; }

valid_utf8() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || bad "$2: invalid UTF-8"
}

# terminal-safe: no C0 but LF, no DEL, no C1 (U+0080-U+009F), no bidi
# override or isolate (U+202A-U+202E, U+2066-U+2069)
safe_text() {
	valid_utf8 "$1" "$2"
	if tr -d '\n' <"$1" | grep -q '[[:cntrl:]]'; then
		bad "$2: raw control byte"
	fi
	if grep -q "$(printf '\302[\200-\237]')" "$1" ||
	   grep -q "$(printf '\342\200[\252-\256]')" "$1" ||
	   grep -q "$(printf '\342\201[\246-\251]')" "$1"; then
		bad "$2: raw C1 control or bidi override"
	fi
}

# Markdown outside code fences: table rows keep the column count of their
# table (pipes not escaped by a backslash), no raw HTML, no link
safe_md() {
	awk '/^(```|~~~)/ { fence = !fence; next } !fence' "$1" >"$tmp/prose"
	safe_text "$1" "markdown"
	sed -e 's/\\\\//g' -e 's/\\|//g' "$tmp/prose" | awk '
		/^\|/ { n = gsub(/\|/, "|"); if (!cols) cols = n
			else if (n != cols) { print NR ": " n " columns, not " cols; bad = 1 } }
		!/^\|/ { cols = 0 }
		END { exit bad }' || bad "markdown: a table row lost its shape"
	if grep -q '<script' "$tmp/prose"; then bad "markdown: raw <script>"; fi
	if sed -e 's/\\\\//g' -e 's/\\[][()]//g' "$tmp/prose" | grep -q ']('; then
		bad "markdown: a link"
	fi
}

# check LOG JQ-PATH WANT: every output of LOG is safe, and JQ-PATH (a
# string of the first event) is WANT byte for byte
check() {
	"$bin" --color=never "$1" >"$tmp/text" || bad "text: exit status $?"
	safe_text "$tmp/text" text
	"$bin" --color=never -v "$1" >"$tmp/verbose" || bad "-v: exit status $?"
	safe_text "$tmp/verbose" "text -v"
	"$bin" --markdown "$1" >"$tmp/md" || bad "markdown: exit status $?"
	safe_md "$tmp/md"
	"$bin" --json "$1" >"$tmp/json" || bad "json: exit status $?"
	valid_utf8 "$tmp/json" json
	jq -j "$2" "$tmp/json" >"$tmp/got" 2>/dev/null || bad "json: no parse"
	printf '%s' "$3" >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || bad "json: $2 is not the log's bytes"
}

# as_json S: S with each invalid UTF-8 byte replaced by U+FFFD, as JSON
# strings carry it (iconv -c drops, so the known invalid string is spelt)
as_json() {
	case $1 in
	"$(printf '\377\376\300\257')") printf '\357\277\275%.0s' 1 2 3 4 ;;
	"$(printf 'x\302\233y\233z')") printf 'x\302\233y\357\277\275z' ;;
	*) printf '%s' "$1" ;;
	esac
}

hostile | while IFS= read -r h; do
	s=$(awk -v s="$h" 'BEGIN { printf "%s", s }')
	what="$case_ '$h'"
	case $case_ in
	name)
		subst hog "$s" "$fx/memcg-oom-dmesg-618-hog.log" >"$tmp/in.log"
		check "$tmp/in.log" '.events[0].victim.name' "$(as_json "$s")" ;;
	cgroup)
		subst /oomtest "/$s" "$fx/memcg-oom-dmesg-618-hog.log" \
			>"$tmp/in.log"
		check "$tmp/in.log" '.events[0].memcg.path' "/$(as_json "$s")" ;;
	host)
		# a host name has no blank (syslog's field separator)
		case $s in *" "*) continue ;; esac
		subst hnsin-varnish "$s" \
			"$fx/global-oom-syslog-rhel8-varnish.log" >"$tmp/in.log"
		check "$tmp/in.log" '.events[0].host' "$(as_json "$s")" ;;
	*)
		echo "unknown case $case_"; exit 2 ;;
	esac
	[ $fail = 0 ] || exit 1
done
