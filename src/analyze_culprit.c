/*
 * Analysis sub-stage: the culprit, who holds the memory, as opposed to the
 * invoker (who asked for it) and the victim (who died).  Consumes the task
 * table, the balance, the zone verdicts and the badness; produces
 * an->groups (tasks of one name, largest first) and an->culprit: kind,
 * name, pid, share and the reason in words.
 *
 * Rules: a task holds anon + shmem + swap + page tables where the table
 * splits rss (6.8+), else its footprint; the largest holder wins: a task,
 * a group (3+ tasks of one name, none with half of it) or a non-process
 * holder (shmem, unreclaimable slab, hugetlb, unexplained) of a fifth of
 * RAM; a task or group is named only with a tenth of the memory, or with
 * more than half when the table is elided or missing; a manual OOM without
 * pressure has none.  The name table is freed before returning.
 */
#include "analyze_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "units.h"
#include "lex.h"
#include "banned.h"

#define HEAVY_PERMILLE 200      /* a non-process holder this big is named */
#define GROUP_MIN_MEMBERS 3

/*
 * What a task holds for the culprit rules: anon + shmem + swap + page
 * tables where the table splits rss (6.8+), so shared library pages do not
 * count once per task; else the footprint.
 */
int64_t analyze_culprit_held_kb(const struct oom_task *t, int64_t pk)
{
	int64_t kb;

	if (!KNOWN(t->rss_anon_pages))
		return analyze_badness_footprint_kb(t, pk);
	kb = (t->rss_anon_pages + analyze_nz(t->rss_shmem_pages) +
	      analyze_nz(t->swapents)) * pk;
	if (KNOWN(t->pgtables_bytes))
		return kb + t->pgtables_bytes / 1024;
	return kb + (analyze_nz(t->nr_ptes) + analyze_nz(t->nr_pmds)) * pk;
}

/* ---- tasks of one name ------------------------------------------------ */

struct name_slot {
	const char *name;       /* into ev->tasks; NULL = empty */
	int members;
	int64_t kb, largest_kb, largest_pid;
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;       /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void group_add(struct name_slot *tab, size_t mask,
		      const struct oom_task *t, int64_t kb)
{
	size_t i = name_hash(t->name) & mask;

	while (tab[i].name != NULL && strcmp(tab[i].name, t->name) != 0)
		i = (i + 1) & mask;
	tab[i].name = t->name;
	tab[i].members++;
	tab[i].kb += kb;
	if (kb > tab[i].largest_kb || tab[i].members == 1) {
		tab[i].largest_kb = kb;
		tab[i].largest_pid = t->pid;
	}
}

/* Keeps the OOM_MAX_GROUPS largest groups of 2+ members, largest first. */
static void group_keep(struct oom_analysis *an, const struct name_slot *s)
{
	int pos = an->n_groups, last;
	struct oom_group *g;

	while (pos > 0 && an->groups[pos - 1].held_kb < s->kb)
		pos--;
	if (s->members < 2 || pos >= OOM_MAX_GROUPS)
		return;
	last = an->n_groups < OOM_MAX_GROUPS ? an->n_groups :
	       OOM_MAX_GROUPS - 1;
	memmove(&an->groups[pos + 1], &an->groups[pos],
		(size_t)(last - pos) * sizeof(an->groups[0]));
	g = &an->groups[pos];
	lex_copy_str(g->name, sizeof(g->name), s->name);
	g->members = s->members;
	g->held_kb = s->kb;
	g->share_permille = analyze_permille(s->kb,
					     analyze_balance_share_base_kb(an));
	g->largest_pid = s->largest_pid;
	g->largest_kb = s->largest_kb;
	if (an->n_groups < OOM_MAX_GROUPS)
		an->n_groups++;
}

void analyze_culprit_groups(const struct oom_event *ev,
			    struct oom_analysis *an)
{
	size_t cap = 16, mask;
	struct name_slot *tab;
	int64_t pk = analyze_page_kb(ev);

	if (ev->n_tasks == 0)
		return;
	while (cap < 2 * ev->n_tasks)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof(*tab));
	for (size_t i = 0; i < ev->n_tasks; i++)
		group_add(tab, mask, &ev->tasks[i],
			  analyze_culprit_held_kb(&ev->tasks[i], pk));
	for (size_t i = 0; i < cap; i++)
		if (tab[i].name != NULL)
			group_keep(an, &tab[i]);
	free(tab);
}

/* ---- the culprit ------------------------------------------------------ */

bool analyze_culprit_heavy(const struct oom_analysis *an, int64_t kb)
{
	int64_t pm = analyze_permille(kb, an->balance.base_kb);

	return KNOWN(pm) && pm >= HEAVY_PERMILLE;
}

static void nonproc_candidate(const struct oom_analysis *an,
			      struct culprit_holders *h,
			      enum culprit_kind kind, const char *item)
{
	int64_t kb = analyze_balance_kb(an, item);

	if (analyze_culprit_heavy(an, kb) && kb > h->np_kb) {
		h->np_kind = kind;
		h->np_kb = kb;
	}
}

void analyze_culprit_holders(const struct oom_event *ev,
			     const struct oom_analysis *an,
			     struct culprit_holders *h)
{
	int64_t pk = analyze_page_kb(ev);

	memset(h, 0, sizeof(*h));
	h->top_kb = h->second_kb = h->np_kb = NA;
	for (size_t i = 0; i < ev->n_tasks; i++) {
		int64_t kb = analyze_culprit_held_kb(&ev->tasks[i], pk);

		if (h->top == NULL || kb > h->top_kb) {
			h->second = h->top;
			h->second_kb = h->top_kb;
			h->top = &ev->tasks[i];
			h->top_kb = kb;
		} else if (h->second == NULL || kb > h->second_kb) {
			h->second = &ev->tasks[i];
			h->second_kb = kb;
		}
	}
	for (int i = 0; i < an->n_groups && h->group == NULL; i++)
		if (an->groups[i].members >= GROUP_MIN_MEMBERS &&
		    an->groups[i].largest_kb * 2 < an->groups[i].held_kb)
			h->group = &an->groups[i];
	nonproc_candidate(an, h, CULPRIT_SHMEM, "shmem");
	nonproc_candidate(an, h, CULPRIT_SLAB, "slab_unreclaimable");
	nonproc_candidate(an, h, CULPRIT_HUGETLB, "hugetlb");
	nonproc_candidate(an, h, CULPRIT_KERNEL, "unexplained");
}

static void culprit_process(const struct oom_event *ev,
			    struct oom_analysis *an,
			    const struct culprit_holders *h)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_task *t = h->top;
	const struct oom_badness *bd = &an->badness;
	char b1[32], b2[32], b3[32];

	c->kind = CULPRIT_PROCESS;
	lex_copy_str(c->name, sizeof(c->name), t->name);
	c->pid = t->pid;
	c->held_kb = h->top_kb;
	c->share_permille = analyze_permille(h->top_kb,
					     analyze_balance_share_base_kb(an));
	c->is_invoker = t->pid == ev->invoker.pid;
	c->is_victim = t->pid == ev->victim.pid ||
		       ((ev->seen & OOM_PART_SELECT) &&
			t->pid == ev->select.pid);
	snprintf(c->reason, sizeof(c->reason), "%s (pid %" PRId64 ") holds "
		 "%s (%s), %s of %s", t->name, t->pid,
		 units_size(b1, sizeof(b1), h->top_kb),
		 KNOWN(t->rss_anon_pages) ?
		 "anon + shmem + swap + page tables" : KNOWN(t->swapents) ?
		 "rss + swap + page tables" : "rss; swap not shown",
		 analyze_pct(b2, sizeof(b2), c->share_permille),
		 analyze_balance_base_name(an));
	if (bd->chosen_pid == t->pid && analyze_nz(bd->hidden_pages) > 0)
		analyze_cat(c->reason, sizeof(c->reason),
		    "; its logged score implies "
		    "%s more in swap and page tables",
		    units_size(b3, sizeof(b3),
				  bd->hidden_pages * analyze_page_kb(ev)));
	if (h->second != NULL)
		analyze_cat(c->reason, sizeof(c->reason),
		    "; the next largest task, "
		    "%s (pid %" PRId64 "), holds %s", h->second->name,
		    h->second->pid,
		    units_size(b3, sizeof(b3), h->second_kb));
}

static void culprit_group(const struct oom_event *ev,
			  struct oom_analysis *an, const struct oom_group *g)
{
	struct oom_culprit *c = &an->culprit;
	char b1[32], b2[32], b3[32], b4[32];

	c->kind = CULPRIT_PROCESS_GROUP;
	lex_copy_str(c->name, sizeof(c->name), g->name);
	c->members = g->members;
	c->held_kb = g->held_kb;
	c->share_permille = g->share_permille;
	c->is_invoker = strcmp(ev->invoker.name, g->name) == 0;
	c->is_victim = strcmp(ev->victim.name, g->name) == 0;
	snprintf(c->reason, sizeof(c->reason), "%d %s tasks hold %s together,"
		 " %s of %s%s; the largest (pid %" PRId64 ") holds %s, %s of "
		 "the group", g->members, g->name,
		 units_size(b1, sizeof(b1), g->held_kb),
		 analyze_pct(b2, sizeof(b2), g->share_permille),
		 analyze_balance_base_name(an),
		 g->share_permille > 1000 ? " (rss counts pages shared "
		 "between tasks once per task)" : "", g->largest_pid,
		 units_size(b3, sizeof(b3), g->largest_kb),
		 analyze_pct(b4, sizeof(b4),
			     analyze_permille(g->largest_kb, g->held_kb)));
	if (g->largest_kb * 10 < g->held_kb)
		analyze_cat(c->reason, sizeof(c->reason),
		    ", so killing one of them frees little");
}

static void culprit_nonproc(struct oom_analysis *an,
			    const struct culprit_holders *h)
{
	static const char *const what[] = {
		[CULPRIT_SHMEM] = "shmem/tmpfs (files no process owns)",
		[CULPRIT_SLAB] = "unreclaimable slab (kernel objects)",
		[CULPRIT_HUGETLB] = "the hugetlb pool (reserved huge pages)",
		[CULPRIT_KERNEL] = "kernel memory no counter explains",
	};
	struct oom_culprit *c = &an->culprit;
	char b1[32], b2[32], b3[32];

	c->kind = h->np_kind;
	c->held_kb = h->np_kb;
	c->share_permille = analyze_permille(h->np_kb, an->balance.base_kb);
	snprintf(c->reason, sizeof(c->reason), "%s holds %s, %s of %s",
		 what[h->np_kind], units_size(b1, sizeof(b1), h->np_kb),
		 analyze_pct(b2, sizeof(b2), c->share_permille),
		 analyze_balance_ram_name(an));
	if (h->top != NULL)
		analyze_cat(c->reason, sizeof(c->reason),
		    ", more than any task (the "
		    "largest, %s pid %" PRId64 ", holds %s)", h->top->name,
		    h->top->pid, units_size(b3, sizeof(b3), h->top_kb));
	analyze_cat(c->reason, sizeof(c->reason),
	    "; killing processes does not give it back");
}

static void culprit_unknown(const struct oom_event *ev,
			    struct oom_analysis *an, const char *why)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_balance *b = &an->balance;
	char b1[32], b2[32];

	c->kind = CULPRIT_UNKNOWN;
	snprintf(c->reason, sizeof(c->reason), "%s", why);
	if (ev->tasks_elided && KNOWN(b->anon_unexplained_kb) &&
	    KNOWN(b->anon_lru_kb))
		analyze_cat(c->reason, sizeof(c->reason),
		    "; the visible rows explain "
		    "%s, the anon LRU holds %s: %" PRId64 " KiB of anonymous "
		    "memory belongs to tasks not shown",
		    units_size(b1, sizeof(b1), b->tasks_anon_kb),
		    units_size(b2, sizeof(b2), b->anon_lru_kb),
		    b->anon_unexplained_kb);
}

/* Why the excerpt cannot name a culprit into buf; false if nothing is
 * missing. */
static bool missing_why(const struct oom_event *ev,
			const struct oom_analysis *an, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (!(ev->seen & (OOM_PART_TRIGGER | OOM_PART_MEMINFO |
			  OOM_PART_ZONES | OOM_PART_MEMCG | OOM_PART_TASKS))) {
		analyze_cat(buf, cap,
		    "the excerpt holds only the kill line(s): no "
		    "Mem-Info, no task table");
		return true;
	}
	if (!(ev->seen & OOM_PART_TASKS) || ev->n_tasks == 0)
		analyze_cat(buf, cap,
		    "the report has no task table, so no task can "
		    "be named");
	else if (ev->tasks_elided)
		analyze_cat(buf, cap,
		    "the task table is elided (rows are missing), "
		    "so the largest task may not be shown");
	if (!KNOWN(an->balance.base_kb))
		analyze_cat(buf, cap,
		    "%s%s is not shown, so no share can be judged",
		    buf[0] ? "; " : "", an->balance.memcg ? "the limit" :
		    "RAM (pages RAM)");
	return buf[0] != '\0';
}

/* A manual OOM where some usable zone passes its low watermark (or a
 * memcg under its limit) had no memory pressure at all. */
static bool no_pressure(const struct oom_event *ev,
			const struct oom_analysis *an)
{
	const struct oom_counter *m = &ev->memcg.memory;

	if (an->balance.memcg)
		return KNOWN(m->usage_kb) && KNOWN(m->limit_kb) &&
		       m->usage_kb < m->limit_kb;
	for (int i = 0; i < an->n_zones; i++)
		if (an->zones[i].eligible &&
		    (an->zones[i].mark == ZONE_UNDER_HIGH ||
		     an->zones[i].mark == ZONE_ABOVE_HIGH))
			return true;
	return false;
}

static void culprit_none(struct oom_analysis *an)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_zone_verdict *v = an->target_zone >= 0 ?
		&an->zones[an->target_zone] : NULL;
	char b[32];

	c->kind = CULPRIT_NONE;
	snprintf(c->reason, sizeof(c->reason), "manual OOM kill (SysRq-f) "
		 "without memory pressure");
	if (v != NULL)
		analyze_cat(c->reason, sizeof(c->reason),
		    ": %s had %s free, above "
		    "its low watermark (%" PRId64 " KiB)", v->zone,
		    units_size(b, sizeof(b), v->free_kb), v->low_kb);
}

/* What the kept rows hold together: a kernel verdict may not deny it. */
static int64_t rows_kb(const struct oom_event *ev)
{
	int64_t pk = analyze_page_kb(ev), sum = 0;

	for (size_t i = 0; i < ev->n_tasks; i++)
		sum += analyze_nz(analyze_culprit_held_kb(&ev->tasks[i], pk));
	return sum;
}

/*
 * No table to weigh: the victim the kernel chose.  Its kill line gives its
 * anon and shmem memory; more than half of the limit or of RAM + swap is
 * medium evidence (no other task can hold as much), less is low: the
 * kernel picks by badness, mostly memory, but other tasks were not shown.
 */
static bool culprit_victim(const struct oom_event *ev, struct oom_analysis *an,
			   const char *missing)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_victim *v = (ev->seen & OOM_PART_VICTIM) ?
		&ev->victim : (ev->seen & OOM_PART_SELECT) ? &ev->select : NULL;
	int64_t base = analyze_balance_share_base_kb(an);
	char b1[32], b2[32];

	if (v == NULL || !KNOWN(v->pid) || !v->name[0])
		return false;
	c->kind = CULPRIT_PROCESS;
	lex_copy_str(c->name, sizeof(c->name), v->name);
	c->pid = v->pid;
	c->is_victim = true;
	c->is_invoker = v->pid == ev->invoker.pid;
	c->confidence = CONFIDENCE_LOW;
	if (KNOWN(v->anon_rss_kb)) {
		c->held_kb = v->anon_rss_kb + analyze_nz(v->shmem_rss_kb);
		c->share_permille = analyze_permille(c->held_kb, base);
	}
	if (KNOWN(c->share_permille) && c->share_permille > 500) {
		c->confidence = CONFIDENCE_MEDIUM;
		snprintf(c->reason, sizeof(c->reason), "the victim's kill line "
			 "shows %s of anon + shmem memory, %s of %s: no other "
			 "task can hold as much", units_size(b1, sizeof(b1),
			 c->held_kb), analyze_pct(b2, sizeof(b2),
			 c->share_permille), analyze_balance_base_name(an));
	} else if (KNOWN(c->held_kb)) {
		snprintf(c->reason, sizeof(c->reason), "the kernel chose it by "
			 "its badness (mostly its memory): its kill line shows "
			 "%s of anon + shmem memory%s", units_size(b1,
			 sizeof(b1), c->held_kb), KNOWN(c->share_permille) ?
			 ", under half of it" : "");
	} else {
		snprintf(c->reason, sizeof(c->reason), "the kernel chose it by "
			 "its badness (mostly its memory); nothing else in the "
			 "excerpt weighs the tasks");
	}
	analyze_cat(c->reason, sizeof(c->reason), "; %s", missing);
	return true;
}

/*
 * The kill (or select) line after the last row, or the oom-kill: summary:
 * the table ended where the kernel ended it, no row was cut away.
 */
static bool table_closed(const struct oom_event *ev)
{
	uint64_t last = 0;

	for (size_t i = 0; i < ev->n_tasks; i++)
		if (ev->tasks[i].lineno > last)
			last = ev->tasks[i].lineno;
	return (ev->seen & OOM_PART_CONSTRAINT) ||
	       ((ev->seen & OOM_PART_VICTIM) && ev->victim.lineno > last) ||
	       ((ev->seen & OOM_PART_SELECT) && ev->select.lineno > last);
}

/* Named from a full table: a clear lead is high, a close second medium. */
static enum culprit_confidence lead(const struct culprit_holders *h,
				    bool full, bool group)
{
	if (!full)
		return CONFIDENCE_MEDIUM;
	if (group || h->second == NULL || h->top_kb >= 2 * h->second_kb)
		return CONFIDENCE_HIGH;
	return CONFIDENCE_MEDIUM;
}

/*
 * A table that cannot settle it alone: a memcg's only task (it holds what
 * the group holds, medium), or an elided table's largest visible holder
 * (low: the rows not shown could hold more).
 */
static bool culprit_partial_table(const struct oom_event *ev,
				  struct oom_analysis *an,
				  const struct culprit_holders *h, bool group)
{
	struct oom_culprit *c = &an->culprit;
	int64_t base = analyze_balance_share_base_kb(an);
	char b[32];

	if (h->top == NULL)
		return false;
	if (an->balance.memcg && ev->n_tasks == 1 && !ev->tasks_elided &&
	    (!KNOWN(an->balance.anon_lru_kb) ||
	     h->top_kb * 2 >= an->balance.anon_lru_kb)) {
		culprit_process(ev, an, h);
		c->confidence = CONFIDENCE_MEDIUM;
		analyze_cat(c->reason, sizeof(c->reason), "; it is the only "
			    "task the memcg's table lists");
		return true;
	}
	if (!ev->tasks_elided && ev->n_tasks > 1 && !KNOWN(base) &&
	    table_closed(ev)) {
		/*
		 * A table the kill or oom-kill: line closes (no row was cut),
		 * but RAM or the limit is not shown.
		 */
		if (group)
			culprit_group(ev, an, h->group);
		else
			culprit_process(ev, an, h);
		c->confidence = lead(h, true, group) == CONFIDENCE_HIGH &&
			c->is_victim ? CONFIDENCE_MEDIUM : CONFIDENCE_LOW;
		analyze_cat(c->reason, sizeof(c->reason), "; the largest in a "
			    "whole table, but its share cannot be judged");
		return true;
	}
	/*
	 * Elided: the largest visible holder, unless the anonymous memory
	 * the visible rows do not explain is larger (the holder is hidden).
	 */
	if (!ev->tasks_elided ||
	    (KNOWN(an->balance.anon_unexplained_kb) &&
	     an->balance.anon_unexplained_kb > (group ? h->group->held_kb :
						 h->top_kb)))
		return false;
	if (group)
		culprit_group(ev, an, h->group);
	else
		culprit_process(ev, an, h);
	c->confidence = CONFIDENCE_LOW;
	if (KNOWN(base) && base > rows_kb(ev))
		analyze_cat(c->reason, sizeof(c->reason), "; the task table is "
			    "elided: the rows not shown could hold up to %s",
			    units_size(b, sizeof(b), base - rows_kb(ev)));
	else
		analyze_cat(c->reason, sizeof(c->reason), "; the task table is "
			    "elided, so a task not shown could hold more");
	return true;
}

/*
 * The largest holder wins: a task, a group (3+ tasks of one name, none with
 * half of it) or a non-process holder of a fifth of RAM.  With the table
 * elided or missing, a holder is named only when it has more than half of
 * the memory, so nothing hidden can outweigh it.
 */
void analyze_culprit_pick(const struct oom_event *ev,
			  struct oom_analysis *an)
{
	struct culprit_holders h;
	char why[200];
	bool group, np, table, full, gap = missing_why(ev, an, why,
						       sizeof(why)), named;
	int64_t cand_kb, base_kb = analyze_balance_share_base_kb(an);

	an->culprit.pid = an->culprit.held_kb = NA;
	an->culprit.share_permille = NA;
	analyze_culprit_holders(ev, an, &h);
	np = h.np_kind != CULPRIT_UNKNOWN;
	table = (ev->seen & OOM_PART_TASKS) && ev->n_tasks > 0 &&
		KNOWN(an->balance.base_kb);
	full = table && !ev->tasks_elided;
	group = h.group != NULL && h.group->held_kb > h.top_kb;
	cand_kb = !table ? 0 : group ? h.group->held_kb : h.top_kb;
	named = table && (full ? analyze_nz(analyze_permille(cand_kb,
							     base_kb)) >=
			  HOLDER_PERMILLE : cand_kb * 2 > base_kb);
	/* the tasks' own sum first: memory they hold is not the kernel's */
	if (np && h.np_kind == CULPRIT_KERNEL && rows_kb(ev) >= h.np_kb)
		np = false;
	if (ev->manual && no_pressure(ev, an)) {
		culprit_none(an);
		an->culprit.confidence = CONFIDENCE_HIGH;
	} else if (np && h.np_kb > cand_kb &&
		   (full || h.np_kb * 2 > an->balance.base_kb)) {
		culprit_nonproc(an, &h);
		an->culprit.confidence = full ? CONFIDENCE_HIGH :
						CONFIDENCE_MEDIUM;
	} else if (named) {
		if (group)
			culprit_group(ev, an, h.group);
		else
			culprit_process(ev, an, &h);
		an->culprit.confidence = lead(&h, full, group);
		if (!full)
			analyze_cat(an->culprit.reason,
			    sizeof(an->culprit.reason), "; the task table is "
			    "elided, but these visible rows alone hold more "
			    "than half, so no hidden task can hold more");
	} else if (!(gap && culprit_partial_table(ev, an, &h, h.group != NULL &&
						    h.group->held_kb > h.top_kb)) &&
		   !((!table || ev->n_tasks == 0) &&
		     culprit_victim(ev, an, gap ? why : "no task table"))) {
		culprit_unknown(ev, an, gap ? why : "no task, group or kernel "
				"counter holds a tenth of the memory: it is "
				"spread over many tasks");
	}
}
