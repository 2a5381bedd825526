/*
 * Analysis sub-stage: the findings, what the other sub-stages concluded as
 * a list of struct oom_finding with a stable code, a severity, a message
 * and, where something can be done, advice.  Consumes the event and all of
 * *an the earlier sub-stages filled; appends to an->findings in a fixed
 * order (request, zones, memcg, swap, victim, balance, task table, gfp),
 * at most OOM_MAX_FINDINGS, the rest dropped.
 *
 * Rules: a finding fires only on values the log showed (OOM_NA fires
 * nothing); the codes and message texts are output and stay stable;
 * a non-process holder of a fifth of the base is heavy, unexplained
 * kernel memory of a tenth of RAM is worth a finding.  Every code and its
 * condition: doc/analysis.md.
 */
#include "analyze_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "units.h"
#include "banned.h"

#define UNEXPLAINED_PERMILLE 100 /* unexplained memory worth a finding */

/* Adds a finding; NULL (and nothing added) when the list is full. */
struct oom_finding *analyze_finding(struct oom_analysis *an, const char *code,
				    enum finding_severity sev,
				    const char *fmt, ...)
{
	struct oom_finding *f;
	va_list ap;

	if (an->n_findings >= OOM_MAX_FINDINGS)
		return NULL;
	f = &an->findings[an->n_findings++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = sev;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	return f;
}

void analyze_advise(struct oom_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (f == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(f->advice, sizeof(f->advice), fmt, ap);
	va_end(ap);
}

/* ---- the rules, in the order analyze_findings_add() runs them -------- */

/* "Normal" or "node 1 Normal" */
static const char *zone_label(char *buf, size_t cap,
			      const struct oom_zone_verdict *v)
{
	if (KNOWN(v->node))
		snprintf(buf, cap, "node %" PRId64 " %s", v->node, v->zone);
	else
		snprintf(buf, cap, "%s", v->zone);
	return buf;
}

static void find_request(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	char b[32];

	if (ev->manual)
		analyze_finding(an, "manual_oom", FINDING_INFO, "Manual OOM kill "
			"(SysRq-f, order -1) run by %s: the kernel was told to "
			"kill; no allocation failed.", inv->name[0] ?
			inv->name : "a kworker");
	if (an->costly_order)
		analyze_finding(an, "costly_order", FINDING_WARNING, "Order %" PRId64
			" (%s) is above PAGE_ALLOC_COSTLY_ORDER (3): the "
			"allocator normally fails such requests instead of "
			"invoking the OOM killer%s.", inv->order,
			units_size(b, sizeof(b), an->request_kb),
			an->gfp.nofail ? "; this one carries __GFP_NOFAIL" :
			"");
}

/*
 * The zone verdict of the event: the target zone (the request's highest
 * usable class, most depleted node) under min is the classic OOM; above
 * min but no zone passing high is the expected state after reclaim.
 */
static void find_zone_marks(struct oom_analysis *an)
{
	const struct oom_zone_verdict *v;
	char z[48];

	if (an->target_zone < 0)
		return;
	v = &an->zones[an->target_zone];
	zone_label(z, sizeof(z), v);
	if (v->mark == ZONE_UNDER_MIN)
		analyze_finding(an, "zone_below_min", FINDING_CRITICAL, "%s has %"
			PRId64 " KiB free against min %" PRId64 " KiB + "
			"lowmem_reserve %" PRId64 " KiB, %" PRId64 " KiB short; "
			"%d of %d zones the request may use are below min.",
			z, v->usable_free_kb, v->min_kb, v->reserve_kb,
			-v->min_margin_kb, an->n_under_min,
			an->n_eligible_zones);
	else if (an->n_under_high == an->n_eligible_zones)
		analyze_finding(an, "zones_below_high", FINDING_INFO, "No zone the "
			"request may use passes its high watermark, the test "
			"of the last attempt before a kill: %s has %" PRId64
			" KiB free, %" PRId64 " KiB above min (expected after "
			"reclaim) and %" PRId64 " KiB under high.", z,
			v->usable_free_kb, v->min_margin_kb,
			v->high_deficit_kb);
}

static void find_zones(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_zone_verdict *v = NULL;
	char z[48], b[32];
	bool all_frag = an->n_eligible_zones > 0, above = false;

	find_zone_marks(an);
	for (int i = 0; i < an->n_zones; i++) {
		if (!an->zones[i].eligible || an->zones[i].mark ==
		    ZONE_MARK_UNKNOWN)
			continue;
		if (an->zones[i].fragmented && v == NULL)
			v = &an->zones[i];
		if (an->zones[i].min_margin_kb > 0 && an->zones[i].order_ok)
			all_frag = false;
		if (an->zones[i].mark != ZONE_ABOVE_HIGH || ev->manual ||
		    !an->zones[i].order_ok || above)
			continue;
		above = true;
		analyze_finding(an, "zone_above_high", FINDING_WARNING, "%s passes "
			"even its high watermark (%" PRId64 " KiB free, high %"
			PRId64 " KiB + reserve %" PRId64 " KiB): memory was "
			"freed between the failure and the report, or the "
			"request was restricted in a way the log does not "
			"show.", zone_label(z, sizeof(z), &an->zones[i]),
			an->zones[i].usable_free_kb, an->zones[i].high_kb,
			an->zones[i].reserve_kb);
	}
	if (v == NULL || !all_frag)
		return;
	analyze_advise(analyze_finding(an, "fragmentation", FINDING_WARNING, "Order %" PRId64
		       " needs blocks of %s: %s has %" PRId64 " KiB free, above"
		       " min, but only %" PRId64 " KiB in blocks that large of"
		       " a usable type.", ev->invoker.order,
		       units_size(b, sizeof(b), an->request_kb),
		       zone_label(z, sizeof(z), v), v->usable_free_kb,
		       analyze_nz(v->free_at_order_kb)),
	       "Free memory is fragmented: compaction (vm.compact_memory, "
	       "vm.compaction_proactiveness) or a larger vm.min_free_kbytes "
	       "keeps high-order blocks available.");
}

static void find_swap(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_totals *t = &ev->totals;

	if (an->balance.memcg || !(ev->seen & OOM_PART_SWAP) ||
	    !KNOWN(t->swap_total_kb) || !KNOWN(t->swap_free_kb))
		return;
	if (t->swap_total_kb == 0)
		analyze_finding(an, "no_swap", FINDING_INFO, "No swap is configured: "
			"anonymous memory cannot be paged out, only freed by a "
			"kill.");
	else if (t->swap_free_kb * 100 < t->swap_total_kb)
		analyze_advise(analyze_finding(an, "swap_exhausted", FINDING_CRITICAL, "Swap "
			       "is exhausted: %" PRId64 " of %" PRId64 " KiB "
			       "free.", t->swap_free_kb, t->swap_total_kb),
		       "Add swap or cap the consumer (a cgroup memory.max); "
		       "more swap only delays the OOM if the consumer keeps "
		       "growing.");
}

static bool is_ancestor(const char *anc, const char *path)
{
	size_t n = strlen(anc);

	if (n == 0 || strcmp(anc, path) == 0)
		return false;
	if (strcmp(anc, "/") == 0)
		return path[0] == '/';
	return strncmp(anc, path, n) == 0 && path[n] == '/';
}

static void find_memcg(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_constraint_info *ci = &ev->constraint;
	const struct oom_counter *m = &ev->memcg.memory;
	const char *path = ci->oom_memcg[0] ? ci->oom_memcg : ev->memcg.path;
	char b[32];

	if (!an->balance.memcg || !KNOWN(m->usage_kb) || !KNOWN(m->limit_kb))
		return;
	analyze_advise(analyze_finding(an, "memcg_limit", FINDING_CRITICAL, "Memory cgroup %s"
		       " %s its limit: usage %" PRId64 " KiB of %" PRId64 " KiB "
		       "(failcnt %" PRId64 ")%s.", path, m->usage_kb >=
		       m->limit_kb ? "reached" : "hit", m->usage_kb,
		       m->limit_kb, analyze_nz(m->failcnt),
		       m->usage_kb < m->limit_kb ? "; usage fell below the "
		       "limit before the report was printed" : ""),
	       "Compare the limit (%s) with the workload's peak: raise "
	       "memory.max (v2) or memory.limit_in_bytes (v1), or make the "
	       "workload fit.", units_size(b, sizeof(b), m->limit_kb));
	if (is_ancestor(ci->oom_memcg, ci->task_memcg))
		analyze_advise(analyze_finding(an, "ancestor_memcg_limit", FINDING_WARNING,
			       "The limit that was hit belongs to %s, an "
			       "ancestor of the victim's cgroup %s: all its "
			       "descendants share it.", ci->oom_memcg,
			       ci->task_memcg),
		       "Size the limit of %s for the combined peak of its "
		       "children, or limit the children so one cannot starve "
		       "the rest.", ci->oom_memcg);
}

/* The largest task shielded by -1000 while another one died. */
static void find_protected(const struct oom_event *ev,
			   struct oom_analysis *an,
			   const struct culprit_holders *h)
{
	char b1[32], b2[32];
	int64_t pm = analyze_permille(h->top_kb,
				      analyze_balance_share_base_kb(an));

	if (h->top == NULL || analyze_badness_task_adj(h->top) != ADJ_MIN ||
	    !KNOWN(pm) || pm < HOLDER_PERMILLE ||
	    h->top->pid == ev->victim.pid)
		return;
	analyze_advise(analyze_finding(an, "protected_hog", FINDING_WARNING, "%s (pid %"
		       PRId64 ") holds the most memory, %s (%s of %s), but has"
		       " oom_score_adj -1000, so the killer had to choose "
		       "others.", h->top->name, h->top->pid,
		       units_size(b1, sizeof(b1), h->top_kb),
		       analyze_pct(b2, sizeof(b2), pm),
		       analyze_balance_base_name(an)),
	       "Reconsider oom_score_adj -1000 for %s: it keeps its memory "
	       "while smaller tasks die.", h->top->name);
}

static void find_sacrificial(const struct oom_event *ev,
			     struct oom_analysis *an,
			     const struct culprit_holders *h)
{
	const struct oom_task *v = analyze_find_task(ev, ev->victim.pid);
	int64_t adj = v ? analyze_badness_task_adj(v) :
		      ev->victim.oom_score_adj, kb;
	char b1[32], b2[32];

	if (!(ev->seen & OOM_PART_VICTIM) || !KNOWN(adj) || adj <= 0 ||
	    h->top == NULL || h->top == v)
		return;
	kb = v ? analyze_culprit_held_kb(v, analyze_page_kb(ev)) :
	     analyze_add(analyze_add(ev->victim.anon_rss_kb,
				     ev->victim.file_rss_kb),
			 ev->victim.shmem_rss_kb);
	if (!KNOWN(kb) || kb * 10 >= h->top_kb)
		return;
	analyze_advise(analyze_finding(an, "sacrificial_victim", ev->manual ? FINDING_INFO :
		       FINDING_WARNING, "The victim "
		       "%s (pid %" PRId64 ") was chosen for its oom_score_adj "
		       "%" PRId64 " while holding %s, under a tenth of what %s "
		       "(pid %" PRId64 ") holds (%s): the kill frees little.",
		       ev->victim.name, ev->victim.pid, adj,
		       units_size(b1, sizeof(b1), kb), h->top->name,
		       h->top->pid,
		       units_size(b2, sizeof(b2), h->top_kb)),
	       ev->manual ? "" : "A high oom_score_adj on a small task only "
	       "buys time: the holder keeps its memory and the next OOM "
	       "follows.");
}

static void find_deficit(const struct oom_event *ev, struct oom_analysis *an)
{
	char b1[32], b2[32], z[48];

	if (!KNOWN(an->victim_freed_kb) || !KNOWN(an->deficit_kb) ||
	    an->deficit_kb <= 0 || an->victim_freed_kb >= an->deficit_kb)
		return;
	if (an->balance.memcg)
		snprintf(z, sizeof(z), "the charge needs above the limit");
	else
		snprintf(z, sizeof(z), "%s lacks to its high watermark",
			 an->zones[an->target_zone].zone);
	analyze_finding(an, "victim_smaller_than_deficit", FINDING_WARNING, "The "
		"victim %s returns about %s of anonymous memory, less than the "
		"%s %s: the kill alone cannot end the pressure; expect further"
		" kills.", ev->victim.name,
		units_size(b1, sizeof(b1), an->victim_freed_kb),
		units_size(b2, sizeof(b2), an->deficit_kb), z);
}

static void find_choice(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_badness *bd = &an->badness;

	if (bd->check == VICTIM_MISMATCH)
		analyze_finding(an, "victim_mismatch", FINDING_WARNING, "Recomputed "
			"badness disagrees with the kernel: %s.",
			bd->explanation);
	else if (bd->check == VICTIM_NOT_IN_TABLE)
		analyze_finding(an, "victim_not_in_table", FINDING_INFO, "The victim "
			"cannot be checked: %s.", bd->explanation);
	if (bd->child_sacrificed)
		analyze_finding(an, "child_sacrificed", FINDING_INFO, "The kernel "
			"selected %s (pid %" PRId64 ", score %" PRId64 ") and "
			"killed its child %s (pid %" PRId64 ") instead (<= 5.0"
			" \"sacrifice child\").", ev->select.name,
			ev->select.pid, analyze_nz(ev->select.score),
			ev->victim.name, ev->victim.pid);
}

static void find_invoker(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;
	const struct oom_task *t = analyze_find_task(ev, ev->invoker.pid);
	char b1[32], b2[32];
	int64_t kb;

	if ((c->kind != CULPRIT_PROCESS && c->kind != CULPRIT_PROCESS_GROUP) ||
	    c->is_invoker || ev->manual || !KNOWN(ev->invoker.pid))
		return;
	if (t == NULL) {        /* a thread, or a task the table omits */
		analyze_finding(an, "innocent_invoker", FINDING_INFO, "The invoker %s "
			"(pid %" PRId64 ") is not the culprit: it asked for "
			"memory while %s held it.", ev->invoker.name,
			ev->invoker.pid, c->name);
		return;
	}
	kb = analyze_culprit_held_kb(t, analyze_page_kb(ev));
	analyze_finding(an, "innocent_invoker", FINDING_INFO, "The invoker %s (pid %"
		PRId64 ") holds only %s (%s of %s): it asked for memory while "
		"%s held it.", t->name, t->pid,
		units_size(b1, sizeof(b1), kb),
		analyze_pct(b2, sizeof(b2), analyze_permille(kb,
			    analyze_balance_share_base_kb(an))),
		analyze_balance_base_name(an), c->name);
}

static void find_victim(const struct oom_event *ev, struct oom_analysis *an)
{
	struct culprit_holders h;

	analyze_culprit_holders(ev, an, &h);
	find_choice(ev, an);
	find_protected(ev, an, &h);
	find_sacrificial(ev, an, &h);
	find_deficit(ev, an);
	find_invoker(ev, an);
}

static void find_balance(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	int64_t sh = analyze_balance_kb(an, "shmem"), su, hp, ux;
	char b1[32], b2[32], b3[32];

	su = analyze_balance_kb(an, "slab_unreclaimable");
	hp = analyze_balance_kb(an, "hugetlb");
	ux = b->unexplained_kb;
	if (analyze_culprit_heavy(an, sh))
		analyze_advise(analyze_finding(an, "shmem_heavy", FINDING_WARNING, "shmem/tmpfs"
			       " holds %s, %s of %s; killing processes does "
			       "not free it unless they hold the files open "
			       "or mapped.", units_size(b1, sizeof(b1), sh),
			       analyze_pct(b2, sizeof(b2),
					   analyze_permille(sh, b->base_kb)),
			       analyze_balance_ram_name(an)),
		       "Look for large files in tmpfs (/dev/shm, /run, /tmp), "
		       "memfd and SysV segments (ipcs -m).");
	if (analyze_culprit_heavy(an, su))
		analyze_advise(analyze_finding(an, "slab_heavy", FINDING_WARNING, "Unreclaimable"
			       " slab holds %s, %s of %s%s%s.",
			       units_size(b1, sizeof(b1), su),
			       analyze_pct(b2, sizeof(b2),
					   analyze_permille(su, b->base_kb)),
			       analyze_balance_ram_name(an), ev->n_slab > 0 ?
			       "; largest cache: " : "", ev->n_slab > 0 ?
			       ev->slab[0].name : ""),
		       "Find the growing cache in /proc/slabinfo (slabtop): a "
		       "leak in a driver or filesystem is likely.");
	if (analyze_culprit_heavy(an, hp))
		analyze_advise(analyze_finding(an, "hugetlb_reserved", FINDING_WARNING, "The "
			       "hugetlb pool reserves %s, %s of RAM (%s of it "
			       "free); ordinary allocations cannot use it.",
			       units_size(b1, sizeof(b1), hp),
			       analyze_pct(b2, sizeof(b2),
					   analyze_permille(hp, b->base_kb)),
			       units_size(b3, sizeof(b3),
					     analyze_nz(b->hugetlb_free_kb))),
		       analyze_nz(b->hugetlb_free_kb) > 0 ?
		       "Shrink vm.nr_hugepages to"
		       " what the users of huge pages need." : "");
	if (!b->memcg && analyze_nz(analyze_permille(ux, b->base_kb)) >=
	    UNEXPLAINED_PERMILLE)
		analyze_advise(analyze_finding(an, "unexplained_kernel_memory",
			       FINDING_WARNING, "%s, %s of RAM, is not "
			       "explained by any counter (drivers, vmalloc, "
			       "percpu, a zswap pool, GPU or ZFS buffers).",
			       units_size(b1, sizeof(b1), ux),
			       analyze_pct(b2, sizeof(b2),
					   analyze_permille(ux, b->base_kb))),
		       "Compare /proc/meminfo (VmallocUsed, Percpu) and driver "
		       "statistics with a healthy system to find the consumer.");
}

static void find_table(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	char b1[32];
	bool cut = (ev->missing & ~(uint32_t)(OOM_PART_TASKS |
					     OOM_PART_REAPER |
					     OOM_PART_PANIC)) != 0;

	if (ev->kind == OOM_KIND_ALLOC_FAILURE)
		return;
	if (!(ev->seen & OOM_PART_TASKS))
		analyze_advise(analyze_finding(an, "task_table_missing", FINDING_WARNING,
			       "The report has no task table%s: no task can "
			       "be named as the holder.", cut ?
			       " (the excerpt is cut)" : ""),
		       cut ? "" : "Set vm.oom_dump_tasks=1 so the next report "
		       "lists the tasks.");
	else if (ev->tasks_elided && analyze_nz(b->anon_unexplained_kb) > 0)
		analyze_finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept); %s of private "
			"anonymous memory is not explained by the visible "
			"rows.", ev->n_tasks,
			units_size(b1, sizeof(b1), b->anon_unexplained_kb));
	else if (ev->tasks_elided && b->anon_unexplained_kb != OOM_NA)
		analyze_finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept), though the visible "
			"rows already cover the anon LRU.", ev->n_tasks);
	else if (ev->tasks_elided)
		analyze_finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept) and the report shows "
			"no anon LRU to hold them against.", ev->n_tasks);
}

static void find_gfp(const struct oom_event *ev, struct oom_analysis *an)
{
	if (!ev->invoker.has_gfp)
		return;
	if (an->gfp_mismatch)
		analyze_finding(an, "gfp_mismatch", FINDING_WARNING, "The printed flags"
			" (%s) do not match gfp_mask 0x%" PRIx64 " decoded with"
			" the %s table.", ev->invoker.gfp_text,
			ev->invoker.gfp_mask, gfp_era_name(an->gfp_era));
	if (an->gfp_undecided)
		analyze_finding(an, "gfp_era_assumed", FINDING_INFO, "The kernel "
			"version is unknown and the eras the report allows (%s"
			" to %s) decode gfp_mask 0x%" PRIx64 " differently: it "
			"is not decoded.", gfp_era_name(an->gfp_era_lo),
			gfp_era_name(an->gfp_era_hi), ev->invoker.gfp_mask);
	else if (an->gfp_era_assumed)
		analyze_finding(an, "gfp_era_assumed", FINDING_INFO, "The kernel "
			"version is unknown: gfp_mask 0x%" PRIx64 " was decoded "
			"with the %s table, on which every era agrees.",
			ev->invoker.gfp_mask, gfp_era_name(an->gfp_era));
}

void analyze_findings_add(const struct oom_event *ev, struct oom_analysis *an)
{
	find_request(ev, an);
	find_zones(ev, an);
	find_memcg(ev, an);
	find_swap(ev, an);
	find_victim(ev, an);
	find_balance(ev, an);
	find_table(ev, an);
	find_gfp(ev, an);
}
