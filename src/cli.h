#ifndef OOMSCOPE_CLI_H
#define OOMSCOPE_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "oomscope/report.h"
#include "oomscope/select.h"

/*
 * The command line: cli_parse (cli.c) reads getopt_long options into
 * struct cli_opts, with usage, --help and --version; cli_run (cli_run.c)
 * ties the stages together.
 */

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_ERROR = 1,   /* unreadable input, write error */
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_FOUND = 3,   /* -e: at least one event */
};

struct cli_opts {
	struct report_opts report;
	enum color_mode color_mode;
	int year;              /* 0: from each input's mtime */
	bool exit_status;
	bool follow;           /* -F: keep reading the (one) input */
	bool sort;             /* events by time across inputs */
	bool redact;
	bool keep_duplicates;  /* no dedupe.c */
	const char *output;    /* -o FILE, borrowed from argv; NULL: stdout */
	struct select_opts sel;
	bool done;             /* --help / --version printed */
	int n_inputs;
	char **inputs;         /* borrowed from argv */
};

/* cli_parse: returns CLI_EXIT_OK or CLI_EXIT_USAGE (message printed). */
int cli_parse(struct cli_opts *o, int argc, char **argv);
/* cli_run: the whole run; returns the process exit code. */
int cli_run(struct cli_opts *o);

#endif
