#ifndef OOMSCOPE_TESTUTIL_H
#define OOMSCOPE_TESTUTIL_H

#include <stddef.h>

#include "oomscope/event.h"

/*
 * Helpers shared by the cmocka tests (linked into every test_*.c).  They
 * fail the running test (cmocka asserts) instead of returning errors.
 * Fixtures are found in $OOMSCOPE_FIXTURES, else ./fixtures.
 */

/* A fixture's bytes, NUL-terminated; the caller frees them. */
char *testutil_slurp(const char *name, size_t *len);

/* The events the pipeline made of a fixture or of a text, in order. */
struct testutil_events {
	int n, cap;
	struct oom_event *ev;
};

struct testutil_events *testutil_load(const char *name);
struct testutil_events *testutil_run(const char *text);
void testutil_free(struct testutil_events *g);

#endif
