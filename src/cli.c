/*
 * The command line: getopt_long into struct cli_opts, --help and
 * --version, usage errors (fixed program name, documented exit codes).
 * Running what the options ask for is cli_run.c's.
 *
 * Messages follow git's rules; usage errors are two lines on stderr and exit
 * 2.  glibc's abbreviations of long options (--form=json) are accepted, as
 * the man page says.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oomscope/select.h"
#include "version.h"
#include "banned.h"

enum {
	OPT_COLOR = 256,
	OPT_EVENT,
	OPT_HOST,
	OPT_JSON,
	OPT_KEEP_DUPLICATES,
	OPT_KILLED,
	OPT_LAST,
	OPT_MARKDOWN,
	OPT_NDJSON,
	OPT_PID,
	OPT_REDACT,
	OPT_SINCE,
	OPT_SORT,
	OPT_UNTIL,
	OPT_YEAR,
};

/* Sorted by name; the man page and --help list the same options. */
static const struct option longopts[] = {
	{ "brief", no_argument, NULL, 'q' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "event", required_argument, NULL, OPT_EVENT },
	{ "exit-status", no_argument, NULL, 'e' },
	{ "follow", no_argument, NULL, 'F' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "keep-duplicates", no_argument, NULL, OPT_KEEP_DUPLICATES },
	{ "killed", required_argument, NULL, OPT_KILLED },
	{ "last", required_argument, NULL, OPT_LAST },
	{ "markdown", no_argument, NULL, OPT_MARKDOWN },
	{ "ndjson", no_argument, NULL, OPT_NDJSON },
	{ "output", required_argument, NULL, 'o' },
	{ "pid", required_argument, NULL, OPT_PID },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "sort", no_argument, NULL, OPT_SORT },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
	"usage: oomscope [options] [file ...]\n"
	"\n"
	"Reads kernel logs (dmesg, kern.log, /var/log/messages, journalctl\n"
	"output, journalctl -o json; gzip, xz and zstd compressed too) and\n"
	"reports every OOM kill in them: who asked for memory, who was killed,\n"
	"who held the memory.  With no file, reads standard input, or the\n"
	"running kernel's log (/dev/kmsg) when standard input is a terminal.\n"
	"'-' is standard input.\n"
	"\n"
	"output:\n"
	"  -f, --format FMT     text (default), json, ndjson, md or prom\n"
	"                       (Prometheus text format, for the node\n"
	"                       exporter's textfile collector)\n"
	"      --json           same as --format=json\n"
	"      --ndjson         same as --format=ndjson: one event per line\n"
	"      --markdown       same as --format=md: a ticket-ready report\n"
	"  -o, --output FILE    write to FILE instead of standard output (a\n"
	"                       new file renamed over FILE at the end)\n"
	"  -v, --verbose        everything reconstructed, the whole task table\n"
	"  -q, --brief          one line per event\n"
	"      --color WHEN     auto (default), always or never; NO_COLOR is\n"
	"                       honoured in auto mode\n"
	"      --redact         replace host names, uids, cgroup paths and\n"
	"                       pod/container ids by placeholders\n"
	"\n"
	"selection (after the analysis; the report numbers what it shows 1..n):\n"
	"      --since TIME     events at or after TIME: 2026-11-13 14:56:19,\n"
	"                       2026-11-13T14:56:19+01:00, 2026-11-13, or a time\n"
	"                       ago: 90s, 30m, 2h, 1d, 1w (zone-less: UTC)\n"
	"      --until TIME     events at or before TIME\n"
	"      --host NAME      events of that host\n"
	"      --killed NAME    events whose victim has that name\n"
	"      --pid PID        events where PID is the victim, invoker or culprit\n"
	"      --event N        only the N-th selected event\n"
	"      --last N         only the last N selected events\n"
	"      --keep-duplicates  report an event read twice (two logs of the\n"
	"                       same boot) twice\n"
	"\n"
	"inputs:\n"
	"      --year YEAR      year of syslog time stamps that have none\n"
	"                       (default: the year of the file's mtime)\n"
	"      --sort           order events by time across inputs (keeps them\n"
	"                       all in memory until the end)\n"
	"  -F, --follow         keep reading the input as it grows and report\n"
	"                       each event when it is complete (until SIGINT)\n"
	"\n"
	"  -e, --exit-status    exit 3 when at least one event was reported\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n"
	"\n"
	"exit status: 0 success (also when no event was found), 1 an input\n"
	"could not be read or output could not be written, 2 usage error,\n"
	"3 with -e when at least one event was reported.\n";

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
		{ "markdown", REPORT_MARKDOWN }, { "prom", REPORT_PROM },
	};

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (!strcmp(v, fmts[i].name)) {
			o->report.format = fmts[i].f;
			return 0;
		}
	}
	return usage_error("invalid format '%s' (expected text, json, ndjson, "
			   "md or prom)", v);
}

static int set_color(struct cli_opts *o, const char *v)
{
	static const struct { const char *name; enum color_mode m; } modes[] = {
		{ "auto", COLOR_AUTO }, { "always", COLOR_ALWAYS },
		{ "never", COLOR_NEVER },
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (!strcmp(v, modes[i].name)) {
			o->color_mode = modes[i].m;
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

/* A whole number in [min, max] for option `opt`, or a usage error. */
static int set_number(const char *opt, const char *v, long long min,
		      long long max, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || end == v || n < min || n > max)
		return usage_error("invalid %s '%s' (expected a whole number "
				   ">= %lld)", opt, v, min);
	*out = n;
	return 0;
}

static int set_time(const char *opt, const char *v, int64_t *out, bool *has)
{
	if (select_parse_time(v, (int64_t)time(NULL), out))
		return usage_error("invalid %s time '%s' (expected e.g. "
				   "2026-11-13 14:56:19 or 2h)", opt, v);
	*has = true;
	return 0;
}

static int set_count(const char *opt, const char *v, uint64_t *out)
{
	int64_t n = 0;

	if (set_number(opt, v, 1, INT64_MAX, &n))
		return CLI_EXIT_USAGE;
	*out = (uint64_t)n;
	return 0;
}

static int selection_option(struct cli_opts *o, int c)
{
	struct select_opts *s = &o->sel;

	switch (c) {
	case OPT_SINCE: return set_time("--since", optarg, &s->since_s,
					&s->has_since);
	case OPT_UNTIL: return set_time("--until", optarg, &s->until_s,
					&s->has_until);
	case OPT_HOST: s->host = optarg; return 0;
	case OPT_KILLED: s->killed = optarg; return 0;
	case OPT_PID:
		s->has_pid = true;
		return set_number("pid", optarg, 0, INT32_MAX, &s->pid);
	case OPT_EVENT: return set_count("event number", optarg, &s->event);
	case OPT_LAST: return set_count("count for --last", optarg, &s->last);
	}
	return -1;
}

static int bad_option(int c, char **argv)
{
	if (c == ':')
		return usage_error("option '%s' requires an argument",
				   argv[optind - 1]);
	if (optopt && optopt < 256) {
		char s[3] = { '-', (char)optopt, '\0' };

		return usage_error("invalid option '%s'", s);
	}
	return usage_error("unrecognized option '%s'", argv[optind - 1]);
}

static int one_option(struct cli_opts *o, int c, char **argv)
{
	switch (c) {
	case 'f': return set_format(o, optarg);
	case OPT_JSON: o->report.format = REPORT_JSON; return 0;
	case OPT_NDJSON: o->report.format = REPORT_NDJSON; return 0;
	case OPT_MARKDOWN: o->report.format = REPORT_MARKDOWN; return 0;
	case 'o': o->output = optarg; return 0;
	case 'v': o->report.verbose = true; return 0;
	case 'q': o->report.brief = true; return 0;
	case 'e': o->exit_status = true; return 0;
	case 'F': o->follow = true; return 0;
	case OPT_SORT: o->sort = true; return 0;
	case OPT_REDACT: o->redact = true; return 0;
	case OPT_KEEP_DUPLICATES: o->keep_duplicates = true; return 0;
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
	case ':': case '?': return bad_option(c, argv);
	}
	return selection_option(o, c) ? CLI_EXIT_USAGE : 0;
}

/* Combinations that cannot work, found after all options are read. */
static int check_options(const struct cli_opts *o)
{
	if (o->follow && (o->sort || o->sel.last))
		return usage_error("--follow cannot be combined with %s",
				   o->sort ? "--sort" : "--last");
	if (o->follow && o->n_inputs > 1)
		return usage_error("--follow takes at most one file");
	return 0;
}

int cli_parse(struct cli_opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:vqeFhV", longopts, NULL)) != -1) {
		if (one_option(o, c, argv))
			return CLI_EXIT_USAGE;
		if (o->done)
			return CLI_EXIT_OK;
	}
	o->inputs = argv + optind;
	o->n_inputs = argc - optind;
	return check_options(o) ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

