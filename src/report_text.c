/*
 * The terminal renderer: one block per event, then a one-line-per-event
 * summary when there are several.  Sizes in human units (KiB/MiB/GiB; the
 * exact kB is in the JSON), every log-controlled string escaped for the
 * terminal, colour only when r->opts.color.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "strbuf.h"
#include "banned.h"

#define TOP_TASKS 5

static const char *col(const struct report *r, const char *code)
{
	return r->opts.color ? code : "";
}

#define BOLD(r) col(r, "\033[1m")
#define RED(r) col(r, "\033[31m")
#define YELLOW(r) col(r, "\033[33m")
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

/* Writes a log-controlled string escaped for the terminal. */
static void put_esc(struct report *r, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	escape_terminal(&sb, s, strlen(s));
	fputs(sb.len ? sb.buf : "?", r->out);
	strbuf_release(&sb);
}

static void line_time(struct report *r, const struct oom_event *ev)
{
	char iso[48];

	report_iso_time(ev, iso, sizeof(iso));
	if (iso[0])
		fputs(iso, r->out);
	else if (ev->time_text[0])
		put_esc(r, ev->time_text);
	else
		fputs("(no time)", r->out);
}

static void block_header(struct report *r, const struct oom_event *ev,
			 uint64_t id)
{
	const char *cons = oom_constraint_name(ev->constraint.type);

	fprintf(r->out, "%s== OOM event %" PRIu64 " ==%s ", BOLD(r), id,
		RESET(r));
	line_time(r, ev);
	if (ev->has_host) {
		fputs("  host ", r->out);
		put_esc(r, ev->host);
	}
	fprintf(r->out, "  %s", oom_kind_name(ev->kind));
	if (cons)
		fprintf(r->out, " (%s%s)", cons + 11,
			ev->constraint.inferred ? ", inferred" : "");
	fputc('\n', r->out);
	fputs("  source:     ", r->out);
	put_esc(r, ev->input ? ev->input : "?");
	fprintf(r->out, ":%" PRIu64 "-%" PRIu64 "\n", ev->first_line,
		ev->last_line ? ev->last_line : ev->first_line);
	if (ev->kernel_version[0]) {
		fputs("  kernel:     ", r->out);
		put_esc(r, ev->kernel_version);
		fputc('\n', r->out);
	}
}

static void block_invoker(struct report *r, const struct oom_event *ev,
			  const struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	char b[32];

	if (!(ev->seen & OOM_PART_TRIGGER))
		return;
	fputs("  invoker:    ", r->out);
	put_esc(r, inv->name);
	if (inv->pid != OOM_NA)
		fprintf(r->out, " (pid %" PRId64 ")", inv->pid);
	if (inv->has_gfp) {
		fprintf(r->out, "  gfp_mask=0x%" PRIx64 " ", inv->gfp_mask);
		fputc('(', r->out);
		if (inv->has_gfp_text) {
			put_esc(r, inv->gfp_text);
		} else {
			for (size_t i = 0; i < an->n_gfp_names; i++)
				fprintf(r->out, "%s%s", i ? "|" : "",
					an->gfp_names[i]);
		}
		fputc(')', r->out);
	}
	if (inv->order != OOM_NA)
		fprintf(r->out, "  order=%" PRId64, inv->order);
	if (an->request_kb != OOM_NA)
		fprintf(r->out, " (%s)", human(b, sizeof(b), an->request_kb));
	if (ev->manual)
		fputs("  [manual SysRq OOM]", r->out);
	fputc('\n', r->out);
}

static void block_victim(struct report *r, const struct oom_event *ev)
{
	const struct oom_victim *v = &ev->victim;
	char a[32], f[32], s[32];
	int64_t score = v->score;

	if (!(ev->seen & OOM_PART_VICTIM))
		return;
	if (score == OOM_NA && ev->select.pid == v->pid)
		score = ev->select.score;
	fprintf(r->out, "  victim:     %s", RED(r));
	put_esc(r, v->name);
	fprintf(r->out, "%s (pid %" PRId64 ")", RESET(r), v->pid);
	if (v->uid != OOM_NA)
		fprintf(r->out, " uid %" PRId64, v->uid);
	if (score != OOM_NA)
		fprintf(r->out, " score %" PRId64, score);
	if (v->oom_score_adj != OOM_NA)
		fprintf(r->out, " oom_score_adj %" PRId64, v->oom_score_adj);
	fprintf(r->out, "\n              anon-rss %s, file-rss %s, shmem-rss %s\n",
		human(a, sizeof(a), v->anon_rss_kb),
		human(f, sizeof(f), v->file_rss_kb),
		human(s, sizeof(s), v->shmem_rss_kb));
	for (int i = 1; i < ev->n_victims; i++) {
		fputs("  also killed: ", r->out);
		put_esc(r, ev->victims[i].name);
		fprintf(r->out, " (pid %" PRId64 ", anon-rss %s)\n",
			ev->victims[i].pid,
			human(a, sizeof(a), ev->victims[i].anon_rss_kb));
	}
}

static void block_memory(struct report *r, const struct oom_event *ev)
{
	char a[32], b[32];

	if (ev->seen & OOM_PART_SWAP)
		fprintf(r->out, "  swap:       %s free of %s\n",
			human(a, sizeof(a), ev->totals.swap_free_kb),
			human(b, sizeof(b), ev->totals.swap_total_kb));
	if (ev->memcg.present) {
		fputs("  memcg:      ", r->out);
		put_esc(r, ev->memcg.path[0] ? ev->memcg.path :
			    ev->constraint.oom_memcg);
		fprintf(r->out, "  usage %s of limit %s\n",
			human(a, sizeof(a), ev->memcg.memory.usage_kb),
			human(b, sizeof(b), ev->memcg.memory.limit_kb));
	}
	for (int i = 0; i < ev->n_zones; i++) {
		const struct oom_zone *z = &ev->zones[i];
		char c[32], d[32];

		if (z->free_kb == OOM_NA)
			continue;
		fputs("  zone:       ", r->out);
		if (z->node != OOM_NA)
			fprintf(r->out, "node %" PRId64 " ", z->node);
		fprintf(r->out, "%-7s free %s  min %s  low %s  high %s\n",
			z->name, human(a, sizeof(a), z->free_kb),
			human(b, sizeof(b), z->min_kb),
			human(c, sizeof(c), z->low_kb),
			human(d, sizeof(d), z->high_kb));
	}
}

static int by_rss_desc(const void *pa, const void *pb)
{
	const struct oom_task *a = *(const struct oom_task *const *)pa;
	const struct oom_task *b = *(const struct oom_task *const *)pb;

	if (a->rss_pages != b->rss_pages)
		return a->rss_pages < b->rss_pages ? 1 : -1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static void block_tasks(struct report *r, const struct oom_event *ev)
{
	const struct oom_task **v;
	size_t n = ev->n_tasks, show;
	int64_t page_kb = ev->page_size_kb != OOM_NA ? ev->page_size_kb : 4;
	char a[32];

	if (!n)
		return;
	v = malloc(n * sizeof(*v));
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = &ev->tasks[i];
	qsort(v, n, sizeof(*v), by_rss_desc);
	show = r->opts.verbose ? n : (n < TOP_TASKS ? n : TOP_TASKS);
	fprintf(r->out, "  tasks:      %" PRIu64 " rows%s; largest by rss:\n",
		ev->tasks_seen, ev->tasks_elided ? " (table elided)" : "");
	for (size_t i = 0; i < show; i++) {
		char adj[24] = "?";

		if (v[i]->oom_score_adj != OOM_NA)
			snprintf(adj, sizeof(adj), "%" PRId64,
				 v[i]->oom_score_adj);
		fprintf(r->out, "    %8" PRId64 "  %10s  adj %5s  ", v[i]->pid,
			human(a, sizeof(a), v[i]->rss_pages * page_kb), adj);
		put_esc(r, v[i]->name);
		fputc('\n', r->out);
	}
	free(v);
}

static void block_missing(struct report *r, const struct oom_event *ev)
{
	if (ev->complete)
		return;
	fprintf(r->out, "  %spartial:%s    missing", YELLOW(r), RESET(r));
	for (uint32_t bit = 1; bit && bit <= OOM_PART_PANIC; bit <<= 1)
		if (ev->missing & bit)
			fprintf(r->out, " %s", oom_part_name((enum oom_part)bit));
	fputc('\n', r->out);
}

void report_text_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id)
{
	if (id > 1)
		fputc('\n', r->out);
	block_header(r, ev, id);
	block_invoker(r, ev, an);
	block_victim(r, ev);
	block_memory(r, ev);
	block_tasks(r, ev);
	block_missing(r, ev);
}

void report_text_end(struct report *r, const struct pipeline *p)
{
	(void)p;
	if (r->n_events == 0) {
		fputs("no OOM events found\n", r->out);
		return;
	}
	if (r->n_events < 2)
		return;
	fprintf(r->out, "\n%s== summary: %" PRIu64 " events ==%s\n", BOLD(r),
		r->n_events, RESET(r));
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *row = &r->rows[i];
		char a[32];

		fprintf(r->out, "  %3" PRIu64 "  ", row->id);
		put_esc(r, row->time[0] ? row->time : "-");
		fputs("  ", r->out);
		put_esc(r, row->host[0] ? row->host : "-");
		fprintf(r->out, "  %s  victim ", row->kind);
		put_esc(r, row->victim[0] ? row->victim : "-");
		fprintf(r->out, " (%s)%s\n",
			human(a, sizeof(a), row->victim_anon_kb),
			row->complete ? "" : "  partial");
	}
}
