/*
 * Stage 1: bytes -> lines.
 *
 * input_feed() frames any chunking of the byte stream into lines.  The fast
 * path never looks at bytes one by one: per chunk, the next LF, CR and NUL
 * are each found with memchr and the positions remembered, so every byte is
 * scanned once per character class however the lines are laid out (a file
 * of lone-CR ends does not rescan the chunk for an LF on every line).  A
 * line that lies whole inside the chunk is handed to the callback as a
 * pointer into the chunk: no copy, and no NUL terminator (the header says
 * so).  Only a line split across chunks, or one holding NUL bytes (replaced
 * by spaces), is assembled in the fixed OOM_MAX_LINE + 1 byte buffer.
 *
 * A CR ends a line at once; pending_cr remembers it so that an LF at the
 * start of the next chunk is eaten as the second half of a CRLF.  A line
 * longer than OOM_MAX_LINE keeps its first OOM_MAX_LINE bytes, is delivered
 * once at its line end with `truncated`, and the bytes past the cut are
 * dropped unseen (their NULs are not counted).
 *
 * input_set_sniff() lets the caller look at the first decoded bytes before
 * any line is framed (held in the still empty line buffer), and
 * input_set_raw() hands the bytes over unframed, for a format of
 * length-prefixed records (journalctl -o export).
 *
 * input_read_fd() sniffs the first bytes for gzip, xz, zstd or a UTF-16
 * byte-order mark and streams through fixed-size buffers; everything else
 * is text.
 */
#include "oomscope/input.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "oomscope/scan.h"
#include "oomscope/strbuf.h"
#include "msg.h"
#include "xalloc.h"

#include "banned.h"

#define CHUNK (256 * 1024)

/* Next LF, CR and NUL at or after the scan point; len when there is none. */
struct scan {
	const char *buf;
	size_t len;
	size_t lf;
	size_t cr;
	size_t nul;
};

static size_t find(const struct scan *s, size_t from, int c)
{
	const char *p = memchr(s->buf + from, c, s->len - from);

	return p ? (size_t)(p - s->buf) : s->len;
}

static size_t next(const struct scan *s, size_t *cached, size_t from, int c)
{
	if (*cached < from)
		*cached = find(s, from, c);
	return *cached;
}

void input_init(struct input *in, const char *name, input_line_fn fn,
		void *ctx)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	in->fn = fn;
	in->ctx = ctx;
	in->buf = xmalloc(OOM_MAX_LINE + 1);
}

void input_release(struct input *in)
{
	free(in->buf);
	in->buf = NULL;
	in->len = 0;
}

static void replace_nuls(struct input *in, char *p, size_t n)
{
	char *end = p + n;

	while ((p = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		*p++ = ' ';
		in->stats.nul_bytes++;
	}
}

/* Adds bytes to the line being assembled; past OOM_MAX_LINE they drop. */
static void append(struct input *in, const char *p, size_t n)
{
	size_t room = OOM_MAX_LINE - in->len;

	if (in->skipping)
		return;
	if (n > room) {
		n = room;
		in->skipping = true;
	}
	memcpy(in->buf + in->len, p, n);
	replace_nuls(in, in->buf + in->len, n);
	in->len += n;
}

static int deliver(struct input *in, const char *text, size_t len,
		   bool truncated)
{
	struct input_line line;

	line.text = text;
	line.len = len;
	line.name = in->name;
	line.lineno = ++in->lineno;
	line.truncated = truncated;
	in->stats.lines++;
	if (truncated)
		in->stats.long_lines++;
	return in->fn(in->ctx, &line);
}

/* Delivers the assembled line and empties the buffer. */
static int deliver_buffered(struct input *in)
{
	bool truncated = in->skipping;
	size_t len = in->len;

	in->len = 0;
	in->skipping = false;
	in->buf[len] = '\0';
	return deliver(in, in->buf, len, truncated);
}

/* The line s->buf[from, end) is complete: hand it over, zero-copy if we can. */
static int end_line(struct input *in, struct scan *s, size_t from, size_t end)
{
	size_t n = end - from;
	bool truncated = false;

	if (in->len > 0 || in->skipping) {
		append(in, s->buf + from, n);
		return deliver_buffered(in);
	}
	if (n > OOM_MAX_LINE) {
		n = OOM_MAX_LINE;
		truncated = true;
	}
	if (next(s, &s->nul, from, '\0') < from + n) {
		append(in, s->buf + from, n);
		in->skipping = truncated;
		return deliver_buffered(in);
	}
	return deliver(in, s->buf + from, n, truncated);
}

/* Steps over the line end at s->buf[at]; returns where the next line starts. */
static size_t eat_eol(struct input *in, const struct scan *s, size_t at)
{
	if (s->buf[at] == '\n')
		return at + 1;
	if (at + 1 == s->len) {
		in->pending_cr = true;
		return at + 1;
	}
	if (s->buf[at + 1] == '\n')
		return at + 2;
	in->stats.cr_only_ends++;
	return at + 1;
}

/* A CR ended the last chunk: an LF starting this one belongs to it. */
static size_t finish_cr(struct input *in, const char *buf, size_t len)
{
	if (!in->pending_cr || len == 0)
		return 0;
	in->pending_cr = false;
	if (buf[0] == '\n')
		return 1;
	in->stats.cr_only_ends++;
	return 0;
}

void input_set_skip(struct input *in, const struct scan_set *set,
		    bool (*idle)(void *ctx))
{
	in->skip = set;
	in->skip_idle = idle;
}

/*
 * Skips the whole lines from `from` that hold no needle: up to the line
 * of the first needle, never past a CR (a lone CR ends a line that a
 * newline count would miss).  Returns where normal framing resumes.
 */
static size_t skip_lines(struct input *in, struct scan *s, size_t from)
{
	size_t stop = next(s, &s->cr, from, '\r');
	size_t hit = from + scan_find(in->skip, s->buf + from, stop - from);
	const char *ls = memrchr(s->buf + from, '\n', hit - from);
	size_t upto;
	uint64_t n;

	if (!ls)
		return from;
	upto = (size_t)(ls - s->buf) + 1;
	n = scan_count_nl(s->buf + from, upto - from);
	in->lineno += n;
	in->stats.lines += n;
	return upto;
}

static bool may_skip(struct input *in)
{
	return in->skip && in->len == 0 && !in->skipping &&
	       in->skip_idle(in->ctx);
}

/* Frames the chunk into lines (the normal case). */
static int frame(struct input *in, const char *buf, size_t len)
{
	struct scan s = { buf, len, 0, 0, 0 };
	size_t i, end;
	int rc;

	i = finish_cr(in, buf, len);
	s.lf = find(&s, i, '\n');
	s.cr = find(&s, i, '\r');
	s.nul = find(&s, i, '\0');
	while (i < len) {
		if (may_skip(in) && (i = skip_lines(in, &s, i)) >= len)
			break;
		end = next(&s, &s.lf, i, '\n');
		if (next(&s, &s.cr, i, '\r') < end)
			end = s.cr;
		if (end == len) {
			append(in, buf + i, len - i);
			break;
		}
		rc = end_line(in, &s, i, end);
		i = eat_eol(in, &s, end);
		if (rc != 0)
			return in->stopped = rc;
	}
	return 0;
}

void input_set_sniff(struct input *in, input_sniff_fn sniff)
{
	in->sniff = sniff;
}

void input_set_raw(struct input *in, input_raw_fn raw)
{
	in->raw = raw;
}

/* Bytes past the sniffing go to the raw callback or to the framer. */
static int pass(struct input *in, const char *buf, size_t len)
{
	int rc;

	if (len == 0)
		return 0;
	if (!in->raw)
		return frame(in, buf, len);
	rc = in->raw(in->ctx, buf, len);
	if (rc != 0)
		in->stopped = rc;
	return rc;
}

/*
 * Holds the first bytes in the line buffer (empty until framing starts)
 * until sniff() decides, then passes them on followed by the rest of buf.
 */
static int sniff_feed(struct input *in, const char *buf, size_t len,
		      bool last)
{
	char head[INPUT_SNIFF_MAX];
	size_t take = INPUT_SNIFF_MAX - in->len, n;
	int rc;

	if (take > len)
		take = len;
	memcpy(in->buf + in->len, buf, take);
	in->len += take;
	if (!in->sniff(in->ctx, in, in->buf, in->len) && !last &&
	    in->len < INPUT_SNIFF_MAX)
		return 0;  /* all of buf is held */
	in->sniff = NULL;
	n = in->len;
	memcpy(head, in->buf, n);
	in->len = 0;
	rc = pass(in, head, n);
	return rc != 0 ? rc : pass(in, buf + take, len - take);
}

int input_feed(struct input *in, const char *buf, size_t len)
{
	if (in->stopped)
		return in->stopped;
	if (len == 0)
		return 0;
	in->stats.bytes += len;
	if (in->sniff)
		return sniff_feed(in, buf, len, false);
	return pass(in, buf, len);
}

int input_finish(struct input *in)
{
	int rc;

	if (in->stopped)
		return in->stopped;
	if (in->sniff && (rc = sniff_feed(in, "", 0, true)) != 0)
		return rc;
	if (in->raw) {
		rc = in->raw(in->ctx, NULL, 0);
		if (rc != 0)
			in->stopped = rc;
		return rc;
	}
	if (in->pending_cr) {
		in->pending_cr = false;
		in->stats.cr_only_ends++;
	}
	if (in->len == 0 && !in->skipping)
		return 0;
	rc = deliver_buffered(in);
	if (rc != 0)
		in->stopped = rc;
	return rc;
}

/*
 * Reading a file descriptor.  Input bytes go through ibuf, decoded bytes
 * through obuf; both are CHUNK bytes and never grow.  With a reader thread
 * (input_set_reader_thread), reading and decoding run in that thread and
 * the decoded chunks reach the framer, in the calling thread, through a
 * queue of QSLOTS chunk buffers (struct chunkq).
 */
struct chunkq;

struct reader {
	struct input *in;
	int fd;
	unsigned char *ibuf;
	size_t ilen;          /* bytes in ibuf */
	bool eof;
	char *obuf;
	bool stopped;         /* the callback asked to stop */
	struct chunkq *q;     /* set in the reader thread */
};

static int chunkq_put(struct chunkq *q, const void *p, size_t n);

/* Reads into ibuf after its first `keep` bytes.  0, or -1 with a message. */
static int fill(struct reader *r, size_t keep)
{
	ssize_t n;

	do
		n = read(r->fd, r->ibuf + keep, CHUNK - keep);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return oom_error_errno("cannot read '%s'", r->in->name);
	r->ilen = keep + (size_t)n;
	if (n == 0)
		r->eof = true;
	return 0;
}

/* Hands decoded bytes to the framer.  0, or 1 when the callback stopped. */
static int emit(struct reader *r, const void *p, size_t n)
{
	if (n == 0)
		return r->stopped ? 1 : 0;
	if (r->q ? chunkq_put(r->q, p, n) != 0 : input_feed(r->in, p, n) != 0)
		r->stopped = true;
	return r->stopped ? 1 : 0;
}

/* Plain text: the chunks are fed as read, so lines point into ibuf. */
static int read_plain(struct reader *r, size_t skip)
{
	if (emit(r, r->ibuf + skip, r->ilen - skip))
		return 1;
	while (!r->eof) {
		if (fill(r, 0) < 0)
			return -1;
		if (emit(r, r->ibuf, r->ilen))
			return 1;
	}
	return 0;
}

static int corrupt(struct reader *r, const char *kind, const char *why)
{
	return oom_error("'%s': corrupt %s data (%s)", r->in->name, kind, why);
}

static int truncated(struct reader *r, const char *kind)
{
	return oom_error("'%s': truncated %s data", r->in->name, kind);
}

/*
 * After a gzip member: another member may follow (gzip -d decodes them
 * all).  Returns 1 when one does, 0 at the end, -1 on a read error.
 */
static int gzip_next_member(struct reader *r, z_stream *zs)
{
	if (zs->avail_in == 0 && !r->eof) {
		if (fill(r, 0) < 0)
			return -1;
		zs->next_in = r->ibuf;
		zs->avail_in = (uInt)r->ilen;
	}
	if (zs->avail_in == 0)
		return 0;
	if (zs->next_in[0] != 0x1f) {
		oom_warn("'%s': trailing garbage after gzip data ignored",
			 r->in->name);
		return 0;
	}
	inflateReset(zs);
	return 1;
}

/* One inflate() round.  1 to go on, 0 at the end, -1 on an error. */
static int gzip_step(struct reader *r, z_stream *zs)
{
	int ret;

	if (zs->avail_in == 0 && !r->eof) {
		if (fill(r, 0) < 0)
			return -1;
		zs->next_in = r->ibuf;
		zs->avail_in = (uInt)r->ilen;
	}
	zs->next_out = (Bytef *)r->obuf;
	zs->avail_out = CHUNK;
	ret = inflate(zs, Z_NO_FLUSH);
	if (emit(r, r->obuf, CHUNK - zs->avail_out))
		return 0;
	if (ret == Z_STREAM_END)
		return gzip_next_member(r, zs);
	if (ret == Z_BUF_ERROR && r->eof && zs->avail_in == 0)
		return truncated(r, "gzip");
	if (ret != Z_OK && ret != Z_BUF_ERROR)
		return corrupt(r, "gzip", zs->msg ? zs->msg : zError(ret));
	return 1;
}

static int read_gzip(struct reader *r)
{
	z_stream zs;
	int ret;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 15 + 32) != Z_OK)
		return corrupt(r, "gzip", "cannot start zlib");
	zs.next_in = r->ibuf;
	zs.avail_in = (uInt)r->ilen;
	while ((ret = gzip_step(r, &zs)) == 1)
		;
	inflateEnd(&zs);
	return ret < 0 ? -1 : (int)r->stopped;
}

static const char *lzma_why(lzma_ret ret)
{
	switch (ret) {
	case LZMA_MEM_ERROR:
		return "out of memory";
	case LZMA_FORMAT_ERROR:
		return "not in xz format";
	case LZMA_OPTIONS_ERROR:
		return "unsupported options";
	case LZMA_DATA_ERROR:
		return "compressed data is corrupt";
	default:
		return "liblzma error";
	}
}

/* One lzma_code() round.  1 to go on, 0 at the end, -1 on an error. */
static int xz_step(struct reader *r, lzma_stream *xs)
{
	lzma_ret ret;

	if (xs->avail_in == 0 && !r->eof) {
		if (fill(r, 0) < 0)
			return -1;
		xs->next_in = r->ibuf;
		xs->avail_in = r->ilen;
	}
	xs->next_out = (uint8_t *)r->obuf;
	xs->avail_out = CHUNK;
	ret = lzma_code(xs, r->eof ? LZMA_FINISH : LZMA_RUN);
	if (emit(r, r->obuf, CHUNK - xs->avail_out))
		return 0;
	if (ret == LZMA_STREAM_END)
		return 0;
	if (ret == LZMA_BUF_ERROR)
		return truncated(r, "xz");
	if (ret != LZMA_OK)
		return corrupt(r, "xz", lzma_why(ret));
	return 1;
}

static int read_xz(struct reader *r)
{
	lzma_stream xs = LZMA_STREAM_INIT;
	lzma_ret ret;
	int rc;

	/* LZMA_CONCATENATED: decode every stream of the file, as xz -d. */
	ret = lzma_stream_decoder(&xs, UINT64_MAX, LZMA_CONCATENATED);
	if (ret != LZMA_OK)
		return corrupt(r, "xz", lzma_why(ret));
	xs.next_in = r->ibuf;
	xs.avail_in = r->ilen;
	while ((rc = xz_step(r, &xs)) == 1)
		;
	lzma_end(&xs);
	return rc < 0 ? -1 : (int)r->stopped;
}

/*
 * Decodes what ibuf holds; the stream keeps frame state, so frames that
 * follow one another in the file are decoded in turn.  *left is the last
 * hint: 0 when a frame has just ended.
 */
static int zstd_chunk(struct reader *r, ZSTD_DStream *ds, size_t *left)
{
	ZSTD_inBuffer zin = { r->ibuf, r->ilen, 0 };
	ZSTD_outBuffer zout;

	do {
		zout.dst = r->obuf;
		zout.size = CHUNK;
		zout.pos = 0;
		*left = ZSTD_decompressStream(ds, &zout, &zin);
		if (ZSTD_isError(*left))
			return corrupt(r, "zstd", ZSTD_getErrorName(*left));
		if (emit(r, r->obuf, zout.pos))
			return 1;
	} while (zin.pos < zin.size || zout.pos == zout.size);
	return 0;
}

static int read_zstd(struct reader *r)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	size_t left = 0;
	int rc;

	if (ds == NULL)
		oom_die_nomem();
	ZSTD_initDStream(ds);
	for (;;) {
		rc = zstd_chunk(r, ds, &left);
		if (rc != 0 || r->eof)
			break;
		rc = fill(r, 0);
		if (rc != 0 || r->eof)
			break;
	}
	ZSTD_freeDStream(ds);
	if (rc == 0 && left != 0)
		return truncated(r, "zstd");
	return rc;
}

/*
 * UTF-16 text with a byte-order mark, as Windows tools export logs: it is
 * text, converted to UTF-8 on the fly.  A bad surrogate or an odd last
 * byte becomes U+FFFD.
 */
struct utf16 {
	bool be;
	bool have_odd;
	unsigned char odd;
	unsigned hi;          /* pending high surrogate, or 0 */
	size_t olen;
};

static void put_utf8(struct reader *r, struct utf16 *u, unsigned long cp)
{
	char *o = r->obuf + u->olen;

	if (cp < 0x80) {
		o[0] = (char)cp;
		u->olen += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		u->olen += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		u->olen += 3;
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		u->olen += 4;
	}
}

static void utf16_unit(struct reader *r, struct utf16 *u, unsigned c)
{
	unsigned long cp;

	if (u->hi != 0 && c >= 0xdc00 && c <= 0xdfff) {
		cp = (unsigned long)(u->hi - 0xd800) << 10 | (c - 0xdc00);
		put_utf8(r, u, 0x10000 + cp);
		u->hi = 0;
		return;
	}
	if (u->hi != 0)
		put_utf8(r, u, 0xfffd);
	u->hi = 0;
	if (c >= 0xd800 && c <= 0xdbff)
		u->hi = c;
	else if (c >= 0xdc00 && c <= 0xdfff)
		put_utf8(r, u, 0xfffd);
	else
		put_utf8(r, u, c);
}

/* Converts ibuf[from, ilen) into obuf, feeding it whenever it fills up. */
static int utf16_chunk(struct reader *r, struct utf16 *u, size_t from)
{
	size_t i;
	unsigned lo, hi;

	for (i = from; i < r->ilen; i++) {
		if (!u->have_odd) {
			u->odd = r->ibuf[i];
			u->have_odd = true;
			continue;
		}
		u->have_odd = false;
		lo = u->be ? r->ibuf[i] : u->odd;
		hi = u->be ? u->odd : r->ibuf[i];
		utf16_unit(r, u, lo | hi << 8);
		if (u->olen > CHUNK - 8) {
			if (emit(r, r->obuf, u->olen))
				return 1;
			u->olen = 0;
		}
	}
	return 0;
}

static int read_utf16(struct reader *r, bool be)
{
	struct utf16 u = { be, false, 0, 0, 0 };
	int rc;

	rc = utf16_chunk(r, &u, 2);
	while (rc == 0 && !r->eof) {
		rc = fill(r, 0);
		if (rc == 0)
			rc = utf16_chunk(r, &u, 0);
	}
	if (rc != 0)
		return rc;
	if (u.hi != 0 || u.have_odd)
		put_utf8(r, &u, 0xfffd);
	return emit(r, r->obuf, u.olen);
}

static bool starts(const struct reader *r, const char *magic, size_t n)
{
	return r->ilen >= n && memcmp(r->ibuf, magic, n) == 0;
}

static int dispatch(struct reader *r)
{
	if (starts(r, "\x1f\x8b", 2))
		return read_gzip(r);
	if (starts(r, "\xfd" "7zXZ\0", 6))
		return read_xz(r);
	if (starts(r, "\x28\xb5\x2f\xfd", 4))
		return read_zstd(r);
	if (starts(r, "\xff\xfe", 2) || starts(r, "\xfe\xff", 2))
		return read_utf16(r, r->ibuf[0] == 0xfe);
	if (starts(r, "\xef\xbb\xbf", 3))
		return read_plain(r, 3);
	return read_plain(r, 0);
}

int input_open(const char *path, int flags, struct stat *st)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC | flags);
	int err = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0)
		err = errno;          /* *st is not filled: never read it */
	else if (S_ISDIR(st->st_mode))
		err = EISDIR;
	if (!err)
		return fd;
	input_close(path, fd);
	errno = err;
	return -1;
}

/* Descriptor 0 is a file like any other when standard input was closed. */
void input_close(const char *path, int fd)
{
	if (fd >= 0 && strcmp(path, "-"))
		close(fd);
}

/* The whole read: 0, 1 when the callback stopped it, -1 on an error. */
static int read_all(struct input *in, int fd, struct chunkq *q)
{
	struct reader r;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.fd = fd;
	r.q = q;
	r.ibuf = xmalloc(CHUNK);
	r.obuf = xmalloc(CHUNK);
	/* A pipe may hand over the magic bytes a few at a time. */
	while (rc == 0 && r.ilen < 6 && !r.eof)
		rc = fill(&r, r.ilen);
	if (rc == 0)
		rc = dispatch(&r);
	free(r.ibuf);
	free(r.obuf);
	return rc;
}

/*
 * The queue between the reader thread and the framer: QSLOTS buffers of
 * CHUNK bytes in a ring.  The framer holds at most one (`held`, the one at
 * `head`) while it frames it; `n` more are queued after it; the reader
 * thread copies into the next free one.  Memory: QSLOTS * CHUNK, whatever
 * the input.  The order of the bytes, hence line numbers and events, is
 * the same as without the thread.
 */
#define QSLOTS 3

struct chunkq {
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	char *buf[QSLOTS];
	size_t len[QSLOTS];
	size_t head, held, n;
	bool stop;               /* the framer wants no more */
	bool done;               /* the reader thread has finished */
	int rc;                  /* its read_all() result */
	struct strbuf msgs;      /* its diagnostics, printed by the framer */
	struct input *in;
	int fd;
};

static int chunkq_put(struct chunkq *q, const void *p, size_t n)
{
	size_t slot;

	pthread_mutex_lock(&q->mu);
	while (q->held + q->n == QSLOTS && !q->stop)
		pthread_cond_wait(&q->can_put, &q->mu);
	if (q->stop) {
		pthread_mutex_unlock(&q->mu);
		return 1;
	}
	slot = (q->head + q->held + q->n) % QSLOTS;
	pthread_mutex_unlock(&q->mu);
	/* the slot is free: only this thread writes it until it is queued */
	memcpy(q->buf[slot], p, n);
	pthread_mutex_lock(&q->mu);
	q->len[slot] = n;
	q->n++;
	pthread_cond_signal(&q->can_take);
	pthread_mutex_unlock(&q->mu);
	return 0;
}

static void *reader_main(void *arg)
{
	struct chunkq *q = arg;
	int rc;

	msg_capture(&q->msgs);
	rc = read_all(q->in, q->fd, q);
	msg_capture(NULL);
	pthread_mutex_lock(&q->mu);
	q->rc = rc;
	q->done = true;
	pthread_cond_signal(&q->can_take);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* Frames the queued chunks as they come; the result of the whole read. */
static int read_threaded(struct input *in, int fd)
{
	struct chunkq q;
	pthread_t tid;
	int rc, fed = 0;

	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.can_put, NULL);
	pthread_cond_init(&q.can_take, NULL);
	for (int i = 0; i < QSLOTS; i++)
		q.buf[i] = xmalloc(CHUNK);
	strbuf_init(&q.msgs, 0);
	q.in = in;
	q.fd = fd;
	if (pthread_create(&tid, NULL, reader_main, &q) != 0) {
		rc = read_all(in, fd, NULL);   /* no thread: read here */
		goto out;
	}
	for (;;) {
		size_t slot;

		pthread_mutex_lock(&q.mu);
		while (q.n == 0 && !q.done)
			pthread_cond_wait(&q.can_take, &q.mu);
		if (q.n == 0) {
			pthread_mutex_unlock(&q.mu);
			break;
		}
		slot = q.head;
		q.held = 1;
		q.n--;
		pthread_mutex_unlock(&q.mu);
		fed = input_feed(in, q.buf[slot], q.len[slot]);
		pthread_mutex_lock(&q.mu);
		q.head = (q.head + 1) % QSLOTS;
		q.held = 0;
		if (fed)
			q.stop = true;
		pthread_cond_signal(&q.can_put);
		pthread_mutex_unlock(&q.mu);
		if (fed)
			break;
	}
	pthread_join(tid, NULL);
	rc = fed ? 1 : q.rc;
	fputs(q.msgs.buf, stderr);
out:
	strbuf_release(&q.msgs);
	for (int i = 0; i < QSLOTS; i++)
		free(q.buf[i]);
	pthread_cond_destroy(&q.can_take);
	pthread_cond_destroy(&q.can_put);
	pthread_mutex_destroy(&q.mu);
	return rc;
}

void input_set_reader_thread(struct input *in, bool on)
{
	in->reader_thread = on;
}

int input_read_fd(struct input *in, int fd)
{
	int rc = in->reader_thread ? read_threaded(in, fd) :
				     read_all(in, fd, NULL);

	if (input_finish(in) != 0 && rc == 0)
		rc = 1;
	return rc;
}
