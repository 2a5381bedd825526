#ifndef OOMSCOPE_PREFIX_H
#define OOMSCOPE_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Stage 2: one raw line -> struct log_line (the kernel message text plus
 * what the prefix said: time, host, tag, level).
 *
 * Styles are detected per line (a paste may change style half-way); the
 * style that matched last is tried first.  A line no style matches is bare
 * message text.  Nothing is copied: msg, host, tag and time_text point into
 * the caller's line, except for continuation lines, whose host points into
 * struct prefix (the host of the last prefixed line).
 */

enum prefix_style {
	PREFIX_BARE = 0,       /* message text only (journalctl -o cat, pastes) */
	PREFIX_CONTINUATION,   /* indented line after a prefixed one, no prefix */
	PREFIX_DMESG,          /* [ 1234.567890] msg  (also <4>[...] raw) */
	PREFIX_DMESG_CTIME,    /* [Sat Nov 21 10:00:00 2026] msg (any locale) */
	PREFIX_DMESG_ISO,      /* 2026-11-21T10:00:00,123456+00:00 msg */
	PREFIX_DMESG_DECODE,   /* kern  :warn  : [...] msg */
	PREFIX_KMSG,           /* 6,1234,5678,-;msg  (/dev/kmsg record) */
	PREFIX_SYSLOG,         /* Nov 13 14:56:19 host kernel: msg */
	PREFIX_SYSLOG_RFC3339, /* 2026-11-21T10:00:00.123456+00:00 host kernel: */
	PREFIX_JOURNAL_FULL,   /* Sat 2026-11-21 10:00:00 UTC host kernel: msg */
	PREFIX_JOURNAL_MONO,   /* [   89.703652] host kernel: msg */
	PREFIX_JOURNAL_UNIX,   /* 1763719200.123456 host kernel: msg */
	PREFIX_STYLE_COUNT
};

struct log_line {
	const char *msg;       /* message text, leading prefix removed */
	size_t msg_len;
	const char *host;      /* NULL when the style has no host field */
	size_t host_len;
	const char *tag;       /* syslog/journal identifier ("kernel"), or NULL */
	size_t tag_len;
	const char *time_text; /* the timestamp as printed, or NULL */
	size_t time_text_len;
	enum prefix_style style;
	bool is_kernel;        /* false: a user-space line (tag is not
				  "kernel", /dev/kmsg facility != 0) */
	bool has_uptime;       /* seconds since boot, from [ 1234.567890] */
	uint64_t uptime_us;
	bool has_wall;         /* wall clock time from the prefix */
	int64_t wall_s;        /* seconds since the epoch, UTC */
	uint32_t wall_us;      /* sub-second part, microseconds */
	bool wall_year_known;  /* false: syslog "Nov 13" with a default year */
	int level;             /* printk level 0-7, or -1 when unknown */
	uint32_t caller_id;    /* PRINTK_CALLER value, 0 when absent */
	bool caller_is_cpu;    /* [  C1] rather than [ T123] */
	bool kmsg_dict;        /* " SUBSYSTEM=pci" dictionary line after a
				  /dev/kmsg record (style CONTINUATION):
				  metadata, not message text; skip it */
};

struct prefix {
	enum prefix_style last;   /* style of the last prefixed line;
				     PREFIX_BARE after a bare line */
	int default_year;         /* for syslog lines without a year */
	bool year_given;          /* default_year came from the user (--year):
				     such times count as known */
	int64_t tz_offset_s;      /* zone of wall times printed without one,
				     seconds EAST of UTC like "+01:00" = 3600:
				     wall_s = time read as UTC - tz_offset_s */
	char last_host[256];      /* host of the last prefixed line ("" none) */
	size_t last_host_len;
	bool last_is_kernel;
};

/*
 * default_year: e.g. the input file's mtime year; tz_offset_s: 0 for UTC,
 * seconds east of UTC otherwise (clamped to +-26 h).
 */
void prefix_init(struct prefix *px, int default_year, int64_t tz_offset_s);

/*
 * prefix_parse: fills *out for the line (line, len).  Never fails: an
 * unrecognised prefix yields PREFIX_BARE with msg = the whole line.
 * Nested prefixes are all removed: "Nov 13 14:56:19 host kernel: [ 12.3] msg"
 * gives both the wall time and the uptime.  An indented line that matches
 * no style, right after a prefixed line, is PREFIX_CONTINUATION with msg =
 * the whole line (leading blanks kept) and the previous line's host and
 * is_kernel.  The pointers in *out are borrowed from line (host of a
 * continuation: from px) until the next call.
 */
void prefix_parse(struct prefix *px, const char *line, size_t len,
		  struct log_line *out);

/* The style's name for diagnostics and the JSON ("dmesg", "syslog", ...). */
const char *prefix_style_name(enum prefix_style style);

#endif
