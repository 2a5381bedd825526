/*
 * Stage 2: strip the log prefix of one raw line -> struct log_line.
 *
 * Consumes one line as (pointer, length), NUL termination not needed, and
 * fills a struct log_line whose msg points just past the prefix (after the
 * one separating blank; further blanks belong to the message).  Each style
 * is a chain of small pointer-advancing parsers in the manner of curl's
 * strparse: each returns 0 and advances *pp on success, or returns -1 and
 * leaves *pp alone.  The styles are mutually exclusive by construction (a
 * dmesg line never also passes as journal-monotonic, a dmesg-iso stamp has
 * a comma where RFC 3339 has a dot), so trying the style of the previous
 * line first only saves time and never changes a result.
 *
 * Invariants: no allocation; nothing is read at or past line + len; every
 * number is bounded in digits before it is accumulated, so huge numbers
 * reject the prefix instead of overflowing; each byte is looked at a
 * bounded number of times (O(len)).  Wall times are computed with our own
 * days-from-civil arithmetic, never through the C library's time zone.
 *
 * Deliberately ignored (such lines come out bare): dmesg reltime/delta-only
 * stamps, a raw "<6>msg" without a time, busybox/OpenWrt logread prefixes,
 * month names outside the seven languages below, numeric months (CJK).
 */
#include "oomscope/prefix.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lex.h"
#include "banned.h"

/* 10^12 s is 31 700 years of uptime, and 10^12 * 10^6 fits in uint64_t. */
#define MAX_SECONDS_DIGITS 12
/* Weekday and month words: "Sat", "Di", "mar.", "févr." fit easily. */
#define MAX_WORD 16
/* A time zone offset beyond a day is nonsense; prefix_init() clamps. */
#define MAX_TZ_OFFSET (26 * 3600)

enum tag_rule {
	TAG_LOOSE, /* host optional, tag optional (syslog files) */
	TAG_ANY,   /* "host tag:" with any tag */
	TAG_MONO   /* "host kernel:" or "host name[pid]:" only */
};

/* A broken-down time as printed; zone_s is the offset east of UTC. */
struct civil {
	int year, mon, day, hour, min, sec;
	uint32_t us;
	bool has_zone;
	int64_t zone_s;
};

struct format {
	enum prefix_style style;
	int (*parse)(const char **pp, const char *end, const struct prefix *px,
		     struct log_line *ln);
};

struct name_val {
	const char *name;
	size_t len;
	int val;
};

#define NV(s, v) { s, sizeof(s) - 1, v }

/*
 * glibc abbreviated month names (abmon) of en, de, fr, es, it, nl and pt,
 * lower case, without the trailing dot; old fr_FR ones ("fév", "avr",
 * "aoû") too.  dmesg -T and journalctl short use strftime("%b") in the
 * user's locale (proxmox_cgroup_oom.log: "[Di Aug 12 03:54:03 2025]").
 */
static const struct name_val months[] = {
	NV("jan", 1), NV("feb", 2), NV("mar", 3), NV("apr", 4),
	NV("may", 5), NV("jun", 6), NV("jul", 7), NV("aug", 8),
	NV("sep", 9), NV("oct", 10), NV("nov", 11), NV("dec", 12),
	NV("ene", 1), NV("gen", 1), NV("janv", 1),
	NV("fev", 2), NV("f\xc3\xa9v", 2), NV("f\xc3\xa9vr", 2),
	NV("m\xc3\xa4r", 3), NV("mrt", 3), NV("mars", 3),
	NV("abr", 4), NV("avr", 4), NV("avril", 4),
	NV("mai", 5), NV("mag", 5), NV("mei", 5),
	NV("juin", 6), NV("giu", 6), NV("juil", 7), NV("lug", 7),
	NV("ago", 8), NV("ao\xc3\xbb", 8), NV("ao\xc3\xbb" "t", 8),
	NV("set", 9), NV("sept", 9),
	NV("okt", 10), NV("ott", 10), NV("out", 10),
	NV("dez", 12), NV("dic", 12), NV("d\xc3\xa9" "c", 12),
};

/*
 * journalctl short-full prints strftime("%Z").  Ambiguous abbreviations
 * (CST: US or China, IST: India, Ireland or Israel) are left out on
 * purpose; like any unknown word they are taken as UTC.
 */
static const struct name_val zones[] = {
	NV("UTC", 0), NV("GMT", 0), NV("UT", 0), NV("WET", 0),
	NV("WEST", 3600), NV("BST", 3600), NV("CET", 3600),
	NV("MET", 3600), NV("CEST", 7200), NV("MEST", 7200),
	NV("EET", 7200), NV("EEST", 10800), NV("MSK", 10800),
	NV("EST", -18000), NV("EDT", -14400), NV("CDT", -18000),
	NV("MST", -25200), NV("MDT", -21600), NV("PST", -28800),
	NV("PDT", -25200), NV("AKST", -32400), NV("AKDT", -28800),
	NV("HST", -36000), NV("JST", 32400), NV("KST", 32400),
	NV("HKT", 28800), NV("SGT", 28800), NV("AWST", 28800),
	NV("ACST", 34200), NV("ACDT", 37800), NV("AEST", 36000),
	NV("AEDT", 39600), NV("NZST", 43200), NV("NZDT", 46800),
};

/* util-linux dmesg -x: index = syslog facility / level number */
static const struct name_val facilities[] = {
	NV("kern", 0), NV("user", 1), NV("mail", 2), NV("daemon", 3),
	NV("auth", 4), NV("syslog", 5), NV("lpr", 6), NV("news", 7),
	NV("uucp", 8), NV("cron", 9), NV("authpriv", 10), NV("ftp", 11),
	NV("res0", 12), NV("res1", 13), NV("res2", 14), NV("res3", 15),
	NV("local0", 16), NV("local1", 17), NV("local2", 18),
	NV("local3", 19), NV("local4", 20), NV("local5", 21),
	NV("local6", 22), NV("local7", 23),
};

static const struct name_val levels[] = {
	NV("emerg", 0), NV("alert", 1), NV("crit", 2), NV("err", 3),
	NV("warn", 4), NV("notice", 5), NV("info", 6), NV("debug", 7),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- characters and tiny parsers ----------------------------------------- */

/* ASCII letters and any byte of a UTF-8 sequence ("Mär", "août") */
static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* the one blank between prefix and message; the end of the line will do */
static int sep(const char **pp, const char *end)
{
	if (*pp == end)
		return 0;
	return lex_ch(pp, end, ' ');
}

/* sep then 1-9 digits of a second -> microseconds (".001" is 1000 µs) */
static int fraction(const char **pp, const char *end, char sepc,
		    uint32_t *us)
{
	const char *p = *pp;
	uint32_t v = 0;
	int n;

	if (lex_ch(&p, end, sepc))
		return -1;
	for (n = 0; p < end && lex_is_digit(*p) && n < 9; n++, p++)
		if (n < 6)
			v = v * 10 + (uint32_t)(*p - '0');
	if (n == 0 || (p < end && lex_is_digit(*p)))
		return -1;
	for (; n < 6; n++)
		v *= 10;
	*us = v;
	*pp = p;
	return 0;
}

/* a word of letters with an optional trailing dot ("Sat", "Di", "mar.") */
static int word(const char **pp, const char *end, const char **w,
		size_t *wlen)
{
	const char *p = *pp;

	while (p < end && is_letter(*p) && p - *pp < MAX_WORD)
		p++;
	if (p == *pp || (p < end && is_letter(*p)))
		return -1;
	*w = *pp;
	*wlen = (size_t)(p - *pp);
	(void)lex_ch(&p, end, '.');
	*pp = p;
	return 0;
}

/* case-insensitive (ASCII) lookup of (w, n) in a name table */
static int lookup(const struct name_val *t, size_t count, const char *w,
		  size_t n, int *val)
{
	size_t i, j;

	for (i = 0; i < count; i++) {
		if (t[i].len != n)
			continue;
		for (j = 0; j < n && lower(w[j]) == lower(t[i].name[j]); j++)
			;
		if (j == n) {
			*val = t[i].val;
			return 0;
		}
	}
	return -1;
}

/* ---- dates and times ----------------------------------------------------- */

/* days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant) */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/*
 * A time printed without a zone is local time of a zone px->tz_offset_s
 * seconds east of UTC, exactly as if it carried "+HH:MM" (3600 for
 * "+01:00"): wall_s = the time read as UTC minus the offset.
 */
static void set_wall(struct log_line *ln, const struct civil *c,
		     const struct prefix *px)
{
	int64_t off = c->has_zone ? c->zone_s : px->tz_offset_s;

	ln->has_wall = true;
	ln->wall_s = days_from_civil(c->year, c->mon, c->day) * 86400 +
		     c->hour * 3600 + c->min * 60 + c->sec - off;
	ln->wall_us = c->us;
	ln->wall_year_known = true;
}

static int month(const char **pp, const char *end, int *mon)
{
	const char *p = *pp, *w;
	size_t n;

	if (word(&p, end, &w, &n) || lookup(months, COUNT(months), w, n, mon))
		return -1;
	*pp = p;
	return 0;
}

/* day of month "21", " 1" (after the separating blank: "Nov  1"), "01" */
static int mday(const char **pp, const char *end, int *day)
{
	const char *p = *pp;
	uint64_t v;

	(void)lex_ch(&p, end, ' ');
	if (lex_digits(&p, end, 2, &v) || v < 1 || v > 31)
		return -1;
	*day = (int)v;
	*pp = p;
	return 0;
}

/* "2026-11-21" */
static int ymd(const char **pp, const char *end, struct civil *c)
{
	const char *p = *pp;

	if (lex_fixed(&p, end, 4, &c->year) || lex_ch(&p, end, '-') ||
	    lex_fixed(&p, end, 2, &c->mon) || lex_ch(&p, end, '-') ||
	    lex_fixed(&p, end, 2, &c->day))
		return -1;
	if (c->mon < 1 || c->mon > 12 || c->day < 1 || c->day > 31)
		return -1;
	*pp = p;
	return 0;
}

/* "10:00:00" (a leap second 60 is accepted and simply carries) */
static int hms(const char **pp, const char *end, struct civil *c)
{
	const char *p = *pp;

	if (lex_fixed(&p, end, 2, &c->hour) || lex_ch(&p, end, ':') ||
	    lex_fixed(&p, end, 2, &c->min) || lex_ch(&p, end, ':') ||
	    lex_fixed(&p, end, 2, &c->sec))
		return -1;
	if (c->hour > 23 || c->min > 59 || c->sec > 60)
		return -1;
	*pp = p;
	return 0;
}

/* "Z", "+HH:MM", "+HHMM" or "+HH" -> seconds east of UTC */
static int zone_num(const char **pp, const char *end, struct civil *c)
{
	const char *p = *pp, *q;
	int sign = 1, hh = 0, mm = 0;

	if (lex_ch(&p, end, 'Z') == 0)
		goto out;
	if (lex_ch(&p, end, '-') == 0)
		sign = -1;
	else if (lex_ch(&p, end, '+'))
		return -1;
	if (lex_fixed(&p, end, 2, &hh) || hh > 23)
		return -1;
	q = p;
	(void)lex_ch(&q, end, ':');
	if (lex_fixed(&q, end, 2, &mm) == 0)
		p = q;
	if (mm > 59)
		return -1;
out:
	c->has_zone = true;
	c->zone_s = sign * (hh * 3600 + mm * 60);
	*pp = p;
	return 0;
}

/* strftime("%Z") word; an unknown abbreviation is taken as UTC */
static int zone_word(const char **pp, const char *end, struct civil *c)
{
	const char *p = *pp;
	int off = 0;

	while (p < end && *p >= 'A' && *p <= 'Z' && p - *pp < 6)
		p++;
	if (p == *pp || (p < end && *p != ' '))
		return -1;
	(void)lookup(zones, COUNT(zones), *pp, (size_t)(p - *pp), &off);
	c->has_zone = true;
	c->zone_s = off;
	*pp = p;
	return 0;
}

/* "2026-11-21T10:00:00" + fraction after fc (required if need_frac) + zone */
static int iso_stamp(const char **pp, const char *end, char fc,
		     bool need_frac, struct civil *c)
{
	const char *p = *pp;

	if (ymd(&p, end, c) || lex_ch(&p, end, 'T') || hms(&p, end, c))
		return -1;
	if (fraction(&p, end, fc, &c->us) && need_frac)
		return -1;
	(void)zone_num(&p, end, c);
	*pp = p;
	return 0;
}

/* ---- dmesg pieces -------------------------------------------------------- */

/* " <    0.000021>" of dmesg -d and journalctl short-delta */
static int delta(const char **pp, const char *end)
{
	const char *p = *pp;
	uint64_t s;
	uint32_t us;

	if (lex_ch(&p, end, ' '))
		return -1;
	lex_skip(&p, end, ' ');
	if (lex_ch(&p, end, '<'))
		return -1;
	lex_skip(&p, end, ' ');
	if (lex_digits(&p, end, MAX_SECONDS_DIGITS, &s) ||
	    fraction(&p, end, '.', &us) || lex_ch(&p, end, '>'))
		return -1;
	*pp = p;
	return 0;
}

/*
 * printk_time, kernel/printk/printk.c: "[%5lu.%06lu]", right-aligned, grows
 * past 5 digits; pastes also show fewer fraction digits ("[ 123.001]").
 */
static int uptime(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp, *t;
	uint64_t s;
	uint32_t us;
	size_t tl;

	if (lex_ch(&p, end, '['))
		return -1;
	lex_skip(&p, end, ' ');
	t = p;
	if (lex_digits(&p, end, MAX_SECONDS_DIGITS, &s) ||
	    fraction(&p, end, '.', &us))
		return -1;
	tl = (size_t)(p - t);
	(void)delta(&p, end);
	if (lex_ch(&p, end, ']'))
		return -1;
	ln->has_uptime = true;
	ln->uptime_us = s * 1000000 + us;
	ln->time_text = t;
	ln->time_text_len = tl;
	*pp = p;
	return 0;
}

/* "T2150" (task) or "C1" (CPU), the PRINTK_CALLER id */
static int caller_id(const char **pp, const char *end, uint32_t *id,
		     bool *cpu)
{
	const char *p = *pp;
	uint64_t v;

	if (lex_ch(&p, end, 'T') == 0)
		*cpu = false;
	else if (lex_ch(&p, end, 'C') == 0)
		*cpu = true;
	else
		return -1;
	if (lex_digits(&p, end, 10, &v) || v > UINT32_MAX)
		return -1;
	*id = (uint32_t)v;
	*pp = p;
	return 0;
}

/* CONFIG_PRINTK_CALLER (5.1+): "[ T2150]", "[  C1]" ("[%6s]") */
static int caller(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp;
	uint32_t id;
	bool cpu;

	if (lex_ch(&p, end, '['))
		return -1;
	lex_skip(&p, end, ' ');
	if (caller_id(&p, end, &id, &cpu) || lex_ch(&p, end, ']'))
		return -1;
	ln->caller_id = id;
	ln->caller_is_cpu = cpu;
	*pp = p;
	return 0;
}

/* the console glues the caller to the time, util-linux dmesg adds a blank */
static int opt_caller(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp;

	if (caller(pp, end, ln) == 0)
		return 0;
	if (lex_ch(&p, end, ' ') || caller(&p, end, ln))
		return -1;
	*pp = p;
	return 0;
}

/* dmesg -r, syslog(2): "<4>" = facility << 3 | level */
static int raw_prio(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp;
	uint64_t prio;

	if (lex_ch(&p, end, '<') || lex_digits(&p, end, 3, &prio) ||
	    prio > 191 || lex_ch(&p, end, '>'))
		return -1;
	ln->level = (int)(prio & 7);
	ln->is_kernel = prio >> 3 == 0;
	*pp = p;
	return 0;
}

/* "[Di Aug 12 03:54:03 2025]": dmesg -T, strftime("%a %b %e %H:%M:%S %Y") */
static int ctime_stamp(const char **pp, const char *end,
		       const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp, *t, *w;
	struct civil c = { 0 };
	size_t n;

	if (lex_ch(&p, end, '['))
		return -1;
	t = p;
	if (word(&p, end, &w, &n) || lex_ch(&p, end, ' ') ||
	    month(&p, end, &c.mon) || lex_ch(&p, end, ' ') ||
	    mday(&p, end, &c.day) || lex_ch(&p, end, ' ') || hms(&p, end, &c) ||
	    lex_ch(&p, end, ' ') || lex_fixed(&p, end, 4, &c.year) ||
	    lex_ch(&p, end, ']'))
		return -1;
	ln->time_text = t;
	ln->time_text_len = (size_t)(p - 1 - t);
	set_wall(ln, &c, px);
	*pp = p;
	return 0;
}

/* ---- host and tag -------------------------------------------------------- */

/* "kernel[123]" -> "kernel"; *pid tells whether a "[digits]" was cut */
static const char *tag_name_end(const char *s, const char *e, bool *pid)
{
	const char *b = e - 1;

	*pid = false;
	if (e - s < 3 || *b != ']')
		return e;
	while (--b > s && lex_is_digit(*b))
		;
	if (*b != '[' || b == s || b + 1 == e - 1)
		return e;
	*pid = true;
	return b;
}

/* "kernel:", "myapp[42]:", "rsyslogd-2177:", then a blank */
static int tag(const char **pp, const char *end, struct log_line *ln,
	       bool *pid)
{
	const char *p = *pp, *s = p;

	while (p < end && *p != ' ')
		p++;
	if (p - s < 2 || p[-1] != ':')
		return -1;
	ln->tag = s;
	ln->tag_len = (size_t)(tag_name_end(s, p - 1, pid) - s);
	/* the kernel's own lines never carry a pid: "kernel[4242]:" is what
	 * `logger -i -t kernel` (and journald for `logger -t kernel`) writes */
	ln->is_kernel = !*pid && ln->tag_len == 6 &&
			memcmp(s, "kernel", 6) == 0;
	(void)lex_ch(&p, end, ' ');
	*pp = p;
	return 0;
}

/* a host name: any run of non-blanks that does not end like a tag */
static int host(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp;

	while (p < end && *p != ' ')
		p++;
	if (p == *pp || p[-1] == ':')
		return -1;
	ln->host = *pp;
	ln->host_len = (size_t)(p - *pp);
	*pp = p;
	return 0;
}

/*
 * "host tag: " after a wall-clock stamp.  TAG_LOOSE (syslog files) also
 * takes a tag without host ("kernel: msg") and a host without tag ("host
 * -- MARK --", not kernel).  TAG_MONO admits only "kernel:" and
 * "name[pid]:", see parse_mono().
 */
static int host_tag(const char **pp, const char *end, struct log_line *ln,
		    enum tag_rule rule)
{
	const char *p = *pp;
	bool pid;

	if (rule == TAG_LOOSE && tag(&p, end, ln, &pid) == 0)
		goto out;
	if (host(&p, end, ln))
		return -1;
	if (rule == TAG_LOOSE) {
		(void)sep(&p, end);
		if (tag(&p, end, ln, &pid))
			ln->is_kernel = false;
		goto out;
	}
	if (lex_ch(&p, end, ' ') || tag(&p, end, ln, &pid))
		return -1;
	if (rule == TAG_MONO && !ln->is_kernel && !pid)
		return -1;
out:
	*pp = p;
	return 0;
}

/* ---- the styles ---------------------------------------------------------- */

/* does the text after "[uptime] " read "host kernel:" / "host name[pid]:"? */
static bool mono_shape(const char *p, const char *end)
{
	struct log_line tmp = { 0 };

	return host_tag(&p, end, &tmp, TAG_MONO) == 0;
}

/*
 * dmesg: "[   89.703652] msg", raw "<4>[ 89.703652] msg", PRINTK_CALLER
 * "[   89.703652][ T2150] msg" (console) / "[ 89.7] [  C1] msg" (dmesg).
 */
static int parse_dmesg(const char **pp, const char *end,
		       const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	bool raw, called;

	(void)px;
	raw = raw_prio(&p, end, ln) == 0;
	if (uptime(&p, end, ln))
		return -1;
	called = opt_caller(&p, end, ln) == 0;
	if (sep(&p, end))
		return -1;
	if (!raw && !called && mono_shape(p, end))
		return -1;
	*pp = p;
	return 0;
}

/*
 * journalctl -o short-monotonic "[   89.703652] host kernel: msg" and
 * short-delta "[   89.703652 <    0.000021>] host kernel: msg".  Rule: only
 * when the second word is exactly "kernel:" or a "name[pid]:" tag, because
 * "[ 89.703734] Call Trace:" or "[ 1.2] usb 1-1: new device" are dmesg
 * lines of the same shape; parse_dmesg() refuses what this accepts.
 */
static int parse_mono(const char **pp, const char *end,
		      const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;

	(void)px;
	if (uptime(&p, end, ln) || lex_ch(&p, end, ' '))
		return -1;
	/* "[T123456]": a caller id the width of its field, not a host */
	if ((p < end && *p == '[') || host_tag(&p, end, ln, TAG_MONO))
		return -1;
	*pp = p;
	return 0;
}

static int parse_ctime(const char **pp, const char *end,
		       const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;

	if (ctime_stamp(&p, end, px, ln))
		return -1;
	(void)opt_caller(&p, end, ln);
	if (sep(&p, end))
		return -1;
	*pp = p;
	return 0;
}

/* dmesg --time-format=iso: "2026-11-21T10:00:00,123456+00:00 msg" */
static int parse_dmesg_iso(const char **pp, const char *end,
			   const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	struct civil c = { 0 };

	if (iso_stamp(&p, end, ',', true, &c))
		return -1;
	ln->time_text = *pp;
	ln->time_text_len = (size_t)(p - *pp);
	if (sep(&p, end))
		return -1;
	set_wall(ln, &c, px);
	*pp = p;
	return 0;
}

/* a facility or level word of dmesg -x, padded with blanks, then ':' */
static int decode_field(const char **pp, const char *end,
			const struct name_val *t, size_t count, int *val)
{
	const char *p = *pp;

	while (p < end && *p >= 'a' && *p <= 'z')
		p++;
	while (p < end && lex_is_digit(*p))
		p++;
	if (lookup(t, count, *pp, (size_t)(p - *pp), val))
		return -1;
	lex_skip(&p, end, ' ');
	if (lex_ch(&p, end, ':'))
		return -1;
	*pp = p;
	return 0;
}

/* dmesg -x: "kern  :warn  : [   89.703652] msg" (util-linux "%-6s:%-6s: ") */
static int parse_decode(const char **pp, const char *end,
			const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	int fac, lvl;

	if (decode_field(&p, end, facilities, COUNT(facilities), &fac) ||
	    decode_field(&p, end, levels, COUNT(levels), &lvl) ||
	    lex_ch(&p, end, ' '))
		return -1;
	if (uptime(&p, end, ln) == 0 || ctime_stamp(&p, end, px, ln) == 0) {
		(void)opt_caller(&p, end, ln);
		if (sep(&p, end))
			return -1;
	}
	ln->is_kernel = fac == 0;
	ln->level = lvl;
	*pp = p;
	return 0;
}

/* one ",field" of a kmsg header: flags ("-", "c", "+") or "caller=T2150" */
static int kmsg_field(const char **pp, const char *end, struct log_line *ln)
{
	const char *p = *pp, *f;

	if (lex_ch(&p, end, ','))
		return -1;
	f = p;
	if (end - p > 7 && memcmp(p, "caller=", 7) == 0) {
		p += 7;
		if (caller_id(&p, end, &ln->caller_id, &ln->caller_is_cpu))
			return -1;
	} else {
		while (p < end && *p != ',' && *p != ';' && *p != ' ')
			p++;
		if (p == f)
			return -1;
	}
	*pp = p;
	return 0;
}

/*
 * /dev/kmsg (3.5+, Documentation/ABI/testing/dev-kmsg): "prio,seq,usec,
 * flags[,caller=T2150];msg", e.g. "4,3050,89703652,-;hog invoked ...";
 * 3.5 had no flags field.  prio = facility << 3 | level.
 */
static int parse_kmsg(const char **pp, const char *end,
		      const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp, *t;
	uint64_t prio, seq, us;

	(void)px;
	if (lex_digits(&p, end, 3, &prio) || prio > 191 ||
	    lex_ch(&p, end, ',') || lex_digits(&p, end, 19, &seq) ||
	    lex_ch(&p, end, ','))
		return -1;
	t = p;
	if (lex_digits(&p, end, 19, &us))
		return -1;
	ln->time_text = t;
	ln->time_text_len = (size_t)(p - t);
	while (p < end && *p == ',')
		if (kmsg_field(&p, end, ln))
			return -1;
	if (lex_ch(&p, end, ';'))
		return -1;
	ln->has_uptime = true;
	ln->uptime_us = us;
	ln->level = (int)(prio & 7);
	ln->is_kernel = prio >> 3 == 0;
	*pp = p;
	return 0;
}

/*
 * RFC 3164 (rsyslog traditional) "Nov 13 14:56:19 host kernel: msg", day
 * blank-padded ("Nov  3"), unpadded in pastes ("Jun 4", plumbr) or zero-
 * padded (journalctl short: "Nov 03"); journalctl short-precise adds
 * ".123456".  No year: px->default_year.
 */
static int parse_syslog(const char **pp, const char *end,
			const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	struct civil c = { .year = px->default_year };

	if (month(&p, end, &c.mon) || lex_ch(&p, end, ' ') ||
	    mday(&p, end, &c.day) || lex_ch(&p, end, ' ') || hms(&p, end, &c))
		return -1;
	(void)fraction(&p, end, '.', &c.us);
	ln->time_text = *pp;
	ln->time_text_len = (size_t)(p - *pp);
	if (lex_ch(&p, end, ' ') || host_tag(&p, end, ln, TAG_LOOSE))
		return -1;
	set_wall(ln, &c, px);
	ln->wall_year_known = px->year_given;
	*pp = p;
	return 0;
}

/*
 * RSYSLOG_FileFormat and journalctl short-iso(-precise):
 * "2026-11-21T10:00:00.123456+00:00 host kernel: msg", also "+0000", "Z".
 * A comma before the fraction is dmesg-iso, never this.
 */
static int parse_rfc3339(const char **pp, const char *end,
			 const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	struct civil c = { 0 };

	if (iso_stamp(&p, end, '.', false, &c))
		return -1;
	ln->time_text = *pp;
	ln->time_text_len = (size_t)(p - *pp);
	if (lex_ch(&p, end, ' ') || host_tag(&p, end, ln, TAG_LOOSE))
		return -1;
	set_wall(ln, &c, px);
	*pp = p;
	return 0;
}

/* journalctl short-full: "Sat 2026-11-21 10:00:00 UTC host kernel: msg" */
static int parse_full(const char **pp, const char *end,
		      const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp, *w;
	struct civil c = { 0 };
	size_t n;

	if (word(&p, end, &w, &n) || lex_ch(&p, end, ' ') || ymd(&p, end, &c) ||
	    lex_ch(&p, end, ' ') || hms(&p, end, &c))
		return -1;
	(void)fraction(&p, end, '.', &c.us);
	if (lex_ch(&p, end, ' ') ||
	    (zone_num(&p, end, &c) && zone_word(&p, end, &c)))
		return -1;
	ln->time_text = *pp;
	ln->time_text_len = (size_t)(p - *pp);
	if (lex_ch(&p, end, ' ') || host_tag(&p, end, ln, TAG_LOOSE))
		return -1;
	set_wall(ln, &c, px);
	*pp = p;
	return 0;
}

/* journalctl short-unix: "1763719200.123456 host kernel: msg" */
static int parse_unix(const char **pp, const char *end,
		      const struct prefix *px, struct log_line *ln)
{
	const char *p = *pp;
	uint64_t s;
	uint32_t us;

	(void)px;
	if (lex_digits(&p, end, MAX_SECONDS_DIGITS, &s) ||
	    fraction(&p, end, '.', &us))
		return -1;
	ln->time_text = *pp;
	ln->time_text_len = (size_t)(p - *pp);
	if (lex_ch(&p, end, ' ') || host_tag(&p, end, ln, TAG_ANY))
		return -1;
	ln->has_wall = true;
	ln->wall_s = (int64_t)s;
	ln->wall_us = us;
	ln->wall_year_known = true;
	*pp = p;
	return 0;
}

/* Most common first; the order never changes a result (see the top). */
static const struct format formats[] = {
	{ PREFIX_SYSLOG, parse_syslog },
	{ PREFIX_DMESG, parse_dmesg },
	{ PREFIX_JOURNAL_MONO, parse_mono },
	{ PREFIX_DMESG_CTIME, parse_ctime },
	{ PREFIX_SYSLOG_RFC3339, parse_rfc3339 },
	{ PREFIX_KMSG, parse_kmsg },
	{ PREFIX_DMESG_ISO, parse_dmesg_iso },
	{ PREFIX_JOURNAL_FULL, parse_full },
	{ PREFIX_JOURNAL_UNIX, parse_unix },
	{ PREFIX_DMESG_DECODE, parse_decode },
	{ PREFIX_BARE, NULL },
};

/* ---- the driver ---------------------------------------------------------- */

static const struct format *hint(enum prefix_style last)
{
	const struct format *f;

	for (f = formats; f->parse; f++)
		if (f->style == last)
			return f;
	return NULL;
}

/* the style of the previous prefixed line first, then the table */
static int try_formats(const struct prefix *px, const char **pp,
		       const char *end, struct log_line *ln)
{
	const struct log_line base = *ln;
	const struct format *f, *first = hint(px->last);

	if (first && first->parse(pp, end, px, ln) == 0) {
		ln->style = first->style;
		return 0;
	}
	for (f = formats; f->parse; f++) {
		if (f == first)
			continue;
		*ln = base;
		if (f->parse(pp, end, px, ln) == 0) {
			ln->style = f->style;
			return 0;
		}
	}
	*ln = base;
	return -1;
}

/*
 * rsyslog imklog keeps the kernel's own stamp in the text:
 * "Jun 4 07:41:59 plumbr kernel: [70667120.897649] Out of memory: ...".
 * Only one is removed: "kernel: [15180285.660487] [ 2925]     0 ..." keeps
 * the task row (fixtures/many-events-syslog-rhel6-new-db1.log).
 */
static void nested_uptime(const char **pp, const char *end,
			  struct log_line *ln)
{
	const char *p = *pp, *t = ln->time_text;
	size_t tl = ln->time_text_len;
	struct log_line save;

	if (p == end || *p != '[')
		return;
	save = *ln;
	if (uptime(&p, end, ln) == 0) {
		(void)opt_caller(&p, end, ln);
		if (sep(&p, end) == 0) {
			ln->time_text = t;
			ln->time_text_len = tl;
			*pp = p;
			return;
		}
	}
	*ln = save;
}

/* /dev/kmsg dictionary lines after a record: " SUBSYSTEM=pci", " DEVICE=" */
static bool kmsg_dict(const char *p, const char *end)
{
	const char *k;

	if (lex_ch(&p, end, ' '))
		return false;
	for (k = p; p < end; p++)
		if (!((*p >= 'A' && *p <= 'Z') || lex_is_digit(*p) ||
		      *p == '_'))
			break;
	return p > k && p < end && *p == '=';
}

static void remember(struct prefix *px, const struct log_line *ln)
{
	size_t n = ln->host ? ln->host_len : 0;

	if (n > sizeof(px->last_host) - 1)
		n = sizeof(px->last_host) - 1;
	if (n)
		memcpy(px->last_host, ln->host, n);
	px->last_host[n] = '\0';
	px->last_host_len = n;
	px->last = ln->style;
	px->last_is_kernel = ln->is_kernel;
}

static void continuation(const struct prefix *px, struct log_line *ln)
{
	ln->style = PREFIX_CONTINUATION;
	ln->host = px->last_host_len ? px->last_host : NULL;
	ln->host_len = px->last_host_len;
	ln->is_kernel = px->last_is_kernel;
}

void prefix_init(struct prefix *px, int default_year, int64_t tz_offset_s)
{
	memset(px, 0, sizeof(*px));
	px->last = PREFIX_BARE;
	px->default_year = default_year;
	if (tz_offset_s > MAX_TZ_OFFSET)
		tz_offset_s = MAX_TZ_OFFSET;
	if (tz_offset_s < -MAX_TZ_OFFSET)
		tz_offset_s = -MAX_TZ_OFFSET;
	px->tz_offset_s = tz_offset_s;
	px->last_is_kernel = true;
}

void prefix_parse(struct prefix *px, const char *line, size_t len,
		  struct log_line *out)
{
	const char *p = line, *end = line + len;

	memset(out, 0, sizeof(*out));
	out->msg = line;
	out->msg_len = len;
	out->style = PREFIX_BARE;
	out->is_kernel = true;
	out->level = -1;
	if (px->last == PREFIX_KMSG && kmsg_dict(line, end)) {
		continuation(px, out);
		out->kmsg_dict = true;
		return;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (try_formats(px, &p, end, out) == 0) {
		if (out->tag && out->is_kernel &&
		    out->style != PREFIX_JOURNAL_MONO)
			nested_uptime(&p, end, out);
		out->msg = p;
		out->msg_len = (size_t)(end - p);
		remember(px, out);
	} else if (p != line && px->last != PREFIX_BARE) {
		continuation(px, out);
	} else {
		px->last = PREFIX_BARE;
	}
}

const char *prefix_style_name(enum prefix_style style)
{
	static const char *const names[PREFIX_STYLE_COUNT] = {
		[PREFIX_BARE] = "bare",
		[PREFIX_CONTINUATION] = "continuation",
		[PREFIX_DMESG] = "dmesg",
		[PREFIX_DMESG_CTIME] = "dmesg-T",
		[PREFIX_DMESG_ISO] = "dmesg-iso",
		[PREFIX_DMESG_DECODE] = "dmesg-decode",
		[PREFIX_KMSG] = "kmsg",
		[PREFIX_SYSLOG] = "syslog",
		[PREFIX_SYSLOG_RFC3339] = "syslog-rfc3339",
		[PREFIX_JOURNAL_FULL] = "journal-full",
		[PREFIX_JOURNAL_MONO] = "journal-monotonic",
		[PREFIX_JOURNAL_UNIX] = "journal-unix",
	};

	if ((unsigned)style >= PREFIX_STYLE_COUNT)
		return "unknown";
	return names[style];
}
