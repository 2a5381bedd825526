/*
 * The paste normaliser (paste.c) line by line.  The lines here are
 * hand-made (labelled so): single kernel lines in the shapes pastes give
 * them, taken from the fixtures and then quoted, numbered, wrapped or
 * encoded the way mail clients, grep and forums do.  Whole pasted reports
 * are checked end to end by tests/paste/metamorphic.sh and test_corpus.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/paste.h"

#define MAX_OUT 16

/* What the normaliser emitted for a few lines. */
struct out {
	int n;
	char text[MAX_OUT][512];
	uint64_t first[MAX_OUT], last[MAX_OUT];
	uint32_t dropped[MAX_OUT];
};

static void collect(void *ctx, const struct paste_line *pl)
{
	struct out *o = ctx;

	assert_true(o->n < MAX_OUT);
	snprintf(o->text[o->n], sizeof(o->text[0]), "%.*s", (int)pl->len,
		 pl->text);
	o->first[o->n] = pl->lineno;
	o->last[o->n] = pl->last_lineno;
	o->dropped[o->n] = pl->dropped;
	o->n++;
}

/* Feeds the NULL-terminated lines, numbered from 1, then finishes. */
static void run(struct out *o, const char *const *lines)
{
	struct paste ps;

	memset(o, 0, sizeof(*o));
	paste_init(&ps, collect, o);
	for (uint64_t i = 0; lines[i]; i++)
		paste_feed(&ps, lines[i], strlen(lines[i]), i + 1);
	paste_finish(&ps);
	paste_release(&ps);
}

static size_t strip(const char *s)
{
	return paste_strip(s, strlen(s));
}

/* Hand-made: the junk that pastes put before a record, and what stays. */
static void test_paste_strip_junk(void **state)
{
	(void)state;
	assert_int_equal(strip("> [ 3.523009] python3 invoked"), 2);
	assert_int_equal(strip(">> [ 3.523009] x"), 3);
	assert_int_equal(strip("> > [ 3.523009] x"), 4);
	assert_int_equal(strip("| [ 3.523009] x"), 2);
	assert_int_equal(strip("```Nov 15 06:46:39 ip-1 kernel: x"), 3);
	assert_int_equal(strip("363:[    3.523009] python3"), 4);
	assert_int_equal(strip("363-[    3.523009] python3"), 4);
	assert_int_equal(strip("   363\t[    3.523009] python3"), 7);
	assert_int_equal(strip("12:4 total pagecache pages"), 3);
	assert_int_equal(strip("/var/log/messages:Nov 13 14:56:19 h kernel: x"),
			 18);
	assert_int_equal(strip("/var/log/messages:363:Nov 13 14:56:19 h k"), 22);
	assert_int_equal(strip("messages-20240101:Nov 13 14:56:19 h k"), 18);
	assert_int_equal(strip("kernel: codis-server invoked oom-killer:"), 8);
	assert_int_equal(strip("kernel:[ 12.345678] x"), 7);
	assert_int_equal(strip("\033[0m\033[K[ 12.345678] x"), 7);
	assert_int_equal(strip("   3 Time(s): Out of memory: Kill process"), 14);
	assert_int_equal(strip("[  +0.002367] Killed process 1 (x)"), 14);
	assert_int_equal(strip("[Feb18 17:34] Killed process 1 (x)"), 14);
	assert_int_equal(strip("<6>Out of memory: Kill process 1 (x)"), 3);
	assert_int_equal(strip("10.200.70.91: kern:    info: "
			       "[2025-06-04T04:51:57.572293906Z]: memory: u"), 63);
	assert_int_equal(strip("2019-05-06T07:08:09.123Z| vcpu-0| I125: Guest: "
			       "<6>[ 1.000000] x"), 47);
	assert_int_equal(strip("2021-03-04 10:11:12.123456+0100  0x1a2b  Default"
			       "  0x0  1234  0  com.docker.hyperkit: [ 1.0] x"),
			 85);
}

/* Hand-made: text that looks like junk but is a prefix or the record. */
static void test_paste_strip_keeps_records(void **state)
{
	(void)state;
	assert_int_equal(strip("[ 3.523009] python3 invoked oom-killer:"), 0);
	assert_int_equal(strip("Nov 13 14:56:19 vm kernel: x"), 0);
	assert_int_equal(strip("14:56:19 vm kernel: x"), 0);
	assert_int_equal(strip("2026-11-21T10:00:00,123456+00:00 x"), 0);
	assert_int_equal(strip("2026-11-21T10:00:00.123456+00:00 h kernel: x"),
			 0);
	assert_int_equal(strip("1763719200.123456 host kernel: x"), 0);
	assert_int_equal(strip("6,1234,5678,-;Out of memory"), 0);
	assert_int_equal(strip("<4>[ 12.345678] x"), 0);
	assert_int_equal(strip(" kernel_misc_reclaimable:0"), 0);
	assert_int_equal(strip("kern  :info  : [ 1.000000] x"), 0);
	assert_int_equal(strip("4 total pagecache pages"), 0);
	assert_int_equal(strip("[  pid  ]   uid  tgid total_vm      rss name"),
			 0);
	assert_int_equal(strip("Node 0 DMA32: 1*4kB (U) = 4kB"), 0);
}

/* Hand-made: an empty syslog host loses one blank; nothing is lost. */
static void test_paste_empty_host(void **state)
{
	static const char *const in[] = {
		"    Nov 13 14:56:19  kernel: codis-server invoked oom-killer:",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.text[0], "    Nov 13 14:56:19 kernel: "
			    "codis-server invoked oom-killer:");
}

/* Hand-made from the kill line of memcg-oom-dmesg-618-innocent.log. */
static void test_paste_wrap_at_blank(void **state)
{
	static const char *const in[] = {
		"[  682.764883] Memory cgroup out of memory: Killed process 30622",
		"(python3) total-vm:61624kB, anon-rss:51840kB, file-rss:6624kB,",
		"shmem-rss:0kB, UID:0 pgtables:152kB oom_score_adj:0",
		"[  682.764900] next",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.text[0], "[  682.764883] Memory cgroup out of "
			    "memory: Killed process 30622 (python3) total-vm:"
			    "61624kB, anon-rss:51840kB, file-rss:6624kB, "
			    "shmem-rss:0kB, UID:0 pgtables:152kB oom_score_adj:0");
	assert_int_equal(o.first[0], 1);
	assert_int_equal(o.last[0], 3);
	assert_string_equal(o.text[1], "[  682.764900] next");
}

/* Hand-made: a hard wrap at 60 bytes cuts words; no blank is put back. */
static void test_paste_wrap_mid_word(void **state)
{
	static const char *const in[] = {
		"[  682.764465] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_",
		"KERNEL), order=0, oom_score_adj=0",
		"[  682.764479] CPU: 0 UID: 0 PID: 30665 Comm: python3 Not tai",
		"nted 6.18.44-fc-v595 #1 PREEMPT(none)",
		"[  682.764860] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(",
		"null),cpuset=/",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 3);
	assert_string_equal(o.text[0], "[  682.764465] python3 invoked "
			    "oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
			    "oom_score_adj=0");
	assert_string_equal(o.text[1], "[  682.764479] CPU: 0 UID: 0 PID: "
			    "30665 Comm: python3 Not tainted 6.18.44-fc-v595 "
			    "#1 PREEMPT(none)");
	assert_string_equal(o.text[2], "[  682.764860] oom-kill:constraint="
			    "CONSTRAINT_MEMCG,nodemask=(null),cpuset=/");
}

/* Hand-made: prose after a long record is not a wrapped part of it. */
static void test_paste_prose_not_joined(void **state)
{
	static const char *const in[] = {
		"[  682.764883] Memory cgroup out of memory: Killed process 30622 "
		"(python3)",
		"and this is where the service went down for the second time",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 2);
}

/* Hand-made: records joined on one line are split at each stamp. */
static void test_paste_split_joined_records(void **state)
{
	static const char *const in[] = {
		"[ 12.000001] Task in /docker/ab killed as a result of limit of "
		"/docker/ab[ 12.000002] memory: usage 65536kB, limit 65536kB, "
		"failcnt 84",
		"Jun 4 07:41:59 h kernel: [70667120.897649] Out of memory: Kill "
		"process 1 (java) score 366 or sacrifice child Jun 4 07:41:59 h "
		"kernel: [70667120.897701] Killed process 1 (java)",
		"[Sat Nov 21 23:33:09 2026] Call Trace:[Di Aug 12 03:54:03 2025]  "
		"<TASK>",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 5);
	assert_string_equal(o.text[3], "[Sat Nov 21 23:33:09 2026] Call Trace:");
	assert_string_equal(o.text[4], "[Di Aug 12 03:54:03 2025]  <TASK>");
	assert_string_equal(o.text[0], "[ 12.000001] Task in /docker/ab killed "
			    "as a result of limit of /docker/ab");
	assert_string_equal(o.text[1], "[ 12.000002] memory: usage 65536kB, "
			    "limit 65536kB, failcnt 84");
	/* an embedded syslog prefix is pipeline.c's split, not this one */
	assert_non_null(strstr(o.text[2], "sacrifice child Jun 4"));
}

/* Hand-made: the console's dropped-records marker becomes a gap. */
static void test_paste_dropped_marker(void **state)
{
	static const char *const in[] = {
		"[ 12.000001] ** 3 printk messages dropped **",
		"** 5 printk messages dropped ** [ 12.000009] Killed process 1 (x)",
		"printk: 7 messages suppressed.",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 4);
	assert_int_equal(o.dropped[0], 3);
	assert_int_equal(o.dropped[1], 5);
	assert_int_equal(o.dropped[2], 0);
	assert_string_equal(o.text[2], "[ 12.000009] Killed process 1 (x)");
	assert_int_equal(o.dropped[3], 7);
}

/*
 * Hand-made from truncated-syslog-centos-nmap.log encoded as quoted-
 * printable: a text with no "=" shows no "=3D", only soft breaks.
 */
static void test_paste_quoted_printable_soft_breaks_only(void **state)
{
	static const char *const in[] = {
		"Nov 22 11:09:03 VM_0_14_centos kernel: [ pid ]   uid  tgid total_vm      rs=",
		"s nr_ptes swapents oom_score_adj name",
		"Nov 22 11:09:03 VM_0_14_centos kernel: [19272]     0 19272   678212   42265=",
		"6    1329        0             0 nmap",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.text[0], "Nov 22 11:09:03 VM_0_14_centos kernel: "
			    "[ pid ]   uid  tgid total_vm      rss nr_ptes "
			    "swapents oom_score_adj name");
	assert_string_equal(o.text[1], "Nov 22 11:09:03 VM_0_14_centos kernel: "
			    "[19272]     0 19272   678212   422656    1329        "
			    "0             0 nmap");
}

/* Hand-made: quoted-printable, decided from "=3D", with soft breaks. */
static void test_paste_quoted_printable(void **state)
{
	static const char *const in[] = {
		"[ 3.523009] python3 invoked oom-killer: gfp_mask=3D0x100cca(GFP_H=",
		"IGHUSER_MOVABLE), order=3D0, oom_score_adj=3D0",
		"[ 3.523100] a line with one = sign stays",
		NULL,
	};
	static const char *const one[] = {
		"[ 3.523009] free=3D but a single mark decides nothing",
		NULL,
	};
	struct out o;

	(void)state;
	run(&o, in);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.text[0], "[ 3.523009] python3 invoked oom-killer: "
			    "gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, "
			    "oom_score_adj=0");
	assert_int_equal(o.last[0], 2);
	assert_string_equal(o.text[1], "[ 3.523100] a line with one = sign stays");
	run(&o, one);
	assert_string_equal(o.text[0], "[ 3.523009] free=3D but a single mark "
			    "decides nothing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paste_strip_junk),
		cmocka_unit_test(test_paste_strip_keeps_records),
		cmocka_unit_test(test_paste_empty_host),
		cmocka_unit_test(test_paste_wrap_at_blank),
		cmocka_unit_test(test_paste_wrap_mid_word),
		cmocka_unit_test(test_paste_prose_not_joined),
		cmocka_unit_test(test_paste_split_joined_records),
		cmocka_unit_test(test_paste_dropped_marker),
		cmocka_unit_test(test_paste_quoted_printable),
		cmocka_unit_test(test_paste_quoted_printable_soft_breaks_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
