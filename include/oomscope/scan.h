#ifndef OOMSCOPE_SCAN_H
#define OOMSCOPE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * Vectorised scans over a whole input chunk, for the fast path: while no
 * event is open, only lines that contain one of a few needles ("oom",
 * "ill process", ...) need to be looked at, and the lines in between need
 * only be counted.
 */

#define SCAN_MAX_NEEDLES 8

struct scan_set {
	size_t n;
	const char *needle[SCAN_MAX_NEEDLES];
	size_t len[SCAN_MAX_NEEDLES];
	unsigned char first[256];  /* 1 for bytes that start a needle */
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

#endif
