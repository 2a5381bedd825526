#ifndef OOMSCOPE_FUZZ_CHECK_H
#define OOMSCOPE_FUZZ_CHECK_H

#include <stddef.h>

/*
 * Output oracles shared by the fuzz targets: each aborts (so libFuzzer
 * keeps the input as a crash) when the output breaks its promise.
 */

/* One JSON document: parses, and is valid UTF-8. */
void fuzz_check_json(const char *buf, size_t len);
/* One JSON document per line. */
void fuzz_check_ndjson(const char *buf, size_t len);
/* No control byte (C0 but LF, DEL) and valid UTF-8: safe on a terminal. */
void fuzz_check_no_controls(const char *buf, size_t len);

#endif
