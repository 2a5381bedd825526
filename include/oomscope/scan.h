#ifndef OOMSCOPE_SCAN_H
#define OOMSCOPE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Vectorised scans over a whole input chunk, for the fast path: while no
 * event is open, only lines that contain one of a few needles ("oom",
 * "Kill", ...) need to be looked at, and the lines in between need only be
 * counted.
 */

#define SCAN_MAX_NEEDLES 16
#define SCAN_BUCKETS 8       /* one bit of a byte each (see scan.c) */
#define SCAN_PRINT 3         /* fingerprint bytes, at most */

struct scan_set {
	size_t n;
	const char *needle[SCAN_MAX_NEEDLES];
	size_t len[SCAN_MAX_NEEDLES];
	size_t min_len;            /* of the needles; 0 when there are none */
	unsigned char first[256];  /* 1 for bytes that start a needle */
	/*
	 * The nibble tables of the fingerprint search: bit b of lo[j][x]
	 * (hi[j][x]) is set when a needle of bucket b has a byte j whose low
	 * (high) nibble is x.  print = min(min_len, SCAN_PRINT).
	 */
	size_t print;
	uint8_t lo[SCAN_PRINT][16], hi[SCAN_PRINT][16];
	uint16_t bucket[SCAN_BUCKETS];  /* needles (bit k = needle k) */
};

/*
 * Needles of at least 2 bytes, borrowed (string literals); more than
 * SCAN_MAX_NEEDLES are ignored.
 */
void scan_init(struct scan_set *set, const char *const *needles, size_t n);
/* Offset of the first occurrence of any needle in (p, n), or n if none. */
size_t scan_find(const struct scan_set *set, const char *p, size_t n);
/* Number of '\n' bytes in (p, n). */
uint64_t scan_count_nl(const char *p, size_t n);

/*
 * The implementations behind scan_find, for the tests and bench/: the one
 * scan_find uses is the best the CPU has (scan_best).  scan_find_with an
 * implementation the CPU lacks falls back to SCAN_BYTES.
 */
enum scan_impl {
	SCAN_BYTES,          /* a byte loop with a first-byte table */
	SCAN_SSE2,           /* first, second and last byte, 16 at a time */
	SCAN_TEDDY_SSSE3,    /* nibble fingerprints, 16 bytes a step */
	SCAN_TEDDY_AVX2,     /* nibble fingerprints, 32 bytes a step */
	SCAN_IMPLS
};
bool scan_supported(enum scan_impl impl);
enum scan_impl scan_best(void);
const char *scan_impl_name(enum scan_impl impl);
size_t scan_find_with(const struct scan_set *set, const char *p, size_t n,
		      enum scan_impl impl);

#endif
