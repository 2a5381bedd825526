#ifndef OOMSCOPE_PIPELINE_H
#define OOMSCOPE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/context.h"
#include "oomscope/event.h"
#include "oomscope/input.h"
#include "oomscope/journal.h"
#include "oomscope/journal_export.h"
#include "oomscope/paste.h"
#include "oomscope/prefix.h"
#include "oomscope/sm.h"

/*
 * The pipeline: inputs -> lines -> log lines -> events, in input order.
 *
 * Each input (file, "-" for stdin) is read to its end; the state machine is
 * flushed at the end of every input, so events never span two inputs.  Every
 * closed event is handed to the callback, which may keep it with
 * oom_event_move() or leave it (the pipeline releases it afterwards).
 *
 * Context lines (context.h) are collected on the way: every parsed line,
 * kernel or not, goes to context_feed(), every delivered event to
 * context_event(); the renderers read p->context at the end.
 *
 * The form of each input is decided by its first non-blank line: a
 * journalctl -o json record (see journal.h) makes the whole input journal
 * JSON; anything else is text whose prefixes prefix.c recognises line by
 * line.  Before that, an input whose first bytes are "__CURSOR=" is read as
 * journalctl -o export (see journal_export.h): its bytes bypass the line
 * framing, and each entry is one record as in journal JSON; the line number
 * of an event is that of its entry's first field.
 */

typedef void (*pipeline_event_fn)(void *ctx, struct oom_event *ev);

enum pipeline_form {
	PIPELINE_FORM_UNKNOWN = 0,  /* no non-blank line yet */
	PIPELINE_FORM_TEXT,
	PIPELINE_FORM_JOURNAL_JSON,
	PIPELINE_FORM_JOURNAL_EXPORT,
};

struct pipeline_input {
	char *name;               /* owned */
	struct input_stats stats;
	uint64_t non_kernel_lines; /* syslog lines of other programs */
	uint64_t split_lines;      /* joined or #012-escaped lines split */
	struct paste_stats paste;  /* what paste.c repaired */
	uint64_t events;
	enum pipeline_form form;
	uint64_t journal_records;  /* JSON records or export entries read */
	uint64_t journal_bad;      /* lines that were not a JSON object;
				      garbage lengths in an export */
	bool failed;               /* could not be opened or read in full */
};

struct pipeline {
	int year;                  /* --year, 0 = from the input's mtime */
	int64_t tz_offset_s;
	pipeline_event_fn fn;
	void *ctx;
	struct prefix px;
	struct sm sm;
	struct scan_set repairs;   /* needles that call for a repair */
	struct paste paste;        /* undoes what pasting did to the text */
	struct pipeline_input *inputs;
	size_t n_inputs;
	struct journal_rec jrec;
	struct journal_export jx;  /* the export input being read */
	struct context context;    /* memory-related lines around events */
	const char *may_start;     /* the raw line being fed to paste.c when */
	size_t may_start_len;      /* it is known to hold a start needle */
};

/* year: 0 to take each input's modification year. */
void pipeline_init(struct pipeline *p, int year, int64_t tz_offset_s,
		   pipeline_event_fn fn, void *ctx);
void pipeline_release(struct pipeline *p);

/*
 * pipeline_run_path: reads a file ("-" is stdin).  Returns 0, or -1 after
 * printing a message naming the input; the events read before a read
 * error are still delivered.
 */
int pipeline_run_path(struct pipeline *p, const char *path)
	__attribute__((warn_unused_result));
/*
 * pipeline_run_kmsg: reads the running kernel's log from /dev/kmsg without
 * blocking (every record up to now), like dmesg.  Returns 0 or -1.
 */
int pipeline_run_kmsg(struct pipeline *p) __attribute__((warn_unused_result));
/* pipeline_run_buffer: the same over a buffer (tests, fuzzing). */
void pipeline_run_buffer(struct pipeline *p, const char *name,
			 const char *buf, size_t len);

/*
 * For readers that bring their own bytes (follow.c): pipeline_begin starts
 * an input named `name` and sets *inp up to feed it (input_feed(inp, ...));
 * pipeline_end finishes it (the last unterminated line, then every open
 * event).  pipeline_flush closes every open event now and delivers it (an
 * input that went quiet); pipeline_busy says whether any is open.
 */
void pipeline_begin(struct pipeline *p, const char *name, int year,
		    struct input *inp);
void pipeline_end(struct pipeline *p, struct input *inp);
void pipeline_flush(struct pipeline *p);
bool pipeline_busy(const struct pipeline *p);

#endif
