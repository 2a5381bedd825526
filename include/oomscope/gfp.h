#ifndef OOMSCOPE_GFP_H
#define OOMSCOPE_GFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * GFP masks decoded with the flag table of the kernel era that printed them
 * (the bit positions of __GFP_* moved many times between 2.6.32 and 6.x).
 * Facts: include/linux/gfp.h (include/linux/gfp_types.h from 6.0) and
 * include/trace/events/mmflags.h, read in the source of each era.
 */

/* Opaque era index; gfp_era_count() eras exist, 0 is the oldest. */
int gfp_era_count(void);
/* "2.6.32-2.6.35", "4.10-4.12", ... */
const char *gfp_era_name(int era);

/*
 * gfp_era_for_version: the era of a kernel release string as printed in the
 * CPU:/Pid: header ("2.6.32-504.el6.x86_64", "5.15.158-2-pve",
 * "4.18.0-553.8.1.el8_10.x86_64").  Returns -1 when the string is not a
 * version (the caller then picks gfp_era_default()).
 */
int gfp_era_for_version(const char *version);
/* The era assumed when no version is known: the newest. */
int gfp_era_default(void);

/*
 * The era from the report itself when no version is logged.  Each call
 * narrows `ok` (gfp_era_count() flags, all true to start) and returns how
 * many are left:
 *  - gfp_eras_in_range: eras that overlap the kernels lo..hi, versions
 *    given as maj * 10000 + min * 100 + patch (4.15 is 41500, 2.6.35 is
 *    20635; a patch of 99 means every patch; 0 and 999999 open the ends),
 *    from the report's shape (task-table columns, kill-line fields);
 *  - gfp_eras_printing: eras whose decoding of mask is exactly what the
 *    kernel printed in the parentheses ("GFP_KERNEL|__GFP_ZERO").
 * gfp_eras_agree: every era left decodes mask to the same names (so the
 * decoding does not depend on which of them logged it).
 */
int gfp_eras_in_range(bool *ok, int lo, int hi);
int gfp_eras_printing(bool *ok, uint64_t mask, const char *printed,
		      size_t len);
bool gfp_eras_agree(const bool *ok, uint64_t mask);

/*
 * gfp_decode: the names for mask as the kernel's %pGg prints them (composite
 * names such as GFP_HIGHUSER_MOVABLE first, then the remaining __GFP_* bits),
 * into names[0..max-1].  Returns the number of names (which may exceed max:
 * only max are stored).  *unknown gets the bits no name covers.
 */
size_t gfp_decode(uint64_t mask, int era, const char **names, size_t max,
		  uint64_t *unknown);

/*
 * gfp_parse_symbolic: "GFP_HIGHUSER_MOVABLE|__GFP_ZERO" -> mask in the era's
 * bit layout.  Returns 0, or -1 when a name is unknown in that era (the
 * known ones are still ORed into *mask).
 */
int gfp_parse_symbolic(const char *text, size_t len, int era, uint64_t *mask);

/* What a mask means, in words the report can use. */
struct gfp_info {
	/* "DMA", "DMA32", "Normal", "HighMem", "Movable", or "invalid" for a
	 * zone-bit combination GFP_ZONE_BAD rejects (e.g. DMA|DMA32) */
	const char *highest_zone;
	bool direct_reclaim;
	bool kswapd_reclaim;
	bool io, fs;
	bool high;                  /* __GFP_HIGH */
	bool atomic;                /* no direct reclaim (GFP_ATOMIC/GFP_NOWAIT) */
	bool nofail, noretry, retry_mayfail;
	bool repeat;                /* __GFP_REPEAT (<= 4.12); not MAYFAIL */
	bool account;               /* charged to a memcg */
	bool nowarn, comp, zero, movable, thisnode;
};

void gfp_explain(uint64_t mask, int era, struct gfp_info *info);

#endif
