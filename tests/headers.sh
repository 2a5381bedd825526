#!/bin/sh
# Public headers are self-contained: headers.sh CC INCLUDE_DIR
#
# Compiles a translation unit holding nothing but one header of
# INCLUDE_DIR/oomscope/ (twice, for the include guard), with no macro
# defined first and only INCLUDE_DIR on the include path: a header that
# leans on a private one from src/, on _GNU_SOURCE or on something its
# includer happened to include first fails here.  Also checks the guard's
# name (OOMSCOPE_<NAME>_H).
set -u
cc=$1 inc=$2
export LC_ALL=C
fail=0
for h in "$inc"/oomscope/*.h; do
	name=$(basename "$h")
	guard=OOMSCOPE_$(basename "$h" .h | tr '[:lower:]' '[:upper:]')_H
	grep -q "^#ifndef $guard\$" "$h" ||
		{ echo "$name: no include guard $guard"; fail=1; }
	printf '#include "oomscope/%s"\n#include "oomscope/%s"\n' \
		"$name" "$name" |
		"$cc" -fsyntax-only -std=c11 -pedantic -Wall -Wextra -Werror \
			-I"$inc" -x c - ||
		{ echo "$name: does not compile on its own"; fail=1; }
done
exit $fail
