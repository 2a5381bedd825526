/*
 * Report dispatch: one switch on the format, the end-of-run rows every
 * renderer's summary reads, and the incident (incident.h) built from them
 * at the end.  The rows are capped at REPORT_MAX_ROWS; the events
 * themselves are rendered as they arrive and not kept.
 */
#include "oomscope/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report_int.h"
#include "xalloc.h"
#include "lex.h"
#include "banned.h"

void report_init(struct report *r, const struct report_opts *opts, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->opts = *opts;
	r->out = out;
}

void report_release(struct report *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n_rows = 0;
}

void report_iso_time(const struct oom_event *ev, char *buf, size_t cap)
{
	struct tm tm;
	time_t t;

	buf[0] = '\0';
	if (!ev->has_wall || !ev->wall_year_known)
		return;
	t = (time_t)ev->wall_s;
	if (!gmtime_r(&t, &tm))
		return;
	if (ev->wall_us)
		snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 tm.tm_hour, tm.tm_min, tm.tm_sec,
			 (unsigned)ev->wall_us);
	else
		snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static bool has_finding(const struct oom_analysis *an, const char *code)
{
	for (int i = 0; i < an->n_findings; i++)
		if (!strcmp(an->findings[i].code, code))
			return true;
	return false;
}

static void keep_row(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an, uint64_t id)
{
	struct report_row *row;
	const char *cons = oom_constraint_brief(ev->constraint.type);

	if (r->n_rows >= REPORT_MAX_ROWS) {
		r->rows_dropped++;
		return;
	}
	if (!r->rows)
		r->rows = xcalloc(64, sizeof(*r->rows));
	else if ((r->n_rows & (r->n_rows - 1)) == 0 && r->n_rows >= 64)
		r->rows = xreallocarray(r->rows, 2 * r->n_rows, sizeof(*r->rows));
	row = &r->rows[r->n_rows++];
	memset(row, 0, sizeof(*row));
	row->id = id;
	row->seq = ev->seq;
	lex_copy_str(row->host, sizeof(row->host), ev->host);
	lex_copy_str(row->time, sizeof(row->time), ev->time_text);
	lex_copy_str(row->kind, sizeof(row->kind), oom_kind_name(ev->kind));
	lex_copy_str(row->constraint, sizeof(row->constraint),
		     cons ? cons : "");
	lex_copy_str(row->victim, sizeof(row->victim), ev->victim.name);
	row->victim_pid = ev->victim.pid;
	row->victim_anon_kb = ev->victim.anon_rss_kb;
	row->culprit_pid = row->culprit_held_kb = OOM_NA;
	if (an->analyzed) {
		lex_copy_str(row->culprit, sizeof(row->culprit),
			     an->culprit.name);
		lex_copy_str(row->culprit_kind, sizeof(row->culprit_kind),
			     analyze_culprit_kind_name(an->culprit.kind));
		if (an->culprit.kind == CULPRIT_PROCESS)
			row->culprit_pid = an->culprit.pid;
		row->culprit_held_kb = an->culprit.held_kb;
		row->innocent_invoker = has_finding(an, "innocent_invoker");
	}
	row->full = (ev->seen & OOM_PART_TASKS) && ev->n_tasks > 0;
	row->complete = ev->complete;
	row->has_wall = ev->has_wall;
	row->has_t = ev->has_wall || ev->has_uptime;
	row->t_s = ev->has_wall ? ev->wall_s : (int64_t)(ev->uptime_us / 1000000);
	row->t_us = ev->has_wall ? ev->wall_s * 1000000 + ev->wall_us :
				   (int64_t)ev->uptime_us;
}

void report_begin(struct report *r)
{
	switch (r->opts.format) {
	case REPORT_JSON: report_json_begin(r); break;
	case REPORT_MARKDOWN: report_md_begin(r); break;
	case REPORT_NDJSON: break;
	case REPORT_TEXT: break;
	case REPORT_PROM: break;
	}
}

void report_event(struct report *r, const struct oom_event *ev,
		  const struct oom_analysis *an)
{
	uint64_t id = ++r->n_events;

	keep_row(r, ev, an, id);
	switch (r->opts.format) {
	case REPORT_JSON:
	case REPORT_NDJSON: report_json_event(r, ev, an, id); break;
	case REPORT_MARKDOWN: report_md_event(r, ev, an, id); break;
	case REPORT_TEXT: report_text_event(r, ev, an, id); break;
	case REPORT_PROM: break;     /* counted from the rows at the end */
	}
}

/*
 * The incident (what the events say together) is built here, once, and
 * handed to the renderer; NDJSON streams and has no end part, and the
 * Prometheus metrics are counts of the rows, which need no incident.
 */
void report_end(struct report *r, const struct pipeline *p)
{
	struct incident in;

	incident_init(&in);
	if (r->opts.format != REPORT_NDJSON && r->opts.format != REPORT_PROM)
		incident_build(&in, r, &p->context);
	switch (r->opts.format) {
	case REPORT_JSON: report_json_end(r, p, &in); break;
	case REPORT_MARKDOWN: report_md_end(r, p, &in); break;
	case REPORT_NDJSON: break;
	case REPORT_TEXT: report_text_end(r, p, &in); break;
	case REPORT_PROM: report_prom_end(r, p); break;
	}
	incident_release(&in);
}
