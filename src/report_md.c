/*
 * The Markdown renderer: a ticket-ready report in plain pipe tables (GitHub,
 * GitLab and Jira's Markdown all render them).
 *
 * Shape: a title line and a summary table of the events (report_md_head(),
 * written first by the caller once every event is known), then per event a
 * heading, a one-paragraph headline (kind and constraint, victim, invoker),
 * a facts table, the zone table (free memory against the min/low/high
 * watermarks per node and zone), the analysis, and the key lines of the
 * report quoted verbatim with their input and line numbers in a fenced
 * block; at the end a table of the inputs.
 *
 * Safety: every log-controlled string in prose and tables goes through
 * escape_markdown(), so a process or host name cannot break a table, open a
 * link or inject HTML; every table cell is followed by a blank before its
 * '|' (GFM reads "\|" as an escaped pipe even after an escaped backslash).
 * Quoted lines go through escape_terminal() only (a code block shows its
 * text as it is) inside a fence longer than any backtick run in them, so
 * no quoted line can close it.
 */
#include "oomscope/report_md.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report_int.h"
#include "oomscope/context.h"
#include "escape.h"
#include "oomscope/strbuf.h"
#include "units.h"
#include "banned.h"

/* ---- small writers ---------------------------------------------------- */

static void add_md(struct strbuf *sb, const char *s)
{
	if (!s || !s[0])
		strbuf_addch(sb, '-');
	else
		escape_markdown(sb, s, strlen(s));
}

static void put_md(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	add_md(&sb, s);
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

/* "17.2 GiB", "52 KiB"; "?" when unknown (units.h). */
static void add_size(struct strbuf *sb, int64_t kb)
{
	char b[UNITS_SIZE_MAX];

	strbuf_addstr(sb, units_size(b, sizeof(b), kb));
}

/* "16.9 GiB (17729176 KiB)": the exact value next to the human one. */
static void add_size_exact(struct strbuf *sb, int64_t kb)
{
	add_size(sb, kb);
	if (kb != OOM_NA && kb >= 1024)
		strbuf_addf(sb, " (%" PRId64 " KiB)", kb);
}

static void add_num(struct strbuf *sb, int64_t v)
{
	if (v == OOM_NA)
		strbuf_addch(sb, '?');
	else
		strbuf_addf(sb, "%" PRId64, v);
}

/* One "| field | value |" row; the value was built escaped in sb. */
static void put_row(FILE *out, const char *field, struct strbuf *sb)
{
	fprintf(out, "| %s | %s |\n", field, sb->len ? sb->buf : "-");
	strbuf_reset(sb);
}

/* ---- head: title and summary ------------------------------------------ */

static bool one_host(const struct report *r)
{
	for (size_t i = 1; i < r->n_rows; i++)
		if (strcmp(r->rows[i].host, r->rows[0].host))
			return false;
	return r->n_rows > 0 && r->rows[0].host[0];
}

static void summary_row(FILE *out, const struct report_row *row)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "| %" PRIu64 " | ", row->id);
	add_md(&sb, row->time);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, row->host);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, row->kind);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, row->constraint);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, row->victim);
	if (row->victim_pid != OOM_NA)
		strbuf_addf(&sb, " (%" PRId64 ")", row->victim_pid);
	strbuf_addstr(&sb, " | ");
	add_size(&sb, row->victim_anon_kb);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, row->culprit);
	strbuf_addf(&sb, " | %s |\n", row->complete ? "yes" : "no");
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

void report_md_head(const struct report *r, FILE *out)
{
	fprintf(out, "# OOM report: %" PRIu64 " event%s", r->n_events,
		r->n_events == 1 ? "" : "s");
	if (one_host(r)) {
		fputs(" on ", out);
		put_md(out, r->rows[0].host);
	}
	fputs("\n", out);
	if (!r->n_rows)
		return;
	fputs("\n| # | time | host | kind | constraint | victim (pid) | "
	      "victim anon-rss | culprit | complete |\n"
	      "| ---: | --- | --- | --- | --- | --- | ---: | --- | --- |\n",
	      out);
	for (size_t i = 0; i < r->n_rows; i++)
		summary_row(out, &r->rows[i]);
	if (r->rows_dropped)
		fprintf(out, "\n%" PRIu64 " more events are not in this table.\n",
			r->rows_dropped);
}

void report_md_begin(struct report *r)
{
	(void)r;  /* the title comes with the summary: report_md_head() */
}

/* ---- per event: heading, headline, facts ------------------------------ */

static const char *scope_words(const struct oom_event *ev)
{
	switch (ev->constraint.type) {
	case OOM_CONSTRAINT_NONE: return "global OOM";
	case OOM_CONSTRAINT_MEMCG: return "memory cgroup OOM";
	case OOM_CONSTRAINT_CPUSET: return "cpuset OOM";
	case OOM_CONSTRAINT_MEMORY_POLICY: return "memory policy OOM";
	case OOM_CONSTRAINT_UNKNOWN: break;
	}
	return ev->kind == OOM_KIND_ALLOC_FAILURE ? "allocation failure" :
	       "OOM (constraint not shown)";
}

static void add_task(struct strbuf *sb, const char *name, int64_t pid)
{
	add_md(sb, name);
	if (pid != OOM_NA)
		strbuf_addf(sb, " (pid %" PRId64 ")", pid);
}

static void md_heading(struct report *r, const struct oom_event *ev,
		       uint64_t id)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "\n## Event %" PRIu64 ": ", id);
	add_md(&sb, oom_kind_name(ev->kind));
	if (ev->has_host) {
		strbuf_addstr(&sb, " on ");
		add_md(&sb, ev->host);
	}
	if (ev->time_text[0]) {
		strbuf_addstr(&sb, " at ");
		add_md(&sb, ev->time_text);
	}
	fprintf(r->out, "%s\n\n", sb.buf);
	strbuf_release(&sb);
}

/* The answer first: what kind of OOM, who was killed, who asked. */
static void md_headline(struct report *r, const struct oom_event *ev)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "**%s**", scope_words(ev));
	if (ev->manual)
		strbuf_addstr(&sb, " (manual, SysRq)");
	if (ev->seen & OOM_PART_VICTIM) {
		strbuf_addstr(&sb, " · killed **");
		add_md(&sb, ev->victim.name);
		strbuf_addstr(&sb, "**");
		if (ev->victim.pid != OOM_NA)
			strbuf_addf(&sb, " (pid %" PRId64 ")", ev->victim.pid);
		strbuf_addstr(&sb, ", anon-rss ");
		add_size(&sb, ev->victim.anon_rss_kb);
	}
	if (ev->seen & OOM_PART_TRIGGER) {
		strbuf_addstr(&sb, " · invoked by **");
		add_md(&sb, ev->invoker.name);
		strbuf_addstr(&sb, "**");
		if (ev->invoker.pid != OOM_NA)
			strbuf_addf(&sb, " (pid %" PRId64 ")", ev->invoker.pid);
	}
	if (!ev->complete)
		strbuf_addstr(&sb, " · *incomplete report*");
	fprintf(r->out, "%s\n\n", sb.buf);
	strbuf_release(&sb);
}

static void row_invoker(FILE *out, const struct oom_event *ev,
			const struct oom_analysis *an, struct strbuf *sb)
{
	const struct oom_invoker *inv = &ev->invoker;

	add_task(sb, inv->name, inv->pid);
	if (inv->has_gfp)
		strbuf_addf(sb, ", gfp_mask 0x%" PRIx64, inv->gfp_mask);
	if (inv->has_gfp && inv->has_gfp_text) {
		strbuf_addstr(sb, " (");
		add_md(sb, inv->gfp_text);
		strbuf_addch(sb, ')');
	}
	if (inv->order != OOM_NA)
		strbuf_addf(sb, ", order %" PRId64, inv->order);
	if (an->request_kb != OOM_NA) {
		strbuf_addstr(sb, " (");
		add_size(sb, an->request_kb);
		strbuf_addch(sb, ')');
	}
	if (inv->oom_score_adj != OOM_NA)
		strbuf_addf(sb, ", oom_score_adj %" PRId64, inv->oom_score_adj);
	put_row(out, "invoker", sb);
}

static void rows_victim(FILE *out, const struct oom_event *ev,
			struct strbuf *sb)
{
	const struct oom_victim *v = &ev->victim;

	add_task(sb, v->name, v->pid);
	if (v->uid != OOM_NA)
		strbuf_addf(sb, ", uid %" PRId64, v->uid);
	if (v->score != OOM_NA || ev->select.score != OOM_NA)
		strbuf_addf(sb, ", score %" PRId64, v->score != OOM_NA ?
			    v->score : ev->select.score);
	if (v->oom_score_adj != OOM_NA)
		strbuf_addf(sb, ", oom_score_adj %" PRId64, v->oom_score_adj);
	put_row(out, "victim", sb);
	strbuf_addstr(sb, "anon ");
	add_size_exact(sb, v->anon_rss_kb);
	strbuf_addstr(sb, ", file ");
	add_size(sb, v->file_rss_kb);
	strbuf_addstr(sb, ", shmem ");
	add_size(sb, v->shmem_rss_kb);
	strbuf_addstr(sb, ", total-vm ");
	add_size(sb, v->total_vm_kb);
	put_row(out, "victim rss", sb);
	if (ev->n_victims > 1) {
		strbuf_addf(sb, "%d tasks (memory.oom.group)", ev->n_victims);
		put_row(out, "killed", sb);
	}
}

static void rows_constraint(FILE *out, const struct oom_event *ev,
			    struct strbuf *sb)
{
	const struct oom_constraint_info *c = &ev->constraint;

	add_md(sb, oom_constraint_name(c->type));
	if (c->inferred)
		strbuf_addstr(sb, " (inferred)");
	put_row(out, "constraint", sb);
	if (c->oom_memcg[0] || ev->memcg.path[0]) {
		add_md(sb, c->oom_memcg[0] ? c->oom_memcg : ev->memcg.path);
		if (c->task_memcg[0] && strcmp(c->task_memcg, c->oom_memcg)) {
			strbuf_addstr(sb, " (task in ");
			add_md(sb, c->task_memcg);
			strbuf_addch(sb, ')');
		}
		put_row(out, "memory cgroup", sb);
	}
	if (ev->memcg.present) {
		add_size(sb, ev->memcg.memory.usage_kb);
		strbuf_addstr(sb, " of ");
		add_size(sb, ev->memcg.memory.limit_kb);
		strbuf_addstr(sb, ", failcnt ");
		add_num(sb, ev->memcg.memory.failcnt);
		put_row(out, "memcg usage", sb);
	}
}

static void rows_misc(FILE *out, const struct oom_event *ev,
		      struct strbuf *sb)
{
	if (ev->seen & OOM_PART_SWAP) {
		add_size(sb, ev->totals.swap_free_kb);
		strbuf_addstr(sb, " free of ");
		add_size(sb, ev->totals.swap_total_kb);
		put_row(out, "swap", sb);
	}
	if (ev->reaper.present) {
		strbuf_addstr(sb, ev->reaper.unable ? "unable to reap " :
			      "reaped ");
		add_task(sb, ev->reaper.name, ev->reaper.pid);
		put_row(out, "oom_reaper", sb);
	}
	add_md(sb, ev->input);
	strbuf_addf(sb, ", lines %" PRIu64 "-%" PRIu64, ev->first_line,
		    ev->last_line ? ev->last_line : ev->first_line);
	put_row(out, "source", sb);
	strbuf_addstr(sb, ev->complete ? "yes" : "no");
	for (uint32_t bit = 1, n = 0; bit && bit <= OOM_PART_LAST; bit <<= 1)
		if (ev->missing & bit)
			strbuf_addf(sb, "%s%s", n++ ? ", " : "; missing: ",
				    oom_part_name((enum oom_part)bit));
	put_row(out, "complete", sb);
}

static void md_facts(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an)
{
	struct strbuf sb = STRBUF_INIT;
	char iso[48];

	fputs("| field | value |\n| --- | --- |\n", r->out);
	add_md(&sb, ev->time_text);
	report_iso_time(ev, iso, sizeof(iso));
	if (iso[0])
		strbuf_addf(&sb, " (%s)", iso);
	put_row(r->out, "time", &sb);
	add_md(&sb, ev->has_host ? ev->host : NULL);
	put_row(r->out, "host", &sb);
	add_md(&sb, ev->kernel_version);
	put_row(r->out, "kernel", &sb);
	rows_constraint(r->out, ev, &sb);
	if (ev->seen & OOM_PART_TRIGGER)
		row_invoker(r->out, ev, an, &sb);
	if (ev->seen & OOM_PART_VICTIM)
		rows_victim(r->out, ev, &sb);
	rows_misc(r->out, ev, &sb);
	strbuf_release(&sb);
}

/* ---- zones ------------------------------------------------------------ */

static const char *zone_state(const struct oom_zone *z)
{
	if (z->free_kb == OOM_NA || z->min_kb == OOM_NA ||
	    z->low_kb == OOM_NA || z->high_kb == OOM_NA)
		return "?";
	if (z->free_kb < z->min_kb)
		return "**below min**";
	if (z->free_kb < z->low_kb)
		return "below low";
	if (z->free_kb < z->high_kb)
		return "below high";
	return "above high";
}

/* The analysis' verdict: the kernel's test with lowmem_reserve. */
static const char *verdict_words(const struct oom_zone_verdict *v)
{
	if (!v->eligible)
		return "not usable by the request";
	switch (v->mark) {
	case ZONE_UNDER_MIN: return v->fragmented ? "**under min**, fragmented" :
						 "**under min**";
	case ZONE_UNDER_LOW: return "under low";
	case ZONE_UNDER_HIGH: return "under high";
	case ZONE_ABOVE_HIGH: return v->fragmented ? "above high, fragmented" :
						  "above high";
	case ZONE_MARK_UNKNOWN: break;
	}
	return "?";
}

static void zone_row(FILE *out, const struct oom_zone *z,
		     const struct oom_zone_verdict *v, bool target)
{
	struct strbuf sb = STRBUF_INIT;
	const int64_t *marks[] = { &z->free_kb, &z->min_kb, &z->low_kb,
				   &z->high_kb };

	strbuf_addstr(&sb, "| ");
	if (z->node == OOM_NA)
		strbuf_addch(&sb, '-');
	else
		strbuf_addf(&sb, "%" PRId64, z->node);
	strbuf_addstr(&sb, " | ");
	add_md(&sb, z->name);
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		strbuf_addstr(&sb, " | ");
		add_size(&sb, *marks[i]);
	}
	strbuf_addstr(&sb, " | ");
	add_size(&sb, v ? v->reserve_kb : OOM_NA);
	strbuf_addf(&sb, " | %s%s |\n", v ? verdict_words(v) : zone_state(z),
		    target ? " (target)" : "");
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

static void md_zones(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an)
{
	bool have = an->analyzed && an->n_zones == ev->n_zones;

	if (!ev->n_zones)
		return;
	fputs("\n### Zones\n\n"
	      "| node | zone | free | min | low | high | lowmem reserve | "
	      "verdict |\n"
	      "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
	      r->out);
	for (int i = 0; i < ev->n_zones; i++)
		zone_row(r->out, &ev->zones[i], have ? &an->zones[i] : NULL,
			 have && i == an->target_zone);
}

/* ---- analysis --------------------------------------------------------- */

static void md_request(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an)
{
	struct strbuf sb = STRBUF_INIT;

	if (!(ev->seen & OOM_PART_TRIGGER))
		return;
	strbuf_addstr(&sb, "- request: ");
	add_size(&sb, an->request_kb);
	if (ev->invoker.has_gfp) {
		strbuf_addf(&sb, ", gfp_mask 0x%" PRIx64 " =", ev->invoker.gfp_mask);
		for (size_t i = 0; i < an->n_gfp_names; i++) {
			strbuf_addstr(&sb, i ? " | " : " ");
			add_md(&sb, an->gfp_names[i]);
		}
		strbuf_addf(&sb, " (flag table of kernel %s%s)",
			    gfp_era_name(an->gfp_era),
			    an->gfp_era_assumed ? ", assumed" : "");
		if (an->gfp.highest_zone) {
			strbuf_addstr(&sb, "; highest usable zone ");
			add_md(&sb, an->gfp.highest_zone);
		}
	}
	if (an->gfp_mismatch)
		strbuf_addstr(&sb, "; **the printed flags do not match the "
			      "mask**");
	fprintf(r->out, "%s\n", sb.buf);
	strbuf_release(&sb);
}

static void md_culprit(struct report *r, const struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "- culprit: ");
	strbuf_addstr(&sb, analyze_culprit_kind_name(c->kind));
	if (c->name[0]) {
		strbuf_addstr(&sb, " **");
		add_md(&sb, c->name);
		strbuf_addstr(&sb, "**");
	}
	if (c->held_kb != OOM_NA) {
		strbuf_addstr(&sb, ", holding ");
		add_size(&sb, c->held_kb);
	}
	if (analyze_confidence_name(c->confidence))
		strbuf_addf(&sb, " (confidence %s)",
			    analyze_confidence_name(c->confidence));
	if (c->reason[0]) {
		strbuf_addstr(&sb, ": ");
		add_md(&sb, c->reason);
	}
	fprintf(r->out, "%s\n", sb.buf);
	strbuf_release(&sb);
}

static void md_findings(struct report *r, const struct oom_analysis *an)
{
	struct strbuf sb = STRBUF_INIT;

	if (an->n_findings)
		fputs("\n#### Findings\n\n", r->out);
	for (int i = 0; i < an->n_findings; i++) {
		const struct oom_finding *f = &an->findings[i];

		strbuf_addf(&sb, "- %s `%s`: ",
			    analyze_severity_name(f->severity), f->code);
		add_md(&sb, f->message);
		if (f->advice[0]) {
			strbuf_addstr(&sb, " *Advice:* ");
			add_md(&sb, f->advice);
		}
		fprintf(r->out, "%s\n", sb.buf);
		strbuf_reset(&sb);
	}
	strbuf_release(&sb);
}

/* Where the memory went: the analysis' balance as a table. */
static void md_balance(struct report *r, const struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	struct strbuf sb = STRBUF_INIT;

	if (!b->present)
		return;
	strbuf_addstr(&sb, "\n#### Where the memory went (of ");
	add_size(&sb, b->base_kb);
	strbuf_addstr(&sb, b->memcg ? " memcg limit)\n\n" : " RAM)\n\n");
	strbuf_addstr(&sb, "| item | size | share |\n| --- | ---: | ---: |\n");
	for (int i = 0; i < b->n_rows; i++) {
		strbuf_addf(&sb, "| %s | ", b->rows[i].item);
		add_size(&sb, b->rows[i].kb);
		if (b->rows[i].permille == OOM_NA)
			strbuf_addstr(&sb, " | - |\n");
		else
			strbuf_addf(&sb, " | %.1f %% |\n",
				    (double)b->rows[i].permille / 10);
	}
	fputs(sb.buf, r->out);
	strbuf_release(&sb);
}

/* The analysis part of an event: request, culprit, balance, findings. */
static void md_analysis(struct report *r, const struct oom_event *ev,
			const struct oom_analysis *an)
{
	fputs("\n### Analysis\n\n", r->out);
	md_request(r, ev, an);
	if (!an->analyzed) {
		fputs("- culprit: not analysed yet\n", r->out);
		return;
	}
	md_culprit(r, an);
	md_balance(r, an);
	md_findings(r, an);
}

/* ---- evidence --------------------------------------------------------- */

static size_t longest_backticks(const char *s)
{
	size_t best = 0, run = 0;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* The quoted lines, "  12  text", escaped for a terminal-like block. */
static void evidence_text(const struct oom_event *ev, struct strbuf *sb)
{
	uint64_t top = ev->last_line > ev->first_line ? ev->last_line :
			ev->first_line;
	int width = snprintf(NULL, 0, "%" PRIu64, top);

	for (int i = 0; i < ev->n_evidence; i++) {
		const struct oom_evidence *e = &ev->evidence[i];

		strbuf_addf(sb, "%*" PRIu64 "  ", width, e->lineno);
		escape_terminal(sb, e->text, strlen(e->text));
		strbuf_addstr(sb, e->cut ? " [cut]\n" : "\n");
	}
}

static void md_evidence(struct report *r, const struct oom_event *ev)
{
	struct strbuf text = STRBUF_INIT;
	size_t fence;

	if (!ev->n_evidence)
		return;
	evidence_text(ev, &text);
	fence = longest_backticks(text.buf) + 1;
	if (fence < 3)
		fence = 3;
	fputs("\n### Evidence\n\nKey lines of ", r->out);
	put_md(r->out, ev->input);
	fputs(" (line number, message without its prefix):\n\n", r->out);
	for (size_t i = 0; i < fence; i++)
		fputc('`', r->out);
	fprintf(r->out, "text\n%s", text.buf);
	for (size_t i = 0; i < fence; i++)
		fputc('`', r->out);
	fputc('\n', r->out);
	strbuf_release(&text);
}

void report_md_event(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an, uint64_t id)
{
	md_heading(r, ev, id);
	md_headline(r, ev);
	md_facts(r, ev, an);
	md_zones(r, ev, an);
	md_analysis(r, ev, an);
	md_evidence(r, ev);
}

/*
 * The memory-related lines near the reported events (swap, systemd,
 * reboots...), as the incident placed them.
 */
static void md_context(struct report *r, const struct pipeline *p,
		       const struct incident *inc)
{
	struct strbuf sb = STRBUF_INIT;
	size_t shown = 0;

	for (size_t i = 0; i < inc->n_lines; i++) {
		const struct context_line *x = inc->lines[i].line;

		if (!inc->lines[i].near)
			continue;
		if (!shown++)
			strbuf_addstr(&sb, "\n## Memory-related lines near the "
				      "events\n\n| input | line | host | time | "
				      "kind | message |\n| --- | ---: | --- | "
				      "--- | --- | --- |\n");
		strbuf_addstr(&sb, "| ");
		add_md(&sb, x->input < p->n_inputs ? p->inputs[x->input].name :
		       "?");
		strbuf_addf(&sb, " | %" PRIu64 " | ", x->lineno);
		add_md(&sb, x->host[0] ? x->host : "-");
		strbuf_addstr(&sb, " | ");
		add_md(&sb, x->t.text[0] ? x->t.text : "-");
		strbuf_addf(&sb, " | %s | ", context_kind_name(x->kind));
		add_md(&sb, x->text);
		strbuf_addstr(&sb, x->text_cut ? " [cut] |\n" : " |\n");
	}
	fputs(sb.buf, r->out);
	strbuf_release(&sb);
}

static void md_repeats(struct strbuf *sb, const char *what,
		       const struct incident_repeat *v, size_t n)
{
	if (!n)
		return;
	strbuf_addf(sb, "- repeat %s: ", what);
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(sb, i ? ", " : "");
		add_md(sb, v[i].name);
		strbuf_addf(sb, " x%zu", v[i].count);
	}
	strbuf_addch(sb, '\n');
}

static void md_growth(struct strbuf *sb, const struct incident_growth *g)
{
	char a[UNITS_SIZE_MAX], b[UNITS_SIZE_MAX], c[UNITS_SIZE_MAX];

	strbuf_addstr(sb, "- growing holder: ");
	add_md(sb, g->name);
	strbuf_addf(sb, " (pid %" PRId64 ") %s to %s in %.1f s", g->pid,
		    units_size(a, sizeof(a), g->first_kb),
		    units_size(b, sizeof(b), g->last_kb),
		    (double)(g->last_us - g->first_us) / 1e6);
	if (g->rate_kb_s != OOM_NA)
		strbuf_addf(sb, " (%s/s)", units_size(c, sizeof(c),
						      g->rate_kb_s));
	strbuf_addf(sb, ", %zu reports (events %" PRIu64 " to %" PRIu64
		    "), %zu other kills on the host since\n", g->reports, g->first_id,
		    g->last_id, g->others_killed);
}

/* Repeated victims and culprits, kill loops and growing holders, per host
 * that has any. */
static void md_incident(struct report *r, const struct incident *inc)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < inc->n_hosts; i++) {
		const struct incident_host *h = &inc->hosts[i];

		if (!h->n_victims && !h->n_culprits && !h->n_loops &&
		    !h->n_growth)
			continue;
		if (!sb.len)
			strbuf_addstr(&sb, "\n## Across events\n");
		strbuf_addstr(&sb, "\nHost ");
		add_md(&sb, h->name[0] ? h->name : "(none)");
		strbuf_addstr(&sb, ":\n\n");
		md_repeats(&sb, "victims", h->victims, h->n_victims);
		md_repeats(&sb, "culprits", h->culprits, h->n_culprits);
		for (size_t k = 0; k < h->n_loops; k++)
			strbuf_addf(&sb, "- kill loop: %zu kills in %" PRId64
				    " s, events %" PRIu64 " to %" PRIu64 "\n",
				    h->loops[k].kills, h->loops[k].span_s,
				    h->loops[k].first_id, h->loops[k].last_id);
		for (size_t k = 0; k < h->n_growth; k++)
			md_growth(&sb, &h->growth[k]);
	}
	fputs(sb.buf, r->out);
	strbuf_release(&sb);
}

void report_md_end(struct report *r, const struct pipeline *p,
		   const struct incident *inc)
{
	md_incident(r, inc);
	md_context(r, p, inc);
	fputs("\n## Inputs\n\n| input | lines | events | read in full |\n"
	      "| --- | ---: | ---: | --- |\n", r->out);
	for (size_t i = 0; i < p->n_inputs; i++) {
		const struct pipeline_input *in = &p->inputs[i];

		fputs("| ", r->out);
		put_md(r->out, in->name);
		fprintf(r->out, " | %" PRIu64 " | %" PRIu64 " | %s |\n",
			in->stats.lines, in->events, in->failed ? "no" : "yes");
	}
	if (!r->n_events)
		fputs("\nNo OOM events found.\n", r->out);
}
