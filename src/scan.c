/*
 * Multi-needle search and newline counting, 16 bytes at a time with SSE2
 * (the x86_64 baseline), with a portable fallback elsewhere.
 *
 * The search is the "first, second and last byte" filter: for every
 * needle, the blocks at i and i + 1 are compared with its first two bytes
 * and the block at i + len - 1 with its last byte; a position where all
 * three match is verified with memcmp.  Needles are few and short, so one pass over the chunk
 * costs a handful of vector instructions per 16 bytes, far less than one
 * memmem() per line and needle.
 */
#include "oomscope/scan.h"

#include <stdbool.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "banned.h"

void scan_init(struct scan_set *set, const char *const *needles, size_t n)
{
	memset(set, 0, sizeof(*set));
	for (size_t i = 0; i < n && set->n < SCAN_MAX_NEEDLES; i++) {
		size_t len = strlen(needles[i]);

		if (len < 2)
			continue;
		set->needle[set->n] = needles[i];
		set->len[set->n++] = len;
		set->first[(unsigned char)needles[i][0]] = 1;
	}
}

static int match_at(const struct scan_set *set, const char *p, size_t left)
{
	for (size_t k = 0; k < set->n; k++)
		if (set->len[k] <= left && p[0] == set->needle[k][0] &&
		    !memcmp(p, set->needle[k], set->len[k]))
			return 1;
	return 0;
}

static size_t find_tail(const struct scan_set *set, const char *p, size_t i,
			size_t n)
{
	for (; i < n; i++)
		if (set->first[(unsigned char)p[i]] &&
		    match_at(set, p + i, n - i))
			return i;
	return n;
}

#if defined(__SSE2__)

static size_t max_len(const struct scan_set *set)
{
	size_t m = 0;

	for (size_t k = 0; k < set->n; k++)
		if (set->len[k] > m)
			m = set->len[k];
	return m;
}

static size_t find_sse2(const struct scan_set *set, const char *p, size_t n)
{
	__m128i first[SCAN_MAX_NEEDLES], second[SCAN_MAX_NEEDLES];
	__m128i last[SCAN_MAX_NEEDLES];
	size_t span = max_len(set) + 15, i = 0;

	for (size_t k = 0; k < set->n; k++) {
		first[k] = _mm_set1_epi8(set->needle[k][0]);
		second[k] = _mm_set1_epi8(set->needle[k][1]);
		last[k] = _mm_set1_epi8(set->needle[k][set->len[k] - 1]);
	}
	for (; n >= span && i <= n - span; i += 16) {
		unsigned mask = 0;

		__m128i a = _mm_loadu_si128((const void *)(p + i));
		__m128i a1 = _mm_loadu_si128((const void *)(p + i + 1));

		for (size_t k = 0; k < set->n; k++) {
			__m128i b = _mm_loadu_si128(
				(const void *)(p + i + set->len[k] - 1));
			__m128i m = _mm_and_si128(_mm_cmpeq_epi8(a, first[k]),
						  _mm_cmpeq_epi8(a1, second[k]));

			mask |= (unsigned)_mm_movemask_epi8(
				_mm_and_si128(m, _mm_cmpeq_epi8(b, last[k])));
		}
		for (; mask; mask &= mask - 1) {
			unsigned bit = (unsigned)__builtin_ctz(mask);

			if (match_at(set, p + i + bit, n - i - bit))
				return i + bit;
		}
	}
	return find_tail(set, p, i, n);
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static size_t find_avx2(const struct scan_set *set, const char *p, size_t n)
{
	__m256i first[SCAN_MAX_NEEDLES], second[SCAN_MAX_NEEDLES];
	__m256i last[SCAN_MAX_NEEDLES];
	size_t span = max_len(set) + 31, i = 0;

	for (size_t k = 0; k < set->n; k++) {
		first[k] = _mm256_set1_epi8(set->needle[k][0]);
		second[k] = _mm256_set1_epi8(set->needle[k][1]);
		last[k] = _mm256_set1_epi8(set->needle[k][set->len[k] - 1]);
	}
	for (; n >= span && i <= n - span; i += 32) {
		unsigned mask = 0;

		__m256i a = _mm256_loadu_si256((const void *)(p + i));
		__m256i a1 = _mm256_loadu_si256((const void *)(p + i + 1));

		for (size_t k = 0; k < set->n; k++) {
			__m256i b = _mm256_loadu_si256(
				(const void *)(p + i + set->len[k] - 1));
			__m256i m = _mm256_and_si256(
				_mm256_cmpeq_epi8(a, first[k]),
				_mm256_cmpeq_epi8(a1, second[k]));

			mask |= (unsigned)_mm256_movemask_epi8(_mm256_and_si256(
				m, _mm256_cmpeq_epi8(b, last[k])));
		}
		for (; mask; mask &= mask - 1) {
			unsigned bit = (unsigned)__builtin_ctz(mask);

			if (match_at(set, p + i + bit, n - i - bit))
				return i + bit;
		}
	}
	return i + find_sse2(set, p + i, n - i);
}

static bool have_avx2(void)
{
	return __builtin_cpu_supports("avx2");
}
#else
static size_t find_avx2(const struct scan_set *set, const char *p, size_t n)
{
	return find_sse2(set, p, n);
}

static bool have_avx2(void)
{
	return false;
}
#endif

size_t scan_find(const struct scan_set *set, const char *p, size_t n)
{
	if (!set->n)
		return n;
	return have_avx2() ? find_avx2(set, p, n) : find_sse2(set, p, n);
}

/*
 * Newlines are counted per byte lane (cmpeq gives -1, subtracted) for up
 * to 255 blocks, then summed with SAD: no popcount instruction needed.
 */
uint64_t scan_count_nl(const char *p, size_t n)
{
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	uint64_t count = 0;
	size_t i = 0;

	while (i + 16 <= n) {
		__m128i acc = zero, sad;
		size_t blocks = (n - i) / 16;

		if (blocks > 255)
			blocks = 255;
		for (size_t b = 0; b < blocks; b++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
				_mm_loadu_si128((const void *)(p + i)), nl));
		sad = _mm_sad_epu8(acc, zero);
		count += (uint64_t)_mm_cvtsi128_si64(sad) +
			 (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sad, sad));
	}
	for (; i < n; i++)
		count += p[i] == '\n';
	return count;
}

#else

size_t scan_find(const struct scan_set *set, const char *p, size_t n)
{
	return find_tail(set, p, 0, n);
}

uint64_t scan_count_nl(const char *p, size_t n)
{
	uint64_t count = 0;
	const char *q = p, *end = p + n;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL)
		count++, q++;
	return count;
}

#endif
