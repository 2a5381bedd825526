/*
 * journalctl -o export input (journal_export.c, and its detection in
 * pipeline.c through input.c's sniff and raw hooks).
 *
 * There is no journald here, so the export inputs are CONVERTED from real
 * fixtures by the test itself: each line's prefix is parsed by prefix.c
 * and written as one entry with the fields journald stores (__CURSOR, whose
 * value is hand-made, __REALTIME_TIMESTAMP, _SOURCE_MONOTONIC_TIMESTAMP,
 * _HOSTNAME, _TRANSPORT, SYSLOG_IDENTIFIER and MESSAGE).  A MESSAGE that
 * holds a newline is written in the binary form (name, LF, 64-bit
 * little-endian length, bytes, LF), as journalctl does; the codis log's
 * Mem-Info counter lines 41-45 are joined into one such MESSAGE, as
 * journald keeps the kernel's one multi-line printk as one record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/journal_export.h"
#include "oomscope/pipeline.h"
#include "oomscope/scan.h"
#include "testutil.h"
#include "oomscope/strbuf.h"

#define CODIS "global-oom-syslog-centos6-codis.log"
#define HOG "memcg-oom-dmesg-618-hog.log"

/* What two readings of one report must agree on. */
struct summary {
	char host[256], victim[64], invoker[64];
	int64_t wall_s, victim_pid, anon_kb, invoker_pid;
	uint64_t uptime_us, first_line, last_line;
	bool complete;
	size_t n_tasks;
	int n_zones;
	int64_t normal_free_kb, normal_min_kb;
};

struct run {
	struct summary ev[8];
	int n;
	uint64_t journal_records, journal_bad, non_kernel;
};

static void keep(void *ctx, struct oom_event *ev)
{
	struct run *r = ctx;
	struct summary *s = &r->ev[r->n];

	assert_true(r->n < 8);
	memset(s, 0, sizeof(*s));
	snprintf(s->host, sizeof(s->host), "%s", ev->host);
	snprintf(s->victim, sizeof(s->victim), "%s", ev->victim.name);
	snprintf(s->invoker, sizeof(s->invoker), "%s", ev->invoker.name);
	s->wall_s = ev->wall_s;
	s->uptime_us = ev->uptime_us;
	s->victim_pid = ev->victim.pid;
	s->anon_kb = ev->victim.anon_rss_kb;
	s->invoker_pid = ev->invoker.pid;
	s->first_line = ev->first_line;
	s->last_line = ev->last_line;
	s->complete = ev->complete;
	s->n_tasks = ev->n_tasks;
	s->n_zones = ev->n_zones;
	s->normal_free_kb = s->normal_min_kb = -1;
	for (int i = 0; i < ev->n_zones; i++)
		if (!strcmp(ev->zones[i].name, "Normal")) {
			s->normal_free_kb = ev->zones[i].free_kb;
			s->normal_min_kb = ev->zones[i].min_kb;
		}
	r->n++;
}

static void same(const struct summary *a, const struct summary *b)
{
	assert_string_equal(a->host, b->host);
	assert_string_equal(a->victim, b->victim);
	assert_string_equal(a->invoker, b->invoker);
	assert_int_equal(a->wall_s, b->wall_s);
	assert_int_equal(a->uptime_us, b->uptime_us);
	assert_int_equal(a->victim_pid, b->victim_pid);
	assert_int_equal(a->anon_kb, b->anon_kb);
	assert_int_equal(a->invoker_pid, b->invoker_pid);
	assert_int_equal(a->complete, b->complete);
	assert_int_equal(a->n_tasks, b->n_tasks);
	assert_int_equal(a->n_zones, b->n_zones);
	assert_int_equal(a->normal_free_kb, b->normal_free_kb);
	assert_int_equal(a->normal_min_kb, b->normal_min_kb);
}


/* Runs the pipeline over buf, fed in chunks of `chunk` bytes (0: whole). */
static void run_chunks(struct run *r, const char *buf, size_t len,
		       size_t chunk)
{
	struct pipeline p;
	struct input inp;

	memset(r, 0, sizeof(*r));
	pipeline_init(&p, 2026, 0, keep, r);
	if (chunk == 0) {
		pipeline_run_buffer(&p, "x.log", buf, len);
	} else {
		pipeline_begin(&p, "x.log", 2026, &inp);
		for (size_t i = 0; i < len; i += chunk)
			input_feed(&inp, buf + i,
				   len - i < chunk ? len - i : chunk);
		pipeline_end(&p, &inp);
	}
	r->journal_records = p.inputs[0].journal_records;
	r->journal_bad = p.inputs[0].journal_bad;
	r->non_kernel = p.inputs[0].non_kernel_lines;
	pipeline_release(&p);
}

/* ---- conversion to export format --------------------------------------- */

struct conv {
	struct strbuf out;
	struct strbuf msg;
	struct log_line ln;        /* the entry's first line (pointers die) */
	char host[256];
	const char *transport;
	int fold_from, fold_to;    /* fixture lines joined into one MESSAGE */
	uint64_t entries;
	uint64_t line_of[256];     /* export line of the entry of fixture line */
};

static void field_u64(struct strbuf *sb, const char *k, uint64_t v)
{
	strbuf_addf(sb, "%s=%" PRIu64 "\n", k, v);
}

/* The binary form: NAME LF, le64 length, bytes, LF. */
static void field_binary(struct strbuf *sb, const char *k, const char *v,
			 uint64_t len, size_t real)
{
	strbuf_addf(sb, "%s\n", k);
	for (int i = 0; i < 8; i++)
		strbuf_addch(sb, (int)(len >> (8 * i) & 0xff));
	strbuf_add(sb, v, real);
	strbuf_addch(sb, '\n');
}

static void flush_entry(struct conv *c)
{
	const struct log_line *ln = &c->ln;

	if (c->msg.len == 0)
		return;
	strbuf_addf(&c->out, "__CURSOR=converted;i=%" PRIx64 "\n",
		    ++c->entries);
	if (ln->has_wall)
		field_u64(&c->out, "__REALTIME_TIMESTAMP",
			  (uint64_t)ln->wall_s * 1000000 + ln->wall_us);
	if (ln->has_uptime)
		field_u64(&c->out, "_SOURCE_MONOTONIC_TIMESTAMP",
			  ln->uptime_us);
	if (c->host[0])
		strbuf_addf(&c->out, "_HOSTNAME=%s\n", c->host);
	strbuf_addf(&c->out, "_TRANSPORT=%s\n", c->transport);
	strbuf_addstr(&c->out, "SYSLOG_IDENTIFIER=kernel\n");
	if (memchr(c->msg.buf, '\n', c->msg.len))
		field_binary(&c->out, "MESSAGE", c->msg.buf, c->msg.len,
			     c->msg.len);
	else
		strbuf_addf(&c->out, "MESSAGE=%s\n", c->msg.buf);
	strbuf_addch(&c->out, '\n');
	strbuf_reset(&c->msg);
}

static void convert_line(struct conv *c, char *line, size_t n, int no)
{
	struct prefix px;
	struct log_line ln;

	prefix_init(&px, 2026, 0);
	prefix_parse(&px, line, n, &ln);
	assert_true(ln.is_kernel);
	if (no > c->fold_from && no <= c->fold_to) {
		strbuf_addch(&c->msg, '\n');
		strbuf_add(&c->msg, ln.msg, ln.msg_len);
		c->line_of[no] = c->line_of[no - 1];
		return;
	}
	flush_entry(c);
	c->line_of[no] = scan_count_nl(c->out.buf, c->out.len) + 1;
	c->ln = ln;
	snprintf(c->host, sizeof(c->host), "%.*s", (int)ln.host_len,
		 ln.host ? ln.host : "");
	strbuf_add(&c->msg, ln.msg, ln.msg_len);
}

/* The fixture as an export (see the top); fold: lines joined, 0 none. */
static char *to_export(struct conv *c, const char *buf, size_t len,
		       const char *transport, int fold_from, int fold_to,
		       size_t *out_len)
{
	int no = 0;

	memset(c, 0, sizeof(*c));
	strbuf_init(&c->out, 0);
	strbuf_init(&c->msg, 0);
	c->transport = transport;
	c->fold_from = fold_from;
	c->fold_to = fold_to;
	for (const char *s = buf; s < buf + len;) {
		const char *nl = memchr(s, '\n', (size_t)(buf + len - s));
		size_t n = (size_t)((nl ? nl : buf + len) - s);
		char *line = strndup(s, n);  /* the parser wants no NUL inside */

		assert_true(++no < 256);
		convert_line(c, line, n, no);  /* copies what it keeps */
		free(line);
		s += n + 1;
	}
	flush_entry(c);
	strbuf_release(&c->msg);
	return strbuf_detach(&c->out, out_len);
}

/* ---- tests --------------------------------------------------------------- */

/*
 * The codis seed as an export: the events equal the plain file's.  Expected
 * values are from the fixture: victim and anon-rss line 121, invoker line 3
 * ("Pid: 4492, comm: codis-server"), task rows lines 65-119 (55), zone
 * Normal free and min line 50.
 */
static void test_journal_export_codis(void **state)
{
	static struct run plain, ex;
	static struct conv c;
	size_t len, ex_len;
	char *log = testutil_slurp(CODIS, &len);
	char *e = to_export(&c, log, len, "kernel", 41, 45, &ex_len);

	(void)state;
	assert_non_null(memmem(e, ex_len, "\nMESSAGE\n", 9));  /* binary used */
	run_chunks(&plain, log, len, 0);
	run_chunks(&ex, e, ex_len, 0);
	assert_int_equal(plain.n, 1);
	assert_int_equal(ex.n, 1);
	same(&plain.ev[0], &ex.ev[0]);
	assert_string_equal(ex.ev[0].host, "vm-centos6");
	assert_string_equal(ex.ev[0].victim, "codis-server");
	assert_int_equal(ex.ev[0].victim_pid, 4492);
	assert_int_equal(ex.ev[0].anon_kb, 17729176);
	assert_string_equal(ex.ev[0].invoker, "codis-server");
	assert_int_equal(ex.ev[0].invoker_pid, 4492);
	assert_int_equal(ex.ev[0].n_tasks, 55);
	assert_int_equal(ex.ev[0].normal_free_kb, 56140);
	assert_int_equal(ex.ev[0].normal_min_kb, 56364);
	/* line numbers: those of the entries' first fields in the export */
	assert_int_equal(ex.ev[0].first_line, 1);
	assert_int_equal(ex.ev[0].last_line, c.line_of[121]);
	assert_true(c.line_of[121] > 121);  /* not the fixture's line */
	assert_int_equal(ex.journal_records, 123 - 4);  /* 5 lines, 1 entry */
	assert_int_equal(ex.journal_bad, 0);
	free(e);
	free(log);
}

/* The memcg hog (dmesg: uptimes, no host).  Values: lines 1, 76, 78. */
static void test_journal_export_hog(void **state)
{
	static struct run plain, ex;
	static struct conv c;
	size_t len, ex_len;
	char *log = testutil_slurp(HOG, &len);
	char *e = to_export(&c, log, len, "kernel", 0, 0, &ex_len);

	(void)state;
	run_chunks(&plain, log, len, 0);
	run_chunks(&ex, e, ex_len, 0);
	assert_int_equal(plain.n, 1);
	assert_int_equal(ex.n, 1);
	same(&plain.ev[0], &ex.ev[0]);
	assert_string_equal(ex.ev[0].host, "");
	assert_string_equal(ex.ev[0].victim, "hog");
	assert_int_equal(ex.ev[0].victim_pid, 2150);
	assert_int_equal(ex.ev[0].anon_kb, 65280);
	assert_string_equal(ex.ev[0].invoker, "hog");
	assert_int_equal(ex.ev[0].n_tasks, 1);
	assert_int_equal(ex.ev[0].uptime_us, 89703652);
	assert_int_equal(ex.ev[0].last_line, c.line_of[78]);
	free(e);
	free(log);
}

/* One byte at a time, and 7 at a time: the same events, same lines. */
static void test_journal_export_chunks(void **state)
{
	static struct run whole, part;
	static struct conv c;
	const char *names[] = { CODIS, HOG };
	const size_t chunks[] = { 1, 7 };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		size_t len, ex_len;
		char *log = testutil_slurp(names[i], &len);
		char *e = to_export(&c, log, len, "kernel", i ? 0 : 41,
				    i ? 0 : 45, &ex_len);

		run_chunks(&whole, e, ex_len, 0);
		assert_int_equal(whole.n, 1);
		for (size_t k = 0; k < 2; k++) {
			run_chunks(&part, e, ex_len, chunks[k]);
			assert_int_equal(part.n, 1);
			same(&whole.ev[0], &part.ev[0]);
			assert_int_equal(part.ev[0].first_line,
					 whole.ev[0].first_line);
			assert_int_equal(part.ev[0].last_line,
					 whole.ev[0].last_line);
		}
		free(e);
		free(log);
	}
}

/* _TRANSPORT=syslog: a user process wrote it, not the kernel. */
static void test_journal_export_spoofed(void **state)
{
	static struct run r;
	static struct conv c;
	size_t len, ex_len;
	char *log = testutil_slurp(CODIS, &len);
	char *e = to_export(&c, log, len, "syslog", 0, 0, &ex_len);

	(void)state;
	run_chunks(&r, e, ex_len, 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.journal_records, 123);
	assert_int_equal(r.non_kernel, 123);
	free(e);
	free(log);
}

/*
 * A garbage length (2^63) in the MESSAGE of the entry of codis line 90
 * (a task row: the event is open): the entries before it make an
 * incomplete event, nothing is allocated for the length, the bytes after
 * it up to the empty line are dropped, and the hand-made entry after that
 * (no _TRANSPORT, so not the kernel's) is read again, then the input ends.
 */
static void test_journal_export_garbage_length(void **state)
{
	static struct run r, plain;
	static struct conv c;
	size_t len, ex_len, cut_len;
	char *log = testutil_slurp(CODIS, &len);
	char *e = to_export(&c, log, len, "kernel", 0, 0, &ex_len);
	struct strbuf sb = STRBUF_INIT;
	const char *at = e;

	(void)state;
	/* the export up to the entry of line 90 */
	for (uint64_t n = 1; n < c.line_of[90]; n++)
		at = strchr(at, '\n') + 1;
	strbuf_add(&sb, e, (size_t)(at - e));
	strbuf_addstr(&sb, "__CURSOR=s=0;i=3d\n_TRANSPORT=kernel\n");
	field_binary(&sb, "MESSAGE", "Killed process 1 (init)", 1ULL << 63,
		     23);  /* hand-made: only 23 bytes follow */
	strbuf_addstr(&sb, "\nMESSAGE=Out of memory: Kill process 1 (init)\n");
	run_chunks(&r, sb.buf, sb.len, 0);
	assert_int_equal(r.n, 1);
	assert_false(r.ev[0].complete);
	assert_string_equal(r.ev[0].invoker, "codis-server");
	assert_int_equal(r.journal_bad, 1);
	/* 89 entries, the one cut by the garbage, the one after it */
	assert_int_equal(r.journal_records, 89 + 2);
	assert_int_equal(r.non_kernel, 1);
	/* the same lines as plain text, cut after line 89, agree */
	for (cut_len = 0, at = log; cut_len < 89; cut_len++)
		at = strchr(at, '\n') + 1;
	run_chunks(&plain, log, (size_t)(at - log), 0);
	assert_int_equal(plain.n, 1);
	same(&plain.ev[0], &r.ev[0]);
	strbuf_release(&sb);
	free(e);
	free(log);
}

/*
 * The export cut in the middle of the kill line's MESSAGE (codis line 121,
 * after "Killed process 4492, UID 0, (codis-ser"): the cut entry is still
 * delivered, and the events equal those of the plain text cut at the same
 * place.
 */
static void test_journal_export_truncated(void **state)
{
	static struct run r, plain;
	static struct conv c;
	size_t len, ex_len;
	char *log = testutil_slurp(CODIS, &len);
	char *e = to_export(&c, log, len, "kernel", 41, 45, &ex_len);
	const char *key = "Killed process 4492, UID 0, (codis-ser";
	const char *pe = memmem(e, ex_len, key, strlen(key));
	const char *pl = strstr(log, key);

	(void)state;
	assert_non_null(pe);
	assert_non_null(pl);
	run_chunks(&r, e, (size_t)(pe - e) + strlen(key), 0);
	run_chunks(&plain, log, (size_t)(pl - log) + strlen(key), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(plain.n, 1);
	same(&plain.ev[0], &r.ev[0]);
	assert_int_equal(r.journal_records, 121 - 4);
	free(e);
	free(log);
}

/* ---- the parser on its own (hand-made entries) --------------------------- */

struct seen {
	int n;
	char msg[4][64];
	size_t msg_len[4], full_len[4];
	uint64_t lineno[4];
	bool kernel[4], has_msg[4];
	char host[4][OOM_HOST_MAX];
	uint64_t rt[4], mono[4];
};

static void collect(void *ctx, const struct journal_rec *r, uint64_t lineno)
{
	struct seen *s = ctx;
	size_t n = r->msg.len < 63 ? r->msg.len : 63;

	assert_true(s->n < 4);
	memcpy(s->msg[s->n], r->msg.buf, n);
	s->msg[s->n][n] = '\0';
	s->msg_len[s->n] = n;
	s->full_len[s->n] = r->msg.len;
	s->has_msg[s->n] = r->has_msg;
	s->lineno[s->n] = lineno;
	s->kernel[s->n] = r->is_kernel;
	snprintf(s->host[s->n], sizeof(s->host[0]), "%s",
		 r->has_host ? r->host : "-");
	s->rt[s->n] = r->has_realtime ? r->realtime_us : 0;
	s->mono[s->n] = r->has_monotonic ? r->monotonic_us : 0;
	s->n++;
}

/*
 * Hand-made: entry 1 has a binary MESSAGE holding LF, an empty line, NUL,
 * '=' and CR (length 9), a second MESSAGE (ignored: the first wins) and a
 * binary field whose length bytes include 0x0a; entry 2 a text MESSAGE
 * longer than OOM_MAX_LINE (cut); entry 3 has no empty line at the end.
 */
static void build_entries(struct strbuf *sb)
{
	static char big[OOM_MAX_LINE + 10];

	strbuf_addstr(sb, "__CURSOR=c1\n_HOSTNAME=h1\n_TRANSPORT=kernel\n");
	field_binary(sb, "MESSAGE", "a\n\nb\0=\r!", 9, 9);
	strbuf_addstr(sb, "MESSAGE=second\n");
	field_binary(sb, "X", "0123456789", 10, 10);  /* 10 is 0x0a */
	strbuf_addstr(sb, "__REALTIME_TIMESTAMP=1700000000123456\n\n");
	/* line 14: counting the 4 LF bytes inside the binary values */
	memset(big, 'm', sizeof(big));
	strbuf_addstr(sb, "__CURSOR=c2\n_TRANSPORT=syslog\nMESSAGE=");
	strbuf_add(sb, big, sizeof(big));
	strbuf_addstr(sb, "\n\n__CURSOR=c3\n_SOURCE_MONOTONIC_TIMESTAMP=42\n"
		      "_TRANSPORT=kernel\nMESSAGE=tail");
}

static void check_entries(const struct seen *s,
			  const struct journal_export_stats *st)
{
	assert_int_equal(s->n, 3);
	assert_int_equal(s->full_len[0], 9);
	assert_memory_equal(s->msg[0], "a\n\nb\0=\r!", 9);
	assert_string_equal(s->host[0], "h1");
	assert_true(s->kernel[0]);
	assert_int_equal(s->rt[0], 1700000000123456ULL);
	assert_int_equal(s->lineno[0], 1);
	assert_int_equal(s->lineno[1], 14);
	assert_false(s->kernel[1]);
	assert_int_equal(s->full_len[1], OOM_MAX_LINE);
	assert_int_equal(s->lineno[2], 18);
	assert_int_equal(s->mono[2], 42);
	assert_string_equal(s->msg[2], "tail");
	assert_true(s->has_msg[2]);
	assert_int_equal(st->entries, 3);
	assert_int_equal(st->cut_values, 1);
	assert_int_equal(st->truncated_entries, 1);
	assert_int_equal(st->bad, 0);
}

static void test_journal_export_parser(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct journal_export jx;
	static struct seen s;

	(void)state;
	build_entries(&sb);
	for (size_t chunk = 1; chunk <= sb.len; chunk = chunk * 3 + 1) {
		memset(&s, 0, sizeof(s));
		journal_export_init(&jx, collect, &s);
		for (size_t i = 0; i < sb.len; i += chunk)
			journal_export_feed(&jx, sb.buf + i,
					    sb.len - i < chunk ? sb.len - i :
								 chunk);
		journal_export_finish(&jx);
		check_entries(&s, &jx.stats);
		journal_export_release(&jx);
	}
	strbuf_release(&sb);
}

static void test_journal_export_detect(void **state)
{
	(void)state;
	assert_int_equal(journal_export_detect("", 0), -1);
	assert_int_equal(journal_export_detect("__CURS", 6), -1);
	assert_int_equal(journal_export_detect("__CURSOR=s=1", 12), 1);
	assert_int_equal(journal_export_detect("__CURSOR\n", 9), 0);
	assert_int_equal(journal_export_detect("Nov 13 14", 9), 0);
	assert_int_equal(journal_export_detect("[", 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_export_codis),
		cmocka_unit_test(test_journal_export_hog),
		cmocka_unit_test(test_journal_export_chunks),
		cmocka_unit_test(test_journal_export_spoofed),
		cmocka_unit_test(test_journal_export_garbage_length),
		cmocka_unit_test(test_journal_export_truncated),
		cmocka_unit_test(test_journal_export_parser),
		cmocka_unit_test(test_journal_export_detect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
