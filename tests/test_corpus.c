/*
 * End-to-end reconstruction of the real fixtures: every expected value
 * below was read by hand from the raw log; the comment next to it names
 * the line (fixture line numbers are 1-based, as `grep -n` prints them).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/event.h"
#include "oomscope/pipeline.h"
#include "testutil.h"

static const struct oom_zone *zone(const struct oom_event *ev, int64_t node,
				   const char *name)
{
	for (int i = 0; i < ev->n_zones; i++)
		if (ev->zones[i].node == node && !strcmp(ev->zones[i].name, name))
			return &ev->zones[i];
	fail_msg("zone %lld %s not found", (long long)node, name);
	return NULL;
}

static const struct oom_task *task(const struct oom_event *ev, int64_t pid)
{
	for (size_t i = 0; i < ev->n_tasks; i++)
		if (ev->tasks[i].pid == pid)
			return &ev->tasks[i];
	fail_msg("task %lld not found", (long long)pid);
	return NULL;
}

/* The seed codis-server report, CentOS 6, 2.6.32-504.el6. */
static void test_corpus_codis(void **state)
{
	struct testutil_events *g = testutil_load("global-oom-syslog-centos6-codis.log");
	const struct oom_event *ev = &g->ev[0];
	const struct oom_zone *z;

	(void)state;
	assert_int_equal(g->n, 1);
	assert_true(ev->complete);
	assert_string_equal(ev->host, "vm-centos6");
	assert_string_equal(ev->time_text, "Nov 13 14:56:19");
	/* line 3: "Pid: 4492, comm: codis-server Not tainted 2.6.32-504..." */
	assert_string_equal(ev->kernel_version, "2.6.32-504.el6.x86_64");
	/* line 1: "codis-server invoked oom-killer: gfp_mask=0x201da, order=0,
	 * oom_adj=0, oom_score_adj=0" */
	assert_string_equal(ev->invoker.name, "codis-server");
	assert_int_equal(ev->invoker.pid, 4492);
	assert_int_equal(ev->invoker.gfp_mask, 0x201da);
	assert_false(ev->invoker.has_gfp_text);
	assert_int_equal(ev->invoker.order, 0);
	assert_int_equal(ev->invoker.oom_adj, 0);
	assert_int_equal(ev->invoker.oom_score_adj, 0);
	/* line 120: "Kill process 4492 (codis-server) score 941" */
	assert_int_equal(ev->select.score, 941);
	/* line 121: "Killed process 4492, UID 0, (codis-server)
	 * total-vm:25418276kB, anon-rss:17729176kB, file-rss:396kB" */
	assert_int_equal(ev->victim.pid, 4492);
	assert_string_equal(ev->victim.name, "codis-server");
	assert_int_equal(ev->victim.uid, 0);
	assert_int_equal(ev->victim.total_vm_kb, 25418276);
	assert_int_equal(ev->victim.anon_rss_kb, 17729176);
	assert_int_equal(ev->victim.file_rss_kb, 396);
	assert_true(ev->victim.shmem_rss_kb == OOM_NA);
	/* no oom-kill: line in 2.6.32; Mem-Info and no memcg => NONE */
	assert_int_equal(ev->constraint.type, OOM_CONSTRAINT_NONE);
	assert_true(ev->constraint.inferred);
	/* line 2: "codis-server cpuset=/ mems_allowed=0" */
	assert_string_equal(ev->constraint.cpuset, "/");
	assert_string_equal(ev->constraint.mems_allowed, "0");
	/* line 50: Normal free:56140kB min:56364kB low:70452kB high:84544kB */
	z = zone(ev, 0, "Normal");
	assert_int_equal(z->free_kb, 56140);
	assert_int_equal(z->min_kb, 56364);
	assert_int_equal(z->low_kb, 70452);
	assert_int_equal(z->high_kb, 84544);
	assert_int_equal(z->all_unreclaimable, 1);
	/* line 54: "Node 0 Normal: 756*4kB 706*8kB 494*16kB ... = 56320kB" */
	assert_true(z->buddy.present);
	assert_int_equal(z->buddy.n_orders, 11);
	assert_int_equal(z->buddy.count[0], 756);
	assert_int_equal(z->buddy.count[1], 706);
	assert_int_equal(z->buddy.count[5], 89);   /* 89*128kB */
	assert_int_equal(z->buddy.block_kb[5], 128);
	assert_int_equal(z->buddy.total_kb, 56320);
	/* line 49: DMA32's "lowmem_reserve[]: 0 0 15150 15150" */
	z = zone(ev, 0, "DMA32");
	assert_int_equal(z->n_lowmem, 4);
	assert_int_equal(z->lowmem_reserve[2], 15150);
	assert_int_equal(z->min_kb, 11160);
	/* lines 58-61 */
	assert_int_equal(ev->totals.swap_free_kb, 0);
	assert_int_equal(ev->totals.swap_total_kb, 4063228);
	assert_int_equal(ev->totals.ram_pages, 4718576);
	assert_int_equal(ev->totals.reserved_pages, 117970);
	/* line 41: "active_anon:4040530 inactive_anon:451920 isolated_anon:0" */
	assert_int_equal(ev->meminfo.active_anon, 4040530);
	assert_int_equal(ev->meminfo.free, 35841);  /* line 44 */
	/* lines 65-119: 55 task rows in the cpu/oom_adj layout */
	assert_int_equal(ev->task_layout, OOM_TASKS_OOM_ADJ);
	assert_int_equal(ev->tasks_seen, 55);
	assert_int_equal(task(ev, 4492)->rss_pages, 4432393);   /* line 96 */
	assert_int_equal(task(ev, 4492)->total_vm_pages, 6354569);
	assert_int_equal(task(ev, 514)->oom_adj, -17);           /* line 65 */
	assert_int_equal(task(ev, 514)->oom_score_adj, -1000);
	assert_int_equal(ev->page_size_kb, 4);
	testutil_free(g);
}

/* The RHEL6 /var/log/messages with 20 events (2.6.32-642.11.1.el6). */
static void test_corpus_rhel6_twenty_events(void **state)
{
	struct testutil_events *g = testutil_load("many-events-syslog-rhel6-new-db1.log");

	(void)state;
	/* grep -c 'invoked oom-killer' = 20, grep -c 'Killed process' = 20 */
	assert_int_equal(g->n, 20);
	for (int i = 0; i < g->n; i++) {
		assert_string_equal(g->ev[i].host, "new-db1");
		assert_true(g->ev[i].seen & OOM_PART_VICTIM);
		assert_string_equal(g->ev[i].kernel_version,
				    "2.6.32-642.11.1.el6.x86_64");
	}
	/* line 14857: "Killed process 40738, UID 27, (mysqld)
	 * total-vm:6424316kB, anon-rss:13128kB, file-rss:4kB" */
	assert_int_equal(g->ev[0].victim.pid, 40738);
	assert_string_equal(g->ev[0].victim.name, "mysqld");
	assert_int_equal(g->ev[0].victim.uid, 27);
	assert_int_equal(g->ev[0].victim.anon_rss_kb, 13128);
	/* line 13978: "php-fpm invoked oom-killer: gfp_mask=0x280da, order=0,
	 * oom_adj=0, oom_score_adj=0" */
	assert_string_equal(g->ev[0].invoker.name, "php-fpm");
	assert_int_equal(g->ev[0].invoker.gfp_mask, 0x280da);
	/* event 3 lost its Mem-Info and task header to a ring-buffer
	 * overrun (lines 15851-15852 jump from per-cpu lines to task rows) */
	assert_false(g->ev[2].complete);
	assert_int_equal(g->ev[2].victim.pid, 14278);
	assert_string_equal(g->ev[2].invoker.name, "controller");
	testutil_free(g);
}

/* Ubuntu 3.13 nginx paste: no prefix, task table elided, buddy joined. */
static void test_corpus_nginx(void **state)
{
	struct testutil_events *g = testutil_load("global-oom-bare-ubuntu313-nginx-elided.log");
	const struct oom_event *ev = &g->ev[0];
	const struct oom_zone *z;

	(void)state;
	assert_int_equal(g->n, 1);
	assert_false(ev->has_host);
	assert_string_equal(ev->kernel_version, "3.13.0-86-generic");
	assert_int_equal(ev->invoker.gfp_mask, 0x200da);
	assert_int_equal(ev->invoker.pid, 10242);
	/* line 34: "Out of memory: Kill process 10366 (nginx) score 6" */
	assert_int_equal(ev->select.score, 6);
	assert_int_equal(ev->victim.pid, 10366);
	assert_int_equal(ev->victim.anon_rss_kb, 49156);
	/* line 9: Normal free:35640kB min:35748kB low:44684kB high:53620kB */
	z = zone(ev, 0, "Normal");
	assert_int_equal(z->free_kb, 35640);
	assert_int_equal(z->min_kb, 35748);
	assert_int_equal(z->managed_kb, 4322984);
	/* line 11 holds the DMA and the DMA32 buddy lines joined; DMA32's
	 * sum by hand: 1101*4 + 745*8 + 475*16 + 263*32 + 88*64 + 25*128 +
	 * 12*256 + 6*512 + 7*1024 = 48524, as printed */
	z = zone(ev, 0, "DMA32");
	assert_true(z->buddy.present);
	assert_int_equal(z->buddy.count[0], 1101);
	assert_string_equal(z->buddy.types[2], "UEM");
	assert_int_equal(z->buddy.total_kb, 48524);
	assert_int_equal(z->buddy.sum_kb, 48524);
	assert_int_equal(zone(ev, 0, "DMA")->buddy.total_kb, 15908);
	/* 10 rows around the author's "...(此处有省略)" line */
	assert_int_equal(ev->tasks_seen, 10);
	assert_true(ev->tasks_elided);
	assert_int_equal(ev->task_layout, OOM_TASKS_NR_PTES);
	assert_int_equal(ev->totals.ram_pages, 2097054);      /* line 19 */
	testutil_free(g);
}

/* Lone kill lines: partial events, never a guess. */
static void test_corpus_partial_seeds(void **state)
{
	struct testutil_events *g;

	(void)state;
	g = testutil_load("truncated-syslog-plumbr-java-joined.log");
	assert_int_equal(g->n, 1);
	assert_false(g->ev[0].complete);
	assert_true(g->ev[0].missing & OOM_PART_TRIGGER);
	assert_int_equal(g->ev[0].select.score, 366);
	assert_int_equal(g->ev[0].victim.pid, 29957);
	assert_int_equal(g->ev[0].victim.anon_rss_kb, 1416508);
	assert_int_equal(g->ev[0].victim.file_rss_kb, 0);
	testutil_free(g);

	g = testutil_load("truncated-bare-python3-victim.log");
	assert_int_equal(g->n, 1);
	assert_false(g->ev[0].complete);
	assert_int_equal(g->ev[0].victim.pid, 1138439);
	assert_int_equal(g->ev[0].victim.total_vm_kb, 8117956);
	assert_int_equal(g->ev[0].victim.anon_rss_kb, 5649844);
	assert_true(g->ev[0].victim.file_rss_kb == OOM_NA);  /* cut off */
	testutil_free(g);

	g = testutil_load("truncated-syslog-centos-nmap.log");
	assert_int_equal(g->n, 1);
	assert_false(g->ev[0].complete);
	assert_int_equal(g->ev[0].tasks_seen, 1);
	assert_int_equal(task(&g->ev[0], 19272)->nr_ptes, 1329);
	assert_int_equal(g->ev[0].select.score, 873);
	assert_int_equal(g->ev[0].victim.shmem_rss_kb, 0);
	testutil_free(g);

	g = testutil_load("no-oom-bare-redis-bgsave.log");
	assert_int_equal(g->n, 0);
	testutil_free(g);
}

/* The 6.18 memcg capture shipped in the corpus. */
static void test_corpus_memcg_hog(void **state)
{
	struct testutil_events *g = testutil_load("memcg-oom-dmesg-618-hog.log");
	const struct oom_event *ev = &g->ev[0];

	(void)state;
	assert_int_equal(g->n, 1);
	assert_true(ev->complete);
	assert_true(ev->has_uptime);
	assert_int_equal(ev->uptime_us, 89703652);            /* line 1 */
	assert_string_equal(ev->kernel_version, "6.18.44-fc-v669");
	assert_int_equal(ev->invoker.gfp_mask, 0xcc0);
	assert_string_equal(ev->invoker.gfp_text, "GFP_KERNEL");
	assert_int_equal(ev->constraint.type, OOM_CONSTRAINT_MEMCG);
	assert_false(ev->constraint.inferred);
	assert_string_equal(ev->constraint.oom_memcg, "/oomtest");
	/* line 28: "memory: usage 65536kB, limit 65536kB, failcnt 22" */
	assert_int_equal(ev->memcg.memory.usage_kb, 65536);
	assert_int_equal(ev->memcg.memory.limit_kb, 65536);
	assert_int_equal(ev->memcg.memory.failcnt, 22);
	assert_int_equal(ev->memcg.memsw.limit_kb, 9007199254740988LL);
	assert_string_equal(ev->memcg.path, "/oomtest");
	assert_int_equal(ev->memcg.version, 1);
	/* line 76: the 6.8+ row with rss_anon rss_file rss_shmem */
	assert_int_equal(ev->task_layout, OOM_TASKS_RSS_SPLIT);
	assert_int_equal(task(ev, 2150)->rss_anon_pages, 16320);
	assert_int_equal(task(ev, 2150)->pgtables_bytes, 176128);
	assert_int_equal(ev->victim.anon_rss_kb, 65280);
	assert_int_equal(ev->victim.pgtables_kb, 172);
	testutil_free(g);
}

/* Captured here: a small grower invokes, the 44 MiB holder dies. */
static void test_corpus_memcg_innocent_all_styles(void **state)
{
	static const char *const styles[] = {
		"memcg-oom-dmesg-618-innocent.log",
		"memcg-oom-dmesg-T-618-innocent.log",
		"memcg-oom-dmesg-x-618-innocent.log",
		"memcg-oom-dmesg-iso-618-innocent.log",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		struct testutil_events *g = testutil_load(styles[i]);

		assert_int_equal(g->n, 2);
		/* "CPU: 0 UID: 0 PID: 30665 Comm: python3" then
		 * "Killed process 30622 (python3) ... anon-rss:51840kB" */
		assert_int_equal(g->ev[0].invoker.pid, 30665);
		assert_int_equal(g->ev[0].victim.pid, 30622);
		assert_int_equal(g->ev[0].victim.anon_rss_kb, 51840);
		assert_true(g->ev[0].complete);
		assert_int_equal(g->ev[0].tasks_seen, 2);
		/* the second event: the grower itself, anon-rss:65152kB */
		assert_int_equal(g->ev[1].victim.pid, 30665);
		assert_int_equal(g->ev[1].victim.anon_rss_kb, 65152);
		testutil_free(g);
	}
}

/* OOMAnalyser's Proxmox sample: dmesg -T in German, cgroup v2. */
static void test_corpus_proxmox(void **state)
{
	struct testutil_events *g = testutil_load("memcg-oom-dmesg-T-proxmox-oomanalyser.log");
	const struct oom_event *ev = &g->ev[0];

	(void)state;
	assert_int_equal(g->n, 1);
	assert_string_equal(ev->kernel_version, "5.15.158-2-pve");
	assert_true(ev->has_wall && ev->wall_year_known);
	assert_int_equal(ev->invoker.pid, 3923954);
	assert_int_equal(ev->constraint.type, OOM_CONSTRAINT_MEMCG);
	assert_string_equal(ev->constraint.oom_memcg, "/lxc/39004");
	assert_int_equal(ev->memcg.memory.usage_kb, 31211520);
	assert_int_equal(ev->memcg.memory.failcnt, 83420);
	assert_int_equal(ev->memcg.version, 2);
	assert_int_equal(ev->victim.pid, 3902942);
	assert_int_equal(ev->victim.shmem_rss_kb, 156088);
	testutil_free(g);
}

/* NixOS 6.18 manual OOM: 11-column table, victim with adj 1000. */
static void test_corpus_nixos_manual(void **state)
{
	struct testutil_events *g = testutil_load("manual-oom-dmesg-nixos618.log");
	const struct oom_event *ev = &g->ev[0];

	(void)state;
	assert_int_equal(g->n, 1);
	assert_true(ev->manual);
	assert_int_equal(ev->invoker.order, -1);
	assert_string_equal(ev->invoker.name, "kworker/13:1");
	assert_string_equal(ev->kernel_version, "6.18.52");
	assert_int_equal(ev->victim.pid, 55817);
	assert_int_equal(ev->victim.oom_score_adj, 1000);
	assert_int_equal(ev->victim.anon_rss_kb, 0);
	assert_int_equal(ev->constraint.type, OOM_CONSTRAINT_NONE);
	assert_true(ev->constraint.global_oom);
	assert_int_equal(ev->task_layout, OOM_TASKS_RSS_SPLIT);
	testutil_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_codis),
		cmocka_unit_test(test_corpus_rhel6_twenty_events),
		cmocka_unit_test(test_corpus_nginx),
		cmocka_unit_test(test_corpus_partial_seeds),
		cmocka_unit_test(test_corpus_memcg_hog),
		cmocka_unit_test(test_corpus_memcg_innocent_all_styles),
		cmocka_unit_test(test_corpus_proxmox),
		cmocka_unit_test(test_corpus_nixos_manual),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
