#ifndef OOMSCOPE_JOURNAL_EXPORT_H
#define OOMSCOPE_JOURNAL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/journal.h"

/*
 * journalctl -o export input (systemd's Journal Export Format): entries
 * separated by an empty line; each field is "KEY=value\n" or, when the
 * value is not printable or holds a newline, "KEY\n", a 64-bit
 * little-endian length, that many raw bytes and "\n".  The fields read are
 * those of journal.h (MESSAGE, _HOSTNAME, __REALTIME_TIMESTAMP,
 * _SOURCE_MONOTONIC_TIMESTAMP, _TRANSPORT) into the same struct
 * journal_rec; a repeated field keeps its first value.
 *
 * journal_export_feed() takes any chunking of the bytes.  Memory is fixed:
 * a MESSAGE longer than OOM_MAX_LINE is cut (cut_values), other values
 * longer than 255 bytes are cut as well, and a length above 4 GiB is taken
 * as garbage (bad): the entry so far is delivered and the bytes up to the
 * next empty line dropped.  At the end, an entry without its empty line is
 * still delivered (truncated_entries).
 */

#define JOURNAL_EXPORT_MAGIC "__CURSOR="

/*
 * Called once per entry; lineno is the 1-based number of the entry's first
 * line, counting every LF byte of the input before it (binary values
 * included), so that an editor's "go to line" finds it.
 */
typedef void (*journal_export_fn)(void *ctx, const struct journal_rec *r,
				  uint64_t lineno);

struct journal_export_stats {
	uint64_t entries;           /* entries delivered */
	uint64_t bad;               /* garbage lengths */
	uint64_t cut_values;        /* values cut at their cap */
	uint64_t truncated_entries; /* the input ended inside an entry */
};

struct journal_export {
	journal_export_fn fn;
	void *ctx;
	int state;                  /* enum in journal_export.c */
	char key[64];               /* the field name being read, cut */
	size_t key_len;
	int sink;                   /* where the value goes */
	char small[256];            /* a value other than MESSAGE */
	size_t small_len;
	unsigned char size[8];      /* a binary value's length, LE */
	int size_len;
	uint64_t left;              /* bytes of the binary value to come */
	bool cut;                   /* the value exceeded its cap */
	bool in_entry;              /* a field of the entry has been seen */
	bool prev_lf;               /* resync: the last byte was LF */
	bool seen[6];               /* fields taken (first value wins) */
	uint64_t lf;                /* LF bytes so far */
	uint64_t entry_line;
	struct journal_rec rec;
	struct journal_export_stats stats;
};

void journal_export_init(struct journal_export *jx, journal_export_fn fn,
			 void *ctx);
void journal_export_release(struct journal_export *jx);
/*
 * journal_export_detect: 1 when the input's first bytes are an export's
 * (it always starts with __CURSOR=), 0 when they are not, -1 when they are
 * too few to tell.
 */
int journal_export_detect(const char *head, size_t len);
void journal_export_feed(struct journal_export *jx, const char *buf,
			 size_t len);
/* Delivers an entry the input ended inside, and resets for a new input. */
void journal_export_finish(struct journal_export *jx);

#endif
