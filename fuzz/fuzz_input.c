/*
 * libFuzzer target over stage 1 (bytes -> lines), differential: the input
 * is framed once in a single input_feed() call and once in random chunks
 * (sizes drawn from a generator seeded by the input's length and last
 * bytes, so any chunking can be reached, splits between CR and LF
 * included).  Both must give the same lines, line numbers, truncation
 * flags and counters; chunk-agnostic framing is input.h's promise.
 *
 * The same bytes also go through input_read_fd() on a memfd, which sniffs
 * gzip, xz, zstd and UTF-16 and decodes them: corrupt compressed data must
 * end with a message, never a crash or an unbounded buffer.  When the input
 * starts with none of those magics, read_fd must agree with the reference.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "oomscope/input.h"
#include "oomscope/strbuf.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every delivered line, serialised: "lineno truncated len\ntext\n". */
static int collect(void *ctx, const struct input_line *l)
{
	struct strbuf *sb = ctx;

	if (l->len > OOM_MAX_LINE || (l->truncated && l->len != OOM_MAX_LINE))
		abort();
	strbuf_addf(sb, "%llu %d %zu\n", (unsigned long long)l->lineno,
		    (int)l->truncated, l->len);
	strbuf_add(sb, l->text, l->len);
	strbuf_addch(sb, '\n');
	return 0;
}

static void frame(const char *buf, size_t len, uint32_t seed,
		  struct strbuf *out, struct input_stats *st)
{
	struct input in;

	input_init(&in, "fuzz", collect, out);
	while (len) {
		size_t n = len;

		if (seed) {
			seed = seed * 1103515245u + 12345u;
			n = (seed >> 16) % ((seed & 1) ? 4 : 300) + 1;
			if (n > len)
				n = len;
		}
		if (input_feed(&in, buf, n))
			abort();
		buf += n;
		len -= n;
	}
	if (input_finish(&in))
		abort();
	*st = in.stats;
	input_release(&in);
}

static bool has_magic(const uint8_t *d, size_t n)
{
	static const struct { const char *m; size_t n; } magics[] = {
		{ "\x1f\x8b", 2 }, { "\xfd" "7zXZ", 6 },
		{ "\x28\xb5\x2f\xfd", 4 }, { "\xff\xfe", 2 }, { "\xfe\xff", 2 },
		{ "\xef\xbb\xbf", 3 },
	};

	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (n >= magics[i].n && !memcmp(d, magics[i].m, magics[i].n))
			return true;
	return false;
}

static void read_memfd(const uint8_t *data, size_t size,
		       const struct strbuf *ref)
{
	struct strbuf got = STRBUF_INIT;
	struct input in;
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	int rc;

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	input_init(&in, "fuzz", collect, &got);
	rc = input_read_fd(&in, fd);
	if (rc != 0 && rc != -1)
		abort();
	if (!has_magic(data, size) &&
	    (rc != 0 || got.len != ref->len || memcmp(got.buf, ref->buf, got.len)))
		abort();
	input_release(&in);
	close(fd);
	strbuf_release(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf whole = STRBUF_INIT, parts = STRBUF_INIT;
	struct input_stats s1, s2;
	uint32_t seed = (uint32_t)size * 2654435761u | 1;

	if (size >= 2)
		seed ^= (uint32_t)data[size - 1] << 8 | data[size - 2];
	frame((const char *)data, size, 0, &whole, &s1);
	frame((const char *)data, size, seed | 1, &parts, &s2);
	if (whole.len != parts.len || memcmp(whole.buf, parts.buf, whole.len))
		abort();
	if (s1.lines != s2.lines || s1.bytes != s2.bytes ||
	    s1.long_lines != s2.long_lines || s1.nul_bytes != s2.nul_bytes ||
	    s1.cr_only_ends != s2.cr_only_ends)
		abort();
	read_memfd(data, size, &whole);
	strbuf_release(&whole);
	strbuf_release(&parts);
	return 0;
}
