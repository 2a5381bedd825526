#ifndef OOMSCOPE_ANALYZE_H
#define OOMSCOPE_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"
#include "oomscope/gfp.h"

/*
 * Stage 4: one reconstructed event -> what a kernel engineer would say about
 * it.  Reads only struct oom_event (never raw lines); fills struct
 * oom_analysis, which the renderers print.  The result holds no heap memory
 * and no pointer into the event (const char * fields point to static
 * strings), so it may outlive the event.  Rules and thresholds:
 * doc/analysis.md.
 *
 * Conventions: sizes end in _kb (kB, the kernel's unit), page counts in
 * _pages, shares in _permille (1000 = all of the base named next to it);
 * a value the log does not show is OOM_NA, never a guess.
 */

#define OOM_MAX_GFP_NAMES 24
#define OOM_MAX_FINDINGS 24
#define OOM_MAX_GROUPS 8
#define OOM_MAX_RANKED 5
#define OOM_MAX_BALANCE 16

enum culprit_kind {
	CULPRIT_UNKNOWN = 0,
	CULPRIT_PROCESS,
	CULPRIT_PROCESS_GROUP,
	CULPRIT_SHMEM,
	CULPRIT_SLAB,
	CULPRIT_HUGETLB,
	CULPRIT_KERNEL,
	CULPRIT_NONE,
};

/* How the GFP flag table was chosen (JSON invoker.gfp_era_source). */
enum gfp_era_source {
	GFP_ERA_ASSUMED = 0,      /* nothing decides: the newest era */
	GFP_ERA_LOGGED,           /* the report names the kernel version */
	GFP_ERA_PRINTED,          /* the era that decodes to the printed names */
	GFP_ERA_SHAPE,            /* the eras the report's format allows */
};

/* How strongly the report's evidence supports the culprit (doc/analysis.md). */
enum culprit_confidence {
	CONFIDENCE_NONE = 0,      /* kind unknown: JSON null */
	CONFIDENCE_LOW,
	CONFIDENCE_MEDIUM,
	CONFIDENCE_HIGH,
};

enum finding_severity {
	FINDING_INFO = 0,
	FINDING_WARNING,
	FINDING_CRITICAL,
};

/* Which watermark a zone's usable free memory is under (reserve included). */
enum zone_mark {
	ZONE_MARK_UNKNOWN = 0,    /* watermarks not printed */
	ZONE_UNDER_MIN,           /* free <= min + lowmem_reserve */
	ZONE_UNDER_LOW,           /* min < ... <= low + lowmem_reserve */
	ZONE_UNDER_HIGH,          /* low < ... <= high + lowmem_reserve */
	ZONE_ABOVE_HIGH,          /* passes even the high watermark */
};

/*
 * Kernel eras of the badness heuristic (mm/oom_kill.c badness/oom_badness);
 * each era's rules as read in its source are in doc/analysis.md.
 */
enum badness_era {
	BADNESS_ERA_UNKNOWN = 0,
	BADNESS_ERA_OLD,          /* <= 2.6.35: total_vm, cpu time; not
				   * reproducible from the log */
	BADNESS_ERA_PERMILLE,     /* 2.6.36-3.4, RHEL6: (rss [+ ptes] + swap)
				   * * 1000 / totalpages, root -30, + adj,
				   * clamped to 1..1000 */
	BADNESS_ERA_ADJ30,        /* 3.5-3.9, 3.11, 3.12: pages; root: adj -= 30 */
	BADNESS_ERA_ROOT3,        /* 3.10, 3.13-4.16, RHEL7: root: points -3 % */
	BADNESS_ERA_PAGES,        /* 4.17+: no root bonus (long from 5.9) */
};

/* How the logged victim compares with the recomputed badness. */
enum victim_check {
	VICTIM_UNCHECKED = 0,     /* no table, no victim, or era OLD */
	VICTIM_MATCH,             /* the logged choice has the highest points */
	VICTIM_TIE,               /* it shares the highest points with others */
	VICTIM_MISMATCH,          /* another task has more points */
	VICTIM_NOT_IN_TABLE,      /* no row for the chosen pid */
};

/* One zone against its watermarks, as __zone_watermark_ok() sees it. */
struct oom_zone_verdict {
	int64_t node;             /* OOM_NA on non-NUMA kernels */
	char zone[16];            /* "Normal", "DMA32", ... */
	bool eligible;            /* the request may use it: zone class at or
				   * below its highest zone, node allowed */
	enum zone_mark mark;
	int64_t free_kb;          /* as printed */
	int64_t usable_free_kb;   /* free - (2^order - 1) pages - highatomic
				   * reserve - free CMA (non-movable) */
	int64_t reserve_kb;       /* lowmem_reserve[request class] in kB */
	int64_t min_kb;           /* min as tested: halved for __GFP_HIGH */
	int64_t low_kb, high_kb;  /* as printed */
	int64_t min_margin_kb;    /* usable - (min + reserve): <= 0 fails */
	int64_t high_deficit_kb;  /* (high + reserve) - usable, >= 0 */
	int64_t free_at_order_kb; /* buddy: free kB in blocks >= the request's
				   * order of a usable type; OOM_NA no line */
	bool order_ok;            /* passes the kernel's order test at min */
	bool fragmented;          /* order > 0: passes at order 0, not at the
				   * requested order */
};

/* One line of the memory balance ("where the memory went"). */
struct oom_balance_row {
	const char *item;         /* stable key: "reserved", "free", "anon",
				   * "shmem", "file", "unevictable",
				   * "slab_reclaimable", "slab_unreclaimable",
				   * "kernel_stack", "kernel_other",
				   * "pagetables", "hugetlb", "zspages"
				   * (zsmalloc: zswap/zram, 6.18+),
				   * "unexplained"; rows the log lacks are
				   * left out */
	int64_t kb;
	int64_t permille;         /* of base_kb; OOM_NA when base unknown */
};

/*
 * The balance: rows add up to base_kb (the last row, "unexplained", is what
 * no counter explains; negative when counters overlap; only computed when
 * the anon LRU is known).  Global: base = RAM ("N pages RAM"), rows from
 * Mem-Info (pages), else summed over zone/node lines (kB); "anon" is the
 * anon LRU minus shmem (shmem sits on it), "free" includes per-cpu lists.
 * memcg: base = the limit (usage when unlimited), rows from memory.stat
 * (v1 total_* keys first); "free" is the headroom limit - usage and
 * "kernel_other" the rest of kernel memory (v1: the kmem counter).
 */
struct oom_balance {
	bool present;
	bool memcg;               /* over the cgroup, not over RAM */
	bool from_zones;          /* global counters absent: zone/node sums */
	int64_t base_kb;          /* RAM or limit; OOM_NA unknown */
	int64_t usage_kb;         /* memcg usage; OOM_NA global */
	int n_rows;
	struct oom_balance_row rows[OOM_MAX_BALANCE];
	int64_t hugetlb_free_kb;  /* free part of the hugetlb pool */
	int64_t swap_total_kb, swap_free_kb; /* OOM_NA when not printed */
	int64_t swapcache_kb;     /* on the anon LRU, not a separate row */
	/* the task table against the anon LRU */
	int64_t anon_lru_kb;      /* active + inactive + isolated anon */
	int64_t tasks_rss_kb;     /* sum of the table's rss (anon+file+shmem) */
	int64_t tasks_anon_kb;    /* sum of rss_anon (6.8+), else = rss */
	int64_t tasks_swap_kb;    /* sum of swapents; OOM_NA not printed */
	int64_t anon_unexplained_kb; /* anon LRU - shmem - tasks_anon_kb, >= 0:
				   * anon memory the table does not show */
	int64_t unexplained_kb;   /* same as the "unexplained" row */
};

/* A task as the killer scores it. */
struct oom_ranked {
	int64_t pid;
	char name[OOM_NAME_MAX];
	int64_t oom_score_adj;
	int64_t footprint_kb;     /* (rss + swapents) * page + page tables */
	int64_t points;           /* the era's badness, pages (or per-mille in
				   * BADNESS_ERA_PERMILLE); OOM_NA = never
				   * chosen (oom_score_adj -1000) */
	int64_t permille;         /* points * 1000 / totalpages, the value
				   * <= 5.0 prints as "score" */
};

struct oom_badness {
	bool present;             /* recomputed (table and era usable) */
	enum badness_era era;
	bool era_assumed;         /* no version: era from the table layout */
	int64_t totalpages;       /* RAM + swap, or the memcg limit (+swap) */
	bool totalpages_assumed;  /* memcg: swap unknown, taken as 0 */
	bool lower_bound;         /* the table lacks swap or page-table
				   * columns: points are lower bounds */
	int n_ranked;
	struct oom_ranked ranked[OOM_MAX_RANKED]; /* highest points first */
	int n_eligible;           /* rows with adj > -1000 */
	int n_ties;               /* rows sharing the highest points */
	enum victim_check check;
	int64_t chosen_pid;       /* the kernel's choice: select line (<= 5.0)
				   * or kill line */
	struct oom_ranked chosen; /* its row, if in the table */
	bool child_sacrificed;    /* <= 5.0: killed pid != selected pid */
	int64_t logged_score;     /* printed score, OOM_NA if none (5.1+) */
	int64_t hidden_pages;     /* pages the logged score implies beyond the
				   * chosen row's columns (swap/ptes the
				   * table omits); OOM_NA when not derived */
	char explanation[240];    /* one sentence: why this victim */
};

/* Tasks of one name (comm), e.g. php-fpm workers. */
struct oom_group {
	char name[OOM_NAME_MAX];
	int members;
	int64_t held_kb;          /* sum of the members' held memory (see
				   * struct oom_culprit) */
	int64_t share_permille;   /* of RAM + swap, or of the memcg limit;
				   * OOM_NA unknown; can exceed 1000 before
				   * 6.8: rss counts shared pages per task */
	int64_t largest_pid, largest_kb; /* the member holding the most */
};

/*
 * Who holds the memory.  A task holds anon + shmem + swap + page tables
 * where the table splits rss (6.8+), else rss + swap + page tables; a
 * non-process kind holds its balance row (shmem, slab_unreclaimable,
 * hugetlb, unexplained).
 */
struct oom_culprit {
	enum culprit_kind kind;
	char name[OOM_NAME_MAX];  /* process or group name, "" otherwise */
	int64_t pid;              /* OOM_NA for groups and non-process kinds */
	int64_t held_kb;          /* memory attributed to it, OOM_NA unknown */
	int64_t share_permille;   /* tasks and groups: of RAM + swap (global)
				   * or of the limit (memcg); other kinds: of
				   * RAM or of the limit */
	int members;              /* tasks in a process_group, else 0 */
	bool is_invoker, is_victim; /* pid match; a group: name match */
	enum culprit_confidence confidence;
	char reason[400];         /* the evidence, or what is missing */
};

struct oom_finding {
	const char *code;         /* stable code, doc/analysis.md */
	enum finding_severity severity;
	char message[400];        /* one plain sentence with the numbers */
	char advice[240];         /* "" when the evidence supports none */
};

struct oom_analysis {
	bool analyzed;

	/* the request */
	int gfp_era;
	bool gfp_era_assumed;     /* nothing decides the era: newest assumed */
	enum gfp_era_source gfp_era_source;
	bool gfp_undecided;       /* the eras left disagree on the mask: it is
				     not decoded (gfp_era_lo..hi name them) */
	int gfp_era_lo, gfp_era_hi; /* the candidate eras (indexes) */
	size_t n_gfp_names;
	const char *gfp_names[OOM_MAX_GFP_NAMES];
	bool gfp_mismatch;        /* printed flags disagree with the hex */
	struct gfp_info gfp;
	int64_t request_kb;       /* 2^order pages, OOM_NA when unknown */
	bool costly_order;        /* order > PAGE_ALLOC_COSTLY_ORDER (3) */
	char request_words[320];  /* the request in words, "" if no trigger */

	/* the zones (global OOMs; none for memcg) */
	int n_zones;              /* = ev->n_zones, same order */
	struct oom_zone_verdict zones[OOM_MAX_ZONES];
	int n_eligible_zones, n_under_min, n_under_high;
	int target_zone;          /* index into zones[]: the highest eligible
				   * zone class, most depleted node; -1 none */
	int64_t deficit_kb;       /* target zone's high_deficit_kb, or for a
				   * memcg the charge over the limit (at least
				   * the request); OOM_NA unknown */
	int64_t victim_freed_kb;  /* the victim's anon-rss, what the kill
				   * returns; OOM_NA unknown */
	int64_t victim_covers;    /* victim_freed_kb / deficit_kb (floor);
				   * OOM_NA when either is unknown or the
				   * deficit is 0 */

	struct oom_balance balance;
	struct oom_badness badness;
	int n_groups;             /* largest first, 2+ members only */
	struct oom_group groups[OOM_MAX_GROUPS];

	struct oom_culprit culprit;
	int n_findings;
	struct oom_finding findings[OOM_MAX_FINDINGS];
};

/*
 * analyze_event: fills *an from *ev; never fails.  *an holds no pointer
 * into *ev.  A temporary name table is allocated and freed inside.
 */
void analyze_event(const struct oom_event *ev, struct oom_analysis *an);

const char *analyze_culprit_kind_name(enum culprit_kind kind);
/* "logged_version", "printed_flags", "report_shape", "assumed". */
const char *analyze_gfp_era_source_name(enum gfp_era_source s);
/* "high", "medium", "low"; NULL for CONFIDENCE_NONE. */
const char *analyze_confidence_name(enum culprit_confidence c);
const char *analyze_severity_name(enum finding_severity sev);
/* "under_min", "under_low", "under_high", "above_high", "unknown" */
const char *analyze_zone_mark_name(enum zone_mark mark);
/* "match", "tie", "mismatch", "not_in_table", "unchecked" */
const char *analyze_victim_check_name(enum victim_check c);
/* "<=2.6.35", "2.6.36-3.4/RHEL6", ... */
const char *analyze_badness_era_name(enum badness_era era);

/*
 * The kernel's watermark test on printed values (mm/page_alloc.c
 * __zone_watermark_ok): returns usable_free - (mark' + reserve) in kB,
 * where usable_free = free - (2^order - 1) pages - highatomic reserve -
 * free CMA (unless alloc_cma), mark' = mark halved when alloc_high.  The
 * order-0 part passes when the result is > 0.  order < 0 counts as 0.
 */
int64_t analyze_wmark_margin_kb(const struct oom_zone *z, int64_t mark_kb,
				int64_t reserve_pages, int64_t order,
				int64_t page_kb, bool alloc_high,
				bool alloc_cma);

/*
 * The order > 0 part of the test.  new_rule (4.4+): some free block of
 * order >= `order` on a list of type U/M/E (or any type on lines without
 * letters, <= 3.7).  Old rule (<= 4.3): for each lower order k, discount
 * its free pages and halve min, failing when free <= min.  min_kb and
 * usable_kb are the order-0 inputs (usable = after the order-0
 * discounts, reserve already added to min).  True when it passes.
 */
bool analyze_order_ok(const struct oom_buddy *b, int64_t order,
		      int64_t usable_kb, int64_t min_kb, bool new_rule);

/* Free kB in blocks of order >= `order` of a usable type; OOM_NA if none. */
int64_t analyze_free_at_order_kb(const struct oom_buddy *b, int64_t order);

/* The badness era of a kernel release ("2.6.32-504.el6.x86_64"), or from
 * the task-table layout when the version is unknown (*assumed = true). */
enum badness_era analyze_badness_era(const char *version,
				     enum oom_task_layout layout,
				     bool has_score_adj, bool *assumed);

/*
 * One task's badness in `era` (pages; per-mille in the PERMILLE era), or
 * OOM_NA when it is never chosen (oom_score_adj -1000, era OLD/unknown).
 * Root (uid 0) stands in for CAP_SYS_ADMIN.  *partial (may be NULL) is set
 * when the row lacks columns the kernel counts.
 */
int64_t analyze_badness_points(const struct oom_task *t, enum badness_era era,
			       int64_t totalpages, int64_t page_kb,
			       bool *partial);

#endif
