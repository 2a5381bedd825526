#ifndef OOMSCOPE_ANALYZE_INT_H
#define OOMSCOPE_ANALYZE_INT_H

/*
 * The analysis stage's private interface: what src/analyze*.c call across
 * each other.  analyze.c (the driver) calls one entry of each sub-stage in
 * the order below; each entry reads the event and what the earlier ones
 * wrote into *an, fills its own part of *an and never fails.  Values the
 * log did not show are OOM_NA (NA here) and propagate.
 */

#include "oomscope/analyze.h"

#define NA OOM_NA
#define KNOWN(x) ((x) != OOM_NA)

#define UNLIMITED_KB ((int64_t)1 << 52)
#define ADJ_MIN (-1000)
#define HOLDER_PERMILLE 100     /* a task or group must hold this much */

/* ---- analyze.c: helpers every sub-stage uses -------------------------- */

/* v, or 0 when it is OOM_NA. */
int64_t analyze_nz(int64_t v);
/* a + b where an unknown operand counts as 0; OOM_NA only if both are. */
int64_t analyze_add(int64_t a, int64_t b);
/* part per mille of whole; OOM_NA when either is unknown or whole <= 0. */
int64_t analyze_permille(int64_t part, int64_t whole);
/* The event's page size in kB; 4 when the report does not show it. */
int64_t analyze_page_kb(const struct oom_event *ev);
/* Appends to the NUL-terminated buf[cap]; what does not fit is cut. */
void analyze_cat(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Per mille pm as "93.9 %" ("?" for OOM_NA) into buf; returns buf. */
const char *analyze_pct(char *buf, size_t cap, int64_t pm);
/* The task-table row of pid; NULL when pid is OOM_NA or has no row. */
const struct oom_task *analyze_find_task(const struct oom_event *ev,
					 int64_t pid);

/* ---- analyze_request.c ------------------------------------------------ */

/* The trigger: gfp era, names and explanation, request_kb, costly_order,
 * gfp_mismatch, request_words. */
void analyze_request_decode(const struct oom_event *ev,
			    struct oom_analysis *an);

/* ---- analyze_zones.c -------------------------------------------------- */

/* zones[], n_eligible_zones, n_under_min, n_under_high, target_zone;
 * needs an->gfp from analyze_request_decode(). */
void analyze_zones_judge(const struct oom_event *ev, struct oom_analysis *an);
/* The nodes the allocation may use (nodemask & mems_allowed) as a bit
 * mask; all bits when the report does not restrict them. */
uint64_t analyze_zones_allowed_nodes(const struct oom_event *ev);
/* Whether node is in nodes; an unknown or out-of-range node is. */
bool analyze_zones_node_ok(int64_t node, uint64_t nodes);

/* ---- analyze_balance.c ------------------------------------------------ */

/* an->balance: where the memory went, against RAM or the memcg limit. */
void analyze_balance_fill(const struct oom_event *ev, struct oom_analysis *an);
/* The sum over the zone lines of the int64_t field at byte offset off of
 * struct oom_zone, OOM_NA ones left out; OOM_NA if none is known or off
 * is (size_t)-1. */
int64_t analyze_balance_sum_zones(const struct oom_event *ev, size_t off);
/* The kB of the balance row named item; OOM_NA without such a row. */
int64_t analyze_balance_kb(const struct oom_analysis *an, const char *item);
/* What task shares are taken of: RAM + swap, or the memcg limit. */
int64_t analyze_balance_share_base_kb(const struct oom_analysis *an);
/* "RAM" or "the limit": what balance shares are taken of. */
const char *analyze_balance_ram_name(const struct oom_analysis *an);
/* "RAM", "RAM + swap" or "the limit": the name of the share base. */
const char *analyze_balance_base_name(const struct oom_analysis *an);

/* ---- analyze_badness.c ------------------------------------------------ */

/* an->badness: era, totalpages, ranked tasks, the victim check. */
void analyze_badness_rank(const struct oom_event *ev,
			  struct oom_analysis *an);
/* What a task holds as the killer counts it: rss + swap + page tables. */
int64_t analyze_badness_footprint_kb(const struct oom_task *t, int64_t pk);
/* oom_score_adj, or converted from oom_adj; 0 when neither is shown. */
int64_t analyze_badness_task_adj(const struct oom_task *t);

/* ---- analyze_culprit.c ------------------------------------------------ */

/* The largest holders of one event, for the culprit and the findings. */
struct culprit_holders {
	const struct oom_task *top, *second;    /* by held memory */
	int64_t top_kb, second_kb;
	const struct oom_group *group;          /* a qualifying group */
	enum culprit_kind np_kind;              /* largest heavy non-process */
	int64_t np_kb;
};

/* an->groups: tasks of one name, 2+ members, largest first.  Needs the
 * balance (for shares). */
void analyze_culprit_groups(const struct oom_event *ev,
			    struct oom_analysis *an);
/* an->culprit; needs the zones, balance, badness and groups. */
void analyze_culprit_pick(const struct oom_event *ev,
			  struct oom_analysis *an);
/* Fills *h; pointers into ev->tasks and an->groups, valid while they
 * are. */
void analyze_culprit_holders(const struct oom_event *ev,
			     const struct oom_analysis *an,
			     struct culprit_holders *h);
/* What a task holds for the culprit rules (anon + shmem + swap + page
 * tables where the table splits rss, else the footprint), in kB. */
int64_t analyze_culprit_held_kb(const struct oom_task *t, int64_t pk);
/* Whether kb is a fifth or more of the balance base. */
bool analyze_culprit_heavy(const struct oom_analysis *an, int64_t kb);

/* ---- analyze_findings.c ----------------------------------------------- */

/* Appends an->findings; needs everything above. */
void analyze_findings_add(const struct oom_event *ev, struct oom_analysis *an);
/* One finding appended (NULL when the list is full); its advice. */
struct oom_finding *analyze_finding(struct oom_analysis *an, const char *code,
				    enum finding_severity sev,
				    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void analyze_advise(struct oom_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
