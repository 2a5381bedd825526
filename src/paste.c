/*
 * Stage 1b: undo what pasting did to a kernel log (see paste.h).
 *
 * One physical line goes through four layers, each a no-op on clean logs:
 *  1. quoted-printable: once the input shows it (several "=3D", or one
 *     with a soft line break), "=XX" escapes are decoded and a line ending
 *     in a soft break "=" is joined to the next;
 *  2. leading junk is stripped (paste_strip): terminal escapes, quote
 *     markers, cat -n / grep -n numbers, grep -H file names, logwatch's
 *     "N Time(s): ", macOS log stream and vmware.log wrappers, a raw "<N>"
 *     level before a non-dmesg text, dmesg delta/reltime stamps and a bare
 *     "kernel: " tag; an empty syslog host (two blanks) loses one blank;
 *  3. a line holding several records ("...limit of /docker/x[ 12.345678]
 *     memory: usage") is split before each dmesg stamp that is not part of
 *     the line's own prefix;
 *  4. hard wraps are joined back: a line with no prefix of its own, right
 *     after a long prefixed line, that reads as the rest of a kernel record
 *     (fields, numbers, names; not prose), is appended to it, with the
 *     blank the wrap ate or without one (decided from the fields the join
 *     must produce and from the input's wrap width).
 * "** N printk messages dropped **" (and 2.6's "printk: N messages
 * suppressed.") markers are handed on as gaps, never as text.
 *
 * Bounded: a held record is cut at PASTE_MAX_RECORD bytes; the decisions
 * look at one held record and the current line only.
 */
#include "oomscope/paste.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "lex.h"
#include "banned.h"

/* A record shorter than this was not cut by a wrap: never held back. */
#define HOLD_MIN 50
/* A wrapped line ends within this many bytes of the input's wrap width. */
#define WRAP_SLACK 32
#define MAX_STRIP_ROUNDS 8

static bool digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool blank_ch(int c)
{
	return c == ' ' || c == '\t';
}

static size_t digits(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && digit(*p))
		p++;
	return (size_t)(p - s);
}

static bool has_prefix(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - s) >= n && !memcmp(s, lit, n);
}

static const char *find(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if (end - s < (long)n)
		return NULL;
	return memmem(s, (size_t)(end - s), lit, n);
}

/* ESC [ params intermediates final, or ESC and one or two more bytes. */
static size_t escape_seq(const char *s, const char *end)
{
	const char *p = s + 1;

	if (s >= end || *s != '\033')
		return 0;
	if (p < end && *p == '[') {
		for (p++; p < end && (unsigned char)*p >= 0x20 &&
			  (unsigned char)*p < 0x40; p++)
			;
		return p < end ? (size_t)(p + 1 - s) : (size_t)(end - s);
	}
	if (p < end && (*p == '(' || *p == ')'))
		p++;
	return p < end ? (size_t)(p + 1 - s) : (size_t)(end - s);
}

/*
 * "> ", ">", "| " (a bar needs its blank: it may start a table), and a
 * Markdown code fence glued to the first line ("```Nov 15 06:46:39 ...").
 */
static size_t quote_marker(const char *s, const char *end)
{
	if (end - s > 3 && !memcmp(s, "```", 3)) {
		const char *p = s + 3;

		while (p < end && *p == '`')
			p++;
		return (size_t)(p - s);
	}
	if (s < end && *s == '>')
		return s + 1 < end && s[1] == ' ' ? 2 : 1;
	if (end - s >= 2 && *s == '|' && s[1] == ' ')
		return 2;
	return 0;
}

/* An ISO date "2026-11-21" or a syslog month word starts here. */
static bool stamp_like(const char *s, const char *end)
{
	return (end - s >= 5 && digits(s, end) == 4 && s[4] == '-') ||
	       (end - s >= 4 && isupper((unsigned char)s[0]) &&
		islower((unsigned char)s[1]) && islower((unsigned char)s[2]) &&
		s[3] == ' ');
}

/* "14:56:19" (a time) or "11-21" (the rest of an ISO date) starts at s. */
static bool clock_like(const char *s, const char *end, char sep)
{
	size_t n = digits(s, end);

	if (sep == ':')
		return n == 2 && s + 5 < end && s[2] == ':' &&
		       digits(s + 3, end) == 2;
	return n == 2 && s + 4 < end && s[2] == '-' && digits(s + 3, end) == 2;
}

/*
 * cat -n ("   12\t"), grep -n ("12:") and grep -A context ("12-").  Not a
 * time ("14:56:19") or a date ("2026-11-21"): the digits after the
 * separator must not continue one.
 */
static size_t line_number(const char *s, const char *end)
{
	const char *p = s;
	size_t n;

	while (p < end && *p == ' ')
		p++;
	n = digits(p, end);
	if (n == 0 || n > 9 || p + n >= end)
		return 0;
	p += n;
	if (*p == '\t')
		return (size_t)(p + 1 - s);
	if (s[0] == ' ')
		return 0;  /* "  12:" is no grep output */
	if (*p != ':' && *p != '-')
		return 0;
	if (n <= 4 && clock_like(p + 1, end, *p))
		return 0;
	return (size_t)(p + 1 - s);
}

/*
 * grep -H: "/var/log/messages:", "kern.log.1:", "messages-20240101:" (a
 * log's name), or another absolute path before a log prefix.
 */
static size_t file_name(const char *s, const char *end)
{
	static const char *const words[] = { "messages", "syslog", "kern",
					     "log", "dmesg", "journal" };
	const char *p = s;
	bool named = false;

	while (p < end && (isalnum((unsigned char)*p) || *p == '_' ||
			   *p == '.' || *p == '/' || *p == '-'))
		p++;
	if (p == s || p >= end - 1 || *p != ':' || p - s > 255 ||
	    blank_ch(p[1]))
		return 0;
	for (size_t i = 0; !named && i < sizeof(words) / sizeof(words[0]); i++)
		named = find(s, p, words[i]) != NULL;
	/* a file's name has a dot or a slash ("kernel_stack:0" has none) */
	if (!memchr(s, '.', (size_t)(p - s)) && !memchr(s, '/', (size_t)(p - s)) &&
	    !has_prefix(s, p, "messages") && !has_prefix(s, p, "syslog"))
		named = false;
	p++;
	if (named)
		return (size_t)(p - s);
	/* any other path only before a log prefix */
	if (*s == '/' && (*p == '[' || *p == '<' || stamp_like(p, end)))
		return (size_t)(p - s);
	return 0;
}

/* logwatch's kernel summary: "   3 Time(s): Out of memory: ..." */
static size_t logwatch(const char *s, const char *end)
{
	const char *p = s;
	size_t n;

	while (p < end && *p == ' ')
		p++;
	n = digits(p, end);
	if (n == 0 || !has_prefix(p + n, end, " Time(s): "))
		return 0;
	return (size_t)(p + n + 10 - s);
}

/*
 * Another program's line around a kernel record: macOS `log stream` of
 * Docker Desktop's VM ("2021-03-04 10:11:12.123456+0100 0x1a Default 0x0
 * 123 0 com.docker.hyperkit: [ 12.345678] ...") and vmware.log
 * ("2019-05-06T07:08:09.123Z| vcpu-0| I125: Guest: <6>..."), and
 * talosctl dmesg ("10.200.70.91: kern:    info: [2025-06-04T04:51:57.5Z]:
 * memory: usage ...").
 */
static size_t talos(const char *s, const char *end)
{
	const char *lim = end - s > 120 ? s + 120 : end;
	const char *p = s, *q;

	/* the node's name or address comes first, then ": kern: " */
	while (p < lim && *p != ':' && *p != ' ')
		p++;
	if (p == s || !has_prefix(p, lim, ": kern: "))
		return 0;
	for (p += 8; p < lim && *p == ' '; p++)
		;
	while (p < lim && islower((unsigned char)*p))
		p++;
	if (!has_prefix(p, lim, ": ["))
		return 0;
	if ((q = find(p, lim, "]: ")) == NULL)
		return 0;
	return (size_t)(q + 3 - s);
}

static size_t wrapper(const char *s, const char *end)
{
	const char *lim = end - s > 200 ? s + 200 : end;
	const char *p;

	if (talos(s, end))
		return talos(s, end);
	if (end - s < 12 || digits(s, end) != 4 || s[4] != '-')
		return 0;
	if ((p = find(s, lim, " com.docker.")) != NULL &&
	    (p = find(p, lim, ": ")) != NULL)
		return (size_t)(p + 2 - s);
	if ((p = find(s, lim, "| vcpu-")) != NULL &&
	    (p = find(p, lim, "Guest: ")) != NULL)
		return (size_t)(p + 7 - s);
	return 0;
}

/* A dmesg stamp "[ 12.345678]" starts at s. */
static bool is_stamp(const char *s, const char *end)
{
	const char *q = s + 1;
	size_t n;

	if (s >= end || *s != '[')
		return false;
	while (q < end && *q == ' ')
		q++;
	n = digits(q, end);
	return n > 0 && n <= 12 && q + n + 8 <= end && q[n] == '.' &&
	       digits(q + n + 1, end) == 6 && q[n + 7] == ']';
}

static size_t letters(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && (isalpha((unsigned char)*p) || *p == '.' ||
			   (unsigned char)*p >= 0x80))
		p++;
	return (size_t)(p - s);
}

/* A dmesg -T stamp "[Sat Nov 21 23:33:09 2026]" (any locale's words). */
static bool is_ctime_stamp(const char *s, const char *end)
{
	const char *p = s + 1;
	size_t n;

	if (s >= end || *s != '[' || (n = letters(p, end)) < 2 || n > 8)
		return false;
	p += n;
	if (p >= end || *p++ != ' ' || (n = letters(p, end)) < 3 || n > 8)
		return false;
	for (p += n; p < end && *p == ' '; p++)
		;
	n = digits(p, end);
	if (n < 1 || n > 2 || p + n + 15 > end || p[n] != ' ')
		return false;
	p += n + 1;
	return clock_like(p, end, ':') && p[5] == ':' && p[8] == ' ' &&
	       digits(p + 9, end) == 4 && p[13] == ']';
}

/* "<6>" before anything but a dmesg stamp (prefix.c reads "<6>[...]"). */
static size_t raw_level(const char *s, const char *end)
{
	size_t n;

	if (end - s < 4 || *s != '<')
		return 0;
	n = digits(s + 1, end);
	if (n == 0 || n > 3 || s + 1 + n >= end || s[1 + n] != '>')
		return 0;
	if (is_stamp(s + 2 + n, end))
		return 0;
	return n + 2;
}

/* dmesg -d / --time-format=delta "[  +0.002367] ", reltime "[Feb18 17:34] ". */
static size_t delta_stamp(const char *s, const char *end)
{
	const char *p = s + 1;
	size_t n;

	if (end - s < 8 || *s != '[')
		return 0;
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '+') {
		n = digits(p + 1, end);
		p += 1 + n;
		if (n == 0 || p >= end || *p != '.')
			return 0;
		p += 1 + digits(p + 1, end);
	} else if (end - s >= 14 && isupper((unsigned char)s[1]) &&
		   islower((unsigned char)s[2]) && digit(s[4]) &&
		   (n = digits(s + 4, end)) <= 2 && s[4 + n] == ' ' &&
		   digit(s[5 + n]) && s[7 + n] == ':' && s[10 + n] == ']') {
		p = s + 10 + n;
	} else {
		return 0;
	}
	if (p >= end || *p != ']')
		return 0;
	p++;
	return (size_t)(p < end && *p == ' ' ? p + 1 - s : p - s);
}

/* What a syslog line keeps once time and host were cut: "kernel: ". */
static size_t kernel_tag(const char *s, const char *end)
{
	const char *p = s + 7;

	if (!has_prefix(s, end, "kernel:"))
		return 0;
	if (p < end && *p == ' ')
		p++;
	else if (p < end && *p != '[')
		return 0;
	return (size_t)(p - s);
}

static size_t junk_once(const char *s, const char *end)
{
	size_t (*const steps[])(const char *, const char *) = {
		escape_seq, quote_marker, logwatch, line_number, file_name,
		wrapper, raw_level, delta_stamp, kernel_tag,
	};
	const char *p = s;
	size_t n;

	while (p < end && blank_ch(*p))
		p++;  /* indentation before junk goes with it */
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((n = steps[i](p, end)) != 0)
			return (size_t)(p + n - s);
	return 0;
}

size_t paste_strip(const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	size_t n;

	if (is_stamp(line, end))
		return 0;  /* the common dmesg line: a prefix, no junk */
	for (int i = 0; i < MAX_STRIP_ROUNDS && (n = junk_once(p, end)); i++)
		p += n;
	return (size_t)(p - line);
}

static void reserve(char **buf, size_t *alloc, size_t need)
{
	size_t old = *alloc;

	if (need <= old)
		return;
	*alloc = need < 256 ? 256 : need + need / 2;
	*buf = xrealloc(*buf, *alloc);
	/* PCRE2's JIT may look a few bytes past a subject's end */
	memset(*buf + old, 0, *alloc - old);
}

/* Counts "=3D" (the encoded "="), the surest sign of quoted-printable. */
static unsigned qp_marks(const char *s, size_t len)
{
	unsigned n = 0;

	if (!memchr(s, '=', len))
		return 0;
	for (const char *p = s, *end = s + len;
	     (p = find(p, end, "=3D")) != NULL; p += 3)
		n++;
	return n;
}

static bool qp_decide(struct paste *ps, const char *s, size_t len)
{
	unsigned n;

	if (ps->qp)
		return true;
	if ((n = qp_marks(s, len)) == 0)
		return false;
	ps->qp_evidence += n;
	if (n >= 2 || ps->qp_evidence >= 3 || (len && s[len - 1] == '='))
		ps->qp = true;
	return ps->qp;
}

/*
 * Appends the decoded line to ps->scratch (after what a soft break left
 * there); returns true when it ends in a soft break.
 */
static bool qp_decode(struct paste *ps, size_t *used, const char *s,
		      size_t len)
{
	const char *end = s + len;
	size_t o = *used;
	bool soft = false;

	while (len && blank_ch(s[len - 1]) && (end = s + --len))
		;  /* blanks before a line end are transport padding */
	reserve(&ps->scratch, &ps->scratch_alloc, o + len + 1);
	for (const char *p = s; p < end; p++) {
		int hi, lo;

		if (*p != '=') {
			ps->scratch[o++] = *p;
		} else if (p + 1 == end) {
			soft = true;
		} else if (p + 2 < end && (hi = lex_hex_value(p[1])) >= 0 &&
			   (lo = lex_hex_value(p[2])) >= 0) {
			ps->scratch[o++] = (char)(hi * 16 + lo);
			p += 2;
		} else {
			ps->scratch[o++] = '=';
		}
	}
	*used = o;
	return soft;
}

static void emit(struct paste *ps, const char *s, size_t len,
		 uint64_t lineno, uint64_t last, uint32_t dropped,
		 const struct log_line *ln)
{
	struct paste_line pl = { s, len, lineno, last, ln, dropped };

	ps->fn(ps->ctx, &pl);
}

static void flush_rec(struct paste *ps)
{
	if (!ps->has_rec)
		return;
	ps->has_rec = false;
	emit(ps, ps->rec, ps->rec_len, ps->rec_lineno, ps->rec_last, 0,
	     ps->rec_ln_ok ? &ps->rec_ln : NULL);
}

static void hold(struct paste *ps, const char *s, size_t len, uint64_t lineno)
{
	reserve(&ps->rec, &ps->rec_alloc, len + 1);
	memcpy(ps->rec, s, len);
	ps->rec_len = len;
	ps->rec_lineno = lineno;
	ps->rec_last = ps->cur_last;
	ps->has_rec = true;
}

/* "** 12 printk messages dropped **" (3.x+), "printk: 12 messages suppressed." */
static uint32_t dropped_marker(const char *m, const char *end, size_t *mlen)
{
	const char *p = m;
	size_t n;
	unsigned long v;

	if (has_prefix(p, end, "** "))
		p += 3;
	else if (has_prefix(p, end, "printk: "))
		p += 8;
	else
		return 0;
	n = digits(p, end);
	if (n == 0 || n > 9)
		return 0;
	v = strtoul(p, NULL, 10);
	p += n;
	if (has_prefix(p, end, " printk messages dropped **"))
		p += 27;
	else if (has_prefix(p, end, " messages suppressed."))
		p += 21;
	else
		return 0;
	while (p < end && *p == ' ')
		p++;
	*mlen = (size_t)(p - m);
	return v ? (uint32_t)v : 1;
}

/*
 * One record (its own line, or a piece of a joined line): a dropped marker
 * becomes a gap, and text after the marker (printk.time=0 consoles print
 * the next record right after it) a line of its own under the same prefix.
 */
/* A parse of [s, s+len) moved to the same text copied to `to`. */
static const char *rebase(const char *p, const char *s, size_t len,
			  const char *to)
{
	return p && p >= s && p <= s + len ? to + (p - s) : p;
}

static void hold_parsed(struct paste *ps, const char *s, size_t len,
			const struct log_line *ln)
{
	ps->rec_ln = *ln;
	ps->rec_ln.msg = rebase(ln->msg, s, len, ps->rec);
	ps->rec_ln.host = rebase(ln->host, s, len, ps->rec);
	ps->rec_ln.tag = rebase(ln->tag, s, len, ps->rec);
	ps->rec_ln.time_text = rebase(ln->time_text, s, len, ps->rec);
	ps->rec_ln_ok = true;
}

static void put(struct paste *ps, const char *s, size_t len, uint64_t lineno,
		bool last, const struct log_line *parsed)
{
	struct log_line ln;
	uint32_t gap;
	size_t mlen = 0, pre;

	if (parsed)
		ln = *parsed;
	else
		prefix_parse(&ps->probe, s, len, &ln);
	gap = dropped_marker(ln.msg, ln.msg + ln.msg_len, &mlen);
	if (gap) {
		ps->stats.dropped += gap;
		emit(ps, s, len, lineno, ps->cur_last, gap, NULL);
		if (mlen == ln.msg_len)
			return;
		pre = (size_t)(ln.msg - s);
		reserve(&ps->rec, &ps->rec_alloc, len - mlen + 1);
		memcpy(ps->rec, s, pre);
		memcpy(ps->rec + pre, ln.msg + mlen, ln.msg_len - mlen);
		ps->rec_len = len - mlen;
		ps->rec_lineno = lineno;
		ps->rec_last = ps->cur_last;
		ps->has_rec = true;
		ps->rec_prefixed = false;
		ps->rec_ln_ok = false;
		flush_rec(ps);
		return;
	}
	if (last && (len >= HOLD_MIN || ln.msg_len == 0) &&
	    ln.style != PREFIX_BARE && ln.style != PREFIX_CONTINUATION) {
		hold(ps, s, len, lineno);
		hold_parsed(ps, s, len, &ln);
		ps->rec_prefixed = true;
		ps->rec_bare_prefix = ln.msg_len == 0;
		return;
	}
	emit(ps, s, len, lineno, ps->cur_last, 0, &ln);
}

/*
 * Where the next record starts inside a line: "[ 12.345678]" (or with a
 * raw "<N>" before it) at or after `from`, or NULL.
 */
static const char *next_stamp(const char *from, const char *end)
{
	for (const char *p = from; (p = memchr(p, '[', (size_t)(end - p)));
	     p++) {
		if (!is_stamp(p, end) && !is_ctime_stamp(p, end))
			continue;
		if (p - from >= 8 && !memcmp(p - 8, "kernel: ", 8))
			continue;  /* a syslog prefix: pipeline.c splits there */
		if (p - from >= 3 && p[-1] == '>' && p[-3] == '<')
			return p - 3;
		return p;
	}
	return NULL;
}

/* A token that reads as kernel output: a number, key:value, a flag... */
static bool technical(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (digit(t[i]) || t[i] == ':' || t[i] == '=' || t[i] == '_' ||
		    t[i] == '(' || t[i] == '[' || t[i] == '*' || t[i] == '/')
			return true;
	return false;
}

/* Prose ("this is where it died") is no wrapped kernel field list. */
static bool prose(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	unsigned words = 0, tech = 0;

	while (p < end) {
		const char *t;

		while (p < end && blank_ch(*p))
			p++;
		for (t = p; p < end && !blank_ch(*p); p++)
			;
		if (p == t)
			break;
		words++;
		tech += technical(t, (size_t)(p - t));
	}
	return words >= 3 && tech * 4 < words;
}

static size_t last_token(const char *s, size_t len)
{
	size_t i = len;

	while (i > 0 && !blank_ch(s[i - 1]))
		i--;
	return len - i;
}

static bool field(const char *t, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (t[i] == ':' || t[i] == '=')
			return true;
	return false;
}

/*
 * Was the blank between the held record and its continuation eaten by the
 * wrap (word wrap), or was the text cut mid-token (a hard wrap at exactly
 * the width)?  Decided from the fields the join must produce.
 */
/*
 * The words and keys of the kernel's OOM report lines (dump_header(),
 * show_mem(), dump_tasks(), mem_cgroup_print_oom_*(), __oom_kill_process()
 * across 2.6-6.18): a wrap that cut one of them in two is joined without a
 * blank.  Sorted by strcmp() for bsearch().
 */
static const char *const vocabulary[] = {
	"Activated", "Adding", "BIOS", "CONSTRAINT_CPUSET", "CONSTRAINT_MEMCG",
	"CONSTRAINT_MEMORY_POLICY", "CONSTRAINT_NONE", "CPU", "Call", "Code",
	"Comm", "DMA", "DMA32", "Device", "EFLAGS", "Free", "Hardware", "HighMem",
	"Hugepage", "Kdump", "Kernel", "Kill", "Killed", "Manual", "Mem-Info",
	"Memory", "Movable", "Name", "Node", "Normal", "Not", "Out", "PID", "Pid",
	"RAM", "RIP", "RSP", "System", "Tainted", "Task", "Tasks", "Total", "Trace",
	"UID", "Unreclaimable", "Used", "Workqueue", "active_anon", "active_file",
	"all_unreclaimable", "allocation", "anon", "anon-rss", "anon-thp",
	"anon_thp", "as", "boost", "bounce", "cache", "callbacks", "cgroup",
	"child", "cma", "comm", "constraint", "cpuset", "deadlocked", "dirty",
	"dropped", "execution", "failcnt", "failure", "file", "file-rss",
	"file_dirty", "file_mapped", "file_thp", "file_writeback", "for", "free",
	"free_cma", "free_pcp", "gfp_mask", "giving", "global_oom",
	"hierarchical_memory_limit", "hierarchical_memsw_limit", "high", "hugepage",
	"hugepages_free", "hugepages_size", "hugepages_surp", "hugepages_total",
	"hwpoisoned", "in", "inactive_anon", "inactive_file", "info", "invoked",
	"is", "isolated_anon", "isolated_file", "kernel", "kernel_misc_reclaimable",
	"kernel_stack", "killable", "killed", "kmem", "limit", "loaded",
	"local_pcp", "low", "low_pages", "lowmem_reserve", "managed", "mapped",
	"mapped_file", "memory", "mems_allowed", "memsw", "messages", "min",
	"mlocked", "mode", "name", "no", "nodemask", "non-shared", "not", "now",
	"nr_ptes", "of", "oom-kill", "oom-killer", "oom_adj", "oom_memcg",
	"oom_reaper", "oom_score_adj", "or", "order", "page", "pagecache", "pages",
	"pages_free", "pages_scanned", "pagetables", "panic", "percpu",
	"pgactivate", "pgdeactivate", "pgfault", "pglazyfree", "pglazyfreed",
	"pgmajfault", "pgpgin", "pgpgout", "pgscan", "pgsteal", "pgtables",
	"pgtables_bytes", "pid", "present", "printk", "process", "processes",
	"reaped", "reserved", "reserved_highatomic", "result", "rss", "rss_anon",
	"rss_file", "rss_huge", "rss_shmem", "sacrifice", "score", "sec_pagetables",
	"shadow_call_stack", "shared", "shmem", "shmem-rss", "shmem_pmdmapped",
	"shmem_thp", "slab", "slab_reclaimable", "slab_unreclaimable", "sock",
	"stalls", "state", "stats", "suppressed", "swap", "swap_ra", "swap_ra_hit",
	"swapcached", "swapents", "syncing", "tainted", "task", "task_memcg",
	"tgid", "thp", "thp_collapse_alloc", "thp_fault_alloc", "total", "total-vm",
	"total_active_anon", "total_active_file", "total_cache", "total_dirty",
	"total_inactive_anon", "total_inactive_file", "total_mapped_file",
	"total_pgfault", "total_pgmajfault", "total_pgpgin", "total_pgpgout",
	"total_rss", "total_rss_huge", "total_shmem", "total_swap",
	"total_unevictable", "total_vm", "total_writeback", "uid", "unable",
	"unevictable", "unstable", "up", "usage", "values", "workingset_activate",
	"workingset_nodereclaim", "workingset_refault_anon",
	"workingset_refault_file", "workingset_restore", "writeback",
	"writeback_tmp", "zswap", "zswapped",
};

static int word_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* The word of a token: no brackets or punctuation, a key without value. */
static bool known_word(const char *t, size_t n)
{
	char w[48];
	size_t i = 0, k = 0;

	while (i < n && strchr("([<{\"'", t[i]))
		i++;
	while (i < n && k + 1 < sizeof(w) && !strchr(":=,.;)]>}\"'", t[i]))
		w[k++] = t[i++];
	w[k] = '\0';
	if (k < 2 || (i < n && k + 1 >= sizeof(w)))
		return false;
	return bsearch(w, vocabulary, sizeof(vocabulary) / sizeof(vocabulary[0]),
		       sizeof(vocabulary[0]), word_cmp) != NULL;
}

/* Does a + b read as one kernel word that neither half is alone? */
static int vocabulary_join(const char *a, size_t an, const char *b, size_t bn)
{
	char j[96];
	bool ka = known_word(a, an), kb = known_word(b, bn);

	if (ka && kb)
		return 1;   /* two words: the wrap ate the blank */
	if (an == 0 || strchr(":=,.;)]>}", a[an - 1]) || an + bn >= sizeof(j))
		return -1;  /* a ends a word: the join makes no new one */
	memcpy(j, a, an);
	memcpy(j + an, b, bn);
	return known_word(j, an + bn) ? 0 : -1;
}

/*
 * Was the blank between the held record and its continuation eaten by the
 * wrap (word wrap), or was the text cut mid-token (a hard wrap at exactly
 * the width)?  Decided from the word or field the join must produce, then
 * from the input's wrap width.
 */
static bool needs_blank(const struct paste *ps, const char *c, size_t clen)
{
	size_t an = last_token(ps->rec, ps->rec_len), bn = 0;
	const char *a = ps->rec + ps->rec_len - an;
	char la = an ? a[an - 1] : ' ';
	int v;

	while (bn < clen && !blank_ch(c[bn]))
		bn++;
	if (an == 0 || blank_ch(c[0]))
		return false;  /* the blank is still there */
	if (la == '=' || strchr(",:=)]", c[0]))
		return false;  /* "gfp_mask=" + "0x...", "free:12kB" + "," */
	if ((v = vocabulary_join(a, an, c, bn)) >= 0)
		return v;      /* "o" + "rder=0", "Not" + "tainted" */
	if (la == '-' || (la == ':' && digit(c[0]) && an >= 2 &&
			  (islower((unsigned char)a[an - 2]) || a[an - 2] == '_')))
		return false;  /* "codis-" + "server", "free:" + "1234kB" */
	if (field(a, an) && digit(la) && digit(c[0]) && !field(c, bn))
		return false;  /* a value cut: "anon-rss:518" + "40kB," */
	if (ps->last_raw_len < ps->width)
		return true;   /* shorter than the wrap: cut at a blank */
	if ((field(a, an) && field(c, bn)) || strchr(",)]", la))
		return true;
	/*
	 * A line exactly as long as the width: a word wrap lands there too.
	 * Word wraps leave most lines short of the width, hard wraps none.
	 */
	return !(ps->wraps_exact >= 2 && ps->wraps_short <= ps->wraps_exact / 4);
}

/* The current line (bare, unindented) continues the held record. */
static bool continues(const struct paste *ps, const char *s, size_t len)
{
	if (!ps->has_rec || !ps->rec_prefixed || len == 0 ||
	    ps->rec_len + len + 1 > PASTE_MAX_RECORD)
		return false;
	/*
	 * An indented line is a journalctl continuation, unless the line
	 * before it was cut at exactly the wrap width (mid-row).
	 */
	if (blank_ch(s[0]) && ps->last_raw_len != ps->width)
		return false;
	if (ps->rec_bare_prefix)
		return true;  /* the wrap moved the whole message down */
	if (ps->last_raw_len < HOLD_MIN ||
	    ps->last_raw_len + WRAP_SLACK < ps->width)
		return false;
	return !prose(s, len);
}

/* QP_SOFT_MIN-76 bytes ending in "=": a quoted-printable soft break. */
#define QP_SOFT_MIN 73

static void join(struct paste *ps, const char *s, size_t len, size_t raw_len)
{
	bool sp;

	/*
	 * Quoted-printable without any "=3D" yet (a text with no "="): the
	 * encoder's soft breaks are lines of 73-76 bytes ending in "=".
	 * Two of them turn the decoding on.
	 */
	if (!ps->qp && ps->rec_len > 1 && ps->rec[ps->rec_len - 1] == '=' &&
	    ps->rec[ps->rec_len - 2] != ' ' &&  /* "Free swap  =" + "0kB" */
	    ps->last_raw_len >= QP_SOFT_MIN && ps->last_raw_len <= 76) {
		ps->rec_len--;
		if (++ps->qp_evidence >= 2)
			ps->qp = true;
		sp = false;
	} else {
		sp = needs_blank(ps, s, len);
	}

	reserve(&ps->rec, &ps->rec_alloc, ps->rec_len + len + 2);
	if (sp)
		ps->rec[ps->rec_len++] = ' ';
	memcpy(ps->rec + ps->rec_len, s, len);
	ps->rec_len += len;
	if (ps->last_raw_len < ps->width)
		ps->wraps_short++;
	else if (ps->width_hits >= 2)
		ps->wraps_exact++;
	ps->last_raw_len = raw_len;
	ps->rec_last = ps->cur_last;
	ps->rec_bare_prefix = false;
	ps->rec_ln_ok = false;  /* its text grew, maybe moved: parse again */
	ps->stats.joined++;
}

/*
 * A joined syslog line wrapped right after its inner tag ("... or
 * sacrifice child Jun 4 07:41:59 plumbr kernel:" then "[7066.897701]
 * Killed ..."): the stamp line is the rest of that inner record.
 */
static bool tag_cut(const struct paste *ps, const struct log_line *ln)
{
	return ps->has_rec && ln->style == PREFIX_DMESG &&
	       ps->rec_len > 8 && !memcmp(ps->rec + ps->rec_len - 8,
					  " kernel:", 8);
}

/* Syslog time, two blanks, then "kernel:": the host was cut away. */
static bool empty_host(const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end && blank_ch(*s))
		s++;
	len = (size_t)(end - s);
	if (len < 26 || !stamp_like(s, end) || digit(s[0]))
		return false;
	return s[15] == ' ' && s[16] == ' ' && s[9] == ':' && s[12] == ':' &&
	       has_prefix(s + 17, end, "kernel");
}

/*
 * The wrap width is the longest prefixed line; hard wraps make many that
 * long.
 */
static void measure(struct paste *ps, size_t len)
{
	if (len > ps->width) {
		ps->width = len;
		ps->width_hits = 1;
	} else if (len == ps->width) {
		ps->width_hits++;
	}
}

/*
 * A quoted line whose archive collapsed the reply's line breaks keeps the
 * next line's quote marker inside it ("Kill process 7963 > (sge_qmaster)
 * score 948"): kernel text has no " > ", so each is one blank again.
 */
static size_t inner_quotes(struct paste *ps, const char *s, size_t len)
{
	size_t o = 0;

	reserve(&ps->scratch, &ps->scratch_alloc, len + 1);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ' && i + 2 < len && s[i + 1] == '>' &&
		    s[i + 2] == ' ')
			i += 2;
		ps->scratch[o++] = s[i];
	}
	return o;
}

/* Layers 2-4 on one logical line. */
static void logical(struct paste *ps, const char *s, size_t len,
		    size_t raw_len, uint64_t lineno, uint64_t last)
{
	size_t junk = paste_strip(s, len);
	const char *end, *cut, *from, *whole;
	struct log_line ln;
	size_t head;

	ps->cur_last = last;
	if (junk)
		ps->stats.stripped++;
	if (memchr(s, '>', junk) && memmem(s + junk, len - junk, " > ", 3)) {
		len = inner_quotes(ps, s + junk, len - junk);
		s = ps->scratch;
	} else {
		s += junk;
		len -= junk;
	}
	if (empty_host(s, len)) {
		size_t b = 0;

		while (blank_ch(s[b]))
			b++;
		reserve(&ps->scratch, &ps->scratch_alloc, len);
		if (s != ps->scratch)
			memcpy(ps->scratch, s, b + 16);
		memmove(ps->scratch + b + 16, s + b + 17, len - b - 17);
		s = ps->scratch;
		len--;
	}
	end = s + len;
	whole = s;
	prefix_parse(&ps->probe, s, len, &ln);
	if (ln.style != PREFIX_BARE && ln.style != PREFIX_CONTINUATION)
		measure(ps, raw_len);  /* continuations may hold long tokens */
	from = ln.msg + (ln.msg_len ? 1 : 0);
	cut = from <= end ? next_stamp(from, end) : NULL;
	head = (size_t)((cut ? cut : end) - s);
	if (((ln.style == PREFIX_BARE || ln.style == PREFIX_CONTINUATION) &&
	     continues(ps, s, head)) || tag_cut(ps, &ln)) {
		join(ps, s, head, raw_len);
		if (!cut)
			return;
		ps->stats.split++;
		s = cut;
		cut = next_stamp(s + 1, end);
	}
	flush_rec(ps);
	while (cut) {
		put(ps, s, (size_t)(cut - s), lineno, false, NULL);
		ps->stats.split++;
		s = cut;
		cut = next_stamp(s + 1, end);
	}
	ps->last_raw_len = raw_len;
	/* the whole line, as parsed above: no second parse */
	put(ps, s, (size_t)(end - s), lineno, true, s == whole ? &ln : NULL);
}

/*
 * Quoted-printable was only recognised on this line: a held record that
 * ends in "=" was the first half of a soft break ("... gfp=" then
 * "_mask=3D0x201da"), so it goes back to be joined and decoded.
 */
static void qp_reclaim(struct paste *ps, uint64_t lineno)
{
	if (!ps->has_rec || ps->rec_last + 1 != lineno || ps->rec_len < 2 ||
	    ps->rec[ps->rec_len - 1] != '=')
		return;
	ps->has_rec = false;
	ps->qp_start = ps->rec_lineno;
	ps->qp_len = 0;
	ps->qp_soft = qp_decode(ps, &ps->qp_len, ps->rec, ps->rec_len);
}

void paste_feed(struct paste *ps, const char *line, size_t len,
		uint64_t lineno)
{
	size_t used;
	bool was_qp = ps->qp;

	if (!ps->qp_soft && !qp_decide(ps, line, len)) {
		logical(ps, line, len, len, lineno, lineno);
		return;
	}
	if (!was_qp)
		qp_reclaim(ps, lineno);
	ps->stats.qp_lines++;
	if (!ps->qp_soft)
		ps->qp_start = lineno;
	used = ps->qp_soft ? ps->qp_len : 0;
	ps->qp_soft = qp_decode(ps, &used, line, len);
	ps->qp_len = used;
	ps->qp_last = lineno;
	if (ps->qp_soft && used < PASTE_MAX_RECORD)
		return;
	ps->qp_soft = false;
	/* scratch is reused by logical(): move the line to rec's side */
	reserve(&ps->qpline, &ps->qpline_alloc, used + 1);
	memcpy(ps->qpline, ps->scratch, used);
	logical(ps, ps->qpline, used, used, ps->qp_start, lineno);
}

void paste_finish(struct paste *ps)
{
	if (ps->qp_soft) {
		ps->qp_soft = false;
		reserve(&ps->qpline, &ps->qpline_alloc, ps->qp_len + 1);
		memcpy(ps->qpline, ps->scratch, ps->qp_len);
		logical(ps, ps->qpline, ps->qp_len, ps->qp_len, ps->qp_start,
			ps->qp_last);
	}
	flush_rec(ps);
}

bool paste_pending(const struct paste *ps)
{
	return ps->has_rec || ps->qp_soft;
}

void paste_init(struct paste *ps, paste_fn fn, void *ctx)
{
	memset(ps, 0, sizeof(*ps));
	ps->fn = fn;
	ps->ctx = ctx;
	prefix_init(&ps->probe, 2000, 0);
}

void paste_reset(struct paste *ps)
{
	struct paste_stats st = ps->stats;

	paste_finish(ps);
	ps->width = 0;
	ps->wraps_exact = ps->wraps_short = ps->width_hits = 0;
	ps->qp = false;
	ps->qp_evidence = 0;
	ps->last_raw_len = 0;
	ps->stats = st;
	prefix_init(&ps->probe, 2000, 0);
}

void paste_release(struct paste *ps)
{
	free(ps->rec);
	free(ps->scratch);
	free(ps->qpline);
	memset(ps, 0, sizeof(*ps));
}
