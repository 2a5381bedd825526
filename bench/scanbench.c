/*
 * bench/scanbench FILE: the fast path's candidate search alone, on FILE
 * held in memory, with every implementation in scan.c (and Hyperscan on
 * the same needles when built with -DWITH_HYPERSCAN).  The needles are
 * the state machine's start needles, the ones the fast path uses.  Prints
 * per implementation the best of 5 passes in GB/s and the number of lines
 * that hold a needle (the same for all: a check).
 *
 * bench/run builds and runs it; by hand:
 *   cc -O2 -Iinclude bench/scanbench.c build/liboomscope_core.a \
 *      $(pkg-config --libs libpcre2-8 libcjson zlib liblzma libzstd)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oomscope/scan.h"
#include "oomscope/sm.h"

#ifdef WITH_HYPERSCAN
#include <hs/hs.h>
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The fast path's loop: find a needle, count its line, go on after it. */
static size_t candidates(const struct scan_set *set, const char *p, size_t n,
			 enum scan_impl impl)
{
	size_t pos = 0, lines = 0;

	while (pos < n) {
		size_t off = scan_find_with(set, p + pos, n - pos, impl);
		const char *nl;

		if (off == n - pos)
			break;
		lines++;
		nl = memchr(p + pos + off, '\n', n - pos - off);
		pos = nl ? (size_t)(nl - p) + 1 : n;
	}
	return lines;
}

#ifdef WITH_HYPERSCAN
struct hs_count {
	const char *p;
	size_t lines, next_line;   /* matches before next_line are counted */
};

static int on_match(unsigned id, unsigned long long from,
		    unsigned long long to, unsigned flags, void *ctx)
{
	struct hs_count *c = ctx;
	const char *nl;
	size_t start = (size_t)to;

	(void)id, (void)from, (void)flags;
	if (start < c->next_line)
		return 0;
	c->lines++;
	nl = strchr(c->p + start, '\n');
	c->next_line = nl ? (size_t)(nl - c->p) + 1 : (size_t)-1;
	return 0;
}
#endif

int main(int argc, char **argv)
{
	struct sm sm;
	const struct scan_set *set;
	struct stat st;
	char *buf;
	size_t n = 0;
	int fd;

	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) < 0 ||
	    fstat(fd, &st) < 0) {
		fprintf(stderr, "usage: scanbench FILE\n");
		return 2;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf && n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);

		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (!buf)
		return 1;
	buf[n] = '\0';
	sm_init(&sm);
	set = sm_start_needles(&sm);
	printf("%zu needles, %zu MB\n", set->n, n >> 20);
	for (int i = 0; i < SCAN_IMPLS; i++) {
		double best = 1e9;
		size_t lines = 0;

		if (!scan_supported((enum scan_impl)i))
			continue;
		for (int r = 0; r < 5; r++) {
			double t = now();

			lines = candidates(set, buf, n, (enum scan_impl)i);
			t = now() - t;
			if (t < best)
				best = t;
		}
		printf("%-12s %7.3f s %6.2f GB/s %9zu lines\n",
		       scan_impl_name((enum scan_impl)i), best,
		       (double)n / best / 1e9, lines);
	}
#ifdef WITH_HYPERSCAN
	{
		const char *exprs[SCAN_MAX_NEEDLES];
		unsigned flags[SCAN_MAX_NEEDLES], ids[SCAN_MAX_NEEDLES];
		size_t lens[SCAN_MAX_NEEDLES];
		hs_database_t *db;
		hs_scratch_t *scratch = NULL;
		hs_compile_error_t *err;
		double best = 1e9;
		struct hs_count c = { buf, 0, 0 };

		for (size_t k = 0; k < set->n; k++) {
			exprs[k] = set->needle[k];
			lens[k] = set->len[k];
			flags[k] = 0;
			ids[k] = (unsigned)k;
		}
		if (hs_compile_lit_multi(exprs, flags, ids, lens,
					 (unsigned)set->n, HS_MODE_BLOCK, NULL,
					 &db, &err) != HS_SUCCESS ||
		    hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
			fprintf(stderr, "hyperscan: cannot compile\n");
			return 1;
		}
		for (int r = 0; r < 5; r++) {
			double t = now();

			c.lines = c.next_line = 0;
			hs_scan(db, buf, (unsigned)n, 0, scratch, on_match, &c);
			t = now() - t;
			if (t < best)
				best = t;
		}
		printf("%-12s %7.3f s %6.2f GB/s %9zu lines\n", "hyperscan",
		       best, (double)n / best / 1e9, c.lines);
		hs_free_scratch(scratch);
		hs_free_database(db);
	}
#endif
	sm_release(&sm);
	free(buf);
	return 0;
}
