/*
 * Unit tests for stage 1 (src/input.c): line framing across every chunking,
 * line ends, NUL bytes, long lines, the callback's stop, and input_read_fd
 * on plain, gzip, xz, zstd and UTF-16 input.  The compressed inputs are made
 * here with zlib, liblzma and libzstd from corpus lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "oomscope/input.h"

#include "xalloc.h"

#include "banned.h"

/*
 * Lines 1-3 of fixtures/memcg-oom-dmesg-618-hog.log, verbatim (line 2 ends
 * in a space).
 */
#define L1 "[   89.703652] hog invoked oom-killer:" \
	   " gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"
#define L2 "[   89.703717] CPU: 0 UID: 0 PID: 2150 Comm: hog Not tainted" \
	   " 6.18.44-fc-v669 #1 PREEMPT(none) "
#define L3 "[   89.703734] Call Trace:"

static const char *const corpus[3] = { L1, L2, L3 };

#define MAXL 16

/* Copies of the lines the callback saw. */
struct got {
	size_t n;
	char *text[MAXL];
	size_t len[MAXL];
	uint64_t lineno[MAXL];
	bool trunc[MAXL];
	size_t stop_at;  /* return stop_rc from the stop_at-th line; 0 never */
	int stop_rc;
};

static int collect(void *ctx, const struct input_line *line)
{
	struct got *g = ctx;

	assert_string_equal(line->name, "t.log");
	if (g->n < MAXL) {
		g->text[g->n] = xmemdupz(line->text, line->len);
		g->len[g->n] = line->len;
		g->lineno[g->n] = line->lineno;
		g->trunc[g->n] = line->truncated;
	}
	g->n++;
	return g->n == g->stop_at ? g->stop_rc : 0;
}

static void got_free(struct got *g)
{
	size_t i;

	for (i = 0; i < g->n && i < MAXL; i++)
		free(g->text[i]);
	memset(g, 0, sizeof(*g));
}

/* Line i of g is `text` with line number `lineno`, not truncated. */
static void assert_line(const struct got *g, size_t i, const char *text,
			uint64_t lineno)
{
	assert_true(i < g->n);
	assert_string_equal(g->text[i], text);
	assert_int_equal(g->len[i], strlen(text));
	assert_int_equal(g->lineno[i], lineno);
	assert_false(g->trunc[i]);
}

static void assert_corpus3(const struct got *g)
{
	assert_int_equal(g->n, 3);
	assert_line(g, 0, L1, 1);
	assert_line(g, 1, L2, 2);
	assert_line(g, 2, L3, 3);
}

/* Feeds text in two pieces split at k, then finishes. */
static void feed_split(struct input *in, const char *text, size_t len,
		       size_t k)
{
	assert_int_equal(input_feed(in, text, k), 0);
	assert_int_equal(input_feed(in, text + k, len - k), 0);
	assert_int_equal(input_finish(in), 0);
}

/* The three corpus lines ended by `eol`, fed split at every position. */
static void check_every_split(const char *eol, uint64_t cr_only)
{
	char text[512];
	size_t len, k;
	struct input in;
	struct got g;

	len = (size_t)snprintf(text, sizeof(text), "%s%s%s%s%s%s", L1, eol,
			       L2, eol, L3, eol);
	for (k = 0; k <= len; k++) {
		memset(&g, 0, sizeof(g));
		input_init(&in, "t.log", collect, &g);
		feed_split(&in, text, len, k);
		assert_corpus3(&g);
		assert_int_equal(in.stats.lines, 3);
		assert_int_equal(in.stats.bytes, len);
		assert_int_equal(in.stats.cr_only_ends, cr_only);
		input_release(&in);
		got_free(&g);
	}
}

static void test_input_split_every_position(void **state)
{
	(void)state;
	check_every_split("\n", 0);
	check_every_split("\r\n", 0);
	check_every_split("\r", 3);
}

static void check_byte_by_byte(const char *eol, uint64_t cr_only)
{
	char text[512];
	size_t len, k;
	struct input in;
	struct got g;

	memset(&g, 0, sizeof(g));
	len = (size_t)snprintf(text, sizeof(text), "%s%s%s%s%s%s", L1, eol,
			       L2, eol, L3, eol);
	input_init(&in, "t.log", collect, &g);
	for (k = 0; k < len; k++)
		assert_int_equal(input_feed(&in, text + k, 1), 0);
	assert_int_equal(input_finish(&in), 0);
	assert_corpus3(&g);
	assert_int_equal(in.stats.cr_only_ends, cr_only);
	input_release(&in);
	got_free(&g);
}

static void test_input_byte_by_byte(void **state)
{
	(void)state;
	check_byte_by_byte("\n", 0);
	check_byte_by_byte("\r\n", 0);
	check_byte_by_byte("\r", 3);
}

static void test_input_crlf_split_between_cr_and_lf(void **state)
{
	struct input in;
	struct got g = { 0 };

	(void)state;
	input_init(&in, "t.log", collect, &g);
	assert_int_equal(input_feed(&in, L1 "\r", strlen(L1) + 1), 0);
	/* The line is out at the CR already; the LF must not add one. */
	assert_int_equal(g.n, 1);
	assert_int_equal(input_feed(&in, "\n" L2 "\r\n", strlen(L2) + 3), 0);
	assert_int_equal(input_finish(&in), 0);
	assert_int_equal(g.n, 2);
	assert_line(&g, 0, L1, 1);
	assert_line(&g, 1, L2, 2);
	assert_int_equal(in.stats.cr_only_ends, 0);
	input_release(&in);
	got_free(&g);
}

static void test_input_lone_cr(void **state)
{
	static const char text[] = L1 "\r\r" L2 "\r" L3 "\n";
	struct input in;
	struct got g = { 0 };

	(void)state;
	input_init(&in, "t.log", collect, &g);
	assert_int_equal(input_feed(&in, text, sizeof(text) - 1), 0);
	assert_int_equal(input_finish(&in), 0);
	/* CR CR is two line ends: an empty line 2 between L1 and L2. */
	assert_int_equal(g.n, 4);
	assert_line(&g, 0, L1, 1);
	assert_line(&g, 1, "", 2);
	assert_line(&g, 2, L2, 3);
	assert_line(&g, 3, L3, 4);
	assert_int_equal(in.stats.cr_only_ends, 3);
	input_release(&in);
	got_free(&g);
}

/* L3 with its space before "Trace:" made a NUL: whole, and split. */
static void test_input_nul_replaced(void **state)
{
	static const char text[] = L1 "\n[   89.703734] Call\0Trace:\0\n";
	size_t k;
	struct input in;
	struct got g;

	(void)state;
	for (k = 0; k < sizeof(text); k++) {
		memset(&g, 0, sizeof(g));
		input_init(&in, "t.log", collect, &g);
		feed_split(&in, text, sizeof(text) - 1, k);
		assert_int_equal(g.n, 2);
		assert_line(&g, 0, L1, 1);
		assert_line(&g, 1, L3 " ", 2);
		assert_int_equal(in.stats.nul_bytes, 2);
		input_release(&in);
		got_free(&g);
	}
}

/* Hand-made: a line of n generated bytes 'a'..'z' repeating, then "\n" L1. */
static char *long_text(size_t n, size_t *len)
{
	char *p = xmalloc(n + sizeof(L1) + 2);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (char)('a' + i % 26);
	memcpy(p + n, "\n" L1 "\n", sizeof(L1) + 1);
	*len = n + sizeof(L1) + 1;
	return p;
}

/* Feeds `text` in pieces of `step` bytes (all at once when step is 0). */
static void feed_steps(struct input *in, const char *text, size_t len,
		       size_t step)
{
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = step == 0 || len - i < step ? len - i : step;
		assert_int_equal(input_feed(in, text + i, n), 0);
	}
	assert_int_equal(input_finish(in), 0);
}

static void check_long(size_t n, size_t step, bool cut)
{
	size_t len, i, want = cut ? OOM_MAX_LINE : n;
	char *text = long_text(n, &len);
	struct input in;
	struct got g = { 0 };

	input_init(&in, "t.log", collect, &g);
	feed_steps(&in, text, len, step);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.len[0], want);
	for (i = 0; i < want; i++)
		assert_int_equal(g.text[0][i], 'a' + i % 26);
	assert_int_equal(g.lineno[0], 1);
	assert_int_equal(g.trunc[0], cut);
	assert_line(&g, 1, L1, 2);
	assert_int_equal(in.stats.long_lines, cut ? 1 : 0);
	input_release(&in);
	got_free(&g);
	free(text);
}

static void test_input_long_line_cut(void **state)
{
	static const size_t steps[] = { 0, 1000, 4096, OOM_MAX_LINE, 100000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		check_long(200 * 1000, steps[i], true);
		check_long(OOM_MAX_LINE + 1, steps[i], true);
		check_long(OOM_MAX_LINE, steps[i], false);
	}
}

/*
 * A NUL inside the kept part of a cut line becomes a space; one in the
 * dropped part is never looked at, so it is not counted.
 */
static void check_long_nul(size_t step)
{
	size_t len;
	char *text = long_text(200 * 1000, &len);
	struct input in;
	struct got g = { 0 };

	text[10] = '\0';
	text[100000] = '\0';
	input_init(&in, "t.log", collect, &g);
	feed_steps(&in, text, len, step);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.len[0], OOM_MAX_LINE);
	assert_int_equal(g.text[0][9], 'a' + 9);
	assert_int_equal(g.text[0][10], ' ');
	assert_int_equal(g.text[0][11], 'a' + 11);
	assert_true(g.trunc[0]);
	assert_line(&g, 1, L1, 2);
	assert_int_equal(in.stats.nul_bytes, 1);
	assert_int_equal(in.stats.long_lines, 1);
	input_release(&in);
	got_free(&g);
	free(text);
}

static void test_input_long_line_with_nul(void **state)
{
	(void)state;
	check_long_nul(0);
	check_long_nul(4096);
}

static void test_input_final_line_without_newline(void **state)
{
	struct input in;
	struct got g = { 0 };

	(void)state;
	input_init(&in, "t.log", collect, &g);
	assert_int_equal(input_feed(&in, L1 "\n" L3, strlen(L1 L3) + 1), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(input_finish(&in), 0);
	assert_int_equal(g.n, 2);
	assert_line(&g, 0, L1, 1);
	assert_line(&g, 1, L3, 2);
	/* Nothing pending now: a second finish adds nothing. */
	assert_int_equal(input_finish(&in), 0);
	assert_int_equal(g.n, 2);
	input_release(&in);
	got_free(&g);
}

static void test_input_empty_input(void **state)
{
	struct input in;
	struct got g = { 0 };

	(void)state;
	input_init(&in, "t.log", collect, &g);
	assert_int_equal(input_feed(&in, "", 0), 0);
	assert_int_equal(input_finish(&in), 0);
	assert_int_equal(g.n, 0);
	/* A terminated last line leaves no empty line behind it. */
	assert_int_equal(input_feed(&in, L1 "\n", strlen(L1) + 1), 0);
	assert_int_equal(input_finish(&in), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(in.stats.lines, 1);
	input_release(&in);
	got_free(&g);
}

static void test_input_callback_stop(void **state)
{
	static const char text[] = L1 "\n" L2 "\n" L3 "\n";
	struct input in;
	struct got g = { 0 };

	(void)state;
	g.stop_at = 2;
	g.stop_rc = 7;
	input_init(&in, "t.log", collect, &g);
	assert_int_equal(input_feed(&in, text, sizeof(text) - 1), 7);
	assert_int_equal(g.n, 2);
	assert_line(&g, 1, L2, 2);
	/* The stop is sticky: nothing more is delivered. */
	assert_int_equal(input_feed(&in, text, sizeof(text) - 1), 7);
	assert_int_equal(input_finish(&in), 7);
	assert_int_equal(g.n, 2);
	input_release(&in);
	got_free(&g);
}

/*
 * input_read_fd.  A big text: the three corpus lines repeated REPS times,
 * more than one 256 KiB read or decode buffer.
 */
#define REPS 4000

static char *big_text(size_t *len)
{
	size_t one = strlen(L1 L2 L3) + 3, i;
	char *p = xmalloc(one * REPS);

	for (i = 0; i < REPS; i++)
		memcpy(p + i * one, L1 "\n" L2 "\n" L3 "\n", one);
	*len = one * REPS;
	return p;
}

/* Checks every line against the corpus cycle without keeping it. */
struct cycle {
	uint64_t n;
	uint64_t bad;
};

static int check_cycle(void *ctx, const struct input_line *line)
{
	struct cycle *c = ctx;
	const char *want = corpus[c->n % 3];

	if (line->lineno != c->n + 1 || line->len != strlen(want) ||
	    memcmp(line->text, want, line->len) != 0)
		c->bad++;
	c->n++;
	return 0;
}

/* A file holding data[0, n), positioned at its start. */
static FILE *file_with(const void *data, size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fflush(f), 0);
	rewind(f);
	return f;
}

/*
 * The input_read_fd tests run twice: reading in this thread, and with the
 * reader thread (the second group), which must give the same lines, line
 * numbers, results and messages.
 */
static bool threaded;

static int reader_thread_on(void **state)
{
	(void)state;
	threaded = true;
	return 0;
}

/* Reads data through a pipe (small data) or a file; returns the result. */
static int read_via(const void *data, size_t n, const char *name,
		    input_line_fn fn, void *ctx)
{
	struct input in;
	int fds[2], rc;
	FILE *f = NULL;

	input_init(&in, name, fn, ctx);
	input_set_reader_thread(&in, threaded);
	if (n < 32768) {
		assert_int_equal(pipe(fds), 0);
		assert_int_equal(write(fds[1], data, n), (ssize_t)n);
		close(fds[1]);
	} else {
		f = file_with(data, n);
		fds[0] = fileno(f);
	}
	rc = input_read_fd(&in, fds[0]);
	if (f != NULL)
		fclose(f);
	else
		close(fds[0]);
	input_release(&in);
	return rc;
}

static void test_input_read_fd_plain(void **state)
{
	size_t len;
	char *text = big_text(&len);
	struct cycle c = { 0, 0 };
	struct got g = { 0 };

	(void)state;
	assert_int_equal(read_via(text, len, "t.log", check_cycle, &c), 0);
	assert_int_equal(c.n, 3 * REPS);
	assert_int_equal(c.bad, 0);
	free(text);
	/* Shorter than any magic, through a pipe. */
	assert_int_equal(read_via("ab", 2, "t.log", collect, &g), 0);
	assert_int_equal(g.n, 1);
	assert_line(&g, 0, "ab", 1);
	got_free(&g);
	assert_int_equal(read_via("", 0, "t.log", collect, &g), 0);
	assert_int_equal(g.n, 0);
}

/*
 * A framer slower than the reader: it pauses inside chunks, so the reader
 * thread fills every free slot meanwhile; a slot overwritten while it is
 * framed would show as a wrong line.
 */
static int check_cycle_slowly(void *ctx, const struct input_line *line)
{
	struct cycle *c = ctx;

	if (c->n % 1500 == 7)
		usleep(3000);
	return check_cycle(ctx, line);
}

static void test_input_read_fd_slow_framer(void **state)
{
	size_t len;
	char *text = big_text(&len);
	struct cycle c = { 0, 0 };

	(void)state;
	assert_true(len > 2 * 256 * 1024);  /* several chunks */
	assert_int_equal(read_via(text, len, "t.log", check_cycle_slowly, &c),
			 0);
	assert_int_equal(c.n, 3 * REPS);
	assert_int_equal(c.bad, 0);
	free(text);
}

/* A UTF-8 byte-order mark is not part of line 1. */
static void test_input_read_fd_utf8_bom(void **state)
{
	static const char text[] = "\xef\xbb\xbf" L1 "\n" L2 "\n" L3;
	struct got g = { 0 };

	(void)state;
	assert_int_equal(read_via(text, sizeof(text) - 1, "t.log", collect, &g),
			 0);
	assert_corpus3(&g);
	got_free(&g);
}

static void test_input_callback_stop_read_fd(void **state)
{
	size_t len;
	char *text = big_text(&len);
	struct got g = { 0 };

	(void)state;
	g.stop_at = 3;
	g.stop_rc = 9;
	assert_int_equal(read_via(text, len, "t.log", collect, &g), 1);
	assert_corpus3(&g);
	got_free(&g);
	free(text);
}

/* Compressors: each returns a malloc'd buffer and its size. */
static unsigned char *gzip_bytes(const void *src, size_t n, size_t *out)
{
	z_stream zs;
	size_t cap;
	unsigned char *dst;

	memset(&zs, 0, sizeof(zs));
	/* 15 + 16: a gzip wrapper (compress2 would write zlib). */
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	cap = deflateBound(&zs, (uLong)n);
	dst = xmalloc(cap);
	zs.next_in = (Bytef *)(uintptr_t)src;
	zs.avail_in = (uInt)n;
	zs.next_out = dst;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*out = cap - zs.avail_out;
	deflateEnd(&zs);
	return dst;
}

static unsigned char *xz_bytes(const void *src, size_t n, size_t *out)
{
	size_t cap = n + n / 2 + 1024;
	unsigned char *dst = xmalloc(cap);

	*out = 0;
	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL,
						 src, n, dst, out, cap),
			 LZMA_OK);
	return dst;
}

/* Plain ZSTD_compress: frames without a content checksum. */
static unsigned char *zstd_bytes(const void *src, size_t n, size_t *out)
{
	size_t cap = ZSTD_compressBound(n);
	unsigned char *dst = xmalloc(cap);

	*out = ZSTD_compress(dst, cap, src, n, 3);
	assert_false(ZSTD_isError(*out));
	return dst;
}

/* With a content checksum, so that a flipped byte cannot go unseen. */
static unsigned char *zstd_sum_bytes(const void *src, size_t n, size_t *out)
{
	size_t cap = ZSTD_compressBound(n);
	unsigned char *dst = xmalloc(cap);
	ZSTD_CCtx *cc = ZSTD_createCCtx();

	assert_non_null(cc);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	*out = ZSTD_compress2(cc, dst, cap, src, n);
	assert_false(ZSTD_isError(*out));
	ZSTD_freeCCtx(cc);
	return dst;
}

typedef unsigned char *(*compress_fn)(const void *, size_t, size_t *);

/*
 * The big text in two members/streams/frames cut in mid-line (at byte
 * 100001, inside a line), concatenated.
 */
static unsigned char *two_parts(compress_fn fn, size_t *out)
{
	size_t len, n1, n2;
	char *text = big_text(&len);
	unsigned char *a = fn(text, 100001, &n1);
	unsigned char *b = fn(text + 100001, len - 100001, &n2);
	unsigned char *all = xmalloc(n1 + n2);

	memcpy(all, a, n1);
	memcpy(all + n1, b, n2);
	*out = n1 + n2;
	free(a);
	free(b);
	free(text);
	return all;
}

static void check_compressed(compress_fn fn, const char *name)
{
	size_t n;
	unsigned char *data = two_parts(fn, &n);
	struct cycle c = { 0, 0 };

	/* Small enough to go through a pipe in one write. */
	assert_true(n < 32768);
	assert_int_equal(read_via(data, n, name, check_cycle, &c), 0);
	assert_int_equal(c.n, 3 * REPS);
	assert_int_equal(c.bad, 0);
	free(data);
}

static void test_input_read_fd_gzip(void **state)
{
	(void)state;
	check_compressed(gzip_bytes, "t.log.gz");
}

static void test_input_read_fd_xz(void **state)
{
	(void)state;
	check_compressed(xz_bytes, "t.log.xz");
}

static void test_input_read_fd_zstd(void **state)
{
	(void)state;
	check_compressed(zstd_bytes, "t.log.zst");
}

/* Everything written on fd 2 while reading data; returns the result. */
static int read_capture(const void *data, size_t n, const char *name,
			struct cycle *c, char *err, size_t size)
{
	FILE *cap = tmpfile();
	int saved = dup(2), rc;
	size_t got;

	assert_non_null(cap);
	assert_true(saved >= 0);
	fflush(stderr);
	assert_true(dup2(fileno(cap), 2) >= 0);
	rc = read_via(data, n, name, check_cycle, c);
	fflush(stderr);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	rewind(cap);
	got = fread(err, 1, size - 1, cap);
	err[got] = '\0';
	fclose(cap);
	return rc;
}

/* Damages data: cuts it at half, or flips 8 bytes in its middle. */
static void check_damaged(compress_fn fn, const char *name, bool cut,
			  const char *want)
{
	size_t len, n, i;
	char *text = big_text(&len);
	unsigned char *data = fn(text, len, &n);
	char err[512];
	struct cycle c = { 0, 0 };

	if (!cut)
		for (i = n / 2; i < n / 2 + 8; i++)
			data[i] ^= 0xff;
	assert_int_equal(read_capture(data, cut ? n / 2 : n, name, &c, err,
				      sizeof(err)),
			 -1);
	/* One message, naming the input. */
	assert_non_null(strstr(err, want));
	assert_ptr_equal(strchr(err, '\n'), err + strlen(err) - 1);
	assert_int_equal(strncmp(err, want, strlen(want)), 0);
	free(data);
	free(text);
}

static void test_input_read_fd_corrupt(void **state)
{
	(void)state;
	check_damaged(gzip_bytes, "x.gz", false,
		      "oomscope: 'x.gz': corrupt gzip data (");
	check_damaged(xz_bytes, "x.xz", false,
		      "oomscope: 'x.xz': corrupt xz data (");
	check_damaged(zstd_sum_bytes, "x.zst", false,
		      "oomscope: 'x.zst': corrupt zstd data (");
}

static void test_input_read_fd_truncated(void **state)
{
	(void)state;
	check_damaged(gzip_bytes, "x.gz", true,
		      "oomscope: 'x.gz': truncated gzip data\n");
	check_damaged(xz_bytes, "x.xz", true,
		      "oomscope: 'x.xz': truncated xz data\n");
	check_damaged(zstd_bytes, "x.zst", true,
		      "oomscope: 'x.zst': truncated zstd data\n");
}

/* gzip -d: "decompression OK, trailing garbage ignored". */
static void test_input_read_fd_gzip_trailing_garbage(void **state)
{
	static const char text[] = L1 "\n" L2 "\n" L3 "\n";
	size_t n;
	unsigned char *gz = gzip_bytes(text, sizeof(text) - 1, &n);
	unsigned char *data = xmalloc(n + 4);
	struct cycle c = { 0, 0 };
	char err[512];

	(void)state;
	memcpy(data, gz, n);
	memcpy(data + n, "junk", 4);
	assert_int_equal(read_capture(data, n + 4, "t.gz", &c, err,
				      sizeof(err)),
			 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.bad, 0);
	assert_string_equal(
		err, "oomscope: 't.gz': trailing garbage after gzip data "
		     "ignored\n");
	free(gz);
	free(data);
}

static void test_input_read_fd_read_error(void **state)
{
	int fds[2];
	struct input in;
	struct cycle c = { 0, 0 };
	FILE *cap = tmpfile();
	int saved = dup(2), rc;
	char err[256];
	size_t got;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	input_init(&in, "w.log", check_cycle, &c);
	input_set_reader_thread(&in, threaded);
	fflush(stderr);
	assert_true(dup2(fileno(cap), 2) >= 0);
	/* The write end of a pipe cannot be read: EBADF. */
	rc = input_read_fd(&in, fds[1]);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	rewind(cap);
	got = fread(err, 1, sizeof(err) - 1, cap);
	err[got] = '\0';
	fclose(cap);
	assert_int_equal(rc, -1);
	assert_string_equal(
		err, "oomscope: cannot read 'w.log': Bad file descriptor\n");
	input_release(&in);
	close(fds[0]);
	close(fds[1]);
}

/* Each byte of the ASCII corpus text as a UTF-16 code unit, BOM first. */
static char *utf16_of(const char *text, bool be, size_t *n)
{
	size_t len = strlen(text), i;
	char *p = xmalloc(2 * len + 2);

	p[be ? 0 : 1] = (char)0xfe;
	p[be ? 1 : 0] = (char)0xff;
	for (i = 0; i < len; i++) {
		p[2 + 2 * i + (be ? 1 : 0)] = text[i];
		p[2 + 2 * i + (be ? 0 : 1)] = 0;
	}
	*n = 2 * len + 2;
	return p;
}

static void test_input_read_fd_utf16(void **state)
{
	static const bool order[2] = { false, true };
	size_t n, i;
	char *data;
	struct got g = { 0 };

	(void)state;
	for (i = 0; i < 2; i++) {
		data = utf16_of(L1 "\r\n" L2 "\r\n" L3 "\r\n", order[i], &n);
		assert_int_equal(read_via(data, n, "t.log", collect, &g), 0);
		assert_corpus3(&g);
		got_free(&g);
		free(data);
	}
}

/*
 * Hand-made UTF-16LE: BOM, "é" U+00E9, U+1F600 as the surrogate pair
 * D83D DE00, a lone low surrogate DC00, LF.
 */
static void test_input_read_fd_utf16_non_ascii(void **state)
{
	static const char data[] = "\xff\xfe" "\xe9\x00" "\x3d\xd8\x00\xde"
				   "\x00\xdc" "\n\x00";
	struct got g = { 0 };

	(void)state;
	assert_int_equal(read_via(data, sizeof(data) - 1, "t.log", collect,
				  &g), 0);
	assert_int_equal(g.n, 1);
	assert_line(&g, 0, "\xc3\xa9" "\xf0\x9f\x98\x80" "\xef\xbf\xbd", 1);
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_input_split_every_position),
		cmocka_unit_test(test_input_byte_by_byte),
		cmocka_unit_test(test_input_crlf_split_between_cr_and_lf),
		cmocka_unit_test(test_input_lone_cr),
		cmocka_unit_test(test_input_nul_replaced),
		cmocka_unit_test(test_input_long_line_cut),
		cmocka_unit_test(test_input_long_line_with_nul),
		cmocka_unit_test(test_input_final_line_without_newline),
		cmocka_unit_test(test_input_empty_input),
		cmocka_unit_test(test_input_callback_stop),
	};
	const struct CMUnitTest read_fd[] = {
		cmocka_unit_test(test_input_read_fd_plain),
		cmocka_unit_test(test_input_read_fd_slow_framer),
		cmocka_unit_test(test_input_read_fd_utf8_bom),
		cmocka_unit_test(test_input_callback_stop_read_fd),
		cmocka_unit_test(test_input_read_fd_gzip),
		cmocka_unit_test(test_input_read_fd_xz),
		cmocka_unit_test(test_input_read_fd_zstd),
		cmocka_unit_test(test_input_read_fd_corrupt),
		cmocka_unit_test(test_input_read_fd_truncated),
		cmocka_unit_test(test_input_read_fd_gzip_trailing_garbage),
		cmocka_unit_test(test_input_read_fd_read_error),
		cmocka_unit_test(test_input_read_fd_utf16),
		cmocka_unit_test(test_input_read_fd_utf16_non_ascii),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	failed += cmocka_run_group_tests_name("input_read_fd, one thread",
					      read_fd, NULL, NULL);
	failed += cmocka_run_group_tests_name("input_read_fd, reader thread",
					      read_fd, reader_thread_on, NULL);
	return failed;
}
