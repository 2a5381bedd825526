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
 * Sizes are in human units (the exact kB are in the JSON), lines fit 100
 * columns, every log-controlled string goes through escape_terminal(), and
 * colour codes appear only when r->opts.color is set.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "strbuf.h"
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

/* "17.2 GiB"; kb may be OOM_NA ("?"). */
static const char *human(char *buf, size_t cap, int64_t kb)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
	double v = (double)kb;
	int u = 0;

	if (kb == OOM_NA) {
		snprintf(buf, cap, "?");
		return buf;
	}
	while ((v >= 1024 || v <= -1024) && u < 4)
		v /= 1024, u++;
	if (u == 0)
		snprintf(buf, cap, "%" PRId64 " KiB", kb);
	else
		snprintf(buf, cap, "%.1f %s", v, units[u]);
	return buf;
}

#define H(kb) human((char[32]){ 0 }, 32, (kb))

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
	snprintf(buf, cap, "%s", ev->time_text[0] ? ev->time_text : "(no time)");
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
	char adj[24] = "?", swap[32] = "-";

	if (t->oom_score_adj != OOM_NA)
		snprintf(adj, sizeof(adj), "%" PRId64, t->oom_score_adj);
	else if (t->oom_adj != OOM_NA)
		snprintf(adj, sizeof(adj), "%" PRId64 "*", t->oom_adj);
	if (t->swapents != OOM_NA)
		human(swap, sizeof(swap), t->swapents * page_kb);
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
	v = malloc(n * sizeof(*v));
	if (!v)
		return;
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
	for (uint32_t bit = 1; bit && bit <= OOM_PART_PANIC; bit <<= 1)
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
			fprintf(r->out, " %" PRId64 "*%" PRId64 "k%s%s%s",
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
			ev->memcg.stats_in_kb ? "kB" : "bytes");
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

/* Kills of one host within this many seconds of each other form a loop. */
#define LOOP_WINDOW_S 60
#define LOOP_MIN_KILLS 3

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names seen twice or more on a host, counted by sorting (n log n). */
static void repeats(struct report *r, const char *host, bool culprit)
{
	const char **v = malloc(r->n_rows * sizeof(*v) + 1);
	size_t n = 0;
	bool any = false;

	if (!v)
		return;
	for (size_t i = 0; i < r->n_rows; i++) {
		const char *name = culprit ? r->rows[i].culprit : r->rows[i].victim;

		if (!strcmp(r->rows[i].host, host) && name[0])
			v[n++] = name;
	}
	qsort(v, n, sizeof(*v), by_str);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[i], v[j]);)
			j++;
		if (j - i < 2)
			continue;
		fputs(any ? ", " : culprit ? "    repeat culprits: " :
		      "    repeat victims: ", r->out);
		put_esc(r, v[i]);
		fprintf(r->out, " x%zu", j - i);
		any = true;
	}
	if (any)
		fputc('\n', r->out);
	free(v);
}

static void loops(struct report *r, const char *host)
{
	size_t start = 0, n = 0;
	const struct report_row *first = NULL, *prev = NULL;

	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *x = &r->rows[i];

		if (strcmp(x->host, host) || !x->has_t)
			continue;
		if (prev && x->t_s - prev->t_s <= LOOP_WINDOW_S) {
			n++;
		} else {
			if (n >= LOOP_MIN_KILLS)
				fprintf(r->out, "    kill loop: %zu kills in %" PRId64
					" s from event %" PRIu64 "\n", n,
					prev->t_s - first->t_s, first->id);
			first = x, n = 1, start = i;
		}
		prev = x;
	}
	if (n >= LOOP_MIN_KILLS)
		fprintf(r->out, "    kill loop: %zu kills in %" PRId64
			" s from event %" PRIu64 "\n", n,
			prev->t_s - first->t_s, first->id);
	(void)start;
}

static void host_summary(struct report *r, const char *host)
{
	fputs("  host ", r->out);
	put_esc(r, host[0] ? host : "(none)");
	fputc('\n', r->out);
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *x = &r->rows[i];

		if (strcmp(x->host, host))
			continue;
		fprintf(r->out, "    %4" PRIu64 "  ", x->id);
		put_esc(r, x->time[0] ? x->time : "-");
		fprintf(r->out, "  %-13s victim ", x->kind);
		put_esc(r, x->victim[0] ? x->victim : "-");
		fprintf(r->out, " (%s)  culprit %s ", H(x->victim_anon_kb),
			x->culprit_kind[0] ? x->culprit_kind : "-");
		put_esc(r, x->culprit);
		fputs(x->complete ? "\n" : "  [partial]\n", r->out);
	}
	repeats(r, host, false);
	repeats(r, host, true);
	loops(r, host);
}

void report_text_end(struct report *r, const struct pipeline *p)
{
	(void)p;
	if (r->n_events == 0) {
		fputs("no OOM events found\n", r->out);
		return;
	}
	if (r->n_events < 2 || r->opts.brief)
		return;
	fprintf(r->out, "\n%s== summary: %" PRIu64 " events ==%s\n", BOLD(r),
		r->n_events, RESET(r));
	for (size_t i = 0; i < r->n_rows; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(r->rows[j].host, r->rows[i].host);
		if (!seen)
			host_summary(r, r->rows[i].host);
	}
	if (r->rows_dropped)
		fprintf(r->out, "  (%" PRIu64 " more events not summarised)\n",
			r->rows_dropped);
}
