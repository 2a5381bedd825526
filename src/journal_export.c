/*
 * journalctl -o export -> journal records, as a streaming state machine.
 *
 * The export format is not made of lines: a binary field's value is raw
 * bytes behind a 64-bit length, and may hold LF, CR or NUL.  So the bytes
 * come straight from input.c (input_set_raw) in whatever chunks it has, and
 * one handler per state eats as much of the chunk as belongs to it:
 *
 *   ST_KEY     a field name, up to '=' (text value) or LF (binary value);
 *              an LF before any name byte is the empty line ending an entry
 *   ST_TEXT    a text value, up to LF
 *   ST_SIZE    the 8 bytes of a binary value's little-endian length
 *   ST_BIN     that many bytes
 *   ST_BIN_END the LF after them
 *   ST_RESYNC  after a garbage length: bytes dropped up to an empty line
 *
 * Nothing grows with the input: only the fields journal.h knows are kept
 * (MESSAGE up to OOM_MAX_LINE bytes, the others up to 255), the rest are
 * skipped as they stream past, and a length is never allocated: it only
 * counts bytes down.  Every LF byte is counted, binary values included, so
 * an entry's line number is the one an editor shows for its first field.
 */
#include "oomscope/journal_export.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "oomscope/input.h"
#include "oomscope/scan.h"

#include "lex.h"
#include "banned.h"

/* A length above this is garbage, not a journal field (journald's own
 * limit on a field is far below it). */
#define MAX_FIELD UINT32_MAX

enum { ST_KEY, ST_TEXT, ST_SIZE, ST_BIN, ST_BIN_END, ST_RESYNC };

enum { F_NONE = -1, F_MESSAGE, F_HOSTNAME, F_REALTIME, F_MONOTONIC,
       F_TRANSPORT, F_IDENT };

static const char *const field_names[] = {
	"MESSAGE", "_HOSTNAME", "__REALTIME_TIMESTAMP",
	"_SOURCE_MONOTONIC_TIMESTAMP", "_TRANSPORT", "SYSLOG_IDENTIFIER",
};

static void new_entry(struct journal_export *jx)
{
	journal_rec_release(&jx->rec);
	memset(jx->seen, 0, sizeof(jx->seen));
	jx->in_entry = false;
}

void journal_export_init(struct journal_export *jx, journal_export_fn fn,
			 void *ctx)
{
	memset(jx, 0, sizeof(*jx));
	jx->fn = fn;
	jx->ctx = ctx;
	jx->state = ST_KEY;
	jx->sink = F_NONE;
	journal_rec_init(&jx->rec);
}

void journal_export_release(struct journal_export *jx)
{
	journal_rec_release(&jx->rec);
}

int journal_export_detect(const char *head, size_t len)
{
	size_t n = sizeof(JOURNAL_EXPORT_MAGIC) - 1;

	if (memcmp(head, JOURNAL_EXPORT_MAGIC, len < n ? len : n) != 0)
		return 0;
	return len >= n ? 1 : -1;
}

static void end_entry(struct journal_export *jx)
{
	if (!jx->in_entry)
		return;
	jx->stats.entries++;
	jx->fn(jx->ctx, &jx->rec, jx->entry_line);
	new_entry(jx);
}

/* The value's bytes go to the field's buffer, up to its cap. */
static void append(struct journal_export *jx, const char *p, size_t n)
{
	size_t cap, have;

	if (jx->sink == F_NONE || n == 0)
		return;
	cap = jx->sink == F_MESSAGE ? OOM_MAX_LINE : sizeof(jx->small) - 1;
	have = jx->sink == F_MESSAGE ? jx->rec.msg.len : jx->small_len;
	if (n > cap - have) {
		n = cap - have;
		if (!jx->cut)
			jx->stats.cut_values++;
		jx->cut = true;
	}
	if (jx->sink == F_MESSAGE) {
		strbuf_add(&jx->rec.msg, p, n);
		return;
	}
	memcpy(jx->small + jx->small_len, p, n);
	jx->small_len += n;
}

/* A decimal value of only digits (journald writes them so). */
static bool get_u64(const char *s, size_t len, uint64_t *out)
{
	const char *p = s;
	uint64_t v;

	if (lex_digits(&p, s + len, 19, &v) || p != s + len)
		return false;
	*out = v;
	return true;
}

/* The value is complete: store it in the record. */
static void commit(struct journal_export *jx)
{
	struct journal_rec *r = &jx->rec;
	size_t n = jx->small_len;

	if (jx->sink == F_NONE)
		return;
	jx->seen[jx->sink] = true;
	switch (jx->sink) {
	case F_MESSAGE:
		r->has_msg = true;
		break;
	case F_HOSTNAME:
		if (n == 0)
			break;
		memcpy(r->host, jx->small, n);
		r->host[n] = '\0';
		r->host_len = n;
		r->has_host = true;
		break;
	case F_REALTIME:
		r->has_realtime = get_u64(jx->small, n, &r->realtime_us);
		if (r->has_realtime)
			journal_rec_format_time(r);
		break;
	case F_MONOTONIC:
		r->has_monotonic = get_u64(jx->small, n, &r->monotonic_us);
		break;
	case F_TRANSPORT:
		r->is_kernel = n == 6 && !memcmp(jx->small, "kernel", 6);
		break;
	case F_IDENT:
		if (n >= sizeof(r->ident))
			n = sizeof(r->ident) - 1;
		memcpy(r->ident, jx->small, n);
		r->ident[n] = '\0';
		break;
	}
	jx->sink = F_NONE;
}

/* The name is complete: pick where the value goes (first value wins). */
static void begin_value(struct journal_export *jx, int state)
{
	size_t n = sizeof(field_names) / sizeof(field_names[0]);

	jx->sink = F_NONE;
	for (size_t i = 0; i < n; i++)
		if (strlen(field_names[i]) == jx->key_len &&
		    !memcmp(field_names[i], jx->key, jx->key_len) &&
		    !jx->seen[i])
			jx->sink = (int)i;
	jx->small_len = 0;
	jx->cut = false;
	jx->key_len = 0;
	jx->size_len = 0;
	jx->state = state;
}

static const char *st_key(struct journal_export *jx, const char *p,
			  const char *end)
{
	if (jx->key_len == 0 && *p == '\n') {
		end_entry(jx);
		return p + 1;
	}
	if (!jx->in_entry) {
		jx->in_entry = true;
		jx->entry_line = jx->lf + 1;
	}
	for (; p < end; p++) {
		if (*p == '=' || *p == '\n') {
			begin_value(jx, *p == '=' ? ST_TEXT : ST_SIZE);
			return p + 1;
		}
		/* a name as long as the buffer matches no known field */
		if (jx->key_len < sizeof(jx->key))
			jx->key[jx->key_len++] = *p;
	}
	return end;
}

static const char *st_text(struct journal_export *jx, const char *p,
			   const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	append(jx, p, (size_t)((nl ? nl : end) - p));
	if (!nl)
		return end;
	commit(jx);
	jx->state = ST_KEY;
	return nl + 1;
}

/* A garbage length: deliver what the entry has, then find the next one. */
static void garbage(struct journal_export *jx)
{
	jx->stats.bad++;
	jx->sink = F_NONE;
	end_entry(jx);
	jx->prev_lf = false;
	jx->state = ST_RESYNC;
}

static const char *st_size(struct journal_export *jx, const char *p,
			   const char *end)
{
	uint64_t v = 0;

	while (p < end && jx->size_len < 8)
		jx->size[jx->size_len++] = (unsigned char)*p++;
	if (jx->size_len < 8)
		return p;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | jx->size[i];
	if (v > MAX_FIELD) {
		garbage(jx);
		return p;
	}
	jx->left = v;
	jx->state = v ? ST_BIN : ST_BIN_END;
	return p;
}

static const char *st_bin(struct journal_export *jx, const char *p,
			  const char *end)
{
	size_t n = (size_t)(end - p);

	if (n > jx->left)
		n = (size_t)jx->left;
	append(jx, p, n);
	jx->left -= n;
	if (jx->left == 0)
		jx->state = ST_BIN_END;
	return p + n;
}

static const char *st_bin_end(struct journal_export *jx, const char *p)
{
	if (*p != '\n') {
		garbage(jx);  /* the length was wrong */
		return p;
	}
	commit(jx);
	jx->state = ST_KEY;
	return p + 1;
}

static const char *st_resync(struct journal_export *jx, const char *p,
			     const char *end)
{
	for (; p < end; p++) {
		if (*p == '\n' && jx->prev_lf) {
			jx->state = ST_KEY;
			return p + 1;
		}
		jx->prev_lf = *p == '\n';
	}
	return end;
}

static const char *step(struct journal_export *jx, const char *p,
			const char *end)
{
	switch (jx->state) {
	case ST_KEY:
		return st_key(jx, p, end);
	case ST_TEXT:
		return st_text(jx, p, end);
	case ST_SIZE:
		return st_size(jx, p, end);
	case ST_BIN:
		return st_bin(jx, p, end);
	case ST_BIN_END:
		return st_bin_end(jx, p);
	default:
		return st_resync(jx, p, end);
	}
}

void journal_export_feed(struct journal_export *jx, const char *buf,
			 size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *from = p;

		p = step(jx, p, end);
		jx->lf += scan_count_nl(from, (size_t)(p - from));
	}
}

void journal_export_finish(struct journal_export *jx)
{
	if (jx->in_entry) {
		if (jx->state == ST_TEXT || jx->state == ST_BIN ||
		    jx->state == ST_BIN_END)
			commit(jx);  /* a value cut by the end: keep its start */
		jx->stats.truncated_entries++;
		end_entry(jx);
	}
	new_entry(jx);
	jx->state = ST_KEY;
	jx->key_len = 0;
	jx->sink = F_NONE;
	jx->lf = 0;
}
