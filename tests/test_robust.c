/*
 * Mutation sweeps over every fixture (issue 7): each fixture log is cut
 * at every line boundary and at random byte offsets, has each line dropped,
 * each line duplicated, each pair of adjacent lines swapped and random
 * bytes overwritten, and every variant goes through the whole pipeline into
 * the JSON, text and Markdown renderers.  For each variant:
 *  - no crash and no sanitizer report (the test runs under ASan/UBSan);
 *  - the JSON document parses (cJSON) and is valid UTF-8, the text and
 *    Markdown hold no control byte but LF;
 *  - every number of an event comes from its source span: it appears as a
 *    digit run in the raw lines first_line..last_line of the variant (the
 *    round trip of issue 3), unless it is derived (see derived() below).
 *
 * Files over BIG_LINES lines are sampled (SAMPLES mutation points), and a
 * mutation at line k of such a file sees the window of WINDOW lines on each
 * side of k only (one OOM report is under 1000 lines), which keeps the
 * whole sweep under a minute in the sanitizer build.  The random generator
 * is seeded from the fixture's name: every run mutates the same way.
 *
 * main() takes an optional cmocka test-name filter ("test_robust_cut*"),
 * so that ctest can run the sweeps in parallel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "oomscope/analyze.h"
#include "oomscope/pipeline.h"
#include "oomscope/report.h"
#include "oomscope/report_md.h"
#include "oomscope/strbuf.h"
#include "xalloc.h"
#include "banned.h"

/*
 * A sweep varies every line of a fixture and runs the whole fixture each
 * time: the cost grows with the square of its lines.  Fixtures of more
 * than BIG_LINES lines get SAMPLES random lines instead, each run over a
 * window of WINDOW lines on either side (the kill-loop captures, 584 to
 * 857 lines, would otherwise take five times the rest under ASan).
 */
#define BIG_LINES 500
#define SAMPLES 60
#define WINDOW 1000
#define FLIPS 60
#define BYTE_CUTS 40

/* A fixture, or a variant of one, with its lines indexed like input.c. */
struct text {
	char *buf;
	size_t len;
	size_t n;         /* lines */
	size_t *start;    /* start[i]: first byte of line i; start[n] = len */
	size_t *end;      /* end[i]: end of line i's text (before CR/LF) */
};

struct fixture {
	char name[256];
	struct text t;
};

static struct fixture *fixtures;
static size_t n_fixtures;

/* Lines end at LF, CRLF or a lone CR, exactly as input_feed() frames them. */
static void index_lines(struct text *t)
{
	size_t cap = 64, i = 0;

	t->n = 0;
	t->start = xmalloc(cap * sizeof(size_t));
	t->end = xmalloc(cap * sizeof(size_t));
	while (i < t->len) {
		size_t e = i;

		while (e < t->len && t->buf[e] != '\n' && t->buf[e] != '\r')
			e++;
		if (t->n + 1 >= cap) {
			cap *= 2;
			t->start = xreallocarray(t->start, cap, sizeof(size_t));
			t->end = xreallocarray(t->end, cap, sizeof(size_t));
		}
		t->start[t->n] = i;
		t->end[t->n++] = e;
		if (e < t->len && t->buf[e] == '\r' && e + 1 < t->len &&
		    t->buf[e + 1] == '\n')
			e++;
		i = e < t->len ? e + 1 : e;
	}
	t->start[t->n] = t->len;
}

static void text_set(struct text *t, struct strbuf *sb)
{
	t->buf = strbuf_detach(sb, &t->len);
	index_lines(t);
}

static void text_release(struct text *t)
{
	free(t->buf);
	free(t->start);
	free(t->end);
	memset(t, 0, sizeof(*t));
}

static uint64_t rng_state;
static uint64_t numbers_checked;

static void rng_seed(const char *name)
{
	rng_state = 1469598103934665603ULL;  /* FNV-1a of the name */
	for (; *name; name++)
		rng_state = (rng_state ^ (unsigned char)*name) * 1099511628211ULL;
}

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 32);
}

/* ---- the properties ---------------------------------------------------- */

struct outputs {
	char *json, *text, *md;
	size_t json_len, text_len, md_len;
};

struct sinks {
	struct report json, text, md;
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct sinks *s = ctx;
	struct oom_analysis an;

	analyze_event(ev, &an);
	report_event(&s->json, ev, &an);
	report_event(&s->text, ev, &an);
	report_event(&s->md, ev, &an);
}

static void render(const struct text *t, struct outputs *o)
{
	static const struct report_opts oj = { REPORT_JSON, false, true, false };
	static const struct report_opts ot = { REPORT_TEXT, false, true, false };
	static const struct report_opts om = { REPORT_MARKDOWN, false, false,
					       false };
	FILE *fj = open_memstream(&o->json, &o->json_len);
	FILE *ft = open_memstream(&o->text, &o->text_len);
	FILE *fm = open_memstream(&o->md, &o->md_len);
	struct sinks s;
	struct pipeline p;

	assert_non_null(fj);
	assert_non_null(ft);
	assert_non_null(fm);
	report_init(&s.json, &oj, fj);
	report_init(&s.text, &ot, ft);
	report_init(&s.md, &om, fm);
	report_begin(&s.json);
	report_begin(&s.text);
	report_begin(&s.md);
	pipeline_init(&p, 2026, 0, on_event, &s);
	pipeline_run_buffer(&p, "sweep.log", t->buf, t->len);
	report_end(&s.json, &p);
	report_end(&s.text, &p);
	report_end(&s.md, &p);
	report_md_head(&s.md, fm);  /* cli.c writes it first; order is moot */
	pipeline_release(&p);
	report_release(&s.json);
	report_release(&s.text);
	report_release(&s.md);
	assert_int_equal(fclose(fj) | fclose(ft) | fclose(fm), 0);
}

/* Length of the valid UTF-8 sequence at p, 0 when invalid (RFC 3629). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t c = p[0], min;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

/* Offset of the first invalid UTF-8 byte (or raw control), len if none. */
static size_t bad_byte(const char *buf, size_t len, bool controls)
{
	const unsigned char *p = (const unsigned char *)buf;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(p + i, len - i);

		if (!n)
			return i;
		if (controls && n == 1 && p[i] != '\n' &&
		    (p[i] < 0x20 || p[i] == 0x7f))
			return i;
		if (controls && n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			return i;
		i += n;
	}
	return len;
}

/* ---- numbers of the JSON against the source span ----------------------- */

/*
 * Derived numbers, not read from the log as printed (paths relative to an
 * event, "[]" for array elements):
 *  - ids, line numbers (every key named "line"), the source span;
 *  - counters and sums: "parse" (lines, foreign/unparsed lines, cut
 *    fields), "task_table" (rows seen/kept, sums), zones[].buddy.sum_kb;
 *  - the analysis: "culprit", "findings", "analysis", invoker.request_kb
 *    (2^order pages);
 *  - inferences: memcg.cgroup_version (from the counters' names or the
 *    kernel version), memcg.stats summed over the one-liners of a v1
 *    subtree (memcg.stats_cgroups > 1);
 *  - conversions: page_size_kb (from the buddy block sizes),
 *    allocation_profile[].bytes (the kernel prints "1.21 GiB"), and
 *    time.uptime_us, checked separately as "S.UUUUUU" in the span.
 */
static bool derived(const char *rel)
{
	static const char *const paths[] = {
		"id", "source", "parse", "task_table", "culprit", "findings",
		"analysis", "invoker.request_kb", "page_size_kb",
		"zones[].buddy.sum_kb", "allocation_profile[].bytes",
		"time.uptime_us", "memcg.cgroup_version",
	};
	const char *last = strrchr(rel, '.');

	if (!strcmp(last ? last + 1 : rel, "line"))
		return true;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		size_t n = strlen(paths[i]);

		if (!strncmp(rel, paths[i], n) &&
		    (rel[n] == '\0' || rel[n] == '.' || rel[n] == '['))
			return true;
	}
	return false;
}

struct token {
	const char *p;
	size_t n;
};

static int token_cmp(const void *a, const void *b)
{
	const struct token *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return memcmp(x->p, y->p, x->n);
}

/* A digit run without its leading zeros ("0" stays "0"). */
static struct token strip_zeros(const char *p, size_t n)
{
	struct token t = { p, n };

	while (t.n > 1 && t.p[0] == '0')
		t.p++, t.n--;
	return t;
}

/* The sorted digit runs of one event's source span. */
struct span {
	const char *p;
	size_t len;
	struct token *tok;
	size_t n_tok;
};

static void span_set(struct span *sp, const struct text *t, size_t first,
		     size_t last)
{
	size_t cap = 256, i;

	free(sp->tok);
	memset(sp, 0, sizeof(*sp));
	if (first < 1 || last < first || last > t->n)
		return;
	sp->p = t->buf + t->start[first - 1];
	sp->len = t->end[last - 1] - t->start[first - 1];
	sp->tok = xmalloc(cap * sizeof(*sp->tok));
	for (i = 0; i < sp->len;) {
		size_t j = i;

		while (j < sp->len && sp->p[j] >= '0' && sp->p[j] <= '9')
			j++;
		if (j == i) {
			i++;
			continue;
		}
		if (sp->n_tok == cap)
			sp->tok = xreallocarray(sp->tok, cap *= 2,
						sizeof(*sp->tok));
		sp->tok[sp->n_tok++] = strip_zeros(sp->p + i, j - i);
		i = j;
	}
	qsort(sp->tok, sp->n_tok, sizeof(*sp->tok), token_cmp);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * A number a line break cut in two ("mapped:5553" / "0kB"): the paste
 * normaliser joins such hard-wrapped lines back, so its digits may span
 * one line break (a newline, a CR, any control byte the line framer cuts
 * at) of the raw text.
 */
static bool span_has_wrapped(const struct span *sp, const struct token *key)
{
	const char *p = sp->p, *end = sp->p + sp->len;

	for (; p < end; p++) {
		const char *q = p;
		size_t k = 0;
		bool broke = false;

		if (!is_digit(*p) || (p > sp->p && is_digit(p[-1])))
			continue;
		while (q < end && k < key->n) {
			if (*q == key->p[k]) {
				q++, k++;
			} else if ((unsigned char)*q < 0x20 && !broke) {
				q++, broke = true;
			} else {
				break;
			}
		}
		if (k == key->n && broke && (q == end || !is_digit(*q)))
			return true;
	}
	return false;
}

static bool span_has(const struct span *sp, const char *num, size_t n)
{
	struct token key;

	if (n && num[0] == '-')
		num++, n--;
	key = strip_zeros(num, n);
	if (sp->n_tok && bsearch(&key, sp->tok, sp->n_tok, sizeof(key),
				 token_cmp) != NULL)
		return true;
	return sp->n_tok && span_has_wrapped(sp, &key);
}

/* uptime_us as printed: "S.F" in the span, F scaled to microseconds. */
static bool span_has_uptime(const struct span *sp, const char *num, size_t n)
{
	unsigned long long us = strtoull(num, NULL, 10);
	char sec[32];
	const char *p = sp->p, *end = sp->p + sp->len;
	size_t sl = (size_t)snprintf(sec, sizeof(sec), "%llu.", us / 1000000);

	(void)n;
	while (p && (p = memmem(p, (size_t)(end - p), sec, sl)) != NULL) {
		unsigned long long f = 0;
		int digits = 0;
		const char *q = p + sl, *b = p;

		for (; q < end && *q >= '0' && *q <= '9' && digits < 6; q++)
			f = f * 10 + (unsigned)(*q - '0'), digits++;
		for (; digits < 6; digits++)
			f *= 10;
		while (b > sp->p && b[-1] == '0')
			b--;   /* "[07408.615135]" is 7408 s, as span_has() reads it */
		if ((b == sp->p || b[-1] < '0' || b[-1] > '9') &&
		    f == us % 1000000)
			return true;
		p++;
	}
	return false;
}

/*
 * A walk over the printed JSON (already validated by cJSON), keeping the
 * path of keys and the raw text of each number: cJSON's doubles would
 * round a 2^63 memcg limit.
 */
struct walk {
	const struct text *t;
	cJSON *doc;
	char path[512];
	size_t plen;
	int event;         /* index into "events", -1 outside */
	struct span span;
	const char *what;  /* the mutation, for messages */
	int bad;
};

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *skip_string(const char *p)
{
	for (p++; *p != '"'; p++)
		if (*p == '\\')
			p++;
	return p + 1;
}

static void push(struct walk *w, const char *s, size_t n, size_t *saved)
{
	*saved = w->plen;
	if (w->plen && s[0] != '[' && w->plen < sizeof(w->path) - 1)
		w->path[w->plen++] = '.';
	if (n > sizeof(w->path) - 1 - w->plen)
		n = sizeof(w->path) - 1 - w->plen;
	memcpy(w->path + w->plen, s, n);
	w->plen += n;
	w->path[w->plen] = '\0';
}

static void pop(struct walk *w, size_t saved)
{
	w->plen = saved;
	w->path[saved] = '\0';
}

static void enter_event(struct walk *w)
{
	cJSON *ev = cJSON_GetArrayItem(cJSON_GetObjectItem(w->doc, "events"),
				       ++w->event);
	cJSON *src = cJSON_GetObjectItem(ev, "source");
	cJSON *fl = cJSON_GetObjectItem(src, "first_line");
	cJSON *ll = cJSON_GetObjectItem(src, "last_line");

	if (!cJSON_IsNumber(fl) || !cJSON_IsNumber(ll)) {
		print_error("%s: event %d has no source span\n", w->what,
			    w->event + 1);
		w->bad++;
		return;
	}
	span_set(&w->span, w->t, (size_t)fl->valuedouble,
		 (size_t)ll->valuedouble);
}

static void number(struct walk *w, const char *num, size_t n)
{
	const char *rel = w->path + strlen("events[].");

	if (w->event < 0 || strncmp(w->path, "events[].", 9) || derived(rel)) {
		if (w->event >= 0 && !strcmp(rel, "time.uptime_us") &&
		    !span_has_uptime(&w->span, num, n)) {
			print_error("%s: event %d: %s %.*s not in its lines\n",
				    w->what, w->event + 1, rel, (int)n, num);
			w->bad++;
		}
		return;
	}
	numbers_checked++;
	if (!span_has(&w->span, num, n)) {
		print_error("%s: event %d: %s %.*s not in its lines\n",
			    w->what, w->event + 1, rel, (int)n, num);
		w->bad++;
	}
}

static const char *value(struct walk *w, const char *p);

static const char *object(struct walk *w, const char *p)
{
	p = ws(p + 1);
	while (*p == '"') {
		const char *k = p + 1, *v = skip_string(p);
		size_t saved;

		push(w, k, (size_t)(v - 1 - k), &saved);
		p = value(w, ws(ws(v) + 1));
		pop(w, saved);
		p = ws(p);
		if (*p == ',')
			p = ws(p + 1);
	}
	return p + 1;
}

static const char *array(struct walk *w, const char *p)
{
	bool events = !strcmp(w->path, "events");
	size_t saved;

	push(w, "[]", 2, &saved);
	p = ws(p + 1);
	while (*p != ']') {
		if (events)
			enter_event(w);
		p = ws(value(w, p));
		if (*p == ',')
			p = ws(p + 1);
	}
	pop(w, saved);
	return p + 1;
}

static const char *value(struct walk *w, const char *p)
{
	const char *q = p;

	switch (*p) {
	case '{': return object(w, p);
	case '[': return array(w, p);
	case '"': return skip_string(p);
	default: break;
	}
	if ((*q >= 'a' && *q <= 'z')) {
		while (*q >= 'a' && *q <= 'z')
			q++;
		return q;
	}
	while (*q && strchr("-+.eE0123456789", *q))
		q++;
	number(w, p, (size_t)(q - p));
	return q;
}

/* ---- one variant through every check ----------------------------------- */

static int check_output(const char *what, const char *name, const char *buf,
			size_t len, bool controls)
{
	size_t at = bad_byte(buf, len, controls);

	if (at == len)
		return 0;
	print_error("%s: %s output: %s at byte %zu: %.*s\n", what, name,
		    controls ? "control byte or invalid UTF-8" :
			       "invalid UTF-8",
		    at, (int)(len - at < 60 ? len - at : 60), buf + at);
	return 1;
}

/* Renders t; the numbers are looked up in the lines of src (normally t). */
static int check_variant(const struct text *t, const struct text *src,
			 const char *what)
{
	struct outputs o;
	struct walk w;
	int bad;

	memset(&w, 0, sizeof(w));
	render(t, &o);
	bad = check_output(what, "JSON", o.json, o.json_len, false) +
	      check_output(what, "text", o.text, o.text_len, true) +
	      check_output(what, "Markdown", o.md, o.md_len, true);
	w.doc = cJSON_ParseWithLength(o.json, o.json_len);
	if (!w.doc) {
		print_error("%s: the JSON does not parse\n", what);
		bad++;
	} else {
		w.t = src;
		w.event = -1;
		w.what = what;
		value(&w, ws(o.json));
		bad += w.bad;
		cJSON_Delete(w.doc);
		free(w.span.tok);
	}
	free(o.json);
	free(o.text);
	free(o.md);
	return bad;
}

/* ---- mutations ---------------------------------------------------------- */

enum mutation { CUT_LINE, CUT_BYTE, DROP, DUP, SWAP, FLIP };

static const char *const mutation_names[] = {
	"cut before line", "cut inside line", "drop line", "duplicate line",
	"swap lines", "overwrite bytes at line",
};

/* Line k with its line end (one is added when the file has none). */
static void add_line(struct strbuf *sb, const struct text *t, size_t k)
{
	if (k >= t->n)
		return;
	strbuf_add(sb, t->buf + t->start[k], t->start[k + 1] - t->start[k]);
	if (t->end[k] == t->start[k + 1])
		strbuf_addch(sb, '\n');
}

static void add_lines(struct strbuf *sb, const struct text *t, size_t a,
		      size_t b)
{
	for (; a < b && a < t->n; a++)
		add_line(sb, t, a);
}

static void flip(struct strbuf *sb)
{
	static const char hostile[] = { '\0', '\r', '\n', '\x1b', '\x7f',
					 (char)0xff, (char)0xc3, '(', ')', ':',
					 ' ', '[', ']', '-', '9', '0' };
	int n = 1 + (int)(rng() % 4);

	if (!sb->len)
		return;
	while (n--) {
		size_t at = rng() % sb->len;
		uint32_t r = rng();

		sb->buf[at] = (r & 3) ? (char)(r >> 8) :
			      hostile[(r >> 8) % sizeof(hostile)];
	}
}

/* The variant of lines [lo, hi) of t with mutation m at line k. */
static void mutate(struct strbuf *sb, const struct text *t, size_t lo,
		   size_t hi, enum mutation m, size_t k)
{
	size_t cut;

	switch (m) {
	case CUT_LINE:
		add_lines(sb, t, lo, k);
		break;
	case CUT_BYTE:
		add_lines(sb, t, lo, k);
		cut = k < t->n ? rng() % (t->start[k + 1] - t->start[k] + 1) : 0;
		if (k < t->n)
			strbuf_add(sb, t->buf + t->start[k], cut);
		break;
	case DROP:
		add_lines(sb, t, lo, k);
		add_lines(sb, t, k + 1, hi);
		break;
	case DUP:
		add_lines(sb, t, lo, k + 1);
		add_lines(sb, t, k, hi);
		break;
	case SWAP:
		add_lines(sb, t, lo, k);
		add_line(sb, t, k + 1);
		add_line(sb, t, k);
		add_lines(sb, t, k + 2, hi);
		break;
	case FLIP:
		add_lines(sb, t, lo, hi);
		flip(sb);
		break;
	}
}

static int run_variant(const struct fixture *f, enum mutation m, size_t k)
{
	const struct text *t = &f->t;
	size_t lo = 0, hi = t->n;
	struct strbuf sb = STRBUF_INIT;
	struct text v;
	char what[400];
	int bad;

	if (t->n > BIG_LINES) {
		lo = k > WINDOW ? k - WINDOW : 0;
		hi = k + WINDOW < t->n ? k + WINDOW : t->n;
	}
	mutate(&sb, t, lo, hi, m, k);
	text_set(&v, &sb);
	snprintf(what, sizeof(what), "%s: %s %zu (lines %zu-%zu)", f->name,
		 mutation_names[m], k + 1, lo + 1, hi);
	bad = check_variant(&v, &v, what);
	text_release(&v);
	return bad;
}

/*
 * Every line (or SAMPLES random ones in a big file); `points` random
 * mutations per fixture when not zero.
 */
static void sweep(enum mutation m, int points)
{
	size_t variants = 0;
	int bad = 0;

	numbers_checked = 0;
	for (size_t i = 0; i < n_fixtures; i++) {
		const struct fixture *f = &fixtures[i];
		size_t n = f->t.n + (m == CUT_LINE);
		bool sample = points || f->t.n > BIG_LINES;
		size_t count = points ? (size_t)points :
			       sample ? SAMPLES : n;

		rng_seed(f->name);
		for (size_t j = 0; j < count; j++)
			bad += run_variant(f, m, sample ? rng() % n : j);
		variants += count;
	}
	print_message("%s: %zu variants, %llu numbers checked\n",
		      mutation_names[m], variants,
		      (unsigned long long)numbers_checked);
	assert_int_equal(bad, 0);
}

static void test_robust_sweep_cut_at_every_line(void **state)
{
	(void)state;
	sweep(CUT_LINE, 0);
}

static void test_robust_sweep_cut_at_random_bytes(void **state)
{
	(void)state;
	sweep(CUT_BYTE, BYTE_CUTS);
}

static void test_robust_sweep_drop_each_line(void **state)
{
	(void)state;
	sweep(DROP, 0);
}

static void test_robust_sweep_duplicate_each_line(void **state)
{
	(void)state;
	sweep(DUP, 0);
}

static void test_robust_sweep_swap_adjacent_lines(void **state)
{
	(void)state;
	sweep(SWAP, 0);
}

static void test_robust_sweep_overwrite_random_bytes(void **state)
{
	(void)state;
	sweep(FLIP, FLIPS);
}

/* The unmutated fixtures have the property too, and the check is not empty. */
static void test_robust_check_fixtures_round_trip(void **state)
{
	int bad = 0;

	(void)state;
	numbers_checked = 0;
	for (size_t i = 0; i < n_fixtures; i++)
		bad += check_variant(&fixtures[i].t, &fixtures[i].t,
				     fixtures[i].name);
	assert_int_equal(bad, 0);
	/* 22 fixtures, thousands of task-table numbers alone */
	assert_true(numbers_checked > 10000);
}

static const struct fixture *fixture(const char *name)
{
	for (size_t i = 0; i < n_fixtures; i++)
		if (!strcmp(fixtures[i].name, name))
			return &fixtures[i];
	fail_msg("fixture %s not found", name);
	return NULL;
}

/*
 * The checker catches a number that is not in the log: the JSON of
 * memcg-oom-dmesg-618-hog.log is checked against a copy whose kill line
 * (line 78) says anon-rss:65281kB instead of 65280kB (hand-made lie).
 */
static void test_robust_check_catches_a_number_not_in_log(void **state)
{
	const struct fixture *f = fixture("memcg-oom-dmesg-618-hog.log");
	struct strbuf sb = STRBUF_INIT;
	struct text lie;
	char *at;

	(void)state;
	strbuf_add(&sb, f->t.buf, f->t.len);
	at = strstr(sb.buf, "anon-rss:65280kB");
	assert_non_null(at);
	at[strlen("anon-rss:6528")] = '1';
	text_set(&lie, &sb);
	assert_int_equal(check_variant(&f->t, &f->t, "hog"), 0);
	/* victim.anon_rss_kb and victims[0].anon_rss_kb */
	assert_int_equal(check_variant(&f->t, &lie, "hog (lie)"), 2);
	text_release(&lie);
}

static void load(struct fixture *f, const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	const char *base = strrchr(path, '/');

	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(fp);
	snprintf(f->name, sizeof(f->name), "%s", base ? base + 1 : path);
	text_set(&f->t, &sb);
}

static int setup(void **state)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	char pattern[4096];
	glob_t g;

	(void)state;
	snprintf(pattern, sizeof(pattern), "%s/*.log", dir ? dir : "fixtures");
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
		fprintf(stderr, "no fixtures at %s (set OOMSCOPE_FIXTURES)\n",
			pattern);
		return -1;
	}
	fixtures = xcalloc(g.gl_pathc, sizeof(*fixtures));
	for (n_fixtures = 0; n_fixtures < g.gl_pathc; n_fixtures++)
		load(&fixtures[n_fixtures], g.gl_pathv[n_fixtures]);
	globfree(&g);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_fixtures; i++)
		text_release(&fixtures[i].t);
	free(fixtures);
	return 0;
}

/*
 * An argument (or OOMSCOPE_ROBUST_ONLY) is a cmocka name filter:
 * "test_robust_check_*" runs the quick checks, "*_drop_*" one sweep; ctest
 * runs each sweep as its own test, in parallel.
 */
int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_robust_check_fixtures_round_trip),
		cmocka_unit_test(test_robust_check_catches_a_number_not_in_log),
		cmocka_unit_test(test_robust_sweep_cut_at_every_line),
		cmocka_unit_test(test_robust_sweep_cut_at_random_bytes),
		cmocka_unit_test(test_robust_sweep_drop_each_line),
		cmocka_unit_test(test_robust_sweep_duplicate_each_line),
		cmocka_unit_test(test_robust_sweep_swap_adjacent_lines),
		cmocka_unit_test(test_robust_sweep_overwrite_random_bytes),
	};
	const char *only = argc > 1 ? argv[1] : getenv("OOMSCOPE_ROBUST_ONLY");

	if (only && *only)
		cmocka_set_test_filter(only);
	return cmocka_run_group_tests(tests, setup, teardown);
}
