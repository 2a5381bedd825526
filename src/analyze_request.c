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
		    analyze_hsize(b, sizeof(b), an->request_kb));
	if (!ev->invoker.has_gfp)
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

void analyze_request_decode(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	int64_t page_kb = analyze_page_kb(ev);

	an->gfp_era = gfp_era_for_version(ev->kernel_version);
	an->gfp_era_assumed = an->gfp_era < 0;
	if (an->gfp_era < 0)
		an->gfp_era = gfp_era_default();
	an->request_kb = NA;
	if (KNOWN(inv->order) && inv->order >= 0 && inv->order < 20)
		an->request_kb = page_kb << inv->order;
	an->costly_order = KNOWN(inv->order) && inv->order > COSTLY_ORDER;
	if (inv->has_gfp) {
		an->n_gfp_names = gfp_decode(inv->gfp_mask, an->gfp_era,
					     an->gfp_names, OOM_MAX_GFP_NAMES,
					     NULL);
		if (an->n_gfp_names > OOM_MAX_GFP_NAMES)
			an->n_gfp_names = OOM_MAX_GFP_NAMES;
		gfp_explain(inv->gfp_mask, an->gfp_era, &an->gfp);
	}
	if (inv->has_gfp && inv->has_gfp_text) {
		uint64_t m = 0;

		if (gfp_parse_symbolic(inv->gfp_text, strlen(inv->gfp_text),
				       an->gfp_era, &m) < 0 ||
		    m != inv->gfp_mask)
			an->gfp_mismatch = true;
	}
	if (ev->seen & OOM_PART_TRIGGER)
		request_words(ev, an);
}
