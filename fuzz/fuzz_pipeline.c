/*
 * libFuzzer target over the whole pipeline: bytes -> lines -> log lines ->
 * events -> analysis -> every renderer (text, text --verbose, text --brief
 * with colour, JSON, NDJSON, Markdown with its head), each into its own
 * memory stream, as cli.c drives them (report_init/begin/event/end), plus
 * the duplicate filter and, last, --redact with a JSON report of the
 * redacted event.
 *
 * Besides the sanitizers, the outputs are checked (a failed check aborts,
 * so libFuzzer keeps the input): the JSON document and every NDJSON line
 * parse with cJSON and are valid UTF-8; the text and Markdown outputs
 * without colour hold no control byte but LF.  Those are issue 7's "nothing
 * lies, nothing reaches the terminal raw" properties in their cheapest form.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "oomscope/analyze.h"
#include "oomscope/dedupe.h"
#include "oomscope/pipeline.h"
#include "oomscope/redact.h"
#include "oomscope/report.h"
#include "oomscope/report_md.h"
#include "fuzz_check.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct report_opts configs[] = {
	{ REPORT_TEXT, false, false, false },
	{ REPORT_TEXT, false, true, false },
	{ REPORT_TEXT, true, false, true },
	{ REPORT_JSON, false, false, false },
	{ REPORT_NDJSON, false, true, false },
	{ REPORT_MARKDOWN, false, false, false },
	{ REPORT_JSON, false, true, false },    /* --redact */
};

#define N_CONFIGS (sizeof(configs) / sizeof(configs[0]))

#define REDACTED (N_CONFIGS - 1)

struct sinks {
	struct dedupe dd;
	struct redact rd;
	struct report r[N_CONFIGS];
	FILE *f[N_CONFIGS];
	char *buf[N_CONFIGS];
	size_t len[N_CONFIGS];
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct sinks *s = ctx;
	struct oom_analysis an;

	analyze_event(ev, &an);
	(void)dedupe_repeat(&s->dd, ev);
	for (size_t i = 0; i < REDACTED; i++)
		report_event(&s->r[i], ev, &an);
	redact_event(&s->rd, ev);
	analyze_event(ev, &an);
	report_event(&s->r[REDACTED], ev, &an);
}

/* The Markdown head goes first, as cli.c writes it. */
static void md_head(struct sinks *s, size_t i)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	report_md_head(&s->r[i], f);
	if (fclose(f))
		abort();
	fuzz_check_no_controls(buf, len);
	free(buf);
}

static void check_output(const struct report_opts *o, const char *buf,
			 size_t len)
{
	switch (o->format) {
	case REPORT_JSON:
		fuzz_check_json(buf, len);
		break;
	case REPORT_NDJSON:
		fuzz_check_ndjson(buf, len);
		break;
	case REPORT_TEXT:
	case REPORT_MARKDOWN:
		if (!o->color)
			fuzz_check_no_controls(buf, len);
		break;
	case REPORT_PROM:       /* not among the configs above */
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sinks s;
	struct pipeline p;

	for (size_t i = 0; i < N_CONFIGS; i++) {
		s.f[i] = open_memstream(&s.buf[i], &s.len[i]);
		if (!s.f[i])
			abort();
		report_init(&s.r[i], &configs[i], s.f[i]);
		report_begin(&s.r[i]);
	}
	dedupe_init(&s.dd);
	redact_init(&s.rd);
	pipeline_init(&p, 2026, 0, on_event, &s);
	pipeline_run_buffer(&p, "fuzz", (const char *)data, size);
	for (size_t i = 0; i < N_CONFIGS; i++) {
		report_end(&s.r[i], &p);
		if (configs[i].format == REPORT_MARKDOWN)
			md_head(&s, i);
		if (fclose(s.f[i]))
			abort();
		check_output(&configs[i], s.buf[i], s.len[i]);
		free(s.buf[i]);
		report_release(&s.r[i]);
	}
	pipeline_release(&p);
	dedupe_release(&s.dd);
	redact_release(&s.rd);
	return 0;
}
