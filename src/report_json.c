/*
 * The JSON renderer: one document ("schema": 1) or one object per line
 * (--ndjson).  The field names that scripts rely on (those
 * doc/oomscope.schema.json requires) come first in each object; the
 * document is described by that schema and by man/oomscope.1 (OUTPUT).
 *
 * Every event object is built as a cJSON tree, printed once and freed, so
 * the document streams: its "events" array is written as events arrive and
 * "inputs" (whose line counts are known only at the end) follows it.
 * Integers are written as raw JSON integers (never doubles: a 2^63 memcg
 * limit must survive), a value the log did not show is null, and strings
 * are made valid UTF-8 (invalid bytes become U+FFFD) before cJSON escapes
 * control characters.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "escape.h"
#include "oomscope/strbuf.h"
#include "version.h"
#include "xalloc.h"
#include "banned.h"

static void jint(cJSON *o, const char *k, int64_t v)
{
	char buf[32];

	if (v == OOM_NA) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	cJSON_AddItemToObject(o, k, cJSON_CreateRaw(buf));
}

static cJSON *jstr_item(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	cJSON *it;

	escape_utf8(&sb, s, strlen(s));
	it = cJSON_CreateString(sb.buf);
	strbuf_release(&sb);
	return it;
}

static void jstr(cJSON *o, const char *k, const char *s)
{
	cJSON_AddItemToObject(o, k, jstr_item(s));
}

/* A string that is null when empty. */
static void jstr0(cJSON *o, const char *k, const char *s)
{
	if (s && s[0])
		jstr(o, k, s);
	else
		cJSON_AddNullToObject(o, k);
}

static void jbool(cJSON *o, const char *k, bool b)
{
	cJSON_AddBoolToObject(o, k, b);
}

static cJSON *jobj(cJSON *parent, const char *k)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(parent, k, o);
	return o;
}

static cJSON *jarr(cJSON *parent, const char *k)
{
	cJSON *a = cJSON_CreateArray();

	cJSON_AddItemToObject(parent, k, a);
	return a;
}

static void j_missing(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "missing");

	for (uint32_t bit = 1; bit && bit <= OOM_PART_LAST; bit <<= 1)
		if (ev->missing & bit)
			cJSON_AddItemToArray(a, cJSON_CreateString(
				oom_part_name((enum oom_part)bit)));
}

static void j_time(cJSON *e, const struct oom_event *ev)
{
	cJSON *t = jobj(e, "time");
	char iso[48];

	report_iso_time(ev, iso, sizeof(iso));
	jstr0(t, "text", ev->time_text);
	jstr0(t, "iso8601", iso);
	jint(t, "uptime_us", ev->has_uptime ? (int64_t)ev->uptime_us : OOM_NA);
}

static void j_gfp_names(cJSON *o, const char *k, const char *const *names,
			size_t n)
{
	cJSON *a = jarr(o, k);

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, jstr_item(names[i]));
}

/* Splits the printed "(GFP_A|__GFP_B)" text into names. */
static void j_printed_flags(cJSON *o, const char *k, const char *text)
{
	cJSON *a = jarr(o, k);
	const char *p = text;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char name[64];

		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		if (n)
			cJSON_AddItemToArray(a, jstr_item(name));
		p += n + (bar != NULL);
	}
}

static void j_invoker(cJSON *e, const struct oom_event *ev,
		      const struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	cJSON *o = jobj(e, "invoker");
	char hex[24];

	jstr0(o, "name", inv->name);
	jint(o, "pid", inv->pid);
	snprintf(hex, sizeof(hex), "0x%" PRIx64, inv->gfp_mask);
	jstr0(o, "gfp_mask", inv->has_gfp ? hex : NULL);
	if (!inv->has_gfp)
		cJSON_AddNullToObject(o, "gfp_flags");
	else if (inv->has_gfp_text)
		j_printed_flags(o, "gfp_flags", inv->gfp_text);
	else
		j_gfp_names(o, "gfp_flags", an->gfp_names, an->n_gfp_names);
	jint(o, "order", inv->order);
	jint(o, "oom_score_adj", inv->oom_score_adj);
	jint(o, "oom_adj", inv->oom_adj);
	jstr0(o, "nodemask", inv->nodemask);
	if (inv->has_gfp) {
		j_gfp_names(o, "gfp_flags_decoded", an->gfp_names,
			    an->n_gfp_names);
		jbool(o, "gfp_flags_printed", inv->has_gfp_text);
		jbool(o, "gfp_mismatch", an->gfp_mismatch);
		jstr(o, "gfp_era", gfp_era_name(an->gfp_era));
		jbool(o, "gfp_era_assumed", an->gfp_era_assumed);
		jstr(o, "gfp_era_source",
		     analyze_gfp_era_source_name(an->gfp_era_source));
		jbool(o, "gfp_decoded", !an->gfp_undecided);
	}
	jint(o, "request_kb", an->request_kb);
}

static void j_constraint(cJSON *e, const struct oom_event *ev)
{
	const struct oom_constraint_info *ci = &ev->constraint;
	cJSON *o = jobj(e, "constraint");

	jstr0(o, "type", oom_constraint_name(ci->type));
	jstr0(o, "oom_memcg", ci->oom_memcg);
	jstr0(o, "task_memcg", ci->task_memcg);
	jbool(o, "inferred", ci->inferred);
	jbool(o, "global_oom", ci->global_oom);
	jstr0(o, "nodemask", ci->nodemask);
	jstr0(o, "cpuset", ci->cpuset);
	jstr0(o, "mems_allowed", ci->mems_allowed);
}

static cJSON *victim_obj(const struct oom_victim *v, bool full)
{
	cJSON *o = cJSON_CreateObject();

	jint(o, "pid", v->pid);
	jstr0(o, "name", v->name);
	if (full) {
		jint(o, "uid", v->uid);
		jint(o, "score", v->score);
		jint(o, "total_vm_kb", v->total_vm_kb);
		jint(o, "anon_rss_kb", v->anon_rss_kb);
		jint(o, "file_rss_kb", v->file_rss_kb);
		jint(o, "shmem_rss_kb", v->shmem_rss_kb);
		jint(o, "oom_score_adj", v->oom_score_adj);
		jint(o, "pgtables_kb", v->pgtables_kb);
	} else {
		jint(o, "score", v->score);
	}
	jstr0(o, "message", v->message);
	jint(o, "line", v->lineno ? (int64_t)v->lineno : OOM_NA);
	return o;
}

static void j_victims(cJSON *e, const struct oom_event *ev)
{
	cJSON *a;

	if (ev->seen & OOM_PART_VICTIM) {
		struct oom_victim v = ev->victim;

		/* <= 5.0 the score is printed on the select line only */
		if (v.score == OOM_NA && ev->select.pid == v.pid)
			v.score = ev->select.score;
		cJSON_AddItemToObject(e, "victim", victim_obj(&v, true));
	} else {
		cJSON_AddNullToObject(e, "victim");
	}
	if (ev->seen & OOM_PART_SELECT)
		cJSON_AddItemToObject(e, "selected", victim_obj(&ev->select, false));
	a = jarr(e, "victims");
	for (int i = 0; i < ev->n_victims; i++)
		cJSON_AddItemToArray(a, victim_obj(&ev->victims[i], true));
}

static void j_reaper(cJSON *e, const struct oom_event *ev)
{
	const struct oom_reaper *r = &ev->reaper;
	cJSON *o;

	if (!r->present) {
		cJSON_AddNullToObject(e, "reaper");
		return;
	}
	o = jobj(e, "reaper");
	jint(o, "pid", r->pid);
	jstr0(o, "name", r->name);
	jbool(o, "reaped", !r->unable);
	jint(o, "anon_rss_kb", r->anon_rss_kb);
	jint(o, "file_rss_kb", r->file_rss_kb);
	jint(o, "shmem_rss_kb", r->shmem_rss_kb);
}

static void j_swap(cJSON *e, const struct oom_event *ev)
{
	cJSON *o;

	if (!(ev->seen & OOM_PART_SWAP)) {
		cJSON_AddNullToObject(e, "swap");
		return;
	}
	o = jobj(e, "swap");
	jint(o, "total_kb", ev->totals.swap_total_kb);
	jint(o, "free_kb", ev->totals.swap_free_kb);
	jint(o, "cache_pages", ev->totals.swapcache_pages);
}

static void j_buddy(cJSON *z, const struct oom_buddy *b)
{
	cJSON *o, *counts, *sizes, *types;

	if (!b->present) {
		cJSON_AddNullToObject(z, "buddy");
		return;
	}
	o = jobj(z, "buddy");
	counts = jarr(o, "counts");
	sizes = jarr(o, "block_kb");
	types = jarr(o, "types");
	for (int i = 0; i < b->n_orders && i < OOM_MAX_ORDERS; i++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%" PRId64, b->count[i]);
		cJSON_AddItemToArray(counts, cJSON_CreateRaw(buf));
		snprintf(buf, sizeof(buf), "%" PRId64, b->block_kb[i]);
		cJSON_AddItemToArray(sizes, cJSON_CreateRaw(buf));
		cJSON_AddItemToArray(types, jstr_item(b->types[i]));
	}
	jint(o, "total_kb", b->total_kb);
	jint(o, "sum_kb", b->sum_kb);
	jbool(o, "sum_matches", b->total_kb == OOM_NA || b->total_kb == b->sum_kb);
	jint(o, "line", (int64_t)b->lineno);
}

#define Z(f) jint(o, #f, z->f)

static cJSON *zone_obj(const struct oom_zone *z)
{
	cJSON *o = cJSON_CreateObject(), *lr;

	jint(o, "node", z->node);
	jstr(o, "zone", z->name);
	Z(free_kb); Z(min_kb); Z(low_kb); Z(high_kb); Z(boost_kb);
	Z(reserved_highatomic_kb); Z(free_highatomic_kb);
	Z(active_anon_kb); Z(inactive_anon_kb); Z(active_file_kb);
	Z(inactive_file_kb); Z(unevictable_kb); Z(isolated_anon_kb);
	Z(isolated_file_kb); Z(writepending_kb); Z(zspages_kb);
	Z(present_kb); Z(managed_kb); Z(mlocked_kb); Z(dirty_kb);
	Z(writeback_kb); Z(mapped_kb); Z(shmem_kb); Z(slab_reclaimable_kb);
	Z(slab_unreclaimable_kb); Z(kernel_stack_kb); Z(shadow_call_stack_kb);
	Z(pagetables_kb); Z(unstable_kb); Z(bounce_kb); Z(writeback_tmp_kb);
	Z(free_pcp_kb); Z(local_pcp_kb); Z(free_cma_kb); Z(pages_scanned);
	if (z->all_unreclaimable < 0)
		cJSON_AddNullToObject(o, "all_unreclaimable");
	else
		jbool(o, "all_unreclaimable", z->all_unreclaimable);
	if (z->n_lowmem) {
		lr = jarr(o, "lowmem_reserve_pages");
		for (int i = 0; i < z->n_lowmem; i++) {
			char buf[32];

			snprintf(buf, sizeof(buf), "%" PRId64,
				 z->lowmem_reserve[i]);
			cJSON_AddItemToArray(lr, cJSON_CreateRaw(buf));
		}
	} else {
		cJSON_AddNullToObject(o, "lowmem_reserve_pages");
	}
	j_buddy(o, &z->buddy);
	jint(o, "line", z->lineno ? (int64_t)z->lineno : OOM_NA);
	return o;
}

#undef Z

static void j_zones(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "zones");

	for (int i = 0; i < ev->n_zones; i++)
		cJSON_AddItemToArray(a, zone_obj(&ev->zones[i]));
}

static cJSON *task_obj(const struct oom_task *t)
{
	cJSON *o = cJSON_CreateObject();

	jint(o, "pid", t->pid);
	jint(o, "uid", t->uid);
	jint(o, "tgid", t->tgid);
	jint(o, "total_vm_pages", t->total_vm_pages);
	jint(o, "rss_pages", t->rss_pages);
	jint(o, "swapents", t->swapents);
	jint(o, "oom_score_adj", t->oom_score_adj);
	jstr(o, "name", t->name);
	jint(o, "rss_anon_pages", t->rss_anon_pages);
	jint(o, "rss_file_pages", t->rss_file_pages);
	jint(o, "rss_shmem_pages", t->rss_shmem_pages);
	jint(o, "pgtables_bytes", t->pgtables_bytes);
	jint(o, "nr_ptes", t->nr_ptes);
	jint(o, "nr_pmds", t->nr_pmds);
	jint(o, "oom_adj", t->oom_adj);
	jint(o, "cpu", t->cpu);
	return o;
}

static const char *layout_name(enum oom_task_layout l)
{
	switch (l) {
	case OOM_TASKS_OOM_ADJ: return "cpu_oom_adj";
	case OOM_TASKS_NR_PTES: return "nr_ptes";
	case OOM_TASKS_NR_PMDS: return "nr_pmds";
	case OOM_TASKS_PGTABLES: return "pgtables_bytes";
	case OOM_TASKS_RSS_SPLIT: return "rss_split";
	case OOM_TASKS_UNKNOWN: break;
	}
	return NULL;
}

static void j_tasks(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "tasks"), *o;

	for (size_t i = 0; i < ev->n_tasks; i++)
		cJSON_AddItemToArray(a, task_obj(&ev->tasks[i]));
	o = jobj(e, "task_table");
	jbool(o, "present", ev->seen & OOM_PART_TASKS);
	jstr0(o, "layout", layout_name(ev->task_layout));
	jint(o, "rows_seen", (int64_t)ev->tasks_seen);
	jint(o, "rows_kept", (int64_t)ev->n_tasks);
	jbool(o, "elided", ev->tasks_elided);
	jint(o, "sum_rss_pages", ev->tasks_sum_rss_pages);
	jint(o, "sum_swapents", ev->tasks_sum_swapents);
	jint(o, "sum_pgtables_kb", ev->tasks_sum_pgtables_kb);
}

static void j_counter(cJSON *o, const char *k, const struct oom_counter *c)
{
	cJSON *x;

	if (c->usage_kb == OOM_NA && c->limit_kb == OOM_NA) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	x = jobj(o, k);
	jint(x, "usage_kb", c->usage_kb);
	jint(x, "limit_kb", c->limit_kb);
	jint(x, "failcnt", c->failcnt);
	/*
	 * "unlimited" prints as a sentinel of at least 2^52 kB: PAGE_COUNTER_MAX
	 * pages from 3.19, res_counter's maximum before (mm/memcontrol.c
	 * mem_cgroup_print_oom_meminfo(), mem_cgroup_print_oom_info() < 4.19)
	 */
	jbool(x, "unlimited", c->limit_kb != OOM_NA &&
	      c->limit_kb >= ((int64_t)1 << 52));
}

static void j_memcg(cJSON *e, const struct oom_event *ev)
{
	const struct oom_memcg *m = &ev->memcg;
	cJSON *o, *st;

	if (!m->present) {
		cJSON_AddNullToObject(e, "memcg");
		return;
	}
	o = jobj(e, "memcg");
	jstr0(o, "path", m->path);
	jint(o, "usage_kb", m->memory.usage_kb);
	jint(o, "limit_kb", m->memory.limit_kb);
	jint(o, "failcnt", m->memory.failcnt);
	jint(o, "cgroup_version", m->version ? m->version : OOM_NA);
	j_counter(o, "memory", &m->memory);
	j_counter(o, "memory_swap", &m->memsw);
	j_counter(o, "kmem", &m->kmem);
	j_counter(o, "swap", &m->swap);
	jstr(o, "stats_unit", m->stats_in_kb ? "kB" : "bytes");
	jint(o, "stats_cgroups", m->stats_cgroups ? m->stats_cgroups : OOM_NA);
	st = jobj(o, "stats");
	for (int i = 0; i < m->n_stats; i++)
		jint(st, m->stats[i].key, m->stats[i].value);
	jint(o, "stats_dropped", m->dropped_stats);
}

#define M(f) jint(o, #f, mi->f)

static void j_meminfo(cJSON *e, const struct oom_event *ev)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	cJSON *o;

	if (!(ev->seen & OOM_PART_MEMINFO)) {
		cJSON_AddNullToObject(e, "mem_info_pages");
		return;
	}
	o = jobj(e, "mem_info_pages");
	M(active_anon); M(inactive_anon); M(isolated_anon); M(active_file);
	M(inactive_file); M(isolated_file); M(unevictable); M(dirty);
	M(writeback); M(unstable); M(slab_reclaimable); M(slab_unreclaimable);
	M(mapped); M(shmem); M(pagetables); M(sec_pagetables); M(bounce);
	M(kernel_misc_reclaimable); M(free); M(free_pcp); M(free_cma);
}

#undef M
#define N(f) jint(o, #f, nd->f)

static void j_nodes(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "nodes");

	for (int i = 0; i < ev->n_nodes; i++) {
		const struct oom_node *nd = &ev->nodes[i];
		cJSON *o = cJSON_CreateObject();

		N(node); N(active_anon_kb); N(inactive_anon_kb);
		N(active_file_kb); N(inactive_file_kb); N(unevictable_kb);
		N(isolated_anon_kb); N(isolated_file_kb); N(mapped_kb);
		N(dirty_kb); N(writeback_kb); N(shmem_kb); N(shmem_thp_kb);
		N(shmem_pmdmapped_kb); N(anon_thp_kb); N(writeback_tmp_kb);
		N(unstable_kb); N(kernel_stack_kb); N(shadow_call_stack_kb);
		N(pagetables_kb); N(sec_pagetables_kb); N(balloon_kb);
		N(pages_scanned);
		if (nd->all_unreclaimable < 0)
			cJSON_AddNullToObject(o, "all_unreclaimable");
		else
			jbool(o, "all_unreclaimable", nd->all_unreclaimable);
		cJSON_AddItemToArray(a, o);
	}
}

#undef N
#define T(f) jint(o, #f, t->f)

static void j_totals(cJSON *e, const struct oom_event *ev)
{
	const struct oom_totals *t = &ev->totals;
	cJSON *o = jobj(e, "page_totals"), *a;

	T(ram_pages); T(highmem_pages); T(reserved_pages);
	T(cma_reserved_pages); T(hwpoisoned_pages); T(shared_pages);
	T(nonshared_pages); T(pagecache_pages); T(swapcache_pages);
	T(swap_cache_add); T(swap_cache_delete); T(swap_cache_find);
	T(swap_cache_find_total);
	jint(e, "page_size_kb", ev->page_size_kb);
	a = jarr(e, "hugepages");
	for (int i = 0; i < ev->n_hugepages; i++) {
		const struct oom_hugepages *h = &ev->hugepages[i];

		o = cJSON_CreateObject();
		jint(o, "node", h->node);
		jint(o, "total", h->total);
		jint(o, "free", h->free);
		jint(o, "surp", h->surp);
		jint(o, "size_kb", h->size_kb);
		cJSON_AddItemToArray(a, o);
	}
}

#undef T

static void j_extras(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "call_trace"), *o;

	for (int i = 0; i < ev->n_trace; i++) {
		o = cJSON_CreateObject();
		jstr(o, "function", ev->trace[i].func);
		jbool(o, "reliable", !ev->trace[i].unreliable);
		cJSON_AddItemToArray(a, o);
	}
	a = jarr(e, "unreclaimable_slab");
	for (int i = 0; i < ev->n_slab; i++) {
		o = cJSON_CreateObject();
		jstr(o, "name", ev->slab[i].name);
		jint(o, "used_kb", ev->slab[i].used_kb);
		jint(o, "total_kb", ev->slab[i].total_kb);
		cJSON_AddItemToArray(a, o);
	}
	a = jarr(e, "allocation_profile");
	for (int i = 0; i < ev->n_alloc; i++) {
		o = cJSON_CreateObject();
		jint(o, "bytes", ev->alloc[i].bytes);
		jint(o, "calls", ev->alloc[i].calls);
		jstr(o, "where", ev->alloc[i].where);
		cJSON_AddItemToArray(a, o);
	}
}

static void j_evidence(cJSON *e, const struct oom_event *ev)
{
	cJSON *a = jarr(e, "evidence");

	for (int i = 0; i < ev->n_evidence; i++) {
		cJSON *o = cJSON_CreateObject();

		jint(o, "line", (int64_t)ev->evidence[i].lineno);
		jstr(o, "text", ev->evidence[i].text);
		jbool(o, "cut", ev->evidence[i].cut);
		cJSON_AddItemToArray(a, o);
	}
}

static void j_parse(cJSON *e, const struct oom_event *ev)
{
	cJSON *o = jobj(e, "parse"), *a;

	jint(o, "lines", (int64_t)ev->lines);
	jint(o, "unparsed_lines", (int64_t)ev->lines_unparsed);
	jint(o, "foreign_lines", (int64_t)ev->lines_foreign);
	jint(o, "truncated_fields", (int64_t)ev->truncated_fields);
	a = jarr(o, "notes");
	for (int i = 0; i < ev->n_notes; i++) {
		cJSON *n = cJSON_CreateObject();

		jint(n, "line", (int64_t)ev->notes[i].lineno);
		jstr(n, "text", ev->notes[i].text);
		cJSON_AddItemToArray(a, n);
	}
}

static void j_an_request(cJSON *o, const struct oom_event *ev,
			 const struct oom_analysis *an)
{
	const struct gfp_info *g = &an->gfp;
	cJSON *r;

	if (!(ev->seen & OOM_PART_TRIGGER)) {
		cJSON_AddNullToObject(o, "request");
		return;
	}
	r = jobj(o, "request");
	jstr0(r, "words", an->request_words);
	jint(r, "request_kb", an->request_kb);
	jbool(r, "costly_order", an->costly_order);
	if (!ev->invoker.has_gfp)
		return;
	jstr0(r, "highest_zone", g->highest_zone);
	jbool(r, "direct_reclaim", g->direct_reclaim);
	jbool(r, "kswapd_reclaim", g->kswapd_reclaim);
	jbool(r, "io", g->io);
	jbool(r, "fs", g->fs);
	jbool(r, "high", g->high);
	jbool(r, "atomic", g->atomic);
	jbool(r, "nofail", g->nofail);
	jbool(r, "noretry", g->noretry);
	jbool(r, "retry_mayfail", g->retry_mayfail);
	jbool(r, "account", g->account);
	jbool(r, "thisnode", g->thisnode);
}

static void j_an_zones(cJSON *o, const struct oom_analysis *an)
{
	cJSON *a = jarr(o, "zones"), *p;

	for (int i = 0; i < an->n_zones; i++) {
		const struct oom_zone_verdict *v = &an->zones[i];
		cJSON *z = cJSON_CreateObject();

		jint(z, "node", v->node);
		jstr(z, "zone", v->zone);
		jbool(z, "eligible", v->eligible);
		jstr(z, "mark", analyze_zone_mark_name(v->mark));
		jint(z, "free_kb", v->free_kb);
		jint(z, "usable_free_kb", v->usable_free_kb);
		jint(z, "min_kb", v->min_kb);
		jint(z, "low_kb", v->low_kb);
		jint(z, "high_kb", v->high_kb);
		jint(z, "reserve_kb", v->reserve_kb);
		jint(z, "min_margin_kb", v->min_margin_kb);
		jint(z, "high_deficit_kb", v->high_deficit_kb);
		jint(z, "free_at_order_kb", v->free_at_order_kb);
		jbool(z, "order_ok", v->order_ok);
		jbool(z, "fragmented", v->fragmented);
		cJSON_AddItemToArray(a, z);
	}
	p = jobj(o, "pressure");
	jint(p, "eligible_zones", an->n_eligible_zones);
	jint(p, "under_min", an->n_under_min);
	jint(p, "under_high", an->n_under_high);
	jint(p, "target_zone", an->target_zone >= 0 ? an->target_zone : OOM_NA);
	jint(p, "deficit_kb", an->deficit_kb);
	jint(p, "victim_freed_kb", an->victim_freed_kb);
	jint(p, "victim_covers", an->victim_covers);
}

static void j_an_balance(cJSON *o, const struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	cJSON *x, *a;

	if (!b->present) {
		cJSON_AddNullToObject(o, "balance");
		return;
	}
	x = jobj(o, "balance");
	jstr(x, "scope", b->memcg ? "memcg" : "ram");
	jbool(x, "from_zones", b->from_zones);
	jint(x, "base_kb", b->base_kb);
	jint(x, "usage_kb", b->usage_kb);
	a = jarr(x, "rows");
	for (int i = 0; i < b->n_rows; i++) {
		cJSON *r = cJSON_CreateObject();

		jstr(r, "item", b->rows[i].item);
		jint(r, "kb", b->rows[i].kb);
		jint(r, "permille", b->rows[i].permille);
		cJSON_AddItemToArray(a, r);
	}
	jint(x, "unexplained_kb", b->unexplained_kb);
	jint(x, "hugetlb_free_kb", b->hugetlb_free_kb);
	jint(x, "swap_total_kb", b->swap_total_kb);
	jint(x, "swap_free_kb", b->swap_free_kb);
	jint(x, "swapcache_kb", b->swapcache_kb);
	jint(x, "anon_lru_kb", b->anon_lru_kb);
	jint(x, "tasks_rss_kb", b->tasks_rss_kb);
	jint(x, "tasks_anon_kb", b->tasks_anon_kb);
	jint(x, "tasks_swap_kb", b->tasks_swap_kb);
	jint(x, "anon_unexplained_kb", b->anon_unexplained_kb);
}

static cJSON *ranked_obj(const struct oom_ranked *r)
{
	cJSON *o = cJSON_CreateObject();

	jint(o, "pid", r->pid);
	jstr(o, "name", r->name);
	jint(o, "oom_score_adj", r->oom_score_adj);
	jint(o, "footprint_kb", r->footprint_kb);
	jint(o, "points", r->points);
	jint(o, "permille", r->permille);
	return o;
}

static void j_an_badness(cJSON *o, const struct oom_analysis *an)
{
	const struct oom_badness *bd = &an->badness;
	cJSON *x, *a;

	if (!bd->present) {
		cJSON_AddNullToObject(o, "badness");
		return;
	}
	x = jobj(o, "badness");
	jstr(x, "era", analyze_badness_era_name(bd->era));
	jbool(x, "era_assumed", bd->era_assumed);
	jint(x, "totalpages", bd->totalpages);
	jbool(x, "totalpages_assumed", bd->totalpages_assumed);
	jbool(x, "lower_bound", bd->lower_bound);
	jint(x, "eligible_tasks", bd->n_eligible);
	jint(x, "ties", bd->n_ties);
	a = jarr(x, "ranked");
	for (int i = 0; i < bd->n_ranked; i++)
		cJSON_AddItemToArray(a, ranked_obj(&bd->ranked[i]));
	jstr(x, "check", analyze_victim_check_name(bd->check));
	jint(x, "chosen_pid", bd->chosen_pid);
	if (bd->check == VICTIM_UNCHECKED || bd->check == VICTIM_NOT_IN_TABLE)
		cJSON_AddNullToObject(x, "chosen");
	else
		cJSON_AddItemToObject(x, "chosen", ranked_obj(&bd->chosen));
	jbool(x, "child_sacrificed", bd->child_sacrificed);
	jint(x, "logged_score", bd->logged_score);
	jint(x, "hidden_pages", bd->hidden_pages);
	jstr0(x, "explanation", bd->explanation);
}

static void j_an_groups(cJSON *o, const struct oom_analysis *an)
{
	cJSON *a = jarr(o, "groups");

	for (int i = 0; i < an->n_groups; i++) {
		const struct oom_group *g = &an->groups[i];
		cJSON *x = cJSON_CreateObject();

		jstr(x, "name", g->name);
		jint(x, "members", g->members);
		jint(x, "held_kb", g->held_kb);
		jint(x, "share_permille", g->share_permille);
		jint(x, "largest_pid", g->largest_pid);
		jint(x, "largest_kb", g->largest_kb);
		cJSON_AddItemToArray(a, x);
	}
}

static void j_analysis(cJSON *e, const struct oom_event *ev,
		       const struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;
	cJSON *o, *a;

	if (!an->analyzed) {
		cJSON_AddNullToObject(e, "culprit");
		jarr(e, "findings");
		cJSON_AddNullToObject(e, "analysis");
		return;
	}
	o = jobj(e, "culprit");
	jstr(o, "kind", analyze_culprit_kind_name(c->kind));
	jstr0(o, "name", c->name);
	jint(o, "pid", c->pid);
	jbool(o, "is_invoker", c->is_invoker);
	jbool(o, "is_victim", c->is_victim);
	if (analyze_confidence_name(c->confidence))
		jstr(o, "confidence", analyze_confidence_name(c->confidence));
	else
		cJSON_AddNullToObject(o, "confidence");
	jstr0(o, "reason", c->reason);
	jint(o, "held_kb", c->held_kb);
	jint(o, "share_permille", c->share_permille);
	jint(o, "members", c->members ? c->members : OOM_NA);
	a = jarr(e, "findings");
	for (int i = 0; i < an->n_findings; i++) {
		const struct oom_finding *f = &an->findings[i];
		cJSON *x = cJSON_CreateObject();

		jstr(x, "code", f->code);
		jstr(x, "severity", analyze_severity_name(f->severity));
		jstr(x, "message", f->message);
		jstr0(x, "advice", f->advice);
		cJSON_AddItemToArray(a, x);
	}
	o = jobj(e, "analysis");
	j_an_request(o, ev, an);
	j_an_zones(o, an);
	j_an_balance(o, an);
	j_an_badness(o, an);
	j_an_groups(o, an);
}

static cJSON *event_obj(const struct oom_event *ev,
			const struct oom_analysis *an, uint64_t id)
{
	cJSON *e = cJSON_CreateObject(), *src;

	jint(e, "id", (int64_t)id);
	jstr(e, "kind", oom_kind_name(ev->kind));
	jbool(e, "complete", ev->complete);
	j_missing(e, ev);
	src = jobj(e, "source");
	jstr0(src, "input", ev->input);
	jint(src, "first_line", (int64_t)ev->first_line);
	jint(src, "last_line", (int64_t)(ev->last_line ? ev->last_line :
					 ev->first_line));
	jstr0(e, "host", ev->has_host ? ev->host : NULL);
	j_time(e, ev);
	cJSON_AddItemToObject(e, "kernel", cJSON_CreateObject());
	jstr0(cJSON_GetObjectItem(e, "kernel"), "version", ev->kernel_version);
	j_invoker(e, ev, an);
	j_constraint(e, ev);
	j_victims(e, ev);
	j_swap(e, ev);
	j_zones(e, ev);
	j_tasks(e, ev);
	j_memcg(e, ev);
	j_analysis(e, ev, an);
	jbool(e, "manual", ev->manual);
	jstr0(e, "panic", ev->panic_text);
	j_reaper(e, ev);
	j_meminfo(e, ev);
	j_nodes(e, ev);
	j_totals(e, ev);
	j_extras(e, ev);
	j_evidence(e, ev);
	j_parse(e, ev);
	return e;
}

/* Writes s with every line after the first indented by `tabs` tabs. */
static void put_indented(FILE *out, const char *s, int tabs)
{
	for (; *s; s++) {
		fputc(*s, out);
		if (*s == '\n')
			for (int i = 0; i < tabs; i++)
				fputc('\t', out);
	}
}

/*
 * cJSON allocates through xmalloc, so an exhausted allocation exits with
 * "out of memory" like every other one instead of yielding a NULL tree or
 * text that would silently drop output.  Set at every entry point: NDJSON
 * has no begin, and tests may render without one.
 */
static void json_hooks(void)
{
	cJSON_Hooks hooks = { .malloc_fn = xmalloc, .free_fn = free };

	cJSON_InitHooks(&hooks);
}

void report_json_begin(struct report *r)
{
	json_hooks();
	fprintf(r->out, "{\n\t\"schema\": 1,\n\t\"oomscope_version\": \"%s\",\n"
		"\t\"events\": [", OOMSCOPE_VERSION);
}

void report_json_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id)
{
	cJSON *e;
	char *text;

	json_hooks();
	e = event_obj(ev, an, id);

	if (r->opts.format == REPORT_NDJSON) {
		text = cJSON_PrintUnformatted(e);
		fputs(text, r->out);
		fputc('\n', r->out);
		fflush(r->out);
	} else {
		text = cJSON_Print(e);
		fputs(id > 1 ? ",\n\t\t" : "\n\t\t", r->out);
		put_indented(r->out, text, 2);
	}
	cJSON_free(text);
	cJSON_Delete(e);
}

/* ---- the incident: context lines, repeats, kill loops (incident.h) ------ */

static void json_time(cJSON *o, const struct context_time *t)
{
	cJSON *j = jobj(o, "time");
	char iso[48] = "";
	time_t s = (time_t)t->wall_s;
	struct tm tm;

	if (t->has_wall && t->wall_year_known && gmtime_r(&s, &tm))
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jstr0(j, "text", t->text);
	jstr0(j, "iso8601", iso);
	jint(j, "uptime_us", t->has_uptime ? (int64_t)t->uptime_us : OOM_NA);
}

static cJSON *context_obj(const struct pipeline *p,
			  const struct incident_line *l)
{
	const struct context_line *x = l->line;
	cJSON *o = cJSON_CreateObject(), *src;

	cJSON_AddStringToObject(o, "kind", context_kind_name(x->kind));
	src = jobj(o, "source");
	jstr(src, "input", x->input < p->n_inputs ? p->inputs[x->input].name :
						    "?");
	jint(src, "line", (int64_t)x->lineno);
	jstr0(o, "host", x->host);
	json_time(o, &x->t);
	jstr0(o, "subject", x->subject);
	jstr0(o, "detail", x->detail);
	jint(o, "size_kb", x->size_kb);
	jint(o, "pid", x->pid);
	jint(o, "uptime_before_us", x->kind == CONTEXT_UPTIME_RESET ?
		(int64_t)x->prev_uptime_us : OOM_NA);
	jstr(o, "text", x->text);
	jbool(o, "text_truncated", x->text_cut);
	jint(o, "after_event", l->prev ? (int64_t)l->prev->row->id : OOM_NA);
	jint(o, "offset_s", l->since_s);
	jint(o, "before_event", l->next ? (int64_t)l->next->row->id : OOM_NA);
	jint(o, "until_s", l->until_s);
	jbool(o, "near", l->near);
	return o;
}

/*
 * "context": the context lines of the hosts that have reported events, in
 * input order, each placed between the reported events around it.
 */
static void json_context(struct report *r, const struct pipeline *p,
			 const struct incident *inc)
{
	cJSON *a = cJSON_CreateArray();
	char *text;

	for (size_t i = 0; i < inc->n_lines; i++)
		cJSON_AddItemToArray(a, context_obj(p, &inc->lines[i]));
	text = cJSON_Print(a);
	fputs(",\n\t\"context\": ", r->out);
	put_indented(r->out, text, 1);
	fprintf(r->out, ",\n\t\"context_dropped\": %" PRIu64
		",\n\t\"duplicates_dropped\": %" PRIu64, p->context.dropped,
		r->duplicates_dropped);
	cJSON_free(text);
	cJSON_Delete(a);
}

static void j_repeats(cJSON *o, const char *k,
		      const struct incident_repeat *v, size_t n)
{
	cJSON *a = jarr(o, k);

	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();

		jstr(x, "name", v[i].name);
		jint(x, "count", (int64_t)v[i].count);
		cJSON_AddItemToArray(a, x);
	}
}

static cJSON *growth_obj(const struct incident_growth *g)
{
	cJSON *x = cJSON_CreateObject();

	jstr(x, "name", g->name);
	jint(x, "pid", g->pid);
	jint(x, "reports", (int64_t)g->reports);
	jint(x, "first_event", (int64_t)g->first_id);
	jint(x, "last_event", (int64_t)g->last_id);
	jint(x, "first_kb", g->first_kb);
	jint(x, "last_kb", g->last_kb);
	jint(x, "span_ms", (g->last_us - g->first_us) / 1000);
	jint(x, "rate_kb_per_s", g->rate_kb_s);
	jint(x, "others_killed", (int64_t)g->others_killed);
	return x;
}

static cJSON *host_obj(const struct incident_host *h)
{
	cJSON *o = cJSON_CreateObject(), *a;

	jstr0(o, "host", h->name);
	a = jarr(o, "events");
	for (size_t i = 0; i < h->n_events; i++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%" PRIu64, h->events[i].row->id);
		cJSON_AddItemToArray(a, cJSON_CreateRaw(buf));
	}
	jbool(o, "placed", h->placed);
	jint(o, "context_lines", (int64_t)h->n_lines);
	jint(o, "context_near", (int64_t)h->n_near);
	j_repeats(o, "repeat_victims", h->victims, h->n_victims);
	j_repeats(o, "repeat_culprits", h->culprits, h->n_culprits);
	a = jarr(o, "kill_loops");
	for (size_t i = 0; i < h->n_loops; i++) {
		cJSON *x = cJSON_CreateObject();

		jint(x, "first_event", (int64_t)h->loops[i].first_id);
		jint(x, "last_event", (int64_t)h->loops[i].last_id);
		jint(x, "kills", (int64_t)h->loops[i].kills);
		jint(x, "span_s", h->loops[i].span_s);
		cJSON_AddItemToArray(a, x);
	}
	a = jarr(o, "growing_holders");
	for (size_t i = 0; i < h->n_growth; i++)
		cJSON_AddItemToArray(a, growth_obj(&h->growth[i]));
	return o;
}

/*
 * "incident": what the reported events say together, per host (incident.h):
 * repeated victims and culprits, kill loops.  "loop_gap_s" and "near_s"
 * state the windows used.
 */
static void json_incident(struct report *r, const struct incident *inc)
{
	cJSON *o = cJSON_CreateObject(), *a;
	char *text;

	jint(o, "loop_gap_s", INCIDENT_LOOP_GAP_S);
	jint(o, "loop_min_kills", INCIDENT_LOOP_MIN);
	jint(o, "near_s", CONTEXT_NEAR_S);
	jint(o, "events_not_summarised", (int64_t)r->rows_dropped);
	a = jarr(o, "hosts");
	for (size_t i = 0; i < inc->n_hosts; i++)
		cJSON_AddItemToArray(a, host_obj(&inc->hosts[i]));
	text = cJSON_Print(o);
	fputs(",\n\t\"incident\": ", r->out);
	put_indented(r->out, text, 1);
	cJSON_free(text);
	cJSON_Delete(o);
}

void report_json_end(struct report *r, const struct pipeline *p,
		     const struct incident *inc)
{
	cJSON *a;
	char *text;

	json_hooks();
	a = cJSON_CreateArray();
	for (size_t i = 0; i < p->n_inputs; i++) {
		const struct pipeline_input *in = &p->inputs[i];
		cJSON *o = cJSON_CreateObject();

		jstr(o, "name", in->name);
		jint(o, "lines", (int64_t)in->stats.lines);
		jint(o, "events", (int64_t)in->events);
		jbool(o, "ok", !in->failed);
		jint(o, "non_kernel_lines", (int64_t)in->non_kernel_lines);
		jint(o, "split_lines", (int64_t)in->split_lines);
		jint(o, "long_lines", (int64_t)in->stats.long_lines);
		jint(o, "nul_bytes", (int64_t)in->stats.nul_bytes);
		cJSON_AddItemToArray(a, o);
	}
	text = cJSON_Print(a);
	fputs(r->n_events ? "\n\t],\n\t\"inputs\": " : "],\n\t\"inputs\": ",
	      r->out);
	put_indented(r->out, text, 1);
	json_context(r, p, inc);
	json_incident(r, inc);
	fputs("\n}\n", r->out);
	cJSON_free(text);
	cJSON_Delete(a);
}
