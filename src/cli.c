/*
 * The command line (getopt_long, fixed program name in messages, documented
 * exit codes) and the run: each operand in order through the pipeline, each
 * event through the analysis into the chosen renderer.
 *
 * Messages follow git's rules; usage errors are two lines on stderr and exit
 * 2.  glibc's abbreviations of long options (--form=json) are accepted, as
 * the man page says.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oomscope/analyze.h"
#include "oomscope/pipeline.h"
#include "msg.h"
#include "version.h"
#include "banned.h"

enum {
	OPT_COLOR = 256,
	OPT_JSON,
	OPT_NDJSON,
	OPT_MARKDOWN,
	OPT_YEAR,
};

/* Sorted by name; the man page and --help list the same options. */
static const struct option longopts[] = {
	{ "brief", no_argument, NULL, 'q' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "exit-status", no_argument, NULL, 'e' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "markdown", no_argument, NULL, OPT_MARKDOWN },
	{ "ndjson", no_argument, NULL, OPT_NDJSON },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
	"usage: oomscope [options] [file ...]\n"
	"\n"
	"Reads kernel logs (dmesg, kern.log, /var/log/messages, journalctl\n"
	"output; gzip, xz and zstd compressed too) and reports every OOM kill\n"
	"in them: who asked for memory, who was killed, who held the memory.\n"
	"With no file, reads standard input, or the running kernel's log\n"
	"(/dev/kmsg) when standard input is a terminal. '-' is standard input.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT     text (default), json, ndjson or md\n"
	"      --json           same as --format=json\n"
	"      --ndjson         same as --format=ndjson: one event per line\n"
	"      --markdown       same as --format=md: a ticket-ready report\n"
	"  -v, --verbose        everything reconstructed, the whole task table\n"
	"  -q, --brief          one line per event\n"
	"      --color WHEN     auto (default), always or never; NO_COLOR is\n"
	"                       honoured in auto mode\n"
	"      --year YEAR      year of syslog time stamps that have none\n"
	"                       (default: the year of the file's mtime)\n"
	"  -e, --exit-status    exit 3 when at least one event was found\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n"
	"\n"
	"exit status: 0 success (also when no event was found), 1 an input\n"
	"could not be read or output could not be written, 2 usage error,\n"
	"3 with -e when at least one event was found.\n";

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("oomscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'oomscope --help' for more information.\n", stderr);
	return CLI_EXIT_USAGE;
}

static int set_format(struct cli_opts *o, const char *v)
{
	static const struct { const char *name; enum report_format f; } fmts[] = {
		{ "text", REPORT_TEXT }, { "json", REPORT_JSON },
		{ "ndjson", REPORT_NDJSON }, { "md", REPORT_MARKDOWN },
		{ "markdown", REPORT_MARKDOWN },
	};

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (!strcmp(v, fmts[i].name)) {
			o->report.format = fmts[i].f;
			return 0;
		}
	}
	return usage_error("invalid format '%s' (expected text, json, ndjson "
			   "or md)", v);
}

static int set_color(struct cli_opts *o, const char *v)
{
	static const char *const modes[] = { "auto", "always", "never" };

	for (int i = 0; i < 3; i++) {
		if (!strcmp(v, modes[i])) {
			o->color_mode = i;
			return 0;
		}
	}
	return usage_error("invalid color mode '%s' (expected auto, always "
			   "or never)", v);
}

static int set_year(struct cli_opts *o, const char *v)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(v, &end, 10);
	if (errno || *end || end == v || y < 1970 || y > 9999)
		return usage_error("invalid year '%s' (expected 1970-9999)", v);
	o->year = (int)y;
	return 0;
}

static int one_option(struct cli_opts *o, int c, char **argv)
{
	switch (c) {
	case 'f': return set_format(o, optarg);
	case OPT_JSON: o->report.format = REPORT_JSON; return 0;
	case OPT_NDJSON: o->report.format = REPORT_NDJSON; return 0;
	case OPT_MARKDOWN: o->report.format = REPORT_MARKDOWN; return 0;
	case 'v': o->report.verbose = true; return 0;
	case 'q': o->report.brief = true; return 0;
	case 'e': o->exit_status = true; return 0;
	case OPT_COLOR: return set_color(o, optarg);
	case OPT_YEAR: return set_year(o, optarg);
	case 'h':
		fputs(usage_text, stdout);
		o->done = true;
		return 0;
	case 'V':
		printf("oomscope %s\n", OOMSCOPE_VERSION);
		o->done = true;
		return 0;
	case ':':
		return usage_error("option '%s' requires an argument",
				   argv[optind - 1]);
	default:
		if (optopt && optopt < 256) {
			char s[3] = { '-', (char)optopt, '\0' };

			return usage_error("invalid option '%s'", s);
		}
		return usage_error("unrecognized option '%s'", argv[optind - 1]);
	}
}

int cli_parse(struct cli_opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:vqehV", longopts, NULL)) != -1) {
		if (one_option(o, c, argv))
			return CLI_EXIT_USAGE;
		if (o->done)
			return CLI_EXIT_OK;
	}
	o->inputs = argv + optind;
	o->n_inputs = argc - optind;
	return CLI_EXIT_OK;
}

struct run {
	struct report report;
};

static void on_event(void *ctx, struct oom_event *ev)
{
	struct run *run = ctx;
	struct oom_analysis an;

	analyze_event(ev, &an);
	report_event(&run->report, ev, &an);
}

static bool want_color(const struct cli_opts *o)
{
	const char *nc = getenv("NO_COLOR");

	if (o->color_mode != 0)
		return o->color_mode == 1;
	return isatty(1) && !(nc && nc[0]) && o->report.format == REPORT_TEXT;
}

static int read_inputs(struct cli_opts *o, struct pipeline *p)
{
	int rc = 0;

	if (o->n_inputs == 0) {
		if (isatty(0))
			return pipeline_run_kmsg(p) ? 1 : 0;
		return pipeline_run_path(p, "-") ? 1 : 0;
	}
	for (int i = 0; i < o->n_inputs; i++)
		if (pipeline_run_path(p, o->inputs[i]))
			rc = 1;
	return rc;
}

static int finish_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		oom_warn("write error: %s", strerror(errno ? errno : EIO));
		fclose(stdout);
		return CLI_EXIT_ERROR;
	}
	if (fclose(stdout))
		return oom_error("write error: %s", strerror(errno)),
		       CLI_EXIT_ERROR;
	return CLI_EXIT_OK;
}

int cli_run(struct cli_opts *o)
{
	struct run run;
	struct pipeline p;
	int rc;

	o->report.color = want_color(o);
	report_init(&run.report, &o->report, stdout);
	pipeline_init(&p, o->year, 0, on_event, &run);
	report_begin(&run.report);
	rc = read_inputs(o, &p);
	report_end(&run.report, &p);
	if (finish_output())
		rc = CLI_EXIT_ERROR;
	if (!rc && o->exit_status && run.report.n_events)
		rc = CLI_EXIT_FOUND;
	pipeline_release(&p);
	report_release(&run.report);
	return rc;
}
