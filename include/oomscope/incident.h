#ifndef OOMSCOPE_INCIDENT_H
#define OOMSCOPE_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/context.h"
#include "oomscope/report.h"

/*
 * Stage 6: the incident, what the reported events say together, built once
 * after the per-event analysis and read by every renderer's end part (text,
 * JSON, Markdown; none of them analyses).  Per host, in the order hosts
 * first appear among the reported events:
 *   - its events in report order, each with its context anchor, found by
 *     the event's delivery number (report_row.seq == ev->seq), never by
 *     comparing copied strings;
 *   - the victims and the culprits named by two events or more;
 *   - the kill loops: runs of INCIDENT_LOOP_MIN events or more, each within
 *     INCIDENT_LOOP_GAP_S of the one before;
 *   - its context lines, each placed between the reported events around it
 *     and marked near when within CONTEXT_NEAR_S of one of them;
 *   - its timeline: events and near lines in one order (when every event
 *     of the host could be placed).
 *
 * Everything points into the struct report and struct context it was built
 * from (borrowed): both must outlive the incident and stay unchanged.
 */

#define INCIDENT_LOOP_GAP_S 60   /* kills this close (seconds) are a loop */
#define INCIDENT_LOOP_MIN 3      /* events that make a kill loop */

struct incident_host;

/* A reported event of the host. */
struct incident_event {
	const struct report_row *row;
	const struct context_anchor *anchor;  /* NULL: cannot be placed */
};

/* A victim or culprit name two reported events or more of a host share. */
struct incident_repeat {
	const char *name;         /* borrowed from a report row */
	size_t count;
};

/*
 * A kill loop: consecutive events of a host with a time (events without one
 * are passed over), each at most INCIDENT_LOOP_GAP_S after the one before.
 */
struct incident_loop {
	uint64_t first_id, last_id;   /* report ids */
	size_t kills;
	int64_t span_s;               /* first to last, seconds */
};

/*
 * A holder that grew: the culprit process (same pid) of two or more full
 * reports of the host, larger at the last, with the kills of other tasks
 * in between (what across.c's growing_holder finding says, for the whole
 * run).  Sizes are what the analysis attributed to it in each report.
 */
struct incident_growth {
	const char *name;             /* borrowed from a report row */
	int64_t pid;
	size_t reports;
	uint64_t first_id, last_id;   /* report ids */
	int64_t first_kb, last_kb;
	int64_t first_us, last_us;    /* the reports' times (rows' t_us) */
	int64_t rate_kb_s;            /* OOM_NA under a tenth of a second */
	size_t others_killed;         /* kills of other tasks on the host from
					 its first report on (every memcg) */
};

/* A context line of a host that has reported events. */
struct incident_line {
	const struct context_line *line;
	const struct incident_host *host;
	const struct incident_event *prev, *next;  /* placed events around */
	int64_t since_s;          /* after prev; OOM_NA: times do not compare */
	int64_t until_s;          /* before next; OOM_NA likewise */
	/*
	 * near: within CONTEXT_NEAR_S of prev or next, a reboot between two
	 * events, or a line whose time compares with neither (another boot,
	 * no times: it cannot be ruled out).
	 */
	bool near;
};

/* One row of a host's timeline: an event or a context line. */
struct incident_item {
	const struct incident_event *event;   /* or NULL */
	const struct incident_line *line;     /* or NULL */
};

struct incident_host {
	const char *name;         /* "" when the log has no host (borrowed) */
	struct incident_event *events;
	size_t n_events;
	bool placed;              /* every event has its anchor */
	bool by_wall;             /* ordered by wall clock (all times have it) */
	size_t n_lines, n_near;   /* its context lines, the near ones */
	struct incident_item *timeline;  /* events and near lines, in order; */
	size_t n_timeline;               /* empty unless placed and n_near */
	struct incident_repeat *victims, *culprits;  /* by name (strcmp) */
	size_t n_victims, n_culprits;
	struct incident_loop *loops;
	size_t n_loops;
	struct incident_growth *growth;
	size_t n_growth;
};

struct incident {
	struct incident_host *hosts;
	size_t n_hosts;
	struct incident_line *lines;  /* of every host above, input order */
	size_t n_lines;
};

void incident_init(struct incident *in);

/*
 * incident_build: the incident of the rows r has kept (r->rows, bounded by
 * REPORT_MAX_ROWS) and the context lines c has kept.  Rebuilds from scratch
 * when called again.  Never fails (allocation failure exits, xalloc.h).
 */
void incident_build(struct incident *in, const struct report *r,
		    const struct context *c);

/* incident_release: frees what incident_build() allocated. */
void incident_release(struct incident *in);

/* incident_host_of: the host whose name is `name` ("" too), or NULL. */
const struct incident_host *incident_host_of(const struct incident *in,
					     const char *name);

#endif
