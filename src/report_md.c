/*
 * The Markdown renderer: a ticket-ready report in plain pipe tables (GitHub,
 * GitLab and Jira's Markdown all render them).  Every log-controlled string
 * goes through escape_markdown(), so a process name cannot break a table,
 * open a link or inject HTML.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "strbuf.h"
#include "banned.h"

static void put_md(struct report *r, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	escape_markdown(&sb, s, strlen(s));
	fputs(sb.len ? sb.buf : "-", r->out);
	strbuf_release(&sb);
}

static void put_kb(struct report *r, int64_t kb)
{
	if (kb == OOM_NA)
		fputs("?", r->out);
	else
		fprintf(r->out, "%" PRId64 " kB", kb);
}

void report_md_begin(struct report *r)
{
	fputs("# OOM report (oomscope)\n", r->out);
}

void report_md_event(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an, uint64_t id)
{
	const char *cons = oom_constraint_name(ev->constraint.type);

	(void)an;
	fprintf(r->out, "\n## Event %" PRIu64 ": ", id);
	put_md(r, oom_kind_name(ev->kind));
	if (ev->has_host) {
		fputs(" on ", r->out);
		put_md(r, ev->host);
	}
	fputs("\n\n| field | value |\n| --- | --- |\n", r->out);
	fputs("| time | ", r->out);
	put_md(r, ev->time_text[0] ? ev->time_text : "-");
	fputs(" |\n| kernel | ", r->out);
	put_md(r, ev->kernel_version[0] ? ev->kernel_version : "-");
	fprintf(r->out, " |\n| constraint | %s |\n| invoker | ",
		cons ? cons : "-");
	put_md(r, ev->invoker.name[0] ? ev->invoker.name : "-");
	fputs(" |\n| victim | ", r->out);
	put_md(r, ev->victim.name[0] ? ev->victim.name : "-");
	if (ev->victim.pid != OOM_NA)
		fprintf(r->out, " (pid %" PRId64 ")", ev->victim.pid);
	fputs(" |\n| victim anon-rss | ", r->out);
	put_kb(r, ev->victim.anon_rss_kb);
	fputs(" |\n| source | ", r->out);
	put_md(r, ev->input ? ev->input : "-");
	fprintf(r->out, " lines %" PRIu64 "-%" PRIu64 " |\n", ev->first_line,
		ev->last_line ? ev->last_line : ev->first_line);
}

void report_md_end(struct report *r, const struct pipeline *p)
{
	(void)p;
	if (!r->n_events)
		fputs("\nNo OOM events found.\n", r->out);
}
