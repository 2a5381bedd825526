#!/bin/sh
# Static analysis gate (issue 7): tests/robust/lint.sh BUILD_DIR
#
# cppcheck and clang-tidy over BUILD_DIR/compile_commands.json (src/,
# fuzz/, tests/).  Use a build configured WITHOUT sanitizers and without
# _FORTIFY_SOURCE (CMAKE_BUILD_TYPE=Debug): glibc's fortify wrappers make
# clang-analyzer report va_lists as uninitialized.  Exit 1 on any finding.
#
# cppcheck (all files of the database): the warning, performance and
# portability classes.  Its style
# class is off: variableScope asks for declarations in inner blocks,
# against the kernel style of declaring at the top of a function.
#
# clang-tidy over src/ and fuzz/ (not tests/: cmocka's assert_* are not
# noreturn to the analyzer, which then reports the checked NULLs):
# clang-analyzer-* and bugprone-*, except:
#   security.insecureAPI.DeprecatedOrUnsafeBufferHandling
#           every memcpy/snprintf (wants C11 Annex K *_s functions)
#   bugprone-easily-swappable-parameters   (ptr, len) pairs everywhere
#   bugprone-implicit-widening-of-multiplication-result
#           int * int as a size_t, with both bounded far below overflow
#   bugprone-suspicious-string-compare     the house style is !strcmp()
#   bugprone-narrowing-conversions         (char)(c - 'A' + 'a') and alike
#   bugprone-branch-clone                  flat switch dispatchers
#   bugprone-sizeof-expression             sizeof(*v) where v is an array
#           of pointers (qsort of pointers, the ready queue): correct
#   bugprone-not-null-terminated-result    memcpy of counted bytes
#   bugprone-reserved-identifier           _GNU_SOURCE-style names
set -u
build=${1:?usage: lint.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
db=$build/compile_commands.json
[ -f "$db" ] || { echo "lint: no $db (configure with cmake first)"; exit 2; }
fail=0

if command -v cppcheck >/dev/null; then
	echo "== cppcheck"
	cppcheck --project="$db" --enable=warning,performance,portability \
		--inline-suppr --quiet --error-exitcode=1 -j"$(nproc)" \
		--suppress='*:/usr/*' || fail=1
else
	echo "lint: cppcheck not found"; fail=1
fi

checks='-*,clang-analyzer-*,bugprone-*'
for c in clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling \
	bugprone-easily-swappable-parameters \
	bugprone-implicit-widening-of-multiplication-result \
	bugprone-suspicious-string-compare bugprone-narrowing-conversions \
	bugprone-branch-clone bugprone-sizeof-expression \
	bugprone-not-null-terminated-result bugprone-reserved-identifier; do
	checks="$checks,-$c"
done
tidy=$(command -v run-clang-tidy || command -v run-clang-tidy-14)
if [ -n "$tidy" ]; then
	echo "== clang-tidy"
	"$tidy" -p "$build" -quiet -j "$(nproc)" -checks="$checks" \
		"$root/(src|fuzz)/.*\\.c\$" \
		>"$build/clang-tidy.log" 2>&1
	grep -E 'warning:|error:' "$build/clang-tidy.log" && fail=1
else
	echo "lint: run-clang-tidy not found"; fail=1
fi
exit $fail
