#ifndef OOMSCOPE_SELECT_H
#define OOMSCOPE_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/analyze.h"
#include "oomscope/event.h"

/*
 * Selecting what to report: the per-event tests of --since, --until, --host,
 * --killed and --pid, the time syntax they accept, and the buffer behind
 * --sort and --last.
 *
 * Filters apply after the analysis (--pid matches the culprit too).  The
 * numbering used by --event counts the events that passed the filters, in
 * output order; the report then numbers what it prints 1, 2, ... again.
 */

struct select_opts {
	bool has_since, has_until;
	int64_t since_s, until_s;  /* seconds since the epoch, inclusive */
	const char *host;          /* borrowed (argv); NULL: any */
	const char *killed;        /* victim name; NULL: any */
	bool has_pid;
	int64_t pid;               /* victim, invoker or culprit */
	uint64_t event;            /* --event N, 0: all */
	uint64_t last;             /* --last N, 0: all */
};

/*
 * select_parse_time: "2026-11-13", "2026-11-13 14:56", "2026-11-13 14:56:19",
 * the same with 'T', fractions and a zone ("Z", "+01:00", "+0100"; none is
 * UTC), "now", or a time before `now`: "90s", "30m", "2h", "1d", "1w" and
 * sums of them ("1h30m").  Returns 0 with *out in seconds since the epoch,
 * or -1 (nothing printed).
 */
int select_parse_time(const char *s, int64_t now, int64_t *out)
	__attribute__((warn_unused_result));

/*
 * select_match: true when the event passes every filter set in *o (--event
 * and --last excepted).  An event without a wall-clock time never passes
 * --since/--until; one without a host never passes --host.
 */
bool select_match(const struct select_opts *o, const struct oom_event *ev,
		  const struct oom_analysis *an);

/*
 * The event buffer behind --sort and --last: events are moved in
 * (oom_event_move) with their analysis (copied: it is computed once), kept
 * in arrival order, at most `cap` of them (0: no cap; the oldest is dropped
 * and released when full).  Memory: one struct oom_event (about 44 KiB) and
 * one struct oom_analysis (about 26 KiB) plus the task rows and zones per
 * kept event.
 */
struct select_buf {
	struct oom_event *evs;
	struct oom_analysis *ans;  /* ans[i] is the analysis of evs[i] */
	uint64_t *seq;             /* arrival number, the stable sort key */
	size_t n, alloc, head, cap;
	uint64_t arrived;
};

void select_buf_init(struct select_buf *b, size_t cap);
void select_buf_release(struct select_buf *b);
/* Takes *ev (which becomes a fresh event) and a copy of its analysis. */
void select_buf_push(struct select_buf *b, struct oom_event *ev,
		     const struct oom_analysis *an);
/*
 * select_buf_sort: orders by wall-clock time, stably; an event without one
 * keeps its place after the event before it in arrival order.
 */
void select_buf_sort(struct select_buf *b);
/* The i-th kept event in order, 0 <= i < b->n, and its analysis. */
struct oom_event *select_buf_at(struct select_buf *b, size_t i);
struct oom_analysis *select_buf_analysis_at(struct select_buf *b, size_t i);

#endif
