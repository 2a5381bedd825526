/*
 * Across events, as they stream (see across.h): the loops of kills, the
 * verdict a rate-limited lone kill takes from its loop, and the holder
 * that grows from report to report while others die.
 */
#include "oomscope/across.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analyze_int.h"
#include "lex.h"
#include "units.h"
#include "banned.h"

void across_init(struct across *a)
{
	memset(a, 0, sizeof(*a));
}

/* A full report has a task table to weigh; a lone kill has its kill line. */
static bool full_report(const struct oom_event *ev)
{
	return (ev->seen & OOM_PART_TASKS) && ev->n_tasks > 0;
}

static bool lone_kill(const struct oom_event *ev)
{
	return (ev->seen & (OOM_PART_VICTIM | OOM_PART_SELECT)) &&
	       !(ev->seen & (OOM_PART_TRIGGER | OOM_PART_TASKS |
			     OOM_PART_MEMINFO | OOM_PART_MEMCG));
}

static bool event_time(const struct oom_event *ev, int64_t *t, bool *wall)
{
	*wall = ev->has_wall;
	if (ev->has_wall)
		*t = ev->wall_s * 1000000 + ev->wall_us;
	else if (ev->has_uptime)
		*t = (int64_t)ev->uptime_us;
	else
		return false;
	return true;
}

static const char *memcg_of(const struct oom_event *ev)
{
	return ev->constraint.oom_memcg;
}

static bool lists(const struct across_loop *l, const char *name)
{
	for (int i = 0; i < l->n_names; i++)
		if (!strcmp(l->names[i], name))
			return true;
	return false;
}

/*
 * The loop ev continues: same host and constraint, close after the loop's
 * last event, the latest first.  A lone kill names no memcg: among the
 * loops of that constraint, those whose last report lists the victim's
 * name are preferred; when loops that differ in verdict remain, the kill
 * is ambiguous and continues none (NULL, *ambiguous set).
 */
static struct across_loop *find_loop(struct across *a,
				     const struct oom_event *ev, int64_t t,
				     bool wall, bool *ambiguous)
{
	struct across_loop *best = NULL, *named = NULL;
	const char *cg = memcg_of(ev);
	int n = 0, n_named = 0;
	bool differ = false, differ_named = false;

	*ambiguous = false;
	for (size_t i = 0; i < a->n; i++) {
		struct across_loop *l = &a->loops[i];

		if (strcmp(l->host, ev->host) || l->type != ev->constraint.type ||
		    l->by_wall != wall || t < l->last_t ||
		    t - l->last_t > INCIDENT_LOOP_GAP_S * 1000000)
			continue;
		if (cg[0] && l->memcg[0] && strcmp(cg, l->memcg))
			continue;
		if (best && strcmp(best->verdict.name, l->verdict.name))
			differ = true;
		n++;
		if (!best || l->last_used > best->last_used)
			best = l;
		if (cg[0] || !lists(l, ev->victim.name))
			continue;
		if (named && strcmp(named->verdict.name, l->verdict.name))
			differ_named = true;
		n_named++;
		if (!named || l->last_used > named->last_used)
			named = l;
	}
	if (cg[0] || n <= 1 || !differ)
		return best;
	if (n_named && !differ_named)
		return named;
	*ambiguous = true;
	return NULL;
}

static struct across_loop *new_loop(struct across *a,
				    const struct oom_event *ev)
{
	struct across_loop *l = &a->loops[0];

	if (a->n < ACROSS_MAX_LOOPS) {
		l = &a->loops[a->n++];
	} else {
		for (size_t i = 1; i < a->n; i++)
			if (a->loops[i].last_used < l->last_used)
				l = &a->loops[i];
	}
	memset(l, 0, sizeof(*l));
	lex_copy_str(l->host, sizeof(l->host), ev->host);
	l->type = ev->constraint.type;
	l->hold_pid = OOM_NA;
	return l;
}

static enum culprit_confidence step_down(enum culprit_confidence c)
{
	return c == CONFIDENCE_HIGH ? CONFIDENCE_MEDIUM : CONFIDENCE_LOW;
}

#define INHERITED "from the loop's last full report"

/* A missing task table is what rate-limiting leaves, not a cut excerpt. */
static void drop_finding(struct oom_analysis *an, const char *code)
{
	int k = 0;

	for (int i = 0; i < an->n_findings; i++)
		if (strcmp(an->findings[i].code, code))
			an->findings[k++] = an->findings[i];
	an->n_findings = k;
}

/* The lone kill takes the loop's verdict. */
static void inherit(const struct across_loop *l, const struct oom_event *ev,
		    int64_t t, struct oom_analysis *an)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_culprit *v = &l->verdict;
	char was[sizeof(c->reason)];

	drop_finding(an, "task_table_missing");

	lex_copy_str(was, sizeof(was), v->reason);
	*c = *v;
	c->confidence = step_down(v->confidence);
	c->is_invoker = false;
	c->is_victim = c->kind == CULPRIT_PROCESS ? c->pid == ev->victim.pid :
		       c->kind == CULPRIT_PROCESS_GROUP &&
		       !strcmp(c->name, ev->victim.name);
	snprintf(c->reason, sizeof(c->reason), INHERITED " (%s, %.1f s "
		 "before; the kernel rate-limits its reports, so this kill "
		 "has only its kill line)",
		 l->verdict_at, (double)(t - l->verdict_t) / 1e6);
	analyze_cat(c->reason, sizeof(c->reason), ": %s", was);
}

static void remember_names(struct across_loop *l, const struct oom_event *ev)
{
	l->n_names = 0;
	for (size_t i = 0; i < ev->n_tasks; i++) {
		const char *name = ev->tasks[i].name;

		if (lists(l, name))
			continue;
		if (l->n_names == ACROSS_TASK_NAMES)
			break;
		lex_copy_str(l->names[l->n_names++], sizeof(l->names[0]), name);
	}
}

static void remember_verdict(struct across_loop *l, const struct oom_event *ev,
			     const struct oom_analysis *an, int64_t t)
{
	remember_names(l, ev);
	if (an->culprit.kind == CULPRIT_UNKNOWN)
		return;
	l->has_verdict = true;
	l->verdict = an->culprit;
	l->verdict_t = t;
	snprintf(l->verdict_at, sizeof(l->verdict_at), "%s:%" PRIu64,
		 ev->input ? ev->input : "-", ev->first_line);
}

/* Follows the culprit process of full reports, and the kills around it. */
static void follow_holder(struct across_loop *l, const struct oom_event *ev,
			  const struct oom_analysis *an, int64_t t)
{
	const struct oom_culprit *c = &an->culprit;
	bool holder_died = l->hold_pid != OOM_NA &&
			   ev->victim.pid == l->hold_pid;

	if (l->hold_pid != OOM_NA && !holder_died &&
	    (ev->seen & OOM_PART_VICTIM))
		l->others_killed++;
	if (holder_died && ev->victim.anon_rss_kb != OOM_NA && !full_report(ev)) {
		/* its kill line: the last size it reached */
		l->last_kb = ev->victim.anon_rss_kb +
			     (ev->victim.shmem_rss_kb != OOM_NA ?
			      ev->victim.shmem_rss_kb : 0);
		l->last_kt = t;
		return;
	}
	if (!full_report(ev) || c->kind != CULPRIT_PROCESS ||
	    c->held_kb == OOM_NA)
		return;
	if (c->pid != l->hold_pid) {
		l->hold_pid = c->pid;
		lex_copy_str(l->hold_name, sizeof(l->hold_name), c->name);
		l->first_kb = l->last_kb = c->held_kb;
		l->first_t = l->last_kt = t;
		l->reports = 1;
		l->others_killed = c->is_victim ? 0 : 1;
		return;
	}
	l->last_kb = c->held_kb;
	l->last_kt = t;
	l->reports++;
}

/*
 * growing_holder: the holder was seen in two or more reports, is larger
 * at the last, and others died meanwhile.  The rate is per second of the
 * log's clock, shown when the span is a tenth of a second or more.
 */
static void growing_holder(const struct across_loop *l,
			   struct oom_analysis *an)
{
	struct oom_finding *f;
	char a[32], b[32], r[32];
	int64_t dt = l->last_kt - l->first_t;   /* microseconds */

	if (l->hold_pid == OOM_NA || l->reports < 2 ||
	    l->last_kb <= l->first_kb || l->others_killed < 1)
		return;
	units_size(a, sizeof(a), l->first_kb);
	units_size(b, sizeof(b), l->last_kb);
	if (dt >= 100000)
		units_size(r, sizeof(r), (int64_t)((double)(l->last_kb -
			   l->first_kb) * 1e6 / (double)dt));
	f = analyze_finding(an, "growing_holder", FINDING_WARNING,
			    "%s (pid %" PRId64 ") grew from %s to %s in %.1f s"
			    "%s%s%s over %d reports while %d other tasks were "
			    "killed.", l->hold_name, l->hold_pid, a, b,
			    (double)dt / 1e6, dt >= 100000 ? " (" : "",
			    dt >= 100000 ? r : "", dt >= 100000 ? "/s)" : "",
			    l->reports, l->others_killed);
	analyze_advise(f, "The tasks killed in this loop die for %s: look "
		       "for a leak in it, or give it a limit that fits its "
		       "growth; killing the others only buys time.",
		       l->hold_name);
}

void across_carry(const struct oom_analysis *from, struct oom_analysis *to)
{
	if (!strncmp(from->culprit.reason, INHERITED, strlen(INHERITED))) {
		to->culprit = from->culprit;
		drop_finding(to, "task_table_missing");
	}
	for (int i = 0; i < from->n_findings; i++)
		if ((!strcmp(from->findings[i].code, "growing_holder") ||
		     !strcmp(from->findings[i].code, "kill_loop")) &&
		    to->n_findings < OOM_MAX_FINDINGS)
			to->findings[to->n_findings++] = from->findings[i];
}

static void count_kill(struct across_loop *l, const struct oom_event *ev,
		       int64_t t)
{
	int i;

	if (!(ev->seen & (OOM_PART_VICTIM | OOM_PART_SELECT)))
		return;
	if (!l->kills++)
		l->first_kill_t = t;
	for (i = 0; i < l->n_killed; i++)
		if (!strcmp(l->killed[i].name, ev->victim.name))
			break;
	if (i == l->n_killed && l->n_killed < ACROSS_KILLED_NAMES)
		lex_copy_str(l->killed[l->n_killed++].name,
			     sizeof(l->killed[0].name), ev->victim.name);
	if (i < l->n_killed)
		l->killed[i].count++;
	else
		l->other_killed++;
}

/* kill_loop: "kill 12 of a loop: 12 kills in 1.8 s (400 a minute) ..." */
static void kill_loop(const struct across_loop *l, struct oom_analysis *an,
		      int64_t t)
{
	struct oom_finding *f;
	double span = (double)(t - l->first_kill_t) / 1e6;
	char what[400] = "";

	if (l->kills < INCIDENT_LOOP_MIN)
		return;
	for (int i = 0; i < l->n_killed; i++)
		analyze_cat(what, sizeof(what), "%s%s x%d", i ? ", " : "",
			    l->killed[i].name, l->killed[i].count);
	if (l->other_killed)
		analyze_cat(what, sizeof(what), ", others x%d",
			    l->other_killed);
	f = analyze_finding(an, "kill_loop", FINDING_WARNING, "Kill %d of a "
			    "loop: %d kills in %.1f s", l->kills, l->kills,
			    span);
	if (!f)
		return;
	if (span >= 1)
		analyze_cat(f->message, sizeof(f->message), " (%.0f a minute)",
			    (l->kills - 1) * 60 / span);
	analyze_cat(f->message, sizeof(f->message), "; killed: %s", what);
	if (l->has_verdict && l->verdict.name[0])
		analyze_cat(f->message, sizeof(f->message), "; the loop's "
			    "culprit is %s", l->verdict.name);
	analyze_cat(f->message, sizeof(f->message), ".");
	analyze_advise(f, "Restarting what is killed feeds the loop: stop "
		       "the culprit's growth, or %s.",
		       l->type == OOM_CONSTRAINT_MEMCG ? "raise the memory "
		       "cgroup's limit to what it needs" : "give the host "
		       "the memory it needs");
}

void across_event(struct across *a, const struct oom_event *ev,
		  struct oom_analysis *an)
{
	struct across_loop *l;
	int64_t t;
	bool wall, ambiguous;

	if (ev->kind != OOM_KIND_KILL || !event_time(ev, &t, &wall))
		return;
	l = find_loop(a, ev, t, wall, &ambiguous);
	if (ambiguous)
		return;   /* it could belong to several loops: it joins none */
	if (lone_kill(ev) && l && l->has_verdict)
		inherit(l, ev, t, an);
	if (!l)
		l = new_loop(a, ev);
	if (memcg_of(ev)[0])
		lex_copy_str(l->memcg, sizeof(l->memcg), memcg_of(ev));
	l->last_t = t;
	l->by_wall = wall;
	l->last_used = ++a->clock;
	if (full_report(ev))
		remember_verdict(l, ev, an, t);
	follow_holder(l, ev, an, t);
	count_kill(l, ev, t);
	growing_holder(l, an);
	kill_loop(l, an, t);
}
