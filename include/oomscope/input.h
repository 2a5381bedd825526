#ifndef OOMSCOPE_INPUT_H
#define OOMSCOPE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Stage 1: bytes -> lines.
 *
 * input_feed() accepts any chunking of the byte stream (a line may be split
 * anywhere, including between CR and LF); every complete line is handed to
 * the callback with its input name and 1-based line number.  Line ends are
 * LF, CRLF or a lone CR.  NUL bytes inside a line are replaced by a space and
 * counted.  A line longer than OOM_MAX_LINE bytes is cut to OOM_MAX_LINE
 * (flag `truncated`) and the rest of it skipped and counted: memory never
 * grows with the input.
 *
 * The line text is NOT NUL-terminated: use len.  A complete line that lies
 * inside the caller's chunk is handed over as a pointer into that chunk (no
 * copy); only lines split across chunks, or holding NUL bytes, are copied
 * into the line buffer first.
 */

#define OOM_MAX_LINE (64 * 1024)

struct input_line {
	const char *text; /* borrowed until the callback returns; NOT
			     NUL-terminated (may point into the fed chunk) */
	size_t len;       /* without the line end */
	const char *name; /* input name, lives as long as struct input */
	uint64_t lineno;  /* 1-based */
	bool truncated;   /* cut at OOM_MAX_LINE */
};

/*
 * input_open: `path` opened read-only and close-on-exec with `flags` added
 * ("-" is standard input, descriptor 0, which input_close leaves open), and
 * *st filled.  Returns the descriptor, or -1 with errno set (EISDIR for a
 * directory) and nothing left open.
 */
struct stat;
int input_open(const char *path, int flags, struct stat *st);
void input_close(const char *path, int fd);

/* Called once per line; a non-zero return stops input_feed (returned). */
typedef int (*input_line_fn)(void *ctx, const struct input_line *line);
/* Raw bytes instead of lines (input_set_raw); buf NULL, len 0 at the end. */
typedef int (*input_raw_fn)(void *ctx, const char *buf, size_t len);
struct input;
/* Shown the first bytes (input_set_sniff); true once it has decided. */
typedef bool (*input_sniff_fn)(void *ctx, struct input *in, const char *head,
			       size_t len);

#define INPUT_SNIFF_MAX 16

struct input_stats {
	uint64_t lines;         /* lines handed to the callback */
	uint64_t bytes;         /* bytes fed (after decompression) */
	uint64_t long_lines;    /* lines cut at OOM_MAX_LINE */
	uint64_t nul_bytes;     /* NUL bytes replaced by spaces */
	uint64_t cr_only_ends;  /* lines ended by a lone CR */
};

struct input {
	const char *name;
	input_line_fn fn;
	void *ctx;
	char *buf;         /* the line being assembled, OOM_MAX_LINE + 1 bytes */
	size_t len;
	bool skipping;     /* past OOM_MAX_LINE: drop bytes until the line end */
	bool pending_cr;   /* last byte seen was CR: a following LF is eaten */
	uint64_t lineno;   /* line ends seen so far */
	int stopped;       /* the callback's non-zero return, sticky */
	struct input_stats stats;
	const struct scan_set *skip;  /* see input_set_skip() */
	bool (*skip_idle)(void *ctx);
	input_sniff_fn sniff;  /* see input_set_sniff(); NULL once decided */
	input_raw_fn raw;      /* see input_set_raw() */
	bool reader_thread;    /* see input_set_reader_thread() */
};

/* input_init: `name` is borrowed and must outlive `in`. */
void input_init(struct input *in, const char *name, input_line_fn fn,
		void *ctx);
void input_release(struct input *in);

struct scan_set;
/*
 * input_set_skip: the fast path.  Whenever idle(ctx) is true, whole lines
 * inside a chunk that contain none of the needles in `set` are not
 * delivered, only counted (line numbers stay exact; stats.lines counts
 * them, the NUL and long-line counters do not).  Lines ended by a lone CR
 * are never skipped.  `set` is borrowed.
 */
void input_set_skip(struct input *in, const struct scan_set *set,
		    bool (*idle)(void *ctx));
/*
 * input_set_sniff: the form of the input may be decided from its first
 * bytes, after decompression (see input_read_fd).  Until sniff() returns
 * true, fed bytes are held back (at most INPUT_SNIFF_MAX of them) and
 * sniff(ctx, in, head, len) is called with all of them after every feed;
 * it is called one last time, whatever it returns, when INPUT_SNIFF_MAX
 * bytes are held or at input_finish.  It may call input_set_raw(); the
 * held bytes then go, with the rest, to the raw callback or the framer.
 */
void input_set_sniff(struct input *in, input_sniff_fn sniff);
/*
 * input_set_raw: from now on input_feed hands the bytes, in the chunks it
 * is given, to raw(ctx, buf, len) (ctx is input_init's) instead of framing
 * lines: for formats whose records are not lines (journalctl -o export
 * holds length-prefixed binary fields).  input_finish calls raw(ctx, NULL,
 * 0) once.  A non-zero return stops the input as the line callback's does.
 * Line numbers and the line counters stay 0; stats.bytes still counts.
 */
void input_set_raw(struct input *in, input_raw_fn raw);
/*
 * input_feed: buf is only read during the call.  Returns 0, or the callback's
 * non-zero value; the rest of buf is then dropped, and from then on every
 * input_feed/input_finish returns that value again without doing anything.
 */
int input_feed(struct input *in, const char *buf, size_t len);
/* Flushes a last line without a line end (not an empty one).  Returns as
 * input_feed. */
int input_finish(struct input *in);

/*
 * input_set_reader_thread: input_read_fd reads and decompresses in a
 * second thread while this one frames and parses; the callbacks still run
 * in the calling thread, in the same order, with the same line numbers,
 * and the read's messages are printed from the calling thread after the
 * lines read before them.  Memory: three chunks more.  Worth it for large
 * files and compressed input on a machine with more than one core.
 */
void input_set_reader_thread(struct input *in, bool on);
/*
 * input_read_fd: reads fd to its end through input_feed/input_finish,
 * decompressing gzip, xz and zstd streams detected by their magic bytes
 * (concatenated members/streams/frames included), converting UTF-16 text
 * with a byte-order mark to UTF-8 and dropping a UTF-8 byte-order mark.
 * Anything else is plain text.  Memory is bounded: fixed-size buffers only.
 * Returns 0, 1 when the callback stopped the read, or -1 after printing a
 * message naming the input (read error, corrupt or truncated compressed
 * data); the lines decoded before the error, including a last unterminated
 * one, have been delivered.  fd is not closed.
 */
int input_read_fd(struct input *in, int fd);

#endif
