/*
 * Output oracles for the fuzz targets (see fuzz_check.h).  UTF-8 validity
 * is checked here rather than trusted to cJSON, which passes any byte
 * through.  A failure prints what broke and aborts.
 */
#include "fuzz_check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "banned.h"

static void fail(const char *what, const char *buf, size_t len, size_t at)
{
	size_t from = at > 60 ? at - 60 : 0;
	size_t n = len - from < 120 ? len - from : 120;

	fprintf(stderr, "fuzz_check: %s at byte %zu: ", what, at);
	fwrite(buf + from, 1, n, stderr);
	fputc('\n', stderr);
	abort();
}

/* Length of the valid UTF-8 sequence at p, 0 when invalid (RFC 3629). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t c = p[0], min;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

static void check_utf8(const char *buf, size_t len, bool controls)
{
	const unsigned char *p = (const unsigned char *)buf;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(p + i, len - i);

		if (!n)
			fail("invalid UTF-8", buf, len, i);
		if (controls && n == 1 && p[i] != '\n' &&
		    (p[i] < 0x20 || p[i] == 0x7f))
			fail("raw control byte", buf, len, i);
		/* C1 controls U+0080-U+009F: 0xc2 0x80-0x9f */
		if (controls && n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			fail("raw C1 control", buf, len, i);
		i += n;
	}
}

static void parse(const char *buf, size_t len)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(buf, len, &end, false);

	if (!j)
		fail("JSON does not parse", buf, len,
		     end ? (size_t)(end - buf) : 0);
	cJSON_Delete(j);
	while (end < buf + len && strchr(" \t\r\n", *end) && *end)
		end++;
	if (end != buf + len)
		fail("garbage after the JSON", buf, len, (size_t)(end - buf));
}

void fuzz_check_json(const char *buf, size_t len)
{
	check_utf8(buf, len, false);
	parse(buf, len);
}

void fuzz_check_ndjson(const char *buf, size_t len)
{
	check_utf8(buf, len, false);
	while (len) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) : len;

		if (!nl)
			fail("NDJSON line without LF", buf, len, 0);
		parse(buf, n);
		buf += n + 1;
		len -= n + 1;
	}
}

void fuzz_check_no_controls(const char *buf, size_t len)
{
	check_utf8(buf, len, true);
}
