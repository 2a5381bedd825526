/*
 * The event data model: initialisation, release and names.
 *
 * An event starts with every number OOM_NA ("the log did not show it") and
 * no heap memory; the state machine (sm.c) fills it.  Only the task table,
 * the zone array and the victim list live on the heap, each with a cap.
 */
#include "oomscope/event.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static void na_fill(int64_t *first, size_t n)
{
	for (size_t i = 0; i < n; i++)
		first[i] = OOM_NA;
}

#define NA_STRUCT(s) na_fill((int64_t *)(void *)&(s), sizeof(s) / sizeof(int64_t))

static void victim_init(struct oom_victim *v)
{
	memset(v, 0, sizeof(*v));
	v->pid = v->uid = v->score = OOM_NA;
	v->total_vm_kb = v->anon_rss_kb = v->file_rss_kb = OOM_NA;
	v->shmem_rss_kb = v->pgtables_kb = v->oom_score_adj = OOM_NA;
}

void oom_event_init(struct oom_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->invoker.pid = ev->invoker.order = OOM_NA;
	ev->invoker.oom_adj = ev->invoker.oom_score_adj = OOM_NA;
	ev->constraint.pid = ev->constraint.uid = OOM_NA;
	victim_init(&ev->select);
	victim_init(&ev->victim);
	ev->reaper.pid = OOM_NA;
	ev->reaper.anon_rss_kb = ev->reaper.file_rss_kb = OOM_NA;
	ev->reaper.shmem_rss_kb = OOM_NA;
	NA_STRUCT(ev->meminfo);
	NA_STRUCT(ev->totals);
	ev->memcg.memory.usage_kb = ev->memcg.memory.limit_kb = OOM_NA;
	ev->memcg.memory.failcnt = OOM_NA;
	ev->memcg.memsw = ev->memcg.kmem = ev->memcg.swap = ev->memcg.memory;
	ev->page_size_kb = OOM_NA;
	ev->tasks_sum_rss_pages = ev->tasks_sum_swapents = OOM_NA;
	ev->tasks_sum_pgtables_kb = OOM_NA;
}

void oom_event_release(struct oom_event *ev)
{
	free(ev->tasks);
	free(ev->zones);
	free(ev->victims);
	oom_event_init(ev);
}

void oom_event_free(struct oom_event *ev)
{
	if (!ev)
		return;
	free(ev->tasks);
	free(ev->zones);
	free(ev->victims);
	free(ev);
}

void oom_event_move(struct oom_event *dst, struct oom_event *src)
{
	*dst = *src;
	oom_event_init(src);
}

void oom_event_note(struct oom_event *ev, uint64_t lineno, const char *fmt,
		    ...)
{
	va_list ap;
	struct oom_note *n;

	if (ev->n_notes >= OOM_MAX_NOTES)
		return;
	n = &ev->notes[ev->n_notes++];
	n->lineno = lineno;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
}

const char *oom_part_name(enum oom_part part)
{
	switch (part) {
	case OOM_PART_TRIGGER: return "trigger";
	case OOM_PART_HEADER: return "header";
	case OOM_PART_TRACE: return "call_trace";
	case OOM_PART_MEMINFO: return "mem_info";
	case OOM_PART_ZONES: return "zones";
	case OOM_PART_BUDDY: return "buddy";
	case OOM_PART_SWAP: return "swap";
	case OOM_PART_RAM: return "page_totals";
	case OOM_PART_MEMCG: return "memcg";
	case OOM_PART_TASKS: return "tasks";
	case OOM_PART_CONSTRAINT: return "constraint";
	case OOM_PART_SELECT: return "select";
	case OOM_PART_VICTIM: return "victim";
	case OOM_PART_REAPER: return "reaper";
	case OOM_PART_PANIC: return "panic";
	case OOM_PART_GAP: return "dropped_records";
	case OOM_PART_NOKILL: return "no_killable";
	}
	return "unknown";
}

const char *oom_kind_name(enum oom_kind kind)
{
	switch (kind) {
	case OOM_KIND_KILL: return "oom_kill";
	case OOM_KIND_ALLOC_FAILURE: return "alloc_failure";
	case OOM_KIND_PANIC: return "oom_panic";
	}
	return "oom_kill";
}

/*
 * The kernel's names (mm/oom_kill.c enum oom_constraint, printed by
 * dump_oom_summary() as "oom-kill:constraint=CONSTRAINT_MEMCG,...") and
 * the short ones the summary table shows.
 */
static const struct {
	const char *kernel, *brief;
} constraint_names[] = {
	[OOM_CONSTRAINT_NONE] = { "CONSTRAINT_NONE", "NONE" },
	[OOM_CONSTRAINT_CPUSET] = { "CONSTRAINT_CPUSET", "CPUSET" },
	[OOM_CONSTRAINT_MEMORY_POLICY] = { "CONSTRAINT_MEMORY_POLICY",
					   "MEMORY_POLICY" },
	[OOM_CONSTRAINT_MEMCG] = { "CONSTRAINT_MEMCG", "MEMCG" },
};

#define N_CONSTRAINTS (sizeof(constraint_names) / sizeof(constraint_names[0]))

const char *oom_constraint_name(enum oom_constraint c)
{
	return (unsigned)c < N_CONSTRAINTS ? constraint_names[c].kernel : NULL;
}

const char *oom_constraint_brief(enum oom_constraint c)
{
	return (unsigned)c < N_CONSTRAINTS ? constraint_names[c].brief : NULL;
}

enum oom_constraint oom_constraint_parse(const char *s, size_t n)
{
	for (size_t i = 0; i < N_CONSTRAINTS; i++) {
		const char *k = constraint_names[i].kernel;

		if (k && strlen(k) == n && memcmp(k, s, n) == 0)
			return (enum oom_constraint)i;
	}
	return OOM_CONSTRAINT_UNKNOWN;
}
