/*
 * The out-of-line half of the lexing helpers: hex numbers (GFP masks, a
 * few per report), and bounded copies of log text into the fixed fields
 * of events, rows and keys.  A field is always a
 * string afterwards, whatever the length of the text; whether a cut is
 * counted (sm.c's truncated_fields) or kept on a UTF-8 boundary (names
 * shown to a reader) is the caller's choice, by the return value and by
 * the variant it calls.
 */
#include "lex.h"

#include "banned.h"

int lex_hex(const char **pp, const char *end, int max, uint64_t *v)
{
	const char *p = *pp;
	uint64_t n = 0;
	int d;

	while (p < end && (d = lex_hex_value(*p)) >= 0 && p - *pp < max) {
		n = n << 4 | (uint64_t)d;
		p++;
	}
	if (p == *pp || (p < end && lex_hex_value(*p) >= 0))
		return -1;
	*v = n;
	*pp = p;
	return 0;
}

bool lex_copy(char *dst, size_t cap, const char *src, size_t len)
{
	bool cut = len >= cap;

	if (cut)
		len = cap - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return cut;
}

bool lex_copy_str(char *dst, size_t cap, const char *src)
{
	return lex_copy(dst, cap, src, strlen(src));
}

bool lex_copy_utf8(char *dst, size_t cap, const char *src, size_t len)
{
	bool cut = len >= cap;

	if (cut) {
		len = cap - 1;
		/* back to the lead byte of a sequence the cut would split */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return cut;
}
