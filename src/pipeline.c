/*
 * The pipeline driver: opens inputs, frames lines (input.c), strips
 * prefixes (prefix.c), repairs what log transports did to the text and feeds
 * the state machine (sm.c), handing each closed event to the caller.
 *
 * Repairs done here, before the state machine sees a line:
 *  - rsyslog's "#012" escapes (imjournal turns a multi-line record into one
 *    line) and /dev/kmsg's "\x0a" are split into separate messages;
 *  - a syslog line a web page joined onto the previous one ("... or
 *    sacrifice child Jun 4 07:41:59 plumbr kernel: [..] Killed process")
 *    is split at the embedded prefix.
 * Lines of other programs (syslog tag not "kernel") are counted and
 * dropped, except the memory-related ones (systemd, systemd-oomd,
 * earlyoom), which join the kernel's swap, TCP and boot lines as context
 * (context.c), never as events.  While no event is open, lines without any
 * OOM keyword are dropped before their prefix is parsed: that is the fast
 * path over a large syslog; the keywords (sm.c) include the context
 * lines' ("swap", "OOM", "Linux version"; "oom" is in systemd-oomd's and
 * earlyoom's tags).
 *
 * An input whose first non-blank line is a journalctl -o json record is read
 * as journal JSON (journal.c): each kernel record's MESSAGE is split at its
 * newlines (journald keeps a multi-line printk as one record) and every
 * piece goes to the state machine with the record's host and times, as the
 * lines of a syslog file would.  An input whose first bytes are "__CURSOR="
 * is journalctl -o export: a sniff hook of input.c sees them before any
 * line is framed and switches the input to raw bytes, which
 * journal_export.c turns into the same records (binary fields may hold
 * newlines, so lines cannot carry them).
 */
#include "oomscope/pipeline.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oomscope/scan.h"
#include "msg.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_SPLITS 64

/* Text that means a line needs repair: escaped newlines, a joined line. */
static const char *const repair_needles[] = { "#012", "\\x0a", "kernel: " };

static void drain(struct pipeline *p)
{
	struct oom_event *ev;

	while ((ev = sm_take(&p->sm)) != NULL) {
		p->inputs[p->n_inputs - 1].events++;
		context_event(&p->context, ev, (uint32_t)(p->n_inputs - 1));
		p->fn(p->ctx, ev);
		oom_event_free(ev);
	}
}

static void feed_msg(struct pipeline *p, struct log_line *ln,
		     const struct sm_pos *pos)
{
	context_feed(&p->context, ln, (uint32_t)(p->n_inputs - 1),
		     pos->lineno);
	sm_feed(&p->sm, ln, pos);
	drain(p);
}

/* Splits a message on rsyslog "#012" / kmsg "\x0a" escapes of newlines. */
static void feed_escaped(struct pipeline *p, struct log_line *ln,
			 const struct sm_pos *pos)
{
	const char *s = ln->msg, *end = s + ln->msg_len;
	struct log_line part = *ln;
	int n = 0;

	for (;;) {
		const char *e1 = memmem(s, (size_t)(end - s), "#012", 4);
		const char *e2 = memmem(s, (size_t)(end - s), "\\x0a", 4);
		const char *e = e1 && (!e2 || e1 < e2) ? e1 : e2;

		part.msg = s;
		part.msg_len = (size_t)((e ? e : end) - s);
		feed_msg(p, &part, pos);
		if (!e || ++n >= MAX_SPLITS)
			break;
		s = e + 4;
	}
	if (n)
		p->inputs[p->n_inputs - 1].split_lines++;
}

static bool is_month(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	for (size_t i = 0; i + 3 <= sizeof(months) - 1; i += 3)
		if (!memcmp(s, months + i, 3))
			return true;
	return false;
}

/*
 * Looks for "Mon D HH:MM:SS host kernel: " inside msg (not at its start):
 * returns the offset of the month, or 0 when there is none.
 */
static size_t embedded_syslog(const char *msg, size_t len)
{
	const char *k = msg, *end = msg + len;

	while ((k = memmem(k, (size_t)(end - k), " kernel: ", 9)) != NULL) {
		const char *h = k, *t;

		while (h > msg && h[-1] != ' ')
			h--;
		t = h - 1;  /* the blank before the host */
		if (t - msg >= 16 && t[-3] == ':' && t[-6] == ':' &&
		    isdigit((unsigned char)t[-1])) {
			const char *d = t - 9;  /* the blank before HH */

			while (d > msg && isdigit((unsigned char)d[-1]))
				d--;
			d--;  /* blank before the day (or its pad) */
			while (d > msg && d[-1] == ' ')
				d--;
			if (d - msg >= 4 && is_month(d - 3) && d[-4] == ' ')
				return (size_t)(d - 3 - msg);
		}
		k += 9;
	}
	return 0;
}

static void journal_line(const struct journal_rec *r, struct log_line *ln,
			 const char *s, size_t len)
{
	memset(ln, 0, sizeof(*ln));
	ln->msg = s;
	ln->msg_len = len;
	ln->host = r->has_host ? r->host : NULL;
	ln->host_len = r->host_len;
	ln->tag = "kernel";
	ln->tag_len = 6;
	ln->time_text = r->has_realtime ? r->time_text : NULL;
	ln->time_text_len = r->has_realtime ? strlen(r->time_text) : 0;
	ln->style = PREFIX_SYSLOG_RFC3339;  /* a host and a full time */
	ln->is_kernel = r->is_kernel;
	if (!r->is_kernel) {
		/* systemd, systemd-oomd, earlyoom: context lines only */
		ln->tag = r->ident;
		ln->tag_len = strlen(r->ident);
	}
	ln->has_uptime = r->has_monotonic;
	ln->uptime_us = r->monotonic_us;
	ln->has_wall = r->has_realtime;
	ln->wall_s = (int64_t)(r->realtime_us / 1000000);
	ln->wall_us = (uint32_t)(r->realtime_us % 1000000);
	ln->wall_year_known = true;
	ln->level = -1;
}

/*
 * A user-space record: never part of an event, but systemd's, systemd-
 * oomd's and earlyoom's lines are context (context.c knows them by tag).
 */
static void feed_user_record(struct pipeline *p, const struct journal_rec *r,
			     const struct sm_pos *pos)
{
	const char *s = r->msg.buf;
	const char *end = s + (r->has_msg ? r->msg.len : 0);

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);
		struct log_line ln;

		journal_line(r, &ln, s, n);
		context_feed(&p->context, &ln, (uint32_t)(p->n_inputs - 1),
			     pos->lineno);
		s += n + 1;
	}
}

/* One journal record (JSON or export): its MESSAGE, piece by piece. */
static void feed_record(struct pipeline *p, struct pipeline_input *in,
			const struct journal_rec *r, const struct sm_pos *pos)
{
	const char *s = r->msg.buf;
	const char *end = s + (r->has_msg ? r->msg.len : 0);

	in->journal_records++;
	if (!r->is_kernel) {
		in->non_kernel_lines++;
		if (r->ident[0])
			feed_user_record(p, r, pos);
		return;
	}
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);
		struct log_line ln;

		if (sm_busy(&p->sm) || sm_line_may_start(&p->sm, s, n)) {
			journal_line(r, &ln, s, n);
			feed_escaped(p, &ln, pos);
		}
		s += n + 1;
	}
}

static void on_journal(struct pipeline *p, struct pipeline_input *in,
		       const struct input_line *il, const struct sm_pos *pos)
{
	if (!journal_maybe_kernel(il->text, il->len)) {
		in->non_kernel_lines++;
		return;
	}
	if (journal_parse(&p->jrec, il->text, il->len)) {
		in->journal_bad++;
		return;
	}
	feed_record(p, in, &p->jrec, pos);
}

/* journalctl -o export: the bytes go to journal_export.c, not to lines. */
static void on_export(void *ctx, const struct journal_rec *r, uint64_t lineno)
{
	struct pipeline *p = ctx;
	struct pipeline_input *in = &p->inputs[p->n_inputs - 1];
	struct sm_pos pos = { in->name, lineno, 0 };

	feed_record(p, in, r, &pos);
}

static int on_raw(void *ctx, const char *buf, size_t len)
{
	struct pipeline *p = ctx;

	if (buf) {
		journal_export_feed(&p->jx, buf, len);
		return 0;
	}
	journal_export_finish(&p->jx);
	p->inputs[p->n_inputs - 1].journal_bad += p->jx.stats.bad;
	memset(&p->jx.stats, 0, sizeof(p->jx.stats));
	return 0;
}

static bool sniff(void *ctx, struct input *inp, const char *head, size_t len)
{
	struct pipeline *p = ctx;
	int rc = journal_export_detect(head, len);

	if (rc == 1) {
		p->inputs[p->n_inputs - 1].form = PIPELINE_FORM_JOURNAL_EXPORT;
		input_set_raw(inp, on_raw);
	}
	return rc != -1;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* A "** N printk messages dropped **" marker: a gap in its host's event. */
static void on_gap(struct pipeline *p, const struct paste_line *pl,
		   const struct sm_pos *pos)
{
	struct log_line ln;

	prefix_parse(&p->px, pl->text, pl->len, &ln);
	if (ln.is_kernel)
		sm_gap(&p->sm, &ln, pl->dropped, pos);
}

/* One line as paste.c left it: prefix, repairs, the state machine. */
static void on_clean(void *ctx, const struct paste_line *pl)
{
	struct pipeline *p = ctx;
	struct pipeline_input *in = &p->inputs[p->n_inputs - 1];
	struct sm_pos pos = { in->name, pl->lineno, pl->last_lineno };
	const char *s = pl->text;
	size_t len = pl->len;

	if (pl->dropped) {
		on_gap(p, pl, &pos);
		return;
	}
	/* a line paste.c passed on as it was has been looked at already */
	if (!sm_busy(&p->sm) &&
	    !(s == p->may_start && len == p->may_start_len) &&
	    !sm_line_may_start(&p->sm, s, len))
		return;
	for (int n = 0; n < MAX_SPLITS; n++) {
		struct log_line ln;
		size_t cut;

		if (n == 0 && pl->ln)
			ln = *pl->ln;  /* paste.c parsed it already */
		else
			prefix_parse(&p->px, s, len, &ln);
		if (ln.kmsg_dict)
			return;  /* " SUBSYSTEM=..." after a /dev/kmsg record */
		if (!ln.is_kernel) {
			in->non_kernel_lines++;
			context_feed(&p->context, &ln,
				     (uint32_t)(p->n_inputs - 1), pl->lineno);
			return;
		}
		/* the common case: nothing to repair (one vector scan) */
		if (scan_find(&p->repairs, ln.msg, ln.msg_len) == ln.msg_len) {
			feed_msg(p, &ln, &pos);
			return;
		}
		cut = embedded_syslog(ln.msg, ln.msg_len);
		if (!cut) {
			feed_escaped(p, &ln, &pos);
			return;
		}
		ln.msg_len = cut;
		feed_escaped(p, &ln, &pos);
		in->split_lines++;
		len -= (size_t)(ln.msg + cut - s);
		s = ln.msg + cut;
	}
}

static int on_line(void *ctx, const struct input_line *il)
{
	struct pipeline *p = ctx;
	struct pipeline_input *in = &p->inputs[p->n_inputs - 1];
	struct sm_pos pos = { in->name, il->lineno, 0 };
	const char *s = il->text;
	size_t len = il->len;

	if (in->form == PIPELINE_FORM_UNKNOWN && !blank(s, len))
		in->form = journal_detect(s, len) ? PIPELINE_FORM_JOURNAL_JSON :
						    PIPELINE_FORM_TEXT;
	if (in->form == PIPELINE_FORM_JOURNAL_JSON) {
		on_journal(p, in, il, &pos);
		return 0;
	}
	if (!sm_busy(&p->sm) && !paste_pending(&p->paste)) {
		if (!sm_line_may_start(&p->sm, s, len))
			return 0;
		p->may_start = s;
		p->may_start_len = len;
	}
	paste_feed(&p->paste, s, len, il->lineno);
	p->may_start = NULL;
	return 0;
}

/*
 * The fast path of input.c may skip lines while no event is open, in text
 * inputs only: the form is decided by the first line (never skipped), and
 * a journal record's MESSAGE may be a byte array that shows no keyword.
 */
static bool idle(void *ctx)
{
	struct pipeline *p = ctx;

	return p->n_inputs &&
	       p->inputs[p->n_inputs - 1].form == PIPELINE_FORM_TEXT &&
	       !sm_busy(&p->sm) && !paste_pending(&p->paste);
}

static int year_of(time_t t)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return 1970;
	return tm.tm_year + 1900;
}

static void begin_input(struct pipeline *p, const char *name, int year)
{
	struct pipeline_input *in;

	p->inputs = xreallocarray(p->inputs, p->n_inputs + 1,
				  sizeof(*p->inputs));
	in = &p->inputs[p->n_inputs++];
	memset(in, 0, sizeof(*in));
	in->name = xstrdup(name);
	prefix_init(&p->px, p->year ? p->year : year, p->tz_offset_s);
	p->px.year_given = p->year != 0;
	paste_reset(&p->paste);
	p->paste.probe = p->px;  /* the same year and zone: the same parse */
	context_input(&p->context);
}

static void end_input(struct pipeline *p, struct input *inp)
{
	struct pipeline_input *in = &p->inputs[p->n_inputs - 1];

	paste_finish(&p->paste);
	in->stats = inp->stats;
	in->paste = p->paste.stats;
	memset(&p->paste.stats, 0, sizeof(p->paste.stats));
	sm_finish(&p->sm);
	drain(p);
	input_release(inp);
}

/*
 * A reader thread (input_set_reader_thread) pays for itself on a regular
 * file of a megabyte or more on a machine with more than one core: it reads
 * and decompresses while this thread parses.  A pipe is read here: the
 * program writing it already runs on the other core.
 * OOMSCOPE_READER_THREAD=always or never overrides (the tests use both).
 */
#define READER_THREAD_MIN (1 << 20)

static bool want_reader_thread(const struct stat *st)
{
	const char *force = getenv("OOMSCOPE_READER_THREAD");

	if (force && !strcmp(force, "always"))
		return true;
	if (force && !strcmp(force, "never"))
		return false;
	return S_ISREG(st->st_mode) && st->st_size >= READER_THREAD_MIN &&
	       sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

int pipeline_run_path(struct pipeline *p, const char *path)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct stat st;
	struct input inp;
	int fd = input_open(path, 0, &st);
	int rc;

	if (fd < 0) {
		int err = errno;

		begin_input(p, name, 1970);
		p->inputs[p->n_inputs - 1].failed = true;
		errno = err;
		return oom_error_errno("cannot open '%s'", name);
	}
	pipeline_begin(p, name, S_ISREG(st.st_mode) ? year_of(st.st_mtime) :
				year_of(time(NULL)), &inp);
	input_set_reader_thread(&inp, want_reader_thread(&st));
	rc = input_read_fd(&inp, fd);   /* it finishes the input itself */
	end_input(p, &inp);
	input_close(path, fd);
	if (rc < 0)
		p->inputs[p->n_inputs - 1].failed = true;
	return rc < 0 ? -1 : 0;
}

/* One read() of /dev/kmsg returns one record ("6,1234,5678,-;msg\n"). */
int pipeline_run_kmsg(struct pipeline *p)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char buf[8192];
	struct input inp;
	int rc = 0;

	if (fd < 0)
		return oom_error_errno("cannot open '/dev/kmsg'");
	if (lseek(fd, 0, SEEK_DATA) < 0) {
		/* SEEK_DATA rewinds to the oldest record; ignore when absent */
	}
	/* a kmsg record never looks like journal export or JSON: sniff is moot */
	pipeline_begin(p, "/dev/kmsg", year_of(time(NULL)), &inp);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n > 0) {
			if (input_feed(&inp, buf, (size_t)n))
				break;
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;  /* EPIPE: records were overwritten */
		if (n < 0 && errno != EAGAIN)
			rc = oom_error_errno("cannot read '/dev/kmsg'");
		break;
	}
	pipeline_end(p, &inp);
	close(fd);
	return rc;
}

void pipeline_run_buffer(struct pipeline *p, const char *name,
			 const char *buf, size_t len)
{
	struct input inp;

	pipeline_begin(p, name, p->year ? p->year : 2026, &inp);
	input_feed(&inp, buf, len);
	pipeline_end(p, &inp);   /* input_finish does nothing once stopped */
}

void pipeline_begin(struct pipeline *p, const char *name, int year,
		    struct input *inp)
{
	begin_input(p, name, year);
	input_init(inp, p->inputs[p->n_inputs - 1].name, on_line, p);
	input_set_skip(inp, sm_start_needles(&p->sm), idle);
	input_set_sniff(inp, sniff);
}

void pipeline_end(struct pipeline *p, struct input *inp)
{
	input_finish(inp);
	end_input(p, inp);
}

void pipeline_flush(struct pipeline *p)
{
	paste_finish(&p->paste);
	sm_finish(&p->sm);
	drain(p);
}

bool pipeline_busy(const struct pipeline *p)
{
	return sm_busy(&p->sm);
}

void pipeline_init(struct pipeline *p, int year, int64_t tz_offset_s,
		   pipeline_event_fn fn, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->year = year;
	p->tz_offset_s = tz_offset_s;
	p->fn = fn;
	p->ctx = ctx;
	scan_init(&p->repairs, repair_needles,
		  sizeof(repair_needles) / sizeof(repair_needles[0]));
	sm_init(&p->sm);
	paste_init(&p->paste, on_clean, p);
	journal_rec_init(&p->jrec);
	journal_export_init(&p->jx, on_export, p);
	context_init(&p->context);
}

void pipeline_release(struct pipeline *p)
{
	for (size_t i = 0; i < p->n_inputs; i++)
		free(p->inputs[i].name);
	free(p->inputs);
	sm_release(&p->sm);
	paste_release(&p->paste);
	journal_rec_release(&p->jrec);
	journal_export_release(&p->jx);
	context_release(&p->context);
}
