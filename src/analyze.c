/*
 * The analysis stage: reads a reconstructed struct oom_event and says what
 * was asked for (the gfp mask decoded with the table of the kernel era that
 * printed it, the request size).  It never looks at raw lines.
 */
#include "oomscope/analyze.h"

#include <string.h>

#include "banned.h"

static void analyze_request(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	int64_t page_kb = ev->page_size_kb != OOM_NA ? ev->page_size_kb : 4;

	an->gfp_era = gfp_era_for_version(ev->kernel_version);
	an->gfp_era_assumed = an->gfp_era < 0;
	if (an->gfp_era < 0)
		an->gfp_era = gfp_era_default();
	an->request_kb = OOM_NA;
	if (inv->order != OOM_NA && inv->order >= 0 && inv->order < 20)
		an->request_kb = page_kb << inv->order;
	if (!inv->has_gfp)
		return;
	an->n_gfp_names = gfp_decode(inv->gfp_mask, an->gfp_era, an->gfp_names,
				     OOM_MAX_GFP_NAMES, NULL);
	if (an->n_gfp_names > OOM_MAX_GFP_NAMES)
		an->n_gfp_names = OOM_MAX_GFP_NAMES;
	gfp_explain(inv->gfp_mask, an->gfp_era, &an->gfp);
	if (inv->has_gfp_text) {
		uint64_t m = 0;

		if (gfp_parse_symbolic(inv->gfp_text, strlen(inv->gfp_text),
				       an->gfp_era, &m) < 0 ||
		    m != inv->gfp_mask)
			an->gfp_mismatch = true;
	}
}

void analyze_event(const struct oom_event *ev, struct oom_analysis *an)
{
	memset(an, 0, sizeof(*an));
	an->culprit.pid = an->culprit.held_kb = OOM_NA;
	an->culprit.share_permille = OOM_NA;
	analyze_request(ev, an);
}

const char *analyze_culprit_kind_name(enum culprit_kind kind)
{
	switch (kind) {
	case CULPRIT_PROCESS: return "process";
	case CULPRIT_PROCESS_GROUP: return "process_group";
	case CULPRIT_SHMEM: return "shmem";
	case CULPRIT_SLAB: return "slab";
	case CULPRIT_HUGETLB: return "hugetlb";
	case CULPRIT_KERNEL: return "kernel";
	case CULPRIT_NONE: return "none";
	case CULPRIT_UNKNOWN: break;
	}
	return "unknown";
}

const char *analyze_severity_name(enum finding_severity sev)
{
	switch (sev) {
	case FINDING_WARNING: return "warning";
	case FINDING_CRITICAL: return "critical";
	case FINDING_INFO: break;
	}
	return "info";
}
