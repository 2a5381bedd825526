/*
 * Analysis sub-stage: the request, what the failed allocation asked for.
 * Consumes the trigger line (order, gfp_mask, the printed flag names) and
 * the kernel version; produces an->gfp_era, the decoded flag names and
 * struct gfp_info, request_kb, costly_order, gfp_mismatch and
 * request_words (the request in one sentence).
 *
 * Rules: the mask is decoded with the flag table of the era that printed
 * it (gfp.c), the default era when the version is unknown
 * (gfp_era_assumed); the printed names, encoded again, must give the same
 * mask, else gfp_mismatch; an order above PAGE_ALLOC_COSTLY_ORDER is
 * costly; a manual trigger or order -1 is SysRq-f, not an allocation.
 * Without a trigger line nothing is put in words.
 */
#include "analyze_int.h"

#include <inttypes.h>
#include <string.h>

#include "units.h"
#include "kver.h"
#include "banned.h"

#define COSTLY_ORDER 3          /* PAGE_ALLOC_COSTLY_ORDER */

static void request_words(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct gfp_info *g = &an->gfp;
	char *w = an->request_words, b[32];
	size_t cap = sizeof(an->request_words);
	int64_t order = ev->invoker.order;

	if (ev->manual || order == -1) {
		analyze_cat(w, cap, "manual OOM kill (SysRq-f, order -1): no "
		    "allocation failed, the kernel was told to kill");
		return;
	}
	if (KNOWN(order))
		analyze_cat(w, cap, "order %" PRId64 " (%s)", order,
		    units_size(b, sizeof(b), an->request_kb));
	if (!ev->invoker.has_gfp || an->gfp_undecided)
		return;
	analyze_cat(w, cap, "%sfrom %s or a lower zone; %s reclaim directly, "
	    "%s start IO, %s enter the filesystem", w[0] ? " " : "",
	    g->highest_zone, g->direct_reclaim ? "may" : "may not",
	    g->io ? "may" : "may not", g->fs ? "may" : "may not");
	if (g->high)
		analyze_cat(w, cap, "; high priority (may dip below min)");
	if (g->atomic)
		analyze_cat(w, cap, "; atomic");
	if (g->nofail)
		analyze_cat(w, cap, "; must not fail (NOFAIL)");
	if (g->noretry)
		analyze_cat(w, cap, "; gives up early (NORETRY)");
	if (g->retry_mayfail)
		analyze_cat(w, cap,
			    "; may fail after retrying (RETRY_MAYFAIL)");
	if (g->thisnode)
		analyze_cat(w, cap, "; this node only");
	if (g->account)
		analyze_cat(w, cap, "; charged to the memory cgroup");
}

/*
 * The kernels the report's own format allows (as gfp_eras_in_range()): task
 * table columns (rss_anon 6.8+, pgtables_bytes 4.15+, nr_pmds 4.0-4.14,
 * nr_ptes <= 4.14, cpu oom_adj <= 2.6.35), the kill line (shmem-rss 4.5+,
 * UID: and pgtables 5.4+), oom-kill:constraint= 5.0+, the select line (<=
 * 5.0), a trigger with oom_adj= alone (<= 2.6.35).  Returns false when
 * nothing narrows it.
 */
static bool shape_range(const struct oom_event *ev, int *lo, int *hi)
{
	static const int layout_lo[] = {
		[OOM_TASKS_PGTABLES] = KVER(4, 15, 0),
		[OOM_TASKS_RSS_SPLIT] = KVER(6, 8, 0),
		[OOM_TASKS_NR_PMDS] = KVER(4, 0, 0),
	};
	static const int layout_hi[] = {
		[OOM_TASKS_OOM_ADJ] = KVER(2, 6, 35),
		[OOM_TASKS_NR_PTES] = KVER(4, 14, 99),
		[OOM_TASKS_NR_PMDS] = KVER(4, 14, 99),
		[OOM_TASKS_PGTABLES] = KVER(6, 7, 99),
	};
	const struct oom_victim *v = &ev->victim;
	unsigned l = (unsigned)ev->task_layout;

	*lo = 0;
	*hi = KVER_MAX;
	if (l < sizeof(layout_lo) / sizeof(layout_lo[0]) && layout_lo[l])
		*lo = layout_lo[l];
	if (l < sizeof(layout_hi) / sizeof(layout_hi[0]) && layout_hi[l])
		*hi = layout_hi[l];
	if ((ev->seen & OOM_PART_VICTIM) && KNOWN(v->shmem_rss_kb) &&
	    *lo < KVER(4, 5, 0))
		*lo = KVER(4, 5, 0);
	if ((ev->seen & OOM_PART_VICTIM) && KNOWN(v->pgtables_kb) &&
	    *lo < KVER(5, 4, 0))
		*lo = KVER(5, 4, 0);
	if ((ev->seen & OOM_PART_CONSTRAINT) &&
	    ev->constraint.type != OOM_CONSTRAINT_UNKNOWN &&
	    !ev->constraint.inferred && *lo < KVER(5, 0, 0))
		*lo = KVER(5, 0, 0);
	if ((ev->seen & OOM_PART_SELECT) && *hi > KVER(5, 0, 99))
		*hi = KVER(5, 0, 99);
	/* "oom_adj=" or "oomkilladj=" without oom_score_adj: <= 2.6.35 */
	if ((ev->seen & OOM_PART_TRIGGER) && KNOWN(ev->invoker.oom_adj) &&
	    !KNOWN(ev->invoker.oom_score_adj) && *hi > KVER(2, 6, 35))
		*hi = KVER(2, 6, 35);
	return *lo > 0 || *hi < KVER_MAX;
}

/*
 * The flag table: the logged version's; else the eras whose decoding is
 * the printed names; else the eras the report's shape allows, used only
 * when they all decode the mask alike; else the newest, assumed, and the
 * mask is decoded only if every era agrees on it.
 */
static void choose_era(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	bool ok[64];
	int n = gfp_era_count() < 64 ? gfp_era_count() : 64, lo, hi;

	an->gfp_era = gfp_era_for_version(ev->kernel_version);
	an->gfp_era_source = GFP_ERA_LOGGED;
	if (an->gfp_era >= 0 || !inv->has_gfp) {
		if (an->gfp_era < 0) {
			an->gfp_era = gfp_era_default();
			an->gfp_era_source = GFP_ERA_ASSUMED;
		}
		return;
	}
	for (int i = 0; i < n; i++)
		ok[i] = true;
	if (inv->has_gfp_text &&
	    gfp_eras_printing(ok, inv->gfp_mask, inv->gfp_text,
			      strlen(inv->gfp_text)) > 0) {
		an->gfp_era_source = GFP_ERA_PRINTED;
	} else {
		for (int i = 0; i < n; i++)
			ok[i] = true;
		an->gfp_era_source = shape_range(ev, &lo, &hi) &&
			gfp_eras_in_range(ok, lo, hi) > 0 ?
			GFP_ERA_SHAPE : GFP_ERA_ASSUMED;
		an->gfp_undecided = !gfp_eras_agree(ok, inv->gfp_mask);
	}
	an->gfp_era_lo = an->gfp_era_hi = -1;
	for (int i = 0; i < n; i++)
		if (ok[i]) {
			if (an->gfp_era_lo < 0)
				an->gfp_era_lo = i;
			an->gfp_era_hi = i;
		}
	/* the newest that prints the names; the oldest the shape allows */
	an->gfp_era = an->gfp_era_hi < 0 ? gfp_era_default() :
		an->gfp_era_source == GFP_ERA_SHAPE ? an->gfp_era_lo :
						      an->gfp_era_hi;
}

void analyze_request_decode(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	int64_t page_kb = analyze_page_kb(ev);

	choose_era(ev, an);
	an->gfp_era_assumed = an->gfp_era_source == GFP_ERA_ASSUMED;
	an->request_kb = NA;
	if (KNOWN(inv->order) && inv->order >= 0 && inv->order < 20)
		an->request_kb = page_kb << inv->order;
	an->costly_order = KNOWN(inv->order) && inv->order > COSTLY_ORDER;
	if (inv->has_gfp && !an->gfp_undecided) {
		an->n_gfp_names = gfp_decode(inv->gfp_mask, an->gfp_era,
					     an->gfp_names, OOM_MAX_GFP_NAMES,
					     NULL);
		if (an->n_gfp_names > OOM_MAX_GFP_NAMES)
			an->n_gfp_names = OOM_MAX_GFP_NAMES;
		gfp_explain(inv->gfp_mask, an->gfp_era, &an->gfp);
	}
	if (inv->has_gfp && inv->has_gfp_text &&
	    an->gfp_era_source == GFP_ERA_LOGGED) {
		uint64_t m = 0;

		if (gfp_parse_symbolic(inv->gfp_text, strlen(inv->gfp_text),
				       an->gfp_era, &m) < 0 ||
		    m != inv->gfp_mask)
			an->gfp_mismatch = true;
	}
	if (ev->seen & OOM_PART_TRIGGER)
		request_words(ev, an);
}
