#ifndef OOMSCOPE_MEMINFO_H
#define OOMSCOPE_MEMINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"

/*
 * Line parsers for the Mem-Info part of an OOM report and the memcg block
 * (lib/show_mem.c, mm/show_mem.c, mm/page_alloc.c show_free_areas(),
 * mm/memcontrol.c), every era from 2.6.32 to 6.19.
 *
 * Each parser takes one message text (prefix already removed, leading blanks
 * allowed) and returns 0 when the line is of its kind and was read into the
 * target, or -1 when it is not (the target is then left untouched).  They
 * never fail otherwise: an unknown "name:value" token is skipped, a token that
 * looks like a field but has no number is counted in *bad (when bad != NULL).
 * Numbers are stored in the kernel's units: pages for the global counters and
 * trailer, kB for zone/node lines, as printed.  Nothing here allocates.
 */

/*
 * Global counters: "active_anon:4040530 inactive_anon:451920 isolated_anon:0"
 * and the continuation lines (" free:35841 slab_reclaimable:2943 ...").
 * Returns 0 when at least one known counter was read.
 */
int meminfo_parse_counters(const char *s, size_t len, struct oom_meminfo *mi,
			   int *bad);

/* "CPU    0: hi:  186, btch:  31 usd:  35" and "Node 0 DMA per-cpu:" */
bool meminfo_is_pcp_line(const char *s, size_t len);

/*
 * Per-zone line: "Node 0 Normal free:56140kB min:56364kB ..." or, without
 * NUMA, "Normal free:...".  Fills z->node (OOM_NA when absent), z->name and
 * every field printed; fields not printed keep their value (call on a zone
 * initialised with meminfo_zone_init).
 */
int meminfo_parse_zone(const char *s, size_t len, struct oom_zone *z, int *bad);
void meminfo_zone_init(struct oom_zone *z);

/* Per-node line (4.8+): "Node 0 active_anon:8kB inactive_anon:65772kB ..." */
int meminfo_parse_node(const char *s, size_t len, struct oom_node *n, int *bad);
void meminfo_node_init(struct oom_node *n);

/* "lowmem_reserve[]: 0 3000 18150 18150" -> v[0..*n-1] (pages). */
int meminfo_parse_lowmem(const char *s, size_t len, int64_t *v, int *n);

/*
 * Buddy line: "Node 0 Normal: 756*4kB (UME) 706*8kB ... = 56320kB".
 * *node gets OOM_NA without a "Node N" prefix; zone receives the zone name
 * (at least 16 bytes).  b->sum_kb is the recomputed sum.  *consumed is set to
 * the offset just past the "= NkB" total, so a caller can re-parse what a
 * web page joined after it ("= 15908kB Node 0 DMA32: 1101*4kB ...").
 * A line cut before its total still parses (total_kb = OOM_NA).
 */
int meminfo_parse_buddy(const char *s, size_t len, int64_t *node, char *zone,
			struct oom_buddy *b, size_t *consumed);

/* "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB" */
int meminfo_parse_hugepages(const char *s, size_t len, struct oom_hugepages *h);

/*
 * Trailer and swap lines: "N total pagecache pages", "N pages in swap cache",
 * "Swap cache stats: add A, delete D, find F/T", "Free swap  = NkB",
 * "Total swap = NkB", "N pages RAM", "N pages HighMem/MovableOnly",
 * "N pages HighMem", "N pages reserved", "N pages cma reserved",
 * "N pages hwpoisoned", "N pages shared", "N pages non-shared".
 * *part receives OOM_PART_SWAP, OOM_PART_RAM or 0 for the others.
 */
int meminfo_parse_totals(const char *s, size_t len, struct oom_totals *t,
			 uint32_t *part);

/*
 * memcg counters: "memory: usage 65536kB, limit 65536kB, failcnt 22",
 * "memory+swap: ...", "kmem: ...", "swap: ..." into m->memory/memsw/kmem/swap.
 */
int meminfo_parse_memcg_counter(const char *s, size_t len, struct oom_memcg *m);

/*
 * "Memory cgroup stats for /path:" (5.3+, stats follow one per line), or
 * the 3.10-5.2 one-liner "Memory cgroup stats for /a: cache:0KB rss:65412KB
 * ..." whose stats are read at once (m->stats_in_kb = true).  Sets m->path.
 * Several such headers appear in one report (one per cgroup of the
 * subtree, <= 5.2, mem_cgroup_print_oom_info()'s for_each_mem_cgroup_tree):
 * their counters are each cgroup's own, not hierarchical, so the stats of
 * every header under the first one's path are added up (m->stats_cgroups
 * counts them).  Returns 0, -1 when the line is no such header, or -2 when
 * its path is outside the first one's subtree (another report's line).
 */
int meminfo_parse_memcg_stats_header(const char *s, size_t len,
				     struct oom_memcg *m);

/*
 * One "key value" memory.stat line ("rss 66916352", "anon 123"); also sets
 * m->version when a key says which (v1: cache/rss/total_*; v2: anon/file/
 * kernel_stack ...).  Returns -1 for anything else.
 */
int meminfo_parse_memcg_stat(const char *s, size_t len, struct oom_memcg *m);

/*
 * "Unreclaimable slab info:" block rows: "kmalloc-64   1234KB   2345KB"
 * (the "Name  Used  Total" header returns 0 and adds nothing).
 */
int meminfo_parse_slab_row(const char *s, size_t len, struct oom_slab_row *r);

/*
 * 6.10+ allocation profiling rows: "   1.23 GiB    12345 mm/slub.c:123 func:x"
 * (sizes printed with units by the kernel are converted to bytes).
 */
int meminfo_parse_alloc_row(const char *s, size_t len, struct oom_alloc_row *r);

#endif
