/*
 * The Prometheus renderer: the run's events as counters in the text
 * exposition format 0.0.4, the format the node exporter's textfile
 * collector reads.  Written at the end only, from the rows report.c keeps
 * of every event (struct report_row) and the inputs' counters; it renders
 * nothing per event.
 *
 * Families (each with its HELP and TYPE, in this order, even when empty):
 *   oomscope_oom_events_total{host,kind,constraint,culprit_kind}
 *   oomscope_victims_total{host,name}
 *   oomscope_culprits_total{host,kind,name}
 *   oomscope_innocent_invoker_events_total{host}
 *   oomscope_incomplete_events_total{host}
 *   oomscope_last_event_timestamp_seconds{host}   (gauge, wall clock only)
 *   oomscope_duplicate_events_total, oomscope_input_*_total
 *
 * Cardinality is bounded whatever the log holds: the PROM_TOP_N hosts with
 * the most events keep their name, the others are host="other"; the
 * PROM_TOP_N victim and culprit series with the most events keep their
 * name, the others add up under name="other".  kind, constraint and
 * culprit_kind come from the program's own tables.  Events past
 * REPORT_MAX_ROWS (whose rows were not kept) are counted with every label
 * "other", so the events counter always adds up to the events reported.
 *
 * Host and process names are log bytes: escape_prom() makes them valid
 * UTF-8 and escapes what the format requires.  The output is sorted by
 * label values, so the same input gives the same bytes.
 */
#include "report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "oomscope/strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define PROM_TOP_N 20             /* names kept per family; man page */
#define PROM_TOP_S "20"           /* the same, for the HELP text */
#define PROM_MAX_LABELS 4
#define PROM_OTHER "other"

/* One series: its label values (borrowed) and its value. */
struct tally {
	const char *k[PROM_MAX_LABELS];
	int64_t v;
};

struct family {
	const char *name, *type, *help;
	const char *labels[PROM_MAX_LABELS];
	size_t n_labels;
	int capped;               /* label index that top-N bounds, or -1 */
	bool max;                 /* a gauge of the largest value, not a sum */
};

struct series {
	struct tally *t;
	size_t n;
};

/* The kept hosts (sorted), to map every other host to "other". */
struct hosts {
	const char **names;
	size_t n;
};

/* Unused label slots are NULL in every series of a family. */
static int cmp_keys(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	for (size_t i = 0; i < PROM_MAX_LABELS; i++) {
		int c = strcmp(x->k[i] ? x->k[i] : "", y->k[i] ? y->k[i] : "");

		if (c)
			return c;
	}
	return 0;
}

/* Largest value first; ties by label values, so the cut is stable. */
static int cmp_value(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return cmp_keys(a, b);
}

/* Sorts by label values and folds equal label sets into one series. */
static void merge(struct series *s, bool max)
{
	size_t out = 0;

	if (!s->n)
		return;
	qsort(s->t, s->n, sizeof(*s->t), cmp_keys);
	for (size_t i = 0; i < s->n; i++) {
		struct tally *o = out ? &s->t[out - 1] : NULL;

		if (o && !cmp_keys(o, &s->t[i])) {
			if (max)
				o->v = s->t[i].v > o->v ? s->t[i].v : o->v;
			else
				o->v += s->t[i].v;
			continue;
		}
		s->t[out++] = s->t[i];
	}
	s->n = out;
}

/* Past the PROM_TOP_N largest series, label `col` becomes "other". */
static void cap(struct series *s, int col)
{
	if (col < 0 || s->n <= PROM_TOP_N)
		return;
	qsort(s->t, s->n, sizeof(*s->t), cmp_value);
	for (size_t i = PROM_TOP_N; i < s->n; i++)
		s->t[i].k[col] = PROM_OTHER;
	merge(s, false);
}

static void push(struct series *s, size_t *cap_n, const struct tally *t)
{
	if (s->n == *cap_n) {
		*cap_n = *cap_n ? 2 * *cap_n : 64;
		s->t = xreallocarray(s->t, *cap_n, sizeof(*s->t));
	}
	s->t[s->n++] = *t;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The PROM_TOP_N hosts with the most events. */
static void hosts_build(struct hosts *h, const struct report *r)
{
	struct series s = { NULL, 0 };
	size_t n_cap = 0;

	for (size_t i = 0; i < r->n_rows; i++)
		push(&s, &n_cap, &(struct tally){ { r->rows[i].host }, 1 });
	merge(&s, false);
	h->n = s.n < PROM_TOP_N ? s.n : PROM_TOP_N;
	h->names = xcalloc(h->n ? h->n : 1, sizeof(*h->names));
	if (!s.n)
		return;
	qsort(s.t, s.n, sizeof(*s.t), cmp_value);
	for (size_t i = 0; i < h->n; i++)
		h->names[i] = s.t[i].k[0];
	qsort(h->names, h->n, sizeof(*h->names), cmp_str);
	free(s.t);
}

static const char *host_of(const struct hosts *h, const char *name)
{
	if (bsearch(&name, h->names, h->n, sizeof(*h->names), cmp_str))
		return name;
	return PROM_OTHER;
}

static const char *or_unknown(const char *s)
{
	return s[0] ? s : "unknown";
}

/* ---- writing ---------------------------------------------------------- */

static void put_header(FILE *out, const struct family *f)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", f->name, f->help,
		f->name, f->type);
}

static void put_series(FILE *out, const struct family *f,
		       const struct tally *t, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, f->name);
	for (size_t i = 0; i < f->n_labels; i++) {
		strbuf_addf(sb, "%s%s=\"", i ? "," : "{", f->labels[i]);
		escape_prom(sb, t->k[i], strlen(t->k[i]));
		strbuf_addch(sb, '"');
	}
	if (f->n_labels)
		strbuf_addch(sb, '}');
	fprintf(out, "%s %" PRId64 "\n", sb->buf, t->v);
}

static void put_family(FILE *out, const struct family *f, struct series *s)
{
	struct strbuf sb = STRBUF_INIT;

	merge(s, f->max);
	cap(s, f->capped);
	put_header(out, f);
	for (size_t i = 0; i < s->n; i++)
		put_series(out, f, &s->t[i], &sb);
	strbuf_release(&sb);
	free(s->t);
	s->t = NULL;
	s->n = 0;
}

/* ---- the families ----------------------------------------------------- */

static const struct family fam_events = {
	"oomscope_oom_events_total", "counter",
	"OOM events reported, by host, kind, constraint and culprit kind.",
	{ "host", "kind", "constraint", "culprit_kind" }, 4, -1, false,
};
static const struct family fam_victims = {
	"oomscope_victims_total", "counter",
	"Processes killed, by host and name (top " PROM_TOP_S ", the rest \"other\").",
	{ "host", "name" }, 2, 1, false,
};
static const struct family fam_culprits = {
	"oomscope_culprits_total", "counter",
	"Culprits (who held the memory), by host, culprit kind and name "
	"(top " PROM_TOP_S ", the rest \"other\").",
	{ "host", "kind", "name" }, 3, 2, false,
};
static const struct family fam_innocent = {
	"oomscope_innocent_invoker_events_total", "counter",
	"OOM events whose invoker was not the culprit, by host.",
	{ "host" }, 1, -1, false,
};
static const struct family fam_incomplete = {
	"oomscope_incomplete_events_total", "counter",
	"OOM events whose report was cut short in the log, by host.",
	{ "host" }, 1, -1, false,
};
static const struct family fam_last = {
	"oomscope_last_event_timestamp_seconds", "gauge",
	"Wall-clock time of the host's last OOM event (Unix seconds; "
	"hosts whose log has no wall clock are absent).",
	{ "host" }, 1, -1, true,
};

static void put_events(FILE *out, const struct report *r,
		       const struct hosts *h)
{
	struct series s = { NULL, 0 };
	size_t n_cap = 0;

	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *w = &r->rows[i];

		push(&s, &n_cap, &(struct tally){ { host_of(h, w->host),
			or_unknown(w->kind), or_unknown(w->constraint),
			or_unknown(w->culprit_kind) }, 1 });
	}
	/* events whose rows were not kept are still events */
	if (r->rows_dropped)
		push(&s, &n_cap, &(struct tally){ { PROM_OTHER, PROM_OTHER,
			PROM_OTHER, PROM_OTHER }, (int64_t)r->rows_dropped });
	put_family(out, &fam_events, &s);
}

static void put_names(FILE *out, const struct report *r,
		      const struct hosts *h)
{
	struct series v = { NULL, 0 }, c = { NULL, 0 };
	size_t v_cap = 0, c_cap = 0;

	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *w = &r->rows[i];
		const char *host = host_of(h, w->host);

		if (w->victim[0])
			push(&v, &v_cap, &(struct tally){ { host, w->victim },
				1 });
		if (w->culprit[0])
			push(&c, &c_cap, &(struct tally){ { host,
				or_unknown(w->culprit_kind), w->culprit }, 1 });
	}
	put_family(out, &fam_victims, &v);
	put_family(out, &fam_culprits, &c);
}

static void put_per_host(FILE *out, const struct report *r,
			 const struct hosts *h)
{
	struct series inn = { NULL, 0 }, inc = { NULL, 0 }, last = { NULL, 0 };
	size_t n1 = 0, n2 = 0, n3 = 0;

	for (size_t i = 0; i < r->n_rows; i++) {
		const struct report_row *w = &r->rows[i];
		const char *host = host_of(h, w->host);

		if (w->innocent_invoker)
			push(&inn, &n1, &(struct tally){ { host }, 1 });
		if (!w->complete)
			push(&inc, &n2, &(struct tally){ { host }, 1 });
		if (w->has_wall)
			push(&last, &n3, &(struct tally){ { host }, w->t_s });
	}
	put_family(out, &fam_innocent, &inn);
	put_family(out, &fam_incomplete, &inc);
	put_family(out, &fam_last, &last);
}

/* One unlabelled counter. */
static void put_counter(FILE *out, const char *name, const char *help,
			uint64_t v)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s counter\n%s %" PRIu64 "\n",
		name, help, name, name, v);
}

/* What the inputs held that was not an event: the JSON's "inputs". */
static void put_inputs(FILE *out, const struct report *r,
		       const struct pipeline *p)
{
	uint64_t lines = 0, other = 0, split = 0, lng = 0, nul = 0, bad = 0;

	for (size_t i = 0; i < p->n_inputs; i++) {
		const struct pipeline_input *in = &p->inputs[i];

		lines += in->stats.lines;
		other += in->non_kernel_lines;
		split += in->split_lines;
		lng += in->stats.long_lines;
		nul += in->stats.nul_bytes;
		bad += in->failed;
	}
	put_counter(out, "oomscope_duplicate_events_total",
		    "Events read twice (two logs of one boot), reported once.",
		    r->duplicates_dropped);
	put_counter(out, "oomscope_input_lines_total", "Lines read.", lines);
	put_counter(out, "oomscope_input_non_kernel_lines_total",
		    "Syslog lines of other programs, passed over.", other);
	put_counter(out, "oomscope_input_split_lines_total",
		    "Joined or #012-escaped lines split apart.", split);
	put_counter(out, "oomscope_input_long_lines_total",
		    "Lines longer than the line limit, truncated.", lng);
	put_counter(out, "oomscope_input_nul_bytes_total",
		    "NUL bytes in the input.", nul);
	put_counter(out, "oomscope_input_errors_total",
		    "Inputs that could not be opened or read in full.", bad);
}

void report_prom_end(struct report *r, const struct pipeline *p)
{
	struct hosts h;

	hosts_build(&h, r);
	put_events(r->out, r, &h);
	put_names(r->out, r, &h);
	put_per_host(r->out, r, &h);
	put_inputs(r->out, r, p);
	free(h.names);
}
