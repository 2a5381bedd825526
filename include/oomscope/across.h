#ifndef OOMSCOPE_ACROSS_H
#define OOMSCOPE_ACROSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/analyze.h"
#include "oomscope/event.h"
#include "oomscope/incident.h"

/*
 * Across events, as they stream: what one event's analysis learns from the
 * events of the same loop before it.  A kill loop is a run of kills on one
 * host, of one constraint (and one memory cgroup when the report names it),
 * each within INCIDENT_LOOP_GAP_S (incident.h: the one loop window) of the
 * one before (wall clock, or uptime when the log has no wall clock; time
 * going back, as after a reboot, or no time at all, starts no loop).
 *
 * - A lone kill line in a loop (the kernel rate-limits its reports: after
 *   ten in five seconds only the kill lines remain) takes the culprit of
 *   the loop's last full report, one confidence step lower, and its reason
 *   says so.  A kill with no full report before it keeps its own verdict.
 *   The kill line names no memory cgroup: when loops of several groups
 *   run at once, the one whose last report lists the victim's name gives
 *   the verdict; when that does not settle it, none does.
 * - A task that is the culprit of two or more full reports of a loop and
 *   grows between them while other tasks are killed is a growing holder:
 *   the later events carry the finding `growing_holder` with its first and
 *   last size, the time between and the rate.
 * - From its INCIDENT_LOOP_MIN-th kill on, every kill of a loop carries
 *   the finding `kill_loop`: the kills so far, the time, the rate per
 *   minute, what was killed and, when the loop has a verdict, the culprit
 *   that survives it.
 *
 * Memory: at most ACROSS_MAX_LOOPS loops are remembered (the oldest is
 * forgotten first), a few hundred bytes each.
 */

#define ACROSS_MAX_LOOPS 64
#define ACROSS_KILLED_NAMES 3      /* victim names a loop keeps counts of */
#define ACROSS_TASK_NAMES 16       /* task names of the last full report */

struct across_loop {
	char host[OOM_HOST_MAX];
	enum oom_constraint type;
	char memcg[OOM_PATH_MAX];   /* "" for a lone kill's loop */
	int64_t last_t;             /* us: wall clock, or uptime */
	bool by_wall;
	uint64_t last_used;         /* for forgetting the oldest */
	bool has_verdict;
	struct oom_culprit verdict; /* the last full report's culprit */
	char verdict_at[96];        /* "input:line" of that report */
	char names[ACROSS_TASK_NAMES][OOM_NAME_MAX]; /* its tasks' names */
	int n_names;
	int64_t verdict_t;
	/* the holder followed from report to report */
	int64_t hold_pid;
	char hold_name[OOM_NAME_MAX];
	int64_t first_kb, first_t, last_kb, last_kt;  /* kB, us */
	int reports;                /* full reports naming it */
	int others_killed;          /* kills of other tasks since the first */
	/* the loop's kills: how many, since when, the names killed most */
	int kills;
	int64_t first_kill_t;
	struct {
		char name[OOM_NAME_MAX];
		int count;
	} killed[ACROSS_KILLED_NAMES];
	int n_killed, other_killed;  /* names kept, kills of other names */
};

struct across {
	struct across_loop loops[ACROSS_MAX_LOOPS];
	size_t n;
	uint64_t clock;
};

void across_init(struct across *a);
/*
 * across_event: ev was analysed into *an; *an gains what the loop before
 * it says (an inherited culprit, the growing_holder finding), and the loop
 * learns from ev.  Call it for every event in log order, before any
 * selection, so that a selected lone kill still finds its loop.
 */
void across_event(struct across *a, const struct oom_event *ev,
		  struct oom_analysis *an);
/*
 * across_carry: `to`, a new analysis of the same event (--redact analyses
 * the redacted event again), gets what across_event gave `from`.
 */
void across_carry(const struct oom_analysis *from, struct oom_analysis *to);

#endif
