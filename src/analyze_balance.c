/*
 * Analysis sub-stage: the balance, where the memory went.  Consumes
 * Mem-Info (or the zone and node lines where a counter is missing), the
 * hugepage and swap totals, a memcg OOM's memory.stat and the task table's
 * sums; produces an->balance: rows in kB and per mille of the base (RAM,
 * or the memcg limit), the anon LRU, the tasks' rss, anon and swap, and
 * the anonymous memory no visible row explains.  Also the bases that
 * shares are taken of, and their names, for the culprit and the findings.
 *
 * Rules: a counter comes from Mem-Info, else the sum of the zone lines,
 * else of the node lines; "unexplained" is the base minus every row, only
 * when the LRU counters are shown (without them the rest would all look
 * unexplained); memory.stat prefers v1's hierarchical "total_" keys;
 * kernel_other is v2's "kernel" minus its named parts, or v1's kmem.
 */
#include "analyze_int.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

#define ZF(f) offsetof(struct oom_zone, f)
#define NF(f) offsetof(struct oom_node, f)
#define NO_FIELD ((size_t)-1)

static int64_t field_at(const void *base, size_t off)
{
	int64_t v;

	memcpy(&v, (const char *)base + off, sizeof(v));
	return v;
}

int64_t analyze_balance_sum_zones(const struct oom_event *ev, size_t off)
{
	int64_t s = NA;

	if (off == NO_FIELD)
		return NA;
	for (int i = 0; i < ev->n_zones; i++)
		s = analyze_add(s, field_at(&ev->zones[i], off));
	return s;
}

static int64_t sum_nodes(const struct oom_event *ev, size_t off)
{
	int64_t s = NA;

	if (off == NO_FIELD)
		return NA;
	for (int i = 0; i < ev->n_nodes; i++)
		s = analyze_add(s, field_at(&ev->nodes[i], off));
	return s;
}

/* Mem-Info pages in kB, else the zone lines' sum, else the node lines'. */
static int64_t counter_kb(const struct oom_event *ev, int64_t pages,
			  size_t zoff, size_t noff, bool *from_zones)
{
	int64_t v;

	if (KNOWN(pages))
		return pages * analyze_page_kb(ev);
	v = analyze_balance_sum_zones(ev, zoff);
	if (!KNOWN(v))
		v = sum_nodes(ev, noff);
	if (KNOWN(v) && from_zones)
		*from_zones = true;
	return v;
}

static void row(struct oom_balance *b, const char *item, int64_t kb)
{
	if (b->n_rows >= OOM_MAX_BALANCE || !KNOWN(kb))
		return;
	b->rows[b->n_rows].item = item;
	b->rows[b->n_rows].kb = kb;
	b->rows[b->n_rows].permille = analyze_permille(kb, b->base_kb);
	b->n_rows++;
}

static int64_t rows_sum(const struct oom_balance *b)
{
	int64_t s = 0;

	for (int i = 0; i < b->n_rows; i++)
		s += b->rows[i].kb;
	return s;
}

static int64_t hugetlb_kb(const struct oom_event *ev, bool free_only)
{
	int64_t s = NA;

	for (int i = 0; i < ev->n_hugepages; i++) {
		const struct oom_hugepages *h = &ev->hugepages[i];
		int64_t n = free_only ? h->free : h->total;

		if (KNOWN(n) && KNOWN(h->size_kb))
			s = analyze_add(s, n * h->size_kb);
	}
	return s;
}

static int64_t anon_lru_global(const struct oom_event *ev, bool *fz)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t a, i, s;

	a = counter_kb(ev, mi->active_anon, ZF(active_anon_kb),
		       NF(active_anon_kb), fz);
	i = counter_kb(ev, mi->inactive_anon, ZF(inactive_anon_kb),
		       NF(inactive_anon_kb), fz);
	s = counter_kb(ev, mi->isolated_anon, ZF(isolated_anon_kb),
		       NF(isolated_anon_kb), fz);
	return KNOWN(a) || KNOWN(i) ? analyze_add(analyze_add(a, i), s) : NA;
}

static void balance_global_kernel(const struct oom_event *ev,
				  struct oom_balance *b)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t misc = mi->kernel_misc_reclaimable;

	row(b, "unevictable", counter_kb(ev, mi->unevictable,
		ZF(unevictable_kb), NF(unevictable_kb), NULL));
	row(b, "slab_reclaimable", counter_kb(ev, mi->slab_reclaimable,
		ZF(slab_reclaimable_kb), NO_FIELD, NULL));
	row(b, "slab_unreclaimable", counter_kb(ev, mi->slab_unreclaimable,
		ZF(slab_unreclaimable_kb), NO_FIELD, NULL));
	row(b, "kernel_stack", counter_kb(ev, NA, ZF(kernel_stack_kb),
		NF(kernel_stack_kb), NULL));
	row(b, "kernel_other", KNOWN(misc) && misc > 0 ?
	    misc * analyze_page_kb(ev) : NA);
}

static void balance_global(const struct oom_event *ev, struct oom_balance *b)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t pk = analyze_page_kb(ev), shmem, file, free, ptes;

	b->base_kb = KNOWN(ev->totals.ram_pages) ? ev->totals.ram_pages * pk :
		     NA;
	b->anon_lru_kb = anon_lru_global(ev, &b->from_zones);
	shmem = counter_kb(ev, mi->shmem, ZF(shmem_kb), NF(shmem_kb), NULL);
	free = analyze_add(counter_kb(ev, mi->free, ZF(free_kb), NO_FIELD,
				      NULL),
			   counter_kb(ev, mi->free_pcp, ZF(free_pcp_kb),
				      NO_FIELD, NULL));
	file = counter_kb(ev, mi->active_file, ZF(active_file_kb),
			  NF(active_file_kb), NULL);
	file = analyze_add(file, counter_kb(ev, mi->inactive_file,
					    ZF(inactive_file_kb),
					    NF(inactive_file_kb), NULL));
	file = analyze_add(file, counter_kb(ev, mi->isolated_file,
					    ZF(isolated_file_kb),
					    NF(isolated_file_kb), NULL));
	ptes = analyze_add(counter_kb(ev, mi->pagetables, ZF(pagetables_kb),
				      NF(pagetables_kb), NULL),
			   counter_kb(ev, mi->sec_pagetables, NO_FIELD,
				      NF(sec_pagetables_kb), NULL));
	row(b, "reserved", KNOWN(ev->totals.reserved_pages) ?
	    ev->totals.reserved_pages * pk : NA);
	row(b, "free", free);
	if (KNOWN(b->anon_lru_kb))
		row(b, "anon", b->anon_lru_kb > analyze_nz(shmem) ?
		    b->anon_lru_kb - analyze_nz(shmem) : 0);
	row(b, "shmem", shmem);
	row(b, "file", file);
	balance_global_kernel(ev, b);
	row(b, "pagetables", ptes);
	row(b, "hugetlb", hugetlb_kb(ev, false));
	row(b, "zspages", analyze_balance_sum_zones(ev,        /* 6.18+ */
						    ZF(zspages_kb)));
	b->hugetlb_free_kb = hugetlb_kb(ev, true);
	b->swapcache_kb = KNOWN(ev->totals.swapcache_pages) ?
			  ev->totals.swapcache_pages * pk : NA;
}

/* A memory.stat value in kB; v1 hierarchical "total_" keys first. */
static int64_t stat_kb(const struct oom_memcg *m, const char *key)
{
	char total[64];

	snprintf(total, sizeof(total), "total_%s", key);
	for (int pass = 0; pass < 2; pass++) {
		const char *k = pass == 0 ? total : key;

		for (int i = 0; i < m->n_stats; i++)
			if (strcmp(m->stats[i].key, k) == 0)
				return m->stats_in_kb ? m->stats[i].value :
				       m->stats[i].value / 1024;
	}
	return NA;
}

static int64_t memcg_limit_kb(const struct oom_memcg *m)
{
	int64_t l = m->memory.limit_kb;

	return KNOWN(l) && l > 0 && l < UNLIMITED_KB ? l : m->memory.usage_kb;
}

/* v2: kernel_stack, pagetables, slab rows and the rest of "kernel" */
static void balance_memcg_kernel(const struct oom_memcg *m,
				 struct oom_balance *b)
{
	int64_t stack = stat_kb(m, "kernel_stack"), sr, su, ptes, known;
	int64_t kernel = stat_kb(m, "kernel"), other;

	sr = stat_kb(m, "slab_reclaimable");
	su = stat_kb(m, "slab_unreclaimable");
	ptes = analyze_add(stat_kb(m, "pagetables"),
			   stat_kb(m, "sec_pagetables"));
	row(b, "slab_reclaimable", sr);
	row(b, "slab_unreclaimable", su);
	row(b, "kernel_stack", stack);
	row(b, "pagetables", ptes);
	known = analyze_nz(sr) + analyze_nz(su) + analyze_nz(stack) +
		analyze_nz(ptes);
	if (KNOWN(kernel))
		other = kernel - known;
	else
		other = analyze_add(analyze_add(stat_kb(m, "percpu"),
						stat_kb(m, "vmalloc")),
				    KNOWN(sr) ? NA : stat_kb(m, "slab"));
	if (!KNOWN(sr) && !KNOWN(stack) && KNOWN(m->kmem.usage_kb))
		other = m->kmem.usage_kb;           /* v1: kmem counter */
	row(b, "kernel_other", analyze_add(other, stat_kb(m, "sock")));
}

static void balance_memcg(const struct oom_event *ev, struct oom_balance *b)
{
	const struct oom_memcg *m = &ev->memcg;
	int64_t anon, shmem, file, usage = m->memory.usage_kb;

	b->memcg = true;
	b->base_kb = memcg_limit_kb(m);
	b->usage_kb = usage;
	anon = stat_kb(m, "anon");
	if (!KNOWN(anon))
		anon = stat_kb(m, "rss");
	shmem = stat_kb(m, "shmem");
	file = stat_kb(m, "file");
	if (!KNOWN(file))
		file = stat_kb(m, "cache");
	if (KNOWN(file) && KNOWN(shmem))
		file -= shmem;
	b->anon_lru_kb = analyze_add(stat_kb(m, "active_anon"),
				     stat_kb(m, "inactive_anon"));
	row(b, "free", KNOWN(usage) && KNOWN(b->base_kb) &&
	    b->base_kb >= usage ? b->base_kb - usage : NA);
	row(b, "anon", anon);
	row(b, "shmem", shmem);
	row(b, "file", file);
	row(b, "unevictable", stat_kb(m, "unevictable"));
	balance_memcg_kernel(m, b);
}

static void balance_tasks(const struct oom_event *ev, struct oom_balance *b)
{
	int64_t pk = analyze_page_kb(ev), anon = 0;
	bool split = ev->task_layout == OOM_TASKS_RSS_SPLIT;

	b->tasks_rss_kb = b->tasks_anon_kb = b->tasks_swap_kb = NA;
	b->anon_unexplained_kb = NA;
	if (!(ev->seen & OOM_PART_TASKS) || !KNOWN(ev->tasks_sum_rss_pages))
		return;
	b->tasks_rss_kb = ev->tasks_sum_rss_pages * pk;
	for (size_t i = 0; split && i < ev->n_tasks; i++)
		anon += analyze_nz(ev->tasks[i].rss_anon_pages) * pk;
	b->tasks_anon_kb = split ? anon : b->tasks_rss_kb;
	if (KNOWN(ev->tasks_sum_swapents))
		b->tasks_swap_kb = ev->tasks_sum_swapents * pk;
	if (KNOWN(b->anon_lru_kb)) {
		int64_t priv = b->anon_lru_kb - analyze_nz(b->memcg ?
			stat_kb(&ev->memcg, "shmem") :
			counter_kb(ev, ev->meminfo.shmem, ZF(shmem_kb),
				   NF(shmem_kb), NULL));

		b->anon_unexplained_kb = priv > b->tasks_anon_kb ?
					 priv - b->tasks_anon_kb : 0;
	}
}

void analyze_balance_fill(const struct oom_event *ev, struct oom_analysis *an)
{
	struct oom_balance *b = &an->balance;
	bool memcg = ev->constraint.type == OOM_CONSTRAINT_MEMCG &&
		     ev->memcg.present;

	memset(b, 0, sizeof(*b));
	b->base_kb = b->usage_kb = b->anon_lru_kb = NA;
	b->hugetlb_free_kb = b->swapcache_kb = b->unexplained_kb = NA;
	b->swap_total_kb = b->swap_free_kb = NA;
	if (ev->seen & OOM_PART_SWAP) {
		b->swap_total_kb = ev->totals.swap_total_kb;
		b->swap_free_kb = ev->totals.swap_free_kb;
	}
	if (memcg)
		balance_memcg(ev, b);
	else if (ev->seen & (OOM_PART_MEMINFO | OOM_PART_ZONES))
		balance_global(ev, b);
	b->present = b->n_rows > 0;
	/* without the LRU counters the rest would all look unexplained */
	if (b->present && KNOWN(b->base_kb) && KNOWN(b->anon_lru_kb)) {
		b->unexplained_kb = b->base_kb - rows_sum(b);
		row(b, "unexplained", b->unexplained_kb);
	}
	balance_tasks(ev, b);
}

/* ---- what shares are taken of ---------------------------------------- */

/* What task shares are taken of: RAM + swap (tasks hold both; the
 * kernel's totalpages), or the memcg limit. */
int64_t analyze_balance_share_base_kb(const struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;

	if (b->memcg || !KNOWN(b->base_kb))
		return b->base_kb;
	return b->base_kb + analyze_nz(b->swap_total_kb);
}

/* What balance shares (and non-process holders) are taken of. */
const char *analyze_balance_ram_name(const struct oom_analysis *an)
{
	return an->balance.memcg ? "the limit" : "RAM";
}

const char *analyze_balance_base_name(const struct oom_analysis *an)
{
	if (an->balance.memcg)
		return "the limit";
	return analyze_nz(an->balance.swap_total_kb) > 0 ? "RAM + swap" : "RAM";
}

int64_t analyze_balance_kb(const struct oom_analysis *an, const char *item)
{
	for (int i = 0; i < an->balance.n_rows; i++)
		if (strcmp(an->balance.rows[i].item, item) == 0)
			return an->balance.rows[i].kb;
	return NA;
}
