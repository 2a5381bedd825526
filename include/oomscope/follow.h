#ifndef OOMSCOPE_FOLLOW_H
#define OOMSCOPE_FOLLOW_H

#include "oomscope/pipeline.h"

/*
 * --follow: read an input to its end, then keep reading what is added to
 * it, delivering each event as soon as it is complete.
 *
 * A report has no end marker, so an event closes when the state machine
 * sees it end (the next report, a foreign line limit: sm.c), when the input
 * ends, or when no byte arrived for idle_ms while an event was open.
 * Inputs: a regular file (appended to; a truncated file is read again from
 * its start, a file replaced under the same name, as log rotation does, is
 * reopened), a pipe or standard input (until its writer closes it), or
 * /dev/kmsg.  Bytes are read as they are: compressed files cannot be
 * followed.  SIGINT and SIGTERM end the run normally (they are blocked and
 * read through a signalfd while following), so the report's end is still
 * written.
 */

#define FOLLOW_IDLE_MS 2000
#define FOLLOW_POLL_MS 250    /* how often a regular file is looked at */

/*
 * follow_run: path is a file, "-" for standard input or "/dev/kmsg".
 * Returns 0 (end of a pipe, or a signal), or -1 after a message (cannot
 * open or read).
 */
int follow_run(struct pipeline *p, const char *path, int idle_ms)
	__attribute__((warn_unused_result));

#endif
