/*
 * Kernel release strings.  The era tables that depend on the version (gfp
 * flag layouts in gfp.c, task-table columns and cgroup counters in sm.c,
 * badness formulas and watermark rules in the analysis) all ask here, so
 * one release is one version everywhere.  Vendor kernels keep the base
 * release they were cut from in MAJ.MIN.PATCH and mark the backports in
 * the suffix; only RHEL's ".elN" is read, because RHEL 6 and 7 backported
 * enough of the OOM killer to change what their reports mean.
 */
#include "kver.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lex.h"
#include "banned.h"

static bool is_alnum(char c)
{
	return lex_is_digit(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* ".el8", ".el8_4", ".el10": the first ".el" with a number after it. */
static int rhel_release(const char *s, const char *end)
{
	const char *p = s;
	uint64_t v;

	while ((p = memmem(p, (size_t)(end - p), ".el", 3)) != NULL) {
		p += 3;
		if (lex_digits(&p, end, 2, &v) == 0)
			return (int)v;
	}
	return 0;
}

int kver_parse(const char *s, struct kver *k)
{
	const char *p = s, *end, *q;
	uint64_t maj, min, patch = 0;

	if (s == NULL)
		return -1;
	end = s + strlen(s);
	if (lex_digits(&p, end, 2, &maj) || lex_ch(&p, end, '.') ||
	    lex_digits(&p, end, 2, &min))
		return -1;
	q = p;
	if (lex_ch(&q, end, '.') == 0 && lex_digits(&q, end, 5, &patch) == 0)
		p = q;
	if (p < end && is_alnum(*p))
		return -1;
	k->maj = (int)maj;
	k->min = (int)min;
	k->patch = (int)patch;
	k->el = rhel_release(p, end);
	return 0;
}

int kver_code(const struct kver *k)
{
	return KVER(k->maj, k->min, k->patch > 99 ? 99 : k->patch);
}

int kver_cmp(const struct kver *a, const struct kver *b)
{
	if (a->maj != b->maj)
		return a->maj < b->maj ? -1 : 1;
	if (a->min != b->min)
		return a->min < b->min ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}
