/*
 * Unit tests of dedupe.c on real logs: the same capture read in four prefix
 * styles (fixtures/memcg-oom-dmesg{,-T,-iso,-x}-618-innocent.log, two events
 * each) gives two events; a log given twice gives its events once; distinct
 * kills of one run stay distinct.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/dedupe.h"
#include "oomscope/pipeline.h"

struct run {
	struct dedupe dd;
	int kept, dropped;
	struct oom_event first;    /* the first event kept */
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct run *r = ctx;

	if (dedupe_repeat(&r->dd, ev)) {
		r->dropped++;
		return;
	}
	if (r->kept++ == 0)
		oom_event_move(&r->first, ev);
}

static void run_files(struct run *r, const char *const *names, size_t n)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	struct pipeline p;

	memset(r, 0, sizeof(*r));
	oom_event_init(&r->first);
	dedupe_init(&r->dd);
	pipeline_init(&p, 2026, 0, on_event, r);
	for (size_t i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", dir ? dir : "fixtures",
			 names[i]);
		assert_int_equal(pipeline_run_path(&p, path), 0);
	}
	pipeline_release(&p);
}

static void run_release(struct run *r)
{
	dedupe_release(&r->dd);
	oom_event_release(&r->first);
}

static void test_dedupe_four_styles_of_one_capture(void **state)
{
	static const char *const names[] = {
		"memcg-oom-dmesg-618-innocent.log",
		"memcg-oom-dmesg-T-618-innocent.log",
		"memcg-oom-dmesg-iso-618-innocent.log",
		"memcg-oom-dmesg-x-618-innocent.log",
	};
	struct run r;

	(void)state;
	run_files(&r, names, 4);
	assert_int_equal(r.kept, 2);
	assert_int_equal(r.dropped, 6);
	assert_int_equal(r.dd.dropped, 6);
	run_release(&r);
}

static void test_dedupe_log_given_twice(void **state)
{
	static const char *const names[] = {
		"many-events-syslog-rhel6-new-db1.log",
		"many-events-syslog-rhel6-new-db1.log",
	};
	struct run r;

	(void)state;
	run_files(&r, names, 2);
	assert_int_equal(r.kept, 20);
	assert_int_equal(r.dropped, 20);
	run_release(&r);
}

static void test_dedupe_distinct_kills_stay(void **state)
{
	/* three php-fpm workers killed in one group (fixtures/README.md) */
	static const char *const names[] = {
		"memcg-oom-dmesg-618-workers.log",
		"memcg-oom-dmesg-618-sacrificial.log",
	};
	struct run r;

	(void)state;
	run_files(&r, names, 2);
	assert_int_equal(r.kept, 6);
	assert_int_equal(r.dropped, 0);
	run_release(&r);
}

/* Where both copies show a host, uptime or wall time, they must agree. */
static void test_dedupe_loose_fields(void **state)
{
	static const char *const names[] = {
		"global-oom-syslog-centos6-codis.log",
	};
	struct oom_event copy;
	struct run r;

	(void)state;
	run_files(&r, names, 1);
	assert_int_equal(r.kept, 1);
	oom_event_init(&copy);
	memcpy(&copy, &r.first, sizeof(copy));  /* no heap part is touched */
	assert_true(dedupe_repeat(&r.dd, &copy));
	copy.wall_s += 120;        /* dmesg -T vs syslog slack */
	assert_true(dedupe_repeat(&r.dd, &copy));
	copy.wall_s += 1;
	assert_false(dedupe_repeat(&r.dd, &copy));  /* now remembered too */
	copy.wall_s = r.first.wall_s;
	snprintf(copy.host, sizeof(copy.host), "VM-CENTOS6");
	assert_true(dedupe_repeat(&r.dd, &copy));
	snprintf(copy.host, sizeof(copy.host), "other");
	assert_false(dedupe_repeat(&r.dd, &copy));
	copy.has_host = false;     /* a copy without a host: dmesg */
	assert_true(dedupe_repeat(&r.dd, &copy));
	copy.victim.anon_rss_kb++;
	assert_false(dedupe_repeat(&r.dd, &copy));
	run_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedupe_four_styles_of_one_capture),
		cmocka_unit_test(test_dedupe_log_given_twice),
		cmocka_unit_test(test_dedupe_distinct_kills_stay),
		cmocka_unit_test(test_dedupe_loose_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
