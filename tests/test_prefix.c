/*
 * Unit tests for src/prefix.c (stage 2: log prefix -> struct log_line).
 *
 * Lines are copied verbatim from fixtures/ (file and line number given)
 * where a fixture has the style; styles the fixtures lack use lines written
 * by hand after the code that writes them (kernel/printk/printk.c,
 * Documentation/ABI/testing/dev-kmsg, util-linux dmesg, the syslog daemons,
 * journalctl) and are labelled "hand-made".  Epoch seconds were computed
 * with the date command given in each comment (GNU date, -u).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/prefix.h"

static void parse(struct prefix *px, const char *s, struct log_line *ln)
{
	prefix_parse(px, s, strlen(s), ln);
}

static void check_text(const char *p, size_t n, const char *want)
{
	assert_non_null(p);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

/* a line no style matches: everything as it was */
static void check_bare(struct prefix *px, const char *s)
{
	struct log_line ln;

	parse(px, s, &ln);
	assert_int_equal(ln.style, PREFIX_BARE);
	assert_ptr_equal(ln.msg, s);
	assert_int_equal(ln.msg_len, strlen(s));
	assert_null(ln.host);
	assert_null(ln.tag);
	assert_null(ln.time_text);
	assert_false(ln.has_uptime);
	assert_false(ln.has_wall);
	assert_true(ln.is_kernel);
	assert_int_equal(ln.level, -1);
}

/* memcg-oom-dmesg-618-hog.log lines 1, 3 and 4 */
static void test_prefix_dmesg_captured(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "[   89.703652] hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
	      &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	check_text(ln.msg, ln.msg_len,
		   "hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	assert_true(ln.has_uptime);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.time_text, ln.time_text_len, "89.703652");
	assert_null(ln.host);
	assert_null(ln.tag);
	assert_true(ln.is_kernel);
	assert_false(ln.has_wall);
	assert_int_equal(ln.level, -1);
	assert_int_equal(ln.caller_id, 0);

	/* "word word:" shape, but a dmesg line (not journal-monotonic) */
	parse(&px, "[   89.703734] Call Trace:", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	check_text(ln.msg, ln.msg_len, "Call Trace:");
	assert_null(ln.host);

	/* only the one separating blank belongs to the prefix */
	parse(&px, "[   89.703841]  <TASK>", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	check_text(ln.msg, ln.msg_len, " <TASK>");
	assert_int_equal(ln.uptime_us, 89703841);
}

/* hand-made: fewer and more fraction digits than the kernel's six */
static void test_prefix_dmesg_fraction_digits(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "[ 123.001] worker invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.uptime_us, 123001000); /* 123 s + 1 ms */
	check_text(ln.time_text, ln.time_text_len, "123.001");
	check_text(ln.msg, ln.msg_len, "worker invoked oom-killer: x");

	/* 9 digits: nanoseconds cut to microseconds; seconds past 5 columns */
	parse(&px, "[12345678.123456789] x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.uptime_us, 12345678123456ULL);

	/* dmesg -d: the delta is skipped */
	parse(&px, "[   89.703652 <    0.000021>] hog", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.msg, ln.msg_len, "hog");

	/* 10 fraction digits or 13 second digits: not a timestamp */
	check_bare(&px, "[ 1.1234567890] x");
	check_bare(&px, "[1234567890123.5] x");
}

/* hand-made after kernel/printk/printk.c's "<N>" level: syslog(2), dmesg -r */
static void test_prefix_dmesg_raw_level(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "<4>[ 1234.5] hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.level, 4);
	assert_true(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 1234500000);
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");

	/* 30 = LOG_DAEMON (3) << 3 | LOG_INFO (6): user space */
	parse(&px, "<30>[    5.000001] systemd[1]: Started x.", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.level, 6);
	assert_false(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 5000001);
	check_text(ln.msg, ln.msg_len, "systemd[1]: Started x.");

	check_bare(&px, "<4>[ 1.0 x");
	check_bare(&px, "<200>[ 1.0] x"); /* facility 25 does not exist */
}

/*
 * PRINTK_CALLER: the first line is kernel/printk/printk.c's "[T<pid>]"
 * caller field (hand-made), the second util-linux dmesg's form (hand-made).
 */
static void test_prefix_printk_caller(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "[   89.703652][ T2150] hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.caller_id, 2150);
	assert_false(ln.caller_is_cpu);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");

	parse(&px, "[   89.7] [  C1] msg", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.caller_id, 1);
	assert_true(ln.caller_is_cpu);
	assert_int_equal(ln.uptime_us, 89700000);
	check_text(ln.msg, ln.msg_len, "msg");

	/* hand-made: a 7-character id fills "[%6s]"; "kernel:" is text */
	parse(&px, "[   89.7] [T123456] kernel: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.caller_id, 123456);
	assert_null(ln.host);
	check_text(ln.msg, ln.msg_len, "kernel: x");

	/* a broken caller field is message text, and leaves no caller id */
	parse(&px, "[ 1.0] [T12x] y", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.caller_id, 0);
	check_text(ln.msg, ln.msg_len, "[T12x] y");

	/* a task-table row after the time is not a caller id (no T/C) */
	parse(&px, "[   89.704600] [   2150]     0  2150    17067", &ln);
	assert_int_equal(ln.caller_id, 0);
	check_text(ln.msg, ln.msg_len, "[   2150]     0  2150    17067");
}

/* hand-made after util-linux dmesg -x ("%-6s:%-6s: ") */
static void test_prefix_dmesg_decode(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "kern  :warn  : [   89.703652] hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_DECODE);
	assert_int_equal(ln.level, 4);
	assert_true(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");

	parse(&px, "user  :notice: [  100.000001] hello", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_DECODE);
	assert_int_equal(ln.level, 5);
	assert_false(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 100000001);
	check_text(ln.msg, ln.msg_len, "hello");

	/* dmesg -x --notime */
	parse(&px, "kern  :err   : no time here", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_DECODE);
	assert_int_equal(ln.level, 3);
	assert_false(ln.has_uptime);
	check_text(ln.msg, ln.msg_len, "no time here");

	check_bare(&px, "kern  :warnx : x");
	check_bare(&px, "kernel: x");
}

/* hand-made, English dmesg -T; the day is blank-padded ("%e") */
static void test_prefix_dmesg_ctime_english(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, "[Sat Nov 21 10:00:00 2026] hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	assert_true(ln.has_wall);
	assert_true(ln.wall_year_known);
	/* date -u -d '2026-11-21 10:00:00' +%s */
	assert_int_equal(ln.wall_s, 1795255200);
	assert_int_equal(ln.wall_us, 0);
	check_text(ln.time_text, ln.time_text_len, "Sat Nov 21 10:00:00 2026");
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");
	assert_false(ln.has_uptime);

	parse(&px, "[Sun Nov  1 10:00:00 2026] x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	/* date -u -d '2026-11-01 10:00:00' +%s */
	assert_int_equal(ln.wall_s, 1793527200);
	check_text(ln.msg, ln.msg_len, "x");
}

/* memcg-oom-dmesg-T-proxmox-oomanalyser.log line 1, then hand-made ones */
static void test_prefix_dmesg_ctime_german(void **state)
{
	struct prefix px;
	struct log_line ln;
	const char *l1 = "[Di Aug 12 03:54:03 2025] php-fpm invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0";

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, l1, &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	/* date -u -d '2025-08-12 03:54:03' +%s */
	assert_int_equal(ln.wall_s, 1754970843);
	check_text(ln.time_text, ln.time_text_len, "Di Aug 12 03:54:03 2025");
	check_text(ln.msg, ln.msg_len,
		   "php-fpm invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0");

	/* the same line read as CEST (+02:00): two hours earlier in UTC */
	prefix_init(&px, 1999, 7200);
	parse(&px, l1, &ln);
	assert_int_equal(ln.wall_s, 1754970843 - 7200);

	/* hand-made: German "Dez" and UTF-8 "Mär", French "mar. août" */
	prefix_init(&px, 1999, 0);
	parse(&px, "[Di Dez  2 23:59:59 2025] x", &ln);
	assert_int_equal(ln.wall_s, 1764719999); /* date -u -d '2025-12-02 23:59:59' +%s */
	parse(&px, "[So M\xc3\xa4r  3 00:00:00 2024] x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	assert_int_equal(ln.wall_s, 1709424000); /* date -u -d '2024-03-03' +%s */
	parse(&px, "[mar. ao\xc3\xbbt 12 12:00:00 2025] x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	assert_int_equal(ln.wall_s, 1755000000); /* date -u -d '2025-08-12 12:00:00' +%s */
	check_text(ln.msg, ln.msg_len, "x");
}

/*
 * hand-made: every month name of the seven locales, each as the 1st of its
 * month 2025 at 00:00:00.  for m in 01 .. 12; do date -u -d "2025-$m-01" +%s
 */
static void test_prefix_month_names(void **state)
{
	static const int64_t first[13] = {
		0, 1735689600, 1738368000, 1740787200, 1743465600,
		1746057600, 1748736000, 1751328000, 1754006400,
		1756684800, 1759276800, 1761955200, 1764547200,
	};
	static const struct {
		const char *name;
		int mon;
	} t[] = {
		{ "Jan", 1 }, { "janv.", 1 }, { "ene", 1 }, { "gen", 1 },
		{ "Feb", 2 }, { "f\xc3\xa9vr.", 2 }, { "fev", 2 },
		{ "Mar", 3 }, { "M\xc3\xa4r", 3 }, { "mrt", 3 }, { "mars", 3 },
		{ "Apr", 4 }, { "abr", 4 }, { "avr.", 4 }, { "avril", 4 },
		{ "May", 5 }, { "Mai", 5 }, { "mag", 5 }, { "mei", 5 },
		{ "Jun", 6 }, { "juin", 6 }, { "giu", 6 },
		{ "Jul", 7 }, { "juil.", 7 }, { "lug", 7 },
		{ "Aug", 8 }, { "ago", 8 }, { "ao\xc3\xbbt", 8 },
		{ "Sep", 9 }, { "sept.", 9 }, { "set", 9 },
		{ "Oct", 10 }, { "Okt", 10 }, { "ott", 10 }, { "out", 10 },
		{ "Nov", 11 }, { "nov.", 11 },
		{ "Dec", 12 }, { "Dez", 12 }, { "dic", 12 },
		{ "d\xc3\xa9" "c.", 12 },
	};
	struct prefix px;
	struct log_line ln;
	char buf[64];
	size_t i;

	(void)state;
	prefix_init(&px, 1999, 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(buf, sizeof(buf), "[Xy %s  1 00:00:00 2025] x",
			 t[i].name);
		parse(&px, buf, &ln);
		assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
		assert_int_equal(ln.wall_s, first[t[i].mon]);
	}
	check_bare(&px, "[Xy Foo  1 00:00:00 2025] x");
}

/*
 * memcg-oom-dmesg-T-proxmox-oomanalyser.log lines 43-44 and
 * manual-oom-dmesg-nixos618.log lines 27-28: dmesg
 * prints the 2nd+ lines of a record indented, without prefix.
 */
static void test_prefix_dmesg_continuation(void **state)
{
	struct prefix px;
	struct log_line ln;
	const char *c1 = "                          file 688283648";
	const char *c2 = "                active_file:200033 inactive_file:298205 isolated_file:0";

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, "[Di Aug 12 03:54:03 2025] anon 31154200576", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	parse(&px, c1, &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	assert_ptr_equal(ln.msg, c1); /* leading blanks kept */
	assert_int_equal(ln.msg_len, strlen(c1));
	assert_null(ln.host);
	assert_true(ln.is_kernel);
	assert_false(ln.has_wall);

	parse(&px, "[77541.814263] active_anon:310908 inactive_anon:0 isolated_anon:0", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	parse(&px, c2, &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	assert_ptr_equal(ln.msg, c2);
	assert_int_equal(ln.msg_len, strlen(c2));
	/* continuation lines do not change the remembered style */
	assert_int_equal(px.last, PREFIX_DMESG);
}

/* hand-made after util-linux dmesg --time-format=iso */
static void test_prefix_dmesg_iso(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 3600);
	parse(&px, "2026-11-21T10:00:00,123456+00:00 hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_ISO);
	assert_int_equal(ln.wall_s, 1795255200); /* date -u -d '2026-11-21 10:00:00' +%s */
	assert_int_equal(ln.wall_us, 123456);
	assert_true(ln.wall_year_known);
	assert_null(ln.host);
	check_text(ln.time_text, ln.time_text_len, "2026-11-21T10:00:00,123456+00:00");
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");

	/* old "+0100" zone; "Call Trace:" must not become host + tag */
	parse(&px, "2026-11-21T11:00:00,000001+0100 Call Trace:", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_ISO);
	assert_int_equal(ln.wall_s, 1795255200);
	assert_int_equal(ln.wall_us, 1);
	assert_null(ln.host);
	check_text(ln.msg, ln.msg_len, "Call Trace:");
}

/* /dev/kmsg records, hand-made after Documentation/ABI/testing/dev-kmsg */
static void test_prefix_kmsg(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, "4,3050,89703652,-;hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
	      &ln);
	assert_int_equal(ln.style, PREFIX_KMSG);
	assert_int_equal(ln.level, 4);
	assert_true(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 89703652); /* already in µs */
	check_text(ln.time_text, ln.time_text_len, "89703652");
	check_text(ln.msg, ln.msg_len,
		   "hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	assert_false(ln.kmsg_dict);

	parse(&px, " SUBSYSTEM=memory", &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	assert_true(ln.kmsg_dict);
	parse(&px, " DEVICE=+memory:memory0", &ln);
	assert_true(ln.kmsg_dict);

	parse(&px, "6,3101,89704573,-,caller=T2150;[   2150]     0  2150    17067    16574", &ln);
	assert_int_equal(ln.style, PREFIX_KMSG);
	assert_int_equal(ln.level, 6);
	assert_int_equal(ln.caller_id, 2150);
	assert_false(ln.caller_is_cpu);
	check_text(ln.msg, ln.msg_len, "[   2150]     0  2150    17067    16574");

	/* 3.5 had no flags field */
	parse(&px, "6,12,345;msg", &ln);
	assert_int_equal(ln.style, PREFIX_KMSG);
	assert_int_equal(ln.uptime_us, 345);
	check_text(ln.msg, ln.msg_len, "msg");

	/* after a dmesg line the same text is an ordinary continuation */
	parse(&px, "[ 1.0] x", &ln);
	parse(&px, " SUBSYSTEM=memory", &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	assert_false(ln.kmsg_dict);
}

/* hand-made: /dev/kmsg records of user space (facility != 0) */
static void test_prefix_kmsg_facility(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, "14,1,2,-;hello", &ln); /* 14 = LOG_USER (1) << 3 | 6 */
	assert_int_equal(ln.style, PREFIX_KMSG);
	assert_false(ln.is_kernel);
	assert_int_equal(ln.level, 6);
	/* 12 = LOG_USER << 3 | LOG_WARNING: `logger` writing to /dev/kmsg */
	parse(&px, "12,5,6,-;Out of memory: Killed process 1 (systemd)", &ln);
	assert_false(ln.is_kernel);
	assert_int_equal(ln.level, 4);
	check_text(ln.msg, ln.msg_len,
		   "Out of memory: Killed process 1 (systemd)");
}

/* global-oom-syslog-centos6-codis.log line 1: four leading blanks */
static void test_prefix_syslog_leading_blanks(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2015, 0);
	parse(&px, "    Nov 13 14:56:19 vm-centos6 kernel: codis-server invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0",
	      &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	check_text(ln.host, ln.host_len, "vm-centos6");
	check_text(ln.tag, ln.tag_len, "kernel");
	assert_true(ln.is_kernel);
	check_text(ln.time_text, ln.time_text_len, "Nov 13 14:56:19");
	assert_true(ln.has_wall);
	assert_false(ln.wall_year_known);
	/* date -u -d '2015-11-13 14:56:19' +%s (default_year 2015) */
	assert_int_equal(ln.wall_s, 1447426579);
	assert_false(ln.has_uptime);
	assert_int_equal(ln.level, -1);
	check_text(ln.msg, ln.msg_len,
		   "codis-server invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0");
}

/* rsyslog imklog keeps the kernel stamp: "kernel: [uptime] msg" */
static void test_prefix_syslog_nested_uptime(void **state)
{
	struct prefix px;
	struct log_line ln;
	const char *want = "Out of memory: Kill process 29957 (java) score 366 or sacrifice child Jun 4 07:41:59 plumbr kernel: [70667120.897701] Killed process";

	(void)state;
	prefix_init(&px, 2025, 0);
	/* truncated-syslog-plumbr-java-joined.log:1 ("Jun 4": no padding) */
	parse(&px, "Jun 4 07:41:59 plumbr kernel: [70667120.897649] Out of memory: Kill process 29957 (java) score 366 or sacrifice child Jun 4 07:41:59 plumbr kernel: [70667120.897701] Killed process 29957 (java) total-vm:2532680kB, anon-rss:1416508kB, file-rss:0kB",
	      &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	check_text(ln.host, ln.host_len, "plumbr");
	assert_true(ln.has_uptime);
	assert_int_equal(ln.uptime_us, 70667120897649ULL);
	/* the outer (wall clock) stamp stays the time text */
	check_text(ln.time_text, ln.time_text_len, "Jun 4 07:41:59");
	/* date -u -d '2025-06-04 07:41:59' +%s */
	assert_int_equal(ln.wall_s, 1749022919);
	assert_true(ln.msg_len > strlen(want));
	assert_memory_equal(ln.msg, want, strlen(want));

	/* many-events-syslog-rhel6-new-db1.log line 14067: one only */
	parse(&px, "Jun 20 12:47:04 new-db1 kernel: [15180285.660487] [ 2925]     0  2925     1020        4   2       0             0 acpid",
	      &ln);
	assert_int_equal(ln.uptime_us, 15180285660487ULL);
	/* date -u -d '2025-06-20 12:47:04' +%s */
	assert_int_equal(ln.wall_s, 1750423624);
	check_text(ln.msg, ln.msg_len,
		   "[ 2925]     0  2925     1020        4   2       0             0 acpid");

	/* synthetic-syslog-linux-oom-parser-mixed.log:2 (3 fraction digits) */
	parse(&px, "Sep 18 12:00:01 host kernel: [ 123.001] worker invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
	      &ln);
	assert_int_equal(ln.uptime_us, 123001000);
	check_text(ln.msg, ln.msg_len,
		   "worker invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0");

	/* hand-made: a user-space tag keeps its brackets in the text */
	parse(&px, "Nov 13 14:56:19 host myapp[42]: [ 1.0] x", &ln);
	assert_false(ln.has_uptime);
	check_text(ln.msg, ln.msg_len, "[ 1.0] x");
}

static void test_prefix_syslog_user_tags(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2025, 0);
	/* hand-made: the `logger` spoof of a kill line */
	parse(&px, "Nov 13 14:56:19 host root: Out of memory: Killed process 1 (systemd)", &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "root");
	check_text(ln.host, ln.host_len, "host");
	check_text(ln.msg, ln.msg_len, "Out of memory: Killed process 1 (systemd)");

	/* hand-made */
	parse(&px, "Nov 13 14:56:19 host myapp[42]: Out of memory", &ln);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "myapp");
	check_text(ln.msg, ln.msg_len, "Out of memory");

	/* hand-made: "kernel[pid]" is a user process (logger -i -t kernel) */
	parse(&px, "Nov 13 14:56:19 host kernel[123]: x", &ln);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "kernel");

	/* many-events-syslog-rhel6-new-db1.log lines 2, 32888, 33085 */
	parse(&px, "Jun 19 05:43:21 new-db1 rsyslogd-2177: imuxsock begins to drop messages from pid 3287 due to rate-limiting",
	      &ln);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "rsyslogd-2177");
	parse(&px, "Jun 20 13:16:18 new-db1 ntpd[3451]: proto: precision = 0.057 usec", &ln);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "ntpd");
	check_text(ln.msg, ln.msg_len, "proto: precision = 0.057 usec");
	parse(&px, "Jun 20 13:17:42 new-db1 logger: Unmounting /tmp/SECUPD: See /etc/udev/rules.d/99-rs-dell.rules",
	      &ln);
	assert_false(ln.is_kernel);
	check_text(ln.tag, ln.tag_len, "logger");

	/* hand-made: no host field; host without tag ("-- MARK --") */
	parse(&px, "Nov 13 14:56:19 kernel: x", &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	assert_null(ln.host);
	assert_true(ln.is_kernel);
	parse(&px, "Nov 13 14:56:19 host -- MARK --", &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	assert_false(ln.is_kernel);
	assert_null(ln.tag);
	check_text(ln.msg, ln.msg_len, "-- MARK --");
}

/* hand-made: "Nov  3" (rsyslog), "Nov 3" (pastes), "Nov 03" (journalctl) */
static void test_prefix_syslog_day_padding(void **state)
{
	static const char *const lines[] = {
		"Nov  3 01:02:03 h kernel: a",
		"Nov 3 01:02:03 h kernel: a",
		"Nov 03 01:02:03 h kernel: a",
	};
	struct prefix px;
	struct log_line ln;
	size_t i;

	(void)state;
	prefix_init(&px, 2026, 0);
	for (i = 0; i < 3; i++) {
		parse(&px, lines[i], &ln);
		assert_int_equal(ln.style, PREFIX_SYSLOG);
		/* date -u -d '2026-11-03 01:02:03' +%s */
		assert_int_equal(ln.wall_s, 1793667723);
		check_text(ln.msg, ln.msg_len, "a");
	}
	/* tz_offset_s 3600: the local 01:02:03 is 00:02:03 UTC */
	prefix_init(&px, 2026, 3600);
	parse(&px, lines[0], &ln);
	assert_int_equal(ln.wall_s, 1793667723 - 3600);
}

/* hand-made: journalctl -o short-precise */
static void test_prefix_journal_short_precise(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2026, 0);
	parse(&px, "Nov 21 10:00:00.123456 host kernel: msg", &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	assert_int_equal(ln.wall_s, 1795255200); /* date -u -d '2026-11-21 10:00:00' +%s */
	assert_int_equal(ln.wall_us, 123456);
	check_text(ln.time_text, ln.time_text_len, "Nov 21 10:00:00.123456");
	check_text(ln.host, ln.host_len, "host");
	check_text(ln.msg, ln.msg_len, "msg");
}

/* hand-made: RSYSLOG_FileFormat, journalctl short-iso(-precise) */
static void test_prefix_syslog_rfc3339(void **state)
{
	static const char *const lines[] = {
		"2026-11-21T10:00:00.123456+00:00 host kernel: msg",
		"2026-11-21T10:00:00+0000 host kernel: msg",
		"2026-11-21T10:00:00Z host kernel: msg",
		"2026-11-21T11:00:00+01:00 host kernel: msg",
		"2026-11-21T05:00:00-05:00 host kernel: msg",
	};
	struct prefix px;
	struct log_line ln;
	size_t i;

	(void)state;
	prefix_init(&px, 1999, 7200); /* a zone in the stamp wins */
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		parse(&px, lines[i], &ln);
		assert_int_equal(ln.style, PREFIX_SYSLOG_RFC3339);
		/* date -u -d '2026-11-21 10:00:00' +%s */
		assert_int_equal(ln.wall_s, 1795255200);
		assert_true(ln.wall_year_known);
		check_text(ln.host, ln.host_len, "host");
		assert_true(ln.is_kernel);
		check_text(ln.msg, ln.msg_len, "msg");
	}
	parse(&px, lines[0], &ln);
	assert_int_equal(ln.wall_us, 123456);
	check_text(ln.time_text, ln.time_text_len, "2026-11-21T10:00:00.123456+00:00");

	parse(&px, "2026-11-21T10:00:00+00:00 host kernel: [ 12.5] x", &ln);
	assert_int_equal(ln.uptime_us, 12500000);
	check_text(ln.msg, ln.msg_len, "x");
}

/* hand-made: journalctl -o short-full */
static void test_prefix_journal_full(void **state)
{
	static const char *const lines[] = {
		"Sat 2026-11-21 10:00:00 UTC host kernel: msg",
		"Sat 2026-11-21 11:00:00 CET host kernel: msg",
		"Sat 2026-11-21 15:30:00 +0530 host kernel: msg",
		"Sat 2026-11-21 10:00:00 XYZT host kernel: msg", /* unknown: UTC */
	};
	struct prefix px;
	struct log_line ln;
	size_t i;

	(void)state;
	prefix_init(&px, 1999, 0);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		parse(&px, lines[i], &ln);
		assert_int_equal(ln.style, PREFIX_JOURNAL_FULL);
		/* date -u -d '2026-11-21 10:00:00' +%s */
		assert_int_equal(ln.wall_s, 1795255200);
		check_text(ln.host, ln.host_len, "host");
		check_text(ln.msg, ln.msg_len, "msg");
	}
	parse(&px, lines[0], &ln);
	check_text(ln.time_text, ln.time_text_len, "Sat 2026-11-21 10:00:00 UTC");
}

/* hand-made: journalctl -o short-monotonic and short-delta */
static void test_prefix_journal_monotonic(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 0);
	parse(&px, "[   89.703652] host kernel: hog invoked oom-killer: x", &ln);
	assert_int_equal(ln.style, PREFIX_JOURNAL_MONO);
	check_text(ln.host, ln.host_len, "host");
	check_text(ln.tag, ln.tag_len, "kernel");
	assert_true(ln.is_kernel);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.time_text, ln.time_text_len, "89.703652");
	check_text(ln.msg, ln.msg_len, "hog invoked oom-killer: x");

	parse(&px, "[   89.703652 <    0.000021>] host kernel: msg", &ln);
	assert_int_equal(ln.style, PREFIX_JOURNAL_MONO);
	assert_int_equal(ln.uptime_us, 89703652);
	check_text(ln.msg, ln.msg_len, "msg");

	parse(&px, "[   89.703652] host myapp[42]: msg", &ln);
	assert_int_equal(ln.style, PREFIX_JOURNAL_MONO);
	assert_false(ln.is_kernel);

	/* hand-made: a host never ends with ':', so this is dmesg */
	parse(&px, "[   12.000001] sshd: kernel: x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	check_text(ln.msg, ln.msg_len, "sshd: kernel: x");

	/* "word word:" alone is dmesg, even right after monotonic lines */
	parse(&px, "[ 1.0] foo bar: baz", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_null(ln.host);
	check_text(ln.msg, ln.msg_len, "foo bar: baz");
}

/* hand-made: journalctl -o short-unix */
static void test_prefix_journal_unix(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 1999, 3600); /* epoch seconds carry no zone */
	parse(&px, "1763719200.123456 host kernel: msg", &ln);
	assert_int_equal(ln.style, PREFIX_JOURNAL_UNIX);
	assert_int_equal(ln.wall_s, 1763719200);
	assert_int_equal(ln.wall_us, 123456);
	assert_true(ln.wall_year_known);
	check_text(ln.host, ln.host_len, "host");
	check_text(ln.msg, ln.msg_len, "msg");
	check_bare(&px, "1763719200.123456 hog invoked oom-killer: x");
}

/* hand-made: continuation lines inherit host and kernel-ness */
static void test_prefix_continuation_host(void **state)
{
	struct prefix px;
	struct log_line ln;
	char longl[400];
	const char *c = "   active_file:1 inactive_file:2";

	(void)state;
	prefix_init(&px, 2025, 0);
	parse(&px, "Nov 13 14:56:19 vm1 kernel: Mem-Info:", &ln);
	parse(&px, c, &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	check_text(ln.host, ln.host_len, "vm1");
	assert_true(ln.is_kernel);
	assert_ptr_equal(ln.msg, c);
	assert_int_equal(ln.msg_len, strlen(c));
	assert_null(ln.tag);

	parse(&px, "Nov 13 14:56:19 vm2 root: spoof", &ln);
	parse(&px, "\tmore", &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	check_text(ln.host, ln.host_len, "vm2");
	assert_false(ln.is_kernel);

	/* after a bare line an indented one is bare too */
	parse(&px, "bare text", &ln);
	check_bare(&px, c);

	/* a 300-byte host is cut at 255 bytes */
	memcpy(longl, "Nov 13 14:56:19 ", 16);
	memset(longl + 16, 'h', 300);
	memcpy(longl + 316, " kernel: x", 11);
	parse(&px, longl, &ln);
	assert_int_equal(ln.host_len, 300);
	parse(&px, " y", &ln);
	assert_int_equal(ln.style, PREFIX_CONTINUATION);
	assert_int_equal(ln.host_len, 255);
	assert_int_equal(strlen(px.last_host), 255);
}

/* global-oom-bare-rhel7-oomanalyser.log line 1: message text only */
static void test_prefix_bare(void **state)
{
	struct prefix px;

	(void)state;
	prefix_init(&px, 2025, 0);
	check_bare(&px, "sed invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0");
	check_bare(&px, "");
	/* global-oom-syslog-centos6-codis.log line 122 (annotation) */
	check_bare(&px, "//这是运维收到机器原4G swap只剩80k告警时,立即去增加了约6G swap空间产生的日志,但redis进程已经在20秒前被kill掉了");
}

/* hand-made: lines that start like a prefix but are broken */
static void test_prefix_broken(void **state)
{
	static const char *const lines[] = {
		"[ 12.3 msg",
		"[ 12.3]msg",
		"[ 12.]",
		"[ .5] x",
		"[Di Aug 12 03:54:03 2025 x",
		"[Di Aug 12 03:54 2025] x",
		"Nov 13 14:56:19",
		"Nov 13 24:00:00 h kernel: x",
		"Nov 32 10:00:00 h kernel: x",
		"Nov 13 14:56:19.x h kernel: x",
		"6,1,2,-msg",
		"6,1,2",
		"192,1,2,-;x",
		"6,1,99999999999999999999,-;x",
		"2026-13-01T00:00:00.0+00:00 h kernel: x",
		"2026-11-21T10:00:00+00:00",
		"Sat 2026-11-21 10:00:00 utc host kernel: x",
		"123.456",
	};
	struct prefix px;
	size_t i;

	(void)state;
	prefix_init(&px, 2025, 0);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		check_bare(&px, lines[i]);
}

static void check_bounds(const char *buf, size_t len, const struct prefix *px,
			 const struct log_line *ln)
{
	assert_true(ln->style < PREFIX_STYLE_COUNT);
	assert_true(ln->msg >= buf && ln->msg + ln->msg_len == buf + len);
	if (ln->host && ln->host != px->last_host)
		assert_true(ln->host >= buf &&
			    ln->host + ln->host_len <= buf + len);
	if (ln->time_text)
		assert_true(ln->time_text >= buf &&
			    ln->time_text + ln->time_text_len <= buf + len);
	assert_true(ln->level >= -1 && ln->level <= 7);
}

/*
 * Every cut of every style in an exactly-sized heap copy (ASan catches a
 * read past len), then pseudo-random bytes from a prefix-like alphabet.
 */
static void test_prefix_never_overreads(void **state)
{
	static const char *const lines[] = {
		"[   89.703652][ T2150] hog",
		"<4>[ 1.5] [  C1] x",
		"[Di Aug 12 03:54:03 2025] [ T1] x",
		"kern  :warn  : [Sat Nov 21 10:00:00 2026] x",
		"4,3050,89703652,-,caller=C12;x",
		"Nov 21 10:00:00.123456 host kernel[1]: [ 1.0][ T2] x",
		"2026-11-21T10:00:00,123456+00:00 x",
		"2026-11-21T10:00:00.5-0130 h k: x",
		"Sat 2026-11-21 10:00:00 CEST host kernel: x",
		"[   89.703652 <    0.000021>] host kernel: x",
		"1763719200.123456 host a[1]: x",
	};
	static const char alpha[] = "[]<>.,;:- 0123456789TCZ+kernl\t\xc3\xa4"
				    "NovMarSat";
	struct prefix px;
	struct log_line ln;
	unsigned long seed = 12345;
	size_t i, n, k, len;
	char *buf;

	(void)state;
	prefix_init(&px, 2025, 0);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		len = strlen(lines[i]);
		for (n = 0; n <= len; n++) {
			buf = malloc(n ? n : 1);
			assert_non_null(buf);
			memcpy(buf, lines[i], n);
			prefix_parse(&px, buf, n, &ln);
			check_bounds(buf, n, &px, &ln);
			free(buf);
		}
	}
	for (i = 0; i < 200000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = (seed >> 33) % 48;
		buf = malloc(n ? n : 1);
		assert_non_null(buf);
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1;
			buf[k] = alpha[(seed >> 33) % (sizeof(alpha) - 1)];
		}
		prefix_parse(&px, buf, n, &ln);
		check_bounds(buf, n, &px, &ln);
		free(buf);
	}
}

static void check_same(const struct log_line *a, const struct log_line *b)
{
	assert_int_equal(a->style, b->style);
	assert_ptr_equal(a->msg, b->msg);
	assert_ptr_equal(a->host, b->host);
	assert_int_equal(a->host_len, b->host_len);
	assert_ptr_equal(a->tag, b->tag);
	assert_ptr_equal(a->time_text, b->time_text);
	assert_int_equal(a->uptime_us, b->uptime_us);
	assert_int_equal(a->wall_s, b->wall_s);
	assert_int_equal(a->is_kernel, b->is_kernel);
	assert_int_equal(a->level, b->level);
	assert_int_equal(a->caller_id, b->caller_id);
}

/* parse with each remembered style; all prefixed results must agree */
static void check_order(const char *buf, size_t len)
{
	struct prefix px;
	struct log_line first, ln;
	int s;

	prefix_init(&px, 2025, 0);
	prefix_parse(&px, buf, len, &first);
	for (s = PREFIX_DMESG; s < PREFIX_STYLE_COUNT; s++) {
		prefix_init(&px, 2025, 0);
		px.last = (enum prefix_style)s;
		prefix_parse(&px, buf, len, &ln);
		if (first.style == PREFIX_BARE)
			assert_true(ln.style == PREFIX_BARE ||
				    ln.style == PREFIX_CONTINUATION);
		else
			check_same(&first, &ln);
	}
}

/*
 * The styles are mutually exclusive, so trying the last style first never
 * changes a result: hand-made lines of every style, randomly mutated.
 */
static void test_prefix_order_independent(void **state)
{
	static const char *const seeds[] = {
		"[   89.703652][ T2150] hog", "<4>[ 1.5] [  C1] x",
		"[Di Aug 12 03:54:03 2025] [ T1] x",
		"kern  :warn  : [Sat Nov 21 10:00:00 2026] x",
		"4,3050,89703652,-,caller=C12;x",
		"Nov 21 10:00:00.123456 host kernel[1]: [ 1.0][ T2] x",
		"2026-11-21T10:00:00,123456+00:00 x",
		"2026-11-21T10:00:00.5-0130 h k: x",
		"Sat 2026-11-21 10:00:00 CEST host kernel: x",
		"[   89.703652 <    0.000021>] host kernel: x",
		"1763719200.123456 host a[1]: x", "[ 1.0] [T12] kernel: x",
		"2026-11-21T10:00:00Z Call Trace:", "[ 1.0] Call Trace:",
	};
	static const char alpha[] = "[]<>.,;:- 0123456789TCZ+kernl";
	unsigned long r = 99;
	const char *seed;
	char buf[80];
	size_t len, pos;
	int i, k;

	(void)state;
	for (i = 0; i < 30000; i++) {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		seed = seeds[(r >> 33) % (sizeof(seeds) / sizeof(seeds[0]))];
		len = strlen(seed);
		memcpy(buf, seed, len);
		for (k = (int)((r >> 13) % 3); k > 0 && len > 0; k--) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			pos = (r >> 33) % len;
			if ((r >> 20) % 2) {
				buf[pos] = alpha[(r >> 40) % (sizeof(alpha) - 1)];
			} else {
				memmove(buf + pos, buf + pos + 1, len - pos - 1);
				len--;
			}
		}
		check_order(buf, len);
	}
}

/* hand-made: NUL bytes inside the line count by len, not by strlen */
static void test_prefix_embedded_nul(void **state)
{
	static const char line[] = "[ 1.0] a\0b";
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2025, 0);
	prefix_parse(&px, line, sizeof(line) - 1, &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(ln.msg_len, 3);
	assert_memory_equal(ln.msg, "a\0b", 3);
}

/* one struct prefix across styles: the remembered style never sticks */
static void test_prefix_style_switch(void **state)
{
	struct prefix px;
	struct log_line ln;

	(void)state;
	prefix_init(&px, 2025, 0);
	parse(&px, "[   89.703652] hog", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	parse(&px, "Nov 13 14:56:19 h kernel: x", &ln);
	assert_int_equal(ln.style, PREFIX_SYSLOG);
	assert_int_equal(px.last, PREFIX_SYSLOG);
	parse(&px, "[Di Aug 12 03:54:03 2025] x", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG_CTIME);
	parse(&px, "4,1,2,-;x", &ln);
	assert_int_equal(ln.style, PREFIX_KMSG);
	parse(&px, "[   89.703652] host kernel: x", &ln);
	assert_int_equal(ln.style, PREFIX_JOURNAL_MONO);
	parse(&px, "[   89.703652] hog", &ln);
	assert_int_equal(ln.style, PREFIX_DMESG);
	assert_int_equal(px.last, PREFIX_DMESG);
}

static void test_prefix_style_names(void **state)
{
	(void)state;
	assert_string_equal(prefix_style_name(PREFIX_BARE), "bare");
	assert_string_equal(prefix_style_name(PREFIX_CONTINUATION), "continuation");
	assert_string_equal(prefix_style_name(PREFIX_DMESG), "dmesg");
	assert_string_equal(prefix_style_name(PREFIX_DMESG_CTIME), "dmesg-T");
	assert_string_equal(prefix_style_name(PREFIX_DMESG_ISO), "dmesg-iso");
	assert_string_equal(prefix_style_name(PREFIX_DMESG_DECODE), "dmesg-decode");
	assert_string_equal(prefix_style_name(PREFIX_KMSG), "kmsg");
	assert_string_equal(prefix_style_name(PREFIX_SYSLOG), "syslog");
	assert_string_equal(prefix_style_name(PREFIX_SYSLOG_RFC3339), "syslog-rfc3339");
	assert_string_equal(prefix_style_name(PREFIX_JOURNAL_FULL), "journal-full");
	assert_string_equal(prefix_style_name(PREFIX_JOURNAL_MONO), "journal-monotonic");
	assert_string_equal(prefix_style_name(PREFIX_JOURNAL_UNIX), "journal-unix");
	assert_string_equal(prefix_style_name(PREFIX_STYLE_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_dmesg_captured),
		cmocka_unit_test(test_prefix_dmesg_fraction_digits),
		cmocka_unit_test(test_prefix_dmesg_raw_level),
		cmocka_unit_test(test_prefix_printk_caller),
		cmocka_unit_test(test_prefix_dmesg_decode),
		cmocka_unit_test(test_prefix_dmesg_ctime_english),
		cmocka_unit_test(test_prefix_dmesg_ctime_german),
		cmocka_unit_test(test_prefix_month_names),
		cmocka_unit_test(test_prefix_dmesg_continuation),
		cmocka_unit_test(test_prefix_dmesg_iso),
		cmocka_unit_test(test_prefix_kmsg),
		cmocka_unit_test(test_prefix_kmsg_facility),
		cmocka_unit_test(test_prefix_syslog_leading_blanks),
		cmocka_unit_test(test_prefix_syslog_nested_uptime),
		cmocka_unit_test(test_prefix_syslog_user_tags),
		cmocka_unit_test(test_prefix_syslog_day_padding),
		cmocka_unit_test(test_prefix_journal_short_precise),
		cmocka_unit_test(test_prefix_syslog_rfc3339),
		cmocka_unit_test(test_prefix_journal_full),
		cmocka_unit_test(test_prefix_journal_monotonic),
		cmocka_unit_test(test_prefix_journal_unix),
		cmocka_unit_test(test_prefix_continuation_host),
		cmocka_unit_test(test_prefix_bare),
		cmocka_unit_test(test_prefix_broken),
		cmocka_unit_test(test_prefix_never_overreads),
		cmocka_unit_test(test_prefix_order_independent),
		cmocka_unit_test(test_prefix_embedded_nul),
		cmocka_unit_test(test_prefix_style_switch),
		cmocka_unit_test(test_prefix_style_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
