/*
 * Context lines: what else the log says about memory around the events.
 *
 * Consumes parsed lines (struct log_line) and delivered events; produces a
 * bounded list of classified lines and an anchor per event, which the
 * renderers interleave.  The kinds, with the text that identifies them:
 *   kernel   "Adding 5999996k swap on /home/swap/swapfile.  Priority:..."
 *            "TCP: out of memory -- consider tuning tcp_mem"
 *            "Linux version 2.6.32-642.11.1.el6.x86_64 (mockbuild@...)"
 *   systemd  "Activated swap /dev/sda2.", "Deactivated swap /dev/sda2."
 *            "<unit>: A process of this unit has been killed by the OOM
 *            killer.", "<unit>: Failed with result 'oom-kill'.",
 *            "<unit>: systemd-oomd killed 3 process(es) in this unit."
 *   systemd-oomd  "Killed <cgroup> due to ...", "Marked <cgroup> for
 *            killing due to ..."
 *   earlyoom "sending SIGTERM to process 1234 uid 1000 "name": ..."
 * and a reboot no line announces: a host's uptime going backwards.  User
 * space lines are recognised by their syslog tag only (a tagless line is
 * never taken for systemd's); they are context, never events.  Page
 * allocation failures are events of their own (kind alloc_failure).  The
 * list is bounded; when full, lines far from every event go first.
 */
#include "oomscope/context.h"

#include <stdlib.h>
#include <string.h>

#include "oomscope/redact.h"
#include "oomscope/strbuf.h"
#include "xalloc.h"
#include "lex.h"
#include "banned.h"

/* A message being classified: (s, n), blanks trimmed at both ends. */
struct msg {
	const char *s;
	size_t n;
};

static bool starts(const struct msg *m, const char *lit)
{
	size_t n = strlen(lit);

	return m->n >= n && !memcmp(m->s, lit, n);
}

static const char *find(const struct msg *m, const char *lit)
{
	return memmem(m->s, m->n, lit, strlen(lit));
}

static void put_range(char *dst, size_t cap, const char *from,
		      const char *to)
{
	lex_copy(dst, cap, from, to > from ? (size_t)(to - from) : 0);
}

/* ---- kernel lines -------------------------------------------------------- */

/*
 * SYSCALL_DEFINE2(swapon), mm/swapfile.c (2.6.x - 6.x): "Adding %uk swap on
 * %s.  Priority:%d extents:%d across:%lluk %s%s%s%s" (2.6.9: no across).
 */
static enum context_kind swap_added(const struct msg *m,
				    struct context_line *out)
{
	const char *p = m->s, *end = m->s + m->n, *name, *stop;
	uint64_t kb;

	if (lex_lit(&p, end, "Adding ") || lex_digits(&p, end, 18, &kb) ||
	    lex_lit(&p, end, "k swap on "))
		return CONTEXT_NONE;
	name = p;
	stop = memmem(name, (size_t)(end - name), ".  Priority:", 12);
	if (!stop)
		stop = end;
	put_range(out->subject, sizeof(out->subject), name, stop);
	out->size_kb = (int64_t)kb;
	return CONTEXT_SWAP_ON;
}

/* init/version.c linux_banner: "Linux version %s (builder) (compiler) ..." */
static enum context_kind boot(const struct msg *m, struct context_line *out)
{
	const char *p = m->s + 14, *end = m->s + m->n, *r = p;

	while (p < end && *p != ' ')
		p++;
	put_range(out->subject, sizeof(out->subject), r, p);
	return CONTEXT_BOOT;
}

/*
 * warn_alloc(), mm/page_alloc.c 4.10-4.14: "php-fpm: page allocation stalls
 * for 10172ms, order:0, mode:0x14200ca(GFP_HIGHUSER_MOVABLE)": a warning
 * that reclaim is slow, not a failed allocation.
 */
static enum context_kind alloc_stall(const struct msg *m,
				     struct context_line *out)
{
	static const char lit[] = ": page allocation stalls for ";
	const char *p = memmem(m->s, m->n, lit, sizeof(lit) - 1);

	if (!p)
		return CONTEXT_NONE;
	put_range(out->subject, sizeof(out->subject), m->s, p);
	return CONTEXT_ALLOC_STALL;
}

static enum context_kind kernel_line(const struct msg *m,
				     struct context_line *out)
{
	if (m->n > 30 && memchr(m->s, ':', m->n) &&
	    alloc_stall(m, out) == CONTEXT_ALLOC_STALL)
		return CONTEXT_ALLOC_STALL;
	switch (m->n ? m->s[0] : 0) {
	case 'A':
		return swap_added(m, out);
	case 'L':
		return starts(m, "Linux version ") ? boot(m, out) :
						     CONTEXT_NONE;
	case 'T':
		/* tcp_check_oom(), net/ipv4/tcp.c >= 3.3 (pr_fmt "TCP: ") */
		return starts(m, "TCP: out of memory") ? CONTEXT_TCP_OOM :
							 CONTEXT_NONE;
	}
	return CONTEXT_NONE;
}

/* ---- user-space lines ---------------------------------------------------- */

/* systemd's unit log prefix "<unit>: " (a word with a dot, then ": "). */
static const char *unit_end(const struct msg *m)
{
	const char *sp = memchr(m->s, ' ', m->n);

	if (!sp || sp - m->s < 3 || sp[-1] != ':' ||
	    !memchr(m->s, '.', (size_t)(sp - m->s)))
		return NULL;
	return sp - 1;
}

/* "Activated swap /dev/sda2." (src/core/swap.c status messages) */
static enum context_kind systemd_swap(const struct msg *m,
				      struct context_line *out, size_t skip,
				      enum context_kind kind)
{
	const char *s = m->s + skip, *end = m->s + m->n;

	if (end > s && end[-1] == '.')
		end--;
	put_range(out->subject, sizeof(out->subject), s, end);
	lex_copy(out->detail, sizeof(out->detail), "systemd", 7);
	return kind;
}

static enum context_kind systemd_line(const struct msg *m,
				      struct context_line *out)
{
	const char *u = unit_end(m);
	const char *detail = NULL;
	struct msg rest;
	enum context_kind kind = CONTEXT_SYSTEMD_OOM;

	if (starts(m, "Activated swap "))
		return systemd_swap(m, out, 15, CONTEXT_SWAP_ON);
	if (starts(m, "Deactivated swap "))
		return systemd_swap(m, out, 17, CONTEXT_SWAP_OFF);
	if (!u)
		return CONTEXT_NONE;
	rest.s = u + 2, rest.n = m->n - (size_t)(rest.s - m->s);
	/* src/core/unit.c, unit_log_failure() and friends (v243 and later) */
	if (starts(&rest, "A process of this unit has been killed by the OOM"))
		detail = "process killed";
	else if (starts(&rest, "Failed with result 'oom-kill'"))
		detail = "result oom-kill";
	else if (starts(&rest, "systemd-oomd killed "))
		detail = "systemd", kind = CONTEXT_OOMD_KILL;
	if (!detail)
		return CONTEXT_NONE;
	put_range(out->subject, sizeof(out->subject), m->s, u);
	lex_copy_str(out->detail, sizeof(out->detail), detail);
	return kind;
}

/*
 * systemd-oomd, src/oom/oomd.c: "Killed %s due to memory pressure for %s
 * being ..." (v247-v251), "Marked %s for killing due to memory used (...)
 * / total (...) and swap used ..." (v252 and later).
 */
static enum context_kind oomd_line(const struct msg *m,
				   struct context_line *out)
{
	const char *p = m->s, *end = m->s + m->n, *cg, *stop;
	const char *why;

	if (lex_lit(&p, end, "Killed ") && lex_lit(&p, end, "Marked "))
		return CONTEXT_NONE;
	cg = p;
	while (p < end && *p != ' ')
		p++;
	stop = p;
	if (lex_lit(&p, end, " due to ") &&
	    lex_lit(&p, end, " for killing due to "))
		return CONTEXT_NONE;
	why = find(m, "memory pressure") ? "memory pressure" :
	      find(m, "swap used") ? "memory and swap used" : "";
	put_range(out->subject, sizeof(out->subject), cg, stop);
	lex_copy_str(out->detail, sizeof(out->detail), why);
	return CONTEXT_OOMD_KILL;
}

/*
 * earlyoom kill.c (v1.2 and later): "sending %s to process %d uid %d
 * \"%s\": badness %d, VmRSS %lld MiB" (later: oom_score ..., cmdline ...);
 * the name ends at the last "\": " (a name may hold quotes).
 */
static enum context_kind earlyoom_line(const struct msg *m,
				       struct context_line *out)
{
	const char *p = m->s, *end = m->s + m->n, *sig, *name, *q, *v;
	uint64_t pid, uid, mib;

	if (lex_lit(&p, end, "sending "))
		return CONTEXT_NONE;
	sig = p;
	while (p < end && *p != ' ')
		p++;
	put_range(out->detail, sizeof(out->detail), sig, p);
	if (lex_lit(&p, end, " to process ") || lex_digits(&p, end, 18, &pid))
		return CONTEXT_NONE;
	if (lex_lit(&p, end, " uid ") == 0 && lex_digits(&p, end, 18, &uid))
		return CONTEXT_NONE;
	if (lex_lit(&p, end, " \""))
		return CONTEXT_NONE;
	name = p;
	for (q = NULL; (v = memmem(p, (size_t)(end - p), "\": ", 3)); p = v + 1)
		q = v;
	put_range(out->subject, sizeof(out->subject), name, q ? q : end);
	out->pid = (int64_t)pid;
	v = find(m, "VmRSS ");
	p = v ? v + 6 : end;
	if (v && lex_digits(&p, end, 18, &mib) == 0 &&
	    lex_lit(&p, end, " MiB") == 0)
		out->size_kb = (int64_t)mib * 1024;
	return CONTEXT_EARLYOOM_KILL;
}

static bool tag_is(const struct log_line *ln, const char *tag)
{
	size_t n = strlen(tag);

	return ln->tag && ln->tag_len == n && !memcmp(ln->tag, tag, n);
}

static void keep_text(const struct msg *m, struct context_line *out)
{
	size_t n = m->n;

	out->text_cut = n > CONTEXT_TEXT_MAX - 1;
	if (out->text_cut) {
		n = CONTEXT_TEXT_MAX - 1;
		/* do not cut a UTF-8 sequence: back to its lead byte */
		while (n > 0 && ((unsigned char)m->s[n] & 0xc0) == 0x80)
			n--;
	}
	lex_copy(out->text, sizeof(out->text), m->s, n);
}

enum context_kind context_classify(const struct log_line *ln,
				   struct context_line *out)
{
	struct msg m = { ln->msg, ln->msg_len };
	enum context_kind k = CONTEXT_NONE;

	while (m.n && (*m.s == ' ' || *m.s == '\t'))
		m.s++, m.n--;
	while (m.n && (m.s[m.n - 1] == ' ' || m.s[m.n - 1] == '\t' ||
		       m.s[m.n - 1] == '\r'))
		m.n--;
	out->subject[0] = out->detail[0] = '\0';
	out->size_kb = out->pid = OOM_NA;
	if (ln->is_kernel)
		k = kernel_line(&m, out);
	else if (tag_is(ln, "systemd"))
		k = systemd_line(&m, out);
	else if (tag_is(ln, "systemd-oomd"))
		k = oomd_line(&m, out);
	else if (tag_is(ln, "earlyoom"))
		k = earlyoom_line(&m, out);
	out->kind = k;
	if (k != CONTEXT_NONE)
		keep_text(&m, out);
	return k;
}

/* ---- the list, hosts and anchors ----------------------------------------- */

void context_init(struct context *c)
{
	memset(c, 0, sizeof(*c));
	c->next_boot = 1;
}

void context_release(struct context *c)
{
	for (size_t i = 0; i < c->n_lines; i++)
		free(c->lines[i]);
	free(c->lines);
	free(c->anchors);
	memset(c, 0, sizeof(*c));
}

static struct context_host *host_of(struct context *c, const char *h)
{
	struct context_host *x;

	if (c->n_hosts && !strcmp(c->hosts[c->last_host].host, h))
		return &c->hosts[c->last_host];
	for (size_t i = 0; i < c->n_hosts; i++)
		if (!strcmp(c->hosts[i].host, h))
			return &c->hosts[c->last_host = i];
	if (c->n_hosts < CONTEXT_MAX_HOSTS) {
		x = &c->hosts[c->n_hosts++];
	} else {
		x = &c->hosts[c->next_slot];  /* round robin: bounded */
		c->next_slot = (c->next_slot + 1) % CONTEXT_MAX_HOSTS;
	}
	memset(x, 0, sizeof(*x));
	lex_copy_str(x->host, sizeof(x->host), h);
	x->boot = c->next_boot++;
	c->last_host = (size_t)(x - c->hosts);
	return x;
}

static void fill_time(struct context_time *t, const struct log_line *ln,
		      uint32_t boot)
{
	memset(t, 0, sizeof(*t));
	t->has_wall = ln->has_wall;
	t->wall_year_known = ln->wall_year_known;
	t->wall_s = ln->wall_s;
	t->wall_us = ln->wall_us;
	t->has_uptime = ln->has_uptime;
	t->uptime_us = ln->uptime_us;
	t->boot = boot;
	if (ln->time_text)
		lex_copy(t->text, sizeof(t->text), ln->time_text,
			 ln->time_text_len);
}

static bool near(const struct context_time *a, const struct context_time *b)
{
	int64_t d;

	return context_seconds(a, b, &d) && d >= -CONTEXT_NEAR_S &&
	       d <= CONTEXT_NEAR_S;
}

/* A line that may be forgotten some day (once the log is past it). */
static bool candidate(const struct context_line *x)
{
	return !x->near && x->kind != CONTEXT_BOOT && x->t.has_wall;
}

static bool evictable(const struct context *c, const struct context_line *x)
{
	return candidate(x) && c->now_s - x->t.wall_s > 2 * CONTEXT_NEAR_S;
}

/*
 * Forgets the lines no event can be near any more.  Runs only when some
 * line may go, and at most once per quarter window of log time: a full
 * list costs one pass per 15 minutes of log, not one per line.
 */
static void compact(struct context *c)
{
	size_t kept = 0;

	if (!c->candidates || !c->has_now ||
	    c->now_s - c->compacted_s < CONTEXT_NEAR_S / 4)
		return;
	c->compacted_s = c->now_s;
	for (size_t i = 0; i < c->n_lines; i++) {
		if (evictable(c, c->lines[i])) {
			free(c->lines[i]);
			c->dropped++, c->candidates--;
		} else {
			c->lines[kept++] = c->lines[i];
		}
	}
	c->n_lines = kept;
}

static struct context_line *add_line(struct context *c)
{
	if (c->n_lines >= CONTEXT_MAX_LINES)
		compact(c);
	if (c->n_lines >= CONTEXT_MAX_LINES) {
		c->dropped++;
		return NULL;
	}
	if (c->n_lines == c->lines_alloc) {
		c->lines_alloc = c->lines_alloc ? 2 * c->lines_alloc : 16;
		c->lines = xreallocarray(c->lines, c->lines_alloc,
					 sizeof(*c->lines));
	}
	c->lines[c->n_lines] = xmalloc(sizeof(**c->lines));
	return c->lines[c->n_lines++];
}

/*
 * Keeps *tmp, a line (ln) of host h.  Near the host's last event (events
 * come in time order, so the last is the nearest before it); events after
 * it mark it in mark_near().
 */
static void keep(struct context *c, const struct context_line *tmp,
		 const struct log_line *ln, const struct context_host *h)
{
	struct context_line *x = add_line(c);

	if (!x)
		return;
	*x = *tmp;
	memcpy(x->host, h->host, sizeof(x->host));
	fill_time(&x->t, ln, h->boot);
	x->near = h->has_event && near(&h->last_event, &x->t);
	c->candidates += candidate(x);
}

/*
 * The lines before a new event that lie near it.  Lines come roughly in
 * time order: the walk back stops after 64 lines of its host too old.
 */
static void mark_near(struct context *c, const struct context_anchor *a)
{
	int old = 0;

	for (size_t i = c->n_lines; i-- > 0 && old < 64;) {
		struct context_line *x = c->lines[i];
		int64_t d;

		if (strcmp(x->host, a->host) ||
		    !context_seconds(&x->t, &a->t, &d))
			continue;
		if (d > CONTEXT_NEAR_S) {
			old++;
		} else if (d >= -CONTEXT_NEAR_S && !x->near) {
			c->candidates -= candidate(x);
			x->near = true;
		}
	}
}

/*
 * Uptimes of one host rise within a boot; a drop by more than the slack
 * (printk times of CPUs and syslog relays disagree by far less) is a
 * reboot the log does not show, if the new boot (wall clock minus uptime)
 * began after the old one's last line: lines of other sources under one
 * host name are no reboot.  A "Linux version" line starts a boot itself.
 */
static bool rebooted(const struct context_host *h, const struct log_line *ln)
{
	int64_t began;

	if (!h->has_uptime || !ln->has_uptime ||
	    ln->uptime_us + CONTEXT_UPTIME_SLACK_US >= h->uptime_us)
		return false;
	if (!h->has_wall || !ln->has_wall)
		return true;
	began = ln->wall_s - (int64_t)(ln->uptime_us / 1000000);
	return began >= h->wall_s - CONTEXT_CLOCK_SLACK_S;
}

static void track(struct context *c, struct context_host *h,
		  const struct log_line *ln, struct context_line *tmp,
		  uint32_t input, uint64_t lineno)
{
	bool reset = rebooted(h, ln);

	if (tmp->kind == CONTEXT_BOOT || reset) {
		h->prev_boot = h->boot;
		h->boot = c->next_boot++;
		h->boot_input = input, h->boot_line = lineno;
	}
	if (reset && tmp->kind != CONTEXT_BOOT) {
		struct context_line r;

		memset(&r, 0, sizeof(r));
		r.kind = CONTEXT_UPTIME_RESET;
		r.size_kb = r.pid = OOM_NA;
		r.prev_uptime_us = h->uptime_us;
		keep_text(&(struct msg){ ln->msg, ln->msg_len }, &r);
		r.input = input, r.lineno = lineno;
		keep(c, &r, ln, h);
	}
	if (tmp->kind == CONTEXT_BOOT)
		h->has_uptime = false;
	if (ln->has_uptime)
		h->has_uptime = true, h->uptime_us = ln->uptime_us;
	if (ln->has_uptime && ln->has_wall)
		h->has_wall = true, h->wall_s = ln->wall_s;
}

void context_feed(struct context *c, const struct log_line *ln,
		  uint32_t input, uint64_t lineno)
{
	struct context_line tmp;
	struct context_host *h = NULL;
	char host[CONTEXT_HOST_MAX];

	tmp.kind = CONTEXT_NONE;
	if (ln->has_wall && (!c->has_now || ln->wall_s > c->now_s))
		c->has_now = true, c->now_s = ln->wall_s;
	if (context_classify(ln, &tmp) == CONTEXT_NONE && !ln->has_uptime)
		return;
	lex_copy(host, sizeof(host), ln->host ? ln->host : "",
		 ln->host ? ln->host_len : 0);
	h = host_of(c, host);
	track(c, h, ln, &tmp, input, lineno);
	if (tmp.kind == CONTEXT_NONE)
		return;
	tmp.input = input, tmp.lineno = lineno, tmp.prev_uptime_us = 0;
	keep(c, &tmp, ln, h);
}

void context_input(struct context *c)
{
	for (size_t i = 0; i < c->n_hosts; i++) {
		c->hosts[i].boot = c->next_boot++;
		c->hosts[i].has_uptime = false;
	}
}

static void anchor_time(struct context_time *t, const struct oom_event *ev,
			uint32_t boot)
{
	memset(t, 0, sizeof(*t));
	t->has_wall = ev->has_wall;
	t->wall_year_known = ev->wall_year_known;
	t->wall_s = ev->wall_s;
	t->wall_us = ev->wall_us;
	t->has_uptime = ev->has_uptime;
	t->uptime_us = ev->uptime_us;
	t->boot = boot;
	lex_copy_str(t->text, sizeof(t->text), ev->time_text);
}

void context_event(struct context *c, struct oom_event *ev, uint32_t input)
{
	struct context_anchor *a;
	struct context_host *h;
	char host[CONTEXT_HOST_MAX];
	bool old;

	ev->seq = ++c->n_delivered;
	if (c->n_anchors >= CONTEXT_MAX_ANCHORS) {
		c->anchors_dropped++;
		return;
	}
	if (c->n_anchors == c->anchors_alloc) {
		c->anchors_alloc = c->anchors_alloc ? 2 * c->anchors_alloc : 16;
		c->anchors = xreallocarray(c->anchors, c->anchors_alloc,
					   sizeof(*c->anchors));
	}
	a = &c->anchors[c->n_anchors++];
	memset(a, 0, sizeof(*a));
	a->seq = ev->seq;
	a->input = input;
	a->first_line = ev->first_line;
	lex_copy_str(host, sizeof(host), ev->host);
	memcpy(a->host, host, sizeof(host));
	h = host_of(c, host);
	/* an event closes on a later line, which may be a new boot's */
	old = h->boot_line && input == h->boot_input &&
	      ev->first_line < h->boot_line;
	anchor_time(&a->t, ev, old ? h->prev_boot : h->boot);
	h->has_event = true;
	h->last_event = a->t;
	mark_near(c, a);
}

/*
 * Anchors are appended in delivery order and only the last ones are ever
 * dropped (the list is full), so anchor seq sits at index seq - 1.
 */
const struct context_anchor *context_anchor_of(const struct context *c,
					       uint64_t seq)
{
	if (seq == 0 || seq > c->n_anchors || c->anchors[seq - 1].seq != seq)
		return NULL;
	return &c->anchors[seq - 1];
}

bool context_seconds(const struct context_time *a,
		     const struct context_time *b, int64_t *out)
{
	if (a->has_wall && b->has_wall) {
		*out = b->wall_s - a->wall_s;
		return true;
	}
	if (a->has_uptime && b->has_uptime && a->boot == b->boot) {
		*out = (int64_t)(b->uptime_us / 1000000) -
		       (int64_t)(a->uptime_us / 1000000);
		return true;
	}
	return false;
}

struct context_pos context_line_pos(const struct context_line *x)
{
	return (struct context_pos){ &x->t, x->input, x->lineno };
}

struct context_pos context_anchor_pos(const struct context_anchor *a)
{
	return (struct context_pos){ &a->t, a->input, a->first_line };
}

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

int context_pos_cmp(const struct context_pos *a, const struct context_pos *b,
		    bool by_wall)
{
	int d = 0;

	if (by_wall && a->t->has_wall && b->t->has_wall) {
		d = cmp_i64(a->t->wall_s, b->t->wall_s);
		if (!d)
			d = cmp_i64(a->t->wall_us, b->t->wall_us);
	}
	if (!d)
		d = cmp_i64(a->input, b->input);
	if (!d)
		d = a->line < b->line ? -1 : a->line > b->line;
	return d;
}

void context_around(const struct context_line *x,
		    const struct context_ref *refs, size_t n, bool by_wall,
		    const struct context_ref **prev,
		    const struct context_ref **next)
{
	struct context_pos px = context_line_pos(x);

	*prev = *next = NULL;
	for (size_t i = 0; i < n; i++) {
		struct context_pos pa = context_anchor_pos(refs[i].a);
		struct context_pos pp, pn;

		if (context_pos_cmp(&pa, &px, by_wall) < 0) {
			pp = *prev ? context_anchor_pos((*prev)->a) : pa;
			if (!*prev || context_pos_cmp(&pa, &pp, by_wall) > 0)
				*prev = &refs[i];
		} else {
			pn = *next ? context_anchor_pos((*next)->a) : pa;
			if (!*next || context_pos_cmp(&pa, &pn, by_wall) < 0)
				*next = &refs[i];
		}
	}
}

const char *context_kind_name(enum context_kind kind)
{
	static const char *const names[CONTEXT_KIND_COUNT] = {
		[CONTEXT_NONE] = "none",
		[CONTEXT_SWAP_ON] = "swap_on",
		[CONTEXT_SWAP_OFF] = "swap_off",
		[CONTEXT_SYSTEMD_OOM] = "systemd_oom",
		[CONTEXT_OOMD_KILL] = "oomd_kill",
		[CONTEXT_EARLYOOM_KILL] = "earlyoom_kill",
		[CONTEXT_TCP_OOM] = "tcp_oom",
		[CONTEXT_ALLOC_STALL] = "alloc_stall",
		[CONTEXT_BOOT] = "boot",
		[CONTEXT_UPTIME_RESET] = "uptime_reset",
	};

	return (unsigned)kind < CONTEXT_KIND_COUNT ? names[kind] : "none";
}

/* ---- --redact ------------------------------------------------------------ */

static void redact_field(struct redact *rd, char *field, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;

	redact_text(rd, field, &sb);
	lex_copy(field, cap, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* The host's placeholder; false when no event had that host. */
static bool redact_host(struct redact *rd, char *host, size_t cap)
{
	const char *r;

	if (!host[0])
		return true;
	r = redact_name(rd, host);
	if (!strcmp(r, host))
		return false;
	lex_copy_str(host, cap, r);
	return true;
}

void context_redact(struct context *c, struct redact *rd)
{
	size_t kept = 0;

	for (size_t i = 0; i < c->n_lines; i++) {
		struct context_line *x = c->lines[i];

		if (!redact_host(rd, x->host, sizeof(x->host))) {
			c->dropped++;
			c->candidates -= candidate(x);
			free(x);
			continue;
		}
		redact_field(rd, x->subject, sizeof(x->subject));
		redact_field(rd, x->text, sizeof(x->text));
		c->lines[kept++] = x;
	}
	c->n_lines = kept;
	for (size_t i = 0; i < c->n_anchors; i++)
		(void)redact_host(rd, c->anchors[i].host,
				  sizeof(c->anchors[i].host));
}
