/*
 * The analysis stage: the kernel's watermark and order tests at their
 * edges, the badness formula per era, and per fixture the verdicts an
 * engineer reaches from the raw log.  Fixture line numbers are 1-based (as
 * `grep -n` prints them); every expected number was computed by hand from
 * the line named next to it.  Inputs marked "hand-made" are not from a log.
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
#include "oomscope/event.h"
#include "oomscope/pipeline.h"
#include "testutil.h"

#define MAX_EVENTS 24

struct got {
	int n;
	struct oom_event *ev;           /* t's events */
	struct oom_analysis an[MAX_EVENTS];
	struct testutil_events *t;
};

/* Runs a fixture through the pipeline and analyses every event. */
static struct got *load(const char *name)
{
	struct got *g = calloc(1, sizeof(*g));

	assert_non_null(g);
	g->t = testutil_load(name);
	assert_true(g->t->n <= MAX_EVENTS);
	g->n = g->t->n;
	g->ev = g->t->ev;
	for (int i = 0; i < g->n; i++)
		analyze_event(&g->ev[i], &g->an[i]);
	return g;
}

static void unload(struct got *g)
{
	testutil_free(g->t);
	free(g);
}

static const struct oom_finding *finding(const struct oom_analysis *an,
					 const char *code)
{
	for (int i = 0; i < an->n_findings; i++)
		if (strcmp(an->findings[i].code, code) == 0)
			return &an->findings[i];
	return NULL;
}

static void has(const struct oom_analysis *an, const char *code,
		enum finding_severity sev)
{
	const struct oom_finding *f = finding(an, code);

	if (f == NULL)
		fail_msg("finding %s missing", code);
	assert_int_equal(f->severity, sev);
	assert_true(f->message[0] != '\0');
}

static void lacks(const struct oom_analysis *an, const char *code)
{
	if (finding(an, code) != NULL)
		fail_msg("unexpected finding %s", code);
}

static void culprit(const struct oom_analysis *an, enum culprit_kind kind,
		    const char *name, int64_t pid)
{
	assert_string_equal(analyze_culprit_kind_name(an->culprit.kind),
			    analyze_culprit_kind_name(kind));
	assert_string_equal(an->culprit.name, name);
	assert_int_equal(an->culprit.pid, pid);
	assert_true(an->culprit.reason[0] != '\0');
}

/* ---- unit: the watermark test ----------------------------------------- */

/* hand-made zone: only the fields __zone_watermark_ok() reads */
static struct oom_zone hm_zone(int64_t free_kb, int64_t min_kb)
{
	struct oom_zone z;

	memset(&z, 0, sizeof(z));
	z.node = OOM_NA;
	snprintf(z.name, sizeof(z.name), "Normal");
	z.free_kb = free_kb;
	z.min_kb = min_kb;
	z.low_kb = min_kb * 5 / 4;
	z.high_kb = min_kb * 3 / 2;
	z.reserved_highatomic_kb = z.free_highatomic_kb = OOM_NA;
	return z;
}

static void test_analyze_wmark_edges(void **state)
{
	/* hand-made: free 1000 kB, min 400 kB (100 pages), reserve 150
	 * pages (600 kB): free == min + reserve fails (margin 0) */
	struct oom_zone z = hm_zone(1000, 400);

	(void)state;
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 150, 0, 4, false,
						 false), 0);
	z.free_kb = 1004;               /* one page more passes */
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 150, 0, 4, false,
						 false), 4);
	z.free_kb = 1000;               /* __GFP_HIGH: min 100 -> 50 pages */
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 150, 0, 4, true,
						 false), 200);
	/* order 2 discounts 2^2 - 1 = 3 pages */
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 0, 2, 4, false,
						 false), 1000 - 12 - 400);
	/* order -1 (manual OOM) counts as 0 */
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 0, -1, 4, false,
						 false), 600);
	/* highatomic reserve always, free CMA unless the request is movable */
	z.reserved_highatomic_kb = 40;
	z.free_cma_kb = 100;
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 0, 0, 4, false,
						 false), 1000 - 40 - 100 - 400);
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 0, 0, 4, false,
						 true), 1000 - 40 - 400);
	/* 6.14+ prints free_highatomic: that one is used */
	z.free_highatomic_kb = 8;
	assert_int_equal(analyze_wmark_margin_kb(&z, 400, 0, 0, 4, false,
						 true), 1000 - 8 - 400);
}

static void test_analyze_wmark_codis_normal(void **state)
{
	/* global-oom-syslog-centos6-codis.log:50 "Node 0 Normal
	 * free:56140kB min:56364kB", :51 "lowmem_reserve[]: 0 0 0 0" */
	struct oom_zone z = hm_zone(56140, 56364);

	(void)state;
	assert_int_equal(analyze_wmark_margin_kb(&z, 56364, 0, 0, 4, false,
						 true), -224);
}

/* hand-made buddy line: counts per order, block sizes 4 kB << order */
static struct oom_buddy hm_buddy(const int64_t *count, const char *const *t,
				 int n)
{
	struct oom_buddy b;

	memset(&b, 0, sizeof(b));
	b.present = true;
	b.n_orders = n;
	for (int i = 0; i < n; i++) {
		b.count[i] = count[i];
		b.block_kb[i] = (int64_t)4 << i;
		snprintf(b.types[i], sizeof(b.types[i]), "%s", t[i]);
	}
	return b;
}

static void test_analyze_order_new_rule(void **state)
{
	/* many-events-syslog-rhel6-new-db1.log:14052 (event 1) "Node 0
	 * Normal: 15426*4kB 18*8kB 1*16kB 0*32kB ... = 61864kB" with 4.4+
	 * letters added by hand */
	static const int64_t c[11] = { 15426, 18, 1 };
	static const char *const t[11] = { "UME", "UM", "M", "", "", "", "",
					   "", "", "", "" };
	struct oom_buddy b = hm_buddy(c, t, 11);
	static const int64_t c2[4] = { 0, 0, 3, 1 };
	static const char *const t2[4] = { "", "", "H", "C" };
	struct oom_buddy h = hm_buddy(c2, t2, 4);

	(void)state;
	assert_int_equal(analyze_free_at_order_kb(&b, 0), 61864);
	assert_int_equal(analyze_free_at_order_kb(&b, 1), 18 * 8 + 16);
	assert_int_equal(analyze_free_at_order_kb(&b, 2), 16);
	assert_int_equal(analyze_free_at_order_kb(&b, 3), 0);
	assert_true(analyze_order_ok(&b, 2, 0, 0, true));
	assert_false(analyze_order_ok(&b, 3, 0, 0, true));
	/* hand-made: only highatomic (H) and CMA (C) blocks: unusable */
	assert_int_equal(analyze_free_at_order_kb(&h, 2), 0);
	assert_false(analyze_order_ok(&h, 2, 0, 0, true));
	/* order 0 never needs a block */
	assert_true(analyze_order_ok(&h, 0, 0, 0, true));
}

static void test_analyze_order_old_rule(void **state)
{
	/* hand-made, <= 4.3 loop: 10 free 4 kB blocks, no 8 kB ones */
	static const int64_t c[3] = { 10, 0, 1 };
	static const char *const t[3] = { "", "", "" };
	struct oom_buddy b = hm_buddy(c, t, 3);

	(void)state;
	/* usable 80, min 80 kB (20 pages): order 0 blocks out -> 40,
	 * min >> 1 = 10 pages = 40 kB: 40 <= 40 fails */
	assert_false(analyze_order_ok(&b, 2, 80, 80, false));
	/* one page more passes order 0 (44 > 40), then order 1: no blocks,
	 * min 5 pages = 20 kB: 44 > 20 passes */
	assert_true(analyze_order_ok(&b, 2, 84, 80, false));
	/* a big min fails at once: 100 - 40 = 60 <= 50 pages >> 1 = 100 */
	assert_false(analyze_order_ok(&b, 2, 100, 200, false));
}

/* ---- unit: badness per era -------------------------------------------- */

static struct oom_task hm_task(int64_t uid, int64_t rss, int64_t swap,
			       int64_t adj)
{
	struct oom_task t;

	memset(&t, 0, sizeof(t));
	t.pid = 1;
	t.uid = uid;
	t.rss_pages = rss;
	t.swapents = swap;
	t.nr_ptes = t.nr_pmds = t.pgtables_bytes = OOM_NA;
	t.rss_anon_pages = t.rss_file_pages = t.rss_shmem_pages = OOM_NA;
	t.oom_adj = OOM_NA;
	t.oom_score_adj = adj;
	return t;
}

static void test_analyze_badness_worked_example(void **state)
{
	/* oom_badness() / memcg-oom-dmesg-618-hog.log:76 "[2150] 0 2150
	 * 17067 16574 16320 254 0 176128 0 0 hog": limit 65536 kB = 16384
	 * pages, 16574 + 0 + 176128 / 4096 = 16617 points, 1014 per mille */
	struct oom_task t = hm_task(0, 16574, 0, 0);
	bool part = false;

	(void)state;
	t.pgtables_bytes = 176128;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_PAGES, 16384, 4,
						&part), 16617);
	assert_false(part);
	assert_int_equal(16617 * 1000 / 16384, 1014);
}

static void test_analyze_badness_eras(void **state)
{
	/* codis-server, global-oom-syslog-centos6-codis.log:96 rss 4432393,
	 * uid 0; totalpages 4718576 - 117970 + 4063228 / 4 = 5616413
	 * (:60, :61, :59): 4432393 * 1000 / 5616413 = 789, root - 30 */
	struct oom_task codis = hm_task(0, 4432393, OOM_NA, 0);
	/* mysqld, global-oom-bare-rhel7-oomanalyser.log:93: rss 5157063,
	 * nr_ptes 15483, swapents 1527848, uid 12345 */
	struct oom_task mysqld = hm_task(12345, 5157063, 1527848, 0);
	struct oom_task t;
	bool part = false;

	(void)state;
	assert_int_equal(analyze_badness_points(&codis, BADNESS_ERA_PERMILLE,
						5616413, 4, &part), 759);
	assert_true(part);              /* no swap, no page-table column */
	mysqld.nr_ptes = 15483;
	assert_int_equal(analyze_badness_points(&mysqld, BADNESS_ERA_ROOT3,
						10283998, 4, NULL), 6700394);
	/* the same row as root: 3 % off (6700394 * 3 / 100 = 201011) */
	mysqld.uid = 0;
	assert_int_equal(analyze_badness_points(&mysqld, BADNESS_ERA_ROOT3,
						10283998, 4, NULL), 6499383);
	/* hand-made: 3.5-3.12 root bonus is adj - 30 before scaling:
	 * 1000 + (0 - 30) * 100 < 0 -> 1 */
	t = hm_task(0, 1000, 0, 0);
	t.nr_ptes = 0;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_ADJ30, 100000,
						4, NULL), 1);
	/* hand-made: adj scales with totalpages / 1000 */
	t.uid = 1000;
	t.oom_score_adj = 500;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_PAGES, 100000,
						4, NULL), 1000 + 500 * 100);
	/* per-mille era clamps to 1000; -1000 is never chosen */
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_PERMILLE,
						100000, 4, NULL), 510);
	t.oom_score_adj = 1000;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_PERMILLE,
						100000, 4, NULL), 1000);
	t.oom_score_adj = -1000;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_PAGES, 100000,
						4, NULL), OOM_NA);
	/* <= 2.6.35 is not reproducible */
	t.oom_score_adj = 0;
	assert_int_equal(analyze_badness_points(&t, BADNESS_ERA_OLD, 100000,
						4, NULL), OOM_NA);
}

static void test_analyze_badness_era_of_version(void **state)
{
	bool a;

	(void)state;
	assert_int_equal(analyze_badness_era("2.6.32-504.el6.x86_64",
		OOM_TASKS_UNKNOWN, true, &a), BADNESS_ERA_PERMILLE);
	assert_false(a);
	assert_int_equal(analyze_badness_era("2.6.32.9", OOM_TASKS_UNKNOWN,
					     false, &a), BADNESS_ERA_OLD);
	assert_int_equal(analyze_badness_era("3.0.1", OOM_TASKS_UNKNOWN, true,
					     &a), BADNESS_ERA_PERMILLE);
	assert_int_equal(analyze_badness_era("3.8.13", OOM_TASKS_UNKNOWN, true,
					     &a), BADNESS_ERA_ADJ30);
	assert_int_equal(analyze_badness_era("3.10.0-514.6.1.el7.x86_64",
		OOM_TASKS_UNKNOWN, true, &a), BADNESS_ERA_ROOT3);
	assert_int_equal(analyze_badness_era("3.13.0-86-generic",
		OOM_TASKS_UNKNOWN, true, &a), BADNESS_ERA_ROOT3);
	assert_int_equal(analyze_badness_era("4.16.13", OOM_TASKS_UNKNOWN,
					     true, &a), BADNESS_ERA_ROOT3);
	assert_int_equal(analyze_badness_era("4.17.0", OOM_TASKS_UNKNOWN, true,
					     &a), BADNESS_ERA_PAGES);
	assert_int_equal(analyze_badness_era("4.18.0-553.8.1.el8_10.x86_64",
		OOM_TASKS_UNKNOWN, true, &a), BADNESS_ERA_PAGES);
	/* no version: from the table layout, flagged as assumed */
	assert_int_equal(analyze_badness_era("", OOM_TASKS_OOM_ADJ, true, &a),
			 BADNESS_ERA_PERMILLE);
	assert_true(a);
	assert_int_equal(analyze_badness_era(NULL, OOM_TASKS_RSS_SPLIT, true,
					     &a), BADNESS_ERA_PAGES);
	assert_int_equal(analyze_badness_era(NULL, OOM_TASKS_UNKNOWN, true,
					     &a), BADNESS_ERA_UNKNOWN);
}

/* ---- hand-made events ------------------------------------------------- */

struct hm_event {
	struct oom_event ev;
	struct oom_zone zone;
	struct oom_task task[3];
};

/*
 * hand-made global OOM on 6.1: one Normal zone of a 4 GiB machine
 * (1048576 pages, no swap), a 2 GiB holder (pid 100, adj -1000), a
 * 100 MiB task (pid 200) that was killed, a small invoker (pid 300).
 */
static void hm_event(struct hm_event *h, int64_t order, int64_t free_kb)
{
	static const int64_t rss[3] = { 524288, 25600, 256 };

	oom_event_init(&h->ev);
	snprintf(h->ev.kernel_version, sizeof(h->ev.kernel_version), "6.1.0");
	h->ev.seen = OOM_PART_TRIGGER | OOM_PART_MEMINFO | OOM_PART_ZONES |
		     OOM_PART_RAM | OOM_PART_SWAP | OOM_PART_TASKS |
		     OOM_PART_VICTIM | OOM_PART_BUDDY;
	h->ev.invoker.pid = 300;
	snprintf(h->ev.invoker.name, sizeof(h->ev.invoker.name), "small");
	h->ev.invoker.has_gfp = true;
	h->ev.invoker.gfp_mask = 0xcc0;         /* GFP_KERNEL, 5.1+ */
	h->ev.invoker.order = order;
	h->ev.constraint.type = OOM_CONSTRAINT_NONE;
	/* Mem-Info: the three tasks' rss on the anon LRU, 4000 pages free,
	 * the rest page cache: nothing unexplained */
	h->ev.meminfo.active_anon = rss[0] + rss[1] + rss[2];
	h->ev.meminfo.inactive_anon = h->ev.meminfo.isolated_anon = 0;
	h->ev.meminfo.active_file = 1048576 - 550144 - 4000;
	h->ev.meminfo.inactive_file = 0;
	h->ev.meminfo.shmem = 0;
	h->ev.meminfo.free = 4000;
	h->ev.totals.ram_pages = 1048576;
	h->ev.totals.reserved_pages = 0;
	h->ev.totals.swap_total_kb = h->ev.totals.swap_free_kb = 0;
	h->ev.page_size_kb = 4;
	h->zone = hm_zone(free_kb, 16384);
	h->zone.n_lowmem = 1;
	h->ev.zones = &h->zone;
	h->ev.n_zones = 1;
	for (int i = 0; i < 3; i++) {
		h->task[i] = hm_task(1000, rss[i], 0, i == 0 ? -1000 : 0);
		h->task[i].pid = h->task[i].tgid = 100 * (i + 1);
		h->task[i].pgtables_bytes = 0;
		snprintf(h->task[i].name, sizeof(h->task[i].name), "t%d", i);
	}
	h->ev.tasks = h->task;
	h->ev.n_tasks = h->ev.tasks_seen = 3;
	h->ev.task_layout = OOM_TASKS_PGTABLES;
	h->ev.tasks_sum_rss_pages = rss[0] + rss[1] + rss[2];
	h->ev.victim.pid = 200;
	snprintf(h->ev.victim.name, sizeof(h->ev.victim.name), "t1");
	h->ev.victim.anon_rss_kb = 102400;
}

static void test_analyze_protected_hog(void **state)
{
	struct hm_event *h = calloc(1, sizeof(*h));
	struct oom_analysis *an = calloc(1, sizeof(*an));

	(void)state;
	hm_event(h, 0, 16000);          /* Normal under min 16384 */
	analyze_event(&h->ev, an);
	assert_true(an->analyzed);
	/* the culprit is who holds the memory, whatever its adj */
	culprit(an, CULPRIT_PROCESS, "t0", 100);
	assert_int_equal(an->culprit.held_kb, 524288 * 4);
	assert_int_equal(an->culprit.share_permille, 500);
	assert_false(an->culprit.is_victim);
	has(an, "protected_hog", FINDING_WARNING);
	has(an, "zone_below_min", FINDING_CRITICAL);
	has(an, "innocent_invoker", FINDING_INFO);
	lacks(an, "unexplained_kernel_memory");
	assert_int_equal(an->balance.unexplained_kb, 0);
	/* -1000 is never chosen: t1 has the highest points */
	assert_int_equal(an->badness.ranked[0].pid, 200);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	free(an);
	free(h);
}

static void test_analyze_zone_mark_edges(void **state)
{
	/* hand-made zone: min 16384, low 20480, high 24576 kB, reserve 0 */
	struct hm_event *h = calloc(1, sizeof(*h));
	struct oom_analysis *an = calloc(1, sizeof(*an));

	(void)state;
	hm_event(h, 0, 16384);          /* free == min fails: under min */
	analyze_event(&h->ev, an);
	assert_int_equal(an->zones[0].mark, ZONE_UNDER_MIN);
	assert_int_equal(an->zones[0].high_deficit_kb, 24576 - 16384);
	has(an, "zone_below_min", FINDING_CRITICAL);
	h->zone.free_kb = 16388;        /* one page above min */
	analyze_event(&h->ev, an);
	assert_int_equal(an->zones[0].mark, ZONE_UNDER_LOW);
	has(an, "zones_below_high", FINDING_INFO);
	lacks(an, "zone_below_min");
	h->zone.free_kb = 24576;        /* free == high still fails high */
	analyze_event(&h->ev, an);
	assert_int_equal(an->zones[0].mark, ZONE_UNDER_HIGH);
	h->zone.free_kb = 24580;        /* passes high: odd for an OOM */
	analyze_event(&h->ev, an);
	assert_int_equal(an->zones[0].mark, ZONE_ABOVE_HIGH);
	assert_int_equal(an->zones[0].high_deficit_kb, 0);
	has(an, "zone_above_high", FINDING_WARNING);
	free(an);
	free(h);
}

static void test_analyze_elided_table_rule(void **state)
{
	struct hm_event *h = calloc(1, sizeof(*h));
	struct oom_analysis *an = calloc(1, sizeof(*an));

	(void)state;
	hm_event(h, 0, 16000);
	h->ev.tasks_elided = true;
	/* t0 holds exactly half of RAM (524288 of 1048576 pages): a hidden
	 * row could hold as much, so the largest visible row is only named
	 * with low confidence, and the reason says what could be hidden */
	analyze_event(&h->ev, an);
	culprit(an, CULPRIT_PROCESS, "t0", 100);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_LOW);
	assert_non_null(strstr(an->culprit.reason, "rows not shown could "
			       "hold up to"));
	/* one page more than half: nothing hidden can outweigh it */
	h->task[0].rss_pages = 524289;
	analyze_event(&h->ev, an);
	culprit(an, CULPRIT_PROCESS, "t0", 100);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_MEDIUM);
	assert_non_null(strstr(an->culprit.reason, "elided"));
	/* a full table names a tenth; a clear lead is high */
	h->ev.tasks_elided = false;
	h->task[0].rss_pages = 104858;          /* 100.0002 per mille */
	analyze_event(&h->ev, an);
	culprit(an, CULPRIT_PROCESS, "t0", 100);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_HIGH);
	h->task[0].rss_pages = 104857;          /* 99.9999: spread */
	analyze_event(&h->ev, an);
	culprit(an, CULPRIT_UNKNOWN, "", OOM_NA);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_NONE);
	assert_null(analyze_confidence_name(an->culprit.confidence));
	free(an);
	free(h);
}

static void test_analyze_fragmentation_and_costly(void **state)
{
	/* hand-made: order 4 (64 kB), 40000 kB free, above min 16384, but
	 * blocks of at most 32 kB */
	static const int64_t c[11] = { 2000, 1000, 500, 500 };
	static const char *const t[11] = { "UME", "UME", "UM", "M", "", "", "",
					   "", "", "", "" };
	struct hm_event *h = calloc(1, sizeof(*h));
	struct oom_analysis *an = calloc(1, sizeof(*an));

	(void)state;
	hm_event(h, 4, 40000);
	h->zone.buddy = hm_buddy(c, t, 11);
	analyze_event(&h->ev, an);
	assert_true(an->costly_order);
	assert_int_equal(an->request_kb, 64);
	has(an, "costly_order", FINDING_WARNING);
	has(an, "fragmentation", FINDING_WARNING);
	assert_true(an->zones[0].fragmented);
	assert_int_equal(an->zones[0].free_at_order_kb, 0);
	/* 40000 - 15 pages - 16384 = 23556 kB above min */
	assert_int_equal(an->zones[0].min_margin_kb, 23556);
	lacks(an, "zone_below_min");
	/* with one 64 kB block the request can be served */
	h->zone.buddy.count[4] = 1;
	analyze_event(&h->ev, an);
	lacks(an, "fragmentation");
	assert_false(an->zones[0].fragmented);
	free(an);
	free(h);
}

/* ---- the fixtures ----------------------------------------------------- */

static void test_analyze_codis(void **state)
{
	struct got *g = load("global-oom-syslog-centos6-codis.log");
	const struct oom_analysis *an = &g->an[0];
	const struct oom_zone_verdict *z;

	(void)state;
	assert_int_equal(g->n, 1);
	/* :1 gfp_mask=0x201da on 2.6.32 (:3) */
	assert_int_equal(an->n_gfp_names, 2);
	assert_string_equal(an->gfp_names[0], "GFP_HIGHUSER_MOVABLE");
	assert_string_equal(an->gfp_names[1], "__GFP_COLD");
	assert_string_equal(an->gfp.highest_zone, "Movable");
	assert_true(an->gfp.direct_reclaim && an->gfp.io && an->gfp.fs);
	assert_non_null(strstr(an->request_words, "order 0 (4 KiB) from "
			       "Movable"));
	/* :50 Normal free 56140 < min 56364, reserve 0 (:51) */
	assert_int_equal(an->target_zone, 2);
	z = &an->zones[2];
	assert_string_equal(z->zone, "Normal");
	assert_int_equal(z->mark, ZONE_UNDER_MIN);
	assert_int_equal(z->min_margin_kb, -224);
	assert_int_equal(z->high_deficit_kb, 84544 - 56140);
	/* :48 DMA32 free 71556, min 11160 + lowmem_reserve[3] 15150 pages
	 * (:49) = 71760: 204 kB short as well */
	assert_int_equal(an->zones[1].reserve_kb, 15150 * 4);
	assert_int_equal(an->zones[1].min_margin_kb, -204);
	assert_int_equal(an->n_under_min, 3);
	has(an, "zone_below_min", FINDING_CRITICAL);
	/* :58-:59 swap 0 of 4063228 kB free */
	has(an, "swap_exhausted", FINDING_CRITICAL);
	assert_int_equal(an->balance.swap_free_kb, 0);
	assert_int_equal(an->balance.swap_total_kb, 4063228);
	/* :121 anon-rss 17729176 kB covers the 28404 kB deficit 624 times */
	assert_int_equal(an->victim_covers, 17729176 / 28404);
	/* :96 codis-server rss 4432393 pages = 17729572 kB of 4718576 pages
	 * RAM (:60) + 4063228 kB swap */
	culprit(an, CULPRIT_PROCESS, "codis-server", 4492);
	assert_true(an->culprit.is_invoker && an->culprit.is_victim);
	assert_int_equal(an->culprit.held_kb, 17729572);
	assert_int_equal(an->culprit.share_permille,
			 17729572LL * 1000 / (4718576LL * 4 + 4063228));
	/* RHEL6 per-mille era; :120 score 941 against 759 from the row
	 * (no swap column): (941 + 30) * 5616413 / 1000 - 4432393 pages
	 * hidden in swap and page tables */
	assert_int_equal(an->badness.era, BADNESS_ERA_PERMILLE);
	assert_int_equal(an->badness.totalpages, 5616413);
	assert_true(an->badness.lower_bound);
	assert_int_equal(an->badness.ranked[0].points, 759);
	assert_int_equal(an->badness.logged_score, 941);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	assert_int_equal(an->badness.hidden_pages, 1021144);
	unload(g);
}

static void test_analyze_nginx_elided(void **state)
{
	struct got *g = load("global-oom-bare-ubuntu313-nginx-elided.log");
	const struct oom_analysis *an = &g->an[0];
	const struct oom_balance *b = &an->balance;

	(void)state;
	/* :1 gfp_mask=0x200da on 3.13 (:3) */
	assert_int_equal(an->n_gfp_names, 1);
	assert_string_equal(an->gfp_names[0], "GFP_HIGHUSER_MOVABLE");
	/* :9 Normal free 35640 < min 35748 */
	assert_int_equal(an->zones[an->target_zone].min_margin_kb, -108);
	has(an, "zone_below_min", FINDING_CRITICAL);
	has(an, "no_swap", FINDING_INFO);
	/* :29 rows elided: the four visible nginx rows (:23-:33) hold 194
	 * MiB, the anon the rows do not explain (below) is 7.1 GiB, so the
	 * holder is among the hidden rows: no guess */
	culprit(an, CULPRIT_UNKNOWN, "", OOM_NA);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_NONE);
	has(an, "task_table_elided", FINDING_WARNING);
	/* no Mem-Info counters: anon LRU from zones :7 + :9 =
	 * 3619272 + 216 + 4019124 + 292; shmem 1008 + 1324 */
	assert_true(b->from_zones);
	assert_int_equal(b->anon_lru_kb, 7638904);
	/* visible rows :23-:33, rss sum 49932 pages */
	assert_int_equal(b->tasks_anon_kb, 49932 * 4);
	assert_int_equal(b->anon_unexplained_kb, 7638904 - 2332 - 199728);
	/* :34 score 6, victim 10366 not shown; totalpages 2097054 - 33366
	 * (:19, :21), no swap: 6 * 2063688 / 1000 = 12382 pages */
	assert_int_equal(an->badness.check, VICTIM_NOT_IN_TABLE);
	assert_int_equal(an->badness.totalpages, 2063688);
	assert_int_equal(an->badness.hidden_pages, 12382);
	has(an, "victim_not_in_table", FINDING_INFO);
	unload(g);
}

static void test_analyze_manual_nixos(void **state)
{
	struct got *g = load("manual-oom-dmesg-nixos618.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :1-:2 sysrq, order=-1; Normal has 57011076 kB free */
	culprit(an, CULPRIT_NONE, "", OOM_NA);
	has(an, "manual_oom", FINDING_INFO);
	assert_int_equal(an->request_kb, OOM_NA);
	assert_int_equal(an->zones[an->target_zone].mark, ZONE_ABOVE_HIGH);
	lacks(an, "zone_below_min");
	/* :126 stress, adj 1000, anon-rss 0 killed while jellyfin (:90)
	 * holds (82237 + 18138) * 4 + 1736704 / 1024 kB */
	has(an, "sacrificial_victim", FINDING_INFO);
	assert_int_equal(an->victim_freed_kb, 0);
	assert_int_equal(an->badness.chosen_pid, 55817);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	unload(g);
}

static void test_analyze_manual_ubuntu(void **state)
{
	struct got *g = load("manual-oom-bare-ubuntu2110-oomanalyser.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :1 order=-1; :29 DMA32 free 1696528 kB, low 55872 kB */
	culprit(an, CULPRIT_NONE, "", OOM_NA);
	has(an, "manual_oom", FINDING_INFO);
	has(an, "no_swap", FINDING_INFO);    /* :38 Total swap = 0kB */
	unload(g);
}

static void test_analyze_rhel7(void **state)
{
	struct got *g = load("global-oom-bare-rhel7-oomanalyser.log");
	const struct oom_analysis *an = &g->an[0];
	const struct oom_badness *bd = &an->badness;

	(void)state;
	/* :93 mysqld holds 5157063 + 1527848 pages + 15483 page tables */
	culprit(an, CULPRIT_PROCESS, "mysqld", 6576);
	assert_true(an->culprit.is_victim);
	assert_false(an->culprit.is_invoker);   /* :1 sed, pid 29481 */
	assert_int_equal(an->culprit.held_kb, 6700394LL * 4);
	has(an, "innocent_invoker", FINDING_INFO);
	/* totalpages 8379834 - 192987 + 8388604 / 4 (:54, :56, :53) */
	assert_int_equal(bd->era, BADNESS_ERA_ROOT3);
	assert_int_equal(bd->totalpages, 10283998);
	assert_int_equal(bd->ranked[0].points, 6700394);
	assert_int_equal(bd->ranked[0].permille, 651);  /* :143 score 651 */
	assert_int_equal(bd->logged_score, 651);
	assert_int_equal(bd->check, VICTIM_MATCH);
	/* :96 java is second: 2716569 + 6505 + 226225 */
	assert_string_equal(bd->ranked[1].name, "java");
	assert_int_equal(bd->ranked[1].points, 2949299);
	/* :37 node 0 Normal free 36692 < min 36784; :39 node 1 Normal is
	 * 49436 - 45444 = 3992 kB above min: 3 of 4 zones under min */
	assert_int_equal(an->zones[an->target_zone].node, 0);
	assert_int_equal(an->zones[an->target_zone].min_margin_kb, -92);
	assert_int_equal(an->zones[3].min_margin_kb, 3992);
	assert_int_equal(an->n_under_min, 3);
	assert_int_equal(an->n_eligible_zones, 4);
	has(an, "zone_below_min", FINDING_CRITICAL);
	has(an, "swap_exhausted", FINDING_CRITICAL);    /* :52 0 kB free */
	unload(g);
}

static void test_analyze_arch(void **state)
{
	struct got *g = load("global-oom-bare-arch61-oomanalyser.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :169 doxygen 2308581 + 5225427 pages + 60686336 / 4096 = 14816 */
	culprit(an, CULPRIT_PROCESS, "doxygen", 473206);
	assert_true(an->culprit.is_invoker && an->culprit.is_victim);
	assert_int_equal(an->badness.ranked[0].points, 7548824);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	/* :43 Normal free 61900 < min 61948 (boost included) */
	assert_int_equal(an->zones[an->target_zone].min_margin_kb, -48);
	has(an, "zone_below_min", FINDING_CRITICAL);
	has(an, "swap_exhausted", FINDING_CRITICAL);   /* :51-:52 84 kB */
	/* RAM 4115400 pages (:53) minus reserved 97082 (:55), free 34629,
	 * anon 1413442 + 1509191, file 29 + 186, unevictable 2047, slab
	 * 130091 + 89303, page tables 25704 (:30-:37), kernel stacks
	 * 10592 kB (:38): 3244192 kB no counter explains (a zswap pool at
	 * its default 20 % would be this size) */
	assert_int_equal(an->balance.unexplained_kb, 3244192);
	has(an, "unexplained_kernel_memory", FINDING_WARNING);
	unload(g);
}

static void test_analyze_varnish(void **state)
{
	struct got *g = load("global-oom-syslog-rhel8-varnish.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :85 cache-main rss 1214746 pages, killed (:96); the invoker is
	 * rsyslog's in:imjournal thread, pid 879 (:1-:2) */
	culprit(an, CULPRIT_PROCESS, "cache-main", 3117813);
	assert_true(an->culprit.is_victim);
	assert_false(an->culprit.is_invoker);
	has(an, "innocent_invoker", FINDING_INFO);
	/* :43 Normal free 37372, min 35588: above min, under high */
	assert_int_equal(an->zones[an->target_zone].min_margin_kb, 1784);
	assert_int_equal(an->zones[an->target_zone].mark, ZONE_UNDER_LOW);
	has(an, "zones_below_high", FINDING_INFO);
	lacks(an, "zone_below_min");
	has(an, "no_swap", FINDING_INFO);
	unload(g);
}

static void test_analyze_proxmox(void **state)
{
	struct got *g = load("memcg-oom-dmesg-T-proxmox-oomanalyser.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* 21 php-fpm rows, the largest (:143) 3195335 of 8310124 pages */
	culprit(an, CULPRIT_PROCESS_GROUP, "php-fpm", OOM_NA);
	assert_int_equal(an->culprit.members, 21);
	assert_true(an->culprit.is_invoker && an->culprit.is_victim);
	/* :40 usage 31211520 kB = limit; :158 oom_memcg /lxc/39004 is an
	 * ancestor of task_memcg /lxc/39004/ns/... */
	has(an, "memcg_limit", FINDING_CRITICAL);
	has(an, "ancestor_memcg_limit", FINDING_WARNING);
	/* :41 swap limit 0: totalpages = 31211520 / 4, exact */
	assert_int_equal(an->badness.totalpages, 7802880);
	assert_false(an->badness.totalpages_assumed);
	assert_int_equal(an->badness.ranked[0].points, 3195335 + 6597);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	unload(g);
}

static void test_analyze_rhel6_events(void **state)
{
	struct got *g = load("many-events-syslog-rhel6-new-db1.log");
	int groups = 0;

	(void)state;
	assert_int_equal(g->n, 20);
	for (int i = 0; i < g->n; i++)
		groups += g->an[i].culprit.kind == CULPRIT_PROCESS_GROUP;
	/* all 20 blame the php-fpm workers (issue 11: event 3 too) */
	assert_int_equal(groups, 20);
	culprit(&g->an[0], CULPRIT_PROCESS_GROUP, "php-fpm", OOM_NA);
	assert_int_equal(g->an[0].culprit.members, 458);
	/* event 2: the table breaks at :15404 (a row cut to "p-fpm"); the
	 * visible php-fpm rows alone hold more than half of RAM + swap */
	culprit(&g->an[1], CULPRIT_PROCESS_GROUP, "php-fpm", OOM_NA);
	assert_non_null(strstr(g->an[1].culprit.reason, "elided"));
	/* event 1: :14857 mysqld killed with 13128 kB anon, less than the
	 * 91236 - 60780 kB the Normal zone lacks to high (:14048) */
	assert_false(g->an[0].culprit.is_victim);
	assert_int_equal(g->an[0].deficit_kb, 30456);
	has(&g->an[0], "victim_smaller_than_deficit", FINDING_WARNING);
	/* :14856 score 16 of totalpages 8388607 - 181790 + 2097148 / 4
	 * (:14057-:14059) = 8731104: 139697 pages; the row shows rss 3287 */
	assert_int_equal(g->an[0].badness.check, VICTIM_MATCH);
	assert_int_equal(g->an[0].badness.hidden_pages,
			 16LL * 8731104 / 1000 - 3287);
	/* event 3 (:15816-:16265): header and Mem-Info start, then the
	 * ring buffer lost the rest, the task header included; 400 rows
	 * follow (read with columns inferred from 2.6.32-642.el6): no RAM
	 * to judge them against, but the php-fpm group they show is the
	 * same as in the 19 other events: named, with low confidence */
	culprit(&g->an[2], CULPRIT_PROCESS_GROUP, "php-fpm", OOM_NA);
	assert_int_equal(g->an[2].culprit.confidence, CONFIDENCE_LOW);
	assert_int_equal(g->an[0].culprit.confidence, CONFIDENCE_HIGH);
	has(&g->an[2], "task_table_elided", FINDING_WARNING);
	/* event 4: a php-fpm worker both invoked and died */
	assert_true(g->an[3].culprit.is_invoker && g->an[3].culprit.is_victim);
	unload(g);
}

static void test_analyze_memcg_hog(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-hog.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :76 hog: anon 16320 pages + 176128 bytes of page tables */
	culprit(an, CULPRIT_PROCESS, "hog", 2150);
	assert_int_equal(an->culprit.held_kb, 16320 * 4 + 172);
	assert_int_equal(an->culprit.share_permille, 65452 * 1000 / 65536);
	assert_int_equal(an->badness.totalpages, 16384);
	assert_true(an->badness.totalpages_assumed);  /* host swap unknown */
	assert_int_equal(an->badness.ranked[0].points, 16617);
	assert_int_equal(an->badness.ranked[0].permille, 1014);
	has(an, "memcg_limit", FINDING_CRITICAL);       /* :28 */
	unload(g);
}

/*
 * A parent limit over two children (captured here: capture-memcg.sh hier
 * hierarchy): the parent's own "rss 0" (:34) is no sign of kernel memory;
 * the hierarchical total_inactive_anon + total_active_anon (:70, :71)
 * count, 66691072 + 8192 bytes = 65136 kB.
 */
static void test_analyze_memcg_hierarchy(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-hierarchy.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	assert_int_equal(g->n, 2);
	assert_int_equal(an->balance.anon_lru_kb, (66691072 + 8192) / 1024);
	/* :77 the holder in child a: rss_anon 12960 pages + 163840 bytes of
	 * page tables, 79.3 % of the 65536 kB limit (:29); it leads the
	 * grower (:78, 3296 pages) by far: high */
	culprit(an, CULPRIT_PROCESS, "python3", 8547);
	assert_int_equal(an->culprit.held_kb, 12960 * 4 + 160);
	assert_int_equal(an->culprit.confidence, CONFIDENCE_HIGH);
	lacks(an, "unexplained_kernel_memory");
	unload(g);
}

static void test_analyze_memcg_innocent(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-innocent.log");

	(void)state;
	assert_int_equal(g->n, 2);
	/* event 1: the grower 30665 (rss_anon 3296) asks, the holder 30622
	 * (rss_anon 12960, 155648 bytes of page tables) dies */
	culprit(&g->an[0], CULPRIT_PROCESS, "python3", 30622);
	assert_true(g->an[0].culprit.is_victim);
	assert_false(g->an[0].culprit.is_invoker);
	assert_int_equal(g->an[0].culprit.held_kb, 12960 * 4 + 152);
	has(&g->an[0], "innocent_invoker", FINDING_INFO);
	/* two python3 tasks are not a group */
	assert_int_equal(g->an[0].n_groups, 1);
	assert_int_equal(g->an[0].groups[0].members, 2);
	/* event 2: the grower holds it all now, asks and dies */
	culprit(&g->an[1], CULPRIT_PROCESS, "python3", 30665);
	assert_true(g->an[1].culprit.is_invoker && g->an[1].culprit.is_victim);
	lacks(&g->an[1], "innocent_invoker");
	unload(g);
}

static void test_analyze_memcg_workers(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-workers.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	assert_int_equal(g->n, 3);
	/* :77-:83 seven php-fpm: rss_anon 2272/2304 pages each plus page
	 * tables: 9168 + 9292 + 9296 + 9292 + 9292 + 9292 + 9164 kB */
	culprit(an, CULPRIT_PROCESS_GROUP, "php-fpm", OOM_NA);
	assert_int_equal(an->culprit.members, 7);
	assert_int_equal(an->culprit.held_kb, 64796);
	assert_int_equal(an->culprit.share_permille, 64796 * 1000 / 65536);
	assert_true(an->culprit.is_invoker && an->culprit.is_victim);
	for (int i = 1; i < g->n; i++)
		assert_int_equal(g->an[i].culprit.kind, CULPRIT_PROCESS_GROUP);
	unload(g);
}

static void test_analyze_memcg_sacrificial(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-sacrificial.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	assert_int_equal(g->n, 3);
	/* :77 python3 30895 holds rss_anon 11936 pages + 160 kB tables */
	culprit(an, CULPRIT_PROCESS, "python3", 30895);
	assert_int_equal(an->culprit.held_kb, 11936 * 4 + 160);
	assert_false(an->culprit.is_victim);
	assert_false(an->culprit.is_invoker);   /* :1 pid 30941 */
	/* :78, :81 sleep, adj 1000, anon-rss 0: 424 + 45056 / 4096 + 1000 *
	 * (16384 / 1000) = 16435 points beat python3's 13592 + 40 */
	assert_int_equal(an->badness.chosen.points, 16435);
	assert_int_equal(an->badness.check, VICTIM_MATCH);
	has(an, "sacrificial_victim", FINDING_WARNING);
	has(an, "victim_smaller_than_deficit", FINDING_WARNING);
	assert_int_equal(an->victim_freed_kb, 0);
	assert_int_equal(an->deficit_kb, 4);
	/* event 2 (:161): the holder itself goes */
	assert_true(g->an[1].culprit.is_victim);
	lacks(&g->an[1], "sacrificial_victim");
	unload(g);
}

static void test_analyze_memcg_tmpfs(void **state)
{
	struct got *g = load("memcg-oom-dmesg-618-tmpfs.log");
	const struct oom_analysis *an = &g->an[0];

	(void)state;
	/* :36 shmem 52428800 bytes of the 65536 kB limit (:29); the only
	 * task (:77) holds rss_anon 3520 pages */
	culprit(an, CULPRIT_SHMEM, "", OOM_NA);
	assert_int_equal(an->culprit.held_kb, 51200);
	assert_int_equal(an->culprit.share_permille, 51200 * 1000 / 65536);
	assert_false(an->culprit.is_victim || an->culprit.is_invoker);
	has(an, "shmem_heavy", FINDING_WARNING);
	has(an, "memcg_limit", FINDING_CRITICAL);
	unload(g);
}

static void test_analyze_lone_kill_line(void **state)
{
	struct got *g = load("truncated-bare-python3-victim.log");

	(void)state;
	/* a kill line and nothing else: the kernel's own choice, low; its
	 * anon-rss 5649844 kB is all the excerpt shows (no RAM to weigh) */
	culprit(&g->an[0], CULPRIT_PROCESS, "python3", 1138439);
	assert_int_equal(g->an[0].culprit.confidence, CONFIDENCE_LOW);
	assert_int_equal(g->an[0].culprit.held_kb, 5649844);
	assert_true(g->an[0].culprit.is_victim);
	assert_non_null(strstr(g->an[0].culprit.reason, "only the kill"));
	assert_string_equal(g->an[0].request_words, "");
	unload(g);
}

/*
 * Real pastes that lost most of the report (fixtures/pasted): a memcg's
 * only task row; a table the oom-kill: line closes but no limit.
 */
static void test_analyze_partial_pastes(void **state)
{
	struct got *g = load("pasted/pg-gh-k8s56891-java-dmesgT-two-events.log");

	(void)state;
	/* :3 the memcg table's one row, java 28438, also the victim (:5) */
	culprit(&g->an[0], CULPRIT_PROCESS, "java", 28438);
	assert_int_equal(g->an[0].culprit.confidence, CONFIDENCE_MEDIUM);
	assert_non_null(strstr(g->an[0].culprit.reason, "only task"));
	unload(g);
	/*
	 * 5.0 one-liners, one per cgroup (:1 the pod, :2 and :3 its two
	 * containers): their own counters, added up: active_anon 0 + 40 +
	 * 868 kB, cache 0 + 0 + 264 kB
	 */
	g = load("pasted/gh-ingress-nginx-4756-pod-stats.log");
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].memcg.stats_cgroups, 3);
	for (int i = 0; i < g->ev[0].memcg.n_stats; i++) {
		const struct oom_memcg_stat *st = &g->ev[0].memcg.stats[i];

		if (!strcmp(st->key, "active_anon"))
			assert_int_equal(st->value, 908);
		if (!strcmp(st->key, "cache"))
			assert_int_equal(st->value, 264);
	}
	unload(g);
	g = load("pasted/gh-flatcar-698-cgv2-java-noprefix.log");
	/* three rows: java 634 MiB, bash 3.7 MiB, pause 4 KiB; the limit is
	 * not in the paste, so the share cannot be judged: low */
	culprit(&g->an[0], CULPRIT_PROCESS, "java", 4014327);
	assert_int_equal(g->an[0].culprit.confidence, CONFIDENCE_LOW);
	assert_non_null(strstr(g->an[0].culprit.reason, "cannot be judged"));
	unload(g);
}

/* No version logged: the flag table from the report's own shape. */
static void test_analyze_gfp_era_from_shape(void **state)
{
	struct got *g = load("pasted/pg-lkml2008-idle-machine-quoted-wrapped.log");

	(void)state;
	/* "gfp_mask=0xd0, order=0, oomkilladj=0" (2.6.23): oom_adj alone
	 * puts it at or before 2.6.35, where 0xd0 is GFP_KERNEL in every
	 * table (__GFP_WAIT 0x10 | __GFP_IO 0x40 | __GFP_FS 0x80) */
	assert_int_equal(g->an[0].gfp_era_source, GFP_ERA_SHAPE);
	assert_false(g->an[0].gfp_undecided);
	assert_int_equal(g->an[0].n_gfp_names, 1);
	assert_string_equal(g->an[0].gfp_names[0], "GFP_KERNEL");
	unload(g);
	g = load("pasted/pg-devto-plumbr-docker-memcg-unordered.log");
	/* "gfp_mask=0xd0" with a select line only (<= 5.0): the eras from
	 * 2.6.32 to 5.0 disagree on 0xd0 (GFP_KERNEL before 4.4, not
	 * after), so it is not decoded */
	assert_true(g->an[0].gfp_undecided);
	assert_int_equal(g->an[0].n_gfp_names, 0);
	has(&g->an[0], "gfp_era_assumed", FINDING_INFO);
	unload(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analyze_wmark_edges),
		cmocka_unit_test(test_analyze_wmark_codis_normal),
		cmocka_unit_test(test_analyze_order_new_rule),
		cmocka_unit_test(test_analyze_order_old_rule),
		cmocka_unit_test(test_analyze_badness_worked_example),
		cmocka_unit_test(test_analyze_badness_eras),
		cmocka_unit_test(test_analyze_badness_era_of_version),
		cmocka_unit_test(test_analyze_protected_hog),
		cmocka_unit_test(test_analyze_zone_mark_edges),
		cmocka_unit_test(test_analyze_elided_table_rule),
		cmocka_unit_test(test_analyze_fragmentation_and_costly),
		cmocka_unit_test(test_analyze_codis),
		cmocka_unit_test(test_analyze_nginx_elided),
		cmocka_unit_test(test_analyze_manual_nixos),
		cmocka_unit_test(test_analyze_manual_ubuntu),
		cmocka_unit_test(test_analyze_rhel7),
		cmocka_unit_test(test_analyze_arch),
		cmocka_unit_test(test_analyze_varnish),
		cmocka_unit_test(test_analyze_proxmox),
		cmocka_unit_test(test_analyze_rhel6_events),
		cmocka_unit_test(test_analyze_memcg_hog),
		cmocka_unit_test(test_analyze_memcg_innocent),
		cmocka_unit_test(test_analyze_memcg_workers),
		cmocka_unit_test(test_analyze_memcg_sacrificial),
		cmocka_unit_test(test_analyze_memcg_tmpfs),
		cmocka_unit_test(test_analyze_lone_kill_line),
		cmocka_unit_test(test_analyze_partial_pastes),
		cmocka_unit_test(test_analyze_memcg_hierarchy),
		cmocka_unit_test(test_analyze_gfp_era_from_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
