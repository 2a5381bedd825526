/*
 * libFuzzer target over stage 2 (prefix_parse) alone.  The input is cut at
 * LF into lines, and each line is copied into a heap block of exactly its
 * length (no NUL after it), so ASan catches a read one byte past the line.
 * One struct prefix sees all the lines in turn, as in a real file (the
 * remembered style and host carry over).
 *
 * Checked after every line: msg, tag and time_text lie inside the line;
 * host lies inside the line or, for a continuation, inside px->last_host;
 * the level is -1..7; a continuation follows a prefixed line.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/prefix.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool inside(const char *p, size_t n, const char *base, size_t len)
{
	if (!p)
		return n == 0;
	return p >= base && p <= base + len && n <= (size_t)(base + len - p);
}

static void check(const struct prefix *px, const struct log_line *ln,
		  const char *line, size_t len)
{
	if (!inside(ln->msg, ln->msg_len, line, len) || !ln->msg)
		abort();
	if (!inside(ln->tag, ln->tag_len, line, len))
		abort();
	if (!inside(ln->time_text, ln->time_text_len, line, len))
		abort();
	if (!inside(ln->host, ln->host_len, line, len) &&
	    !inside(ln->host, ln->host_len, px->last_host, px->last_host_len))
		abort();
	if (ln->level < -1 || ln->level > 7 || ln->style >= PREFIX_STYLE_COUNT)
		abort();
	if (px->last_host_len >= sizeof(px->last_host))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct prefix px;

	prefix_init(&px, 2026, (int64_t)size % 7 * 3600 - 10800);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char *line = malloc(len ? len : 1);
		struct log_line ln;

		if (!line)
			abort();
		memcpy(line, p, len);
		prefix_parse(&px, line, len, &ln);
		check(&px, &ln, line, len);
		free(line);
		p += len + 1;
	}
	return 0;
}
