/*
 * The state machine on single line forms: every task-table layout, every
 * kill-line form, the constraint line and its pr_cont pieces, the reaper,
 * interleaved hosts and lines of other programs.
 *
 * Lines marked HAND-MADE were written from the kernel's format strings
 * (the printing function is cited next to them); they
 * test one line parser each and are not whole reports.  The interleaving
 * test mixes two real fixtures line by line.
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

/* HAND-MADE rows in each layout of mm/oom_kill.c dump_tasks(). */
static void test_sm_task_layouts(void **state)
{
	static const struct {
		const char *text;
		enum oom_task_layout layout;
		int64_t pid, rss, swapents, adj, pgtables_bytes;
		const char *name;
	} cases[] = {
		/* 2.6.32-2.6.35: cpu oom_adj */
		{ "[ pid ]   uid  tgid total_vm      rss cpu oom_adj name\n"
		  "[ 2345]   500  2345  2097152   983040   3       0 java\n",
		  OOM_TASKS_OOM_ADJ, 2345, 983040, OOM_NA, OOM_NA, OOM_NA, "java" },
		/* 3.6-3.19: nr_ptes swapents oom_score_adj */
		{ "[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
		  "[ 2345]  1000  2345  2097152   983045    1930        7           -17 my app\n",
		  OOM_TASKS_NR_PTES, 2345, 983045, 7, -17, OOM_NA, "my app" },
		/* 4.0-4.14: nr_ptes nr_pmds */
		{ "[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name\n"
		  "[ 2345]  1000  2345  2097152   983045    1930       9        0             0 java\n",
		  OOM_TASKS_NR_PMDS, 2345, 983045, 0, 0, OOM_NA, "java" },
		/* 4.19-6.7: pgtables_bytes, a 7-digit pid in the 5-wide field */
		{ "Tasks state (memory values in pages):\n"
		  "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		  "[1234567]  1000 1234567  2097152   983045  7905280        0          1000 a:b/c\n",
		  OOM_TASKS_PGTABLES, 1234567, 983045, 0, 1000, 7905280, "a:b/c" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct testutil_events *g = testutil_run(cases[i].text);
		const struct oom_task *t;

		assert_int_equal(g->n, 1);
		assert_int_equal(g->ev[0].task_layout, cases[i].layout);
		assert_int_equal(g->ev[0].n_tasks, 1);
		t = &g->ev[0].tasks[0];
		assert_int_equal(t->pid, cases[i].pid);
		assert_int_equal(t->rss_pages, cases[i].rss);
		assert_true(t->swapents == cases[i].swapents);
		assert_true(t->oom_score_adj == cases[i].adj);
		assert_true(t->pgtables_bytes == cases[i].pgtables_bytes);
		assert_string_equal(t->name, cases[i].name);
		/* a lone table is a partial event: no trigger, no victim */
		assert_false(g->ev[0].complete);
		testutil_free(g);
	}
}

/* HAND-MADE kill lines, one per era (mm/oom_kill.c oom_kill_process()). */
static void test_sm_kill_line_forms(void **state)
{
	static const struct {
		const char *line;
		int64_t pid, uid, total_vm, anon, file, shmem, adj;
		const char *name;
	} cases[] = {
		{ "Killed process 2346 (httpd)\n",
		  2346, OOM_NA, OOM_NA, OOM_NA, OOM_NA, OOM_NA, OOM_NA, "httpd" },
		{ "Killed process 2346 (httpd) vsz:8388608kB, anon-rss:3932160kB, file-rss:1024kB\n",
		  2346, OOM_NA, 8388608, 3932160, 1024, OOM_NA, OOM_NA, "httpd" },
		{ "Killed process 2345, UID 500, (java) total-vm:8388608kB, anon-rss:3932160kB, file-rss:1024kB\n",
		  2345, 500, 8388608, 3932160, 1024, OOM_NA, OOM_NA, "java" },
		{ "Killed process 2345 (java), UID 1000, total-vm:8388608kB, anon-rss:3932160kB, file-rss:0kB, shmem-rss:0kB\n",
		  2345, 1000, 8388608, 3932160, 0, 0, OOM_NA, "java" },
		{ "Out of memory: Killed process 2345 (java) total-vm:8388608kB, anon-rss:3932160kB, file-rss:0kB, shmem-rss:5kB, UID:1000\n",
		  2345, 1000, 8388608, 3932160, 0, 5, OOM_NA, "java" },
		{ "Out of memory (oom_kill_allocating_task): Killed process 9 (a (b) c) total-vm:1kB, anon-rss:2kB, file-rss:3kB, shmem-rss:4kB, UID:5 pgtables:6kB oom_score_adj:-7\n",
		  9, 5, 1, 2, 3, 4, -7, "a (b) c" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct testutil_events *g = testutil_run(cases[i].line);
		const struct oom_victim *v;

		assert_int_equal(g->n, 1);
		v = &g->ev[0].victim;
		assert_int_equal(v->pid, cases[i].pid);
		assert_string_equal(v->name, cases[i].name);
		assert_true(v->uid == cases[i].uid);
		assert_true(v->total_vm_kb == cases[i].total_vm);
		assert_true(v->anon_rss_kb == cases[i].anon);
		assert_true(v->file_rss_kb == cases[i].file);
		assert_true(v->shmem_rss_kb == cases[i].shmem);
		assert_true(v->oom_score_adj == cases[i].adj);
		assert_true(g->ev[0].missing & OOM_PART_TRIGGER);
		testutil_free(g);
	}
}

/*
 * HAND-MADE: the 2.6.32 select line ("kill process ... or a child") and a
 * sacrificed child killed instead of the selected parent (<= 5.0).
 */
static void test_sm_select_then_child(void **state)
{
	struct testutil_events *g = testutil_run(
		"Out of memory: kill process 2345 (httpd) score 1803472 or a child\n"
		"Killed process 2346 (httpd)\n");

	(void)state;
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].select.pid, 2345);
	assert_int_equal(g->ev[0].select.score, 1803472);
	assert_int_equal(g->ev[0].victim.pid, 2346);
	testutil_free(g);
}

/*
 * HAND-MADE from mm/oom_kill.c of 2.6.9-2.6.31: the trigger names no task
 * (<= 2.6.18) or carries oomkilladj=, the select line ends "and children."
 * and the kill line "(x)." (<= 2.6.18, as on RHEL4/5).
 */
static void test_sm_old_kernel_forms(void **state)
{
	struct testutil_events *g = testutil_run(
		"oom-killer: gfp_mask=0x201d2, order=0\n"
		"Out of Memory: Kill process 2368 (jserver) score 9000 and children.\n"
		"Out of Memory: Killed process 2368 (jserver).\n"
		"httpd invoked oom-killer: gfp_mask=0x1201d2, order=0, oomkilladj=-17\n"
		"Killed process 4015 (httpd)\n");

	(void)state;
	assert_int_equal(g->n, 2);
	assert_string_equal(g->ev[0].invoker.name, "");
	assert_int_equal(g->ev[0].invoker.gfp_mask, 0x201d2);
	assert_int_equal(g->ev[0].invoker.order, 0);
	assert_int_equal(g->ev[0].select.pid, 2368);
	assert_int_equal(g->ev[0].select.score, 9000);
	assert_int_equal(g->ev[0].victim.pid, 2368);
	assert_string_equal(g->ev[0].victim.name, "jserver");
	assert_string_equal(g->ev[1].invoker.name, "httpd");
	assert_int_equal(g->ev[1].invoker.oom_adj, -17);
	assert_int_equal(g->ev[1].victim.pid, 4015);
	testutil_free(g);
}

/*
 * HAND-MADE: a kill line cut inside the name takes the name from the task
 * table; one behind unknown junk is still found; with
 * vm.oom_kill_allocating_task the kill line names the invoker.
 */
static void test_sm_kill_line_found_anywhere(void **state)
{
	struct testutil_events *g = testutil_run(
		"[ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		"[  62769]     0 62769     4382      411    77824        0          -998 cp\n"
		"Killed process 62769 (\n"
		"xyz 12:00 some agent said: Killed process 77 (java) total-vm:1kB, anon-rss:2kB, file-rss:3kB\n"
		"Out of memory (oom_kill_allocating_task): Killed process 91 (dd) total-vm:1kB, anon-rss:2kB, file-rss:3kB, shmem-rss:4kB\n");

	(void)state;
	assert_int_equal(g->n, 3);
	assert_int_equal(g->ev[0].victim.pid, 62769);
	assert_string_equal(g->ev[0].victim.name, "cp");
	assert_int_equal(g->ev[1].victim.pid, 77);
	assert_int_equal(g->ev[1].victim.anon_rss_kb, 2);
	assert_string_equal(g->ev[2].invoker.name, "dd");
	assert_int_equal(g->ev[2].invoker.pid, 91);
	testutil_free(g);
}

/* HAND-MADE from warn_alloc() 4.10-4.14: a stall is no failure. */
static void test_sm_alloc_stall_is_no_event(void **state)
{
	struct testutil_events *g = testutil_run(
		"python3: page allocation stalls for 10172ms, order:0, mode:0x14200ca(GFP_HIGHUSER_MOVABLE)\n"
		"CPU: 2 PID: 530 Comm: python3 Not tainted 4.14.34-v7+ #1110\n");

	(void)state;
	assert_int_equal(g->n, 0);
	testutil_free(g);
}

/* HAND-MADE: oom-kill: split by another CPU's line into pr_cont pieces. */
static void test_sm_constraint_pieces(void **state)
{
	struct testutil_events *g = testutil_run(
		"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null)\n"
		",cpuset=/,mems_allowed=0-1,oom_memcg=/a,task_memcg=/a/b,task=x y,pid=7,uid=0\n"
		"Memory cgroup out of memory: Killed process 7 (x y) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n");
	const struct oom_constraint_info *ci;

	(void)state;
	assert_int_equal(g->n, 1);
	ci = &g->ev[0].constraint;
	assert_int_equal(ci->type, OOM_CONSTRAINT_MEMCG);
	assert_string_equal(ci->mems_allowed, "0-1");
	assert_string_equal(ci->oom_memcg, "/a");
	assert_string_equal(ci->task_memcg, "/a/b");
	assert_string_equal(ci->task, "x y");
	assert_int_equal(ci->pid, 7);
	testutil_free(g);
}

/* HAND-MADE: the reaper line closes the event of its victim. */
static void test_sm_reaper_and_group(void **state)
{
	struct testutil_events *g = testutil_run(
		"Tasks in /g are going to be killed due to memory.oom.group set\n"
		"Memory cgroup out of memory: Killed process 10 (a) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
		"Memory cgroup out of memory: Killed process 11 (b) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
		"oom_reaper: reaped process 10 (a), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n");

	(void)state;
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].n_victims, 2);
	assert_int_equal(g->ev[0].victims[1].pid, 11);
	assert_true(g->ev[0].reaper.present);
	assert_int_equal(g->ev[0].reaper.anon_rss_kb, 0);
	testutil_free(g);
}

/* A user-space line that looks like a kill line is not an event. */
static void test_sm_logger_is_not_kernel(void **state)
{
	/* HAND-MADE: what `logger 'Out of memory: Killed process 1 (systemd)'`
	 * writes to a syslog file */
	struct testutil_events *g = testutil_run(
		"Nov 13 14:56:19 host root: Out of memory: Killed process 1 (systemd)\n"
		"Nov 13 14:56:19 host myapp[42]: java invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n");

	(void)state;
	assert_int_equal(g->n, 0);
	testutil_free(g);
}

/*
 * Two real syslog reports of two hosts, interleaved line by line as a
 * central syslog server would write them: each host keeps its own event.
 */
static void test_sm_interleaved_hosts(void **state)
{
	size_t la, lb;
	char *a = testutil_slurp("global-oom-syslog-rhel8-varnish.log", &la);
	char *b = testutil_slurp("global-oom-syslog-centos6-codis.log", &lb);
	char *mix = malloc(la + lb + 3), *pa = a, *pb = b, *out = mix;
	struct testutil_events *g;

	(void)state;
	assert_non_null(mix);
	while (*pa || *pb) {
		for (char **pp = &pa; pp; pp = pp == &pa ? &pb : NULL) {
			char *nl = strchr(*pp, '\n');
			size_t n = nl ? (size_t)(nl - *pp) + 1 : strlen(*pp);

			memcpy(out, *pp, n);
			out += n;
			*pp += n;
			if (n && out[-1] != '\n')  /* a last line without one */
				*out++ = '\n';
		}
	}
	*out = '\0';
	g = testutil_run(mix);
	assert_int_equal(g->n, 2);
	for (int i = 0; i < 2; i++) {
		const struct oom_event *ev = &g->ev[i];

		if (!strcmp(ev->host, "vm-centos6")) {
			assert_int_equal(ev->victim.pid, 4492);
			assert_int_equal(ev->tasks_seen, 55);
			assert_true(ev->complete);
		} else {
			assert_string_equal(ev->host, "hnsin-varnish");
			/* global-oom-syslog-rhel8-varnish.log: "Killed
			 * process 3117813 (cache-main)", invoker
			 * in:imjournal */
			assert_int_equal(ev->victim.pid, 3117813);
			assert_string_equal(ev->invoker.name, "in:imjournal");
			assert_true(ev->complete);
		}
	}
	free(a);
	free(b);
	free(mix);
	testutil_free(g);
}

/* HAND-MADE: rows whose header was lost; the version gives the columns. */
static void test_sm_headerless_rows(void **state)
{
	struct testutil_events *g = testutil_run(
		"java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0\n"
		"Pid: 2345, comm: java Not tainted 2.6.32-642.el6.x86_64 #1\n"
		"Mem-Info:\n"
		"[ 2345]   500  2345  2097152   983040   3       0             0 java\n"
		"[ 2346]   500  2346     1000      900   1     -17         -1000 sshd\n");

	(void)state;
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].tasks_seen, 2);
	assert_true(g->ev[0].tasks_elided);
	assert_int_equal(g->ev[0].task_layout, OOM_TASKS_OOM_ADJ);
	assert_int_equal(g->ev[0].tasks[1].oom_score_adj, -1000);
	assert_int_equal(g->ev[0].tasks[1].oom_adj, -17);
	testutil_free(g);
	/* without a version nothing is guessed */
	g = testutil_run("java invoked oom-killer: gfp_mask=0x201da, order=0\n"
		"[ 2345]   500  2345  2097152   983040   3       0             0 java\n");
	assert_int_equal(g->ev[0].tasks_seen, 0);
	testutil_free(g);
}

/*
 * HAND-MADE: warn_alloc()'s 5.0+ header (mm/page_alloc.c) and
 * a zone line in the 6.x format: a page allocation failure is an event of
 * its own kind, never a kill.  No fixture holds a real one.
 */
static void test_sm_alloc_failure(void **state)
{
	struct testutil_events *g = testutil_run(
		"kworker/u8:2: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0\n"
		"CPU: 3 PID: 91 Comm: kworker/u8:2 Not tainted 6.1.1-arch1-1 #1\n"
		"Mem-Info:\n"
		"Node 0 DMA free:11264kB boost:0kB min:12kB low:24kB high:36kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15992kB managed:15360kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB\n"
		"16439088 pages RAM\n");

	(void)state;
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].kind, OOM_KIND_ALLOC_FAILURE);
	assert_string_equal(g->ev[0].invoker.name, "kworker/u8:2");
	assert_int_equal(g->ev[0].invoker.order, 4);
	assert_int_equal(g->ev[0].invoker.gfp_mask, 0x40dc0);
	assert_string_equal(g->ev[0].constraint.mems_allowed, "0");
	assert_int_equal(g->ev[0].n_zones, 1);
	assert_int_equal(g->ev[0].totals.ram_pages, 16439088);
	assert_false(g->ev[0].seen & OOM_PART_VICTIM);
	testutil_free(g);
}

/* HAND-MADE from out_of_memory()'s 4.19+ strings: no killable task. */
static void test_sm_panic(void **state)
{
	struct testutil_events *g = testutil_run(
		"java invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
		"Out of memory and no killable processes...\n"
		"Kernel panic - not syncing: System is deadlocked on memory\n");

	(void)state;
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].kind, OOM_KIND_PANIC);
	assert_string_equal(g->ev[0].panic_text,
			    "System is deadlocked on memory");
	testutil_free(g);
	/* a memcg OOM with nothing to kill goes on: no panic line, no panic */
	g = testutil_run(
		"systemd invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=100\n"
		"Out of memory and no killable processes...\n");
	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].kind, OOM_KIND_KILL);
	assert_false(g->ev[0].seen & OOM_PART_PANIC);
	assert_non_null(strstr(g->ev[0].notes[0].text, "no killable"));
	testutil_free(g);
}

/*
 * fixtures/pasted/gh-garden-193-kibana-table-reversed.log: a Kibana table
 * of several hosts, newest first.  Read by hand: kill lines at uptimes
 * 113782 (pid 1949510), 115559 (2009943), 114632 (2856839) and 115558
 * (1948188); "Memory cgroup stats for" lines at 115582 (…/db315859-…) and
 * 118780 (…/88687739-…).  A stats line after a kill line, and a line
 * stamped before the open event's last line, each start another event:
 * six, in line order.
 */
static void test_sm_sorted_table_of_reports(void **state)
{
	static const long long victim[6] = {
		1949510, -1, 2009943, 2856839, -1, 1948188
	};
	struct testutil_events *g =
		testutil_load("pasted/gh-garden-193-kibana-table-reversed.log");

	(void)state;
	assert_int_equal(g->n, 6);
	for (int i = 0; i < 6; i++) {
		const struct oom_event *ev = &g->ev[i];

		if (victim[i] < 0) {
			assert_false(ev->seen & OOM_PART_VICTIM);
			assert_true(ev->memcg.present);
			continue;
		}
		assert_int_equal(ev->victim.pid, victim[i]);
		assert_string_equal(ev->victim.name, "envoy");
		assert_false(ev->memcg.present);
	}
	assert_non_null(strstr(g->ev[1].memcg.path, "/db315859-a870-"));
	assert_non_null(strstr(g->ev[4].memcg.path, "/88687739-ff79-"));
	testutil_free(g);
}

/*
 * fixtures/pasted/pg-alibaba-ecs-keystone-swarm-indented.log, read by
 * hand: a dmesg -T kill pair (43805 keystone-all, lines 3-4), a trigger by
 * keystone-all with "CPU: 2 PID: 88196" 20 minutes later (lines 5-7, cut
 * there), prose, then a second sample with no prefix: "Memory cgroup out
 * of memory: Kill process 20911 (beam.smp)" and "Killed process 20977
 * (sh)" (lines 11-12).  The unstamped select line is not the stamped
 * trigger's: three events.
 */
static void test_sm_unstamped_sample_after_stamped(void **state)
{
	struct testutil_events *g = testutil_load(
		"pasted/pg-alibaba-ecs-keystone-swarm-indented.log");

	(void)state;
	assert_int_equal(g->n, 3);
	assert_int_equal(g->ev[0].victim.pid, 43805);
	assert_string_equal(g->ev[1].invoker.name, "keystone-all");
	assert_int_equal(g->ev[1].invoker.pid, 88196);
	assert_false(g->ev[1].seen & (OOM_PART_VICTIM | OOM_PART_SELECT));
	assert_int_equal(g->ev[2].select.pid, 20911);
	assert_int_equal(g->ev[2].victim.pid, 20977);
	assert_string_equal(g->ev[2].victim.name, "sh");
	assert_string_equal(g->ev[2].invoker.name, "");
	testutil_free(g);
}

/* Feeds a real fixture from its line `first` (1-based) on. */
static struct testutil_events *run_from_line(const char *name, int first)
{
	size_t len;
	char *text = testutil_slurp(name, &len), *p = text;
	struct testutil_events *g;

	for (int i = 1; i < first && p; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	assert_non_null(p);
	g = testutil_run(p);
	free(text);
	return g;
}

/*
 * Excerpts that start at the dump_stack() header, as pastes often do: two
 * real fixtures cut above their header line, the trigger lost.  Read by
 * hand: global-oom-syslog-rhel8-varnish.log line 2 "CPU: 0 PID: 879 Comm:
 * in:imjournal", kill line 96 "Killed process 3117813 (cache-main)";
 * global-oom-syslog-centos6-codis.log line 3 "Pid: 4492, comm:
 * codis-server" (2.6.32), kill line 121 "Killed process 4492, UID 0,
 * (codis-server)".
 * No event is open at the header: the one the task table opens later
 * takes its task as the invoker, marked so, and starts at the header.
 */
static void check_header_invoker(const char *name, int first,
				 long long victim, const char *comm,
				 long long pid)
{
	struct testutil_events *g = run_from_line(name, first);

	assert_int_equal(g->n, 1);
	assert_int_equal(g->ev[0].victim.pid, victim);
	assert_false(g->ev[0].seen & OOM_PART_TRIGGER);
	assert_string_equal(g->ev[0].invoker.name, comm);
	assert_int_equal(g->ev[0].invoker.pid, pid);
	assert_true(g->ev[0].invoker.from_header);
	assert_int_equal(g->ev[0].first_line, 1);  /* the excerpt's header */
	testutil_free(g);
}

static void test_sm_invoker_from_header_alone(void **state)
{
	struct testutil_events *g;

	(void)state;
	check_header_invoker("global-oom-syslog-rhel8-varnish.log", 2,
			     3117813, "in:imjournal", 879);
	check_header_invoker("global-oom-syslog-centos6-codis.log", 3,
			     4492, "codis-server", 4492);
	/* the whole file: the trigger names the invoker */
	g = run_from_line("global-oom-syslog-rhel8-varnish.log", 1);
	assert_int_equal(g->n, 1);
	assert_string_equal(g->ev[0].invoker.name, "in:imjournal");
	assert_false(g->ev[0].invoker.from_header);
	testutil_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sm_task_layouts),
		cmocka_unit_test(test_sm_kill_line_forms),
		cmocka_unit_test(test_sm_select_then_child),
		cmocka_unit_test(test_sm_old_kernel_forms),
		cmocka_unit_test(test_sm_kill_line_found_anywhere),
		cmocka_unit_test(test_sm_alloc_stall_is_no_event),
		cmocka_unit_test(test_sm_constraint_pieces),
		cmocka_unit_test(test_sm_reaper_and_group),
		cmocka_unit_test(test_sm_logger_is_not_kernel),
		cmocka_unit_test(test_sm_interleaved_hosts),
		cmocka_unit_test(test_sm_headerless_rows),
		cmocka_unit_test(test_sm_alloc_failure),
		cmocka_unit_test(test_sm_panic),
		cmocka_unit_test(test_sm_sorted_table_of_reports),
		cmocka_unit_test(test_sm_unstamped_sample_after_stamped),
		cmocka_unit_test(test_sm_invoker_from_header_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
