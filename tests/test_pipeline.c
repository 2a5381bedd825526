/*
 * End-to-end tests of the pipeline's inputs: a real log given as
 * journalctl -o json records, or compressed with gzip, xz or zstd, yields
 * the same events as its plain form.
 *
 * There is no journald on the machines that captured the corpus, so the
 * journal inputs here are CONVERTED from real fixtures by the test itself:
 * each line's prefix is parsed by prefix.c and the record is written with
 * the fields journald would store (MESSAGE without the prefix, _HOSTNAME,
 * __REALTIME_TIMESTAMP, _SOURCE_MONOTONIC_TIMESTAMP, _TRANSPORT=kernel);
 * dmesg's indented continuation lines are folded into the record before
 * them with a newline, as journald keeps a multi-line printk as one record.
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
#include <unistd.h>

#include <cjson/cJSON.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "oomscope/context.h"
#include "oomscope/pipeline.h"
#include "testutil.h"
#include "oomscope/strbuf.h"

/* What two readings of one report must agree on. */
struct summary {
	char host[256], victim[64], invoker[64], kernel[128];
	int64_t wall_s, victim_pid, anon_kb, invoker_pid, order;
	uint64_t uptime_us, gfp, first_line, last_line;
	uint32_t seen, missing;
	bool complete, has_wall, has_uptime;
	size_t n_tasks;
	int n_zones, n_evidence;
};

struct run {
	struct summary ev[64];
	int n;
};

static void keep(void *ctx, struct oom_event *ev)
{
	struct run *r = ctx;
	struct summary *s = &r->ev[r->n];

	assert_true(r->n < 64);
	memset(s, 0, sizeof(*s));
	snprintf(s->host, sizeof(s->host), "%s", ev->host);
	snprintf(s->victim, sizeof(s->victim), "%s", ev->victim.name);
	snprintf(s->invoker, sizeof(s->invoker), "%s", ev->invoker.name);
	snprintf(s->kernel, sizeof(s->kernel), "%s", ev->kernel_version);
	s->wall_s = ev->wall_s;
	s->has_wall = ev->has_wall;
	s->uptime_us = ev->uptime_us;
	s->has_uptime = ev->has_uptime;
	s->victim_pid = ev->victim.pid;
	s->anon_kb = ev->victim.anon_rss_kb;
	s->invoker_pid = ev->invoker.pid;
	s->order = ev->invoker.order;
	s->gfp = ev->invoker.gfp_mask;
	s->first_line = ev->first_line;
	s->last_line = ev->last_line;
	s->seen = ev->seen;
	s->missing = ev->missing;
	s->complete = ev->complete;
	s->n_tasks = ev->n_tasks;
	s->n_zones = ev->n_zones;
	s->n_evidence = ev->n_evidence;
	r->n++;
}

static void same(const struct summary *a, const struct summary *b,
		 bool lines)
{
	assert_string_equal(a->host, b->host);
	assert_string_equal(a->victim, b->victim);
	assert_string_equal(a->invoker, b->invoker);
	assert_string_equal(a->kernel, b->kernel);
	assert_int_equal(a->has_wall, b->has_wall);
	assert_int_equal(a->wall_s, b->wall_s);
	assert_int_equal(a->has_uptime, b->has_uptime);
	assert_int_equal(a->uptime_us, b->uptime_us);
	assert_int_equal(a->victim_pid, b->victim_pid);
	assert_int_equal(a->anon_kb, b->anon_kb);
	assert_int_equal(a->invoker_pid, b->invoker_pid);
	assert_int_equal(a->order, b->order);
	assert_int_equal(a->gfp, b->gfp);
	assert_int_equal(a->seen, b->seen);
	assert_int_equal(a->missing, b->missing);
	assert_int_equal(a->complete, b->complete);
	assert_int_equal(a->n_tasks, b->n_tasks);
	assert_int_equal(a->n_zones, b->n_zones);
	assert_int_equal(a->n_evidence, b->n_evidence);
	if (lines) {
		assert_int_equal(a->first_line, b->first_line);
		assert_int_equal(a->last_line, b->last_line);
	}
}


static void run_buffer(struct run *r, const char *buf, size_t len)
{
	struct pipeline p;

	r->n = 0;
	pipeline_init(&p, 2026, 0, keep, r);
	pipeline_run_buffer(&p, "x.log", buf, len);
	pipeline_release(&p);
}

/* ---- conversion to journal JSON --------------------------------------- */

struct conv {
	struct strbuf out;
	cJSON *rec;                /* the record being built */
	struct strbuf msg;
	const char *transport;
};

static void flush_record(struct conv *c)
{
	char *text;

	if (!c->rec)
		return;
	cJSON_AddStringToObject(c->rec, "MESSAGE", c->msg.buf);
	text = cJSON_PrintUnformatted(c->rec);
	strbuf_addstr(&c->out, text);
	strbuf_addch(&c->out, '\n');
	cJSON_free(text);
	cJSON_Delete(c->rec);
	c->rec = NULL;
	strbuf_reset(&c->msg);
}

static void add_u64(cJSON *o, const char *k, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	cJSON_AddStringToObject(o, k, buf);  /* journalctl prints strings */
}

static void convert_line(struct conv *c, const struct log_line *ln)
{
	if (ln->style == PREFIX_CONTINUATION && c->rec) {
		const char *m = ln->msg;

		while (*m == ' ')
			m++;
		strbuf_addstr(&c->msg, "\n ");
		strbuf_add(&c->msg, m, ln->msg_len - (size_t)(m - ln->msg));
		return;
	}
	flush_record(c);
	c->rec = cJSON_CreateObject();
	cJSON_AddStringToObject(c->rec, "_TRANSPORT",
				ln->is_kernel ? c->transport : "syslog");
	if (ln->host) {
		char h[256];

		snprintf(h, sizeof(h), "%.*s", (int)ln->host_len, ln->host);
		cJSON_AddStringToObject(c->rec, "_HOSTNAME", h);
	}
	if (ln->has_wall)
		add_u64(c->rec, "__REALTIME_TIMESTAMP",
			(uint64_t)ln->wall_s * 1000000 + ln->wall_us);
	if (ln->has_uptime)
		add_u64(c->rec, "_SOURCE_MONOTONIC_TIMESTAMP", ln->uptime_us);
	strbuf_add(&c->msg, ln->msg, ln->msg_len);
}

/* The fixture as journal JSON, one record per line (see the top). */
static char *to_journal(const char *buf, size_t len, const char *transport)
{
	struct conv c = { .transport = transport };
	struct prefix px;
	size_t out_len;

	strbuf_init(&c.out, 0);
	strbuf_init(&c.msg, 0);
	prefix_init(&px, 2026, 0);
	for (const char *s = buf; s < buf + len;) {
		const char *nl = memchr(s, '\n', (size_t)(buf + len - s));
		size_t n = (size_t)((nl ? nl : buf + len) - s);
		char *line = strndup(s, n);  /* the parser wants no NUL inside */
		struct log_line ln;

		prefix_parse(&px, line, n, &ln);
		convert_line(&c, &ln);
		flush_record(&c);
		free(line);
		s += n + 1;
	}
	strbuf_release(&c.msg);
	return strbuf_detach(&c.out, &out_len);
}

/* Like to_journal, but continuation lines join their record. */
static char *to_journal_folded(const char *buf, size_t len)
{
	struct conv c = { .transport = "kernel" };
	struct prefix px;
	size_t out_len;

	strbuf_init(&c.out, 0);
	strbuf_init(&c.msg, 0);
	prefix_init(&px, 2026, 0);
	for (const char *s = buf; s < buf + len;) {
		const char *nl = memchr(s, '\n', (size_t)(buf + len - s));
		size_t n = (size_t)((nl ? nl : buf + len) - s);
		char *line = strndup(s, n);
		struct log_line ln;

		prefix_parse(&px, line, n, &ln);
		convert_line(&c, &ln);
		free(line);
		s += n + 1;
	}
	flush_record(&c);
	strbuf_release(&c.msg);
	return strbuf_detach(&c.out, &out_len);
}

static void check_journal_equal(const char *fixture, int events, bool fold)
{
	static struct run plain, journal;
	size_t len;
	char *log = testutil_slurp(fixture, &len);
	char *js = fold ? to_journal_folded(log, len) :
			  to_journal(log, len, "kernel");

	run_buffer(&plain, log, len);
	run_buffer(&journal, js, strlen(js));
	assert_int_equal(plain.n, events);
	assert_int_equal(journal.n, events);
	for (int i = 0; i < events; i++)
		same(&plain.ev[i], &journal.ev[i], !fold);
	free(js);
	free(log);
}

static void test_pipeline_journal_json_syslog(void **state)
{
	(void)state;
	/* the seed log: one event, host vm-centos6, wall times */
	check_journal_equal("global-oom-syslog-centos6-codis.log", 1, false);
	/* 34k lines of /var/log/messages, 20 events */
	check_journal_equal("many-events-syslog-rhel6-new-db1.log", 20, false);
}

static void test_pipeline_journal_json_multiline(void **state)
{
	(void)state;
	/* dmesg, uptimes, no host; continuation lines folded into records */
	check_journal_equal("manual-oom-dmesg-nixos618.log", 1, true);
	check_journal_equal("memcg-oom-dmesg-618-workers.log", 3, true);
}

/* _TRANSPORT is what tells kernel records: a forged one is ignored. */
static void test_pipeline_journal_json_spoofed(void **state)
{
	static struct run r;
	size_t len;
	char *log = testutil_slurp("global-oom-syslog-centos6-codis.log", &len);
	char *js = to_journal(log, len, "syslog");

	(void)state;
	run_buffer(&r, js, strlen(js));
	assert_int_equal(r.n, 0);
	free(js);
	free(log);
}

/*
 * MESSAGE as an array of byte values (journald's form for text that is not
 * printable UTF-8) and null (longer than journalctl's field limit).  The
 * two kill lines are truncated-syslog-centos-nmap.log lines 3-4;
 * the records around them are hand-made.
 */
static void test_pipeline_journal_json_message_forms(void **state)
{
	static struct run r;
	struct strbuf sb = STRBUF_INIT;
	const char *kill =
		"Killed process 19272 (nmap) total-vm:2712848kB, "
		"anon-rss:1690624kB, file-rss:0kB, shmem-rss:0kB";

	(void)state;
	strbuf_addstr(&sb, "{\"_TRANSPORT\":\"kernel\",\"MESSAGE\":null}\n");
	strbuf_addstr(&sb, "{\"_TRANSPORT\":\"kernel\",\"_HOSTNAME\":\"h\","
		      "\"MESSAGE\":\"Out of memory: Kill process 19272 (nmap) "
		      "score 873 or sacrifice child\"}\n");
	strbuf_addstr(&sb, "{\"MESSAGE\":[");
	for (size_t i = 0; kill[i]; i++)
		strbuf_addf(&sb, "%s%u", i ? "," : "", (unsigned char)kill[i]);
	strbuf_addstr(&sb, "],\"_HOSTNAME\":\"h\",\"_TRANSPORT\":\"kernel\"}\n");
	run_buffer(&r, sb.buf, sb.len);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.ev[0].victim, "nmap");
	assert_int_equal(r.ev[0].anon_kb, 1690624);
	assert_string_equal(r.ev[0].host, "h");
	assert_int_equal(r.ev[0].first_line, 2);
	assert_int_equal(r.ev[0].last_line, 3);
	strbuf_release(&sb);
}

/* ---- compressed inputs ------------------------------------------------ */

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void run_path(struct run *r, const char *path)
{
	struct pipeline p;

	r->n = 0;
	pipeline_init(&p, 2026, 0, keep, r);
	assert_int_equal(pipeline_run_path(&p, path), 0);
	pipeline_release(&p);
}

static void compress_gzip(const char *path, const char *buf, size_t len)
{
	gzFile gz = gzopen(path, "wb9");

	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, buf, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

static void compress_xz(const char *path, const char *buf, size_t len)
{
	size_t cap = lzma_stream_buffer_bound(len), pos = 0;
	uint8_t *out = malloc(cap);

	assert_non_null(out);
	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL,
						 (const uint8_t *)buf, len, out,
						 &pos, cap), LZMA_OK);
	write_file(path, out, pos);
	free(out);
}

static void compress_zstd(const char *path, const char *buf, size_t len)
{
	size_t cap = ZSTD_compressBound(len), n;
	void *out = malloc(cap);

	assert_non_null(out);
	n = ZSTD_compress(out, cap, buf, len, 3);
	assert_false(ZSTD_isError(n));
	write_file(path, out, n);
	free(out);
}

static void test_pipeline_compressed_inputs(void **state)
{
	static struct run plain, packed;
	void (*const pack[])(const char *, const char *, size_t) = {
		compress_gzip, compress_xz, compress_zstd,
	};
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	char plain_path[4096], tmp[] = "/tmp/oomscope-test-XXXXXX";
	size_t len;
	char *log = testutil_slurp("many-events-syslog-rhel6-new-db1.log", &len);
	int fd = mkstemp(tmp);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	snprintf(plain_path, sizeof(plain_path), "%s/%s",
		 dir ? dir : "fixtures", "many-events-syslog-rhel6-new-db1.log");
	run_path(&plain, plain_path);
	assert_int_equal(plain.n, 20);
	for (size_t i = 0; i < sizeof(pack) / sizeof(pack[0]); i++) {
		pack[i](tmp, log, len);
		run_path(&packed, tmp);
		assert_int_equal(packed.n, plain.n);
		for (int e = 0; e < plain.n; e++)
			same(&plain.ev[e], &packed.ev[e], true);
	}
	unlink(tmp);
	free(log);
}

static void count_events(void *ctx, struct oom_event *ev)
{
	(void)ev;
	(*(int *)ctx)++;
}

/*
 * HAND-MADE journal JSON records (no journald here): a systemd record is a
 * context line, never an event; a user record that calls itself "kernel"
 * (logger -t kernel through journald: _TRANSPORT syslog) is neither.
 */
static void test_pipeline_journal_user_context(void **state)
{
	static const char text[] =
		"{\"__REALTIME_TIMESTAMP\":\"1795255200000000\",\"_HOSTNAME\":\"h\","
		"\"_TRANSPORT\":\"journal\",\"SYSLOG_IDENTIFIER\":\"systemd\","
		"\"MESSAGE\":\"app.service: A process of this unit has been killed "
		"by the OOM killer.\"}\n"
		"{\"__REALTIME_TIMESTAMP\":\"1795255201000000\",\"_HOSTNAME\":\"h\","
		"\"_TRANSPORT\":\"syslog\",\"SYSLOG_IDENTIFIER\":\"kernel\","
		"\"MESSAGE\":\"Out of memory: Killed process 1 (systemd) "
		"total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\"}\n";
	struct pipeline p;
	int events = 0;

	(void)state;
	pipeline_init(&p, 2026, 0, count_events, &events);
	pipeline_run_buffer(&p, "j.json", text, sizeof(text) - 1);
	assert_int_equal(events, 0);
	assert_int_equal(p.context.n_lines, 1);
	assert_int_equal(p.context.lines[0]->kind, CONTEXT_SYSTEMD_OOM);
	assert_string_equal(p.context.lines[0]->host, "h");
	pipeline_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipeline_journal_user_context),
		cmocka_unit_test(test_pipeline_journal_json_syslog),
		cmocka_unit_test(test_pipeline_journal_json_multiline),
		cmocka_unit_test(test_pipeline_journal_json_spoofed),
		cmocka_unit_test(test_pipeline_journal_json_message_forms),
		cmocka_unit_test(test_pipeline_compressed_inputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
