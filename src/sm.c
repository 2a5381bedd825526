/*
 * The OOM report state machine: kernel log lines -> struct oom_event.
 *
 * Consumes struct log_line (prefix stripped, one message per call) and
 * produces events in a small queue (sm_take).  Each host has at most one
 * open event; its phase says which generic-looking lines mean something
 * (call-trace frames, "key value" memcg stats, task rows).  Distinctive
 * lines (the trigger, zone lines, kill lines) are recognised in any phase,
 * because real logs interleave, repeat and drop lines.
 *
 * Invariants: feeding never fails; every line either belongs to the open
 * event of its host (and moves last_line), starts one, or is counted as
 * foreign; an event is closed by a new trigger for the same host, by the
 * reaper line of its victim, by too many foreign lines after the kill, or
 * by the end of input.  What the machine deliberately ignores: register
 * dumps, raw stack words, per-CPU pageset lines (recognised and skipped).
 *
 * Line formats: each pattern below names the kernel function that prints
 * it, mostly mm/oom_kill.c (dump_header(), dump_tasks(), the kill lines),
 * show_free_areas() (mm/page_alloc.c, mm/show_mem.c from 6.5) and
 * mm/memcontrol.c (mem_cgroup_print_oom_meminfo()); doc/analysis.md says
 * what the analysis makes of each.
 */
#include "oomscope/sm.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "oomscope/meminfo.h"
#include "oomscope/scan.h"
#include "msg.h"
#include "kver.h"
#include "lex.h"
#include "xalloc.h"
#include "banned.h"

/* Lines not belonging to an open event before it is closed anyway. */
#define IDLE_LIMIT_REPORT 2000
#define IDLE_LIMIT_KILLED 64
#define IDLE_LIMIT_ALLOC_DONE 8
/* How far back a line's stamp may be and still belong (goes_back_in_time) */
#define UPTIME_BACK_SLACK_US 1000000
/* How far a CPU:/Pid: header seen while idle reaches (take_header) */
#define SM_HEADER_REACH 512
#define HEADER_REACH_US 10000000

enum re_id {
	RE_TRIGGER,
	RE_ALLOCFAIL,
	RE_HDR_CPU,
	RE_HDR_PID,
	RE_SELECT,
	RE_KILLED,
	RE_KILLED_CUT,
	RE_CONSTRAINT,
	RE_TASKIN,
	RE_OOMGROUP,
	RE_REAPER,
	RE_REAP_FAIL,
	RE_CPUSET,
	RE_TASKHDR,
	RE_PANIC,
	RE_FRAME,
	RE_COUNT
};

static const char *const patterns[RE_COUNT] = {
	/*
	 * dump_header(), mm/oom_kill.c; nodemask= 4.9-4.20; oomkilladj=
	 * 2.6.19-2.6.31; 2.6.9-2.6.18 name no task ("oom-killer: gfp_mask=
	 * 0x201d2, order=0")
	 */
	[RE_TRIGGER] = "^(?:(?<task>.*?) invoked )?oom-killer: gfp_mask=0x"
		"(?<gfp>[[:xdigit:]]+)(?:\\((?<gfp_text>[^)]*)\\))?,"
		"(?: nodemask=(?<nodemask>[^,]*),)? *order=(?<order>-?\\d+)"
		"(?:, oom(?:_|kill)adj=(?<oom_adj>-?\\d+))?"
		"(?:, oom_score_adj=(?<score_adj>-?\\d+))?",
	/*
	 * warn_alloc(), mm/page_alloc.c: "." in 2.6.x; vmalloc's 4.12+
	 * "x: vmalloc: allocation failure, allocated 12288 of 20480 bytes,
	 * mode:..." (no order: the request is in bytes).  4.10-4.14's "page
	 * allocation stalls for Nms" is a warning, not a failure: context.c
	 */
	[RE_ALLOCFAIL] = "^(?<task>.*?): (?:page allocation failure[.:,] *"
		"order:(?<order>-?\\d+)|vmalloc: allocation failure[^,]*"
		"(?:, allocated \\d+ of \\d+ bytes)?), "
		"mode:0x(?<gfp>[[:xdigit:]]+)(?:\\((?<gfp_text>[^)]*)\\))?"
		"(?:, ?nodemask=(?<nodemask>[^,]*))?"
		"(?:,cpuset=(?<cpuset>.*?),mems_allowed=(?<mems>[-0-9,]*))?",
	/* dump_stack_print_info(): 3.10+, UID: 6.11+, Kdump: 4.17+ */
	[RE_HDR_CPU] = "^CPU: (?<cpu>\\d+) (?:UID: (?<uid>\\d+) )?"
		"PID: (?<pid>\\d+) Comm: (?<comm>.*?)"
		"(?: Kdump: loaded)? (?:Not tainted|Tainted: )(?<taint>.*)$",
	/* dump_stack(), arch/x86/kernel/dumpstack.c, <= 3.9 */
	[RE_HDR_PID] = "^Pid: (?<pid>\\d+), comm: (?<comm>.*?) "
		"(?:Not tainted|Tainted: )(?<taint>.*)$",
	/*
	 * oom_kill_process() select line, <= 5.0; "or a child" 2.6.25-2.6.32,
	 * "Out of Memory: Kill process N (x) score N and children." <= 2.6.24
	 */
	[RE_SELECT] = "^(?:(?<message>.{0,60}?): )?[Kk]ill process "
		"(?<pid>\\d+) \\((?<comm>.*)\\) score (?<score>-?\\d+) "
		"(?:or (?:sacrifice child|a child)|and children)",
	/*
	 * __oom_kill_process(): every era's kill line, RHEL6/7 forms too;
	 * "Out of Memory: Killed process N (x)." <= 2.6.18
	 */
	[RE_KILLED] = "^(?:(?<message>.{0,60}?): )?Killed process (?<pid>\\d+)"
		"(?:, UID (?<uid_before>\\d+),)? \\((?<comm>.*?)\\)"
		"(?:, UID (?<uid_after>\\d+),)?(?=$| total-vm:| vsz:|,|\\.$)"
		"(?: (?:total-vm|vsz):(?<total_vm>\\d+)kB)?"
		"(?:, anon-rss:(?<anon_rss>\\d+)kB)?"
		"(?:, file-rss:(?<file_rss>\\d+)kB)?"
		"(?:, shmem-rss:(?<shmem_rss>\\d+)kB)?"
		"(?:, UID:(?<uid>\\d+))?(?: pgtables:(?<pgtables>\\d+)kB)?"
		"(?: oom_score_adj:(?<score_adj>-?\\d+))?",
	/* a kill line cut after the pid or inside the name (same groups) */
	[RE_KILLED_CUT] = "^(?:(?<message>.{0,60}?): )?Killed process "
		"(?<pid>\\d+)(?:, UID (?<uid_before>\\d+),)?"
		"(?: \\((?<comm>[^)]*))?$",
	/* dump_oom_summary(), 5.0+ */
	[RE_CONSTRAINT] = "^oom-kill:constraint=(?<constraint>\\w+)"
		"(?:,nodemask=(?<nodemask>[^,]*))?"
		"(?:,cpuset=(?<cpuset>.*?),mems_allowed=(?<mems>[-0-9,]*))?"
		"(?:,(?<global>global_oom)|,oom_memcg=(?<oom_memcg>.*?))?"
		"(?:,task_memcg=(?<task_memcg>.*?))?"
		",task=(?<task>.*),pid=(?<pid>\\d+),uid=(?<uid>\\d+)$",
	/* mem_cgroup_print_oom_info(), <= 4.20 */
	[RE_TASKIN] = "^(?:Task in (?<task_memcg>.*) killed as a result of "
		"limit of (?<oom_memcg>.*)|"
		"Memory limit reached of cgroup (?<limit_memcg>.*))$",
	[RE_OOMGROUP] = "^Tasks in (?<oom_memcg>.*) are going to be killed "
		"due to memory\\.oom\\.group set",
	/* oom_reap_task(), 4.6+ */
	[RE_REAPER] = "^oom_reaper: reaped process (?<pid>\\d+) "
		"\\((?<comm>.*)\\), now anon-rss:(?<anon_rss>\\d+)kB, "
		"file-rss:(?<file_rss>\\d+)kB, shmem-rss:(?<shmem_rss>\\d+)kB",
	[RE_REAP_FAIL] = "^oom_reaper: (?:unable to reap|giving up) "
		"pid:(?<pid>\\d+) \\((?<comm>.*)\\)",
	/* cpuset_print_current_mems_allowed(), <= 4.20 */
	[RE_CPUSET] = "^(?<comm>.*) cpuset=(?<cpuset>.*) "
		"mems_allowed=(?<mems>[-0-9,]*)$",
	/* dump_tasks(): columns between rss and name vary by era */
	[RE_TASKHDR] = "^\\[ *pid *\\] +uid +tgid +total_vm +rss "
		"+(?<columns>.*?) *name$",
	[RE_PANIC] = "^(?:Kernel panic - not syncing: (?<panic>.*(?:[Mm]emory|"
		"panic_on_oom).*)|"
		"(?<nokill>Out of memory and no killable processes.*))$",
	/* show_trace_log_lvl(): " [<addr>] ? func+0x1/0x2" or " func+0x1/0x2" */
	[RE_FRAME] = "^(?:\\[<[[:xdigit:]]+>\\] )?(?<unreliable>\\? )?"
		"(?<func>[A-Za-z0-9_.$]+)"
		"\\+0x[[:xdigit:]]+/0x[[:xdigit:]]+",
};

/*
 * The capture groups are named in the patterns and read by name: each
 * name is looked up once, when its pattern is compiled, and the reading
 * code asks for G_PID, never for a position.
 */
enum re_group {
	G_TASK, G_GFP, G_GFP_TEXT, G_NODEMASK, G_ORDER, G_OOM_ADJ, G_SCORE_ADJ,
	G_CPUSET, G_MEMS, G_UID, G_PID, G_COMM, G_TAINT, G_MESSAGE, G_SCORE,
	G_UID_BEFORE, G_UID_AFTER, G_TOTAL_VM, G_ANON_RSS, G_FILE_RSS,
	G_SHMEM_RSS, G_PGTABLES, G_CONSTRAINT, G_GLOBAL, G_OOM_MEMCG,
	G_TASK_MEMCG, G_LIMIT_MEMCG, G_COLUMNS, G_PANIC, G_UNRELIABLE, G_FUNC,
	G_COUNT
};

static const char *const group_names[G_COUNT] = {
	[G_TASK] = "task",
	[G_GFP] = "gfp",
	[G_GFP_TEXT] = "gfp_text",
	[G_NODEMASK] = "nodemask",
	[G_ORDER] = "order",
	[G_OOM_ADJ] = "oom_adj",
	[G_SCORE_ADJ] = "score_adj",
	[G_CPUSET] = "cpuset",
	[G_MEMS] = "mems",
	[G_UID] = "uid",
	[G_PID] = "pid",
	[G_COMM] = "comm",
	[G_TAINT] = "taint",
	[G_MESSAGE] = "message",
	[G_SCORE] = "score",
	[G_UID_BEFORE] = "uid_before",
	[G_UID_AFTER] = "uid_after",
	[G_TOTAL_VM] = "total_vm",
	[G_ANON_RSS] = "anon_rss",
	[G_FILE_RSS] = "file_rss",
	[G_SHMEM_RSS] = "shmem_rss",
	[G_PGTABLES] = "pgtables",
	[G_CONSTRAINT] = "constraint",
	[G_GLOBAL] = "global",
	[G_OOM_MEMCG] = "oom_memcg",
	[G_TASK_MEMCG] = "task_memcg",
	[G_LIMIT_MEMCG] = "limit_memcg",
	[G_COLUMNS] = "columns",
	[G_PANIC] = "panic",
	[G_UNRELIABLE] = "unreliable",
	[G_FUNC] = "func",
};

struct sm_regex {
	pcre2_code *code[RE_COUNT];
	int group[RE_COUNT][G_COUNT];  /* number of each name; -1: none */
	pcre2_match_data *md;
	const char *subject;
	enum re_id last;         /* the pattern of the last match */
	int rc;                  /* the last match's pcre2_match() result */
};

/* The line being fed, with the position and host slot it belongs to. */
struct cur {
	struct sm *sm;
	struct sm_host *h;
	const struct log_line *ln;
	const struct sm_pos *pos;
	const char *s;
	size_t len;
};

/* ---- regex helpers ---------------------------------------------------- */

static pcre2_code *re_get(struct sm_regex *re, enum re_id id)
{
	int err;
	PCRE2_SIZE off;

	if (re->code[id])
		return re->code[id];
	re->code[id] = pcre2_compile((PCRE2_SPTR)patterns[id],
				     PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
	if (!re->code[id])
		oom_die("internal error: pattern %d does not compile at %zu",
			(int)id, (size_t)off);
	pcre2_jit_compile(re->code[id], PCRE2_JIT_COMPLETE);
	for (int g = 0; g < G_COUNT; g++) {
		int n = pcre2_substring_number_from_name(
			re->code[id], (PCRE2_SPTR)group_names[g]);

		re->group[id][g] = n > 0 ? n : -1;
	}
	return re->code[id];
}

static bool re_match(struct cur *c, enum re_id id)
{
	struct sm_regex *re = c->sm->re;
	int rc;

	rc = pcre2_match(re_get(re, id), (PCRE2_SPTR)c->s, c->len, 0, 0,
			 re->md, NULL);
	re->subject = c->s;
	re->last = id;
	re->rc = rc;
	return rc > 0;
}

static bool re_group(struct cur *c, enum re_group name, const char **p,
		     size_t *n)
{
	struct sm_regex *re = c->sm->re;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	int g = re->group[re->last][name];

	/* groups past the last that matched may hold an older match's offsets */
	if (g < 0 || g >= re->rc ||
	    (uint32_t)g >= pcre2_get_ovector_count(re->md) ||
	    ov[2 * g] == PCRE2_UNSET)
		return false;
	*p = re->subject + ov[2 * g];
	*n = ov[2 * g + 1] - ov[2 * g];
	return true;
}

static int64_t parse_int(const char *p, size_t n)
{
	char buf[32];
	char *end;
	long long v;

	if (!n || n >= sizeof(buf))
		return OOM_NA;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || *end)
		return OOM_NA;
	return v;
}

static int64_t re_int(struct cur *c, enum re_group g)
{
	const char *p;
	size_t n;

	return re_group(c, g, &p, &n) ? parse_int(p, n) : OOM_NA;
}

/* Copies (p, n) into dst (cap bytes), counting a cut in the event. */
static void put_str(struct oom_event *ev, char *dst, size_t cap,
		    const char *p, size_t n)
{
	if (lex_copy(dst, cap, p, n))
		ev->truncated_fields++;
}

static bool re_str(struct cur *c, enum re_group g, char *dst, size_t cap)
{
	const char *p;
	size_t n;

	if (!re_group(c, g, &p, &n))
		return false;
	put_str(c->h->ev, dst, cap, p, n);
	return true;
}

static bool starts(const struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	return c->len >= n && memcmp(c->s, lit, n) == 0;
}

static bool has(const struct cur *c, const char *lit)
{
	return memmem(c->s, c->len, lit, strlen(lit)) != NULL;
}

/* ---- hosts and event lifetime ----------------------------------------- */

static struct sm_host *host_find(struct sm *sm, const struct log_line *ln)
{
	size_t n = ln->host ? ln->host_len : 0;

	if (n >= OOM_HOST_MAX)
		n = OOM_HOST_MAX - 1;
	for (int i = 0; i < SM_MAX_HOSTS && sm->n_open; i++) {
		struct sm_host *h = sm->hosts[i];

		if (h && h->host_len == n &&
		    (n == 0 || memcmp(h->host, ln->host, n) == 0))
			return h;
	}
	return NULL;
}

static void queue_push(struct sm *sm, struct oom_event *ev)
{
	if (sm->ready_head > 0 && sm->ready_head == sm->n_ready)
		sm->n_ready = sm->ready_head = 0;
	if (sm->n_ready == sm->ready_alloc) {
		sm->ready_alloc = sm->ready_alloc ? 2 * sm->ready_alloc : 4;
		sm->ready = xreallocarray(sm->ready, (size_t)sm->ready_alloc,
					  sizeof(*sm->ready));
	}
	sm->ready[sm->n_ready++] = ev;
}

static void compute_missing(struct oom_event *ev)
{
	uint32_t need = 0;

	if (ev->kind == OOM_KIND_ALLOC_FAILURE) {
		need = OOM_PART_TRIGGER | OOM_PART_MEMINFO;
	} else {
		need = OOM_PART_TRIGGER | OOM_PART_TASKS;
		if (ev->kind == OOM_KIND_KILL)
			need |= OOM_PART_VICTIM;
		if (ev->constraint.type == OOM_CONSTRAINT_MEMCG)
			need |= OOM_PART_MEMCG;
		else
			need |= OOM_PART_MEMINFO;
	}
	if (ev->seen & OOM_PART_MEMINFO)
		need |= OOM_PART_ZONES | OOM_PART_BUDDY | OOM_PART_RAM;
	ev->missing = need & ~ev->seen;
	if (ev->dropped_records)
		ev->missing |= OOM_PART_GAP;
	ev->complete = ev->missing == 0;
}

static void infer_constraint(struct oom_event *ev)
{
	struct oom_constraint_info *ci = &ev->constraint;

	if (ci->type != OOM_CONSTRAINT_UNKNOWN)
		return;
	if (strstr(ev->victim.message, "cgroup") || ci->oom_memcg[0] ||
	    ((ev->seen & OOM_PART_MEMCG) && !(ev->seen & OOM_PART_MEMINFO))) {
		ci->type = OOM_CONSTRAINT_MEMCG;
		ci->inferred = true;
	} else if (ev->seen & (OOM_PART_MEMINFO | OOM_PART_TRIGGER)) {
		ci->type = OOM_CONSTRAINT_NONE;
		ci->inferred = true;
	}
}

/*
 * memory.stat key names say little about the cgroup version (5.3-6.4 print
 * v2 names for v1 groups too); the counters do: "swap:" is printed for v2
 * groups only, "memory+swap:" for v1 only from 5.3 on (mm/memcontrol.c
 * mem_cgroup_print_oom_meminfo()).
 */
static void memcg_version(struct oom_event *ev)
{
	struct oom_memcg *m = &ev->memcg;
	struct kver k;

	if (!m->present)
		return;
	if (m->path_truncated)
		ev->truncated_fields++;
	if (m->swap.usage_kb != OOM_NA) {
		m->version = 2;
		return;
	}
	if (kver_parse(ev->kernel_version, &k) == 0 &&
	    kver_code(&k) >= KVER(5, 3, 0) && m->memsw.usage_kb != OOM_NA)
		m->version = 1;
}

/* A kill line cut inside the name: the task table has it by pid. */
static void victim_name_from_tasks(struct oom_event *ev)
{
	struct oom_victim *v = &ev->victim;

	if (!(ev->seen & OOM_PART_VICTIM) || v->name[0] || v->pid == OOM_NA)
		return;
	for (size_t i = 0; i < ev->n_tasks; i++)
		if (ev->tasks[i].pid == v->pid) {
			snprintf(v->name, sizeof(v->name), "%s",
				 ev->tasks[i].name);
			if (ev->n_victims > 0)
				memcpy(ev->victims[0].name, v->name,
				       sizeof(v->name));
			return;
		}
}

static void invoker_named_by_header(struct oom_event *ev, uint64_t lineno)
{
	ev->invoker.from_header = true;
	if (!(ev->seen & OOM_PART_TRIGGER))
		oom_event_note(ev, lineno, "no trigger line: the invoker is "
			       "the task of the CPU:/Pid: header");
}

/*
 * The header kept by keep_header() goes to the event that opens after it:
 * same input and host, at most SM_HEADER_REACH lines and, when both are
 * stamped, HEADER_REACH_US later.
 */
static void take_header(struct sm *sm, struct sm_host *h,
			const struct log_line *ln, const struct sm_pos *pos)
{
	struct sm_header *hd = &sm->header;
	size_t n = ln->host ? ln->host_len : 0;

	if (!hd->set)
		return;
	if (n >= OOM_HOST_MAX)
		n = OOM_HOST_MAX - 1;
	if (hd->input != pos->input || hd->host_len != n ||
	    (n && memcmp(hd->host, ln->host, n) != 0) ||
	    pos->lineno < hd->lineno ||
	    pos->lineno - hd->lineno > SM_HEADER_REACH)
		return;
	if (hd->has_uptime && ln->has_uptime &&
	    (ln->uptime_us < hd->uptime_us ||
	     ln->uptime_us - hd->uptime_us > HEADER_REACH_US))
		return;
	h->header = *hd;
	hd->set = false;
}

/* An event that never saw its trigger nor a header of its own. */
static void invoker_from_kept_header(struct sm_host *h)
{
	struct oom_event *ev = h->ev;

	if (!h->header.set || (ev->seen & (OOM_PART_TRIGGER |
					   OOM_PART_HEADER)) ||
	    ev->invoker.name[0] || ev->invoker.pid != OOM_NA)
		return;
	memcpy(ev->invoker.name, h->header.comm, sizeof(ev->invoker.name));
	ev->invoker.pid = h->header.pid;
	invoker_named_by_header(ev, h->header.lineno);
	/* the report starts at its header */
	if (h->header.lineno < ev->first_line)
		ev->first_line = h->header.lineno;
}

static void host_close(struct sm *sm, struct sm_host *h)
{
	struct oom_event *ev = h->ev;

	if (h->pending_len)
		oom_event_note(ev, h->pending_lineno,
			       "oom-kill: line never completed");
	if (ev->kind == OOM_KIND_KILL && !(ev->seen & OOM_PART_VICTIM) &&
	    (ev->seen & OOM_PART_PANIC))
		ev->kind = OOM_KIND_PANIC;
	invoker_from_kept_header(h);
	infer_constraint(ev);
	memcg_version(ev);
	victim_name_from_tasks(ev);
	compute_missing(ev);
	sm->stats.events++;
	queue_push(sm, ev);  /* the queue owns the event now */
	for (int i = 0; i < SM_MAX_HOSTS; i++)
		if (sm->hosts[i] == h)
			sm->hosts[i] = NULL;
	free(h);
	sm->n_open--;
}

static struct sm_host *host_open(struct sm *sm, const struct log_line *ln,
				 const struct sm_pos *pos)
{
	struct sm_host *h, *oldest = NULL;
	int slot = -1;

	for (int i = 0; i < SM_MAX_HOSTS; i++) {
		if (!sm->hosts[i]) {
			slot = i;
			break;
		}
		if (!oldest || sm->hosts[i]->last_use < oldest->last_use)
			oldest = sm->hosts[i];
	}
	if (slot < 0) {
		sm->stats.evicted++;
		host_close(sm, oldest);
		return host_open(sm, ln, pos);
	}
	h = xcalloc(1, sizeof(*h));
	h->ev = xmalloc(sizeof(*h->ev));
	oom_event_init(h->ev);
	if (ln->host) {
		put_str(h->ev, h->host, sizeof(h->host), ln->host,
			ln->host_len);
		h->host_len = strlen(h->host);
		memcpy(h->ev->host, h->host, h->host_len + 1);
		h->ev->has_host = true;
	}
	h->ev->input = pos->input;
	h->ev->first_line = pos->lineno;
	h->ev->has_uptime = ln->has_uptime;
	h->ev->uptime_us = ln->uptime_us;
	h->ev->has_wall = ln->has_wall;
	h->ev->wall_s = ln->wall_s;
	h->ev->wall_us = ln->wall_us;
	h->ev->wall_year_known = ln->wall_year_known;
	if (ln->time_text)
		put_str(h->ev, h->ev->time_text, sizeof(h->ev->time_text),
			ln->time_text, ln->time_text_len);
	take_header(sm, h, ln, pos);
	sm->hosts[slot] = h;
	sm->n_open++;
	return h;
}

/* Closes the host's open event (if any) and opens a fresh one. */
static void restart(struct cur *c)
{
	if (c->h)
		host_close(c->sm, c->h);
	c->h = host_open(c->sm, c->ln, c->pos);
}

/* Keeps the current line verbatim as evidence (bounded). */
static void evidence(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_evidence *e;

	if (ev->n_evidence >= OOM_MAX_EVIDENCE)
		return;
	e = &ev->evidence[ev->n_evidence++];
	e->lineno = c->pos->lineno;
	e->cut = lex_copy(e->text, sizeof(e->text), c->s, c->len);
}

static void belongs(struct cur *c)
{
	c->h->ev->last_line = c->pos->last_lineno > c->pos->lineno ?
			      c->pos->last_lineno : c->pos->lineno;
	c->h->ev->lines++;
	c->h->idle_lines = 0;
	c->sm->stats.report_lines++;
}

/* ---- the trigger, header and kill lines -------------------------------- */

static void set_gfp(struct cur *c)
{
	struct oom_invoker *inv = &c->h->ev->invoker;
	const char *p;
	size_t n;

	if (re_group(c, G_GFP, &p, &n) &&
	    lex_hex(&p, p + n, 16, &inv->gfp_mask) == 0)
		inv->has_gfp = true;
	if (re_str(c, G_GFP_TEXT, inv->gfp_text, sizeof(inv->gfp_text)))
		inv->has_gfp_text = true;
}

static bool on_trigger(struct cur *c)
{
	struct oom_invoker *inv;

	if (!has(c, "oom-killer: gfp_mask=") || !re_match(c, RE_TRIGGER))
		return false;
	/* an event opened by "sysrq: Manual OOM execution" has seen nothing */
	if (!c->h || c->h->ev->seen)
		restart(c);
	inv = &c->h->ev->invoker;
	c->h->ev->kind = OOM_KIND_KILL;
	re_str(c, G_TASK, inv->name, sizeof(inv->name));
	set_gfp(c);
	re_str(c, G_NODEMASK, inv->nodemask, sizeof(inv->nodemask));
	inv->order = re_int(c, G_ORDER);
	inv->oom_adj = re_int(c, G_OOM_ADJ);
	inv->oom_score_adj = re_int(c, G_SCORE_ADJ);
	if (inv->order == -1)
		c->h->ev->manual = true;
	c->h->ev->seen |= OOM_PART_TRIGGER;
	c->h->phase = SM_HEADER;
	evidence(c);
	return true;
}

static bool on_allocfail(struct cur *c)
{
	struct oom_invoker *inv;

	if (!has(c, "allocation failure") || !re_match(c, RE_ALLOCFAIL))
		return false;
	restart(c);
	inv = &c->h->ev->invoker;
	c->h->ev->kind = OOM_KIND_ALLOC_FAILURE;
	re_str(c, G_TASK, inv->name, sizeof(inv->name));
	inv->order = re_int(c, G_ORDER);
	set_gfp(c);
	re_str(c, G_NODEMASK, inv->nodemask, sizeof(inv->nodemask));
	re_str(c, G_CPUSET, c->h->ev->constraint.cpuset,
	       sizeof(c->h->ev->constraint.cpuset));
	re_str(c, G_MEMS, c->h->ev->constraint.mems_allowed,
	       sizeof(c->h->ev->constraint.mems_allowed));
	c->h->ev->seen |= OOM_PART_TRIGGER;
	c->h->phase = SM_HEADER;
	evidence(c);
	return true;
}

/*
 * The release is the token right before the first token that starts with
 * '#' ("... Not tainted 2.6.32-504.el6.x86_64 #1"); the taint field before
 * it has a fixed width and contains blanks, so it is not split on blanks.
 */
static void take_version(struct cur *c, enum re_group g)
{
	const char *p, *end, *tok = NULL, *prev = NULL;
	size_t n, prevn = 0;

	if (!re_group(c, g, &p, &n))
		return;
	end = p + n;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		tok = p;
		while (p < end && *p != ' ')
			p++;
		if (tok < p && *tok == '#')
			break;
		if (tok < p && memchr(tok, '.', (size_t)(p - tok)) &&
		    isdigit((unsigned char)*tok)) {
			prev = tok;
			prevn = (size_t)(p - tok);
		}
	}
	if (prev)
		put_str(c->h->ev, c->h->ev->kernel_version,
			sizeof(c->h->ev->kernel_version), prev, prevn);
}

/*
 * The same header while no event is open: an excerpt that starts at it.
 * Kept for the event that opens within SM_HEADER_REACH lines (the trace,
 * Mem-Info and the task table's header come between).
 */
static bool keep_header(struct cur *c)
{
	struct sm_header *hd = &c->sm->header;
	bool cpu = starts(c, "CPU: ");
	const char *p;
	size_t n;

	if (!(cpu || starts(c, "Pid: ")) ||
	    !re_match(c, cpu ? RE_HDR_CPU : RE_HDR_PID))
		return false;
	memset(hd, 0, sizeof(*hd));
	hd->pid = re_int(c, G_PID);
	if (!re_group(c, G_COMM, &p, &n) || !n || hd->pid == OOM_NA)
		return false;
	lex_copy(hd->comm, sizeof(hd->comm), p, n);
	if (c->ln->host)
		lex_copy(hd->host, sizeof(hd->host), c->ln->host,
			 c->ln->host_len);
	hd->host_len = strlen(hd->host);
	hd->set = true;
	hd->input = c->pos->input;
	hd->lineno = c->pos->lineno;
	hd->has_uptime = c->ln->has_uptime;
	hd->uptime_us = c->ln->uptime_us;
	return true;
}

static bool on_header(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	bool cpu = starts(c, "CPU: ");

	if (!(cpu || starts(c, "Pid: ")) ||
	    !re_match(c, cpu ? RE_HDR_CPU : RE_HDR_PID))
		return false;
	if (ev->seen & OOM_PART_HEADER)
		return true;  /* a second dump_stack (another CPU's warning) */
	ev->seen |= OOM_PART_HEADER;
	if (ev->invoker.pid == OOM_NA)
		ev->invoker.pid = re_int(c, G_PID);
	if (!ev->invoker.name[0] &&
	    re_str(c, G_COMM, ev->invoker.name, sizeof(ev->invoker.name)))
		invoker_named_by_header(ev, c->pos->lineno);
	take_version(c, G_TAINT);
	evidence(c);
	return true;
}

static void victim_from_match(struct cur *c, struct oom_victim *v)
{
	v->lineno = c->pos->lineno;
	re_str(c, G_MESSAGE, v->message, sizeof(v->message));
	v->pid = re_int(c, G_PID);
	v->uid = re_int(c, G_UID_BEFORE);
	re_str(c, G_COMM, v->name, sizeof(v->name));
	if (v->uid == OOM_NA)
		v->uid = re_int(c, G_UID_AFTER);
	v->total_vm_kb = re_int(c, G_TOTAL_VM);
	v->anon_rss_kb = re_int(c, G_ANON_RSS);
	v->file_rss_kb = re_int(c, G_FILE_RSS);
	v->shmem_rss_kb = re_int(c, G_SHMEM_RSS);
	if (v->uid == OOM_NA)
		v->uid = re_int(c, G_UID);
	v->pgtables_kb = re_int(c, G_PGTABLES);
	v->oom_score_adj = re_int(c, G_SCORE_ADJ);
}

static void add_victim(struct oom_event *ev, const struct oom_victim *v)
{
	if (ev->n_victims >= OOM_MAX_VICTIMS)
		return;
	ev->victims = xreallocarray(ev->victims, (size_t)ev->n_victims + 1,
				    sizeof(*ev->victims));
	ev->victims[ev->n_victims++] = *v;
}

/*
 * "Out of memory (oom_kill_allocating_task): Kill process N (x)": with
 * vm.oom_kill_allocating_task the victim is the task that asked, so the
 * kill line names the invoker when the trigger line was lost.
 */
static void allocating_task(struct oom_event *ev, const struct oom_victim *v)
{
	if (ev->invoker.name[0] || !strstr(v->message, "allocating_task"))
		return;
	snprintf(ev->invoker.name, sizeof(ev->invoker.name), "%s", v->name);
	ev->invoker.pid = v->pid;
}

/*
 * The kill line as a plain regex finds it anywhere in a line (what
 * cAdvisor does): at the start, after junk the paste stage did not know,
 * or cut short.  On success c->s may have moved to the "Killed process".
 */
static bool match_killed(struct cur *c)
{
	const char *s = c->s, *k;
	size_t len = c->len;

	if (re_match(c, RE_KILLED) || re_match(c, RE_KILLED_CUT))
		return true;
	k = memmem(s, len, "Killed process ", 15);
	if (!k || k == s)
		return false;
	c->s = k;
	c->len = len - (size_t)(k - s);
	if (re_match(c, RE_KILLED) || re_match(c, RE_KILLED_CUT))
		return true;
	c->s = s;
	c->len = len;
	return false;
}

/*
 * Every line of one report carries the same prefix.  A kill or select line
 * with no time at all, into an event whose lines were stamped, is another
 * sample pasted after it (a knowledge-base page quoting two clusters).
 */
static bool other_capture(const struct cur *c)
{
	const struct oom_event *ev = c->h->ev;

	return (ev->has_uptime || ev->has_wall) && !c->ln->has_uptime &&
	       !c->ln->has_wall;
}

static bool on_killed(struct cur *c)
{
	struct oom_victim v;

	if (!has(c, "Killed process ") || !match_killed(c))
		return false;
	if (!c->h || ((c->h->ev->seen & OOM_PART_VICTIM) && !c->h->oom_group) ||
	    other_capture(c))
		restart(c);
	memset(&v, 0, sizeof(v));
	v.score = OOM_NA;
	victim_from_match(c, &v);
	if (!(c->h->ev->seen & OOM_PART_VICTIM))
		c->h->ev->victim = v;
	add_victim(c->h->ev, &v);
	allocating_task(c->h->ev, &v);
	evidence(c);
	c->h->ev->seen |= OOM_PART_VICTIM;
	c->h->phase = SM_KILLED;
	return true;
}

static bool on_select(struct cur *c)
{
	struct oom_victim *v;

	if (!has(c, "ill process ") || !re_match(c, RE_SELECT))
		return false;
	if (!c->h || (c->h->ev->seen & (OOM_PART_SELECT | OOM_PART_VICTIM)) ||
	    other_capture(c))
		restart(c);
	v = &c->h->ev->select;
	v->lineno = c->pos->lineno;
	re_str(c, G_MESSAGE, v->message, sizeof(v->message));
	v->pid = re_int(c, G_PID);
	re_str(c, G_COMM, v->name, sizeof(v->name));
	v->score = re_int(c, G_SCORE);
	allocating_task(c->h->ev, v);
	evidence(c);
	c->h->ev->seen |= OOM_PART_SELECT;
	c->h->phase = SM_KILLED;
	return true;
}

static void constraint_from_match(struct cur *c)
{
	struct oom_constraint_info *ci = &c->h->ev->constraint;
	const char *p;
	size_t n;

	ci->type = re_group(c, G_CONSTRAINT, &p, &n) ?
		   oom_constraint_parse(p, n) : OOM_CONSTRAINT_UNKNOWN;
	ci->inferred = false;
	re_str(c, G_NODEMASK, ci->nodemask, sizeof(ci->nodemask));
	re_str(c, G_CPUSET, ci->cpuset, sizeof(ci->cpuset));
	re_str(c, G_MEMS, ci->mems_allowed, sizeof(ci->mems_allowed));
	ci->global_oom = re_group(c, G_GLOBAL, &p, &n);
	re_str(c, G_OOM_MEMCG, ci->oom_memcg, sizeof(ci->oom_memcg));
	re_str(c, G_TASK_MEMCG, ci->task_memcg, sizeof(ci->task_memcg));
	re_str(c, G_TASK, ci->task, sizeof(ci->task));
	ci->pid = re_int(c, G_PID);
	ci->uid = re_int(c, G_UID);
	c->h->ev->seen |= OOM_PART_CONSTRAINT;
}

/*
 * "oom-kill:" is assembled from pr_cont() pieces; when another CPU logs in
 * between, the pieces arrive as separate lines starting with ',' (section
 * 8.6).  An incomplete line waits in h->pending for them.
 */
static bool on_constraint(struct cur *c)
{
	struct sm_host *h;

	if (starts(c, "oom-kill:")) {
		if (!c->h || (c->h->ev->seen & OOM_PART_CONSTRAINT))
			restart(c);
		h = c->h;
		h->pending_len = 0;
	} else if (c->h && c->h->pending_len && c->len && c->s[0] == ',') {
		h = c->h;
		oom_event_note(h->ev, c->pos->lineno,
			       "oom-kill: line rejoined from pieces");
	} else {
		return false;
	}
	if (h->pending_len + c->len >= sizeof(h->pending)) {
		h->ev->lines_unparsed++;
		return true;
	}
	memcpy(h->pending + h->pending_len, c->s, c->len);
	h->pending_len += c->len;
	h->pending_lineno = c->pos->lineno;
	{
		struct cur pc = *c;

		pc.s = h->pending;
		pc.len = h->pending_len;
		if (re_match(&pc, RE_CONSTRAINT)) {
			constraint_from_match(&pc);
			evidence(&pc);
			h->pending_len = 0;
		}
	}
	h->phase = SM_KILLED;
	return true;
}

static bool on_memcg_lines(struct cur *c)
{
	struct oom_constraint_info *ci;

	if (starts(c, "Tasks in ") && re_match(c, RE_OOMGROUP)) {
		if (!c->h)
			restart(c);
		c->h->oom_group = true;
		oom_event_note(c->h->ev, c->pos->lineno,
			       "memory.oom.group: all tasks of the group killed");
		return true;
	}
	if (!(starts(c, "Task in ") || starts(c, "Memory limit reached")) ||
	    !c->h || !re_match(c, RE_TASKIN))
		return false;
	ci = &c->h->ev->constraint;
	if (!re_str(c, G_OOM_MEMCG, ci->oom_memcg, sizeof(ci->oom_memcg)))
		re_str(c, G_LIMIT_MEMCG, ci->oom_memcg, sizeof(ci->oom_memcg));
	re_str(c, G_TASK_MEMCG, ci->task_memcg, sizeof(ci->task_memcg));
	if (ci->type == OOM_CONSTRAINT_UNKNOWN) {
		ci->type = OOM_CONSTRAINT_MEMCG;
		ci->inferred = true;
	}
	return true;
}

static bool on_reaper(struct cur *c)
{
	struct oom_reaper *r;
	bool ok = starts(c, "oom_reaper: reaped") && re_match(c, RE_REAPER);
	bool fail = !ok && starts(c, "oom_reaper: ") &&
		    re_match(c, RE_REAP_FAIL);
	int64_t pid;

	if (!ok && !fail)
		return false;
	pid = re_int(c, G_PID);
	if (!c->h || !(c->h->ev->seen & OOM_PART_VICTIM)) {
		c->sm->stats.orphan_reaper++;
		return c->h != NULL;
	}
	r = &c->h->ev->reaper;
	r->present = true;
	r->pid = pid;
	r->unable = fail;
	re_str(c, G_COMM, r->name, sizeof(r->name));
	if (ok) {
		r->anon_rss_kb = re_int(c, G_ANON_RSS);
		r->file_rss_kb = re_int(c, G_FILE_RSS);
		r->shmem_rss_kb = re_int(c, G_SHMEM_RSS);
	}
	if (pid != c->h->ev->victim.pid)
		oom_event_note(c->h->ev, c->pos->lineno,
			       "reaper names pid %lld, not the victim",
			       (long long)pid);
	c->h->ev->seen |= OOM_PART_REAPER;
	evidence(c);
	belongs(c);
	if (!c->h->oom_group)
		host_close(c->sm, c->h), c->h = NULL;
	return true;
}

static bool on_panic(struct cur *c)
{
	const char *p = "";
	size_t n = 0;

	if (!(starts(c, "Kernel panic") || starts(c, "Out of memory and")) ||
	    !re_match(c, RE_PANIC))
		return false;
	if (!c->h)
		restart(c);
	evidence(c);
	c->h->phase = SM_KILLED;
	/*
	 * out_of_memory(): "no killable processes" panics only for a global,
	 * non-SysRq OOM; a memcg OOM goes on without a kill.  Only the
	 * panic line itself makes the event a panic.
	 */
	if (!re_group(c, G_PANIC, &p, &n)) {
		oom_event_note(c->h->ev, c->pos->lineno, "no killable "
			       "process: the kernel killed nothing");
		c->h->ev->seen |= OOM_PART_NOKILL;
		return true;
	}
	if (!c->h->ev->panic_text[0])
		put_str(c->h->ev, c->h->ev->panic_text,
			sizeof(c->h->ev->panic_text), p, n);
	c->h->ev->seen |= OOM_PART_PANIC;
	c->h->phase = SM_KILLED;
	return true;
}

static bool on_sysrq(struct cur *c)
{
	if (!has(c, "Manual OOM execution"))
		return false;
	if (!c->h || c->h->ev->seen)
		restart(c);
	c->h->ev->manual = true;
	return true;
}

/* ---- the task table ---------------------------------------------------- */

enum task_col {
	COL_CPU, COL_OOM_ADJ, COL_OOM_SCORE_ADJ, COL_NR_PTES, COL_NR_PMDS,
	COL_PGTABLES, COL_SWAPENTS, COL_RSS_ANON, COL_RSS_FILE, COL_RSS_SHMEM,
	COL_UNKNOWN
};

static int col_id(const char *p, size_t n)
{
	static const char *const names[] = {
		"cpu", "oom_adj", "oom_score_adj", "nr_ptes", "nr_pmds",
		"pgtables_bytes", "swapents", "rss_anon", "rss_file",
		"rss_shmem",
	};

	for (int i = 0; i < COL_UNKNOWN; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], p, n))
			return i;
	return COL_UNKNOWN;
}

static enum oom_task_layout layout_of(const struct sm_host *h)
{
	enum oom_task_layout l = OOM_TASKS_UNKNOWN;

	for (int i = 0; i < h->n_cols; i++) {
		if (h->cols[i] == COL_OOM_ADJ)
			l = OOM_TASKS_OOM_ADJ;
		else if (h->cols[i] == COL_NR_PTES && !l)
			l = OOM_TASKS_NR_PTES;
		else if (h->cols[i] == COL_NR_PMDS)
			l = OOM_TASKS_NR_PMDS;
		else if (h->cols[i] == COL_PGTABLES && !l)
			l = OOM_TASKS_PGTABLES;
		else if (h->cols[i] == COL_RSS_ANON)
			l = OOM_TASKS_RSS_SPLIT;
	}
	return l;
}

static bool on_task_header(struct cur *c)
{
	const char *p, *end;
	size_t n;
	struct sm_host *h;

	if (!starts(c, "[") || !re_match(c, RE_TASKHDR))
		return false;
	if (!c->h || (c->h->ev->seen & (OOM_PART_TASKS | OOM_PART_VICTIM)))
		restart(c);
	h = c->h;
	h->n_cols = 0;
	if (!re_group(c, G_COLUMNS, &p, &n))
		p = "", n = 0;
	for (end = p + n; p < end && h->n_cols < SM_MAX_TASK_COLS;) {
		const char *tok;

		while (p < end && *p == ' ')
			p++;
		for (tok = p; p < end && *p != ' ';)
			p++;
		if (tok < p)
			h->cols[h->n_cols++] = col_id(tok, (size_t)(p - tok));
	}
	h->ev->task_layout = layout_of(h);
	h->ev->seen |= OOM_PART_TASKS;
	h->phase = SM_TASKS;
	return true;
}

/* A task-row column: blanks, then -?[0-9]+ ended by a blank, ']' or the end. */
static bool task_col(const char **pp, const char *end, int64_t *v)
{
	const char *p = *pp;
	int64_t x;

	lex_skip(&p, end, ' ');
	if (lex_snum(&p, end, &x) || (p < end && *p != ' ' && *p != ']'))
		return false;
	*v = x;
	*pp = p;
	return true;
}

static void task_set_col(struct oom_task *t, int col, int64_t v)
{
	switch (col) {
	case COL_CPU: t->cpu = v; break;
	case COL_OOM_ADJ: t->oom_adj = v; break;
	case COL_OOM_SCORE_ADJ: t->oom_score_adj = v; break;
	case COL_NR_PTES: t->nr_ptes = v; break;
	case COL_NR_PMDS: t->nr_pmds = v; break;
	case COL_PGTABLES: t->pgtables_bytes = v; break;
	case COL_SWAPENTS: t->swapents = v; break;
	case COL_RSS_ANON: t->rss_anon_pages = v; break;
	case COL_RSS_FILE: t->rss_file_pages = v; break;
	case COL_RSS_SHMEM: t->rss_shmem_pages = v; break;
	default: break;
	}
}

/* "[ 1272]     0  1272    62838      313   3       0             0 vmtoolsd" */
static bool parse_task_row(const struct sm_host *h, const char *p,
			   const char *end, struct oom_task *t)
{
	int64_t v;

	if (p >= end || *p != '[')
		return false;
	p++;
	if (!task_col(&p, end, &t->pid) || p >= end || *p != ']')
		return false;
	p++;
	if (!task_col(&p, end, &t->uid) || !task_col(&p, end, &t->tgid) ||
	    !task_col(&p, end, &t->total_vm_pages) ||
	    !task_col(&p, end, &t->rss_pages))
		return false;
	for (int i = 0; i < h->n_cols; i++) {
		if (!task_col(&p, end, &v))
			return false;
		task_set_col(t, h->cols[i], v);
	}
	if (p >= end || *p != ' ')
		return false;
	while (p < end && *p == ' ')
		p++;
	if (p >= end)
		return false;
	lex_copy(t->name, sizeof(t->name), p, (size_t)(end - p));
	return true;
}

static void sum_add(int64_t *sum, int64_t v)
{
	if (v == OOM_NA)
		return;
	*sum = (*sum == OOM_NA ? 0 : *sum) + v;
}

static void add_task(struct oom_event *ev, const struct oom_task *t)
{
	ev->tasks_seen++;
	sum_add(&ev->tasks_sum_rss_pages, t->rss_pages);
	sum_add(&ev->tasks_sum_swapents, t->swapents);
	if (t->pgtables_bytes != OOM_NA)
		sum_add(&ev->tasks_sum_pgtables_kb, t->pgtables_bytes / 1024);
	if (ev->n_tasks >= OOM_MAX_TASKS)
		return;
	if (ev->n_tasks == ev->tasks_alloc) {
		ev->tasks_alloc = ev->tasks_alloc ? 2 * ev->tasks_alloc : 64;
		ev->tasks = xreallocarray(ev->tasks, ev->tasks_alloc,
					  sizeof(*ev->tasks));
	}
	ev->tasks[ev->n_tasks++] = *t;
}

static bool on_task_row(struct cur *c)
{
	struct oom_task t;

	memset(&t, 0, sizeof(t));
	t.nr_ptes = t.nr_pmds = t.pgtables_bytes = t.swapents = OOM_NA;
	t.cpu = t.oom_adj = t.oom_score_adj = OOM_NA;
	t.rss_anon_pages = t.rss_file_pages = t.rss_shmem_pages = OOM_NA;
	if (!parse_task_row(c->h, c->s, c->s + c->len, &t))
		return false;
	if (strlen(t.name) + 1 == sizeof(t.name))
		c->h->ev->truncated_fields++;
	t.lineno = c->pos->lineno;
	if (c->h->gap) {
		c->h->ev->tasks_elided = true;
		oom_event_note(c->h->ev, c->pos->lineno,
			       "task table interrupted: rows may be missing");
		c->h->gap = false;
	}
	add_task(c->h->ev, &t);
	return true;
}

/*
 * A task row with no header before it (the header was lost to a ring
 * buffer overrun, or a paste starts mid-table): the columns between rss
 * and the name follow from the kernel version (mm/oom_kill.c dump_tasks()
 * changed them several times), so the row can still be read; the table is
 * marked elided.  Without a version, nothing is guessed.
 */
static int inferred_cols(const char *version, int *cols)
{
	static const int adj2[] = { COL_CPU, COL_OOM_ADJ };
	static const int adj3[] = { COL_CPU, COL_OOM_ADJ, COL_OOM_SCORE_ADJ };
	static const int ptes[] = { COL_NR_PTES, COL_SWAPENTS, COL_OOM_SCORE_ADJ };
	static const int pmds[] = { COL_NR_PTES, COL_NR_PMDS, COL_SWAPENTS,
				    COL_OOM_SCORE_ADJ };
	static const int pgt[] = { COL_PGTABLES, COL_SWAPENTS, COL_OOM_SCORE_ADJ };
	static const int split[] = { COL_RSS_ANON, COL_RSS_FILE, COL_RSS_SHMEM,
				     COL_PGTABLES, COL_SWAPENTS,
				     COL_OOM_SCORE_ADJ };
	struct kver k;
	const int *src;
	int v, n;

	if (kver_parse(version, &k) != 0)
		return 0;
	v = kver_code(&k);
	if (k.el == 6)  /* RHEL6 has oom_score_adj (2.6.36) */
		src = adj3, n = 3;
	else if (v < KVER(2, 6, 36))
		src = adj2, n = 2;
	else if (v < KVER(3, 6, 0))
		src = adj3, n = 3;
	else if (v < KVER(4, 0, 0))
		src = ptes, n = 3;
	else if (v < KVER(4, 15, 0))
		src = pmds, n = 4;
	else if (v < KVER(6, 8, 0))
		src = pgt, n = 3;
	else
		src = split, n = 6;
	memcpy(cols, src, (size_t)n * sizeof(*cols));
	return n;
}

static bool on_headerless_row(struct cur *c)
{
	struct sm_host *h = c->h;

	if (!starts(c, "[") || (h->ev->seen & OOM_PART_TASKS) ||
	    !(h->n_cols = inferred_cols(h->ev->kernel_version, h->cols)))
		return false;
	if (!on_task_row(c)) {
		h->n_cols = 0;
		return false;
	}
	h->ev->task_layout = layout_of(h);
	h->ev->seen |= OOM_PART_TASKS;
	h->ev->tasks_elided = true;
	h->phase = SM_TASKS;
	oom_event_note(h->ev, c->pos->lineno,
		       "task rows without their header: columns inferred "
		       "from kernel %.40s", h->ev->kernel_version);
	return true;
}

/* ---- call trace ----------------------------------------------------------- */

static bool is_register_line(const struct cur *c)
{
	static const char *const regs[] = {
		"RIP: ", "Code: ", "RSP: ", "RAX: ", "RDX: ", "RBP: ", "R10: ",
		"R13: ", "FS: ", "CS: ", "CR2: ", "DR0: ", "DR3: ", "PKRU: ",
		"EIP: ", "EAX: ", "ESI: ", "DS: ", "pc : ", "lr : ", "sp : ",
		"x29: ", "Workqueue: ", "Tainted: [", "<TASK>", "</TASK>",
		"<IRQ>", "</IRQ>", "<NMI>", "</NMI>", "<EOI>", "<EOE>",
		"COMPACTION is disabled",
	};

	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (starts(c, regs[i]))
			return true;
	return false;
}

/* Raw stack words (<= 4.9): "ffff880182272f10 00000000021dcb0a ..." */
static bool is_stack_words(const struct cur *c)
{
	size_t hex = 0;

	for (size_t i = 0; i < c->len; i++) {
		if (isxdigit((unsigned char)c->s[i]))
			hex++;
		else if (c->s[i] != ' ')
			return false;
	}
	return hex >= 16;
}

static bool on_frame(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_frame *f;
	const char *p;
	size_t n;

	if (!re_match(c, RE_FRAME))
		return false;
	if (ev->n_trace >= OOM_MAX_TRACE)
		return true;
	f = &ev->trace[ev->n_trace++];
	f->unreliable = re_group(c, G_UNRELIABLE, &p, &n);
	re_str(c, G_FUNC, f->func, sizeof(f->func));
	return true;
}

/* ---- Mem-Info ------------------------------------------------------------- */

static struct oom_zone *zone_new(struct oom_event *ev)
{
	if (ev->n_zones >= OOM_MAX_ZONES)
		return NULL;
	if (!ev->zones)
		ev->zones = xcalloc(OOM_MAX_ZONES, sizeof(*ev->zones));
	meminfo_zone_init(&ev->zones[ev->n_zones]);
	return &ev->zones[ev->n_zones++];
}

static struct oom_zone *zone_find(struct oom_event *ev, int64_t node,
				  const char *name)
{
	for (int i = 0; i < ev->n_zones; i++)
		if (ev->zones[i].node == node &&
		    !strcmp(ev->zones[i].name, name))
			return &ev->zones[i];
	return NULL;
}

static bool on_zone(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_zone z;
	int bad = 0;

	/* "Node 0 DMA32 free:", or without NUMA "DMA32 free:", "Normal free:",
	 * "HighMem free:", "Movable free:", "Device free:" */
	if (!strchr("NDHM", c->s[0]) || !has(c, " free:"))
		return false;
	meminfo_zone_init(&z);
	if (meminfo_parse_zone(c->s, c->len, &z, &bad))
		return false;
	if (bad)
		ev->lines_unparsed++;
	if (!zone_find(ev, z.node, z.name)) {
		struct oom_zone *nz = zone_new(ev);

		if (nz) {
			z.lineno = c->pos->lineno;
			*nz = z;
			evidence(c);
		}
	}
	ev->seen |= OOM_PART_ZONES;
	return true;
}

static bool on_lowmem(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	int64_t v[OOM_MAX_LOWMEM];
	int n = 0;

	if (!starts(c, "lowmem_reserve[]:") ||
	    meminfo_parse_lowmem(c->s, c->len, v, &n))
		return false;
	if (ev->n_zones && ev->zones[ev->n_zones - 1].n_lowmem == 0) {
		struct oom_zone *z = &ev->zones[ev->n_zones - 1];

		memcpy(z->lowmem_reserve, v, (size_t)n * sizeof(v[0]));
		z->n_lowmem = n;
	}
	return true;
}

/*
 * One buddy line (show_free_areas(), "Node 0 DMA: 1*4kB (U) ..."), or
 * several joined into one by a web page.
 */
static bool on_buddy(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	const char *s = c->s;
	size_t len = c->len, used = 0;
	int parts = 0;

	while (len > 0) {
		struct oom_buddy b;
		struct oom_zone *z;
		int64_t node;
		char name[16];

		memset(&b, 0, sizeof(b));
		while (len && *s == ' ')
			s++, len--;
		if (!len || meminfo_parse_buddy(s, len, &node, name, &b, &used))
			break;
		parts++;
		b.lineno = c->pos->lineno;
		z = zone_find(ev, node, name);
		if (!z && (z = zone_new(ev)) != NULL) {
			z->node = node;
			memcpy(z->name, name, sizeof(z->name));
		}
		if (z && !z->buddy.present) {
			z->buddy = b;
			z->buddy.present = true;
		}
		if (b.n_orders && b.block_kb[0] > 0 && ev->page_size_kb == OOM_NA)
			ev->page_size_kb = b.block_kb[0];
		if (used == 0 || used > len)
			break;
		s += used;
		len -= used;
	}
	if (!parts)
		return false;
	if (parts > 1)
		oom_event_note(ev, c->pos->lineno,
			       "%d buddy lines joined on one line: split", parts);
	ev->seen |= OOM_PART_BUDDY;
	return true;
}

static bool on_node_or_huge(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_node nd;
	struct oom_hugepages hp;
	int bad = 0;

	if (!starts(c, "Node "))
		return false;
	if (meminfo_parse_hugepages(c->s, c->len, &hp) == 0) {
		if (ev->n_hugepages < OOM_MAX_HUGEPAGES)
			ev->hugepages[ev->n_hugepages++] = hp;
		return true;
	}
	meminfo_node_init(&nd);
	if (meminfo_parse_node(c->s, c->len, &nd, &bad))
		return false;
	nd.lineno = c->pos->lineno;
	if (ev->n_nodes < OOM_MAX_NODES)
		ev->nodes[ev->n_nodes++] = nd;
	return true;
}

/*
 * mem_cgroup_print_oom_meminfo() runs in dump_header(), before the kill
 * line in every kernel: a memcg block after this event's victim is the next
 * report's (a paste that kept only these lines, or a table export whose
 * rows of several reports were sorted apart).
 */
static bool memcg_block_ends_event(struct cur *c)
{
	if (!(c->h->ev->seen & OOM_PART_VICTIM) || c->h->oom_group)
		return false;
	return starts(c, "Memory cgroup stats for ") ||
	       starts(c, "memory: usage ");
}

static bool on_memcg_block(struct cur *c)
{
	struct oom_event *ev;

	if (memcg_block_ends_event(c))
		restart(c);
	ev = c->h->ev;
	if (meminfo_parse_memcg_counter(c->s, c->len, &ev->memcg) == 0) {
		if (starts(c, "memory: "))
			evidence(c);
		ev->memcg.present = true;
		ev->seen |= OOM_PART_MEMCG;
		c->h->phase = SM_MEMINFO;
		return true;
	}
	if (!starts(c, "Memory cgroup stats for "))
		return false;
	switch (meminfo_parse_memcg_stats_header(c->s, c->len, &ev->memcg)) {
	case 0:
		break;
	case -2:
		/* another cgroup's statistics: another report (a paste that
		   kept only these lines) */
		restart(c);
		return on_memcg_block(c);
	default:
		return false;
	}
	ev->memcg.present = true;
	ev->seen |= OOM_PART_MEMCG;
	c->h->phase = SM_MEMCG_STATS;
	return true;
}

static bool on_meminfo(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	uint32_t part = 0;
	int bad = 0;

	if (starts(c, "Mem-Info:") || starts(c, "Mem-info:")) {
		ev->seen |= OOM_PART_MEMINFO;
		return true;
	}
	if (meminfo_is_pcp_line(c->s, c->len))
		return true;
	if (on_zone(c) || on_lowmem(c) || on_buddy(c) || on_node_or_huge(c))
		return true;
	if (meminfo_parse_totals(c->s, c->len, &ev->totals, &part) == 0) {
		ev->seen |= part;
		return true;
	}
	if (meminfo_parse_counters(c->s, c->len, &ev->meminfo, &bad) == 0) {
		ev->seen |= OOM_PART_MEMINFO;
		return true;
	}
	return on_memcg_block(c);
}

static bool on_block_start(struct cur *c)
{
	if (starts(c, "Call Trace:") || starts(c, "Call trace:")) {
		c->h->ev->seen |= OOM_PART_TRACE;
		c->h->phase = SM_TRACE;
		return true;
	}
	if (starts(c, "Unreclaimable slab info:")) {
		c->h->phase = SM_SLAB;
		return true;
	}
	if (starts(c, "Memory allocations")) {
		c->h->phase = SM_ALLOC;
		return true;
	}
	if (starts(c, "Hardware name: ")) {
		put_str(c->h->ev, c->h->ev->hardware,
			sizeof(c->h->ev->hardware), c->s + 15, c->len - 15);
		return true;
	}
	return starts(c, "Tasks state (memory values in pages):") ||
	       starts(c, "excessive unreclaimable slab");
}

/* ---- dispatch --------------------------------------------------------------- */

/*
 * Text every line that can open an event contains: the trigger ("oom-
 * killer"), oom-kill:, oom_reaper:, memory.oom.group, a lone task table
 * (its header names oom_adj or oom_score_adj in every kernel since 2.6.25)
 * ("oom"); lone kill lines ("Kill process", "Killed process": "Kill"); a
 * lone memcg statistics block ("Memory cgroup stats for": "emory
 * cgroup"); page and vmalloc allocation failures and stalls
 * ("allocation"); the panics ("Out of memory", "out of memory");
 * SysRq's "Manual OOM execution" ("OOM").  The pipeline's fast path skips
 * lines with none of them, so they also name the context lines (context.c),
 * which never open an event: systemd's "killed by the OOM killer" ("OOM"),
 * "Adding 4k swap on" and systemd's "Activated swap" ("swap"), "Linux
 * version"; systemd-oomd's, earlyoom's and TCP's lines have "oom" or "ut of
 * memory" already.  The dump_stack() header ("CPU: N PID: N Comm: x",
 * "Pid: N, comm: x": "omm: ") opens nothing, but is kept while idle for
 * the event that may follow it (keep_header()).  At most SCAN_MAX_NEEDLES.
 */
static const char *const start_needles[] = {
	"oom", "Kill", "emory cgroup", "allocation",
	"ut of memory", "OOM", "swap", "Linux version",
	"omm: ",
};
_Static_assert(sizeof(start_needles) / sizeof(start_needles[0]) <=
	       SCAN_MAX_NEEDLES, "scan_init() would drop a needle");

const struct scan_set *sm_start_needles(const struct sm *sm)
{
	return &sm->start;
}

bool sm_line_may_start(const struct sm *sm, const char *s, size_t len)
{
	return scan_find(&sm->start, s, len) < len;
}

static bool may_start(const struct cur *c)
{
	return sm_line_may_start(c->sm, c->s, c->len);
}

/*
 * Lines recognised whether or not an event is open.  Most report lines
 * (zones, buddy lists, task rows, frames) hold none of the start needles,
 * so one vector scan spares them the per-pattern searches.
 */
static bool on_start_line(struct cur *c)
{
	/* a pasted memcg statistics block alone is a report cut short */
	if (!c->h && starts(c, "Memory cgroup stats for ")) {
		restart(c);
		return on_memcg_block(c);
	}
	if (may_start(c) &&
	    (on_trigger(c) || on_allocfail(c) || on_killed(c) ||
	     on_select(c) || on_reaper(c) || on_sysrq(c) ||
	     on_task_header(c)))
		return true;
	return on_constraint(c) || on_memcg_lines(c) || on_panic(c);
}

static bool on_cpuset(struct cur *c)
{
	struct oom_constraint_info *ci = &c->h->ev->constraint;

	if (!has(c, " cpuset=") || !re_match(c, RE_CPUSET))
		return false;
	re_str(c, G_CPUSET, ci->cpuset, sizeof(ci->cpuset));
	re_str(c, G_MEMS, ci->mems_allowed, sizeof(ci->mems_allowed));
	return true;
}

static bool on_body_meminfo(struct cur *c)
{
	if (!on_meminfo(c))
		return false;
	if (c->h->phase != SM_MEMCG_STATS)
		c->h->phase = SM_MEMINFO;
	return true;
}

/*
 * Inside Mem-Info its own lines come first (they are most of the report
 * and none of them can start an event); elsewhere the start lines do.
 */
static bool on_body(struct cur *c)
{
	if (c->h && c->h->phase == SM_MEMINFO && on_body_meminfo(c))
		return true;
	if (on_start_line(c))
		return true;
	if (!c->h)
		return false;
	if (on_header(c) || on_block_start(c) || on_cpuset(c))
		return true;
	return c->h->phase != SM_MEMINFO && on_body_meminfo(c);
}

static bool in_trace(struct cur *c)
{
	return on_frame(c) || is_register_line(c) || is_stack_words(c) ||
	       on_body(c);
}

static bool in_memcg_stats(struct cur *c)
{
	if (meminfo_parse_memcg_stat(c->s, c->len, &c->h->ev->memcg) == 0)
		return true;
	c->h->phase = SM_MEMINFO;
	return on_body(c);
}

static bool in_slab(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_slab_row r;

	memset(&r, 0, sizeof(r));
	if (on_body(c))
		return true;
	if (meminfo_parse_slab_row(c->s, c->len, &r))
		return false;
	if (r.name[0] && ev->n_slab < OOM_MAX_SLAB_ROWS)
		ev->slab[ev->n_slab++] = r;
	return true;
}

static bool in_alloc(struct cur *c)
{
	struct oom_event *ev = c->h->ev;
	struct oom_alloc_row r;

	memset(&r, 0, sizeof(r));
	if (on_body(c))
		return true;
	if (meminfo_parse_alloc_row(c->s, c->len, &r))
		return false;
	if (ev->n_alloc < OOM_MAX_ALLOC_ROWS)
		ev->alloc[ev->n_alloc++] = r;
	return true;
}

static bool dispatch(struct cur *c)
{
	switch (c->h ? c->h->phase : SM_IDLE) {
	case SM_IDLE:
		return may_start(c) && (on_start_line(c) || keep_header(c));
	case SM_HEADER: return on_body(c) || on_headerless_row(c);
	case SM_TRACE: return in_trace(c);
	case SM_MEMINFO: return on_body(c) || on_headerless_row(c);
	case SM_MEMCG_STATS: return in_memcg_stats(c);
	case SM_SLAB: return in_slab(c);
	case SM_ALLOC: return in_alloc(c);
	case SM_TASKS: return on_task_row(c) || on_body(c);
	case SM_KILLED: return on_body(c);
	}
	return false;
}

static bool looks_like_report(const struct cur *c)
{
	return starts(c, "Node ") || starts(c, "lowmem_reserve") ||
	       has(c, "Killed process") || has(c, "invoked oom-killer") ||
	       (c->h && c->h->phase == SM_TASKS && starts(c, "["));
}

static void foreign(struct cur *c)
{
	struct sm_host *h = c->h;
	uint64_t limit = IDLE_LIMIT_REPORT;

	if (looks_like_report(c)) {
		h->ev->lines_unparsed++;
		c->sm->stats.unparsed++;
	} else {
		h->ev->lines_foreign++;
	}
	if (h->phase == SM_TASKS)
		h->gap = true;
	if (h->phase == SM_KILLED)
		limit = IDLE_LIMIT_KILLED;
	else if (h->ev->kind == OOM_KIND_ALLOC_FAILURE &&
		 (h->ev->seen & OOM_PART_RAM))
		limit = IDLE_LIMIT_ALLOC_DONE;
	if (++h->idle_lines >= limit)
		host_close(c->sm, h);
}

/*
 * A report is stored in the ring within moments, and its stamps only grow
 * (printk's local_clock(); CPUs disagree by microseconds).  A line stamped
 * a second or more before the open event's last line is from another boot,
 * another machine or a table sorted newest first: the event ends there.
 */
static bool goes_back_in_time(const struct sm_host *h,
			      const struct log_line *ln)
{
	return h->has_uptime && ln->has_uptime &&
	       ln->uptime_us + UPTIME_BACK_SLACK_US < h->last_uptime_us;
}

static void moved(struct sm_host *h, const struct log_line *ln)
{
	if (!ln->has_uptime)
		return;
	h->has_uptime = true;
	h->last_uptime_us = ln->uptime_us;
}

void sm_feed(struct sm *sm, const struct log_line *ln, const struct sm_pos *pos)
{
	struct cur c = { sm, NULL, ln, pos, ln->msg, ln->msg_len };

	sm->stats.lines++;
	while (c.len && (*c.s == ' ' || *c.s == '\t'))
		c.s++, c.len--;
	while (c.len && (c.s[c.len - 1] == ' ' || c.s[c.len - 1] == '\t' ||
			 c.s[c.len - 1] == '\r'))
		c.len--;
	if (!c.len)
		return;
	if (sm->n_open)
		c.h = host_find(sm, ln);
	if (c.h && goes_back_in_time(c.h, ln)) {
		host_close(sm, c.h);
		c.h = NULL;
	}
	if (!c.h && !may_start(&c))
		return;
	if (dispatch(&c)) {
		if (c.h) {
			c.h->last_use = ++sm->clock;
			moved(c.h, ln);
			belongs(&c);
		}
	} else if (c.h) {
		foreign(&c);
	}
}

void sm_gap(struct sm *sm, const struct log_line *ln, uint32_t n,
	    const struct sm_pos *pos)
{
	struct sm_host *h = host_find(sm, ln);

	if (!h || !h->ev)
		return;
	h->ev->dropped_records += n;
	oom_event_note(h->ev, pos->lineno, "%" PRIu32 " printk records "
		       "dropped here: the report is missing lines", n);
}

void sm_init(struct sm *sm)
{
	memset(sm, 0, sizeof(*sm));
	scan_init(&sm->start, start_needles,
		  sizeof(start_needles) / sizeof(start_needles[0]));
	sm->re = xcalloc(1, sizeof(*sm->re));
	sm->re->md = pcre2_match_data_create(32, NULL);
	if (!sm->re->md)
		oom_die_nomem();
}

void sm_finish(struct sm *sm)
{
	for (int i = 0; i < SM_MAX_HOSTS && sm->n_open; i++)
		if (sm->hosts[i])
			host_close(sm, sm->hosts[i]);
}

struct oom_event *sm_take(struct sm *sm)
{
	if (sm->ready_head >= sm->n_ready)
		return NULL;
	return sm->ready[sm->ready_head++];
}

bool sm_busy(const struct sm *sm)
{
	return sm->n_open > 0;
}

void sm_release(struct sm *sm)
{
	for (int i = 0; i < SM_MAX_HOSTS; i++) {
		if (sm->hosts[i]) {
			oom_event_free(sm->hosts[i]->ev);
			free(sm->hosts[i]);
		}
	}
	for (int i = sm->ready_head; i < sm->n_ready; i++)
		oom_event_free(sm->ready[i]);
	free(sm->ready);
	for (int i = 0; i < RE_COUNT; i++)
		pcre2_code_free(sm->re->code[i]);
	pcre2_match_data_free(sm->re->md);
	free(sm->re);
	memset(sm, 0, sizeof(*sm));
}
