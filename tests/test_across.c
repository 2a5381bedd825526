/*
 * Across events (across.c) on real kill loops: the verdict a rate-limited
 * lone kill takes from its loop, and the growing holder.  Every expected
 * value was read by hand in the raw fixture; the line numbers are given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "oomscope/across.h"
#include "oomscope/analyze.h"
#include "testutil.h"

struct loop {
	struct testutil_events *t;
	struct oom_analysis *an;
};

/* The fixture's events analysed and passed through across_event in order. */
static struct loop load(const char *name, bool across)
{
	struct loop l;
	struct across *a = malloc(sizeof(*a));

	assert_non_null(a);
	across_init(a);
	l.t = testutil_load(name);
	l.an = calloc((size_t)l.t->n + 1, sizeof(*l.an));
	assert_non_null(l.an);
	for (int i = 0; i < l.t->n; i++) {
		/* the pipeline that named the input is gone: name it again */
		l.t->ev[i].input = name;
		analyze_event(&l.t->ev[i], &l.an[i]);
		if (across)
			across_event(a, &l.t->ev[i], &l.an[i]);
	}
	free(a);
	return l;
}

static void unload(struct loop *l)
{
	testutil_free(l->t);
	free(l->an);
}

static const struct oom_finding *finding(const struct oom_analysis *an,
					 const char *code)
{
	for (int i = 0; i < an->n_findings; i++)
		if (!strcmp(an->findings[i].code, code))
			return &an->findings[i];
	return NULL;
}

/*
 * memcg-oom-dmesg-618-loop.log: 24 kills (grep -c "Killed process"), the
 * first ten with a full report ("invoked oom-killer" at lines 1 .. 759),
 * the next 14 with only their kill line (lines 844-857: the kernel
 * rate-limited the reports).  The holder, pid 28476, holds the memory in
 * every report; the last kill (line 857) is the holder itself.
 */
static void test_across_lone_kills_take_the_loop_verdict(void **state)
{
	struct loop l = load("memcg-oom-dmesg-618-loop.log", true);

	(void)state;
	assert_int_equal(l.t->n, 24);
	for (int i = 0; i < 24; i++) {
		const struct oom_culprit *c = &l.an[i].culprit;

		assert_int_equal(c->kind, CULPRIT_PROCESS);
		assert_string_equal(c->name, "holder");
		assert_int_equal(c->pid, 28476);
		assert_int_equal(c->confidence, i < 10 ? CONFIDENCE_HIGH :
							 CONFIDENCE_MEDIUM);
		if (i >= 10) {
			assert_non_null(strstr(c->reason, "from the loop's last "
					"full report (memcg-oom-dmesg-618-loop"
					".log:759, "));
			assert_null(finding(&l.an[i], "task_table_missing"));
		}
	}
	/* the last kill is the holder: the inherited culprit is the victim */
	assert_true(l.an[23].culprit.is_victim);
	assert_false(l.an[12].culprit.is_victim);
	/* --redact analyses an event again: across_carry keeps the loop's part */
	{
		struct oom_analysis *again = malloc(sizeof(*again));

		assert_non_null(again);
		analyze_event(&l.t->ev[10], again);
		assert_string_equal(again->culprit.name, "php-fpm");
		across_carry(&l.an[10], again);
		assert_string_equal(again->culprit.name, "holder");
		assert_null(finding(again, "task_table_missing"));
		assert_non_null(finding(again, "growing_holder"));
		free(again);
	}
	unload(&l);

	/* without the loop, the lone kills blame their own victims */
	l = load("memcg-oom-dmesg-618-loop.log", false);
	assert_string_equal(l.an[10].culprit.name, "php-fpm");
	assert_int_equal(l.an[10].culprit.confidence, CONFIDENCE_LOW);
	unload(&l);
}

/*
 * The holder's row in report 1 (line 82): rss_anon 12576 pages, page
 * tables 163840 bytes, no shmem or swap: 50304 + 160 = 50464 kB (49.3
 * MiB), at 37406.310734 (line 1).  In report 10 (line 838): 14496 pages
 * and 176128 bytes: 57984 + 172 = 58156 kB (56.8 MiB), at 37407.994351
 * (line 759): 7692 kB in 1.684 s, 4.5 MiB/s.  Its kill line (line 857):
 * anon-rss 63488 kB (62.0 MiB) at 37409.448671: 3.1 s after report 1.
 */
static void test_across_growing_holder(void **state)
{
	struct loop l = load("memcg-oom-dmesg-618-loop.log", true);
	const struct oom_finding *f;

	(void)state;
	assert_null(finding(&l.an[0], "growing_holder"));  /* one report */
	f = finding(&l.an[9], "growing_holder");
	assert_non_null(f);
	assert_int_equal(f->severity, FINDING_WARNING);
	assert_string_equal(f->message, "holder (pid 28476) grew from 49.3 MiB "
			    "to 56.8 MiB in 1.7 s (4.5 MiB/s) over 10 reports "
			    "while 10 other tasks were killed.");
	f = finding(&l.an[23], "growing_holder");
	assert_non_null(f);
	assert_string_equal(f->message, "holder (pid 28476) grew from 49.3 MiB "
			    "to 62.0 MiB in 3.1 s (4.1 MiB/s) over 10 reports "
			    "while 23 other tasks were killed.");
	unload(&l);
}

/*
 * kill_loop from the third kill on; an event's time is its first line's.
 * The loop fixture: event 1 at 37406.310734 (line 1) .. event 24 at
 * 37409.448671 (line 857), 3.1 s, 23 php-fpm and the holder: 23 * 60 /
 * 3.137937 = 440 a minute.  RHEL 6: events at 12:47:02 (mysqld), 12:47:21
 * and 12:47:42 (php-fpm): 40 s, 2 * 60 / 40 = 3 a minute; the 20th at
 * 12:48:24, 82 s, 19 * 60 / 82 = 14 a minute.
 */
static void test_across_kill_loop(void **state)
{
	struct loop l = load("memcg-oom-dmesg-618-loop.log", true);
	const struct oom_finding *f;

	(void)state;
	assert_null(finding(&l.an[1], "kill_loop"));
	assert_non_null(finding(&l.an[2], "kill_loop"));
	f = finding(&l.an[23], "kill_loop");
	assert_non_null(f);
	assert_string_equal(f->message, "Kill 24 of a loop: 24 kills in 3.1 s "
			    "(440 a minute); killed: php-fpm x23, holder x1; "
			    "the loop's culprit is holder.");
	assert_non_null(strstr(f->advice, "memory cgroup's limit"));
	unload(&l);
	l = load("many-events-syslog-rhel6-new-db1.log", true);
	f = finding(&l.an[2], "kill_loop");
	assert_non_null(f);
	assert_string_equal(f->message, "Kill 3 of a loop: 3 kills in 40.0 s "
			    "(3 a minute); killed: mysqld x1, php-fpm x2; the "
			    "loop's culprit is php-fpm.");
	f = finding(&l.an[19], "kill_loop");
	assert_non_null(f);
	assert_string_equal(f->message, "Kill 20 of a loop: 20 kills in 82.0 s "
			    "(14 a minute); killed: mysqld x1, php-fpm x19; the "
			    "loop's culprit is php-fpm.");
	assert_non_null(strstr(f->advice, "give the host"));
	unload(&l);
}

/*
 * memcg-oom-dmesg-618-loop2.log: two loops at once.  Full reports 1-10
 * alternate between /oomcap.loop2/a (holder, php-fpm workers) and /b
 * (leaker, gunicorn workers); the 18 lone kills after them (lines from
 * the first "Killed process 24135") name no group: each takes the verdict
 * of the loop whose last report lists its victim's name.
 */
static void test_across_two_loops_at_once(void **state)
{
	struct loop l = load("memcg-oom-dmesg-618-loop2.log", true);

	(void)state;
	assert_int_equal(l.t->n, 28);
	for (int i = 0; i < 28; i++) {
		const char *v = l.t->ev[i].victim.name;
		const char *want = !strcmp(v, "php-fpm") ||
				   !strcmp(v, "holder") ? "holder" : "leaker";

		assert_string_equal(l.an[i].culprit.name, want);
		assert_int_equal(l.an[i].culprit.confidence,
				 i < 10 ? CONFIDENCE_HIGH : CONFIDENCE_MEDIUM);
	}
	unload(&l);
}

/*
 * memcg-oom-dmesg-618-loop3.log: the holder (pid 8904) grows over
 * reports 1-6 and is killed at the 6th; its restarted copy (pid 9244) is
 * the culprit of report 7: a new holder, so no growing_holder there (one
 * report), while the loop goes on (kill 7 of it).
 */
static void test_across_holder_restarted(void **state)
{
	struct loop l = load("memcg-oom-dmesg-618-loop3.log", true);
	const struct oom_finding *f;

	(void)state;
	assert_int_equal(l.t->n, 7);
	assert_int_equal(l.an[5].culprit.pid, 8904);
	assert_true(l.an[5].culprit.is_victim);
	assert_non_null(finding(&l.an[5], "growing_holder"));
	assert_int_equal(l.an[6].culprit.pid, 9244);
	assert_null(finding(&l.an[6], "growing_holder"));
	f = finding(&l.an[6], "kill_loop");
	assert_non_null(f);
	assert_non_null(strstr(f->message, "Kill 7 of a loop"));
	assert_non_null(strstr(f->message, "killed: php-fpm x6, holder x1"));
	unload(&l);
}

/*
 * The RHEL 6 fixture's 20 events are a real loop, each with a full report:
 * the culprit is the php-fpm group every time (no process to follow), so
 * nothing is inherited and no growing_holder is claimed.
 */
static void test_across_rhel6_group_loop(void **state)
{
	struct loop l = load("many-events-syslog-rhel6-new-db1.log", true);

	(void)state;
	assert_int_equal(l.t->n, 20);
	for (int i = 0; i < 20; i++) {
		assert_int_equal(l.an[i].culprit.kind, CULPRIT_PROCESS_GROUP);
		assert_null(strstr(l.an[i].culprit.reason, "loop's last"));
		assert_null(finding(&l.an[i], "growing_holder"));
	}
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_across_lone_kills_take_the_loop_verdict),
		cmocka_unit_test(test_across_growing_holder),
		cmocka_unit_test(test_across_kill_loop),
		cmocka_unit_test(test_across_two_loops_at_once),
		cmocka_unit_test(test_across_holder_restarted),
		cmocka_unit_test(test_across_rhel6_group_loop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
