/*
 * oomscope: options -> run -> exit code.  Everything else is in the core
 * library (src/, include/oomscope/).
 */
#include "cli.h"

#include "banned.h"

int main(int argc, char **argv)
{
	struct cli_opts opts;
	int rc = cli_parse(&opts, argc, argv);

	if (rc != CLI_EXIT_OK || opts.done)
		return rc;
	return cli_run(&opts);
}
