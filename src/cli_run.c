/*
 * Running what the command line asks for (cli_run): each operand in order
 * through the pipeline, each event through the analysis, duplicate check
 * and selection into the chosen renderer.  The options are cli.c's.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oomscope/across.h"
#include "oomscope/analyze.h"
#include "oomscope/context.h"
#include "oomscope/dedupe.h"
#include "oomscope/follow.h"
#include "oomscope/pipeline.h"
#include "oomscope/redact.h"
#include "oomscope/report_md.h"
#include "oomscope/select.h"
#include "msg.h"
#include "xalloc.h"
#include "banned.h"

/*
 * The run: each event the pipeline closes is analysed, dropped if it is a
 * repeat (dedupe.c) or does not pass the filters (select.c), counted for
 * --event, then either reported at once or kept (--sort: all of them;
 * --last N: a ring of N, each with its analysis) and reported at the end.
 * Each event is analysed once, except with --redact: the filters must see
 * the real names, and the analysis writes names into its sentences, so the
 * redacted event is analysed again just before it is rendered: no real
 * name can reach the output through the analysis' text.
 */
struct run {
	const struct cli_opts *o;
	struct report report;
	struct dedupe dd;
	struct select_buf buf;
	struct redact rd;
	struct across across;      /* loops: verdicts and growth over events */
	struct pipeline *p;        /* for the agent's inputs counters */
	bool agent;                /* -F --format=prom --output FILE */
	uint64_t seq;              /* events that passed the filters */
	bool sort_batched;         /* --sort hit SORT_BATCH (warned once) */
};

/*
 * --sort keeps whole events and their analyses (about 115 KiB each with
 * their task rows): past this many it sorts and prints what it holds and
 * starts a new batch, so memory stays bounded; the man page says so.
 */
#define SORT_BATCH 2048

static int agent_write(struct run *run);

static void emit(struct run *run, struct oom_event *ev,
		 struct oom_analysis *an)
{
	if (run->o->redact) {
		/* the loop's part is kept: process names are not redacted */
		struct oom_analysis *was = xmalloc(sizeof(*was));

		*was = *an;
		redact_event(&run->rd, ev);
		analyze_event(ev, an);
		across_carry(was, an);
		free(was);
	}
	report_event(&run->report, ev, an);
	if (run->agent)
		(void)agent_write(run);   /* a failure is retried next event */
}

static void emit_kept(struct run *run);

static void flush_sorted(struct run *run)
{
	if (!run->sort_batched)
		oom_warn("--sort: more than %d events, sorted in batches of %d",
			 SORT_BATCH, SORT_BATCH);
	run->sort_batched = true;
	emit_kept(run);
	select_buf_release(&run->buf);
	select_buf_init(&run->buf, 0);
}

static void on_event(void *ctx, struct oom_event *ev)
{
	struct run *run = ctx;
	const struct select_opts *sel = &run->o->sel;
	struct oom_analysis an;

	analyze_event(ev, &an);
	across_event(&run->across, ev, &an);
	if (!run->o->keep_duplicates && dedupe_repeat(&run->dd, ev))
		return;
	if (!select_match(sel, ev, &an))
		return;
	if (run->o->sort) {
		select_buf_push(&run->buf, ev, &an);
		if (run->buf.n >= SORT_BATCH && !sel->event && !sel->last)
			flush_sorted(run);
		return;
	}
	if (sel->event && ++run->seq != sel->event)
		return;
	if (sel->last)
		select_buf_push(&run->buf, ev, &an);
	else
		emit(run, ev, &an);
}

/* The kept events, at the end: sorted, then --event and --last. */
static void emit_kept(struct run *run)
{
	const struct select_opts *sel = &run->o->sel;
	size_t from = 0;

	if (run->o->sort)
		select_buf_sort(&run->buf);
	if (run->o->sort && sel->event) {
		if (sel->event > run->buf.n)
			return;
		from = sel->event - 1;
	} else if (sel->last && run->buf.n > sel->last) {
		from = run->buf.n - sel->last;
	}
	for (size_t i = from; i < run->buf.n; i++) {
		emit(run, select_buf_at(&run->buf, i),
		     select_buf_analysis_at(&run->buf, i));
		if (run->o->sort && sel->event)
			break;
	}
}

static bool want_color(const struct cli_opts *o)
{
	const char *nc = getenv("NO_COLOR");

	if (o->color_mode != COLOR_AUTO)
		return o->color_mode == COLOR_ALWAYS;
	return !o->output && isatty(1) && !(nc && nc[0]) && o->report.format == REPORT_TEXT;
}

static int read_inputs(const struct cli_opts *o, struct pipeline *p)
{
	int rc = 0;

	if (o->follow)
		return follow_run(p, o->n_inputs ? o->inputs[0] :
			       isatty(0) ? "/dev/kmsg" : "-",
			       FOLLOW_IDLE_MS) ? 1 : 0;
	if (o->n_inputs == 0) {
		if (isatty(0))
			return pipeline_run_kmsg(p) ? 1 : 0;
		return pipeline_run_path(p, "-") ? 1 : 0;
	}
	for (int i = 0; i < o->n_inputs; i++)
		if (pipeline_run_path(p, o->inputs[i]))
			rc = 1;
	return rc;
}

/* --redact: the input names and context lines of the report's end part. */
static void redact_inputs(struct run *run, struct pipeline *p)
{
	for (size_t i = 0; i < p->n_inputs; i++) {
		char *name = xstrdup(redact_name(&run->rd, p->inputs[i].name));

		free(p->inputs[i].name);
		p->inputs[i].name = name;
	}
	context_redact(&p->context, &run->rd);
}

/*
 * --output FILE: the output goes to a temporary file beside FILE (same
 * directory, so same file system), synced and renamed over FILE at the
 * end: a reader such as the node exporter's textfile collector sees the
 * old file or the new one, never half of one.  The name ends in .XXXXXX,
 * not in .prom, so the collector does not read the temporary file.
 */
struct output {
	const char *path;          /* NULL: standard output */
	char *tmp;
	FILE *f;
};

static int output_open(struct output *out, const char *path)
{
	size_t n;
	int fd;

	memset(out, 0, sizeof(*out));
	out->f = stdout;
	if (!path)
		return 0;
	out->path = path;
	n = strlen(path) + sizeof(".XXXXXX");
	out->tmp = xmalloc(n);
	snprintf(out->tmp, n, "%s.XXXXXX", path);
	fd = mkstemp(out->tmp);
	if (fd < 0) {   /* the temporary name is random: name FILE */
		oom_warn_errno("cannot create a file beside '%s'", path);
		goto fail;
	}
	/* mkstemp's 0600 would hide the file from a collector's user */
	if (fchmod(fd, 0644) || !(out->f = fdopen(fd, "w"))) {
		oom_warn_errno("cannot open '%s'", out->tmp);
		close(fd);
		unlink(out->tmp);
		goto fail;
	}
	return 0;
fail:
	free(out->tmp);
	out->tmp = NULL;
	out->f = stdout;
	return -1;
}

static void write_error(const struct output *out)
{
	if (out->path)
		oom_warn_errno("write error on '%s'", out->tmp);
	else
		oom_warn_errno("write error");
}

/* Flush, sync and rename; on failure the temporary file is removed. */
static int output_close(struct output *out)
{
	int rc = CLI_EXIT_OK;

	if (fflush(out->f) || ferror(out->f) ||
	    (out->path && fsync(fileno(out->f)))) {
		write_error(out);
		rc = CLI_EXIT_ERROR;
	}
	if (fclose(out->f) && rc == CLI_EXIT_OK) {
		write_error(out);
		rc = CLI_EXIT_ERROR;
	}
	if (out->path && rc == CLI_EXIT_OK && rename(out->tmp, out->path)) {
		oom_warn_errno("cannot rename '%s' to '%s'", out->tmp,
			       out->path);
		rc = CLI_EXIT_ERROR;
	}
	if (out->path && rc != CLI_EXIT_OK)
		unlink(out->tmp);
	free(out->tmp);
	return rc;
}

/*
 * Markdown puts its title and summary table first, and those need every
 * event: the body is written to memory and follows the head at the end.
 */
static FILE *open_body(const struct cli_opts *o, FILE *out, char **buf,
		       size_t *len)
{
	FILE *f;

	if (o->report.format != REPORT_MARKDOWN)
		return out;
	f = open_memstream(buf, len);
	if (!f)
		oom_die_nomem();
	return f;
}

/* open_memstream sets *buf and *len only when the stream is closed. */
static void close_body(struct run *run, FILE *body, FILE *out, char **buf,
		       size_t *len)
{
	if (body == out)
		return;
	fclose(body);
	report_md_head(&run->report, out);
	fwrite(*buf, 1, *len, out);
	free(*buf);
}

/*
 * The agent (-F --format=prom --output FILE): FILE is rewritten, through
 * the same temporary-file-and-rename as --output, when the run starts and
 * after each event, so the collector always has the counts so far.  A write
 * that fails is reported and the agent goes on.
 */
static int agent_write(struct run *run)
{
	struct output out;
	FILE *was = run->report.out;

	if (output_open(&out, run->o->output))
		return CLI_EXIT_ERROR;
	run->report.out = out.f;
	run->report.duplicates_dropped = run->dd.dropped;
	report_end(&run->report, run->p);
	run->report.out = was;
	return output_close(&out);
}

static void run_init(struct run *run, const struct cli_opts *o, FILE *out)
{
	memset(run, 0, sizeof(*run));
	run->o = o;
	report_init(&run->report, &o->report, out);
	dedupe_init(&run->dd);
	select_buf_init(&run->buf, o->sort ? 0 : (size_t)o->sel.last);
	redact_init(&run->rd);
	across_init(&run->across);
}

static void run_release(struct run *run)
{
	report_release(&run->report);
	dedupe_release(&run->dd);
	select_buf_release(&run->buf);
	redact_release(&run->rd);
}

int cli_run(struct cli_opts *o)
{
	struct run run;
	struct pipeline p;
	struct output out;
	char *body_buf = NULL;
	size_t body_len = 0;
	FILE *body;
	bool agent = o->follow && o->output && o->report.format == REPORT_PROM;
	int rc;

	/* the agent writes FILE itself; standard output stays empty */
	if (output_open(&out, agent ? NULL : o->output))
		return CLI_EXIT_ERROR;
	body = open_body(o, out.f, &body_buf, &body_len);
	o->report.color = want_color(o);
	run_init(&run, o, body);
	pipeline_init(&p, o->year, 0, on_event, &run);
	run.p = &p;
	run.agent = agent;
	report_begin(&run.report);
	if (agent && agent_write(&run))
		rc = CLI_EXIT_ERROR;
	else
		rc = read_inputs(o, &p);
	emit_kept(&run);
	if (o->redact)
		redact_inputs(&run, &p);
	run.report.duplicates_dropped = run.dd.dropped;
	if (agent)
		rc = agent_write(&run) ? CLI_EXIT_ERROR : rc;
	else
		report_end(&run.report, &p);
	close_body(&run, body, out.f, &body_buf, &body_len);
	if (output_close(&out))
		rc = CLI_EXIT_ERROR;
	if (!rc && o->exit_status && run.report.n_events)
		rc = CLI_EXIT_FOUND;
	pipeline_release(&p);
	run_release(&run);
	return rc;
}
