#ifndef OOMSCOPE_JOURNAL_H
#define OOMSCOPE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"
#include "oomscope/strbuf.h"

/*
 * journalctl -o json (and -o json-seq) input: one JSON object per line.
 * Fields read: MESSAGE (a string; an array of byte values when journald
 * found it not printable; null when longer than journalctl's field limit;
 * an array of values when the field repeats: the first is taken),
 * _HOSTNAME, __REALTIME_TIMESTAMP (us since the epoch),
 * _SOURCE_MONOTONIC_TIMESTAMP (the kernel's own us since boot) and
 * _TRANSPORT.  Only records with _TRANSPORT "kernel" count: journald sets
 * that field itself, so unlike a syslog tag no user process can forge it.
 * Every value is a JSON string in journalctl's output; numbers are accepted
 * too.
 */

struct journal_rec {
	struct strbuf msg;         /* MESSAGE bytes (may hold '\n') */
	bool has_msg;              /* false: MESSAGE absent or null */
	bool is_kernel;            /* _TRANSPORT is "kernel" */
	char host[OOM_HOST_MAX];
	size_t host_len;
	bool has_host;
	char ident[64];            /* SYSLOG_IDENTIFIER ("systemd"), "" none */
	bool has_realtime, has_monotonic;
	uint64_t realtime_us, monotonic_us;
	char time_text[80];        /* realtime as "2026-11-21T10:00:00.123456Z" */
};

void journal_rec_init(struct journal_rec *r);
void journal_rec_release(struct journal_rec *r);
/* time_text from realtime_us: "2026-11-13T14:56:19.123456Z" (UTC). */
void journal_rec_format_time(struct journal_rec *r);

/*
 * journal_detect: true when the line (an input's first non-blank line)
 * looks like a journal JSON record: '{' first (after blanks and json-seq's
 * RS byte) and a "MESSAGE" key.
 */
bool journal_detect(const char *s, size_t len);
/*
 * journal_maybe_kernel: a cheap test before parsing: false when the line
 * can be neither a kernel record (no "_TRANSPORT":"kernel" in it) nor a
 * user-space record the context lines want (systemd, earlyoom).
 */
bool journal_maybe_kernel(const char *s, size_t len);
/*
 * journal_parse: fills *r from one line (s, len).  Returns 0, or -1 when
 * the line is not a JSON object (r then holds no message).
 */
int journal_parse(struct journal_rec *r, const char *s, size_t len)
	__attribute__((warn_unused_result));

#endif
