#ifndef OOMSCOPE_SM_H
#define OOMSCOPE_SM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"
#include "oomscope/prefix.h"
#include "oomscope/scan.h"

/*
 * Stage 3: the OOM report state machine.  Kernel log lines in, events out.
 *
 * One event is open per host at most (lines of host B in the middle of host
 * A's report do not disturb A's event).  Feeding never fails: lines that do
 * not belong to a report are counted, a report cut short is emitted with
 * complete = false and its missing parts named.
 */

enum sm_phase {
	SM_IDLE = 0,   /* no event open */
	SM_HEADER,     /* after the trigger: cpuset, CPU:/Pid: header */
	SM_TRACE,      /* inside "Call Trace:" */
	SM_MEMINFO,    /* Mem-Info, zones, buddy, swap, memcg counters */
	SM_MEMCG_STATS, /* "key value" lines after "Memory cgroup stats for" */
	SM_SLAB,       /* "Unreclaimable slab info:" rows */
	SM_ALLOC,      /* "Memory allocations" profiling rows */
	SM_TASKS,      /* task table rows */
	SM_KILLED,     /* after the kill line: more victims, the reaper */
};

#define SM_MAX_HOSTS 256      /* hosts with an open event at once */
#define SM_MAX_TASK_COLS 16

/*
 * A dump_stack() header ("CPU: 2 PID: 88196 Comm: keystone-all ...") seen
 * while no event was open for its host: a paste that starts at it lost
 * the trigger line, and the event that opens a little later takes its
 * task as the invoker.
 */
struct sm_header {
	bool set;
	char host[OOM_HOST_MAX];
	size_t host_len;
	const char *input;      /* borrowed, like sm_pos.input */
	uint64_t lineno;
	bool has_uptime;
	uint64_t uptime_us;
	int64_t pid;
	char comm[OOM_NAME_MAX];
};

struct sm_host {
	char host[OOM_HOST_MAX];
	size_t host_len;
	bool gap;               /* a foreign line inside the task table */
	enum sm_phase phase;
	struct oom_event *ev;   /* owned; moves to the ready queue on close */
	uint64_t idle_lines;    /* consecutive lines that did not belong */
	uint64_t last_use;      /* for evicting the oldest when full */
	bool has_uptime;        /* last_uptime_us is set */
	uint64_t last_uptime_us; /* uptime of the last line that belonged */
	int n_cols;             /* task-table columns between rss and name */
	int cols[SM_MAX_TASK_COLS];
	bool oom_group;         /* memory.oom.group: several kill lines */
	char pending[512];      /* oom-kill: line awaiting its pr_cont pieces */
	size_t pending_len;
	uint64_t pending_lineno;
	struct sm_header header; /* the one seen before the event opened */
};

struct sm_stats {
	uint64_t lines;           /* kernel lines fed */
	uint64_t report_lines;    /* lines that belonged to an event */
	uint64_t unparsed;        /* report-looking lines that did not parse */
	uint64_t orphan_reaper;   /* reaper lines with no open event */
	uint64_t events;
	uint64_t evicted;         /* events closed early: too many hosts */
};

struct sm_regex;  /* compiled patterns, private to sm.c */

struct sm {
	struct sm_host *hosts[SM_MAX_HOSTS]; /* open events, NULL = free slot */
	int n_open;
	uint64_t clock;
	struct sm_regex *re;
	struct scan_set start;   /* sm_line_may_start() needles */
	struct sm_header header; /* the last header seen with no event open */
	struct sm_stats stats;
	struct oom_event **ready; /* closed events not yet taken (owned) */
	int n_ready, ready_alloc, ready_head;
};

/* Position of the current line, for event sources and notes. */
struct sm_pos {
	const char *input;       /* borrowed; must outlive the events */
	uint64_t lineno;
	uint64_t last_lineno;    /* a record joined from several lines: its
				    last one (0: the same as lineno) */
};

void sm_init(struct sm *sm);
void sm_release(struct sm *sm);

/*
 * sm_feed: one kernel line (prefix already parsed; msg borrowed for the call).
 * Closed events queue up inside the machine; take them with sm_take().
 */
void sm_feed(struct sm *sm, const struct log_line *ln, const struct sm_pos *pos);
/*
 * sm_gap: the log says n records were lost here ("** n printk messages
 * dropped **"); the open event of ln's host, if any, records the gap
 * (dropped_records, and "dropped_records" in missing).
 */
void sm_gap(struct sm *sm, const struct log_line *ln, uint32_t n,
	    const struct sm_pos *pos);
/* sm_finish: closes every open event (end of input). */
void sm_finish(struct sm *sm);
/*
 * sm_take: the oldest closed event, or NULL when none is waiting.  The
 * caller owns it and frees it with oom_event_free().
 */
struct oom_event *sm_take(struct sm *sm);
/*
 * sm_line_may_start: false when the text cannot open an event (no OOM
 * keyword at all); such lines can be skipped while no event is open.
 */
bool sm_line_may_start(const struct sm *sm, const char *s, size_t len);
/* The needles of sm_line_may_start(), for input_set_skip(). */
const struct scan_set *sm_start_needles(const struct sm *sm);
/* True when some host has an open event (lines then need full parsing). */
bool sm_busy(const struct sm *sm);

#endif
