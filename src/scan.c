/*
 * Multi-needle search and newline counting over whole chunks.
 *
 * The search used on x86_64 CPUs with SSSE3 (all since 2006) is a
 * fingerprint filter in the manner of Teddy (Hyperscan): each needle is put
 * in one of 8 buckets, one bit of a byte.  For each of the first `print`
 * bytes j of the needles, two 16-entry tables map the low and the high
 * nibble of a text byte to the buckets whose needles have a byte j with that
 * nibble.  PSHUFB looks both nibbles of 16 (AVX2: 32) text bytes up at once;
 * ANDing the results for the bytes at i, i + 1, i + 2 leaves, at each
 * position, the buckets whose needles may start there.  Only those are
 * verified with memcmp.  The cost per block is the same for 1 or 16
 * needles; the filter is exact per bucket up to the nibble cross products,
 * so false candidates are rare in log text.
 *
 * Without SSSE3 the older filter runs (the first, second and last byte of
 * every needle compared, 16 bytes at a time with SSE2, the x86_64
 * baseline); elsewhere a byte loop.
 */
#include "oomscope/scan.h"

#include <stdbool.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define HAVE_TEDDY 1
#endif

#include "banned.h"

/* Needles whose fingerprints are equal share a bucket; others take turns. */
static unsigned bucket_of(const struct scan_set *set, size_t k)
{
	for (size_t e = 0; e < k; e++)
		if (!memcmp(set->needle[e], set->needle[k], set->print))
			for (unsigned b = 0; b < SCAN_BUCKETS; b++)
				if (set->bucket[b] & (1u << e))
					return b;
	return (unsigned)(k % SCAN_BUCKETS);
}

static void build_tables(struct scan_set *set)
{
	set->print = set->min_len < SCAN_PRINT ? set->min_len : SCAN_PRINT;
	for (size_t k = 0; k < set->n; k++) {
		unsigned b = bucket_of(set, k);

		set->bucket[b] |= (uint16_t)(1u << k);
		for (size_t j = 0; j < set->print; j++) {
			unsigned char c = (unsigned char)set->needle[k][j];

			set->lo[j][c & 15] |= (uint8_t)(1u << b);
			set->hi[j][c >> 4] |= (uint8_t)(1u << b);
		}
	}
}

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
		if (!set->min_len || len < set->min_len)
			set->min_len = len;
	}
	build_tables(set);
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

#endif

#if defined(HAVE_TEDDY)

/*
 * The candidates of one block: `mask` has a bit per position whose byte in
 * `cand` names the buckets that may match there.  Returns the offset of
 * the first real match from p, or SIZE_MAX.
 */
static size_t verify(const struct scan_set *set, const char *p, size_t i,
		     size_t n, uint32_t mask, const uint8_t *cand)
{
	for (; mask; mask &= mask - 1) {
		unsigned bit = (unsigned)__builtin_ctz(mask);
		size_t at = i + bit, left;
		unsigned buckets = cand[bit];

		if (at >= n)
			break;      /* the padding of a short text */
		left = n - at;

		for (; buckets; buckets &= buckets - 1) {
			unsigned need = set->bucket[__builtin_ctz(buckets)];

			for (; need; need &= need - 1) {
				unsigned k = (unsigned)__builtin_ctz(need);

				if (set->len[k] <= left &&
				    !memcmp(p + at, set->needle[k], set->len[k]))
					return at;
			}
		}
	}
	return SIZE_MAX;
}

/*
 * A block at i reads the bytes i .. i + 15 + print - 1 and gives the
 * candidates at i .. i + 15.  No needle starts after n - print (it would
 * not fit), so the blocks cover the text when the last one starts at
 * n - 15 - print: it overlaps the one before, whose positions held no
 * match, and verify() finds none there again.  A text shorter than one
 * block is copied into a padded one; verify() checks the needles against
 * the true end.
 */
__attribute__((target("ssse3")))
static size_t find_teddy_ssse3(const struct scan_set *set, const char *p,
			       size_t n)
{
	const __m128i low4 = _mm_set1_epi8(0x0f), zero = _mm_setzero_si128();
	__m128i lo[SCAN_PRINT], hi[SCAN_PRINT];
	size_t np = set->print, i = 0, last;
	uint8_t cand[16];
	char pad[16 + SCAN_PRINT];
	const char *t = p;

	for (size_t j = 0; j < np; j++) {
		lo[j] = _mm_loadu_si128((const void *)set->lo[j]);
		hi[j] = _mm_loadu_si128((const void *)set->hi[j]);
	}
	if (n < 15 + np) {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, p, n);
		t = pad;
		last = 0;
	} else {
		last = n - 15 - np;
	}
	for (;;) {
		__m128i acc = _mm_set1_epi8(-1);
		uint32_t mask;
		size_t at;

		for (size_t j = 0; j < np; j++) {
			__m128i v = _mm_loadu_si128((const void *)(t + i + j));
			__m128i l = _mm_shuffle_epi8(lo[j], _mm_and_si128(v, low4));
			__m128i h = _mm_shuffle_epi8(hi[j], _mm_and_si128(
				_mm_srli_epi16(v, 4), low4));

			acc = _mm_and_si128(acc, _mm_and_si128(l, h));
		}
		mask = ~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(acc, zero)) &
		       0xffffu;
		if (mask) {
			_mm_storeu_si128((void *)cand, acc);
			if ((at = verify(set, p, i, n, mask, cand)) != SIZE_MAX)
				return at;
		}
		if (i == last)
			return n;
		i = i + 16 < last ? i + 16 : last;
	}
}

__attribute__((target("avx2")))
static size_t find_teddy_avx2(const struct scan_set *set, const char *p,
			      size_t n)
{
	const __m256i low4 = _mm256_set1_epi8(0x0f);
	const __m256i zero = _mm256_setzero_si256();
	__m256i lo[SCAN_PRINT], hi[SCAN_PRINT];
	size_t np = set->print, i = 0;
	uint8_t cand[32];

	for (size_t j = 0; j < np; j++) {
		/* VPSHUFB looks up within each 128-bit lane: both get a copy */
		lo[j] = _mm256_broadcastsi128_si256(
			_mm_loadu_si128((const void *)set->lo[j]));
		hi[j] = _mm256_broadcastsi128_si256(
			_mm_loadu_si128((const void *)set->hi[j]));
	}
	if (n < 31 + np)
		return find_teddy_ssse3(set, p, n);
	for (size_t last = n - 31 - np;; i = i + 32 < last ? i + 32 : last) {
		__m256i acc = _mm256_set1_epi8(-1);
		uint32_t mask;
		size_t at;

		for (size_t j = 0; j < np; j++) {
			__m256i v = _mm256_loadu_si256(
				(const void *)(p + i + j));
			__m256i l = _mm256_shuffle_epi8(
				lo[j], _mm256_and_si256(v, low4));
			__m256i h = _mm256_shuffle_epi8(hi[j], _mm256_and_si256(
				_mm256_srli_epi16(v, 4), low4));

			acc = _mm256_and_si256(acc, _mm256_and_si256(l, h));
		}
		mask = ~(uint32_t)_mm256_movemask_epi8(
			_mm256_cmpeq_epi8(acc, zero));
		if (mask) {
			_mm256_storeu_si256((void *)cand, acc);
			at = verify(set, p, i, n, mask, cand);
			if (at != SIZE_MAX)
				return at;
		}
		if (i == last)
			return n;
	}
}

#endif

bool scan_supported(enum scan_impl impl)
{
	switch (impl) {
	case SCAN_BYTES:
		return true;
	case SCAN_SSE2:
#if defined(__SSE2__)
		return true;
#else
		return false;
#endif
	case SCAN_TEDDY_SSSE3:
#if defined(HAVE_TEDDY)
		return __builtin_cpu_supports("ssse3");
#else
		return false;
#endif
	case SCAN_TEDDY_AVX2:
#if defined(HAVE_TEDDY)
		return __builtin_cpu_supports("avx2");
#else
		return false;
#endif
	case SCAN_IMPLS:
		break;
	}
	return false;
}

enum scan_impl scan_best(void)
{
	static int best = -1;

	if (best < 0) {
		best = SCAN_BYTES;
		for (int i = SCAN_BYTES; i < SCAN_IMPLS; i++)
			if (scan_supported((enum scan_impl)i))
				best = i;
	}
	return (enum scan_impl)best;
}

const char *scan_impl_name(enum scan_impl impl)
{
	static const char *const names[SCAN_IMPLS] = {
		[SCAN_BYTES] = "bytes", [SCAN_SSE2] = "sse2",
		[SCAN_TEDDY_SSSE3] = "teddy-ssse3",
		[SCAN_TEDDY_AVX2] = "teddy-avx2",
	};

	return impl < SCAN_IMPLS ? names[impl] : "?";
}

size_t scan_find_with(const struct scan_set *set, const char *p, size_t n,
		      enum scan_impl impl)
{
	if (!set->n)
		return n;
	if (!scan_supported(impl))
		impl = SCAN_BYTES;
	switch (impl) {
#if defined(__SSE2__)
	case SCAN_SSE2:
		return find_sse2(set, p, n);
#endif
#if defined(HAVE_TEDDY)
	case SCAN_TEDDY_SSSE3:
		return find_teddy_ssse3(set, p, n);
	case SCAN_TEDDY_AVX2:
		return find_teddy_avx2(set, p, n);
#endif
	default:
		return find_tail(set, p, 0, n);
	}
}

size_t scan_find(const struct scan_set *set, const char *p, size_t n)
{
	return scan_find_with(set, p, n, scan_best());
}

#if defined(__SSE2__)

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

uint64_t scan_count_nl(const char *p, size_t n)
{
	uint64_t count = 0;
	const char *q = p, *end = p + n;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL)
		count++, q++;
	return count;
}

#endif
