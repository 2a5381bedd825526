#ifndef OOMSCOPE_PASTE_H
#define OOMSCOPE_PASTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/prefix.h"

/*
 * Stage 1b: the paste normaliser.  Raw text lines in, log lines out, with
 * what people do to a kernel log on its way into a mail, a forum post or a
 * ticket undone: quote markers, cat -n / grep -n numbering, grep -H file
 * names, a bare "kernel: " tag, an empty syslog host, terminal escapes,
 * dmesg delta stamps, logwatch counts, another program's wrapper around
 * the record (macOS log stream, vmware.log), quoted-printable bodies, lines
 * hard-wrapped at a fixed width, several records joined on one line, and
 * "** N printk messages dropped **" markers.
 *
 * It sits between the line framer (input.c) and the prefix stage: what it
 * emits is what a clean log would have held.  A line that needs nothing is
 * passed through without a copy.  It never drops a line; it only strips,
 * joins and splits.  The trust rule is unchanged: a syslog line tagged with
 * another program stays that program's line (only junk *before* a prefix is
 * removed, never the tag).
 *
 * Joining makes it hold one record back: paste_pending() says so, and the
 * caller must then give it every line (no fast-path skipping) and call
 * paste_finish() at the end of the input (or when the input goes quiet).
 */

#define PASTE_MAX_RECORD 65536  /* a joined record is cut here */

struct paste_line {
	const char *text;     /* borrowed until the callback returns */
	size_t len;
	uint64_t lineno;      /* the record's first physical line */
	uint64_t last_lineno; /* and its last (joined records span several) */
	const struct log_line *ln; /* the line's prefix as parsed with the
				 probe (configured like the caller's
				 parser), or NULL: then parse it */
	uint32_t dropped;     /* > 0: a "** N printk messages dropped **"
				 marker: text is the marker's own line (its
				 prefix names the host); the records after it
				 come as lines of their own */
};

typedef void (*paste_fn)(void *ctx, const struct paste_line *pl);

struct paste_stats {
	uint64_t stripped;    /* lines that lost leading junk */
	uint64_t joined;      /* wrapped lines joined back */
	uint64_t split;       /* records split off a joined line */
	uint64_t qp_lines;    /* lines decoded from quoted-printable */
	uint64_t dropped;     /* printk records reported dropped */
};

struct paste {
	paste_fn fn;
	void *ctx;
	struct prefix probe;  /* a prefix parser of its own, for decisions;
				 the caller may set its configuration
				 (year, zone) after paste_reset() so that
				 paste_line.ln equals its own parse */
	char *rec;            /* the record held back (owned) */
	size_t rec_len, rec_alloc;
	uint64_t rec_lineno, rec_last;
	bool has_rec;
	bool rec_prefixed;    /* the held record has a log prefix */
	bool rec_ln_ok;       /* rec_ln still describes rec (not joined) */
	struct log_line rec_ln;
	bool rec_bare_prefix; /* ... and nothing after it (yet) */
	size_t last_raw_len;  /* raw length of its last physical line */
	size_t width;         /* longest raw line of the input so far */
	unsigned width_hits;  /* lines exactly `width` long */
	unsigned wraps_exact; /* joins after a line exactly `width` long */
	unsigned wraps_short; /* joins after a shorter line (word wrap) */
	bool qp;              /* quoted-printable decoding is on */
	unsigned qp_evidence; /* "=3D" seen before it was turned on */
	char *scratch;        /* decoded / rewritten line (owned) */
	size_t scratch_alloc;
	bool qp_soft;         /* scratch holds qp_len decoded bytes ending
				 in a soft line break, from line qp_start */
	size_t qp_len;
	uint64_t qp_start, qp_last;
	uint64_t cur_last;    /* last physical line of the current one */
	char *qpline;         /* a whole decoded line (owned) */
	size_t qpline_alloc;
	struct paste_stats stats;
};

/* paste_init: fn receives each normalised line, with ctx. */
void paste_init(struct paste *ps, paste_fn fn, void *ctx);
void paste_release(struct paste *ps);
/* paste_reset: a new input (its own evidence; stats are kept). */
void paste_reset(struct paste *ps);

/* paste_feed: one raw line (no newline), numbered lineno in its input. */
void paste_feed(struct paste *ps, const char *line, size_t len,
		uint64_t lineno);
/* paste_finish: emits the record held back, if any. */
void paste_finish(struct paste *ps);
/* paste_pending: a record is held back waiting for its continuation. */
bool paste_pending(const struct paste *ps);

/*
 * paste_strip: the length of the junk before the log prefix or message of
 * (line, len): quote markers, numbering, file names, escapes, wrappers,
 * a bare "kernel: ".  0 when there is none.  Exposed for the tests.
 */
size_t paste_strip(const char *line, size_t len);

#endif
