/*
 * The analysis stage: reads one reconstructed struct oom_event (never raw
 * lines) and says what a kernel engineer would say about it, in struct
 * oom_analysis: the request (gfp mask decoded with the table of the era
 * that printed it, in words), every zone against its watermarks with the
 * kernel's own test (lowmem_reserve, order, __GFP_HIGH), fragmentation from
 * the buddy lines, a balance of where the memory went (RAM or the memcg
 * limit), the badness the kernel computed for every task (era rules of
 * mm/oom_kill.c), whether the logged victim is the one it should have
 * chosen, the culprit (who holds the memory, as opposed to the invoker and
 * the victim) and a list of findings with stable codes.
 *
 * Invariants: never fails, never trusts a value the log did not show
 * (OOM_NA propagates; a rule that needs it does not fire), and the result
 * holds no pointer into the event.  One temporary heap table groups tasks
 * by name; it is freed before analyze_event() returns.
 *
 * Deliberately ignored: the events around this one (a kill that cannot
 * relieve the pressure is flagged, not matched with the next report),
 * CAP_SYS_ADMIN (uid 0 stands in for it), ALLOC_HARDER/ALLOC_OOM
 * watermark discounts.  Rules and thresholds: doc/analysis.md.
 *
 * This file is the driver: analyze_event() runs the sub-stages in order,
 * each reading only what the event and the earlier ones give it:
 * analyze_request.c (the trigger and its gfp mask), analyze_zones.c
 * (watermark verdicts), analyze_balance.c (where the memory went), the
 * deficit (here), analyze_badness.c (score reasoning), analyze_culprit.c
 * (who held the memory) and analyze_findings.c.  It also holds the small
 * helpers they share (declared in analyze_int.h) and the enum names.
 */
#include "oomscope/analyze.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "analyze_int.h"
#include "banned.h"

/* ---- small helpers ---------------------------------------------------- */

int64_t analyze_nz(int64_t v)
{
	return KNOWN(v) ? v : 0;
}

/* a + b where an unknown operand counts as 0; NA only if both are NA */
int64_t analyze_add(int64_t a, int64_t b)
{
	if (!KNOWN(a))
		return b;
	if (!KNOWN(b))
		return a;
	return a + b;
}

int64_t analyze_permille(int64_t part, int64_t whole)
{
	if (!KNOWN(part) || !KNOWN(whole) || whole <= 0)
		return NA;
	return part * 1000 / whole;
}

int64_t analyze_page_kb(const struct oom_event *ev)
{
	return KNOWN(ev->page_size_kb) && ev->page_size_kb > 0 ?
	       ev->page_size_kb : 4;
}

/* Appends to a fixed buffer; output that does not fit is cut. */
void analyze_cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/* "93.9 %" from per-mille */
const char *analyze_pct(char *buf, size_t cap, int64_t pm)
{
	if (!KNOWN(pm))
		snprintf(buf, cap, "?");
	else
		snprintf(buf, cap, "%" PRId64 ".%" PRId64 " %%", pm / 10,
			 (pm < 0 ? -pm : pm) % 10);
	return buf;
}

/* ---- the task table ------------------------------------------------- */

const struct oom_task *analyze_find_task(const struct oom_event *ev,
					 int64_t pid)
{
	if (!KNOWN(pid))
		return NULL;
	for (size_t i = 0; i < ev->n_tasks; i++)
		if (ev->tasks[i].pid == pid)
			return &ev->tasks[i];
	return NULL;
}

/* ---- the stage -------------------------------------------------------- */

static void analyze_deficit(const struct oom_event *ev,
			    struct oom_analysis *an)
{
	const struct oom_counter *m = &ev->memcg.memory;
	int64_t req = KNOWN(an->request_kb) ? an->request_kb :
		      analyze_page_kb(ev);

	an->deficit_kb = an->victim_freed_kb = an->victim_covers = NA;
	if (ev->seen & OOM_PART_VICTIM)
		an->victim_freed_kb = ev->victim.anon_rss_kb;
	if (an->balance.memcg && KNOWN(m->usage_kb) && KNOWN(m->limit_kb))
		an->deficit_kb = m->usage_kb + req - m->limit_kb > req ?
				 m->usage_kb + req - m->limit_kb : req;
	else if (!an->balance.memcg && an->target_zone >= 0)
		an->deficit_kb = an->zones[an->target_zone].high_deficit_kb;
	if (KNOWN(an->victim_freed_kb) && KNOWN(an->deficit_kb) &&
	    an->deficit_kb > 0)
		an->victim_covers = an->victim_freed_kb / an->deficit_kb;
}

void analyze_event(const struct oom_event *ev, struct oom_analysis *an)
{
	memset(an, 0, sizeof(*an));
	analyze_request_decode(ev, an);
	analyze_zones_judge(ev, an);
	analyze_balance_fill(ev, an);
	analyze_deficit(ev, an);
	analyze_badness_rank(ev, an);
	analyze_culprit_groups(ev, an);
	analyze_culprit_pick(ev, an);
	analyze_findings_add(ev, an);
	an->analyzed = true;
}

const char *analyze_gfp_era_source_name(enum gfp_era_source s)
{
	switch (s) {
	case GFP_ERA_LOGGED: return "logged_version";
	case GFP_ERA_PRINTED: return "printed_flags";
	case GFP_ERA_SHAPE: return "report_shape";
	case GFP_ERA_ASSUMED: break;
	}
	return "assumed";
}

const char *analyze_confidence_name(enum culprit_confidence c)
{
	switch (c) {
	case CONFIDENCE_HIGH: return "high";
	case CONFIDENCE_MEDIUM: return "medium";
	case CONFIDENCE_LOW: return "low";
	case CONFIDENCE_NONE: break;
	}
	return NULL;
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

const char *analyze_zone_mark_name(enum zone_mark mark)
{
	switch (mark) {
	case ZONE_UNDER_MIN: return "under_min";
	case ZONE_UNDER_LOW: return "under_low";
	case ZONE_UNDER_HIGH: return "under_high";
	case ZONE_ABOVE_HIGH: return "above_high";
	case ZONE_MARK_UNKNOWN: break;
	}
	return "unknown";
}

const char *analyze_victim_check_name(enum victim_check c)
{
	switch (c) {
	case VICTIM_MATCH: return "match";
	case VICTIM_TIE: return "tie";
	case VICTIM_MISMATCH: return "mismatch";
	case VICTIM_NOT_IN_TABLE: return "not_in_table";
	case VICTIM_UNCHECKED: break;
	}
	return "unchecked";
}

const char *analyze_badness_era_name(enum badness_era era)
{
	switch (era) {
	case BADNESS_ERA_OLD: return "<=2.6.35";
	case BADNESS_ERA_PERMILLE: return "2.6.36-3.4/RHEL6";
	case BADNESS_ERA_ADJ30: return "3.5-3.12";
	case BADNESS_ERA_ROOT3: return "3.10,3.13-4.16/RHEL7";
	case BADNESS_ERA_PAGES: return "4.17+";
	case BADNESS_ERA_UNKNOWN: break;
	}
	return "unknown";
}
