/*
 * Test helpers: reading fixtures and collecting the events the pipeline
 * makes of them, so each test file states only its expectations.
 */
#include "testutil.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/pipeline.h"

static void fixture_path(char *buf, size_t cap, const char *name)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");

	snprintf(buf, cap, "%s/%s", dir ? dir : "fixtures", name);
}

char *testutil_slurp(const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	fixture_path(path, sizeof(path), name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void collect(void *ctx, struct oom_event *ev)
{
	struct testutil_events *g = ctx;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->ev = realloc(g->ev, (size_t)g->cap * sizeof(*g->ev));
		assert_non_null(g->ev);
	}
	oom_event_init(&g->ev[g->n]);
	oom_event_move(&g->ev[g->n++], ev);
}

struct testutil_events *testutil_load(const char *name)
{
	struct testutil_events *g = calloc(1, sizeof(*g));
	struct pipeline p;
	char path[4096];

	assert_non_null(g);
	fixture_path(path, sizeof(path), name);
	pipeline_init(&p, 2026, 0, collect, g);
	assert_int_equal(pipeline_run_path(&p, path), 0);
	pipeline_release(&p);
	return g;
}

struct testutil_events *testutil_run(const char *text)
{
	struct testutil_events *g = calloc(1, sizeof(*g));
	struct pipeline p;

	assert_non_null(g);
	pipeline_init(&p, 2026, 0, collect, g);
	pipeline_run_buffer(&p, "test", text, strlen(text));
	pipeline_release(&p);
	return g;
}

void testutil_free(struct testutil_events *g)
{
	for (int i = 0; i < g->n; i++)
		oom_event_release(&g->ev[i]);
	free(g->ev);
	free(g);
}
