/*
 * Context lines (context.c) and their place in the reports: real lines of
 * the corpus where it has them (the codis seed's swap line, the RHEL6 log's
 * reboot and swap lines, two dmesg boots), hand-made lines (each labelled)
 * for the kinds the corpus lacks: systemd, systemd-oomd, earlyoom, TCP.
 *
 * Corpus files: global-oom-syslog-centos6-codis.log is
 * fixtures/global-oom-syslog-centos6-codis.log, public/rhel6-new-db1-
 * messages-20-events.log is fixtures/many-events-syslog-rhel6-new-db1.log
 * (same line numbers).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "oomscope/analyze.h"
#include "oomscope/context.h"
#include "oomscope/pipeline.h"
#include "oomscope/redact.h"
#include "oomscope/report.h"
#include "testutil.h"
#include "oomscope/strbuf.h"

/* codis seed, line 123 (the swap added 20 s after the kill) */
static const char codis_swap[] =
	"Nov 13 14:56:39 vm-centos6 kernel: Adding 5999996k swap on "
	"/home/swap/swapfile.  Priority:-2 extents:8 across:6499708k";

/* hand-made lines, in the forms systemd, systemd-oomd, earlyoom and the
 * kernel's tcp_check_oom() print (format strings quoted in context.c) */
static const char hm_unit_killed[] =
	"Nov 13 14:56:20 vm-centos6 systemd[1]: codis.service: A process of "
	"this unit has been killed by the OOM killer.";
static const char hm_unit_failed[] =
	"Nov 13 14:56:20 vm-centos6 systemd[1]: codis.service: Failed with "
	"result 'oom-kill'.";
static const char hm_earlyoom[] =
	"Nov 13 14:56:45 vm-centos6 earlyoom[812]: sending SIGTERM to process "
	"4321 uid 1000 \"chrome\": badness 812, VmRSS 2954 MiB";
static const char hm_tcp[] =
	"Nov 13 14:57:00 vm-centos6 kernel: TCP: out of memory -- consider "
	"tuning tcp_mem";


static enum context_kind classify(const char *line, struct context_line *x)
{
	struct prefix px;
	struct log_line ln;

	prefix_init(&px, 2026, 0);
	prefix_parse(&px, line, strlen(line), &ln);
	memset(x, 0, sizeof(*x));
	return context_classify(&ln, x);
}

/* ---- classification ------------------------------------------------------ */

static void test_context_swap_added_codis(void **state)
{
	struct context_line x;

	(void)state;
	assert_int_equal(classify(codis_swap, &x), CONTEXT_SWAP_ON);
	assert_int_equal(x.size_kb, 5999996);
	assert_string_equal(x.subject, "/home/swap/swapfile");
	assert_string_equal(x.detail, "");
	assert_string_equal(x.text, codis_swap + 35);  /* after "kernel: " */
	assert_false(x.text_cut);
}

static void test_context_rhel6_boot_and_swap(void **state)
{
	/* RHEL6 log, lines 32113 (cut after the release here) and 32854 */
	static const char boot[] =
		"Jun 20 13:16:08 new-db1 kernel: Linux version "
		"2.6.32-642.11.1.el6.x86_64 (mockbuild@c1bm.rdu2.centos.org)";
	static const char swap[] =
		"Jun 20 13:16:08 new-db1 kernel: [   75.022352] Adding "
		"2097148k swap on /dev/mapper/vglocal20160917-swap00.  "
		"Priority:-1 extents:1 across:2097148k ";
	struct context_line x;

	(void)state;
	assert_int_equal(classify(boot, &x), CONTEXT_BOOT);
	assert_string_equal(x.subject, "2.6.32-642.11.1.el6.x86_64");
	assert_int_equal(classify(swap, &x), CONTEXT_SWAP_ON);
	assert_int_equal(x.size_kb, 2097148);
	assert_string_equal(x.subject, "/dev/mapper/vglocal20160917-swap00");
	/* the trailing blank of the raw line is not kept */
	assert_string_equal(x.text, "Adding 2097148k swap on "
			    "/dev/mapper/vglocal20160917-swap00.  Priority:-1 "
			    "extents:1 across:2097148k");
}

static void test_context_rhel6_lookalikes_are_not_context(void **state)
{
	/* RHEL6 log, lines 14054, 14056, 32541, 32579 */
	static const char *const lines[] = {
		"Jun 20 12:47:04 new-db1 kernel: [15180285.573790] 19568 "
		"pages in swap cache",
		"Jun 20 12:47:04 new-db1 kernel: [15180285.574707] Free swap  "
		"= 0kB",
		"Jun 20 13:16:08 new-db1 kernel: [    0.710863] TCP: Hash "
		"tables configured (established 524288 bind 65536)",
		"Jun 20 13:16:08 new-db1 kernel: [    1.077634] Linux agpgart "
		"interface v0.103",
	};
	struct context_line x;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(classify(lines[i], &x), CONTEXT_NONE);
}

static void test_context_systemd_lines(void **state)
{
	/* hand-made, see hm_unit_* and the one below */
	static const char oomd_unit[] =
		"Nov 13 14:56:02 vm-centos6 systemd[1]: docker-8521.scope: "
		"systemd-oomd killed 12 process(es) in this unit.";
	static const char swapoff[] =
		"Nov 13 14:56:30 vm-centos6 systemd[1]: Deactivated swap "
		"/dev/sda2.";
	struct context_line x;

	(void)state;
	assert_int_equal(classify(hm_unit_killed, &x), CONTEXT_SYSTEMD_OOM);
	assert_string_equal(x.subject, "codis.service");
	assert_string_equal(x.detail, "process killed");
	assert_int_equal(classify(hm_unit_failed, &x), CONTEXT_SYSTEMD_OOM);
	assert_string_equal(x.subject, "codis.service");
	assert_string_equal(x.detail, "result oom-kill");
	assert_int_equal(classify(oomd_unit, &x), CONTEXT_OOMD_KILL);
	assert_string_equal(x.subject, "docker-8521.scope");
	assert_string_equal(x.detail, "systemd");
	assert_int_equal(classify(swapoff, &x), CONTEXT_SWAP_OFF);
	assert_string_equal(x.subject, "/dev/sda2");
	assert_int_equal(x.size_kb, OOM_NA);
}

static void test_context_oomd_lines(void **state)
{
	/* hand-made: systemd-oomd v247-v251 and v252+ wordings */
	static const char killed[] =
		"Nov 13 14:56:01 vm-centos6 systemd-oomd[640]: Killed "
		"/user.slice/user-1000.slice/user@1000.service/app.slice/"
		"app-firefox.scope due to memory pressure for /user.slice/"
		"user-1000.slice/user@1000.service being 62.46% > 50.00% for > "
		"20s with reclaim activity";
	static const char marked[] =
		"Nov 13 14:56:02 vm-centos6 systemd-oomd[640]: Marked "
		"/system.slice/docker-8521.scope for killing due to memory "
		"used (60776927232) / total (66940563456) and swap used "
		"(61069553664) / total (67830013952) being more than 90.00%";
	static const char considered[] =
		"Nov 13 14:56:02 vm-centos6 systemd-oomd[640]: Considered 21 "
		"cgroups for killing, top candidates were:";
	struct context_line x;

	(void)state;
	assert_int_equal(classify(killed, &x), CONTEXT_OOMD_KILL);
	assert_string_equal(x.subject, "/user.slice/user-1000.slice/"
			    "user@1000.service/app.slice/app-firefox.scope");
	assert_string_equal(x.detail, "memory pressure");
	assert_int_equal(classify(marked, &x), CONTEXT_OOMD_KILL);
	assert_string_equal(x.subject, "/system.slice/docker-8521.scope");
	assert_string_equal(x.detail, "memory and swap used");
	/* a survey, not a kill */
	assert_int_equal(classify(considered, &x), CONTEXT_NONE);
}

static void test_context_earlyoom_lines(void **state)
{
	/* hand-made: earlyoom >= 1.7 with a quote in the name, and < 1.2
	 * without "uid" */
	static const char quoted[] =
		"Nov 13 14:56:46 vm-centos6 earlyoom[812]: sending SIGKILL to "
		"process 77 uid 0 \"a\": b\": oom_score 900, oom_score_adj 0, "
		"VmRSS 100 MiB, cmdline \"x\"";
	static const char old[] =
		"Nov 13 14:56:47 vm-centos6 earlyoom[812]: sending SIGTERM to "
		"process 78 \"java\": badness 700, VmRSS 10 MiB";
	struct context_line x;

	(void)state;
	assert_int_equal(classify(hm_earlyoom, &x), CONTEXT_EARLYOOM_KILL);
	assert_int_equal(x.pid, 4321);
	assert_string_equal(x.subject, "chrome");
	assert_string_equal(x.detail, "SIGTERM");
	assert_int_equal(x.size_kb, 2954 * 1024);
	assert_int_equal(classify(quoted, &x), CONTEXT_EARLYOOM_KILL);
	assert_int_equal(x.pid, 77);
	assert_string_equal(x.subject, "a\": b");
	assert_string_equal(x.detail, "SIGKILL");
	assert_int_equal(x.size_kb, 100 * 1024);
	assert_int_equal(classify(old, &x), CONTEXT_EARLYOOM_KILL);
	assert_int_equal(x.pid, 78);
	assert_string_equal(x.subject, "java");
}

static void test_context_tcp_and_spoofs(void **state)
{
	/* hand-made: the systemd text under another tag, and tagless */
	static const char spoof[] =
		"Nov 13 14:56:20 vm-centos6 myapp[42]: codis.service: A "
		"process of this unit has been killed by the OOM killer.";
	static const char bare[] =
		"codis.service: A process of this unit has been killed by the "
		"OOM killer.";
	struct context_line x;

	(void)state;
	assert_int_equal(classify(hm_tcp, &x), CONTEXT_TCP_OOM);
	assert_string_equal(x.text, "TCP: out of memory -- consider tuning "
			    "tcp_mem");
	assert_int_equal(classify(spoof, &x), CONTEXT_NONE);
	assert_int_equal(classify(bare, &x), CONTEXT_NONE);
}

static void test_context_long_text_is_cut_at_a_character(void **state)
{
	/* hand-made: 151 'u' and 30 two-byte characters after the text */
	struct strbuf sb = STRBUF_INIT;
	struct context_line x;

	(void)state;
	strbuf_addstr(&sb, "Nov 13 14:56:20 h systemd[1]: a.service: Failed "
		      "with result 'oom-kill'. ");
	strbuf_addchars(&sb, 'u', 151);
	for (int i = 0; i < 30; i++)
		strbuf_addstr(&sb, "\xc3\xa9");
	assert_int_equal(classify(sb.buf, &x), CONTEXT_SYSTEMD_OOM);
	assert_true(x.text_cut);
	/* the message (from "a.service", 30 bytes in) has 42 + 151 bytes
	 * before the pairs, which start at 193: 200 bytes would end inside
	 * the fourth pair (199-200), so 199 are kept */
	assert_int_equal(strlen(x.text), 199);
	assert_int_equal((unsigned char)x.text[198], 0xa9);
	strbuf_release(&sb);
}

/* ---- the pipeline collects them ------------------------------------------ */

struct run {
	struct pipeline p;
	int events;
	struct redact *rd;
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct run *x = ctx;

	x->events++;
	if (x->rd)
		redact_event(x->rd, ev);
}

static void run_buffer(struct run *x, const char *buf, size_t len)
{
	memset(x, 0, sizeof(*x));
	pipeline_init(&x->p, 2026, 0, on_event, x);
	pipeline_run_buffer(&x->p, "buf", buf, len);
}

static void test_context_pipeline_codis(void **state)
{
	size_t len;
	char *buf = testutil_slurp("global-oom-syslog-centos6-codis.log", &len);
	const struct context *c;
	const struct context_anchor *a;
	int64_t d;
	struct run x;

	(void)state;
	run_buffer(&x, buf, len);
	c = &x.p.context;
	assert_int_equal(x.events, 1);
	assert_int_equal(c->n_lines, 1);
	assert_int_equal(c->lines[0]->kind, CONTEXT_SWAP_ON);
	assert_int_equal(c->lines[0]->lineno, 123);
	assert_string_equal(c->lines[0]->host, "vm-centos6");
	assert_string_equal(c->lines[0]->t.text, "Nov 13 14:56:39");
	/* the run's first (and only) event, by its delivery number: the
	 * codis fixture's report begins on line 1 */
	a = context_anchor_of(c, 1);
	assert_non_null(a);
	assert_int_equal(a->seq, 1);
	assert_int_equal(a->first_line, 1);
	assert_string_equal(a->host, "vm-centos6");
	assert_null(context_anchor_of(c, 0));
	assert_null(context_anchor_of(c, 2));
	assert_true(context_seconds(&a->t, &c->lines[0]->t, &d));
	assert_int_equal(d, 20);  /* 14:56:19 -> 14:56:39 */
	pipeline_release(&x.p);
	free(buf);
}

static void test_context_pipeline_rhel6_reboot(void **state)
{
	size_t len;
	char *buf = testutil_slurp("many-events-syslog-rhel6-new-db1.log", &len);
	const struct context *c;
	struct run x;
	int64_t d;

	(void)state;
	run_buffer(&x, buf, len);
	c = &x.p.context;
	assert_int_equal(x.events, 20);
	assert_int_equal(c->n_anchors, 20);
	/* the boot line comes first, so the uptime drop ([15180376.7] ->
	 * [75.0] on line 32854) is not reported again as uptime_reset */
	assert_int_equal(c->n_lines, 2);
	assert_int_equal(c->lines[0]->kind, CONTEXT_BOOT);
	assert_int_equal(c->lines[0]->lineno, 32113);
	assert_int_equal(c->lines[1]->kind, CONTEXT_SWAP_ON);
	assert_int_equal(c->lines[1]->lineno, 32854);
	assert_int_not_equal(c->lines[1]->t.boot, c->anchors[19].t.boot);
	/* event 20 (line 31056, 12:48:24) -> the boot at 13:16:08 */
	assert_int_equal(c->anchors[19].first_line, 31056);
	assert_true(context_seconds(&c->anchors[19].t, &c->lines[0]->t, &d));
	assert_int_equal(d, 27 * 60 + 44);
	pipeline_release(&x.p);
	free(buf);
}

/* nixos618 (uptime 77541 s) then the 6.18 hog log (89 s): one buffer */
static void test_context_uptime_going_back_is_a_reboot(void **state)
{
	size_t n1, n2;
	char *a = testutil_slurp("manual-oom-dmesg-nixos618.log", &n1);
	char *b = testutil_slurp("memcg-oom-dmesg-618-hog.log", &n2);
	char *buf = malloc(n1 + n2);
	const struct context_line *r;
	const struct context *c;
	struct run x;
	int64_t d;

	(void)state;
	assert_non_null(buf);
	memcpy(buf, a, n1);
	memcpy(buf + n1, b, n2);
	run_buffer(&x, buf, n1 + n2);
	c = &x.p.context;
	assert_int_equal(x.events, 2);
	assert_int_equal(c->n_lines, 1);
	r = c->lines[0];
	assert_int_equal(r->kind, CONTEXT_UPTIME_RESET);
	assert_int_equal(r->lineno, 127);  /* 126 lines, then hog's line 1 */
	assert_int_equal(r->prev_uptime_us, 77541815788);  /* nixos 126 */
	assert_int_equal(r->t.uptime_us, 89703652);
	/* event 1 closed on that line, yet belongs to the old boot */
	assert_false(context_seconds(&c->anchors[0].t, &r->t, &d));
	assert_true(context_seconds(&r->t, &c->anchors[1].t, &d));
	assert_int_equal(d, 0);
	pipeline_release(&x.p);
	/* as two inputs, uptimes are not compared: no reboot claimed */
	memset(&x, 0, sizeof(x));
	pipeline_init(&x.p, 2026, 0, on_event, &x);
	pipeline_run_buffer(&x.p, "nixos", a, n1);
	pipeline_run_buffer(&x.p, "hog", b, n2);
	assert_int_equal(x.events, 2);
	assert_int_equal(x.p.context.n_lines, 0);
	pipeline_release(&x.p);
	free(a);
	free(b);
	free(buf);
}

static void test_context_boot_line_starts_the_boot(void **state)
{
	/* hand-made dmesg lines; the banner as Debian 12's kernel prints it */
	static const char tcp1[] =
		"[ 5000.000000] TCP: out of memory -- consider tuning "
		"tcp_mem\n";
	static const char boot[] =
		"[    0.000000] Linux version 6.1.0-18-amd64 "
		"(debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) "
		"12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n";
	static const char tcp2[] =
		"[   12.000000] TCP: out of memory -- consider tuning "
		"tcp_mem\n";
	struct strbuf sb = STRBUF_INIT;
	const struct context *c;
	struct run x;

	(void)state;
	strbuf_addstr(&sb, tcp1);
	strbuf_addstr(&sb, boot);
	strbuf_addstr(&sb, tcp2);
	run_buffer(&x, sb.buf, sb.len);
	c = &x.p.context;
	assert_int_equal(x.events, 0);  /* context never opens an event */
	assert_int_equal(c->n_lines, 3);
	assert_int_equal(c->lines[0]->kind, CONTEXT_TCP_OOM);
	assert_int_equal(c->lines[1]->kind, CONTEXT_BOOT);
	assert_string_equal(c->lines[1]->subject, "6.1.0-18-amd64");
	assert_int_equal(c->lines[2]->kind, CONTEXT_TCP_OOM);
	assert_int_not_equal(c->lines[0]->t.boot, c->lines[2]->t.boot);
	pipeline_release(&x.p);
	/* without the banner the drop itself is the news */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, tcp1);
	strbuf_addstr(&sb, tcp2);
	run_buffer(&x, sb.buf, sb.len);
	c = &x.p.context;
	assert_int_equal(c->n_lines, 3);
	assert_int_equal(c->lines[1]->kind, CONTEXT_UPTIME_RESET);
	assert_int_equal(c->lines[1]->lineno, 2);
	assert_int_equal(c->lines[1]->prev_uptime_us, 5000000000);
	pipeline_release(&x.p);
	strbuf_release(&sb);
}

static void test_context_other_uptime_source_is_no_reboot(void **state)
{
	/* hand-made syslog lines of host h with kernel uptimes: 5 s later a
	 * line 3000 s "since boot" (that boot would have begun at 09:10:05,
	 * while the old one logged at 10:00:00), then a real reboot: 75 s of
	 * uptime at 10:30:00, a boot at 10:28:45 */
	static const char log[] =
		"Nov 13 10:00:00 h kernel: [50000.000000] TCP: out of memory "
		"-- consider tuning tcp_mem\n"
		"Nov 13 10:00:05 h kernel: [ 3000.000000] TCP: out of memory "
		"-- consider tuning tcp_mem\n"
		"Nov 13 10:30:00 h kernel: [   75.000000] TCP: out of memory "
		"-- consider tuning tcp_mem\n";
	const struct context *c;
	struct run x;

	(void)state;
	run_buffer(&x, log, sizeof(log) - 1);
	c = &x.p.context;
	assert_int_equal(c->n_lines, 4);
	assert_int_equal(c->lines[0]->kind, CONTEXT_TCP_OOM);
	assert_int_equal(c->lines[1]->kind, CONTEXT_TCP_OOM);
	assert_int_equal(c->lines[2]->kind, CONTEXT_UPTIME_RESET);
	assert_int_equal(c->lines[2]->lineno, 3);
	assert_int_equal(c->lines[2]->prev_uptime_us, 3000000000);
	assert_int_equal(c->lines[3]->kind, CONTEXT_TCP_OOM);
	pipeline_release(&x.p);
}

/* The swap line split across two chunks at every byte. */
static void test_context_feed_across_chunks(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addf(&sb, "%s\n%s\n", codis_swap, hm_tcp);
	for (size_t k = 0; k <= sb.len; k++) {
		struct run x;
		struct input inp;

		memset(&x, 0, sizeof(x));
		pipeline_init(&x.p, 2026, 0, on_event, &x);
		pipeline_begin(&x.p, "chunks", 2026, &inp);
		assert_int_equal(input_feed(&inp, sb.buf, k), 0);
		assert_int_equal(input_feed(&inp, sb.buf + k, sb.len - k), 0);
		pipeline_end(&x.p, &inp);
		assert_int_equal(x.p.context.n_lines, 2);
		assert_int_equal(x.p.context.lines[0]->kind, CONTEXT_SWAP_ON);
		assert_string_equal(x.p.context.lines[0]->subject,
				    "/home/swap/swapfile");
		assert_int_equal(x.p.context.lines[1]->lineno, 2);
		pipeline_release(&x.p);
	}
	strbuf_release(&sb);
}

/* ---- bounds -------------------------------------------------------------- */

static void feed(struct context *c, const char *line, uint64_t lineno)
{
	struct prefix px;
	struct log_line ln;

	prefix_init(&px, 2026, 0);
	prefix_parse(&px, line, strlen(line), &ln);
	context_feed(c, &ln, 0, lineno);
}

/* hand-made TCP lines: 10:00:00, then 2 h 0 min 1 s later */
static const char tcp_early[] =
	"Nov 13 10:00:00 h kernel: TCP: out of memory -- consider tuning "
	"tcp_mem";
static const char tcp_late[] =
	"Nov 13 12:00:01 h kernel: TCP: out of memory -- consider tuning "
	"tcp_mem";

static void test_context_full_list_forgets_far_lines(void **state)
{
	struct context c;

	(void)state;
	context_init(&c);
	for (uint64_t i = 1; i <= CONTEXT_MAX_LINES; i++)
		feed(&c, tcp_early, i);
	assert_int_equal(c.n_lines, CONTEXT_MAX_LINES);
	assert_int_equal(c.dropped, 0);
	/* no event within an hour of 10:00:00, and the log is 2 h past it */
	feed(&c, tcp_late, CONTEXT_MAX_LINES + 1);
	assert_int_equal(c.n_lines, 1);
	assert_int_equal(c.dropped, CONTEXT_MAX_LINES);
	assert_int_equal(c.lines[0]->lineno, CONTEXT_MAX_LINES + 1);
	context_release(&c);
}

static void test_context_full_list_keeps_near_lines(void **state)
{
	struct oom_event ev;
	struct context c;

	(void)state;
	oom_event_init(&ev);
	memcpy(ev.host, "h", 2);
	ev.has_wall = true;
	ev.wall_s = 0;  /* set from a parsed line below */
	context_init(&c);
	feed(&c, tcp_early, 1);
	ev.wall_s = c.lines[0]->t.wall_s + 30;  /* an event at 10:00:30 */
	context_event(&c, &ev, 0);
	assert_true(c.lines[0]->near);
	for (uint64_t i = 2; i <= CONTEXT_MAX_LINES; i++)
		feed(&c, tcp_early, i);
	feed(&c, tcp_late, CONTEXT_MAX_LINES + 1);
	assert_int_equal(c.n_lines, CONTEXT_MAX_LINES);
	assert_int_equal(c.dropped, 1);  /* the late line found no room */
	assert_int_equal(c.lines[CONTEXT_MAX_LINES - 1]->lineno,
			 CONTEXT_MAX_LINES);
	context_release(&c);
	oom_event_release(&ev);
}

static void test_context_redact(void **state)
{
	/* the codis log, then a hand-made line of a host no event has */
	static const char other[] =
		"Nov 13 14:57:00 db9 kernel: TCP: out of memory -- consider "
		"tuning tcp_mem\n";
	size_t len;
	char *buf = testutil_slurp("global-oom-syslog-centos6-codis.log", &len);
	struct strbuf sb = STRBUF_INIT;
	struct redact rd;
	struct run x;

	(void)state;
	strbuf_add(&sb, buf, len);
	strbuf_addstr(&sb, other);
	redact_init(&rd);
	run_buffer(&x, sb.buf, sb.len);
	assert_int_equal(x.p.context.n_lines, 2);
	pipeline_release(&x.p);
	memset(&x, 0, sizeof(x));
	x.rd = &rd;
	pipeline_init(&x.p, 2026, 0, on_event, &x);
	pipeline_run_buffer(&x.p, "buf", sb.buf, sb.len);
	context_redact(&x.p.context, &rd);
	assert_int_equal(x.p.context.n_lines, 1);
	assert_int_equal(x.p.context.dropped, 1);
	assert_string_equal(x.p.context.lines[0]->host, "host-1");
	assert_string_equal(x.p.context.anchors[0].host, "host-1");
	pipeline_release(&x.p);
	redact_release(&rd);
	strbuf_release(&sb);
	free(buf);
}

/* ---- the reports --------------------------------------------------------- */

struct render {
	struct report r;
};

static void on_render(void *ctx, struct oom_event *ev)
{
	struct render *x = ctx;
	struct oom_analysis an;

	analyze_event(ev, &an);
	report_event(&x->r, ev, &an);
}

static char *render(enum report_format fmt, const char *buf, size_t len)
{
	struct report_opts opts = { .format = fmt };
	struct render x;
	struct pipeline p;
	char *out;
	size_t out_len;
	FILE *f = open_memstream(&out, &out_len);

	assert_non_null(f);
	report_init(&x.r, &opts, f);
	pipeline_init(&p, 2026, 0, on_render, &x);
	report_begin(&x.r);
	pipeline_run_buffer(&p, "mixed.log", buf, len);
	report_end(&x.r, &p);
	fclose(f);
	pipeline_release(&p);
	report_release(&x.r);
	return out;
}

/*
 * The codis log (its swap line is line 123) and hand-made lines 124-129:
 * systemd at 14:56:20, earlyoom at 14:56:45, TCP at 14:57:00, 14:57:01
 * and 15:30:00 (33 min 41 s after the event at 14:56:19).
 */
static char *mixed(size_t *len)
{
	char *buf = testutil_slurp("global-oom-syslog-centos6-codis.log", len);
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, buf, *len);
	strbuf_addf(&sb, "%s\n%s\n%s\n%s\n", hm_unit_killed, hm_unit_failed,
		    hm_earlyoom, hm_tcp);
	strbuf_addstr(&sb, "Nov 13 14:57:01 vm-centos6 kernel: TCP: out of "
		      "memory -- consider tuning tcp_mem\n");
	strbuf_addstr(&sb, "Nov 13 15:30:00 vm-centos6 kernel: TCP: out of "
		      "memory -- consider tuning tcp_mem\n");
	free(buf);
	return strbuf_detach(&sb, len);
}

static void test_context_text_timeline(void **state)
{
	/* ordered by time, not by line; repeats folded; 15:30 (33 min 41 s
	 * after the event) within CONTEXT_NEAR_S, so shown and folded */
	static const char want[] =
		"\n== context ==\n"
		"  host vm-centos6\n"
		"       1  Nov 13 14:56:19  oom_kill      victim codis-server "
		"(16.9 GiB)  culprit process codis-server\n"
		"          + 1 s            systemd: codis.service had a "
		"process OOM-killed (line 124)\n"
		"          + 1 s            systemd: codis.service failed with "
		"result 'oom-kill' (line 125)\n"
		"          + 20 s           swap added: 5.7 GiB on "
		"/home/swap/swapfile (line 123)\n"
		"          + 26 s           earlyoom sent SIGTERM to chrome "
		"(pid 4321, VmRSS 2.9 GiB) (line 126)\n"
		"          + 41 s           TCP: out of memory (socket buffers "
		"over tcp_mem) (3 times, lines 127-129)\n";
	size_t len;
	char *buf = mixed(&len), *out = render(REPORT_TEXT, buf, len);
	const char *at = strstr(out, want);

	(void)state;
	assert_non_null(at);
	assert_string_equal(at, want);  /* and nothing after it */
	free(out);
	free(buf);
}

static void test_context_json_array(void **state)
{
	size_t len;
	char *buf = mixed(&len), *out = render(REPORT_JSON, buf, len);
	cJSON *doc = cJSON_Parse(out), *a, *first, *last;

	(void)state;
	assert_non_null(doc);
	a = cJSON_GetObjectItem(doc, "context");
	assert_int_equal(cJSON_GetArraySize(a), 7);  /* lines 123-129 */
	first = cJSON_GetArrayItem(a, 0);
	last = cJSON_GetArrayItem(a, 6);
	assert_string_equal(cJSON_GetObjectItem(first, "kind")->valuestring,
			    "swap_on");
	assert_int_equal(cJSON_GetObjectItem(first, "size_kb")->valueint,
			 5999996);
	assert_int_equal(cJSON_GetObjectItem(first, "after_event")->valueint,
			 1);
	assert_int_equal(cJSON_GetObjectItem(first, "offset_s")->valueint, 20);
	assert_string_equal(cJSON_GetObjectItem(last, "kind")->valuestring,
			    "tcp_oom");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(last,
		"source"), "line")->valueint, 129);
	assert_int_equal(cJSON_GetObjectItem(last, "offset_s")->valueint,
			 33 * 60 + 41);
	assert_int_equal(cJSON_GetObjectItem(doc, "context_dropped")->valueint,
			 0);
	cJSON_Delete(doc);
	free(out);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_swap_added_codis),
		cmocka_unit_test(test_context_rhel6_boot_and_swap),
		cmocka_unit_test(test_context_rhel6_lookalikes_are_not_context),
		cmocka_unit_test(test_context_systemd_lines),
		cmocka_unit_test(test_context_oomd_lines),
		cmocka_unit_test(test_context_earlyoom_lines),
		cmocka_unit_test(test_context_tcp_and_spoofs),
		cmocka_unit_test(test_context_long_text_is_cut_at_a_character),
		cmocka_unit_test(test_context_pipeline_codis),
		cmocka_unit_test(test_context_pipeline_rhel6_reboot),
		cmocka_unit_test(test_context_uptime_going_back_is_a_reboot),
		cmocka_unit_test(test_context_boot_line_starts_the_boot),
		cmocka_unit_test(test_context_other_uptime_source_is_no_reboot),
		cmocka_unit_test(test_context_feed_across_chunks),
		cmocka_unit_test(test_context_full_list_forgets_far_lines),
		cmocka_unit_test(test_context_full_list_keeps_near_lines),
		cmocka_unit_test(test_context_redact),
		cmocka_unit_test(test_context_text_timeline),
		cmocka_unit_test(test_context_json_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
