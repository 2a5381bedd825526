/*
 * The incident stage (incident.h): from the report's rows and the context
 * lines, per host, the events with their anchors, the repeated victims and
 * culprits, the kill loops and the placed context lines, computed once for
 * every renderer.
 *
 * Rows are grouped by host with one sort (n log n; 10 000 rows on 10 000
 * hosts must not cost 10^8 comparisons), hosts keep the order of their
 * first event, and a context line finds its host by binary search.  A
 * line is placed among the host's *placed* events only; a host with an
 * event that has no anchor (the anchor list was full) still has its lines
 * placed for the JSON, but no timeline: the text report falls back to its
 * plain summary rather than show lines in a wrong order.
 */
#include "oomscope/incident.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* Build-time state of a host: its placed events as context_around() wants. */
struct host_refs {
	struct context_ref *refs;
	const struct incident_event **ev;   /* refs[i]'s event */
	size_t n;
};

void incident_init(struct incident *in)
{
	memset(in, 0, sizeof(*in));
}

void incident_release(struct incident *in)
{
	for (size_t i = 0; i < in->n_hosts; i++) {
		struct incident_host *h = &in->hosts[i];

		free(h->events);
		free(h->timeline);
		free(h->victims);
		free(h->culprits);
		free(h->loops);
		free(h->growth);
	}
	free(in->hosts);
	free(in->lines);
	incident_init(in);
}

/* ---- hosts and their events ------------------------------------------- */

static int by_host_then_index(const void *pa, const void *pb)
{
	const struct report_row *a = *(const struct report_row *const *)pa;
	const struct report_row *b = *(const struct report_row *const *)pb;
	int d = strcmp(a->host, b->host);

	return d ? d : (a > b) - (a < b);
}

static int by_first_row(const void *pa, const void *pb)
{
	const struct incident_host *a = pa, *b = pb;
	const struct report_row *ra = a->events[0].row, *rb = b->events[0].row;

	return (ra > rb) - (ra < rb);
}

/* One host per distinct row host, its events in report order. */
static void group_hosts(struct incident *in, const struct report *r,
			const struct context *c)
{
	const struct report_row **v = xcalloc(r->n_rows + 1, sizeof(*v));

	for (size_t i = 0; i < r->n_rows; i++)
		v[i] = &r->rows[i];
	qsort(v, r->n_rows, sizeof(*v), by_host_then_index);
	in->hosts = xcalloc(r->n_rows + 1, sizeof(*in->hosts));
	for (size_t i = 0, j; i < r->n_rows; i = j) {
		struct incident_host *h = &in->hosts[in->n_hosts++];

		for (j = i + 1; j < r->n_rows && !strcmp(v[i]->host, v[j]->host);)
			j++;
		h->name = v[i]->host;
		h->events = xcalloc(j - i, sizeof(*h->events));
		h->placed = true;
		for (size_t k = i; k < j; k++) {
			struct incident_event *e = &h->events[h->n_events++];

			e->row = v[k];
			e->anchor = context_anchor_of(c, v[k]->seq);
			h->placed = h->placed && e->anchor;
		}
	}
	qsort(in->hosts, in->n_hosts, sizeof(*in->hosts), by_first_row);
	free(v);
}

/* ---- repeats and kill loops ------------------------------------------- */

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names that two events or more of h show, in strcmp order. */
static struct incident_repeat *repeats(const struct incident_host *h,
				       bool culprit, size_t *n_out)
{
	const char **v = xcalloc(h->n_events + 1, sizeof(*v));
	struct incident_repeat *out = NULL;
	size_t n = 0;

	*n_out = 0;
	for (size_t i = 0; i < h->n_events; i++) {
		const struct report_row *x = h->events[i].row;
		const char *name = culprit ? x->culprit : x->victim;

		if (name[0])
			v[n++] = name;
	}
	qsort(v, n, sizeof(*v), by_str);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[i], v[j]);)
			j++;
		if (j - i < 2)
			continue;
		if (!out)
			out = xcalloc(n / 2 + 1, sizeof(*out));
		out[(*n_out)++] = (struct incident_repeat){ v[i], j - i };
	}
	free(v);
	return out;
}

static void close_loop(struct incident_host *h,
		       const struct report_row *first,
		       const struct report_row *last, size_t kills)
{
	if (kills < INCIDENT_LOOP_MIN)
		return;
	if (!h->loops)
		h->loops = xcalloc(h->n_events / INCIDENT_LOOP_MIN + 1,
				   sizeof(*h->loops));
	h->loops[h->n_loops++] = (struct incident_loop){
		first->id, last->id, kills, last->t_s - first->t_s };
}

/*
 * The times are the rows' t_s: wall clock seconds, or uptime seconds when
 * the log has no wall clock.
 */
static void loops(struct incident_host *h)
{
	const struct report_row *first = NULL, *prev = NULL;
	size_t n = 0;

	for (size_t i = 0; i < h->n_events; i++) {
		const struct report_row *x = h->events[i].row;

		if (!x->has_t)
			continue;
		if (prev && x->t_s - prev->t_s <= INCIDENT_LOOP_GAP_S) {
			n++;
		} else {
			if (prev)
				close_loop(h, first, prev, n);
			first = x;
			n = 1;
		}
		prev = x;
	}
	if (prev)
		close_loop(h, first, prev, n);
}

/*
 * Holders that grew.  Each full report's culprit process opens or extends
 * a track (by pid); a victim other than the tracked pid counts as a kill
 * for every open track (rows do not keep the memcg: the count is the
 * host's; across.c's growing_holder finding counts the loop's).  Kept: two reports or more, larger at the last,
 * with at least one other task killed.  At most n_events tracks.
 */
static void growth(struct incident_host *h)
{
	struct incident_growth *g = xcalloc(h->n_events + 1, sizeof(*g));
	size_t n = 0, k = 0;

	for (size_t i = 0; i < h->n_events; i++) {
		const struct report_row *x = h->events[i].row;
		struct incident_growth *t = NULL;

		for (size_t j = 0; j < n; j++) {
			if (g[j].pid != x->victim_pid)
				g[j].others_killed++;
			if (g[j].pid == x->culprit_pid)
				t = &g[j];
		}
		if (!x->full || !x->has_t || x->culprit_pid == OOM_NA ||
		    x->culprit_held_kb == OOM_NA)
			continue;
		if (!t) {
			t = &g[n++];
			*t = (struct incident_growth){
				.name = x->culprit, .pid = x->culprit_pid,
				.first_id = x->id, .first_kb = x->culprit_held_kb,
				.first_us = x->t_us,
				.others_killed = x->victim_pid != x->culprit_pid,
			};
		}
		t->reports++;
		t->last_id = x->id;
		t->last_kb = x->culprit_held_kb;
		t->last_us = x->t_us;
	}
	for (size_t j = 0; j < n; j++) {
		struct incident_growth *t = &g[j];

		if (t->reports < 2 || t->last_kb <= t->first_kb ||
		    !t->others_killed)
			continue;
		t->rate_kb_s = t->last_us - t->first_us >= 100000 ?
			(int64_t)((double)(t->last_kb - t->first_kb) * 1e6 /
				  (double)(t->last_us - t->first_us)) : OOM_NA;
		g[k++] = *t;
	}
	if (!k) {
		free(g);
		g = NULL;
	}
	h->growth = g;
	h->n_growth = k;
}

/* ---- context lines ---------------------------------------------------- */

static int host_name_cmp(const void *key, const void *elem)
{
	const struct incident_host *h = *(const struct incident_host *const *)elem;

	return strcmp(key, h->name);
}

static int by_name(const void *pa, const void *pb)
{
	const struct incident_host *a = *(const struct incident_host *const *)pa;
	const struct incident_host *b = *(const struct incident_host *const *)pb;

	return strcmp(a->name, b->name);
}

/* The placed events of each host, and whether it orders by wall clock. */
static struct host_refs *host_refs(const struct incident *in)
{
	struct host_refs *hr = xcalloc(in->n_hosts + 1, sizeof(*hr));

	for (size_t i = 0; i < in->n_hosts; i++) {
		struct incident_host *h = &in->hosts[i];

		hr[i].refs = xcalloc(h->n_events, sizeof(*hr[i].refs));
		hr[i].ev = xcalloc(h->n_events, sizeof(*hr[i].ev));
		h->by_wall = true;
		for (size_t k = 0; k < h->n_events; k++) {
			const struct incident_event *e = &h->events[k];

			if (!e->anchor)
				continue;
			h->by_wall = h->by_wall && e->anchor->t.has_wall;
			hr[i].ev[hr[i].n] = e;
			hr[i].refs[hr[i].n++] =
				(struct context_ref){ e->row->id, e->anchor };
		}
	}
	return hr;
}

static bool is_reboot(const struct context_line *x)
{
	return x->kind == CONTEXT_BOOT || x->kind == CONTEXT_UPTIME_RESET;
}

static void place(struct incident_line *l, const struct host_refs *hr,
		  bool by_wall)
{
	const struct context_line *x = l->line;
	const struct context_ref *prev, *next;
	int64_t d;

	context_around(x, hr->refs, hr->n, by_wall, &prev, &next);
	l->prev = prev ? hr->ev[prev - hr->refs] : NULL;
	l->next = next ? hr->ev[next - hr->refs] : NULL;
	l->since_s = l->until_s = OOM_NA;
	if (prev && context_seconds(&prev->a->t, &x->t, &d))
		l->since_s = d;
	if (next && context_seconds(&x->t, &next->a->t, &d))
		l->until_s = d;
	if (is_reboot(x) && prev && next)
		l->near = true;
	else if (l->since_s == OOM_NA && l->until_s == OOM_NA)
		l->near = true;
	else
		l->near = (l->since_s != OOM_NA &&
			   l->since_s <= CONTEXT_NEAR_S) ||
			  (l->until_s != OOM_NA &&
			   l->until_s <= CONTEXT_NEAR_S);
}

/* Hosts sorted by name, to find a line's host by binary search. */
struct host_index {
	struct incident_host **v;
	size_t n;
};

static struct incident_host *host_find(const struct host_index *ix,
				       const char *name)
{
	struct incident_host **f = bsearch(name, ix->v, ix->n, sizeof(*ix->v),
					   host_name_cmp);

	return f ? *f : NULL;
}

/* Wall-clock order needs every line of the host to have a wall time too. */
static void lines_wall(const struct host_index *ix, const struct context *c)
{
	for (size_t i = 0; i < c->n_lines; i++) {
		struct incident_host *h = host_find(ix, c->lines[i]->host);

		if (h && !c->lines[i]->t.has_wall)
			h->by_wall = false;
	}
}

/* Each kept context line of a host with reported events, placed. */
static void place_lines(struct incident *in, const struct context *c)
{
	struct host_refs *hr = host_refs(in);
	struct host_index ix = { xcalloc(in->n_hosts + 1, sizeof(*ix.v)),
				 in->n_hosts };

	for (size_t i = 0; i < in->n_hosts; i++)
		ix.v[i] = &in->hosts[i];
	qsort(ix.v, ix.n, sizeof(*ix.v), by_name);
	lines_wall(&ix, c);
	in->lines = xcalloc(c->n_lines + 1, sizeof(*in->lines));
	for (size_t i = 0; i < c->n_lines; i++) {
		struct incident_host *h = host_find(&ix, c->lines[i]->host);
		struct incident_line *l;

		if (!h)
			continue;
		l = &in->lines[in->n_lines++];
		l->line = c->lines[i];
		l->host = h;
		place(l, &hr[h - in->hosts], h->by_wall);
		h->n_lines++;
		h->n_near += l->near;
	}
	for (size_t i = 0; i < in->n_hosts; i++) {
		free(hr[i].refs);
		free(hr[i].ev);
	}
	free(hr);
	free(ix.v);
}

/* ---- timelines -------------------------------------------------------- */

struct tl_sort {
	struct context_pos pos;
	bool by_wall;
	size_t seq;               /* insertion order breaks ties */
	struct incident_item item;
};

static int tl_cmp(const void *pa, const void *pb)
{
	const struct tl_sort *a = pa, *b = pb;
	int d = context_pos_cmp(&a->pos, &b->pos, a->by_wall);

	if (d)
		return d;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* A placed host's near lines (input order), then its events, in order. */
static void timeline(struct incident *in, struct incident_host *h)
{
	struct tl_sort *v;
	size_t n = 0;

	if (!h->placed || !h->n_near)
		return;
	v = xcalloc(h->n_near + h->n_events, sizeof(*v));
	for (size_t i = 0; i < in->n_lines; i++) {
		const struct incident_line *l = &in->lines[i];

		if (l->host != h || !l->near)
			continue;
		v[n].pos = context_line_pos(l->line);
		v[n++].item.line = l;
	}
	for (size_t i = 0; i < h->n_events; i++) {
		v[n].pos = context_anchor_pos(h->events[i].anchor);
		v[n++].item.event = &h->events[i];
	}
	for (size_t i = 0; i < n; i++)
		v[i].by_wall = h->by_wall, v[i].seq = i;
	qsort(v, n, sizeof(*v), tl_cmp);
	h->timeline = xcalloc(n, sizeof(*h->timeline));
	for (size_t i = 0; i < n; i++)
		h->timeline[i] = v[i].item;
	h->n_timeline = n;
	free(v);
}

void incident_build(struct incident *in, const struct report *r,
		    const struct context *c)
{
	incident_release(in);
	if (!r->n_rows)
		return;
	group_hosts(in, r, c);
	for (size_t i = 0; i < in->n_hosts; i++) {
		struct incident_host *h = &in->hosts[i];

		h->victims = repeats(h, false, &h->n_victims);
		h->culprits = repeats(h, true, &h->n_culprits);
		loops(h);
		growth(h);
	}
	place_lines(in, c);
	for (size_t i = 0; i < in->n_hosts; i++)
		timeline(in, &in->hosts[i]);
}

const struct incident_host *incident_host_of(const struct incident *in,
					     const char *name)
{
	for (size_t i = 0; i < in->n_hosts; i++)
		if (!strcmp(in->hosts[i].name, name))
			return &in->hosts[i];
	return NULL;
}
