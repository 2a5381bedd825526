/*
 * Journal JSON records -> the kernel message and its metadata.
 *
 * Each line is parsed on its own with cJSON (the one place besides
 * report_json.c that uses it: a record is small, at most OOM_MAX_LINE
 * bytes, and parsed then freed at once).  The cheap substring test
 * journal_maybe_kernel() runs first, so the user-space records that make up
 * most of a journal cost a memmem, not a parse.  Key order is not fixed
 * (journalctl prints the fields as stored), so fields are looked up by
 * name.  What is ignored: every other field, and records whose _TRANSPORT
 * is not "kernel" (the caller counts them).
 */
#include "oomscope/journal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "banned.h"

void journal_rec_init(struct journal_rec *r)
{
	memset(r, 0, sizeof(*r));
	strbuf_init(&r->msg, 0);
}

void journal_rec_release(struct journal_rec *r)
{
	strbuf_release(&r->msg);
	journal_rec_init(r);
}

static const char *skip_blanks(const char *s, const char *end)
{
	/* json-seq (RFC 7464) starts each record with RS (0x1e) */
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\x1e'))
		s++;
	return s;
}

bool journal_detect(const char *s, size_t len)
{
	const char *end = s + len;

	s = skip_blanks(s, end);
	return s < end && *s == '{' &&
	       memmem(s, (size_t)(end - s), "\"MESSAGE\"", 9) != NULL;
}

bool journal_maybe_kernel(const char *s, size_t len)
{
	return (memmem(s, len, "\"_TRANSPORT\"", 12) != NULL &&
		memmem(s, len, "\"kernel\"", 8) != NULL) ||
	       memmem(s, len, "\"systemd", 8) != NULL ||
	       memmem(s, len, "\"earlyoom\"", 10) != NULL;
}

/* A repeated field is an array of values: the first one stands for it. */
static const cJSON *first_value(const cJSON *v)
{
	if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
		const cJSON *x = cJSON_GetArrayItem(v, 0);

		if (cJSON_IsString(x) || cJSON_IsArray(x))
			return x;
	}
	return v;
}

/* A field as text: a string, or a number journalctl would print as one. */
static const char *text_of(const cJSON *o, const char *key, char *buf,
			   size_t cap)
{
	const cJSON *v = first_value(cJSON_GetObjectItemCaseSensitive(o, key));

	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e18) {
		snprintf(buf, cap, "%.0f", v->valuedouble);
		return buf;
	}
	return NULL;
}

static bool get_u64(const cJSON *o, const char *key, uint64_t *out)
{
	char buf[32], *end;
	const char *t = text_of(o, key, buf, sizeof(buf));
	unsigned long long v;

	if (!t || !isdigit((unsigned char)*t))
		return false;
	v = strtoull(t, &end, 10);
	if (*end || v > (unsigned long long)INT64_MAX)
		return false;
	*out = v;
	return true;
}

/* MESSAGE: a string, or an array of byte values (not printable UTF-8). */
static void get_message(struct journal_rec *r, const cJSON *o)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "MESSAGE");
	const cJSON *b;

	if (cJSON_IsArray(v) && cJSON_IsArray(cJSON_GetArrayItem(v, 0)))
		v = cJSON_GetArrayItem(v, 0);  /* repeated binary field */
	else
		v = first_value(v);
	if (cJSON_IsString(v)) {
		strbuf_addstr(&r->msg, v->valuestring);
		r->has_msg = true;
		return;
	}
	if (!cJSON_IsArray(v))
		return;  /* absent, or null: journalctl's size limit */
	cJSON_ArrayForEach(b, v) {
		if (!cJSON_IsNumber(b) || b->valuedouble < 0 ||
		    b->valuedouble > 255)
			continue;
		strbuf_addch(&r->msg, (int)b->valuedouble);
	}
	r->has_msg = true;
}

void journal_rec_format_time(struct journal_rec *r)
{
	time_t t = (time_t)(r->realtime_us / 1000000);
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return;
	snprintf(r->time_text, sizeof(r->time_text),
		 "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (unsigned)(r->realtime_us % 1000000));
}

static void get_meta(struct journal_rec *r, const cJSON *o)
{
	char tbuf[32], hbuf[32], ibuf[32];
	const char *t = text_of(o, "_TRANSPORT", tbuf, sizeof(tbuf));
	const char *h = text_of(o, "_HOSTNAME", hbuf, sizeof(hbuf));
	const char *id = text_of(o, "SYSLOG_IDENTIFIER", ibuf, sizeof(ibuf));
	size_t idn = id ? strlen(id) : 0;

	r->is_kernel = t && !strcmp(t, "kernel");
	if (idn >= sizeof(r->ident))
		idn = sizeof(r->ident) - 1;
	memcpy(r->ident, id ? id : "", idn);
	r->ident[idn] = '\0';
	if (h && h[0]) {
		size_t n = strlen(h);

		if (n >= sizeof(r->host))
			n = sizeof(r->host) - 1;
		memcpy(r->host, h, n);
		r->host[n] = '\0';
		r->host_len = n;
		r->has_host = true;
	}
	r->has_realtime = get_u64(o, "__REALTIME_TIMESTAMP", &r->realtime_us);
	r->has_monotonic = get_u64(o, "_SOURCE_MONOTONIC_TIMESTAMP",
				   &r->monotonic_us);
	if (r->has_realtime)
		journal_rec_format_time(r);
}

int journal_parse(struct journal_rec *r, const char *s, size_t len)
{
	const char *start = skip_blanks(s, s + len);
	cJSON *o;

	journal_rec_release(r);
	o = cJSON_ParseWithLength(start, len - (size_t)(start - s));
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return -1;
	}
	get_meta(r, o);
	get_message(r, o);
	cJSON_Delete(o);
	return 0;
}
