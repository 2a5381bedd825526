/*
 * The incident stage (incident.c) on real fixtures: kill loops, repeated
 * victims and culprits, and the context lines attached to events by id.
 * Every expected value below was read by hand in the raw log (the line
 * numbers and times quoted next to it), not copied from oomscope's output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/analyze.h"
#include "oomscope/context.h"
#include "oomscope/incident.h"
#include "oomscope/pipeline.h"
#include "oomscope/report.h"
#include "testutil.h"
#include "oomscope/strbuf.h"

struct run {
	struct report r;
	struct pipeline p;
	struct incident in;
	FILE *sink;
	uint64_t delivered;
	uint64_t only;            /* report only this delivered event (0: all) */
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct run *x = ctx;
	struct oom_analysis an;

	x->delivered++;
	if (x->only && x->delivered != x->only)
		return;
	analyze_event(ev, &an);
	report_event(&x->r, ev, &an);
}

/* Runs the pipeline over buf and builds the incident of what it reported. */
static void run_buf(struct run *x, const char *buf, size_t len, uint64_t only)
{
	struct report_opts opts = { .format = REPORT_TEXT, .brief = true };

	memset(x, 0, sizeof(*x));
	x->only = only;
	x->sink = fopen("/dev/null", "w");
	assert_non_null(x->sink);
	report_init(&x->r, &opts, x->sink);
	pipeline_init(&x->p, 2026, 0, on_event, x);
	pipeline_run_buffer(&x->p, "in.log", buf, len);
	incident_init(&x->in);
	incident_build(&x->in, &x->r, &x->p.context);
}

static void run_fixture(struct run *x, const char *name, uint64_t only)
{
	size_t len;
	char *buf = testutil_slurp(name, &len);

	run_buf(x, buf, len, only);
	free(buf);
}

static void run_release(struct run *x)
{
	incident_release(&x->in);
	pipeline_release(&x->p);
	report_release(&x->r);
	fclose(x->sink);
}

/* Runs a fixture whose events are all on one host; returns that host. */
static const struct incident_host *one_host(struct run *x, const char *name,
					    uint64_t only, const char *host,
					    size_t n_events)
{
	run_fixture(x, name, only);
	assert_int_equal(x->in.n_hosts, 1);
	assert_string_equal(x->in.hosts[0].name, host);
	assert_int_equal(x->in.hosts[0].n_events, n_events);
	return &x->in.hosts[0];
}

static void check_loop(const struct incident_loop *l, uint64_t first,
		       uint64_t last, size_t kills, int64_t span_s)
{
	assert_int_equal(l->first_id, first);
	assert_int_equal(l->last_id, last);
	assert_int_equal(l->kills, kills);
	assert_int_equal(l->span_s, span_s);
}

static const struct incident_line *line_at(const struct incident *in,
					   uint64_t lineno)
{
	for (size_t i = 0; i < in->n_lines; i++)
		if (in->lines[i].line->lineno == lineno)
			return &in->lines[i];
	return NULL;
}

/*
 * many-events-syslog-rhel6-new-db1.log: 20 reports on host new-db1, each
 * opened by an "invoked oom-killer" line, the first at line 13978
 * ("Jun 20 12:47:02 new-db1 kernel: ... php-fpm invoked oom-killer"), the
 * last at line 31056 ("Jun 20 12:48:24 ... rg-listener invoked
 * oom-killer"): 82 s.  The widest gap between two consecutive reports is
 * 12 s (12:48:05 -> 12:48:17), under INCIDENT_LOOP_GAP_S, so all 20 are
 * one loop.  The "Killed process" lines name mysqld once (line 14857, pid
 * 40738) and php-fpm 19 times (lines 15815 ... 32108).
 */
static void test_incident_rhel6_kill_loop(void **state)
{
	struct run x;
	const struct incident_host *h;

	(void)state;
	h = one_host(&x, "many-events-syslog-rhel6-new-db1.log", 0, "new-db1",
		     20);
	assert_true(h->placed);
	assert_int_equal(h->n_loops, 1);
	check_loop(&h->loops[0], 1, 20, 20, 82);
	assert_int_equal(h->n_victims, 1);    /* mysqld is killed once only */
	assert_string_equal(h->victims[0].name, "php-fpm");
	assert_int_equal(h->victims[0].count, 19);
	/* the analysis names the php-fpm group for all 20, the mysqld kill
	 * included (the victim is not the culprit there) */
	assert_int_equal(h->n_culprits, 1);
	assert_string_equal(h->culprits[0].name, "php-fpm");
	assert_int_equal(h->culprits[0].count, 20);
	assert_string_equal(h->events[0].row->victim, "mysqld");
	assert_int_equal(h->events[0].anchor->first_line, 13978);
	assert_int_equal(h->events[19].anchor->first_line, 31056);
	run_release(&x);
}

/*
 * The same log's reboot, after the loop: line 32113 "Jun 20 13:16:08
 * new-db1 kernel: Linux version 2.6.32-642.11.1.el6.x86_64 ..." and line
 * 32854 "Jun 20 13:16:08 ... Adding 2097148k swap on
 * /dev/mapper/vglocal20160917-swap00", both 13:16:08 - 12:48:24 = 1664 s
 * (27 min 44 s) after the last report, with none after them: within
 * CONTEXT_NEAR_S, so near.
 */
static void test_incident_rhel6_context(void **state)
{
	struct run x;
	const struct incident_host *h;
	const struct incident_line *boot, *swap;

	(void)state;
	run_fixture(&x, "many-events-syslog-rhel6-new-db1.log", 0);
	h = &x.in.hosts[0];
	assert_int_equal(x.in.n_lines, 2);
	assert_int_equal(h->n_lines, 2);
	assert_int_equal(h->n_near, 2);
	boot = line_at(&x.in, 32113);
	swap = line_at(&x.in, 32854);
	assert_non_null(boot);
	assert_non_null(swap);
	assert_int_equal(boot->line->kind, CONTEXT_BOOT);
	assert_int_equal(swap->line->kind, CONTEXT_SWAP_ON);
	assert_ptr_equal(boot->host, h);
	assert_non_null(boot->prev);
	assert_int_equal(boot->prev->row->id, 20);
	assert_null(boot->next);
	assert_int_equal(boot->since_s, 1664);
	assert_true(boot->until_s == OOM_NA);
	assert_true(boot->near);
	assert_int_equal(swap->prev->row->id, 20);
	assert_int_equal(swap->since_s, 1664);
	assert_true(swap->near);
	/* the timeline: the 20 events in order, then the two lines */
	assert_int_equal(h->n_timeline, 22);
	assert_non_null(h->timeline[0].event);
	assert_int_equal(h->timeline[0].event->row->id, 1);
	assert_int_equal(h->timeline[19].event->row->id, 20);
	assert_ptr_equal(h->timeline[20].line, boot);
	assert_ptr_equal(h->timeline[21].line, swap);
	run_release(&x);
}

/*
 * Only the 20th report is reported (as a selection would do): it is event
 * 1 of the report, and its anchor is still the 20th delivered event's
 * (line 31056), found by its delivery number, not by position or by the
 * strings it shows.
 */
static void test_incident_selection_keeps_anchor(void **state)
{
	struct run x;
	const struct incident_host *h;

	(void)state;
	h = one_host(&x, "many-events-syslog-rhel6-new-db1.log", 20, "new-db1",
		     1);
	assert_int_equal(h->events[0].row->id, 1);
	assert_int_equal(h->events[0].row->seq, 20);
	assert_int_equal(h->events[0].anchor->first_line, 31056);
	assert_int_equal(h->n_loops, 0);
	assert_int_equal(h->n_victims, 0);
	assert_int_equal(line_at(&x.in, 32113)->prev->row->id, 1);
	assert_int_equal(line_at(&x.in, 32113)->since_s, 1664);
	run_release(&x);
}

/*
 * The codis log twice in one input: two reports alike in every string
 * (host, time, kind, victim, pid) on lines 1 and 124.  Matching by those
 * strings gave both rows the first anchor; by id each has its own.  Every
 * line has a wall clock, so the timeline goes by it: both reports are at
 * "Nov 13 14:56:19", both swap lines (123 and 246) at "Nov 13 14:56:39",
 * so both lines follow the later report of the two (event 2), by 20 s.
 */
static void test_incident_twins_by_id(void **state)
{
	size_t len;
	char *one = testutil_slurp("global-oom-syslog-centos6-codis.log", &len);
	struct strbuf sb = STRBUF_INIT;
	const struct incident_host *h;
	const struct incident_line *l;
	struct run x;

	(void)state;
	strbuf_add(&sb, one, len);
	strbuf_add(&sb, one, len);
	run_buf(&x, sb.buf, sb.len, 0);
	h = &x.in.hosts[0];
	assert_int_equal(x.in.n_hosts, 1);
	assert_string_equal(h->name, "vm-centos6");
	assert_int_equal(h->n_events, 2);
	assert_string_equal(h->events[0].row->time, h->events[1].row->time);
	assert_int_equal(h->events[0].anchor->first_line, 1);
	assert_int_equal(h->events[1].anchor->first_line, 124);
	l = line_at(&x.in, 123);
	assert_non_null(l);
	assert_int_equal(l->line->kind, CONTEXT_SWAP_ON);
	assert_true(h->by_wall);
	assert_int_equal(l->prev->row->id, 2);
	assert_null(l->next);
	assert_int_equal(l->since_s, 20);
	assert_true(l->near);
	l = line_at(&x.in, 246);
	assert_non_null(l);
	assert_int_equal(l->prev->row->id, 2);
	assert_int_equal(l->since_s, 20);
	assert_int_equal(h->n_timeline, 4);
	assert_int_equal(h->timeline[0].event->row->id, 1);
	assert_int_equal(h->timeline[1].event->row->id, 2);
	/* the same victim and culprit twice, at one time: a repeat, no loop */
	assert_int_equal(h->n_victims, 1);
	assert_string_equal(h->victims[0].name, "codis-server");
	assert_int_equal(h->victims[0].count, 2);
	assert_int_equal(h->n_loops, 0);
	run_release(&x);
	strbuf_release(&sb);
	free(one);
}

/*
 * memcg-oom-dmesg-618-workers.log: no host, three memcg reports opened at
 * uptimes 696.738406 (line 1), 696.741364 (line 86) and 697.342470 (line
 * 170), killing php-fpm 30834, 30831 and 30864 (lines 85, 169, 254): a
 * loop of three within one second (696 -> 697 in whole seconds).
 */
static void test_incident_memcg_workers_loop(void **state)
{
	struct run x;
	const struct incident_host *h;

	(void)state;
	h = one_host(&x, "memcg-oom-dmesg-618-workers.log", 0, "", 3);
	assert_ptr_equal(incident_host_of(&x.in, ""), h);
	assert_null(incident_host_of(&x.in, "new-db1"));
	assert_int_equal(h->n_loops, 1);
	check_loop(&h->loops[0], 1, 3, 3, 1);
	assert_int_equal(h->n_victims, 1);
	assert_string_equal(h->victims[0].name, "php-fpm");
	assert_int_equal(h->victims[0].count, 3);
	assert_int_equal(h->events[1].anchor->first_line, 86);
	assert_int_equal(h->events[2].anchor->first_line, 170);
	assert_int_equal(h->n_timeline, 0);   /* no context line at all */
	run_release(&x);
}

/*
 * memcg-oom-dmesg-618-loop.log: the holder (pid 28476) is the culprit of
 * all ten full reports; its rows (lines 82 and 838) give 50464 kB at
 * 37406.310734 and 58156 kB at 37407.994351 (see test_across.c): 1683 ms,
 * 4568 kB/s; the 23 php-fpm kills count as others killed, the holder's
 * own kill (event 24) does not.  The workers' loop has no grower: its
 * culprit is a group.
 */
static void test_incident_growing_holder(void **state)
{
	struct run x;
	const struct incident_host *h;
	const struct incident_growth *g;

	(void)state;
	h = one_host(&x, "memcg-oom-dmesg-618-loop.log", 0, "", 24);
	assert_int_equal(h->n_loops, 1);
	check_loop(&h->loops[0], 1, 24, 24, 3);
	assert_int_equal(h->n_growth, 1);
	g = &h->growth[0];
	assert_string_equal(g->name, "holder");
	assert_int_equal(g->pid, 28476);
	assert_int_equal(g->reports, 10);
	assert_int_equal(g->first_id, 1);
	assert_int_equal(g->last_id, 10);
	assert_int_equal(g->first_kb, 50464);
	assert_int_equal(g->last_kb, 58156);
	assert_int_equal(g->last_us - g->first_us, 1683617);
	assert_int_equal(g->rate_kb_s, 4568);
	assert_int_equal(g->others_killed, 23);
	run_release(&x);
	h = one_host(&x, "memcg-oom-dmesg-618-workers.log", 0, "", 3);
	assert_int_equal(h->n_growth, 0);
	run_release(&x);
}

/* No event: an empty incident, and building twice frees the first. */
static void test_incident_empty_and_rebuild(void **state)
{
	struct run x;

	(void)state;
	run_fixture(&x, "no-oom-bare-redis-bgsave.log", 0);
	assert_int_equal(x.in.n_hosts, 0);
	assert_int_equal(x.in.n_lines, 0);
	run_release(&x);
	run_fixture(&x, "memcg-oom-dmesg-618-workers.log", 0);
	incident_build(&x.in, &x.r, &x.p.context);
	assert_int_equal(x.in.n_hosts, 1);
	assert_int_equal(x.in.hosts[0].n_loops, 1);
	run_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incident_rhel6_kill_loop),
		cmocka_unit_test(test_incident_rhel6_context),
		cmocka_unit_test(test_incident_selection_keeps_anchor),
		cmocka_unit_test(test_incident_twins_by_id),
		cmocka_unit_test(test_incident_memcg_workers_loop),
		cmocka_unit_test(test_incident_growing_holder),
		cmocka_unit_test(test_incident_empty_and_rebuild),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
