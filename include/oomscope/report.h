#ifndef OOMSCOPE_REPORT_H
#define OOMSCOPE_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "oomscope/analyze.h"
#include "oomscope/event.h"
#include "oomscope/pipeline.h"

/*
 * Stage 5: renderers.  One struct report per run; events are written as
 * they arrive (so a 10 GB log needs no memory for its events), and
 * report_end() writes what needs all of them (the summary, the inputs).
 * Renderers never parse, parsers never print.
 */

enum report_format {
	REPORT_TEXT = 0,
	REPORT_JSON,
	REPORT_NDJSON,
	REPORT_MARKDOWN,
	REPORT_PROM,          /* Prometheus text format, at the end only */
};

struct report_opts {
	enum report_format format;
	bool color;
	bool verbose;
	bool brief;
};

/* What the end-of-run summary keeps of each event (bounded). */
struct report_row {
	uint64_t id;
	uint64_t seq;             /* the event's ev->seq: its context anchor */
	char host[64];
	char time[40];
	char kind[16];
	char constraint[24];
	char victim[OOM_NAME_MAX];
	int64_t victim_pid, victim_anon_kb;
	char culprit[OOM_NAME_MAX];
	char culprit_kind[16];
	int64_t culprit_pid;      /* OOM_NA unless a process */
	int64_t culprit_held_kb;  /* OOM_NA unknown */
	bool full;                /* a report with a task table */
	bool complete;
	bool innocent_invoker;    /* the analysis found "innocent_invoker" */
	bool has_wall;            /* t_s is wall clock (Unix seconds) */
	bool has_t;               /* t_s: wall clock, or uptime, seconds */
	int64_t t_s;
	int64_t t_us;             /* the same clock in microseconds */
};

#define REPORT_MAX_ROWS 10000

struct report {
	struct report_opts opts;
	FILE *out;
	uint64_t n_events;
	struct report_row *rows;
	size_t n_rows;
	uint64_t rows_dropped;
	uint64_t duplicates_dropped; /* events seen twice (set by the caller) */
};

void report_init(struct report *r, const struct report_opts *opts, FILE *out);
void report_release(struct report *r);
void report_begin(struct report *r);
/* report_event: the event's id is r->n_events + 1 (1-based, output order). */
void report_event(struct report *r, const struct oom_event *ev,
		  const struct oom_analysis *an);
void report_end(struct report *r, const struct pipeline *p);

#endif
