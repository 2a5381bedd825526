/*
 * gfp.c - GFP masks decoded with the bit layout of the kernel that printed
 * them.
 *
 * Consumes a mask (from "gfp_mask=%#x") and an era; produces the names %pGg
 * of that era prints, or a struct gfp_info in words.  __GFP_* bits moved
 * many times between 2.6.32 and 6.x, so each era has its own bit table, and
 * composites (GFP_KERNEL, ...) are computed from it with the era's formulas,
 * never copied as numbers.  Naming follows lib/vsprintf.c format_flags():
 * walk the list in order, print each entry whose whole mask is still set,
 * clear it; the bits left are the caller's "unknown".  Two orders exist:
 * the hand-written list of include/trace/events/mmflags.h (4.6-6.14; before
 * 4.6 the OOM line is hex only and we use the 4.5 gfpflags.h order with the
 * era's flags), and the 6.15+ list whose single flags are in bit order.
 *
 * Assumed config: x86_64 distribution kernel, no LOCKDEP, no KASAN_HW_TAGS,
 * CONFIG_SLAB_OBJ_EXT from 6.10 (MEMCG selects it).  Tables are static
 * const, nothing allocates.  Facts: the __GFP_* bits of include/linux/gfp.h
 * (include/linux/gfp_types.h from 6.0) and the names of
 * include/trace/events/mmflags.h, read in each era's source.
 */
#include "oomscope/gfp.h"

#include <stdio.h>
#include <string.h>

#include "kver.h"
#include "lex.h"
#include "banned.h"

/* Single flags first (index = bit table slot), then composite names. */
enum gfp_name {
	GFP_N_DMA, GFP_N_HIGHMEM, GFP_N_DMA32, GFP_N_MOVABLE,
	GFP_N_RECLAIMABLE, GFP_N_HIGH, GFP_N_IO, GFP_N_FS, GFP_N_ZERO,
	GFP_N_ATOMIC, GFP_N_DIRECT_RECLAIM, GFP_N_KSWAPD_RECLAIM,
	GFP_N_WRITE, GFP_N_NOWARN, GFP_N_RETRY_MAYFAIL, GFP_N_NOFAIL,
	GFP_N_NORETRY, GFP_N_MEMALLOC, GFP_N_COMP, GFP_N_NOMEMALLOC,
	GFP_N_HARDWALL, GFP_N_THISNODE, GFP_N_ACCOUNT, GFP_N_ZEROTAGS,
	GFP_N_SKIP_KASAN_POISON, GFP_N_NO_OBJ_EXT, GFP_N_WAIT, GFP_N_COLD,
	GFP_N_REPEAT, GFP_N_NOTRACK, GFP_N_NO_KSWAPD, GFP_N_OTHER_NODE,
	GFP_N_KMEMCG, GFP_N_NOACCOUNT,
	GFP_N_NFLAGS,
	GFP_C_TRANSHUGE = GFP_N_NFLAGS, GFP_C_TRANSHUGE_LIGHT,
	GFP_C_HIGHUSER_MOVABLE, GFP_C_HIGHUSER, GFP_C_USER, GFP_C_TEMPORARY,
	GFP_C_KERNEL_ACCOUNT, GFP_C_KERNEL, GFP_C_NOFS, GFP_C_ATOMIC,
	GFP_C_NOIO, GFP_C_NOWAIT, GFP_C_DMA, GFP_C_DMA32, GFP_C_RECLAIM,
	GFP_N_COUNT
};

static const char *const names[GFP_N_COUNT] = {
	[GFP_N_DMA] = "__GFP_DMA", [GFP_N_HIGHMEM] = "__GFP_HIGHMEM",
	[GFP_N_DMA32] = "__GFP_DMA32", [GFP_N_MOVABLE] = "__GFP_MOVABLE",
	[GFP_N_RECLAIMABLE] = "__GFP_RECLAIMABLE",
	[GFP_N_HIGH] = "__GFP_HIGH", [GFP_N_IO] = "__GFP_IO",
	[GFP_N_FS] = "__GFP_FS", [GFP_N_ZERO] = "__GFP_ZERO",
	[GFP_N_ATOMIC] = "__GFP_ATOMIC",
	[GFP_N_DIRECT_RECLAIM] = "__GFP_DIRECT_RECLAIM",
	[GFP_N_KSWAPD_RECLAIM] = "__GFP_KSWAPD_RECLAIM",
	[GFP_N_WRITE] = "__GFP_WRITE", [GFP_N_NOWARN] = "__GFP_NOWARN",
	[GFP_N_RETRY_MAYFAIL] = "__GFP_RETRY_MAYFAIL",
	[GFP_N_NOFAIL] = "__GFP_NOFAIL", [GFP_N_NORETRY] = "__GFP_NORETRY",
	[GFP_N_MEMALLOC] = "__GFP_MEMALLOC", [GFP_N_COMP] = "__GFP_COMP",
	[GFP_N_NOMEMALLOC] = "__GFP_NOMEMALLOC",
	[GFP_N_HARDWALL] = "__GFP_HARDWALL",
	[GFP_N_THISNODE] = "__GFP_THISNODE",
	[GFP_N_ACCOUNT] = "__GFP_ACCOUNT", [GFP_N_ZEROTAGS] = "__GFP_ZEROTAGS",
	[GFP_N_SKIP_KASAN_POISON] = "__GFP_SKIP_KASAN_POISON",
	[GFP_N_NO_OBJ_EXT] = "__GFP_NO_OBJ_EXT", [GFP_N_WAIT] = "__GFP_WAIT",
	[GFP_N_COLD] = "__GFP_COLD", [GFP_N_REPEAT] = "__GFP_REPEAT",
	[GFP_N_NOTRACK] = "__GFP_NOTRACK",
	[GFP_N_NO_KSWAPD] = "__GFP_NO_KSWAPD",
	[GFP_N_OTHER_NODE] = "__GFP_OTHER_NODE",
	[GFP_N_KMEMCG] = "__GFP_KMEMCG", [GFP_N_NOACCOUNT] = "__GFP_NOACCOUNT",
	[GFP_C_TRANSHUGE] = "GFP_TRANSHUGE",
	[GFP_C_TRANSHUGE_LIGHT] = "GFP_TRANSHUGE_LIGHT",
	[GFP_C_HIGHUSER_MOVABLE] = "GFP_HIGHUSER_MOVABLE",
	[GFP_C_HIGHUSER] = "GFP_HIGHUSER", [GFP_C_USER] = "GFP_USER",
	[GFP_C_TEMPORARY] = "GFP_TEMPORARY",
	[GFP_C_KERNEL_ACCOUNT] = "GFP_KERNEL_ACCOUNT",
	[GFP_C_KERNEL] = "GFP_KERNEL", [GFP_C_NOFS] = "GFP_NOFS",
	[GFP_C_ATOMIC] = "GFP_ATOMIC", [GFP_C_NOIO] = "GFP_NOIO",
	[GFP_C_NOWAIT] = "GFP_NOWAIT", [GFP_C_DMA] = "GFP_DMA",
	[GFP_C_DMA32] = "GFP_DMA32", [GFP_C_RECLAIM] = "__GFP_RECLAIM",
};

/*
 * mmflags.h __def_gfpflag_names, 4.6 .. 6.14 (entries absent in an era are
 * skipped); before 4.6 the same walk with __GFP_WAIT where the old
 * gfpflags.h had it, and the 2.6.38-4.3 only flags at the end.
 */
static const unsigned char order_list[] = {
	GFP_C_TRANSHUGE, GFP_C_TRANSHUGE_LIGHT, GFP_C_HIGHUSER_MOVABLE,
	GFP_C_HIGHUSER, GFP_C_USER, GFP_C_TEMPORARY, GFP_C_KERNEL_ACCOUNT,
	GFP_C_KERNEL, GFP_C_NOFS, GFP_C_ATOMIC, GFP_C_NOIO, GFP_C_NOWAIT,
	GFP_C_DMA, GFP_N_HIGHMEM, GFP_C_DMA32, GFP_N_HIGH, GFP_N_WAIT,
	GFP_N_ATOMIC, GFP_N_IO, GFP_N_FS, GFP_N_COLD, GFP_N_NOWARN,
	GFP_N_REPEAT, GFP_N_RETRY_MAYFAIL, GFP_N_NOFAIL, GFP_N_NORETRY,
	GFP_N_COMP, GFP_N_ZERO, GFP_N_NOMEMALLOC, GFP_N_MEMALLOC,
	GFP_N_HARDWALL, GFP_N_THISNODE, GFP_N_RECLAIMABLE, GFP_N_MOVABLE,
	GFP_N_ACCOUNT, GFP_N_NOACCOUNT, GFP_N_KMEMCG, GFP_N_NOTRACK,
	GFP_N_WRITE, GFP_C_RECLAIM, GFP_N_DIRECT_RECLAIM,
	GFP_N_KSWAPD_RECLAIM, GFP_N_NO_KSWAPD, GFP_N_OTHER_NODE,
	GFP_N_ZEROTAGS, GFP_N_SKIP_KASAN_POISON, GFP_N_COUNT
};

/*
 * 6.15+ ("tracing: gfp: Remove duplication of recording GFP flags"):
 * composites and __GFP_RECLAIM, then TRACE_GFP_FLAGS in enum (bit) order.
 */
static const unsigned char order_bits[] = {
	GFP_C_TRANSHUGE, GFP_C_TRANSHUGE_LIGHT, GFP_C_HIGHUSER_MOVABLE,
	GFP_C_HIGHUSER, GFP_C_USER, GFP_C_KERNEL_ACCOUNT, GFP_C_KERNEL,
	GFP_C_NOFS, GFP_C_ATOMIC, GFP_C_NOIO, GFP_C_NOWAIT, GFP_C_DMA,
	GFP_C_DMA32, GFP_C_RECLAIM, GFP_N_DMA, GFP_N_HIGHMEM, GFP_N_DMA32,
	GFP_N_MOVABLE, GFP_N_RECLAIMABLE, GFP_N_HIGH, GFP_N_IO, GFP_N_FS,
	GFP_N_ZERO, GFP_N_DIRECT_RECLAIM, GFP_N_KSWAPD_RECLAIM, GFP_N_WRITE,
	GFP_N_NOWARN, GFP_N_RETRY_MAYFAIL, GFP_N_NOFAIL, GFP_N_NORETRY,
	GFP_N_MEMALLOC, GFP_N_COMP, GFP_N_NOMEMALLOC, GFP_N_HARDWALL,
	GFP_N_THISNODE, GFP_N_ACCOUNT, GFP_N_ZEROTAGS, GFP_N_NO_OBJ_EXT,
	GFP_N_COUNT
};

/* How GFP_TRANSHUGE is built (include/linux/gfp.h of the era). */
enum gfp_thp {
	GFP_THP_NONE,		/* 2.6.32-2.6.37 */
	GFP_THP_NO_KSWAPD,	/* 2.6.38-4.3: ... | __GFP_NO_KSWAPD */
	GFP_THP_NO_KSWAPD_RECLAIM, /* 4.4-4.5: ... & ~__GFP_KSWAPD_RECLAIM */
	GFP_THP_NO_RECLAIM,	/* 4.6-4.7: ... & ~__GFP_RECLAIM */
	GFP_THP_LIGHT		/* 4.8+: GFP_TRANSHUGE_LIGHT | DIRECT */
};

struct gfp_era {
	const char *name;
	int lo, hi;		/* KVER() codes */
	int vendor;		/* 0, or N for a RHEL ".elN" kernel */
	uint32_t bit[GFP_N_NFLAGS];
	uint32_t unnamed;	/* defined bits %pGg leaves as hex */
	enum gfp_thp thp;
	bool temporary;		/* GFP_TEMPORARY exists (<= 4.13) */
	bool nowait_nowarn;	/* GFP_NOWAIT has __GFP_NOWARN (6.8+) */
	const unsigned char *order;
};

#define ZONE_BITS [GFP_N_DMA] = 0x1, [GFP_N_HIGHMEM] = 0x2,		\
	[GFP_N_DMA32] = 0x4, [GFP_N_MOVABLE] = 0x8

/* 2.6.32 .. 4.3 (__GFP_WAIT era); NOTRACK is 0 without KMEMCHECK < 4.4 */
#define OLD_BITS ZONE_BITS, [GFP_N_WAIT] = 0x10, [GFP_N_HIGH] = 0x20,	\
	[GFP_N_IO] = 0x40, [GFP_N_FS] = 0x80, [GFP_N_COLD] = 0x100,	\
	[GFP_N_NOWARN] = 0x200, [GFP_N_REPEAT] = 0x400,			\
	[GFP_N_NOFAIL] = 0x800, [GFP_N_NORETRY] = 0x1000,		\
	[GFP_N_COMP] = 0x4000, [GFP_N_ZERO] = 0x8000,			\
	[GFP_N_NOMEMALLOC] = 0x10000, [GFP_N_HARDWALL] = 0x20000,	\
	[GFP_N_THISNODE] = 0x40000, [GFP_N_RECLAIMABLE] = 0x80000,	\
	[GFP_N_NOTRACK] = 0x200000
/* THP (2.6.38, RHEL6 backport) */
#define OLD_THP [GFP_N_NO_KSWAPD] = 0x400000, [GFP_N_OTHER_NODE] = 0x800000
/* __GFP_WRITE (3.3) and __GFP_MEMALLOC (3.6) */
#define OLD_3X OLD_BITS, OLD_THP, [GFP_N_WRITE] = 0x1000000
#define OLD_36 OLD_3X, [GFP_N_MEMALLOC] = 0x2000

/* 4.4 .. 4.17: __GFP_RECLAIMABLE moved to 0x10, __GFP_WAIT split in two */
#define L44_BITS ZONE_BITS, [GFP_N_RECLAIMABLE] = 0x10,			\
	[GFP_N_HIGH] = 0x20, [GFP_N_IO] = 0x40, [GFP_N_FS] = 0x80,	\
	[GFP_N_NOWARN] = 0x200, [GFP_N_NOFAIL] = 0x800,			\
	[GFP_N_NORETRY] = 0x1000, [GFP_N_MEMALLOC] = 0x2000,		\
	[GFP_N_COMP] = 0x4000, [GFP_N_ZERO] = 0x8000,			\
	[GFP_N_NOMEMALLOC] = 0x10000, [GFP_N_HARDWALL] = 0x20000,	\
	[GFP_N_THISNODE] = 0x40000, [GFP_N_ATOMIC] = 0x80000,		\
	[GFP_N_DIRECT_RECLAIM] = 0x400000
/* 4.4 .. 4.9: __GFP_OTHER_NODE still at 0x800000 */
#define L44_HIGH [GFP_N_COLD] = 0x100, [GFP_N_REPEAT] = 0x400,		\
	[GFP_N_NOTRACK] = 0x200000, [GFP_N_OTHER_NODE] = 0x800000,	\
	[GFP_N_WRITE] = 0x1000000, [GFP_N_KSWAPD_RECLAIM] = 0x2000000
/* 4.10 .. 4.17: OTHER_NODE gone, WRITE and KSWAPD_RECLAIM moved down */
#define L410_BITS L44_BITS, [GFP_N_ACCOUNT] = 0x100000,			\
	[GFP_N_WRITE] = 0x800000, [GFP_N_KSWAPD_RECLAIM] = 0x1000000
#define L410_OLD [GFP_N_COLD] = 0x100, [GFP_N_NOTRACK] = 0x200000

/* 4.18 .. 5.0: COLD/OTHER_NODE holes filled (Shakeel Butt, 4.18) */
#define L418_BITS ZONE_BITS, [GFP_N_RECLAIMABLE] = 0x10,		\
	[GFP_N_HIGH] = 0x20, [GFP_N_IO] = 0x40, [GFP_N_FS] = 0x80,	\
	[GFP_N_WRITE] = 0x100, [GFP_N_NOWARN] = 0x200,			\
	[GFP_N_RETRY_MAYFAIL] = 0x400, [GFP_N_NOFAIL] = 0x800,		\
	[GFP_N_NORETRY] = 0x1000, [GFP_N_MEMALLOC] = 0x2000,		\
	[GFP_N_COMP] = 0x4000, [GFP_N_ZERO] = 0x8000,			\
	[GFP_N_NOMEMALLOC] = 0x10000, [GFP_N_HARDWALL] = 0x20000,	\
	[GFP_N_THISNODE] = 0x40000, [GFP_N_ATOMIC] = 0x80000,		\
	[GFP_N_ACCOUNT] = 0x100000, [GFP_N_DIRECT_RECLAIM] = 0x200000,	\
	[GFP_N_KSWAPD_RECLAIM] = 0x400000

/* 5.1+: reshuffled so GFP_KERNEL fits an arm immediate (Dobriyan, 5.1) */
#define L51_BITS ZONE_BITS, [GFP_N_RECLAIMABLE] = 0x10,			\
	[GFP_N_HIGH] = 0x20, [GFP_N_IO] = 0x40, [GFP_N_FS] = 0x80,	\
	[GFP_N_ZERO] = 0x100, [GFP_N_DIRECT_RECLAIM] = 0x400,		\
	[GFP_N_KSWAPD_RECLAIM] = 0x800, [GFP_N_WRITE] = 0x1000,		\
	[GFP_N_NOWARN] = 0x2000, [GFP_N_RETRY_MAYFAIL] = 0x4000,	\
	[GFP_N_NOFAIL] = 0x8000, [GFP_N_NORETRY] = 0x10000,		\
	[GFP_N_MEMALLOC] = 0x20000, [GFP_N_COMP] = 0x40000,		\
	[GFP_N_NOMEMALLOC] = 0x80000, [GFP_N_HARDWALL] = 0x100000,	\
	[GFP_N_THISNODE] = 0x200000, [GFP_N_ACCOUNT] = 0x400000
#define L51_ATOMIC [GFP_N_ATOMIC] = 0x200
#define L514_TAGS [GFP_N_ZEROTAGS] = 0x800000

static const struct gfp_era eras[] = {
	{ "2.6.32-2.6.37", 0, KVER(2, 6, 37), 0, { OLD_BITS }, 0,
	  GFP_THP_NONE, true, false, order_list },
	{ "2.6.32 RHEL6", KVER(2, 6, 32), KVER(2, 6, 32), 6,
	  { OLD_BITS, OLD_THP }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "2.6.38-3.2", KVER(2, 6, 38), KVER(3, 2, 99), 0,
	  { OLD_BITS, OLD_THP }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "3.3-3.5", KVER(3, 3, 0), KVER(3, 5, 99), 0, { OLD_3X }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "3.6-3.7", KVER(3, 6, 0), KVER(3, 7, 99), 0, { OLD_36 }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "3.8-3.15", KVER(3, 8, 0), KVER(3, 15, 99), 0,
	  { OLD_36, [GFP_N_KMEMCG] = 0x100000 }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	/* RHEL7 backported kmem accounting: 0x100000 is __GFP_ACCOUNT */
	{ "3.10 RHEL7", KVER(3, 10, 0), KVER(3, 10, 99), 7,
	  { OLD_36, [GFP_N_ACCOUNT] = 0x100000 }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "3.16-4.0", KVER(3, 16, 0), KVER(4, 0, 99), 0, { OLD_36 }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "4.1-4.3", KVER(4, 1, 0), KVER(4, 3, 99), 0,
	  { OLD_36, [GFP_N_NOACCOUNT] = 0x100000 }, 0,
	  GFP_THP_NO_KSWAPD, true, false, order_list },
	{ "4.4", KVER(4, 4, 0), KVER(4, 4, 99), 0,
	  { L44_BITS, L44_HIGH, [GFP_N_NOACCOUNT] = 0x100000 }, 0,
	  GFP_THP_NO_KSWAPD_RECLAIM, true, false, order_list },
	{ "4.5", KVER(4, 5, 0), KVER(4, 5, 99), 0,
	  { L44_BITS, L44_HIGH, [GFP_N_ACCOUNT] = 0x100000 }, 0,
	  GFP_THP_NO_KSWAPD_RECLAIM, true, false, order_list },
	{ "4.6-4.7", KVER(4, 6, 0), KVER(4, 7, 99), 0,
	  { L44_BITS, L44_HIGH, [GFP_N_ACCOUNT] = 0x100000 }, 0,
	  GFP_THP_NO_RECLAIM, true, false, order_list },
	{ "4.8-4.9", KVER(4, 8, 0), KVER(4, 9, 99), 0,
	  { L44_BITS, L44_HIGH, [GFP_N_ACCOUNT] = 0x100000 }, 0,
	  GFP_THP_LIGHT, true, false, order_list },
	{ "4.10-4.12", KVER(4, 10, 0), KVER(4, 12, 99), 0,
	  { L410_BITS, L410_OLD, [GFP_N_REPEAT] = 0x400 }, 0,
	  GFP_THP_LIGHT, true, false, order_list },
	{ "4.13", KVER(4, 13, 0), KVER(4, 13, 99), 0,
	  { L410_BITS, L410_OLD, [GFP_N_RETRY_MAYFAIL] = 0x400 }, 0,
	  GFP_THP_LIGHT, true, false, order_list },
	{ "4.14", KVER(4, 14, 0), KVER(4, 14, 99), 0,
	  { L410_BITS, L410_OLD, [GFP_N_RETRY_MAYFAIL] = 0x400 }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "4.15-4.17", KVER(4, 15, 0), KVER(4, 17, 99), 0,
	  { L410_BITS, [GFP_N_RETRY_MAYFAIL] = 0x400 }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "4.18-5.0", KVER(4, 18, 0), KVER(5, 0, 99), 0, { L418_BITS }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "5.1-5.13", KVER(5, 1, 0), KVER(5, 13, 99), 0,
	  { L51_BITS, L51_ATOMIC }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	/* MTE bits unconditional, in GFP_HIGHUSER_MOVABLE, not yet named */
	{ "5.14", KVER(5, 14, 0), KVER(5, 14, 99), 0,
	  { L51_BITS, L51_ATOMIC, L514_TAGS,
	    [GFP_N_SKIP_KASAN_POISON] = 0x1000000 }, 0x1800000,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "5.15-5.17", KVER(5, 15, 0), KVER(5, 17, 99), 0,
	  { L51_BITS, L51_ATOMIC, L514_TAGS,
	    [GFP_N_SKIP_KASAN_POISON] = 0x1000000 }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "5.18-6.2", KVER(5, 18, 0), KVER(6, 2, 99), 0,
	  { L51_BITS, L51_ATOMIC, L514_TAGS }, 0,
	  GFP_THP_LIGHT, false, false, order_list },
	{ "6.3-6.7", KVER(6, 3, 0), KVER(6, 7, 99), 0,
	  { L51_BITS, L514_TAGS }, 0, GFP_THP_LIGHT, false, false, order_list },
	{ "6.8-6.9", KVER(6, 8, 0), KVER(6, 9, 99), 0,
	  { L51_BITS, L514_TAGS }, 0, GFP_THP_LIGHT, false, true, order_list },
	{ "6.10-6.14", KVER(6, 10, 0), KVER(6, 14, 99), 0,
	  { L51_BITS, L514_TAGS, [GFP_N_NO_OBJ_EXT] = 0x1000000 }, 0x1000000,
	  GFP_THP_LIGHT, false, true, order_list },
	{ "6.15+", KVER(6, 15, 0), KVER_MAX, 0,
	  { L51_BITS, L514_TAGS, [GFP_N_NO_OBJ_EXT] = 0x1000000 }, 0,
	  GFP_THP_LIGHT, false, true, order_bits },
};

#define NERAS ((int)(sizeof(eras) / sizeof(eras[0])))

int gfp_era_count(void)
{
	return NERAS;
}

int gfp_era_default(void)
{
	return NERAS - 1;
}

const char *gfp_era_name(int era)
{
	if (era < 0 || era >= NERAS)
		return NULL;
	return eras[era].name;
}

static const struct gfp_era *era_get(int era)
{
	if (era < 0 || era >= NERAS)
		era = NERAS - 1;
	return &eras[era];
}

/* __GFP_RECLAIM, or __GFP_WAIT before 4.4 (absent bits are 0) */
static uint32_t reclaim(const struct gfp_era *e)
{
	return e->bit[GFP_N_WAIT] | e->bit[GFP_N_DIRECT_RECLAIM] |
	       e->bit[GFP_N_KSWAPD_RECLAIM];
}

static uint32_t highuser_movable(const struct gfp_era *e)
{
	return reclaim(e) | e->bit[GFP_N_IO] | e->bit[GFP_N_FS] |
	       e->bit[GFP_N_HARDWALL] | e->bit[GFP_N_HIGHMEM] |
	       e->bit[GFP_N_MOVABLE] | e->bit[GFP_N_SKIP_KASAN_POISON];
}

/* GFP_TRANSHUGE (light == false) or GFP_TRANSHUGE_LIGHT */
static uint32_t transhuge(const struct gfp_era *e, bool light)
{
	uint32_t m = highuser_movable(e) | e->bit[GFP_N_COMP] |
		     e->bit[GFP_N_NOMEMALLOC] | e->bit[GFP_N_NOWARN];

	if (e->thp != GFP_THP_LIGHT && light)
		return 0;
	switch (e->thp) {
	case GFP_THP_NONE:
		return 0;
	case GFP_THP_NO_KSWAPD:
		return m | e->bit[GFP_N_NORETRY] | e->bit[GFP_N_NO_KSWAPD];
	case GFP_THP_NO_KSWAPD_RECLAIM:
		return (m | e->bit[GFP_N_NORETRY]) &
		       ~e->bit[GFP_N_KSWAPD_RECLAIM];
	case GFP_THP_NO_RECLAIM:
		return (m | e->bit[GFP_N_NORETRY]) & ~reclaim(e);
	case GFP_THP_LIGHT:
		m &= ~reclaim(e);
		return light ? m : m | e->bit[GFP_N_DIRECT_RECLAIM];
	}
	return 0;
}

static uint32_t composite(const struct gfp_era *e, int n)
{
	uint32_t kernel = reclaim(e) | e->bit[GFP_N_IO] | e->bit[GFP_N_FS];

	switch (n) {
	case GFP_C_TRANSHUGE:
		return transhuge(e, false);
	case GFP_C_TRANSHUGE_LIGHT:
		return transhuge(e, true);
	case GFP_C_HIGHUSER_MOVABLE:
		return highuser_movable(e);
	case GFP_C_HIGHUSER:
		return kernel | e->bit[GFP_N_HARDWALL] | e->bit[GFP_N_HIGHMEM];
	case GFP_C_USER:
		return kernel | e->bit[GFP_N_HARDWALL];
	case GFP_C_TEMPORARY:
		return e->temporary ? kernel | e->bit[GFP_N_RECLAIMABLE] : 0;
	case GFP_C_KERNEL_ACCOUNT:
		if (e->bit[GFP_N_ACCOUNT] == 0)
			return 0;
		return kernel | e->bit[GFP_N_ACCOUNT];
	case GFP_C_KERNEL:
		return kernel;
	case GFP_C_NOFS:
		return reclaim(e) | e->bit[GFP_N_IO];
	case GFP_C_ATOMIC:
		/* __GFP_HIGH (<= 4.3), |ATOMIC|KSWAPD (4.4-6.2), |KSWAPD */
		return e->bit[GFP_N_HIGH] | e->bit[GFP_N_ATOMIC] |
		       e->bit[GFP_N_KSWAPD_RECLAIM];
	case GFP_C_NOIO:
		return reclaim(e);
	case GFP_C_NOWAIT:
		/* 0 before 4.4: GFP_ATOMIC & ~__GFP_HIGH */
		return e->bit[GFP_N_KSWAPD_RECLAIM] |
		       (e->nowait_nowarn ? e->bit[GFP_N_NOWARN] : 0);
	case GFP_C_DMA:
		return e->bit[GFP_N_DMA];
	case GFP_C_DMA32:
		return e->bit[GFP_N_DMA32];
	case GFP_C_RECLAIM:
		return e->bit[GFP_N_DIRECT_RECLAIM] |
		       e->bit[GFP_N_KSWAPD_RECLAIM];
	}
	return 0;
}

static uint32_t name_mask(const struct gfp_era *e, int n)
{
	if (n < GFP_N_NFLAGS)
		return e->bit[n];
	return composite(e, n);
}

size_t gfp_decode(uint64_t mask, int era, const char **names_out,
		  size_t max, uint64_t *unknown)
{
	const struct gfp_era *e = era_get(era);
	const unsigned char *o;
	size_t count = 0;
	uint32_t m;

	for (o = e->order; *o != GFP_N_COUNT && mask != 0; o++) {
		m = name_mask(e, *o);
		/* format_flags() prints a 0 entry; the kernel lists none */
		if (m == 0 || (mask & m) != m)
			continue;
		if (*o < GFP_N_NFLAGS && (m & e->unnamed) != 0)
			continue;
		if (count < max)
			names_out[count] = names[*o];
		count++;
		mask &= ~(uint64_t)m;
	}
	if (unknown != NULL)
		*unknown = mask;
	return count;
}

/* "0x1800000" -> value; the hex %pGg appends for bits it cannot name */
static int parse_hex(const char *p, size_t len, uint64_t *v)
{
	const char *q = p, *end = p + len;
	uint64_t n;

	if ((lex_lit(&q, end, "0x") && lex_lit(&q, end, "0X")) ||
	    lex_hex(&q, end, 16, &n) || q != end)
		return -1;
	*v = n;
	return 0;
}

/* One name defined in the era (printed by %pGg or not), or a hex leftover. */
static int parse_token(const struct gfp_era *e, const char *p, size_t len,
		       uint64_t *v)
{
	int n;

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (parse_hex(p, len, v) == 0)
		return 0;
	for (n = 0; n < GFP_N_COUNT; n++) {
		if (strlen(names[n]) != len || memcmp(names[n], p, len) != 0)
			continue;
		*v = name_mask(e, n);
		/* GFP_NOWAIT is defined, as 0, before 4.4 */
		if (*v != 0 || n == GFP_C_NOWAIT)
			return 0;
	}
	return -1;
}

int gfp_parse_symbolic(const char *text, size_t len, int era, uint64_t *mask)
{
	const struct gfp_era *e = era_get(era);
	const char *end = text + len;
	const char *bar;
	uint64_t v;
	int rc = 0;

	*mask = 0;
	if (len == 0)
		return 0;	/* "0x0()" */
	for (;;) {
		bar = memchr(text, '|', (size_t)(end - text));
		if (bar == NULL)
			bar = end;
		if (parse_token(e, text, (size_t)(bar - text), &v) == 0)
			*mask |= v;
		else
			rc = -1;
		if (bar == end)
			return rc;
		text = bar + 1;
	}
}

/* include/linux/gfp.h GFP_ZONE_TABLE and GFP_ZONE_BAD (2.6.31+) */
static const char *zone_name(uint64_t mask)
{
	static const char *const zone[16] = {
		[0x0] = "Normal", [0x1] = "DMA", [0x2] = "HighMem",
		[0x4] = "DMA32", [0x8] = "Normal", [0x9] = "DMA",
		[0xa] = "Movable", [0xc] = "DMA32",
	};
	const char *z = zone[mask & 0xf];

	return z != NULL ? z : "invalid";
}

static bool has(const struct gfp_era *e, uint64_t mask, int n)
{
	return (mask & e->bit[n]) != 0;
}

void gfp_explain(uint64_t mask, int era, struct gfp_info *info)
{
	const struct gfp_era *e = era_get(era);

	memset(info, 0, sizeof(*info));
	info->highest_zone = zone_name(mask);
	if (e->bit[GFP_N_WAIT] != 0) {
		/* < 4.4: __GFP_WAIT allows direct reclaim; kswapd is woken
		 * unless __GFP_NO_KSWAPD (2.6.38+) */
		info->direct_reclaim = has(e, mask, GFP_N_WAIT);
		info->kswapd_reclaim = !has(e, mask, GFP_N_NO_KSWAPD);
	} else {
		info->direct_reclaim = has(e, mask, GFP_N_DIRECT_RECLAIM);
		info->kswapd_reclaim = has(e, mask, GFP_N_KSWAPD_RECLAIM);
	}
	info->atomic = !info->direct_reclaim;
	info->io = has(e, mask, GFP_N_IO);
	info->fs = has(e, mask, GFP_N_FS);
	info->high = has(e, mask, GFP_N_HIGH);
	info->nofail = has(e, mask, GFP_N_NOFAIL);
	info->noretry = has(e, mask, GFP_N_NORETRY);
	info->retry_mayfail = has(e, mask, GFP_N_RETRY_MAYFAIL);
	info->repeat = has(e, mask, GFP_N_REPEAT);
	info->account = has(e, mask, GFP_N_ACCOUNT) ||
			has(e, mask, GFP_N_KMEMCG);
	info->nowarn = has(e, mask, GFP_N_NOWARN);
	info->comp = has(e, mask, GFP_N_COMP);
	info->zero = has(e, mask, GFP_N_ZERO);
	info->movable = has(e, mask, GFP_N_MOVABLE);
	info->thisnode = has(e, mask, GFP_N_THISNODE);
}

int gfp_eras_in_range(bool *ok, int lo, int hi)
{
	int left = 0;

	for (int i = 0; i < NERAS; i++) {
		if (ok[i] && (eras[i].hi < lo || eras[i].lo > hi))
			ok[i] = false;
		left += ok[i];
	}
	return left;
}

/* The decoding as %pGg prints it: names joined by '|', then hex bits. */
static size_t printed_form(uint64_t mask, int era, char *buf, size_t cap)
{
	const char *nm[48];
	uint64_t unknown;
	size_t n = gfp_decode(mask, era, nm, 48, &unknown), o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < 48 && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? "|" : "",
				      nm[i]);
	if (unknown && o < cap)
		o += (size_t)snprintf(buf + o, cap - o, "%s%#llx",
				      n ? "|" : "", (unsigned long long)unknown);
	return o < cap ? o : cap;
}

int gfp_eras_printing(bool *ok, uint64_t mask, const char *printed,
		      size_t len)
{
	char buf[1024];
	int left = 0;

	for (int i = 0; i < NERAS; i++) {
		if (ok[i] && (printed_form(mask, i, buf, sizeof(buf)) != len ||
				memcmp(buf, printed, len) != 0))
			ok[i] = false;
		left += ok[i];
	}
	return left;
}

bool gfp_eras_agree(const bool *ok, uint64_t mask)
{
	char first[1024], buf[1024];
	size_t n = 0;
	int i = 0;

	while (i < NERAS && !ok[i])
		i++;
	if (i == NERAS)
		return false;
	n = printed_form(mask, i, first, sizeof(first));
	for (i++; i < NERAS; i++)
		if (ok[i] && (printed_form(mask, i, buf, sizeof(buf)) != n ||
			      memcmp(buf, first, n) != 0))
			return false;
	return true;
}

int gfp_era_for_version(const char *version)
{
	struct kver k;
	int code, vendor, i;

	if (kver_parse(version, &k) != 0)
		return -1;
	code = kver_code(&k);
	vendor = k.el == 6 || k.el == 7 ? k.el : 0;
	for (i = 0; i < NERAS; i++) {
		if (eras[i].vendor == vendor && eras[i].lo <= code &&
		    code <= eras[i].hi)
			return i;
	}
	for (i = 0; i < NERAS; i++) {
		if (eras[i].vendor == 0 && eras[i].lo <= code &&
		    code <= eras[i].hi)
			return i;
	}
	return -1;
}
