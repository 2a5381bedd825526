/*
 * Escaping of attacker-controlled bytes for the outputs.  All of them
 * walk the input as UTF-8 and treat every byte of an invalid sequence (bad
 * lead byte, missing continuation, overlong form, surrogate, > U+10FFFF)
 * on its own; they differ only in what they emit for it.
 */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "banned.h"

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c = p[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
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
	*cp = c;
	return len;
}

static void add_hex(struct strbuf *sb, unsigned char b)
{
	strbuf_addf(sb, "\\x%02x", b);
}

void escape_utf8(struct strbuf *sb, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_len(s + i, n - i, &cp);

		if (!len) {
			strbuf_add(sb, "\xef\xbf\xbd", 3);
			i++;
			continue;
		}
		strbuf_add(sb, s + i, len);
		i += len;
	}
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void escape_terminal(struct strbuf *sb, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_len(s + i, n - i, &cp);

		if (!len || is_control(cp)) {
			size_t k = len ? len : 1;

			for (size_t j = 0; j < k; j++)
				add_hex(sb, s[i + j]);
			i += k;
		} else if (cp == '\\') {
			strbuf_addstr(sb, "\\\\");
			i++;
		} else {
			strbuf_add(sb, s + i, len);
			i += len;
		}
	}
}

void escape_markdown(struct strbuf *sb, const char *p, size_t n)
{
	struct strbuf t = STRBUF_INIT;

	escape_terminal(&t, p, n);
	for (size_t i = 0; i < t.len; i++) {
		char c = t.buf[i];

		if (c == '<')
			strbuf_addstr(sb, "&lt;");
		else if (c == '>')
			strbuf_addstr(sb, "&gt;");
		else if (c == '&')
			strbuf_addstr(sb, "&amp;");
		else if (strchr("|`*_[]()#!~", c) && c)
			strbuf_addch(sb, '\\'), strbuf_addch(sb, c);
		else
			strbuf_addch(sb, c);
	}
	strbuf_release(&t);
}

void escape_prom(struct strbuf *sb, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_len(s + i, n - i, &cp);

		if (!len)
			strbuf_add(sb, "\xef\xbf\xbd", 3), len = 1;
		else if (cp == '\\' || cp == '"')
			strbuf_addch(sb, '\\'), strbuf_addch(sb, (int)cp);
		else if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else
			strbuf_add(sb, s + i, len);
		i += len;
	}
}
