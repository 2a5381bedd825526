/*
 * Unit tests of select.c: the time syntax, the per-event filters and the
 * buffer behind --sort and --last.  Events are built by the real pipeline
 * from lines copied verbatim from the corpus.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "oomscope/pipeline.h"
#include "oomscope/select.h"

/* truncated-syslog-centos-nmap.log, lines 1-4 (whole file) */
static const char nmap_log[] =
	"Nov 22 11:09:03 VM_0_14_centos kernel: [ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
	"Nov 22 11:09:03 VM_0_14_centos kernel: [19272]     0 19272   678212   422656    1329        0             0 nmap\n"
	"Nov 22 11:09:03 VM_0_14_centos kernel: Out of memory: Kill process 19272 (nmap) score 873 or sacrifice child\n"
	"Nov 22 11:09:03 VM_0_14_centos kernel: Killed process 19272 (nmap) total-vm:2712848kB, anon-rss:1690624kB, file-rss:0kB, shmem-rss:0kB\n";

/* truncated-syslog-plumbr-java-joined.log, line 1 (whole file) */
static const char plumbr_log[] =
	"Jun 4 07:41:59 plumbr kernel: [70667120.897649] Out of memory: Kill process 29957 (java) score 366 or sacrifice child Jun 4 07:41:59 plumbr kernel: [70667120.897701] Killed process 29957 (java) total-vm:2532680kB, anon-rss:1416508kB, file-rss:0kB\n";

/* memcg-oom-dmesg-618-hog.log, line 78:
 * plain dmesg, no wall-clock time, no host */
static const char hog_log[] =
	"[   89.704601] Memory cgroup out of memory: Killed process 2150 (hog) total-vm:68268kB, anon-rss:65280kB, file-rss:1016kB, shmem-rss:0kB, UID:0 pgtables:172kB oom_score_adj:0\n";

/* date -u -d "2026-11-22 11:09:03" +%s (the nmap lines read with year 2026) */
#define NMAP_T 1795345743LL
/* date -u -d "2026-06-04 07:41:59" +%s */
#define PLUMBR_T 1780558919LL

struct events {
	struct oom_event ev[4];
	int n;
};

static void keep(void *ctx, struct oom_event *ev)
{
	struct events *e = ctx;

	if (e->n < 4)
		oom_event_move(&e->ev[e->n++], ev);
}

/* One event from a log text (read with --year 2026). */
static void load(struct oom_event *out, const char *log)
{
	struct events e = { .n = 0 };
	struct pipeline p;

	pipeline_init(&p, 2026, 0, keep, &e);
	pipeline_run_buffer(&p, "test.log", log, strlen(log));
	pipeline_release(&p);
	assert_int_equal(e.n, 1);
	oom_event_init(out);
	oom_event_move(out, &e.ev[0]);
}

static void test_select_absolute_times(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(select_parse_time("2026-11-22 11:09:03", 0, &t), 0);
	assert_int_equal(t, NMAP_T);
	assert_int_equal(select_parse_time("2026-11-22T11:09:03Z", 0, &t), 0);
	assert_int_equal(t, NMAP_T);
	assert_int_equal(select_parse_time("2026-11-22T11:09:03.5+00:00", 0,
					   &t), 0);
	assert_int_equal(t, NMAP_T);
	/* 12:09:03 at +01:00 is 11:09:03 UTC */
	assert_int_equal(select_parse_time("2026-11-22 12:09:03+01:00", 0,
					   &t), 0);
	assert_int_equal(t, NMAP_T);
	assert_int_equal(select_parse_time("2026-11-22T10:39:03-0030", 0, &t),
			 0);
	assert_int_equal(t, NMAP_T);
	/* date only: midnight; 11:09:03 is 40143 s after it */
	assert_int_equal(select_parse_time("2026-11-22", 0, &t), 0);
	assert_int_equal(t, NMAP_T - 40143);
	assert_int_equal(select_parse_time("2026-11-22 11:09", 0, &t), 0);
	assert_int_equal(t, NMAP_T - 3);
}

static void test_select_relative_times(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(select_parse_time("2h", 1000000, &t), 0);
	assert_int_equal(t, 1000000 - 7200);
	assert_int_equal(select_parse_time("1h30m", 1000000, &t), 0);
	assert_int_equal(t, 1000000 - 5400);
	assert_int_equal(select_parse_time("90s", 1000000, &t), 0);
	assert_int_equal(t, 1000000 - 90);
	assert_int_equal(select_parse_time("1d", 1000000, &t), 0);
	assert_int_equal(t, 1000000 - 86400);
	assert_int_equal(select_parse_time("1w", 1000000, &t), 0);
	assert_int_equal(t, 1000000 - 604800);
	assert_int_equal(select_parse_time("now", 1000000, &t), 0);
	assert_int_equal(t, 1000000);
}

static void test_select_bad_times(void **state)
{
	static const char *const bad[] = {
		"", "2x", "h", "-5m", "5", "2026-13-01", "2026-11-32",
		"2026-11-22 25:00", "2026-11-22 11:09:03 junk", "1969-12-31",
		"2026-11-22+25:00", "99999999999w", "now ",
	};
	int64_t t = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(select_parse_time(bad[i], 1000000, &t), -1);
		assert_int_equal(t, 42);
	}
}

static void test_select_time_window(void **state)
{
	struct select_opts o = { 0 };
	struct oom_event ev, hog;

	(void)state;
	load(&ev, nmap_log);
	assert_true(ev.has_wall);
	assert_int_equal(ev.wall_s, NMAP_T);
	o.has_since = true;
	o.since_s = NMAP_T;       /* inclusive */
	assert_true(select_match(&o, &ev, NULL));
	o.since_s = NMAP_T + 1;
	assert_false(select_match(&o, &ev, NULL));
	o.has_since = false;
	o.has_until = true;
	o.until_s = NMAP_T;       /* inclusive */
	assert_true(select_match(&o, &ev, NULL));
	o.until_s = NMAP_T - 1;
	assert_false(select_match(&o, &ev, NULL));
	/* no wall-clock time: never inside a window */
	load(&hog, hog_log);
	assert_false(hog.has_wall);
	o.until_s = INT64_MAX;
	assert_false(select_match(&o, &hog, NULL));
	oom_event_release(&ev);
	oom_event_release(&hog);
}

static void test_select_host_killed_pid(void **state)
{
	struct select_opts o = { 0 };
	struct oom_analysis an;
	struct oom_event ev, hog;

	(void)state;
	load(&ev, nmap_log);
	load(&hog, hog_log);
	o.host = "vm_0_14_CENTOS";  /* case does not matter */
	assert_true(select_match(&o, &ev, NULL));
	o.host = "plumbr";
	assert_false(select_match(&o, &ev, NULL));
	assert_false(select_match(&o, &hog, NULL));  /* no host at all */
	o.host = NULL;
	o.killed = "nmap";
	assert_true(select_match(&o, &ev, NULL));
	o.killed = "nma";
	assert_false(select_match(&o, &ev, NULL));
	o.killed = NULL;
	o.has_pid = true;
	o.pid = 19272;             /* the victim */
	assert_true(select_match(&o, &ev, NULL));
	o.pid = 2150;
	assert_false(select_match(&o, &ev, NULL));
	assert_true(select_match(&o, &hog, NULL));
	/* the culprit's pid counts once the event is analysed */
	memset(&an, 0, sizeof(an));
	an.analyzed = true;
	an.culprit.pid = 777;
	o.pid = 777;
	assert_false(select_match(&o, &ev, NULL));
	assert_true(select_match(&o, &ev, &an));
	an.analyzed = false;
	assert_false(select_match(&o, &ev, &an));
	oom_event_release(&ev);
	oom_event_release(&hog);
}

static void test_select_ring_keeps_last(void **state)
{
	struct select_buf b;
	struct oom_event ev;
	struct oom_analysis an;
	const char *logs[] = { nmap_log, plumbr_log, hog_log };

	(void)state;
	select_buf_init(&b, 2);
	for (int i = 0; i < 3; i++) {
		load(&ev, logs[i]);
		analyze_event(&ev, &an);
		select_buf_push(&b, &ev, &an);
		oom_event_release(&ev);
	}
	assert_int_equal(b.n, 2);
	assert_string_equal(select_buf_at(&b, 0)->victim.name, "java");
	assert_string_equal(select_buf_at(&b, 1)->victim.name, "hog");
	select_buf_release(&b);
}

static void test_select_sort_by_time(void **state)
{
	struct select_buf b;
	struct oom_event ev;
	struct oom_analysis an;
	/* Nov 22, then Jun 4, then no time: the last one inherits Jun 4 */
	const char *logs[] = { nmap_log, plumbr_log, hog_log };

	(void)state;
	select_buf_init(&b, 0);
	for (int i = 0; i < 3; i++) {
		load(&ev, logs[i]);
		analyze_event(&ev, &an);
		select_buf_push(&b, &ev, &an);
		oom_event_release(&ev);
	}
	select_buf_sort(&b);
	assert_int_equal(b.n, 3);
	assert_string_equal(select_buf_at(&b, 0)->victim.name, "java");
	assert_string_equal(select_buf_at(&b, 1)->victim.name, "hog");
	assert_string_equal(select_buf_at(&b, 2)->victim.name, "nmap");
	/* each analysis moved with its event: it equals a fresh one (the
	   three culprits differ, so a mix-up would show) */
	for (size_t i = 0; i < b.n; i++) {
		struct oom_analysis *kept = select_buf_analysis_at(&b, i);

		analyze_event(select_buf_at(&b, i), &an);
		assert_string_equal(kept->culprit.name, an.culprit.name);
		assert_int_equal(kept->culprit.held_kb, an.culprit.held_kb);
	}
	assert_string_not_equal(select_buf_analysis_at(&b, 0)->culprit.name,
				select_buf_analysis_at(&b, 1)->culprit.name);
	assert_string_not_equal(select_buf_analysis_at(&b, 1)->culprit.name,
				select_buf_analysis_at(&b, 2)->culprit.name);
	select_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select_absolute_times),
		cmocka_unit_test(test_select_relative_times),
		cmocka_unit_test(test_select_bad_times),
		cmocka_unit_test(test_select_time_window),
		cmocka_unit_test(test_select_host_killed_pid),
		cmocka_unit_test(test_select_ring_keeps_last),
		cmocka_unit_test(test_select_sort_by_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
