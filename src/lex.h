#ifndef OOMSCOPE_LEX_H
#define OOMSCOPE_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Pointer-advancing lexing of log text (curl's strparse idea).  Every
 * reader takes the cursor *pp and the end of the text; it returns 0 and
 * moves *pp past what it read, or -1 and leaves *pp where it was, so steps
 * chain with ||:
 *
 *	if (lex_lit(&p, end, "Adding ") || lex_num(&p, end, &kb))
 *		return -1;
 *
 * Nothing reads at or past end, and no text needs a NUL.  The readers are
 * inline because the prefix and task-row parsers call them on every line
 * of multi-gigabyte logs.
 */

static inline bool lex_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The value of hex digit c, either case; -1 when c is none. */
static inline int lex_hex_value(char c)
{
	if (lex_is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The one byte c. */
static inline int lex_ch(const char **pp, const char *end, char c)
{
	if (*pp >= end || **pp != c)
		return -1;
	(*pp)++;
	return 0;
}

/* The bytes of s, all of them. */
static inline int lex_lit(const char **pp, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *pp) < n || memcmp(*pp, s, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

/* Zero or more bytes c; never fails. */
static inline void lex_skip(const char **pp, const char *end, char c)
{
	while (*pp < end && **pp == c)
		(*pp)++;
}

/* Zero or more blanks (space and tab); never fails. */
static inline void lex_skip_blanks(const char **pp, const char *end)
{
	while (*pp < end && (**pp == ' ' || **pp == '\t'))
		(*pp)++;
}

/*
 * 1 to max digits (max <= 19, so no overflow); a longer run of digits is
 * a failure, not a number cut short.
 */
static inline int lex_digits(const char **pp, const char *end, int max,
			     uint64_t *v)
{
	const char *p = *pp;
	uint64_t n = 0;

	while (p < end && lex_is_digit(*p) && p - *pp < max)
		n = n * 10 + (uint64_t)(*p++ - '0');
	if (p == *pp || (p < end && lex_is_digit(*p)))
		return -1;
	*v = n;
	*pp = p;
	return 0;
}

/* Exactly n digits (n <= 9); what follows them is not looked at. */
static inline int lex_fixed(const char **pp, const char *end, int n, int *v)
{
	const char *p = *pp;
	int x = 0;

	if (end - p < n)
		return -1;
	for (; n > 0; n--, p++) {
		if (!lex_is_digit(*p))
			return -1;
		x = x * 10 + (*p - '0');
	}
	*v = x;
	*pp = p;
	return 0;
}

/* [0-9]+ as an int64_t; a number above INT64_MAX is a failure. */
static inline int lex_num(const char **pp, const char *end, int64_t *v)
{
	const char *p = *pp;
	int64_t n = 0;

	if (p >= end || !lex_is_digit(*p))
		return -1;
	for (; p < end && lex_is_digit(*p); p++) {
		if (n > (INT64_MAX - (*p - '0')) / 10)
			return -1;
		n = n * 10 + (*p - '0');
	}
	*v = n;
	*pp = p;
	return 0;
}

/* -?[0-9]+, the kernel's %ld and %d. */
static inline int lex_snum(const char **pp, const char *end, int64_t *v)
{
	const char *p = *pp;
	bool neg = p < end && *p == '-';

	p += neg;
	if (lex_num(&p, end, v))
		return -1;
	if (neg)
		*v = -*v;
	*pp = p;
	return 0;
}

/* 1 to max hex digits (max <= 16), either case; a longer run is a failure. */
int lex_hex(const char **pp, const char *end, int max, uint64_t *v);

/*
 * Copies (src, len) into dst[cap] (cap >= 1), always NUL-terminated, cut at
 * cap - 1 bytes.  Returns true when the text was cut.
 */
bool lex_copy(char *dst, size_t cap, const char *src, size_t len);
/* lex_copy for a string. */
bool lex_copy_str(char *dst, size_t cap, const char *src);
/* lex_copy, but a cut never splits a UTF-8 sequence. */
bool lex_copy_utf8(char *dst, size_t cap, const char *src, size_t len);

#endif
