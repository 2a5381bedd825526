/*
 * Selection: which analysed events the run reports, and the buffer that
 * --sort and --last need.
 *
 * The time syntax is parsed with small pointer-advancing steps (0 or -1,
 * advancing only on success), as prefix.c does.  An absolute time without a
 * zone is UTC, like every zone-less time oomscope reads, so the result does
 * not depend on TZ; a relative one ("2h") is counted back from the `now`
 * the caller passes (cli.c passes time(NULL), tests a fixed value).
 *
 * The buffer keeps events in arrival order in a ring (so --last N holds N
 * events at most, whatever the input size); sorting is a stable sort on the
 * wall-clock time, where an event without one inherits the time of the
 * event before it, so a dmesg excerpt stays where its input put it.
 */
#include "oomscope/select.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lex.h"
#include "xalloc.h"
#include "banned.h"

/* ---- time syntax ------------------------------------------------------ */

/* "Z", "+01:00", "-0130" or nothing: seconds east of UTC. */
static int zone(const char **p, const char *end, int64_t *east)
{
	const char *s = *p;
	int sign, h, m = 0;

	*east = 0;
	if (*s == 'Z' || *s == 'z') {
		*p = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	if (lex_fixed(&s, end, 2, &h))
		return -1;
	if (*s == ':')
		s++;
	if (isdigit((unsigned char)*s) && lex_fixed(&s, end, 2, &m))
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*east = sign * (h * 3600 + m * 60);
	*p = s;
	return 0;
}

/* " 14:56", " 14:56:19", "T14:56:19.123"; nothing leaves 00:00:00. */
static int clock_part(const char **p, const char *end, struct tm *tm)
{
	const char *s = *p;

	if (*s != ' ' && *s != 'T' && *s != 't')
		return 0;
	s++;
	if (lex_fixed(&s, end, 2, &tm->tm_hour) || lex_ch(&s, end, ':') ||
	    lex_fixed(&s, end, 2, &tm->tm_min))
		return -1;
	if (*s == ':' && (s++, lex_fixed(&s, end, 2, &tm->tm_sec)))
		return -1;
	if (*s == '.' || *s == ',')
		for (s++; isdigit((unsigned char)*s); s++)
			;
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 60)
		return -1;
	*p = s;
	return 0;
}

static int absolute(const char *s, int64_t *out)
{
	const char *end = s + strlen(s);
	struct tm tm;
	int64_t east;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (lex_fixed(&s, end, 4, &tm.tm_year) || lex_ch(&s, end, '-') ||
	    lex_fixed(&s, end, 2, &tm.tm_mon) || lex_ch(&s, end, '-') ||
	    lex_fixed(&s, end, 2, &tm.tm_mday) || clock_part(&s, end, &tm) ||
	    zone(&s, end, &east) || *s)
		return -1;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_year < 1970)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t - east;
	return 0;
}

/* "1h30m", "2d", "90s": a duration in seconds. */
static int duration(const char *s, int64_t *out)
{
	int64_t total = 0;

	if (!*s)
		return -1;
	while (*s) {
		char *end;
		long long n;
		int64_t unit;

		if (!isdigit((unsigned char)*s))
			return -1;
		n = strtoll(s, &end, 10);
		switch (*end) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		/* 10^10 s is over 300 years: anything above is a typo */
		if (n < 0 || n > 10000000000LL / unit)
			return -1;
		total += (int64_t)n * unit;
		if (total > 10000000000LL)
			return -1;
		s = end + 1;
	}
	*out = total;
	return 0;
}

int select_parse_time(const char *s, int64_t now, int64_t *out)
{
	int64_t d;

	if (!strcmp(s, "now")) {
		*out = now;
		return 0;
	}
	if (absolute(s, out) == 0)
		return 0;
	if (duration(s, &d) < 0)
		return -1;
	*out = now - d;
	return 0;
}

/* ---- per-event tests -------------------------------------------------- */

static bool victim_named(const struct oom_event *ev, const char *name)
{
	if ((ev->seen & OOM_PART_VICTIM) && !strcmp(ev->victim.name, name))
		return true;
	for (int i = 0; i < ev->n_victims; i++)
		if (!strcmp(ev->victims[i].name, name))
			return true;
	return false;
}

static bool has_pid(const struct oom_event *ev, const struct oom_analysis *an,
		    int64_t pid)
{
	if (ev->victim.pid == pid || ev->invoker.pid == pid ||
	    ev->select.pid == pid)
		return true;
	for (int i = 0; i < ev->n_victims; i++)
		if (ev->victims[i].pid == pid)
			return true;
	return an && an->analyzed && an->culprit.pid == pid;
}

bool select_match(const struct select_opts *o, const struct oom_event *ev,
		  const struct oom_analysis *an)
{
	if ((o->has_since || o->has_until) && !ev->has_wall)
		return false;
	if (o->has_since && ev->wall_s < o->since_s)
		return false;
	if (o->has_until && ev->wall_s > o->until_s)
		return false;
	if (o->host && (!ev->has_host || strcasecmp(ev->host, o->host)))
		return false;
	if (o->killed && !victim_named(ev, o->killed))
		return false;
	if (o->has_pid && !has_pid(ev, an, o->pid))
		return false;
	return true;
}

/* ---- the buffer ------------------------------------------------------- */

void select_buf_init(struct select_buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
}

void select_buf_release(struct select_buf *b)
{
	for (size_t i = 0; i < b->n; i++)
		oom_event_release(select_buf_at(b, i));
	free(b->evs);
	free(b->ans);
	free(b->seq);
	memset(b, 0, sizeof(*b));
}

static size_t slot_of(const struct select_buf *b, size_t i)
{
	size_t slot = b->head + i;

	if (b->alloc && slot >= b->alloc)
		slot -= b->alloc;
	return slot;
}

struct oom_event *select_buf_at(struct select_buf *b, size_t i)
{
	return &b->evs[slot_of(b, i)];
}

struct oom_analysis *select_buf_analysis_at(struct select_buf *b, size_t i)
{
	return &b->ans[slot_of(b, i)];
}

static void grow(struct select_buf *b)
{
	size_t want = b->alloc ? 2 * b->alloc : 16;

	if (b->cap && want > b->cap)
		want = b->cap;
	b->evs = xreallocarray(b->evs, want, sizeof(*b->evs));
	b->ans = xreallocarray(b->ans, want, sizeof(*b->ans));
	b->seq = xreallocarray(b->seq, want, sizeof(*b->seq));
	b->alloc = want;
}

void select_buf_push(struct select_buf *b, struct oom_event *ev,
		     const struct oom_analysis *an)
{
	struct oom_event *slot;
	size_t idx;

	if (b->cap && b->n == b->cap) {
		/* full ring: the oldest makes room */
		slot = select_buf_at(b, 0);
		oom_event_release(slot);
		b->head = (b->head + 1) % b->alloc;
		b->n--;
	} else if (b->n == b->alloc) {
		grow(b);  /* head is 0 while the ring has never wrapped */
	}
	slot = select_buf_at(b, b->n);
	idx = (size_t)(slot - b->evs);
	oom_event_init(slot);
	oom_event_move(slot, ev);
	b->ans[idx] = *an;
	b->seq[idx] = b->arrived++;
	b->n++;
}

struct sort_key {
	int64_t t;                 /* wall time in us, inherited when absent */
	uint64_t seq;
	size_t slot;
};

static int by_time(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void select_buf_sort(struct select_buf *b)
{
	struct sort_key *k = xcalloc(b->n ? b->n : 1, sizeof(*k));
	struct oom_event *evs = xcalloc(b->alloc ? b->alloc : 1, sizeof(*evs));
	struct oom_analysis *ans = xcalloc(b->alloc ? b->alloc : 1,
					   sizeof(*ans));
	uint64_t *seq = xcalloc(b->alloc ? b->alloc : 1, sizeof(*seq));
	int64_t last = INT64_MIN;

	for (size_t i = 0; i < b->n; i++) {
		struct oom_event *ev = select_buf_at(b, i);

		if (ev->has_wall)
			last = ev->wall_s * 1000000 + ev->wall_us;
		k[i].t = last;
		k[i].slot = (size_t)(ev - b->evs);
		k[i].seq = b->seq[k[i].slot];
	}
	qsort(k, b->n, sizeof(*k), by_time);
	for (size_t i = 0; i < b->n; i++) {
		evs[i] = b->evs[k[i].slot];  /* ownership moves with the copy */
		ans[i] = b->ans[k[i].slot];
		seq[i] = k[i].seq;
	}
	free(b->evs);
	free(b->ans);
	free(b->seq);
	free(k);
	b->evs = evs;
	b->ans = ans;
	b->seq = seq;
	b->head = 0;
}
