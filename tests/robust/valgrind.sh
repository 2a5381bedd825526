#!/bin/sh
# Stands in for the oomscope binary in golden.sh (ctest label "valgrind"):
# runs OOMSCOPE_VALGRIND_BIN under valgrind's memcheck with the arguments
# given.  Any memory error or leak (definite, indirect or possible) makes
# the exit status 99, which the golden test reports as a failure; still
# reachable blocks are not leaks.
exec "${VALGRIND:-valgrind}" -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--track-origins=yes "$OOMSCOPE_VALGRIND_BIN" "$@"
