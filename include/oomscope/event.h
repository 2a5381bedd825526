#ifndef OOMSCOPE_EVENT_H
#define OOMSCOPE_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/prefix.h"

/*
 * Stage 3: log lines -> OOM events.
 *
 * struct oom_event is the typed reconstruction of one report: everything the
 * kernel printed between the trigger line and the kill, as numbers in the
 * kernel's own units.  A value the log did not show is OOM_NA.  Every
 * growable part has a cap; what did not fit is counted, never silently lost.
 *
 * Ownership: the caller owns a struct oom_event; oom_event_release() frees
 * its heap members.  Strings are fixed-size arrays, NUL-terminated, holding
 * the raw bytes of the log (escaping is the renderers' job).
 */

#define OOM_NA INT64_MIN

#define OOM_NAME_MAX 64       /* comm is <= 15 bytes; room for escapes */
#define OOM_HOST_MAX 256
#define OOM_PATH_MAX 1024     /* cgroup paths; longer ones are cut, counted */
#define OOM_TEXT_MAX 128      /* small texts: versions, masks, time */
#define OOM_MAX_TASKS 100000  /* task rows kept per event */
#define OOM_MAX_ZONES 64
#define OOM_MAX_NODES 16
#define OOM_MAX_HUGEPAGES 32
#define OOM_MAX_ORDERS 16
#define OOM_MAX_LOWMEM 8
#define OOM_MAX_MEMCG_STATS 160
#define OOM_MAX_SLAB_ROWS 64
#define OOM_MAX_ALLOC_ROWS 32
#define OOM_MAX_TRACE 64
#define OOM_MAX_VICTIMS 64
#define OOM_MAX_NOTES 32
#define OOM_MAX_EVIDENCE 16
#define OOM_EVIDENCE_LEN 320

enum oom_kind {
	OOM_KIND_KILL = 0,      /* "oom_kill" */
	OOM_KIND_ALLOC_FAILURE, /* "alloc_failure" */
	OOM_KIND_PANIC,         /* "oom_panic" */
};

/* Parts of a report; `seen` and `missing` are masks of these. */
enum oom_part {
	OOM_PART_TRIGGER = 1 << 0,    /* "X invoked oom-killer:" */
	OOM_PART_HEADER = 1 << 1,     /* "CPU: N PID: N Comm:" / "Pid: N, comm:" */
	OOM_PART_TRACE = 1 << 2,      /* "Call Trace:" */
	OOM_PART_MEMINFO = 1 << 3,    /* "Mem-Info:" and the global counters */
	OOM_PART_ZONES = 1 << 4,      /* per-zone lines */
	OOM_PART_BUDDY = 1 << 5,      /* free-area lines */
	OOM_PART_SWAP = 1 << 6,       /* Free swap / Total swap */
	OOM_PART_RAM = 1 << 7,        /* N pages RAM */
	OOM_PART_MEMCG = 1 << 8,      /* memory: usage ... block */
	OOM_PART_TASKS = 1 << 9,      /* the task table */
	OOM_PART_CONSTRAINT = 1 << 10, /* oom-kill:constraint= / Task in ... */
	OOM_PART_SELECT = 1 << 11,    /* "Kill process N (x) score S ..." */
	OOM_PART_VICTIM = 1 << 12,    /* "Killed process N (x) ..." */
	OOM_PART_REAPER = 1 << 13,    /* oom_reaper: reaped process */
	OOM_PART_PANIC = 1 << 14,     /* Kernel panic ... */
	OOM_PART_GAP = 1 << 15,       /* "** N printk messages dropped **"
					 inside the report: only `missing` */
	OOM_PART_LAST = OOM_PART_GAP, /* the parts `missing` can name */
	OOM_PART_NOKILL = 1 << 16,    /* "Out of memory and no killable
					 processes...": the report's end */
};

/* The constraint of an OOM kill (mm/oom_kill.c enum oom_constraint). */
enum oom_constraint {
	OOM_CONSTRAINT_UNKNOWN = 0,
	OOM_CONSTRAINT_NONE,
	OOM_CONSTRAINT_CPUSET,
	OOM_CONSTRAINT_MEMORY_POLICY,
	OOM_CONSTRAINT_MEMCG,
};

/* Task table layouts, chosen from the header line's columns. */
enum oom_task_layout {
	OOM_TASKS_UNKNOWN = 0,
	OOM_TASKS_OOM_ADJ,        /* ... rss cpu oom_adj [oom_score_adj] name */
	OOM_TASKS_NR_PTES,        /* ... rss nr_ptes swapents oom_score_adj name */
	OOM_TASKS_NR_PMDS,        /* ... nr_ptes nr_pmds swapents ... */
	OOM_TASKS_PGTABLES,       /* ... rss pgtables_bytes swapents ... */
	OOM_TASKS_RSS_SPLIT,      /* ... rss rss_anon rss_file rss_shmem ... */
};

struct oom_task {
	int64_t pid, uid, tgid;
	int64_t total_vm_pages, rss_pages;
	int64_t rss_anon_pages, rss_file_pages, rss_shmem_pages; /* 6.8+ */
	int64_t nr_ptes, nr_pmds, pgtables_bytes;
	int64_t swapents;
	int64_t cpu, oom_adj, oom_score_adj;
	uint64_t lineno;
	char name[OOM_NAME_MAX];
};

/* Global Mem-Info counters (pages), lib/show_mem.c show_free_areas(). */
struct oom_meminfo {
	int64_t active_anon, inactive_anon, isolated_anon;
	int64_t active_file, inactive_file, isolated_file;
	int64_t unevictable, dirty, writeback, unstable;
	int64_t slab_reclaimable, slab_unreclaimable;
	int64_t mapped, shmem, pagetables, sec_pagetables, bounce;
	int64_t kernel_misc_reclaimable;
	int64_t free, free_pcp, free_cma;
};

/* Per-node line (4.8+), kB unless noted. */
struct oom_node {
	int64_t node;
	int64_t active_anon_kb, inactive_anon_kb, active_file_kb,
		inactive_file_kb, unevictable_kb, isolated_anon_kb,
		isolated_file_kb, mapped_kb, dirty_kb, writeback_kb, shmem_kb,
		shmem_thp_kb, shmem_pmdmapped_kb, anon_thp_kb, writeback_tmp_kb,
		unstable_kb, kernel_stack_kb, shadow_call_stack_kb,
		pagetables_kb, sec_pagetables_kb, balloon_kb;
	int64_t pages_scanned;   /* pages, 4.8-4.11 */
	int all_unreclaimable;   /* 1 yes, 0 no, -1 not printed */
	uint64_t lineno;
};

struct oom_buddy {
	bool present;
	int n_orders;
	int64_t count[OOM_MAX_ORDERS];
	int64_t block_kb[OOM_MAX_ORDERS];
	char types[OOM_MAX_ORDERS][8]; /* migrate-type letters, "" if none */
	int64_t total_kb;   /* the printed "= NkB" */
	int64_t sum_kb;     /* sum of count * block size */
	uint64_t lineno;
};

struct oom_zone {
	int64_t node;       /* OOM_NA on non-NUMA kernels ("DMA32 free:...") */
	char name[16];      /* DMA, DMA32, Normal, HighMem, Movable, Device */
	int64_t free_kb, boost_kb, min_kb, low_kb, high_kb;
	int64_t reserved_highatomic_kb, free_highatomic_kb;
	int64_t active_anon_kb, inactive_anon_kb, active_file_kb,
		inactive_file_kb, unevictable_kb, isolated_anon_kb,
		isolated_file_kb, writepending_kb, zspages_kb;
	int64_t present_kb, managed_kb, mlocked_kb;
	int64_t dirty_kb, writeback_kb, mapped_kb, shmem_kb;
	int64_t slab_reclaimable_kb, slab_unreclaimable_kb;
	int64_t kernel_stack_kb, shadow_call_stack_kb, pagetables_kb;
	int64_t unstable_kb, bounce_kb, writeback_tmp_kb;
	int64_t free_pcp_kb, local_pcp_kb, free_cma_kb;
	int64_t pages_scanned;
	int all_unreclaimable;   /* 1 yes, 0 no, -1 not printed */
	int n_lowmem;            /* entries in lowmem_reserve, 0: not seen */
	int64_t lowmem_reserve[OOM_MAX_LOWMEM]; /* pages */
	struct oom_buddy buddy;
	uint64_t lineno;
};

struct oom_hugepages {
	int64_t node;
	int64_t total, free, surp, size_kb;
};

/* Trailer and swap lines of Mem-Info. */
struct oom_totals {
	int64_t pagecache_pages, swapcache_pages;
	int64_t swap_cache_add, swap_cache_delete, swap_cache_find,
		swap_cache_find_total;
	int64_t swap_free_kb, swap_total_kb;
	int64_t ram_pages, highmem_pages, reserved_pages, cma_reserved_pages,
		hwpoisoned_pages, shared_pages, nonshared_pages;
};

struct oom_counter {
	int64_t usage_kb, limit_kb, failcnt;
};

struct oom_memcg_stat {
	char key[48];
	int64_t value; /* bytes for sizes (v1 6.5+, v2), kB for "KB" one-liners */
};

struct oom_memcg {
	bool present;
	char path[OOM_PATH_MAX];      /* "Memory cgroup stats for PATH:" */
	int version;                  /* 1, 2, or 0 unknown */
	bool stats_in_kb;             /* 3.10-5.2 one-liner with KB units */
	int stats_cgroups;            /* one-liners summed (the subtree) */
	struct oom_counter memory, memsw, kmem, swap;
	int n_stats;
	int dropped_stats;
	struct oom_memcg_stat stats[OOM_MAX_MEMCG_STATS];
	bool path_truncated;          /* path cut to OOM_PATH_MAX - 1 bytes */
};

struct oom_slab_row {
	char name[OOM_NAME_MAX];
	int64_t used_kb, total_kb;
};

struct oom_alloc_row {
	int64_t bytes, calls;
	char where[OOM_TEXT_MAX];
};

struct oom_frame {
	char func[OOM_NAME_MAX];
	bool unreliable;          /* "? " frame */
};

struct oom_invoker {
	char name[OOM_NAME_MAX];
	int64_t pid;              /* from the CPU:/Pid: header */
	bool from_header;         /* the trigger line was lost: name and pid
				     are the CPU:/Pid: header's task */
	uint64_t gfp_mask;
	bool has_gfp;
	char gfp_text[OOM_TEXT_MAX * 2]; /* "(GFP_KERNEL|__GFP_ZERO)" content */
	bool has_gfp_text;
	int64_t order;
	int64_t oom_adj, oom_score_adj;
	char nodemask[OOM_TEXT_MAX];
};

struct oom_victim {
	int64_t pid;
	char name[OOM_NAME_MAX];
	int64_t uid, score;
	int64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb,
		pgtables_kb, oom_score_adj;
	char message[48];         /* "Out of memory", "Memory cgroup out of memory" */
	uint64_t lineno;
};

struct oom_reaper {
	bool present;
	int64_t pid;
	char name[OOM_NAME_MAX];
	int64_t anon_rss_kb, file_rss_kb, shmem_rss_kb;
	bool unable;              /* "oom_reaper: unable to reap pid:N" */
};

struct oom_constraint_info {
	enum oom_constraint type;
	bool inferred;            /* no oom-kill: line; deduced from the rest */
	bool global_oom;
	char nodemask[OOM_TEXT_MAX];
	char cpuset[OOM_PATH_MAX];
	char mems_allowed[OOM_TEXT_MAX];
	char oom_memcg[OOM_PATH_MAX];
	char task_memcg[OOM_PATH_MAX];
	char task[OOM_NAME_MAX];
	int64_t pid, uid;
};

/*
 * A key line of the report kept verbatim (message text, prefix removed) for
 * reports that quote their evidence: the trigger, the CPU:/Pid: header, the
 * zone lines, the memcg usage line, oom-kill:, the select and kill lines,
 * the reaper.  Lines longer than OOM_EVIDENCE_LEN - 1 are cut (`cut`).
 */
struct oom_evidence {
	uint64_t lineno;
	bool cut;
	char text[OOM_EVIDENCE_LEN];
};

/* What the parser noticed about the event's text (repairs, oddities). */
struct oom_note {
	uint64_t lineno;
	char text[OOM_TEXT_MAX];
};

struct oom_event {
	enum oom_kind kind;
	uint32_t seen;            /* enum oom_part mask */
	bool complete;
	uint32_t missing;         /* enum oom_part mask, set by event_close */
	uint32_t dropped_records; /* printk records the log lost inside it */

	const char *input;        /* input name, borrowed from the pipeline */
	uint64_t seq;             /* delivery number in the run (1-based, 0:
				     not delivered), set by context_event():
				     the key of the event's context anchor */
	uint64_t first_line, last_line;
	char host[OOM_HOST_MAX];  /* "" when the log has no host */
	bool has_host;

	char time_text[OOM_TEXT_MAX];
	bool has_uptime;
	uint64_t uptime_us;
	bool has_wall;
	int64_t wall_s;
	uint32_t wall_us;
	bool wall_year_known;

	char kernel_version[OOM_TEXT_MAX];
	char taint[OOM_TEXT_MAX];
	char hardware[OOM_TEXT_MAX];
	bool manual;              /* sysrq: Manual OOM execution / order=-1 */
	char panic_text[OOM_TEXT_MAX];

	struct oom_invoker invoker;
	struct oom_constraint_info constraint;
	struct oom_victim select; /* "Kill process N (x) score S" (<= 5.0) */
	struct oom_victim victim; /* "Killed process N (x) ..." */
	int n_victims;            /* memory.oom.group: more than one */
	struct oom_victim *victims;  /* all kill lines (n_victims entries) */
	struct oom_reaper reaper;

	struct oom_meminfo meminfo;
	int n_nodes;
	struct oom_node nodes[OOM_MAX_NODES];
	int n_zones;
	struct oom_zone *zones;   /* n_zones entries, at most OOM_MAX_ZONES */
	int n_hugepages;
	struct oom_hugepages hugepages[OOM_MAX_HUGEPAGES];
	struct oom_totals totals;
	int64_t page_size_kb;     /* from the buddy lines, OOM_NA unknown */

	struct oom_memcg memcg;

	enum oom_task_layout task_layout;
	size_t n_tasks;           /* rows kept */
	size_t tasks_alloc;
	struct oom_task *tasks;
	uint64_t tasks_seen;      /* rows read, including dropped ones */
	bool tasks_elided;        /* a non-row line inside the table */
	int64_t tasks_sum_rss_pages, tasks_sum_swapents, tasks_sum_pgtables_kb;

	int n_slab;
	struct oom_slab_row slab[OOM_MAX_SLAB_ROWS];
	int n_alloc;
	struct oom_alloc_row alloc[OOM_MAX_ALLOC_ROWS];
	int n_trace;
	struct oom_frame trace[OOM_MAX_TRACE];

	int n_notes;
	struct oom_note notes[OOM_MAX_NOTES];
	int n_evidence;
	struct oom_evidence evidence[OOM_MAX_EVIDENCE];

	uint64_t lines;           /* lines attributed to the event */
	uint64_t lines_unparsed;  /* report-looking lines that did not parse */
	uint64_t lines_foreign;   /* other kernel lines inside the report */
	uint64_t truncated_fields; /* names or paths cut to fit */
};

/* A fresh event with every number OOM_NA and no heap memory. */
void oom_event_init(struct oom_event *ev);
void oom_event_release(struct oom_event *ev);
/* oom_event_free: releases a heap-allocated event and frees it. */
void oom_event_free(struct oom_event *ev);
/* oom_event_move: *dst = *src, and src becomes a fresh event. */
void oom_event_move(struct oom_event *dst, struct oom_event *src);
/* Appends a parser note (bounded; extra notes are dropped). */
void oom_event_note(struct oom_event *ev, uint64_t lineno, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
/* Names of parts, for `missing`: "trigger", "mem_info", ... */
const char *oom_part_name(enum oom_part part);
const char *oom_kind_name(enum oom_kind kind);
/* "CONSTRAINT_MEMCG", as the kernel prints it; NULL for UNKNOWN. */
const char *oom_constraint_name(enum oom_constraint c);
/* "MEMCG": the name without the kernel's prefix; NULL for UNKNOWN. */
const char *oom_constraint_brief(enum oom_constraint c);
/* The constraint the kernel's name (s, n) stands for; UNKNOWN if none. */
enum oom_constraint oom_constraint_parse(const char *s, size_t n);

#endif
