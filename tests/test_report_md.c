/*
 * End-to-end tests of the Markdown report (report_md.c): every fixture's
 * report is rendered in-process as oomscope --markdown does (head first,
 * then the body) and checked for table integrity the way a GFM renderer
 * splits rows (a '|' preceded by a backslash is part of the cell), for
 * balanced fences, and, with hostile names, that nothing escapes its cell
 * or its fence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/analyze.h"
#include "oomscope/pipeline.h"
#include "oomscope/report.h"
#include "oomscope/report_md.h"

struct render {
	struct report r;
	void (*tweak)(struct oom_event *ev);  /* hostile edits, or NULL */
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct render *x = ctx;
	struct oom_analysis an;

	if (x->tweak)
		x->tweak(ev);
	analyze_event(ev, &an);
	report_event(&x->r, ev, &an);
}

/* The Markdown of a file, as cli.c writes it; the caller frees it. */
static char *render(const char *path, void (*tweak)(struct oom_event *))
{
	struct report_opts opts = { .format = REPORT_MARKDOWN };
	struct render x = { .tweak = tweak };
	struct pipeline p;
	char *body, *doc;
	size_t body_len, doc_len;
	FILE *bf = open_memstream(&body, &body_len), *df;

	assert_non_null(bf);
	report_init(&x.r, &opts, bf);
	pipeline_init(&p, 2026, 0, on_event, &x);
	report_begin(&x.r);
	assert_int_equal(pipeline_run_path(&p, path), 0);
	report_end(&x.r, &p);
	fclose(bf);
	df = open_memstream(&doc, &doc_len);
	report_md_head(&x.r, df);
	fwrite(body, 1, body_len, df);
	fclose(df);
	free(body);
	pipeline_release(&p);
	report_release(&x.r);
	return doc;
}

/* Cells of a table row as GFM splits it: unescaped pipes, minus one. */
static int cells(const char *line, size_t len)
{
	int pipes = 0;

	for (size_t i = 0; i < len; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			pipes++;
	return pipes - 1;
}

static bool delimiter_row(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr("|-: ", line[i]))
			return false;
	return len > 0;
}

static size_t backticks(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] == '`')
		n++;
	return n;
}

/* Returns the number of tables checked; fails on a broken one. */
static int check_doc(const char *doc, const char *name)
{
	int tables = 0, want = -1, row = 0;
	size_t fence = 0;

	for (const char *s = doc; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t ticks = backticks(s, len);

		if (fence) {
			if (ticks >= fence) {
				/* only the closing fence itself may start so */
				assert_int_equal(ticks, len);
				assert_int_equal(ticks, fence);
				fence = 0;
			}
		} else if (ticks >= 3) {
			fence = ticks;
		} else if (len && s[0] == '|') {
			if (row == 0) {
				want = cells(s, len);
				tables++;
			} else if (row == 1 && !delimiter_row(s, len)) {
				fail_msg("%s: table without a delimiter row", name);
			}
			if (cells(s, len) != want)
				fail_msg("%s: row has %d cells, header %d: %.*s",
					 name, cells(s, len), want, (int)len, s);
			row++;
		} else {
			row = 0;
		}
		s += len + (nl != NULL);
	}
	assert_int_equal(fence, 0);
	return tables;
}

static const char *fixtures_dir(void)
{
	const char *d = getenv("OOMSCOPE_FIXTURES");

	return d ? d : "fixtures";
}

static void test_report_md_tables_on_every_fixture(void **state)
{
	DIR *dir = opendir(fixtures_dir());
	struct dirent *de;
	int files = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		char path[4096];
		char *doc;

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", fixtures_dir(),
			 de->d_name);
		doc = render(path, NULL);
		/* the summary table and the inputs table at least */
		assert_true(check_doc(doc, de->d_name) >= 1);
		assert_non_null(strstr(doc, "# OOM report: "));
		free(doc);
		files++;
	}
	closedir(dir);
	assert_true(files >= 20);
}

/* The structure of one real report: fixtures/global-oom-syslog-centos6-codis */
static void test_report_md_codis_sections(void **state)
{
	char path[4096], *doc;

	(void)state;
	snprintf(path, sizeof(path), "%s/global-oom-syslog-centos6-codis.log",
		 fixtures_dir());
	doc = render(path, NULL);
	/* 6 tables: summary, facts, zones, balance, the context line (log
	 * line 123, swap added 20 s after the kill), inputs */
	assert_int_equal(check_doc(doc, "codis"), 6);
	assert_non_null(strstr(doc, "| 123 | vm-centos6 | Nov 13 14:56:39 | "
				    "swap_on | Adding 5999996k swap on "));
	assert_non_null(strstr(doc, "# OOM report: 1 event on vm-centos6\n"));
	assert_non_null(strstr(doc, "## Event 1: oom\\_kill on vm-centos6 at "
				    "Nov 13 14:56:19\n"));
	/* log line 50: Normal free:56140kB min:56364kB, lowmem_reserve
	 * 0 0 0 0 (line 51), the target zone of a Movable-class request */
	assert_non_null(strstr(doc, "| 0 | Normal | 54.8 MiB | 55.0 MiB | "
				    "68.8 MiB | 82.6 MiB | 0 KiB | "
				    "**under min** (target) |"));
	/* log line 121 quoted with its number, in a 3-backtick fence */
	assert_non_null(strstr(doc, "\n```text\n"));
	assert_non_null(strstr(doc, "\n121  Killed process 4492, UID 0, "
				    "(codis-server) total-vm:25418276kB"));
	free(doc);
}

/*
 * Hand-made hostile values put into a real event (the codis report): a
 * victim and host with table and code syntax, HTML and an escape sequence,
 * and a quoted line holding runs of 3 and 4 backticks.
 */
static void hostile(struct oom_event *ev)
{
	snprintf(ev->victim.name, sizeof(ev->victim.name), "a|b`c<b>x</b>\\");
	snprintf(ev->host, sizeof(ev->host), "h|st\x1b[31m");
	snprintf(ev->invoker.name, sizeof(ev->invoker.name), "``|``");
	assert_true(ev->n_evidence > 0);
	snprintf(ev->evidence[0].text, sizeof(ev->evidence[0].text),
		 "```\n```` [x](http://e) |");
}

static void test_report_md_hostile_names(void **state)
{
	char path[4096], *doc;

	(void)state;
	snprintf(path, sizeof(path), "%s/global-oom-syslog-centos6-codis.log",
		 fixtures_dir());
	doc = render(path, hostile);
	/* 5 tables: the swap line's host is vm-centos6, and no reported
	 * event is on that host any more (hostile() renamed it), so the
	 * incident has no context line to show */
	assert_int_equal(check_doc(doc, "hostile"), 5);
	assert_null(strstr(doc, "<b>"));
	assert_null(strstr(doc, "\x1b"));
	assert_non_null(strstr(doc, "a\\|b\\`c&lt;b&gt;x&lt;/b&gt;"));
	/* longest run 4 -> a fence of 5; the newline is shown as \x0a */
	assert_non_null(strstr(doc, "\n`````text\n"));
	assert_non_null(strstr(doc, "```\\x0a```` [x](http://e) |"));
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_md_tables_on_every_fixture),
		cmocka_unit_test(test_report_md_codis_sections),
		cmocka_unit_test(test_report_md_hostile_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
