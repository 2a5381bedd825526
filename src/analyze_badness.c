/*
 * Analysis sub-stage: the badness the OOM killer computed for every task,
 * and whether the logged victim is the one it should have chosen.
 * Consumes the kernel version and task-table layout (which era of
 * mm/oom_kill.c's oom_badness()), the task table, totalpages (RAM + swap,
 * the allowed nodes + swap, or the memcg limit) and the select and kill
 * lines; produces an->badness: the era, totalpages, the top
 * OOM_MAX_RANKED tasks, the check (match, tie, mismatch, not in the table)
 * and an explanation in words.
 *
 * Rules: one formula per era (analyze_badness_points()); adj -1000 is
 * never chosen; the first task found wins a tie (select_bad_process());
 * a table without swap or page-table columns gives lower bounds only, so
 * the logged score is held against them instead.  <= 2.6.35 is not
 * recomputed.
 */
#include "analyze_int.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "units.h"
#include "kver.h"
#include "lex.h"
#include "banned.h"

/* What a task holds as the killer counts it: rss + swap + page tables. */
int64_t analyze_badness_footprint_kb(const struct oom_task *t, int64_t pk)
{
	int64_t kb = (analyze_nz(t->rss_pages) + analyze_nz(t->swapents)) * pk;

	if (KNOWN(t->pgtables_bytes))
		return kb + t->pgtables_bytes / 1024;
	return kb + (analyze_nz(t->nr_ptes) + analyze_nz(t->nr_pmds)) * pk;
}

/* oom_score_adj, or converted from oom_adj as oom_adj_write() does */
int64_t analyze_badness_task_adj(const struct oom_task *t)
{
	if (KNOWN(t->oom_score_adj))
		return t->oom_score_adj;
	if (KNOWN(t->oom_adj))
		return t->oom_adj == -17 ? ADJ_MIN : t->oom_adj * 1000 / 17;
	return 0;
}

enum badness_era analyze_badness_era(const char *version,
				     enum oom_task_layout layout,
				     bool has_score_adj, bool *assumed)
{
	struct kver k;
	bool known = kver_parse(version, &k) == 0;
	int v = known ? kver_code(&k) : 0;

	*assumed = !known;
	if (known && k.el == 6)
		return BADNESS_ERA_PERMILLE;
	if (known && k.el == 7)
		return BADNESS_ERA_ROOT3;
	if (known) {
		if (v < KVER(2, 6, 36))
			return BADNESS_ERA_OLD;
		if (v < KVER(3, 5, 0))
			return BADNESS_ERA_PERMILLE;
		if (v < KVER(3, 10, 0) || (v >= KVER(3, 11, 0) &&
					   v < KVER(3, 13, 0)))
			return BADNESS_ERA_ADJ30;
		return v < KVER(4, 17, 0) ? BADNESS_ERA_ROOT3 :
		       BADNESS_ERA_PAGES;
	}
	switch (layout) {
	case OOM_TASKS_OOM_ADJ:
		return has_score_adj ? BADNESS_ERA_PERMILLE : BADNESS_ERA_OLD;
	case OOM_TASKS_NR_PTES:
	case OOM_TASKS_NR_PMDS: return BADNESS_ERA_ROOT3;
	case OOM_TASKS_PGTABLES:
	case OOM_TASKS_RSS_SPLIT: return BADNESS_ERA_PAGES;
	case OOM_TASKS_UNKNOWN: break;
	}
	*assumed = false;
	return BADNESS_ERA_UNKNOWN;
}

/* rss + swap + page tables in pages; *part when a column is missing */
static int64_t badness_base(const struct oom_task *t, int64_t pk, bool *part)
{
	int64_t ptes = 0;

	if (!KNOWN(t->rss_pages) || !KNOWN(t->swapents))
		*part = true;
	if (KNOWN(t->pgtables_bytes))
		ptes = t->pgtables_bytes / (pk * 1024);
	else if (KNOWN(t->nr_ptes))
		ptes = t->nr_ptes + analyze_nz(t->nr_pmds);
	else
		*part = true;
	return analyze_nz(t->rss_pages) + analyze_nz(t->swapents) + ptes;
}

int64_t analyze_badness_points(const struct oom_task *t, enum badness_era era,
			       int64_t totalpages, int64_t page_kb,
			       bool *partial)
{
	int64_t adj = analyze_badness_task_adj(t), base, p;
	bool part = false, root = t->uid == 0;

	if (era == BADNESS_ERA_OLD || era == BADNESS_ERA_UNKNOWN ||
	    !KNOWN(totalpages) || totalpages <= 0 || adj == ADJ_MIN)
		return NA;
	base = badness_base(t, page_kb > 0 ? page_kb : 4, &part);
	if (partial && part)
		*partial = true;
	switch (era) {
	case BADNESS_ERA_PERMILLE:
		p = base * 1000 / totalpages - (root ? 30 : 0) + adj;
		return p <= 0 ? 1 : (p > 1000 ? 1000 : p);
	case BADNESS_ERA_ADJ30:
		p = base + (adj - (root ? 30 : 0)) * (totalpages / 1000);
		return p > 0 ? p : 1;
	case BADNESS_ERA_ROOT3:
		p = base - (root ? base * 3 / 100 : 0) +
		    adj * (totalpages / 1000);
		return p > 0 ? p : 1;
	default:
		return base + adj * (totalpages / 1000);
	}
}

static int64_t memcg_totalpages(const struct oom_event *ev, bool *assumed)
{
	const struct oom_memcg *m = &ev->memcg;
	int64_t lim = m->memory.limit_kb, pk = analyze_page_kb(ev);

	if (!m->present || !KNOWN(lim) || lim <= 0 || lim >= UNLIMITED_KB)
		return NA;
	/* mem_cgroup_get_max(): + the swap the group may use (v2 swap.max,
	 * v1 memsw - memory), capped by total swap, which a memcg report
	 * does not print */
	if (KNOWN(m->swap.limit_kb) && m->swap.limit_kb == 0)
		return lim / pk;
	if (KNOWN(m->memsw.limit_kb) && m->memsw.limit_kb == lim)
		return lim / pk;
	*assumed = true;
	return lim / pk;
}

/* constrained_alloc(): RAM + swap, or the allowed nodes' pages + swap */
static int64_t totalpages_of(const struct oom_event *ev, bool *assumed)
{
	int64_t pk = analyze_page_kb(ev), swap = 0, nodes = 0;
	enum oom_constraint c = ev->constraint.type;
	uint64_t allowed = analyze_zones_allowed_nodes(ev);

	*assumed = false;
	if (c == OOM_CONSTRAINT_MEMCG)
		return memcg_totalpages(ev, assumed);
	if ((ev->seen & OOM_PART_SWAP) && KNOWN(ev->totals.swap_total_kb))
		swap = ev->totals.swap_total_kb / pk;
	else
		*assumed = true;
	if (c == OOM_CONSTRAINT_CPUSET || c == OOM_CONSTRAINT_MEMORY_POLICY) {
		for (int i = 0; i < ev->n_zones; i++)
			if (analyze_zones_node_ok(ev->zones[i].node, allowed))
				nodes += analyze_nz(ev->zones[i].present_kb) /
					 pk;
		if (nodes > 0)
			return nodes + swap;
	}
	if (KNOWN(ev->totals.ram_pages))
		return ev->totals.ram_pages -
		       analyze_nz(ev->totals.reserved_pages) + swap;
	nodes = analyze_balance_sum_zones(ev, offsetof(struct oom_zone,
							managed_kb));
	if (!KNOWN(nodes))
		return NA;
	*assumed = true;
	return nodes / pk + swap;
}

static void ranked_of(const struct oom_task *t, const struct oom_badness *bd,
		      int64_t pk, bool *partial, struct oom_ranked *r)
{
	memset(r, 0, sizeof(*r));
	r->pid = t->pid;
	lex_copy_str(r->name, sizeof(r->name), t->name);
	r->oom_score_adj = analyze_badness_task_adj(t);
	r->footprint_kb = analyze_badness_footprint_kb(t, pk);
	r->points = analyze_badness_points(t, bd->era, bd->totalpages, pk,
					   partial);
	r->permille = NA;
	if (KNOWN(r->points))
		r->permille = bd->era == BADNESS_ERA_PERMILLE ? r->points :
			      r->points * 1000 / bd->totalpages;
}

/* Keeps the top OOM_MAX_RANKED, highest first; the first found wins a tie
 * (select_bad_process() replaces only on strictly more points). */
static void rank_insert(struct oom_badness *bd, const struct oom_ranked *r)
{
	int pos = bd->n_ranked, last;

	while (pos > 0 && bd->ranked[pos - 1].points < r->points)
		pos--;
	if (pos >= OOM_MAX_RANKED)
		return;
	last = bd->n_ranked < OOM_MAX_RANKED ? bd->n_ranked :
	       OOM_MAX_RANKED - 1;
	memmove(&bd->ranked[pos + 1], &bd->ranked[pos],
		(size_t)(last - pos) * sizeof(bd->ranked[0]));
	bd->ranked[pos] = *r;
	if (bd->n_ranked < OOM_MAX_RANKED)
		bd->n_ranked++;
}


static void rank_tasks(const struct oom_event *ev, struct oom_badness *bd)
{
	int64_t pk = analyze_page_kb(ev), top = NA;
	struct oom_ranked r;

	for (size_t i = 0; i < ev->n_tasks; i++) {
		ranked_of(&ev->tasks[i], bd, pk, &bd->lower_bound, &r);
		if (!KNOWN(r.points))
			continue;
		bd->n_eligible++;
		rank_insert(bd, &r);
	}
	if (bd->n_ranked > 0)
		top = bd->ranked[0].points;
	for (size_t i = 0; KNOWN(top) && i < ev->n_tasks; i++) {
		ranked_of(&ev->tasks[i], bd, pk, NULL, &r);
		if (r.points == top)
			bd->n_ties++;
	}
}

/* The chosen task's rss+swap+ptes implied by its logged score (pages). */
static int64_t implied_base(const struct oom_badness *bd, int64_t adj,
			    bool root)
{
	int64_t s = bd->logged_score, t = bd->totalpages;

	if (!KNOWN(s) || !KNOWN(t))
		return NA;
	if (bd->era == BADNESS_ERA_PERMILLE)
		return (s + (root ? 30 : 0) - adj) * t / 1000;
	return s * t / 1000 - adj * (t / 1000);
}

static void explain_chosen(const struct oom_event *ev, struct oom_badness *bd)
{
	char *x = bd->explanation, b[32];
	size_t cap = sizeof(bd->explanation);
	const struct oom_ranked *c = &bd->chosen, *top = &bd->ranked[0];

	switch (bd->check) {
	case VICTIM_MATCH:
	case VICTIM_TIE:
		analyze_cat(x, cap, "the kernel chose %s (pid %" PRId64 "), ",
			    c->name, c->pid);
		if (bd->lower_bound && KNOWN(bd->logged_score))
			analyze_cat(x, cap,
			    "score %" PRId64 "; the table omits swap "
			    "or page tables, so no other row can reach it "
			    "(highest: %" PRId64 ")", bd->logged_score,
			    bd->ranked[0].permille);
		else
			analyze_cat(x, cap,
			    "the highest badness (%" PRId64 " points,"
			    " %" PRId64 " per mille)%s", c->points,
			    c->permille, bd->check == VICTIM_TIE ?
			    ", tied: the first found wins" : "");
		break;
	case VICTIM_MISMATCH:
		analyze_cat(x, cap,
		    "the kernel chose %s (pid %" PRId64 ", %" PRId64
		    " points) but %s (pid %" PRId64 ") has %" PRId64 ": it "
		    "may have exited, been exempt or changed its "
		    "oom_score_adj", c->name, bd->chosen_pid, c->points,
		    top->name, top->pid, top->points);
		break;
	case VICTIM_NOT_IN_TABLE:
		analyze_cat(x, cap,
		    "the chosen pid %" PRId64 " has no row in the "
		    "table%s", bd->chosen_pid, ev->tasks_elided ?
		    " (rows elided)" : "");
		if (KNOWN(bd->hidden_pages))
			analyze_cat(x, cap,
			    "; its score %" PRId64 " implies about %"
			    PRId64 " pages (%s)", bd->logged_score,
			    bd->hidden_pages, units_size(b, sizeof(b),
			    bd->hidden_pages * analyze_page_kb(ev)));
		break;
	case VICTIM_UNCHECKED:
		break;
	}
	if (bd->child_sacrificed)
		analyze_cat(x, cap,
		    "; it then killed the child %s (pid %" PRId64
		    ") instead", ev->victim.name, ev->victim.pid);
}

static void victim_check(const struct oom_event *ev, struct oom_badness *bd)
{
	bool sel = ev->seen & OOM_PART_SELECT, vic = ev->seen & OOM_PART_VICTIM;
	const struct oom_task *t;
	int64_t implied;
	bool part = false;

	bd->chosen_pid = sel ? ev->select.pid : (vic ? ev->victim.pid : NA);
	bd->child_sacrificed = sel && vic && ev->select.pid != ev->victim.pid;
	bd->logged_score = sel ? ev->select.score : (vic ? ev->victim.score :
						     NA);
	if (!KNOWN(bd->chosen_pid) || bd->n_ranked == 0)
		return;
	t = analyze_find_task(ev, bd->chosen_pid);
	if (t == NULL) {
		bd->check = VICTIM_NOT_IN_TABLE;
		bd->hidden_pages = implied_base(bd, 0, false);
		return;
	}
	ranked_of(t, bd, analyze_page_kb(ev), NULL, &bd->chosen);
	implied = implied_base(bd, analyze_badness_task_adj(t), t->uid == 0);
	if (KNOWN(implied) && bd->lower_bound) {
		implied -= badness_base(t, analyze_page_kb(ev), &part);
		bd->hidden_pages = implied > 0 ? implied : 0;
	}
	if (bd->lower_bound && KNOWN(bd->logged_score))
		bd->check = bd->logged_score >= bd->ranked[0].permille ?
			    VICTIM_MATCH : VICTIM_MISMATCH;
	else if (bd->chosen.points == bd->ranked[0].points)
		bd->check = bd->n_ties > 1 ? VICTIM_TIE : VICTIM_MATCH;
	else
		bd->check = VICTIM_MISMATCH;
}

void analyze_badness_rank(const struct oom_event *ev,
			  struct oom_analysis *an)
{
	struct oom_badness *bd = &an->badness;
	bool adj = KNOWN(ev->invoker.oom_score_adj);

	memset(bd, 0, sizeof(*bd));
	bd->chosen_pid = bd->logged_score = bd->hidden_pages = NA;
	for (size_t i = 0; !adj && i < ev->n_tasks; i++)
		adj = KNOWN(ev->tasks[i].oom_score_adj);
	bd->era = analyze_badness_era(ev->kernel_version, ev->task_layout, adj,
				      &bd->era_assumed);
	bd->totalpages = totalpages_of(ev, &bd->totalpages_assumed);
	if (!(ev->seen & OOM_PART_TASKS) || ev->n_tasks == 0 ||
	    !KNOWN(bd->totalpages) || bd->era == BADNESS_ERA_OLD ||
	    bd->era == BADNESS_ERA_UNKNOWN)
		return;
	bd->present = true;
	rank_tasks(ev, bd);
	victim_check(ev, bd);
	explain_chosen(ev, bd);
}
