/*
 * pastify TRANSFORM < in > out: one deterministic "paste damage" transform.
 *
 * People paste kernel logs into mails, forums and tickets, and the paste
 * changes them: quote markers, line numbers from cat -n or grep -n, hard
 * wraps at 72 to 80 columns, quoted-printable, CRLF ends with trailing
 * blanks, masked or removed host names, another program's stamps around
 * every line.  tests/paste/metamorphic.sh runs oomscope on a fixture and on
 * its pastified copy and expects the same events.
 *
 * The input is framed into lines at LF only (a CR is a byte like any
 * other).  A line is a (pointer, length) pair and may hold NUL bytes: no C
 * string functions touch log text.  A line longer than PASTIFY_MAX_LINE is
 * cut into pieces that are transformed as lines of their own (one warning).
 * A last line without LF stays without one.  Each transform is one line
 * handler in transforms[]; only join holds a line back (flushed at EOF).
 * Output errors are checked once, at the end.
 *
 * The px_* recogniser knows just enough of dmesg, dmesg -T, dmesg -x,
 * dmesg --time-format=iso and syslog prefixes to find the host, the tag and
 * the message.  It is written apart from src/prefix.c on purpose, so that a
 * bug there is not copied into the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASTIFY_MAX_LINE ((size_t)1024 * 1024)
#define PASTIFY_QP_WIDTH 76 /* RFC 2045: encoded lines of at most 76 */
#define PASTIFY_DROP_EVERY 40

#define LOGSTREAM_PREFIX                                                       \
	"2021-03-04 10:11:12.123456+0100  0x1a2b     Default     0x0        "  \
	"          1234   0    com.docker.hyperkit: "
#define VMWARE_PREFIX "2019-05-06T07:08:09.123Z| vcpu-0| I125: Guest: <6>"
#define DROPPED_TEXT "** 3 printk messages dropped **"

enum px_style { PX_NONE, PX_DMESG, PX_CTIME, PX_LEVEL, PX_ISO, PX_SYSLOG };
enum host_mode { HOST_MASK, HOST_EMPTY, HOST_NONE };

/* What px_parse() found at the start of a line; offsets into the line. */
struct px {
	enum px_style style;
	size_t host_off, host_len; /* syslog: the host name */
	size_t tag_off;		   /* syslog: first byte after "HOST " */
	size_t msg_off;		   /* the message text (0 without prefix) */
	int kernel;		   /* a kernel record, not another tag's */
};

struct cur {
	const char *p;
	const char *end;
};

struct reader {
	FILE *fp;
	char chunk[64 * 1024];
	size_t pos, avail;
	char *line; /* PASTIFY_MAX_LINE bytes */
	size_t len;
	int nl; /* the line ended with LF */
	int warned;
};

struct paste;

struct transform {
	const char *name;
	void (*line)(struct paste *p, const char *s, size_t len, int nl);
	const char *text; /* a prefix, for the handlers using one */
	size_t n;	  /* a width or an enum host_mode */
};

struct paste {
	const struct transform *tf;
	FILE *out;
	unsigned long lineno;  /* input line number, from 1 */
	unsigned long records; /* kernel record starts (dropped) */
	int seen_prefix;       /* dropped: the file has a prefix style */
	char *held;	       /* join: a line waiting for its pair */
	size_t held_len;
	int holding;
	char *scratch; /* qp: 3 * PASTIFY_MAX_LINE bytes */
};

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int is_space(int c)
{
	return c == ' ';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* A word of a dmesg -T stamp: "Sat", "Di", "Mär" (bytes, not letters). */
static int is_word(int c)
{
	return c > ' ' && c != '[' && c != ']' && c != 0x7f;
}

static int is_graph(int c)
{
	return c > ' ' && c != 0x7f;
}

/* The fraction and zone of an ISO stamp: ",764465+00:00", ".5Z". */
static int is_isotail(int c)
{
	return is_digit(c) || c == ',' || c == '.' || c == '+' || c == '-' ||
	       c == ':' || c == 'Z';
}

static int px_char(struct cur *c, char ch)
{
	if (c->p == c->end || *c->p != ch)
		return -1;
	c->p++;
	return 0;
}

/* Between min and max bytes accepted by ok(); advances only on success. */
static int px_span(struct cur *c, int (*ok)(int), size_t min, size_t max)
{
	size_t n = 0;

	while (n < max && c->p + n < c->end && ok((unsigned char)c->p[n]))
		n++;
	if (n < min)
		return -1;
	c->p += n;
	return 0;
}

static int px_month(struct cur *c)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t i;

	if (c->end - c->p < 3)
		return -1;
	for (i = 0; i < 12; i++) {
		if (!memcmp(c->p, months + 3 * i, 3)) {
			c->p += 3;
			return 0;
		}
	}
	return -1;
}

static int px_hms(struct cur *c)
{
	struct cur t = *c;

	if (px_span(&t, is_digit, 2, 2) || px_char(&t, ':') ||
	    px_span(&t, is_digit, 2, 2) || px_char(&t, ':') ||
	    px_span(&t, is_digit, 2, 2))
		return -1;
	*c = t;
	return 0;
}

/* printk_time, kernel/printk/printk.c: "[  682.764465]" */
static int px_uptime(struct cur *c)
{
	struct cur t = *c;

	if (px_char(&t, '[') || px_span(&t, is_space, 0, 16) ||
	    px_span(&t, is_digit, 1, 16) || px_char(&t, '.') ||
	    px_span(&t, is_digit, 1, 9) || px_char(&t, ']'))
		return -1;
	*c = t;
	return 0;
}

/* dmesg -T: "[Sat Nov 21 23:33:09 2026]", "[Di Aug 12 03:54:03 2025]" */
static int px_ctime(struct cur *c)
{
	struct cur t = *c;

	if (px_char(&t, '[') || px_span(&t, is_word, 1, 12) ||
	    px_span(&t, is_space, 1, 2) || px_span(&t, is_word, 1, 12) ||
	    px_span(&t, is_space, 1, 2) || px_span(&t, is_digit, 1, 2) ||
	    px_char(&t, ' ') || px_hms(&t) || px_char(&t, ' ') ||
	    px_span(&t, is_digit, 4, 4) || px_char(&t, ']'))
		return -1;
	*c = t;
	return 0;
}

/* dmesg -x: "kern  :warn  : [  682.764465]" */
static int px_level(struct cur *c)
{
	struct cur t = *c;

	if (px_span(&t, is_lower, 1, 8) || px_span(&t, is_space, 0, 8) ||
	    px_char(&t, ':') || px_span(&t, is_lower, 1, 8) ||
	    px_span(&t, is_space, 0, 8) || px_char(&t, ':') ||
	    px_char(&t, ' ') || (px_uptime(&t) && px_ctime(&t)))
		return -1;
	*c = t;
	return 0;
}

/* dmesg --time-format=iso: "2026-11-21T23:33:09,764465+00:00" */
static int px_iso(struct cur *c)
{
	struct cur t = *c;

	if (px_span(&t, is_digit, 4, 4) || px_char(&t, '-') ||
	    px_span(&t, is_digit, 2, 2) || px_char(&t, '-') ||
	    px_span(&t, is_digit, 2, 2) || px_char(&t, 'T') || px_hms(&t) ||
	    px_span(&t, is_isotail, 0, 24))
		return -1;
	*c = t;
	return 0;
}

/*
 * syslog: "Nov 13 14:56:19 vm-centos6 kernel: [123.4] text", leading
 * blanks allowed (a paste), the day padded or not ("Jun 4", "Jun  4").
 */
static int px_syslog(struct cur *c, const char *s, struct px *px)
{
	struct cur t = *c;
	const char *tag;

	if (px_span(&t, is_blank, 0, 64) || px_month(&t) ||
	    px_span(&t, is_space, 1, 2) || px_span(&t, is_digit, 1, 2) ||
	    px_char(&t, ' ') || px_hms(&t) || px_char(&t, ' '))
		return -1;
	px->host_off = (size_t)(t.p - s);
	if (px_span(&t, is_graph, 1, 255) || px_char(&t, ' '))
		return -1;
	px->host_len = (size_t)(t.p - s) - 1 - px->host_off;
	px->tag_off = (size_t)(t.p - s);
	tag = t.p;
	if (px_span(&t, is_graph, 1, 255) == 0 && t.p[-1] == ':' &&
	    px_char(&t, ' ') == 0) {
		px->kernel = t.p - tag == 8 && !memcmp(tag, "kernel:", 7);
		if (px->kernel && px_uptime(&t) == 0)
			px_char(&t, ' ');
	} else {
		t.p = tag;
	}
	*c = t;
	return 0;
}

static void px_parse(const char *s, size_t len, struct px *px)
{
	struct cur c = {s, s + len};

	memset(px, 0, sizeof(*px));
	if (px_syslog(&c, s, px) == 0) {
		px->style = PX_SYSLOG;
	} else {
		if (px_uptime(&c) == 0)
			px->style = PX_DMESG;
		else if (px_ctime(&c) == 0)
			px->style = PX_CTIME;
		else if (px_level(&c) == 0)
			px->style = PX_LEVEL;
		else if (px_iso(&c) == 0)
			px->style = PX_ISO;
		else
			return;
		px->kernel = 1;
		px_char(&c, ' ');
	}
	px->msg_off = (size_t)(c.p - s);
}

static void put(struct paste *p, const char *s, size_t len)
{
	if (len)
		fwrite(s, 1, len, p->out);
}

static void put_str(struct paste *p, const char *s)
{
	fputs(s, p->out);
}

static void put_eol(struct paste *p, int nl)
{
	if (nl)
		putc('\n', p->out);
}

static void put_line(struct paste *p, const char *s, size_t len, int nl)
{
	put(p, s, len);
	put_eol(p, nl);
}

/* quote, quote2, bar, grepH, logstream, serial: a fixed prefix */
static void tf_prefix(struct paste *p, const char *s, size_t len, int nl)
{
	put_str(p, p->tf->text);
	put_line(p, s, len, nl);
}

/* cat -n: "%6d\t" */
static void tf_catn(struct paste *p, const char *s, size_t len, int nl)
{
	fprintf(p->out, "%6lu\t", p->lineno);
	put_line(p, s, len, nl);
}

/* grep -n: "N:" */
static void tf_grepn(struct paste *p, const char *s, size_t len, int nl)
{
	fprintf(p->out, "%lu:", p->lineno);
	put_line(p, s, len, nl);
}

/* grep -n -A: a match "N:" then two context lines "N-" */
static void tf_grepa(struct paste *p, const char *s, size_t len, int nl)
{
	fprintf(p->out, "%lu%c", p->lineno, (p->lineno - 1) % 3 ? '-' : ':');
	put_line(p, s, len, nl);
}

/*
 * Where a mail client breaks a line longer than w: the last blank at or
 * before column w (not at 0, which would leave an empty line), else the
 * first blank after it (a long word is not cut); len when there is none.
 */
static size_t wrap_point(const char *s, size_t len, size_t w)
{
	size_t i;

	for (i = w; i > 0; i--)
		if (is_blank((unsigned char)s[i]))
			return i;
	for (i = w + 1; i < len; i++)
		if (is_blank((unsigned char)s[i]))
			return i;
	return len;
}

/* wrap72, wrap76, wrap80: break at a blank, which is eaten */
static void tf_wrap(struct paste *p, const char *s, size_t len, int nl)
{
	size_t w = p->tf->n, cut;

	while (len > w) {
		cut = wrap_point(s, len, w);
		if (cut == len)
			break;
		put_line(p, s, cut, cut + 1 < len || nl);
		s += cut + 1;
		len -= cut + 1;
		if (!len)
			return;
	}
	put_line(p, s, len, nl);
}

/* wrap72x, wrap80x: exactly w bytes a line, in the middle of words */
static void tf_cut(struct paste *p, const char *s, size_t len, int nl)
{
	size_t w = p->tf->n;

	while (len > w) {
		put_line(p, s, w, 1);
		s += w;
		len -= w;
	}
	put_line(p, s, len, nl);
}

/* RFC 2045 6.7: literal 33..126 but '='; a blank unless it ends the line */
static int qp_literal(unsigned char c, int last)
{
	if (c == ' ' || c == '\t')
		return !last;
	return c >= 33 && c <= 126 && c != '=';
}

static size_t qp_encode(char *dst, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (qp_literal(c, i + 1 == len)) {
			dst[n++] = (char)c;
			continue;
		}
		dst[n++] = '=';
		dst[n++] = hex[c >> 4];
		dst[n++] = hex[c & 15];
	}
	return n;
}

/*
 * qp: pieces of at most 75 bytes and a soft break "=", never inside an
 * "=XX" escape; the last piece may use all 76.
 */
static void tf_qp(struct paste *p, const char *s, size_t len, int nl)
{
	const char *e = p->scratch;
	size_t n = qp_encode(p->scratch, s, len), pos = 0, end;

	while (n - pos > PASTIFY_QP_WIDTH) {
		end = pos + PASTIFY_QP_WIDTH - 1;
		if (e[end - 1] == '=')
			end -= 1;
		else if (e[end - 2] == '=')
			end -= 2;
		put(p, e + pos, end - pos);
		put_str(p, "=\n");
		pos = end;
	}
	put_line(p, e + pos, n - pos, nl);
}

/* crlf: 1 to 3 trailing blanks (by line number), then CR LF */
static void tf_crlf(struct paste *p, const char *s, size_t len, int nl)
{
	put(p, s, len);
	put(p, "   ", p->lineno % 3 + 1);
	if (nl)
		put_str(p, "\r\n");
}

/* The prefix up to the tag, with the host masked, removed or all gone. */
static void host_put(struct paste *p, const char *s, const struct px *px)
{
	size_t host_end = px->host_off + px->host_len;

	if (p->tf->n == HOST_NONE)
		return;
	put(p, s, px->host_off);
	if (p->tf->n == HOST_MASK)
		put_str(p, "**");
	put(p, s + host_end, px->tag_off - host_end);
}

/*
 * The next syslog prefix inside a line (after a blank) with the same host,
 * as a joined line has ("... sacrifice child Jun 4 07:41:59 plumbr kernel:
 * ..."): its offset, with px filled relative to it; len when there is none.
 */
static size_t host_next(const char *s, size_t len, const char *host,
			size_t host_len, struct px *px)
{
	size_t i;

	for (i = 1; i < len; i++) {
		if (s[i - 1] != ' ' || s[i] < 'A' || s[i] > 'Z')
			continue;
		px_parse(s + i, len - i, px);
		if (px->style == PX_SYSLOG && px->host_len == host_len &&
		    !memcmp(s + i + px->host_off, host, host_len))
			return i;
	}
	return len;
}

/*
 * maskhost, emptyhost, nohost: syslog lines only; every prefix of a line
 * with the first one's host, as a search and replace would.
 */
static void tf_host(struct paste *p, const char *s, size_t len, int nl)
{
	struct px px;
	const char *host;
	size_t host_len, next;

	px_parse(s, len, &px);
	if (px.style != PX_SYSLOG) {
		put_line(p, s, len, nl);
		return;
	}
	host = s + px.host_off;
	host_len = px.host_len;
	for (;;) {
		host_put(p, s, &px);
		s += px.tag_off;
		len -= px.tag_off;
		next = host_next(s, len, host, host_len, &px);
		if (next == len)
			break;
		put(p, s, next);
		s += next;
		len -= next;
	}
	put_line(p, s, len, nl);
}

/*
 * dropped: before every 40th line that starts a kernel record, the
 * console's "** 3 printk messages dropped **" (console_emit_next_record(),
 * >= 5.19) behind that line's own prefix.  Without any prefix in the file
 * so far, every line that does not start with a blank starts a record.
 */
static void tf_dropped(struct paste *p, const char *s, size_t len, int nl)
{
	struct px px;
	int start;

	px_parse(s, len, &px);
	if (px.style != PX_NONE)
		p->seen_prefix = 1;
	if (px.style != PX_NONE)
		start = px.kernel;
	else
		start = !p->seen_prefix && len && !is_blank((unsigned char)*s);
	if (start && ++p->records % p->tf->n == 0) {
		put(p, s, px.msg_off);
		put_str(p, DROPPED_TEXT "\n");
	}
	put_line(p, s, len, nl);
}

/* join: two consecutive "[stamp] ..." lines become one, nothing between */
static void tf_join(struct paste *p, const char *s, size_t len, int nl)
{
	struct px px;
	int stamped;

	px_parse(s, len, &px);
	stamped = px.style == PX_DMESG || px.style == PX_CTIME;
	if (p->holding) {
		p->holding = 0;
		put(p, p->held, p->held_len);
		if (stamped) {
			put_line(p, s, len, nl);
			return;
		}
		put_eol(p, 1);
	}
	if (stamped && nl) {
		memcpy(p->held, s, len);
		p->held_len = len;
		p->holding = 1;
		return;
	}
	put_line(p, s, len, nl);
}

/* vmware: the message after any prefix (a syslog tag other than kernel's
 * stays), behind vmware.log's own stamp and the guest's log level */
static void tf_vmware(struct paste *p, const char *s, size_t len, int nl)
{
	struct px px;
	size_t off;

	px_parse(s, len, &px);
	off = px.style == PX_SYSLOG && !px.kernel ? px.tag_off : px.msg_off;
	put_str(p, p->tf->text);
	put_line(p, s + off, len - off, nl);
}

static const struct transform transforms[] = {
    {"quote", tf_prefix, "> ", 0},
    {"quote2", tf_prefix, "> > ", 0},
    {"bar", tf_prefix, "| ", 0},
    {"catn", tf_catn, NULL, 0},
    {"grepn", tf_grepn, NULL, 0},
    {"grepA", tf_grepa, NULL, 0},
    {"grepH", tf_prefix, "/var/log/messages:", 0},
    {"wrap72", tf_wrap, NULL, 72},
    {"wrap76", tf_wrap, NULL, 76},
    {"wrap80", tf_wrap, NULL, 80},
    {"wrap72x", tf_cut, NULL, 72},
    {"wrap80x", tf_cut, NULL, 80},
    {"qp", tf_qp, NULL, 0},
    {"crlf", tf_crlf, NULL, 0},
    {"maskhost", tf_host, NULL, HOST_MASK},
    {"emptyhost", tf_host, NULL, HOST_EMPTY},
    {"nohost", tf_host, NULL, HOST_NONE},
    {"dropped", tf_dropped, NULL, PASTIFY_DROP_EVERY},
    {"join", tf_join, NULL, 0},
    {"logstream", tf_prefix, LOGSTREAM_PREFIX, 0},
    {"vmware", tf_vmware, VMWARE_PREFIX, 0},
    {"serial", tf_prefix, "\033[0m\033[K", 0},
    {NULL, NULL, NULL, 0},
};

static int reader_fill(struct reader *r)
{
	r->pos = 0;
	r->avail = fread(r->chunk, 1, sizeof(r->chunk), r->fp);
	if (r->avail)
		return 1;
	return ferror(r->fp) ? -1 : 0;
}

/* Moves bytes up to the next LF into the line: 1 when it is complete. */
static int reader_take(struct reader *r)
{
	const char *s = r->chunk + r->pos;
	size_t n = r->avail - r->pos, room = PASTIFY_MAX_LINE - r->len, take;
	const char *lf = memchr(s, '\n', n);

	take = lf ? (size_t)(lf - s) : n;
	if (take > room) {
		take = room;
		lf = NULL;
	}
	memcpy(r->line + r->len, s, take);
	r->len += take;
	r->pos += take + (lf != NULL);
	if (lf) {
		r->nl = 1;
		return 1;
	}
	if (r->len < PASTIFY_MAX_LINE)
		return 0;
	if (!r->warned)
		fprintf(stderr,
			"pastify: a line longer than %zu bytes is cut\n",
			PASTIFY_MAX_LINE);
	r->warned = 1;
	r->nl = 1;
	return 1;
}

/* 1 with the next line in r->line, 0 at the end, -1 on a read error. */
static int reader_next(struct reader *r)
{
	int rc;

	r->len = 0;
	r->nl = 0;
	for (;;) {
		if (r->pos == r->avail) {
			rc = reader_fill(r);
			if (rc <= 0)
				return rc < 0 ? -1 : r->len > 0;
		}
		if (reader_take(r))
			return 1;
	}
}

static const struct transform *transform_find(const char *name)
{
	const struct transform *tf;

	for (tf = transforms; tf->name; tf++)
		if (!strcmp(tf->name, name))
			return tf;
	return NULL;
}

static int usage(FILE *fp, int status)
{
	const struct transform *tf;

	fputs("usage: pastify TRANSFORM < in > out\n"
	      "       pastify --list\ntransforms:",
	      fp);
	for (tf = transforms; tf->name; tf++)
		fprintf(fp, " %s", tf->name);
	fputc('\n', fp);
	return status;
}

static int list(void)
{
	const struct transform *tf;

	for (tf = transforms; tf->name; tf++)
		puts(tf->name);
	return 0;
}

static int run(const struct transform *tf)
{
	static struct reader r;
	struct paste p = {tf, stdout, 0, 0, 0, NULL, 0, 0, NULL};
	int rc, status = 0;

	r.fp = stdin;
	r.line = malloc(PASTIFY_MAX_LINE);
	p.held = malloc(PASTIFY_MAX_LINE);
	p.scratch = malloc(3 * PASTIFY_MAX_LINE);
	if (!r.line || !p.held || !p.scratch) {
		fputs("pastify: out of memory\n", stderr);
		status = 1;
		goto out;
	}
	while ((rc = reader_next(&r)) > 0) {
		p.lineno++;
		tf->line(&p, r.line, r.len, r.nl);
	}
	if (p.holding)
		put_line(&p, p.held, p.held_len, 1);
	if (rc < 0) {
		perror("pastify: read error");
		status = 1;
	}
out:
	free(r.line);
	free(p.held);
	free(p.scratch);
	return status;
}

int main(int argc, char **argv)
{
	const struct transform *tf;
	int status;

	if (argc != 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "-l") || !strcmp(argv[1], "--list"))
		return list();
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage(stdout, 0);
	tf = transform_find(argv[1]);
	if (!tf) {
		fprintf(stderr, "pastify: unknown transform '%s'\n", argv[1]);
		return usage(stderr, 2);
	}
	status = run(tf);
	if (ferror(stdout)) {
		fputs("pastify: write error\n", stderr);
		return 1;
	}
	if (fclose(stdout)) {
		perror("pastify: write error");
		return 1;
	}
	return status;
}
