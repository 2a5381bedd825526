#!/bin/sh
# package.sh BUILDDIR SRCDIR: `cmake --install` into a temporary prefix puts
# the binary, the man page, the bash completion, the JSON Schema and the
# metrics agent's systemd unit in
# place; `cpack -G DEB` builds a .deb holding them under /usr, with its
# library dependencies, whose binary runs once unpacked.  The completion
# file offers every long option of cli.c.
set -u
build=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
files="bin/oomscope share/man/man1/oomscope.1
	share/bash-completion/completions/oomscope
	share/doc/oomscope/oomscope.schema.json
	lib/systemd/system/oomscope-exporter.service"

cmake --install "$build" --prefix "$tmp/root" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; echo "cmake --install failed"; exit 1; }
for f in $files; do
	[ -f "$tmp/root/$f" ] || { echo "not installed: $f"; fail=1; }
done
"$tmp/root/bin/oomscope" --version | grep -q '^oomscope [0-9]' ||
	{ echo "installed binary does not run"; fail=1; }

opts=$(sed -n '/^static const struct option longopts/,/^};/p' "$src/src/cli.c" |
	grep -o '{ "[a-z-]*"' | sed 's/{ "//; s/"//')
for o in $opts; do
	grep -q -- "--$o\b" "$src/completion/oomscope.bash" ||
		{ echo "--$o missing from completion/oomscope.bash"; fail=1; }
done
bash -n "$src/completion/oomscope.bash" || { echo "completion: bad syntax"; fail=1; }

if ! command -v dpkg-deb >/dev/null; then
	echo "no dpkg-deb: .deb not checked"
	exit $fail
fi
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB \
	-B "$tmp/pkg") >"$tmp/log" 2>&1 || { cat "$tmp/log"; echo "cpack failed"; exit 1; }
deb=$(ls "$tmp"/pkg/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "cpack made no .deb"; exit 1; }
dpkg-deb -c "$deb" >"$tmp/list"
for f in $files; do
	case $f in share/doc/*) f=share/doc/oomscope/oomscope.schema.json ;; esac
	grep -q " \./usr/$f\$" "$tmp/list" || { echo ".deb lacks /usr/$f"; fail=1; }
done
dpkg-deb -f "$deb" Depends | grep -q libcjson ||
	{ echo ".deb Depends lacks libcjson: $(dpkg-deb -f "$deb" Depends)"; fail=1; }
dpkg-deb -x "$deb" "$tmp/x"
grep -q '^ExecStart=/usr/bin/oomscope ' \
	"$tmp/x/usr/lib/systemd/system/oomscope-exporter.service" 2>/dev/null ||
	{ echo "the packaged unit does not run /usr/bin/oomscope"; fail=1; }
"$tmp/x/usr/bin/oomscope" --version | grep -q '^oomscope [0-9]' ||
	{ echo "the packaged binary does not run"; fail=1; }
exit $fail
