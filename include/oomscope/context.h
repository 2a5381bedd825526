#ifndef OOMSCOPE_CONTEXT_H
#define OOMSCOPE_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"
#include "oomscope/prefix.h"

/*
 * Context: the memory-related log lines around the OOM events that are not
 * events themselves (swap added or removed, systemd's and systemd-oomd's
 * and earlyoom's kills, TCP out of memory, reboots), and an anchor per
 * event so that the renderers can place those lines between the events.
 *
 * The pipeline feeds every line it parses (kernel and user-space) to
 * context_feed() and every event it delivers to context_event().  All
 * memory is bounded: at most CONTEXT_MAX_LINES lines and CONTEXT_MAX_ANCHORS
 * anchors are kept, the rest are counted in `dropped`.  When the list is
 * full, the lines that no event is near (CONTEXT_NEAR_S) and that the log
 * has left behind by twice that (so no later event can be near them
 * either) make room first; "Linux version" lines are kept.  Strings are
 * copies (truncated), never pointers into the input.
 */

#define CONTEXT_MAX_LINES 4096   /* about 560 bytes each: 2.3 MiB */
#define CONTEXT_MAX_ANCHORS 10000
#define CONTEXT_TEXT_MAX 201      /* 200 bytes of the message + NUL */
#define CONTEXT_HOST_MAX 64       /* as struct report_row's host */
#define CONTEXT_TIME_MAX 40       /* as struct report_row's time */
#define CONTEXT_MAX_HOSTS 64      /* hosts whose uptime is followed */
#define CONTEXT_UPTIME_SLACK_US 10000000 /* backwards by more: a reboot */
#define CONTEXT_CLOCK_SLACK_S 60  /* wall clocks of a reboot may disagree */
/*
 * The one "near an event" window, in seconds: a context line this close to
 * an event is kept first when the list is full (context.c) and shown among
 * the events (incident.c: the text timeline, the Markdown table, the JSON's
 * "near"), and a reboot this close to an event is shown too.  An hour,
 * because what explains an OOM comes before it by tens of minutes, not
 * seconds: memory pressure builds up as allocation stalls, TCP memory
 * errors and systemd-oomd or earlyoom kills; swap is removed or resized by
 * hand or a timer; and what follows (the unit restarted, swap added, the
 * host rebooted) answers it within the hour.  Ten minutes hid such lines.
 */
#define CONTEXT_NEAR_S 3600

enum context_kind {
	CONTEXT_NONE = 0,
	CONTEXT_SWAP_ON,        /* kernel "Adding 5999996k swap on ...", systemd
				   "Activated swap /dev/sda2." */
	CONTEXT_SWAP_OFF,       /* systemd "Deactivated swap /dev/sda2." */
	CONTEXT_SYSTEMD_OOM,    /* "<unit>: A process of this unit has been
				   killed by the OOM killer." / "<unit>:
				   Failed with result 'oom-kill'." */
	CONTEXT_OOMD_KILL,      /* systemd-oomd "Killed <cgroup> due to ..." /
				   "Marked <cgroup> for killing due to ...",
				   systemd "<unit>: systemd-oomd killed ..." */
	CONTEXT_EARLYOOM_KILL,  /* earlyoom "sending SIGTERM to process ..." */
	CONTEXT_TCP_OOM,        /* "TCP: out of memory -- consider tuning
				   tcp_mem" */
	CONTEXT_ALLOC_STALL,    /* "x: page allocation stalls for 10172ms, ..."
				   (4.10-4.14): subject = the task */
	CONTEXT_BOOT,           /* "Linux version 6.1.0-18-amd64 (...)" */
	CONTEXT_UPTIME_RESET,   /* a host's uptime went backwards: a reboot
				   (or another machine's log) */
	CONTEXT_KIND_COUNT
};

/* When a line (or an event) was written, as its prefix told. */
struct context_time {
	bool has_wall;
	bool wall_year_known;
	bool has_uptime;
	int64_t wall_s;
	uint32_t wall_us;
	uint64_t uptime_us;
	uint32_t boot;            /* boot segment: uptimes compare only within
				     one (see context_feed) */
	char text[CONTEXT_TIME_MAX];  /* the time as printed, "" when none */
};

struct context_line {
	enum context_kind kind;
	uint32_t input;           /* index of the pipeline input */
	uint64_t lineno;
	char host[CONTEXT_HOST_MAX];  /* "" when the log has no host */
	struct context_time t;
	char subject[128];        /* swap device, unit, cgroup, process name
				     or kernel release; "" when none */
	char detail[32];          /* "systemd", "result oom-kill",
				     "memory pressure", "SIGTERM", ... */
	int64_t size_kb;          /* swap size, earlyoom's VmRSS; OOM_NA */
	int64_t pid;              /* earlyoom's victim; OOM_NA */
	uint64_t prev_uptime_us;  /* CONTEXT_UPTIME_RESET: the uptime before */
	char text[CONTEXT_TEXT_MAX];  /* the message (prefix removed) */
	bool text_cut;            /* the message was longer */
	bool near;                /* within CONTEXT_NEAR_S of an event */
};

/*
 * Where an event stands, to place the context lines around it.  seq is the
 * event's delivery number (ev->seq), the key a report row finds its anchor
 * by (context_anchor_of).
 */
struct context_anchor {
	uint64_t seq;
	uint32_t input;
	uint64_t first_line;
	char host[CONTEXT_HOST_MAX];
	struct context_time t;
};

/* A host's uptime, followed to see it go backwards. */
struct context_host {
	char host[CONTEXT_HOST_MAX];
	bool has_uptime, has_wall;
	uint64_t uptime_us;
	int64_t wall_s;           /* of the last line with an uptime */
	uint32_t boot, prev_boot;
	uint32_t boot_input;      /* where the current boot began */
	uint64_t boot_line;
	bool has_event;
	struct context_time last_event;  /* the host's last event */
};

struct context {
	struct context_line **lines;  /* owned, each; in input order */
	size_t n_lines, lines_alloc;
	uint64_t dropped;             /* lines not kept (list full) */
	struct context_anchor *anchors;
	size_t n_anchors, anchors_alloc;
	uint64_t anchors_dropped;
	uint64_t n_delivered;         /* events seen: the last ev->seq */
	struct context_host hosts[CONTEXT_MAX_HOSTS];
	size_t n_hosts, next_slot, last_host;
	uint32_t next_boot;
	bool has_now;                 /* latest wall time seen, for evicting */
	int64_t now_s, compacted_s;
	size_t candidates;            /* lines that may be forgotten */
};

void context_init(struct context *c);
void context_release(struct context *c);

/*
 * context_classify: the kind of one parsed line (CONTEXT_NONE for most),
 * with out->subject, detail, size_kb, pid and text filled in when it is
 * context.  Kernel lines and user-space lines (syslog tag systemd,
 * systemd-oomd, earlyoom) are told apart by ln->is_kernel and ln->tag.
 * Nothing else of *out is touched.  Never fails.
 */
enum context_kind context_classify(const struct log_line *ln,
				   struct context_line *out);

/*
 * context_feed: one parsed line of input number `input` (0-based).  Keeps it
 * when it is context, and follows the host's uptime: a kernel line whose
 * uptime is more than CONTEXT_UPTIME_SLACK_US below the last one of the
 * same host adds a CONTEXT_UPTIME_RESET line (unless a "Linux version"
 * line came first, or the wall clock says the new boot would have begun
 * while the old one still logged) and starts a new boot segment.  ln is
 * only read.
 */
void context_feed(struct context *c, const struct log_line *ln,
		  uint32_t input, uint64_t lineno);
/* context_input: a new input starts; uptimes are not compared across. */
void context_input(struct context *c);
/*
 * context_event: an event was delivered (from input number `input`).  Sets
 * ev->seq to its delivery number (1 for the run's first event), which every
 * copy of the event keeps: the key of its anchor.  Nothing else of *ev is
 * touched.
 */
void context_event(struct context *c, struct oom_event *ev, uint32_t input);

/*
 * context_anchor_of: the anchor of the event delivered as number seq
 * (ev->seq), or NULL (seq 0, or past CONTEXT_MAX_ANCHORS).  Constant time.
 */
const struct context_anchor *context_anchor_of(const struct context *c,
					       uint64_t seq);

/*
 * context_seconds: *out = b - a in whole seconds when the two times can be
 * compared (both wall clock, or both uptimes of one boot segment); returns
 * false otherwise.
 */
bool context_seconds(const struct context_time *a,
		     const struct context_time *b, int64_t *out);

/*
 * Placing lines among a host's reported events (for the renderers).  A
 * position is a time and an input position; a host's timeline is ordered by
 * wall clock when every line and event of it has one (inputs may come in
 * any order), by input position otherwise (uptimes restart at a reboot).
 */
struct context_pos {
	const struct context_time *t;
	uint32_t input;
	uint64_t line;
};

/* A reported event: its id in the report and its anchor. */
struct context_ref {
	uint64_t id;
	const struct context_anchor *a;
};

struct context_pos context_line_pos(const struct context_line *x);
struct context_pos context_anchor_pos(const struct context_anchor *a);
/* <0, 0, >0 as a comes before, with, after b. */
int context_pos_cmp(const struct context_pos *a, const struct context_pos *b,
		    bool by_wall);
/*
 * context_around: of refs[0..n) (one host's reported events, any order),
 * *prev = the last one x comes after and *next = the first one it comes
 * before (NULL when none).
 */
void context_around(const struct context_line *x,
		    const struct context_ref *refs, size_t n, bool by_wall,
		    const struct context_ref **prev,
		    const struct context_ref **next);

/* "swap_on", "systemd_oom", ... (the JSON's "kind"). */
const char *context_kind_name(enum context_kind kind);

struct redact;
/*
 * context_redact (--redact): hosts, subjects and texts rewritten with the
 * events' placeholders.  A line whose host no event had (so it has no
 * placeholder) is dropped and counted.
 */
void context_redact(struct context *c, struct redact *rd);

#endif
