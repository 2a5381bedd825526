/*
 * The terminal renderer: answers first.  Each event opens with a headline
 * (time, host, kind) and the three names that matter: the culprit (who held
 * the memory), the invoker (who asked) and the victim (who died); then the
 * zone verdict table, where the memory went, swap, the largest tasks and
 * name groups, and the findings with their advice.  -q prints one line per
 * event, -v adds everything reconstructed (buddy lists, call trace, the
 * whole task table, memcg stats).  A summary per host follows when the log
 * holds several events.
 *
 * Sizes are in IEC units (units.h; the exact kB are in the JSON), lines
 * fit 100 columns, every log-controlled string goes through
 * escape_terminal(), and colour codes appear only when r->opts.color is set.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/incident.h"
#include "escape.h"
#include "oomscope/strbuf.h"
#include "units.h"
#include "xalloc.h"
#include "banned.h"

#define WIDTH 100
#define TOP_TASKS 5
#define BAR 24

static const char *col(const struct report *r, const char *code)
{
	return r->opts.color ? code : "";
}

#define BOLD(r) col(r, "\033[1m")
#define RED(r) col(r, "\033[31m")
#define YELLOW(r) col(r, "\033[33m")
#define CYAN(r) col(r, "\033[36m")
#define DIM(r) col(r, "\033[2m")
#define RESET(r) col(r, "\033[0m")

#define H(kb) units_size((char[UNITS_SIZE_MAX]){ 0 }, UNITS_SIZE_MAX, (kb))

static void put_esc(struct report *r, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	escape_terminal(&sb, s, strlen(s));
	fputs(sb.len ? sb.buf : "?", r->out);
	strbuf_release(&sb);
}

/* Prints text (escaped) wrapped at WIDTH, continuation lines indented. */
static void put_wrapped(struct report *r, const char *text, int col0,
			int indent)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	int at = col0;

	escape_terminal(&sb, text, strlen(text));
	for (p = sb.buf; *p;) {
		const char *w = p;
		int n;

		while (*w && *w != ' ')
			w++;
		n = (int)(w - p);
		if (at > indent && at + n + 1 > WIDTH) {
			fprintf(r->out, "\n%*s", indent, "");
			at = indent;
		} else if (at > indent) {
			fputc(' ', r->out);
			at++;
		}
		fwrite(p, 1, (size_t)n, r->out);
		at += n;
		for (p = w; *p == ' ';)
			p++;
	}
	fputc('\n', r->out);
	strbuf_release(&sb);
}

static void event_time(const struct oom_event *ev, char *buf, size_t cap)
{
	report_iso_time(ev, buf, cap);
	if (buf[0]) {
		char *t = strchr(buf, 'T');

		if (t)
			*t = ' ';
		return;
	}
	/* syslog's "Nov 13 14:56:19" as printed; an uptime in seconds (a
	 * /dev/kmsg record prints it in microseconds) */
	if (ev->time_text[0] && !(ev->has_uptime && !ev->has_wall))
		snprintf(buf, cap, "%s", ev->time_text);
	else if (ev->has_uptime)
		snprintf(buf, cap, "%" PRIu64 ".%06" PRIu64, ev->uptime_us / 1000000,
			 ev->uptime_us % 1000000);
	else
		snprintf(buf, cap, "(no time)");
}

static const char *kind_words(const struct oom_event *ev)
{
	if (ev->kind == OOM_KIND_ALLOC_FAILURE)
		return "page allocation failure";
	if (ev->kind == OOM_KIND_PANIC)
		return "OOM panic";
	if (ev->manual)
		return "manual OOM (SysRq)";
	switch (ev->constraint.type) {
	case OOM_CONSTRAINT_MEMCG: return "memcg OOM";
	case OOM_CONSTRAINT_CPUSET: return "cpuset OOM";
	case OOM_CONSTRAINT_MEMORY_POLICY: return "mempolicy OOM";
	case OOM_CONSTRAINT_NONE: return "global OOM";
	case OOM_CONSTRAINT_UNKNOWN: break;
	}
	return "OOM kill";
}

static void headline(struct report *r, const struct oom_event *ev, uint64_t id)
{
	char t[160];

	event_time(ev, t, sizeof(t));
	fprintf(r->out, "%s== OOM event %" PRIu64 " == ", BOLD(r), id);
	put_esc(r, t);
	if (ev->has_host) {
		fputs("  ", r->out);
		put_esc(r, ev->host);
	}
	fprintf(r->out, "  %s", kind_words(ev));
	if (ev->constraint.type == OOM_CONSTRAINT_MEMCG &&
	    ev->constraint.oom_memcg[0]) {
		fputs(" in ", r->out);
		put_esc(r, ev->constraint.oom_memcg);
	}
	fprintf(r->out, "%s%s\n", ev->complete ? "" : "  (partial report)",
		RESET(r));
}

static void culprit_line(struct report *r, const struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;

	fprintf(r->out, "  %sculprit%s   %s%s", BOLD(r), RESET(r), RED(r),
		analyze_culprit_kind_name(c->kind));
	if (c->name[0]) {
		fputc(' ', r->out);
		put_esc(r, c->name);
	}
	fputs(RESET(r), r->out);
	if (c->pid != OOM_NA)
		fprintf(r->out, " (pid %" PRId64 ")", c->pid);
	if (c->members)
		fprintf(r->out, " (%d tasks)", c->members);
	if (c->held_kb != OOM_NA)
		fprintf(r->out, "  holds %s", H(c->held_kb));
	if (c->share_permille != OOM_NA)
		fprintf(r->out, ", %.1f %%", (double)c->share_permille / 10);
	if (c->is_invoker || c->is_victim)
		fprintf(r->out, "  [%s%s%s]", c->is_invoker ? "invoker" : "",
			c->is_invoker && c->is_victim ? "+" : "",
			c->is_victim ? "victim" : "");
	if (analyze_confidence_name(c->confidence))
		fprintf(r->out, "  confidence %s",
			analyze_confidence_name(c->confidence));
	fputc('\n', r->out);
	if (c->reason[0]) {
		fprintf(r->out, "%12s", "");
		put_wrapped(r, c->reason, 12, 12);
	}
}

static void invoker_line(struct report *r, const struct oom_event *ev,
			 const struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;

	if (!(ev->seen & OOM_PART_TRIGGER))
		return;
	fprintf(r->out, "  %sinvoker%s   ", BOLD(r), RESET(r));
	put_esc(r, inv->name);
	if (inv->pid != OOM_NA)
		fprintf(r->out, " (pid %" PRId64 ")", inv->pid);
	if (an->request_kb != OOM_NA)
		fprintf(r->out, " asked for %s", H(an->request_kb));
	if (inv->order != OOM_NA)
		fprintf(r->out, " (order %" PRId64 ")", inv->order);
	if (inv->has_gfp) {
		fprintf(r->out, "\n%12sgfp_mask=0x%" PRIx64 " (", "",
			inv->gfp_mask);
		if (inv->has_gfp_text)
			put_esc(r, inv->gfp_text);
		else
			for (size_t i = 0; i < an->n_gfp_names; i++)
				fprintf(r->out, "%s%s", i ? "|" : "",
					an->gfp_names[i]);
		fputc(')', r->out);
	}
	fputc('\n', r->out);
	if (an->request_words[0]) {
		fprintf(r->out, "%12s", "");
		put_wrapped(r, an->request_words, 12, 12);
	}
}

static void victim_line(struct report *r, const struct oom_event *ev)
{
	const struct oom_victim *v = &ev->victim;
	int64_t score = v->score;

	if (!(ev->seen & OOM_PART_VICTIM))
		return;
	if (score == OOM_NA && ev->select.pid == v->pid)
		score = ev->select.score;
	fprintf(r->out, "  %svictim%s    ", BOLD(r), RESET(r));
	put_esc(r, v->name);
	fprintf(r->out, " (pid %" PRId64, v->pid);
	if (v->uid != OOM_NA)
		fprintf(r->out, ", uid %" PRId64, v->uid);
	fputc(')', r->out);
	if (score != OOM_NA)
		fprintf(r->out, " score %" PRId64, score);
	if (v->oom_score_adj != OOM_NA)
		fprintf(r->out, " adj %" PRId64, v->oom_score_adj);
	fprintf(r->out, ": anon %s, file %s", H(v->anon_rss_kb),
		H(v->file_rss_kb));
	if (v->shmem_rss_kb != OOM_NA)
		fprintf(r->out, ", shmem %s", H(v->shmem_rss_kb));
	if (ev->reaper.present)
		fputs(ev->reaper.unable ? "; reaper failed" : "; reaped", r->out);
	fputc('\n', r->out);
	for (int i = 1; i < ev->n_victims; i++) {
		fputs("            also killed ", r->out);
		put_esc(r, ev->victims[i].name);
		fprintf(r->out, " (pid %" PRId64 ", anon %s)\n",
			ev->victims[i].pid, H(ev->victims[i].anon_rss_kb));
	}
}

static void context_lines(struct report *r, const struct oom_event *ev)
{
	fputs("  kernel    ", r->out);
	put_esc(r, ev->kernel_version[0] ? ev->kernel_version : "unknown");
	fputs("   source ", r->out);
	put_esc(r, ev->input ? ev->input : "?");
	fprintf(r->out, ":%" PRIu64 "-%" PRIu64 "\n", ev->first_line,
		ev->last_line ? ev->last_line : ev->first_line);
	if (ev->panic_text[0]) {
		fputs("  panic     ", r->out);
		put_esc(r, ev->panic_text);
		fputc('\n', r->out);
	}
}

static const char *mark_words(enum zone_mark m)
{
	switch (m) {
	case ZONE_UNDER_MIN: return "under min";
	case ZONE_UNDER_LOW: return "under low";
	case ZONE_UNDER_HIGH: return "under high";
	case ZONE_ABOVE_HIGH: return "above high";
	case ZONE_MARK_UNKNOWN: break;
	}
	return "?";
}

static void zone_row(struct report *r, const struct oom_analysis *an, int i)
{
	const struct oom_zone_verdict *z = &an->zones[i];
	char name[32];

	if (z->node != OOM_NA)
		snprintf(name, sizeof(name), "node %" PRId64 " %s", z->node,
			 z->zone);
	else
		snprintf(name, sizeof(name), "%s", z->zone);
	fprintf(r->out, "  %c %-15s %10s %10s %10s %10s %10s  ",
		i == an->target_zone ? '*' : ' ', name, H(z->free_kb),
		H(z->min_kb), H(z->low_kb), H(z->high_kb), H(z->reserve_kb));
	if (!z->eligible)
		fprintf(r->out, "%snot usable%s", DIM(r), RESET(r));
	else if (z->mark == ZONE_UNDER_MIN)
		fprintf(r->out, "%s%s%s", RED(r), mark_words(z->mark), RESET(r));
	else
		fputs(mark_words(z->mark), r->out);
	if (z->fragmented)
		fprintf(r->out, ", %sfragmented%s", YELLOW(r), RESET(r));
	fputc('\n', r->out);
}

static void zone_table(struct report *r, const struct oom_analysis *an)
{
	if (!an->n_zones)
		return;
	fprintf(r->out, "\n  %-17s %10s %10s %10s %10s %10s  %s\n", "zones",
		"free", "min", "low", "high", "reserve", "verdict (* target)");
	for (int i = 0; i < an->n_zones; i++)
		zone_row(r, an, i);
	if (an->deficit_kb != OOM_NA && an->victim_freed_kb != OOM_NA)
		fprintf(r->out, "    the target zone lacks %s to its high "
			"watermark; the victim's anon memory is %s\n",
			H(an->deficit_kb), H(an->victim_freed_kb));
}

static void balance_bar(struct report *r, int64_t permille)
{
	int n = permille == OOM_NA || permille < 0 ? 0 :
		(int)((permille * BAR + 500) / 1000);

	if (n > BAR)
		n = BAR;
	if (n > 0)
		fputs("  ", r->out);
	for (int i = 0; i < n; i++)
		fputc('#', r->out);
}

static void balance(struct report *r, const struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;

	if (!b->present)
		return;
	fprintf(r->out, "\n  where the memory went (of %s %s)\n",
		H(b->base_kb), b->memcg ? "memcg limit" : "RAM");
	for (int i = 0; i < b->n_rows; i++) {
		const struct oom_balance_row *row = &b->rows[i];

		fprintf(r->out, "    %-20s %10s", row->item, H(row->kb));
		if (row->permille != OOM_NA)
			fprintf(r->out, " %5.1f %%", (double)row->permille / 10);
		balance_bar(r, row->permille);
		fputc('\n', r->out);
	}
	if (b->swap_total_kb != OOM_NA)
		fprintf(r->out, "    swap: %s free of %s\n", H(b->swap_free_kb),
			H(b->swap_total_kb));
	if (b->anon_unexplained_kb != OOM_NA && b->anon_unexplained_kb > 0)
		fprintf(r->out, "    anon memory the task table does not "
			"explain: %s\n", H(b->anon_unexplained_kb));
}

static int by_rss_desc(const void *pa, const void *pb)
{
	const struct oom_task *a = *(const struct oom_task *const *)pa;
	const struct oom_task *b = *(const struct oom_task *const *)pb;

	if (a->rss_pages != b->rss_pages)
		return a->rss_pages < b->rss_pages ? 1 : -1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

static void task_row(struct report *r, const struct oom_task *t,
		     int64_t page_kb)
{
	char adj[24] = "?", swap[UNITS_SIZE_MAX] = "-";

	if (t->oom_score_adj != OOM_NA)
		snprintf(adj, sizeof(adj), "%" PRId64, t->oom_score_adj);
	else if (t->oom_adj != OOM_NA)
		snprintf(adj, sizeof(adj), "%" PRId64 "*", t->oom_adj);
	if (t->swapents != OOM_NA)
		units_size(swap, sizeof(swap), t->swapents * page_kb);
	fprintf(r->out, "    %8" PRId64 " %6" PRId64 " %10s %10s %6s  ",
		t->pid, t->uid, H(t->rss_pages * page_kb), swap, adj);
	put_esc(r, t->name);
	fputc('\n', r->out);
}

static void tasks(struct report *r, const struct oom_event *ev)
{
	int64_t page_kb = ev->page_size_kb != OOM_NA ? ev->page_size_kb : 4;
	const struct oom_task **v;
	size_t n = ev->n_tasks, show;

	if (!n)
		return;
	v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &ev->tasks[i];
	qsort(v, n, sizeof(*v), by_rss_desc);
	show = r->opts.verbose || n < TOP_TASKS ? n : TOP_TASKS;
	fprintf(r->out, "\n  %s tasks (%" PRIu64 " rows%s)      pid    uid "
		"       rss       swap    adj  name\n",
		show < n ? "largest" : "all", ev->tasks_seen,
		ev->tasks_elided ? ", rows missing" : "");
	for (size_t i = 0; i < show; i++)
		task_row(r, v[i], page_kb);
	free(v);
}

static void groups(struct report *r, const struct oom_analysis *an)
{
	if (!an->n_groups)
		return;
	fputs("  name groups:", r->out);
	for (int i = 0; i < an->n_groups && i < 4; i++) {
		fputs(i ? ", " : " ", r->out);
		put_esc(r, an->groups[i].name);
		fprintf(r->out, " x%d %s", an->groups[i].members,
			H(an->groups[i].held_kb));
	}
	fputc('\n', r->out);
}

static void findings(struct report *r, const struct oom_analysis *an)
{
	if (!an->n_findings)
		return;
	fputs("\n  findings\n", r->out);
	for (int i = 0; i < an->n_findings; i++) {
		const struct oom_finding *f = &an->findings[i];
		const char *c = f->severity == FINDING_CRITICAL ? RED(r) :
				f->severity == FINDING_WARNING ? YELLOW(r) :
				CYAN(r);

		fprintf(r->out, "    %s%-8s%s %s:", c,
			analyze_severity_name(f->severity), RESET(r), f->code);
		put_wrapped(r, f->message, 14 + (int)strlen(f->code), 13);
		if (f->advice[0]) {
			fprintf(r->out, "%13s-> ", "");
			put_wrapped(r, f->advice, 16, 16);
		}
	}
}

static void missing(struct report *r, const struct oom_event *ev)
{
	if (ev->complete)
		return;
	fprintf(r->out, "  %spartial report%s: missing", YELLOW(r), RESET(r));
	for (uint32_t bit = 1; bit && bit <= OOM_PART_LAST; bit <<= 1)
		if (ev->missing & bit)
			fprintf(r->out, " %s", oom_part_name((enum oom_part)bit));
	fputc('\n', r->out);
}

static void verbose_buddy(struct report *r, const struct oom_event *ev)
{
	for (int i = 0; i < ev->n_zones; i++) {
		const struct oom_buddy *b = &ev->zones[i].buddy;

		if (!b->present)
			continue;
		fprintf(r->out, "    %-7s", ev->zones[i].name);
		for (int k = 0; k < b->n_orders && k < OOM_MAX_ORDERS; k++)
			fprintf(r->out, " %" PRId64 "*%" PRId64 "KiB%s%s%s",
				b->count[k], b->block_kb[k],
				b->types[k][0] ? "(" : "", b->types[k],
				b->types[k][0] ? ")" : "");
		fprintf(r->out, " = %s%s\n", H(b->total_kb),
			b->total_kb != OOM_NA && b->total_kb != b->sum_kb ?
			" (sum differs)" : "");
	}
}

static void verbose_parts(struct report *r, const struct oom_event *ev)
{
	fputs("\n  buddy free lists\n", r->out);
	verbose_buddy(r, ev);
	if (ev->n_trace) {
		fputs("  call trace:", r->out);
		for (int i = 0; i < ev->n_trace; i++) {
			fputs(i % 4 ? " < " : "\n    ", r->out);
			if (ev->trace[i].unreliable)
				fputs("? ", r->out);
			put_esc(r, ev->trace[i].func);
		}
		fputc('\n', r->out);
	}
	if (ev->memcg.n_stats)
		fprintf(r->out, "  memory.stat (%s):\n",
			ev->memcg.stats_in_kb ? "KiB" : "bytes");
	for (int i = 0; i < ev->memcg.n_stats; i++)
		fprintf(r->out, "    %-32s %" PRId64 "\n", ev->memcg.stats[i].key,
			ev->memcg.stats[i].value);
	for (int i = 0; i < ev->n_notes; i++) {
		fprintf(r->out, "  note (line %" PRIu64 "): ", ev->notes[i].lineno);
		put_esc(r, ev->notes[i].text);
		fputc('\n', r->out);
	}
}

/* -q: "2026-11-13 14:56:19 vm-centos6 global OOM: culprit codis-server
 * (16.9 GiB, invoker+victim)" */
static void brief(struct report *r, const struct oom_event *ev,
		  const struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;
	char t[160];

	event_time(ev, t, sizeof(t));
	put_esc(r, t);
	fputc(' ', r->out);
	put_esc(r, ev->has_host ? ev->host : "-");
	fprintf(r->out, " %s: culprit %s", kind_words(ev),
		c->name[0] ? "" : analyze_culprit_kind_name(c->kind));
	if (c->name[0])
		put_esc(r, c->name);
	if (c->held_kb != OOM_NA || c->is_invoker || c->is_victim) {
		fprintf(r->out, " (%s", c->held_kb != OOM_NA ? H(c->held_kb) : "");
		if (c->is_invoker || c->is_victim)
			fprintf(r->out, "%s%s%s%s", c->held_kb != OOM_NA ? ", " : "",
				c->is_invoker ? "invoker" : "",
				c->is_invoker && c->is_victim ? "+" : "",
				c->is_victim ? "victim" : "");
		fputc(')', r->out);
	}
	fputs(", victim ", r->out);
	put_esc(r, ev->victim.name[0] ? ev->victim.name : "-");
	fputc('\n', r->out);
}

void report_text_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id)
{
	if (r->opts.brief) {
		brief(r, ev, an);
		return;
	}
	if (id > 1)
		fputc('\n', r->out);
	headline(r, ev, id);
	culprit_line(r, an);
	invoker_line(r, ev, an);
	victim_line(r, ev);
	context_lines(r, ev);
	zone_table(r, an);
	balance(r, an);
	tasks(r, ev);
	groups(r, an);
	findings(r, an);
	if (r->opts.verbose)
		verbose_parts(r, ev);
	missing(r, ev);
}

/* "  host web1" (or "(none)"), the heading of a host's summary. */
static void host_heading(struct report *r, const struct incident_host *h)
{
	fputs("  host ", r->out);
	put_esc(r, h->name[0] ? h->name : "(none)");
	fputc('\n', r->out);
}

static void summary_event(struct report *r, const struct report_row *x)
{
	fprintf(r->out, "    %4" PRIu64 "  ", x->id);
	put_esc(r, x->time[0] ? x->time : "-");
	fprintf(r->out, "  %-13s victim ", x->kind);
	put_esc(r, x->victim[0] ? x->victim : "-");
	fprintf(r->out, " (%s)  culprit %s ", H(x->victim_anon_kb),
		x->culprit_kind[0] ? x->culprit_kind : "-");
	put_esc(r, x->culprit);
	fputs(x->complete ? "\n" : "  [partial]\n", r->out);
}

static void repeats(struct report *r, const struct incident_repeat *v,
		    size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(r->out, i ? ", " : "    repeat %s: ", what);
		put_esc(r, v[i].name);
		fprintf(r->out, " x%zu", v[i].count);
	}
	if (n)
		fputc('\n', r->out);
}

/* What the incident found across the host's events. */
static void host_findings(struct report *r, const struct incident_host *h)
{
	repeats(r, h->victims, h->n_victims, "victims");
	repeats(r, h->culprits, h->n_culprits, "culprits");
	for (size_t i = 0; i < h->n_loops; i++)
		fprintf(r->out, "    kill loop: %zu kills in %" PRId64
			" s from event %" PRIu64 "\n", h->loops[i].kills,
			h->loops[i].span_s, h->loops[i].first_id);
	for (size_t i = 0; i < h->n_growth; i++) {
		const struct incident_growth *g = &h->growth[i];

		fputs("    growing holder: ", r->out);
		put_esc(r, g->name);
		fprintf(r->out, " (pid %" PRId64 ") %s -> %s in %.1f s", g->pid,
			H(g->first_kb), H(g->last_kb),
			(double)(g->last_us - g->first_us) / 1e6);
		if (g->rate_kb_s != OOM_NA)
			fprintf(r->out, " (%s/s)", H(g->rate_kb_s));
		fprintf(r->out, ", %zu reports (events %" PRIu64 "-%" PRIu64
			"), %zu other kills on the host since\n", g->reports, g->first_id,
			g->last_id, g->others_killed);
	}
}

static void host_summary(struct report *r, const struct incident_host *h)
{
	host_heading(r, h);
	for (size_t i = 0; i < h->n_events; i++)
		summary_event(r, h->events[i].row);
	host_findings(r, h);
}

static bool timeline(struct report *r, const struct pipeline *p,
		     const struct incident_host *h, bool summary);

/*
 * Several events: the summary per host, its context lines interleaved with
 * the events when it has any.  One event: its context lines alone.
 */
void report_text_end(struct report *r, const struct pipeline *p,
		     const struct incident *inc)
{
	if (r->n_events == 0) {
		fputs("no OOM events found\n", r->out);
		return;
	}
	if (r->opts.brief || inc->n_hosts == 0)
		return;
	if (r->n_events < 2) {
		timeline(r, p, &inc->hosts[0], false);
		return;
	}
	fprintf(r->out, "\n%s== summary: %" PRIu64 " events ==%s\n", BOLD(r),
		r->n_events, RESET(r));
	for (size_t i = 0; i < inc->n_hosts; i++)
		if (!timeline(r, p, &inc->hosts[i], true))
			host_summary(r, &inc->hosts[i]);
	if (r->rows_dropped)
		fprintf(r->out, "  (%" PRIu64 " more events not summarised)\n",
			r->rows_dropped);
	if (r->duplicates_dropped)
		fprintf(r->out, "  (%" PRIu64 " repeated events dropped; "
			"--keep-duplicates shows them)\n", r->duplicates_dropped);
}

/* ---- context lines among the events (incident.h) ------------------------ */

#define CTX_MAX_ROWS 40       /* context rows per host */
#define CTX_SUBJECT 48        /* bytes of a subject shown */

/* "20 s", "27 min 44 s", "3 h 5 min", "175 d 16 h". */
static void duration(char *buf, size_t cap, int64_t s)
{
	if (s < 60)
		snprintf(buf, cap, "%" PRId64 " s", s);
	else if (s < 3600)
		snprintf(buf, cap, "%" PRId64 " min %" PRId64 " s", s / 60,
			 s % 60);
	else if (s < 86400)
		snprintf(buf, cap, "%" PRId64 " h %" PRId64 " min", s / 3600,
			 s / 60 % 60);
	else
		snprintf(buf, cap, "%" PRId64 " d %" PRId64 " h", s / 86400,
			 s / 3600 % 24);
}

/* "+ 20 s" after the event before, "- 5 s" before the next, or the time. */
static void tl_when(const struct incident_line *l, char *buf, size_t cap)
{
	char d[32];

	if (l->since_s != OOM_NA && l->since_s >= 0) {
		duration(d, sizeof(d), l->since_s);
		snprintf(buf, cap, "+ %s", d);
	} else if (l->until_s != OOM_NA && l->until_s >= 0) {
		duration(d, sizeof(d), l->until_s);
		snprintf(buf, cap, "- %s", d);
	} else {
		snprintf(buf, cap, "%s", l->line->t.text[0] ?
			 l->line->t.text : "-");
	}
}

/*
 * A subject cut to `max` bytes (at a UTF-8 boundary), escaped: a path keeps
 * its end (the unit or the file), anything else its start.
 */
static void put_subject(struct strbuf *sb, const char *s, size_t max)
{
	size_t len = strlen(s), from = 0, n = len;

	if (len > max && s[0] == '/') {
		from = len - max;
		while (from < len && ((unsigned char)s[from] & 0xc0) == 0x80)
			from++;
		n = len - from;
		strbuf_addstr(sb, "...");
	} else if (len > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	escape_terminal(sb, s + from, n);
	if (!from && n < len)
		strbuf_addstr(sb, "...");
}

static void tl_reboot(struct strbuf *sb, const struct context_line *x,
		      size_t max)
{
	char a[32], b[32];

	strbuf_addstr(sb, "reboot: ");
	if (x->kind == CONTEXT_BOOT) {
		strbuf_addstr(sb, "Linux ");
		put_subject(sb, x->subject[0] ? x->subject : "?", max);
		return;
	}
	duration(a, sizeof(a), (int64_t)(x->prev_uptime_us / 1000000));
	duration(b, sizeof(b), (int64_t)(x->t.uptime_us / 1000000));
	strbuf_addf(sb, "uptime went back from %s to %s", a, b);
}

static void tl_systemd(struct strbuf *sb, const struct context_line *x,
		       size_t max)
{
	strbuf_addstr(sb, "systemd: ");
	put_subject(sb, x->subject, max);
	if (!strcmp(x->detail, "systemd"))
		strbuf_addstr(sb, " had processes killed by systemd-oomd");
	else if (!strcmp(x->detail, "result oom-kill"))
		strbuf_addstr(sb, " failed with result 'oom-kill'");
	else
		strbuf_addstr(sb, " had a process OOM-killed");
}

static void tl_user_kill(struct strbuf *sb, const struct context_line *x,
			 size_t max)
{
	if (x->kind == CONTEXT_OOMD_KILL) {
		strbuf_addstr(sb, "systemd-oomd killed ");
		put_subject(sb, x->subject, max);
		if (x->detail[0])
			strbuf_addf(sb, " (%s)", x->detail);
		return;
	}
	strbuf_addstr(sb, "earlyoom sent ");
	put_subject(sb, x->detail[0] ? x->detail : "a signal", 16);
	strbuf_addstr(sb, " to ");
	put_subject(sb, x->subject, max);
	if (x->pid != OOM_NA)
		strbuf_addf(sb, " (pid %" PRId64 ", VmRSS %s)", x->pid,
			    H(x->size_kb));
}

static void tl_swap(struct strbuf *sb, const struct context_line *x,
		    size_t max)
{
	if (!strcmp(x->detail, "systemd")) {
		strbuf_addstr(sb, x->kind == CONTEXT_SWAP_ON ?
			      "swap activated: " : "swap deactivated: ");
		put_subject(sb, x->subject, max);
		strbuf_addstr(sb, " (systemd)");
		return;
	}
	strbuf_addf(sb, "swap added: %s on ", H(x->size_kb));
	put_subject(sb, x->subject, max);
}

/* What the line says, in words; subjects cut to max bytes. */
static void tl_what(struct strbuf *sb, const struct context_line *x,
		    size_t max)
{
	switch (x->kind) {
	case CONTEXT_SWAP_ON:
	case CONTEXT_SWAP_OFF:
		tl_swap(sb, x, max);
		break;
	case CONTEXT_SYSTEMD_OOM:
		tl_systemd(sb, x, max);
		break;
	case CONTEXT_OOMD_KILL:
		if (!strcmp(x->detail, "systemd"))
			tl_systemd(sb, x, max);
		else
			tl_user_kill(sb, x, max);
		break;
	case CONTEXT_EARLYOOM_KILL:
		tl_user_kill(sb, x, max);
		break;
	case CONTEXT_TCP_OOM:
		strbuf_addstr(sb, "TCP: out of memory (socket buffers over "
			      "tcp_mem)");
		break;
	case CONTEXT_ALLOC_STALL:
		strbuf_addstr(sb, "page allocation stall (reclaim is slow) in ");
		put_subject(sb, x->subject, max);
		break;
	case CONTEXT_BOOT:
	case CONTEXT_UPTIME_RESET:
		tl_reboot(sb, x, max);
		break;
	case CONTEXT_NONE:
	case CONTEXT_KIND_COUNT:
		break;
	}
}

/* " (line 123)", " (4 times, lines 10-90)", input names when several. */
static void tl_where(struct strbuf *sb, const struct pipeline *p,
		     const struct context_line *a, const struct context_line *b,
		     size_t n)
{
	strbuf_addstr(sb, " (");
	if (n > 1)
		strbuf_addf(sb, "%zu times, ", n);
	if (p->n_inputs > 1 && a->input < p->n_inputs) {
		put_subject(sb, p->inputs[a->input].name, 32);
		strbuf_addch(sb, ':');
	} else {
		strbuf_addstr(sb, n > 1 ? "lines " : "line ");
	}
	strbuf_addf(sb, "%" PRIu64, a->lineno);
	if (n > 1 && (b->lineno != a->lineno || b->input != a->input))
		strbuf_addf(sb, "-%" PRIu64, b->lineno);
	strbuf_addch(sb, ')');
}

static bool same_line(const struct context_line *a,
		      const struct context_line *b)
{
	return a->kind == b->kind && !strcmp(a->subject, b->subject) &&
	       !strcmp(a->detail, b->detail) &&
	       a->kind != CONTEXT_UPTIME_RESET && a->kind != CONTEXT_BOOT;
}

/* Columns before a context line's words: 10 blanks, the offset, blanks. */
#define CTX_COL 27

/*
 * Prints the line at items[i] and its repeats; returns the next index.  A
 * subject too long for WIDTH columns is cut (at 12 bytes at least).
 */
static size_t tl_line(struct report *r, const struct pipeline *p,
		      const struct incident_host *h, size_t i)
{
	const struct incident_item *v = h->timeline;
	const struct context_line *x = v[i].line->line;
	struct strbuf what = STRBUF_INIT, where = STRBUF_INIT;
	size_t j = i + 1, max = CTX_SUBJECT, cols;
	char when[48];
	bool boot = x->kind == CONTEXT_BOOT || x->kind == CONTEXT_UPTIME_RESET;

	while (j < h->n_timeline && v[j].line && same_line(x, v[j].line->line))
		j++;
	tl_when(v[i].line, when, sizeof(when));
	tl_where(&where, p, x, v[j - 1].line->line, j - i);
	tl_what(&what, x, max);
	cols = CTX_COL + what.len + where.len;
	if (cols > WIDTH) {
		size_t over = cols - WIDTH, len = strlen(x->subject);

		len = len < max ? len : max;
		max = len > over + 15 ? len - over - 3 : 12;  /* "..." */
		strbuf_reset(&what);
		tl_what(&what, x, max);
	}
	fprintf(r->out, "          %-15s  %s%s%s%s\n", when,
		boot ? YELLOW(r) : "", what.buf, boot ? RESET(r) : "",
		where.buf);
	strbuf_release(&what);
	strbuf_release(&where);
	return j;
}

/*
 * A host's timeline (incident.h): its events and near context lines in
 * order, at most CTX_MAX_ROWS context rows.  Returns false (printing
 * nothing) when the host has none (no near line, or an event that could
 * not be placed).
 */
static bool timeline(struct report *r, const struct pipeline *p,
		     const struct incident_host *h, bool summary)
{
	size_t rows = 0, more = 0;

	if (!h->n_timeline)
		return false;
	if (!summary)
		fprintf(r->out, "\n%s== context ==%s\n", BOLD(r), RESET(r));
	host_heading(r, h);
	for (size_t i = 0; i < h->n_timeline;) {
		if (h->timeline[i].event) {
			summary_event(r, h->timeline[i++].event->row);
		} else if (rows < CTX_MAX_ROWS) {
			i = tl_line(r, p, h, i), rows++;
		} else {
			i++, more++;
		}
	}
	if (more)
		fprintf(r->out, "          (%zu more context lines: see "
			"--json)\n", more);
	if (summary)
		host_findings(r, h);
	return true;
}
