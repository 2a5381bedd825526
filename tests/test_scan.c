/*
 * The vectorised scans and the input fast path built on them: every result
 * is compared with a plain reference (memmem, a byte loop, the input layer
 * without skipping), at every offset and length around the 16- and 32-byte
 * block edges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/input.h"
#include "oomscope/scan.h"
#include "oomscope/sm.h"

static const char *const needles[] = { "oom", "ill process", "page allocation" };

/*
 * Sixteen needles (the most a set holds): lengths 2 to 15, shared
 * prefixes ("oo", "oom", "oom-killer"), two needles per bucket, bytes
 * with the high bit set (UTF-8 "é"), and one that ends where another starts.
 */
static const char *const many[] = {
	"oo", "oom", "oom-killer", "Kill", "Killed process", "emory cgroup",
	"allocation", "ut of memory", "OOM", "swap", "Linux version",
	"\xc3\xa9t\xc3\xa9", "ab", "zz", "memory:", "Mem-Info",
	"never used: a 17th needle is dropped",
};

/* The reference: memmem for every needle of the set, the first wins. */
static size_t reference_find(const struct scan_set *set, const char *p,
			     size_t n)
{
	size_t best = n;

	for (size_t k = 0; k < set->n; k++) {
		const char *q = memmem(p, n, set->needle[k], set->len[k]);

		if (q && (size_t)(q - p) < best)
			best = (size_t)(q - p);
	}
	return best;
}

/* Every needle at every offset of buffers of every length up to 100. */
static void every_offset(const struct scan_set *set, enum scan_impl impl)
{
	char buf[160];

	for (size_t len = 0; len <= 100; len++) {
		for (size_t k = 0; k < set->n; k++) {
			size_t nl = set->len[k];

			for (size_t at = 0; at + nl <= len; at++) {
				memset(buf, 'x', sizeof(buf));
				memcpy(buf + at, set->needle[k], nl);
				assert_int_equal(scan_find_with(set, buf, len, impl),
						 reference_find(set, buf, len));
				/* a needle cut by the end is no match */
				if (at + nl == len && len > 0)
					assert_int_equal(scan_find_with(set, buf,
							len - 1, impl),
						reference_find(set, buf, len - 1));
			}
		}
		memset(buf, 'o', sizeof(buf));  /* near misses */
		assert_int_equal(scan_find_with(set, buf, len, impl),
				 reference_find(set, buf, len));
	}
}

/* Pseudo-random text over the needles' own bytes: full of near misses. */
static void random_text(const struct scan_set *set, enum scan_impl impl)
{
	char alpha[256], buf[300];
	size_t na = 0;
	uint32_t x = 12345;

	alpha[na++] = ' ';
	alpha[na++] = '\n';
	for (size_t k = 0; k < set->n; k++)
		for (size_t j = 0; j < set->len[k]; j++)
			if (!memchr(alpha, set->needle[k][j], na))
				alpha[na++] = set->needle[k][j];
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(round % 300);

		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = alpha[(x >> 16) % na];
		}
		assert_int_equal(scan_find_with(set, buf, len, impl),
				 reference_find(set, buf, len));
	}
}

static void each_impl(const struct scan_set *set)
{
	for (int i = 0; i < SCAN_IMPLS; i++) {
		if (!scan_supported((enum scan_impl)i)) {
			print_message("scan: %s not supported here, not tested\n",
				      scan_impl_name((enum scan_impl)i));
			continue;
		}
		every_offset(set, (enum scan_impl)i);
		random_text(set, (enum scan_impl)i);
	}
}

static void test_scan_find_three(void **state)
{
	struct scan_set set;

	(void)state;
	scan_init(&set, needles, 3);
	each_impl(&set);
}

static void test_scan_find_sixteen(void **state)
{
	struct scan_set set;

	(void)state;
	scan_init(&set, many, sizeof(many) / sizeof(many[0]));
	assert_int_equal(set.n, SCAN_MAX_NEEDLES);
	assert_int_equal(set.min_len, 2);
	each_impl(&set);
}

/* The state machine's own start needles, as the fast path uses them. */
static void test_scan_find_start_needles(void **state)
{
	struct sm sm;

	(void)state;
	sm_init(&sm);
	each_impl(sm_start_needles(&sm));
	sm_release(&sm);
}

/* scan_find is the best implementation the CPU has. */
static void test_scan_best(void **state)
{
	(void)state;
	assert_true(scan_supported(scan_best()));
	for (int i = scan_best() + 1; i < SCAN_IMPLS; i++)
		assert_false(scan_supported((enum scan_impl)i));
	print_message("scan: scan_find uses %s\n", scan_impl_name(scan_best()));
}

static void test_scan_count_nl(void **state)
{
	char buf[5000];
	uint32_t x = 7;

	(void)state;
	for (size_t len = 0; len < sizeof(buf); len += 37) {
		uint64_t want = 0;

		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (x >> 16) % 5 ? 'a' : '\n';
			want += buf[i] == '\n';
		}
		assert_int_equal(scan_count_nl(buf, len), want);
	}
}

struct seen {
	char text[64][128];
	uint64_t lineno[64];
	int n;
	bool idle;
};

static int on_line(void *ctx, const struct input_line *ln)
{
	struct seen *s = ctx;

	if (s->n < 64) {
		snprintf(s->text[s->n], sizeof(s->text[0]), "%.*s",
			 (int)ln->len, ln->text);
		s->lineno[s->n++] = ln->lineno;
	}
	return 0;
}

static bool always_idle(void *ctx)
{
	return ((struct seen *)ctx)->idle;
}

/*
 * The fast path delivers exactly the lines holding a start needle, with
 * their true line numbers, whatever the chunking.  The noise and OOM lines
 * are hand-made (labelled): only line numbers and delivery matter here.
 */
static void test_scan_input_skip_keeps_line_numbers(void **state)
{
	static const char text[] =
		"Nov 13 14:56:19 host sshd[1]: Accepted publickey\n"   /* 1 */
		"Nov 13 14:56:19 host cron[2]: job done\n"              /* 2 */
		"Nov 13 14:56:19 host kernel: java invoked oom-killer: gfp_mask=0x201da\n" /* 3 */
		"Nov 13 14:56:20 host systemd[1]: Started\n"            /* 4 */
		"\n"                                                    /* 5 */
		"Nov 13 14:56:21 host kernel: Killed process 7 (java)\n" /* 6 */
		"tail without newline";                                 /* 7 */
	struct sm sm;
	size_t len = sizeof(text) - 1;

	(void)state;
	sm_init(&sm);
	for (size_t chunk = 1; chunk <= len; chunk++) {
		struct seen s = { .idle = true };
		struct input in;

		input_init(&in, "t", on_line, &s);
		input_set_skip(&in, sm_start_needles(&sm), always_idle);
		for (size_t off = 0; off < len; off += chunk)
			assert_int_equal(input_feed(&in, text + off,
						    off + chunk > len ? len - off : chunk), 0);
		assert_int_equal(input_finish(&in), 0);
		/* the two OOM lines always; other lines only when a chunk
		 * boundary split them (partial lines are never skipped) */
		for (int i = 0, found = 0; i < s.n; i++) {
			if (strstr(s.text[i], "oom-killer"))
				assert_int_equal(s.lineno[i], 3), found++;
			if (strstr(s.text[i], "Killed process"))
				assert_int_equal(s.lineno[i], 6), found++;
			if (i == s.n - 1)
				assert_int_equal(found, 2);
		}
		assert_int_equal(in.stats.lines, 7);
		input_release(&in);
	}
	sm_release(&sm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_find_three),
		cmocka_unit_test(test_scan_find_sixteen),
		cmocka_unit_test(test_scan_find_start_needles),
		cmocka_unit_test(test_scan_best),
		cmocka_unit_test(test_scan_count_nl),
		cmocka_unit_test(test_scan_input_skip_keeps_line_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
