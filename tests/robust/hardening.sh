#!/bin/sh
# Hardening (issue 7): hardening.sh OOMSCOPE SRCDIR
#
# checksec-like checks of a release binary with readelf(1):
#   PIE            ELF type DYN and FLAGS_1 PIE
#   full RELRO     a GNU_RELRO segment and BIND_NOW (lazy binding off)
#   NX stack       GNU_STACK without the execute flag
#   stack guard    __stack_chk_fail imported (-fstack-protector-strong)
#   FORTIFY        glibc's checked variants imported (__*_chk other than
#                  __stack_chk_fail: -D_FORTIFY_SOURCE=2 took effect)
# and a source audit of SRCDIR/src: no shell-outs or child processes
# (system, popen, exec*, fork, posix_spawn), no temporary files (mkstemp,
# tmpfile, tmpnam) but --output's own in cli_run.c, every open() read-only
# and no fopen() at all (output is stdout, or --output's file).  Exit 77 (skipped) without readelf.
set -u
bin=$1 src=$2/src
command -v readelf >/dev/null || exit 77
export LC_ALL=C
fail=0
bad() { echo "$*"; fail=1; }

readelf -hW "$bin" | grep -q 'Type: *DYN' || bad "not PIE (ELF type not DYN)"
readelf -dW "$bin" | grep -q 'FLAGS_1.*PIE' || bad "not PIE (no FLAGS_1 PIE)"
readelf -lW "$bin" | grep -q 'GNU_RELRO' || bad "no RELRO segment"
readelf -dW "$bin" | grep -Eq 'BIND_NOW|FLAGS_1.* NOW' ||
	bad "partial RELRO only (no BIND_NOW)"
readelf -lW "$bin" | grep 'GNU_STACK' | grep -q 'RWE' && bad "executable stack"
syms=$(readelf --dyn-syms -W "$bin")
echo "$syms" | grep -q '__stack_chk_fail' || bad "no stack protector"
echo "$syms" | grep -v '__stack_chk_fail' | grep -Eq '__[a-z0-9_]+_chk' ||
	bad "no FORTIFY_SOURCE (no __*_chk function imported)"

calls='(system|popen|execl|execlp|execle|execv|execvp|execve|fork|vfork|posix_spawn|posix_spawnp|mkstemp|mkostemp|tmpfile|tmpnam|tempnam|fopen|freopen|creat)'
# The one writer of a file is --output's (cli_run.c): mkstemp beside the
# target, then rename; it may use mkstemp and nothing else on the list.
if grep -nE "(^|[^a-z_])$calls *\(" "$src"/*.c | grep -v '^[^:]*:[0-9]*: *\*' |
	grep -v '^[^:]*cli_run\.c:[0-9]*:.*[^a-z_]mkstemp *('; then
	bad "a shell-out, child process, temporary file or fopen() above"
fi
if grep -nE '(^|[^a-z_])open(at)? *\(' "$src"/*.c | grep -v O_RDONLY |
	grep -v '^[^:]*:[0-9]*: *\*'; then
	bad "an open() that is not read-only above"
fi
exit $fail
