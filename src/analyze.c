/*
 * The analysis stage: reads one reconstructed struct oom_event (never raw
 * lines) and says what a kernel engineer would say about it, in struct
 * oom_analysis: the request (gfp mask decoded with the table of the era
 * that printed it, in words), every zone against its watermarks with the
 * kernel's own test (lowmem_reserve, order, __GFP_HIGH), fragmentation from
 * the buddy lines, a balance of where the memory went (RAM or the memcg
 * limit), the badness the kernel computed for every task (era rules of
 * mm/oom_kill.c), whether the logged victim is the one it should have
 * chosen, the culprit (who holds the memory, as opposed to the invoker and
 * the victim) and a list of findings with stable codes.
 *
 * Invariants: never fails, never trusts a value the log did not show
 * (OOM_NA propagates; a rule that needs it does not fire), and the result
 * holds no pointer into the event.  One temporary heap table groups tasks
 * by name; it is freed before analyze_event() returns.
 *
 * Deliberately ignored: the events around this one (a kill that cannot
 * relieve the pressure is flagged, not matched with the next report),
 * CAP_SYS_ADMIN (uid 0 stands in for it), ALLOC_HARDER/ALLOC_OOM
 * watermark discounts.  Rules and thresholds: doc/analysis.md.
 */
#include "oomscope/analyze.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define COSTLY_ORDER 3          /* PAGE_ALLOC_COSTLY_ORDER */
#define HEAVY_PERMILLE 200      /* a non-process holder this big is named */
#define HOLDER_PERMILLE 100     /* a task or group must hold this much */
#define UNEXPLAINED_PERMILLE 100 /* unexplained memory worth a finding */
#define GROUP_MIN_MEMBERS 3
#define UNLIMITED_KB ((int64_t)1 << 52)
#define ADJ_MIN (-1000)

#define NA OOM_NA
#define KNOWN(x) ((x) != OOM_NA)

/* ---- small helpers ---------------------------------------------------- */

static int64_t nz(int64_t v)
{
	return KNOWN(v) ? v : 0;
}

/* a + b where an unknown operand counts as 0; NA only if both are NA */
static int64_t add(int64_t a, int64_t b)
{
	if (!KNOWN(a))
		return b;
	if (!KNOWN(b))
		return a;
	return a + b;
}

static int64_t permille(int64_t part, int64_t whole)
{
	if (!KNOWN(part) || !KNOWN(whole) || whole <= 0)
		return NA;
	return part * 1000 / whole;
}

static int64_t page_kb_of(const struct oom_event *ev)
{
	return KNOWN(ev->page_size_kb) && ev->page_size_kb > 0 ?
	       ev->page_size_kb : 4;
}

static void copy_name(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Appends to a fixed buffer; output that does not fit is cut. */
static void __attribute__((format(printf, 3, 4)))
cat(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/* "16.9 GiB", "54.8 MiB", "512 kB" */
static const char *hsize(char *buf, size_t cap, int64_t kb)
{
	const char *unit[] = { "MiB", "GiB", "TiB" };
	double v = (double)kb;
	int u = -1;

	if (!KNOWN(kb))
		snprintf(buf, cap, "?");
	else if (kb < 1024 && kb > -1024)
		snprintf(buf, cap, "%" PRId64 " kB", kb);
	else {
		while ((v >= 1024 || v <= -1024) && u < 2) {
			v /= 1024;
			u++;
		}
		snprintf(buf, cap, "%.1f %s", v, unit[u < 0 ? 0 : u]);
	}
	return buf;
}

/* "93.9 %" from per-mille */
static const char *pct(char *buf, size_t cap, int64_t pm)
{
	if (!KNOWN(pm))
		snprintf(buf, cap, "?");
	else
		snprintf(buf, cap, "%" PRId64 ".%" PRId64 " %%", pm / 10,
			 (pm < 0 ? -pm : pm) % 10);
	return buf;
}

/* Adds a finding; NULL (and nothing added) when the list is full. */
static struct oom_finding *
	__attribute__((format(printf, 4, 5)))
finding(struct oom_analysis *an, const char *code,
	enum finding_severity sev, const char *fmt, ...)
{
	struct oom_finding *f;
	va_list ap;

	if (an->n_findings >= OOM_MAX_FINDINGS)
		return NULL;
	f = &an->findings[an->n_findings++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = sev;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	return f;
}

static void __attribute__((format(printf, 2, 3)))
advise(struct oom_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (f == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(f->advice, sizeof(f->advice), fmt, ap);
	va_end(ap);
}

/* ---- kernel versions -------------------------------------------------- */

struct kver {
	bool known;
	int maj, min, patch;
	int el;                 /* RHEL major: 6, 7, 8, ...; 0 otherwise */
};

#define KV(a, b, c) ((a) * 65536 + (b) * 256 + (c))

static int take_uint(const char **pp, int *v)
{
	const char *p = *pp;
	int n = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((n = n * 10 + (*p - '0')) > 9999)
			return -1;
	*v = n;
	*pp = p;
	return 0;
}

/* "2.6.32-504.el6.x86_64", "5.15.158-2-pve", "6.18.52" */
static struct kver kver_parse(const char *s)
{
	struct kver k = { 0 };
	const char *p = s, *el;

	if (s == NULL || take_uint(&p, &k.maj) || *p++ != '.' ||
	    take_uint(&p, &k.min))
		return k;
	if (*p == '.' && (p++, take_uint(&p, &k.patch)))
		return k;
	k.known = k.maj < 256 && k.min < 256;
	el = strstr(s, ".el");
	if (el != NULL && el[3] >= '5' && el[3] <= '9')
		k.el = el[3] - '0';
	return k;
}

static int kver_code(const struct kver *k)
{
	return KV(k->maj, k->min, k->patch > 255 ? 255 : k->patch);
}

/* ---- the request ------------------------------------------------------ */

static void request_words(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct gfp_info *g = &an->gfp;
	char *w = an->request_words, b[32];
	size_t cap = sizeof(an->request_words);
	int64_t order = ev->invoker.order;

	if (ev->manual || order == -1) {
		cat(w, cap, "manual OOM kill (SysRq-f, order -1): no "
		    "allocation failed, the kernel was told to kill");
		return;
	}
	if (KNOWN(order))
		cat(w, cap, "order %" PRId64 " (%s)", order,
		    hsize(b, sizeof(b), an->request_kb));
	if (!ev->invoker.has_gfp)
		return;
	cat(w, cap, "%sfrom %s or a lower zone; %s reclaim directly, "
	    "%s start IO, %s enter the filesystem", w[0] ? " " : "",
	    g->highest_zone, g->direct_reclaim ? "may" : "may not",
	    g->io ? "may" : "may not", g->fs ? "may" : "may not");
	if (g->high)
		cat(w, cap, "; high priority (may dip below min)");
	if (g->atomic)
		cat(w, cap, "; atomic");
	if (g->nofail)
		cat(w, cap, "; must not fail (NOFAIL)");
	if (g->noretry)
		cat(w, cap, "; gives up early (NORETRY)");
	if (g->retry_mayfail)
		cat(w, cap, "; may fail after retrying (RETRY_MAYFAIL)");
	if (g->thisnode)
		cat(w, cap, "; this node only");
	if (g->account)
		cat(w, cap, "; charged to the memory cgroup");
}

static void analyze_request(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	int64_t page_kb = page_kb_of(ev);

	an->gfp_era = gfp_era_for_version(ev->kernel_version);
	an->gfp_era_assumed = an->gfp_era < 0;
	if (an->gfp_era < 0)
		an->gfp_era = gfp_era_default();
	an->request_kb = NA;
	if (KNOWN(inv->order) && inv->order >= 0 && inv->order < 20)
		an->request_kb = page_kb << inv->order;
	an->costly_order = KNOWN(inv->order) && inv->order > COSTLY_ORDER;
	if (inv->has_gfp) {
		an->n_gfp_names = gfp_decode(inv->gfp_mask, an->gfp_era,
					     an->gfp_names, OOM_MAX_GFP_NAMES,
					     NULL);
		if (an->n_gfp_names > OOM_MAX_GFP_NAMES)
			an->n_gfp_names = OOM_MAX_GFP_NAMES;
		gfp_explain(inv->gfp_mask, an->gfp_era, &an->gfp);
	}
	if (inv->has_gfp && inv->has_gfp_text) {
		uint64_t m = 0;

		if (gfp_parse_symbolic(inv->gfp_text, strlen(inv->gfp_text),
				       an->gfp_era, &m) < 0 ||
		    m != inv->gfp_mask)
			an->gfp_mismatch = true;
	}
	if (ev->seen & OOM_PART_TRIGGER)
		request_words(ev, an);
}

/* ---- zones against their watermarks ----------------------------------- */

/*
 * Zone index (enum zone_type) from the name: x86_64 DMA 0, DMA32 1,
 * Normal 2, Movable 3, Device 4; 32-bit DMA 0, Normal 1, HighMem 2,
 * Movable 3.  -1 for a name the layout does not have.
 */
static int zone_class(const char *name, bool highmem_layout)
{
	static const char *const z64[] = { "DMA", "DMA32", "Normal",
					   "Movable", "Device" };
	static const char *const z32[] = { "DMA", "Normal", "HighMem",
					   "Movable", "Device" };
	const char *const *z = highmem_layout ? z32 : z64;

	for (int i = 0; i < 5; i++)
		if (strcmp(z[i], name) == 0)
			return i;
	return -1;
}

/* The request's highest zone index (the kernel's highest_zoneidx). */
static int request_class(const struct oom_analysis *an, bool highmem_layout)
{
	const char *hz = an->gfp.highest_zone;
	int c;

	if (hz == NULL || strcmp(hz, "invalid") == 0)
		hz = "Normal";
	/* GFP_ZONE_TABLE: HighMem is Normal on 64-bit, DMA32 on 32-bit */
	if (!highmem_layout && strcmp(hz, "HighMem") == 0)
		hz = "Normal";
	if (highmem_layout && strcmp(hz, "DMA32") == 0)
		hz = "Normal";
	c = zone_class(hz, highmem_layout);
	return c < 0 ? zone_class("Normal", highmem_layout) : c;
}

/* "0-1,3" -> node bit mask; "(null)", "" or garbage -> all nodes. */
static uint64_t nodelist(const char *s)
{
	const char *p = s;
	uint64_t m = 0;
	int a, b;

	if (s == NULL || *s == '\0' || *s == '(')
		return ~(uint64_t)0;
	while (*p) {
		if (take_uint(&p, &a))
			return ~(uint64_t)0;
		b = a;
		if (*p == '-' && (p++, take_uint(&p, &b)))
			return ~(uint64_t)0;
		for (; a <= b && a < 64; a++)
			m |= (uint64_t)1 << a;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return ~(uint64_t)0;
	}
	return m ? m : ~(uint64_t)0;
}

static uint64_t allowed_nodes(const struct oom_event *ev)
{
	const char *nm = ev->constraint.nodemask[0] ? ev->constraint.nodemask :
			 ev->invoker.nodemask;

	return nodelist(nm) & nodelist(ev->constraint.mems_allowed);
}

static bool node_ok(int64_t node, uint64_t nodes)
{
	if (!KNOWN(node) || node < 0 || node >= 64)
		return true;
	return (nodes >> node) & 1;
}

int64_t analyze_wmark_margin_kb(const struct oom_zone *z, int64_t mark_kb,
				int64_t reserve_pages, int64_t order,
				int64_t page_kb, bool alloc_high,
				bool alloc_cma)
{
	int64_t o = KNOWN(order) && order > 0 ? (order > 20 ? 20 : order) : 0;
	int64_t usable = z->free_kb - (((int64_t)1 << o) - 1) * page_kb;
	int64_t ha = KNOWN(z->free_highatomic_kb) ? z->free_highatomic_kb :
		     z->reserved_highatomic_kb;
	int64_t mark = mark_kb / page_kb;

	usable -= nz(ha);
	if (!alloc_cma)
		usable -= nz(z->free_cma_kb);
	if (alloc_high)
		mark -= mark / 2;
	return usable - (mark + nz(reserve_pages)) * page_kb;
}

/* U, M, E (the per-cpu types) or no letters at all (<= 3.7) */
static bool usable_type(const char *types)
{
	return types[0] == '\0' || strchr(types, 'U') != NULL ||
	       strchr(types, 'M') != NULL || strchr(types, 'E') != NULL;
}

int64_t analyze_free_at_order_kb(const struct oom_buddy *b, int64_t order)
{
	int64_t sum = 0;

	if (b == NULL || !b->present || !KNOWN(order))
		return NA;
	for (int k = order > 0 ? (int)order : 0; k < b->n_orders &&
	     k < OOM_MAX_ORDERS; k++)
		if (b->count[k] > 0 && usable_type(b->types[k]))
			sum += b->count[k] * b->block_kb[k];
	return sum;
}

bool analyze_order_ok(const struct oom_buddy *b, int64_t order,
		      int64_t usable_kb, int64_t min_kb, bool new_rule)
{
	int64_t page_kb, min_pages;

	if (!KNOWN(order) || order <= 0 || b == NULL || !b->present)
		return true;
	if (new_rule)
		return analyze_free_at_order_kb(b, order) > 0;
	/* <= 4.3: each lower order's blocks are discounted, min halves */
	page_kb = b->n_orders > 0 && b->block_kb[0] > 0 ? b->block_kb[0] : 4;
	min_pages = min_kb / page_kb;
	for (int k = 0; k < order && k < b->n_orders && k < OOM_MAX_ORDERS;
	     k++) {
		usable_kb -= b->count[k] * b->block_kb[k];
		min_pages >>= 1;
		if (usable_kb <= min_pages * page_kb)
			return false;
	}
	return true;
}

static enum zone_mark mark_of(int64_t usable, int64_t res,
			      const struct oom_zone *z, int64_t min_kb)
{
	if (usable <= min_kb + res)
		return ZONE_UNDER_MIN;
	if (KNOWN(z->low_kb) && usable <= z->low_kb + res)
		return ZONE_UNDER_LOW;
	if (KNOWN(z->high_kb) && usable <= z->high_kb + res)
		return ZONE_UNDER_HIGH;
	return KNOWN(z->high_kb) ? ZONE_ABOVE_HIGH : ZONE_MARK_UNKNOWN;
}

struct zone_ctx {
	int cls;                /* the request's highest zone index */
	bool highmem_layout;
	uint64_t nodes;
	int64_t page_kb, order;
	bool alloc_high, alloc_cma, new_rule;
};

static void zone_verdict(const struct zone_ctx *c, const struct oom_zone *z,
			 struct oom_zone_verdict *v)
{
	int zc = zone_class(z->name, c->highmem_layout);
	int64_t res = 0, o = KNOWN(c->order) && c->order > 0 ? c->order : 0;

	memset(v, 0, sizeof(*v));
	v->node = z->node;
	copy_name(v->zone, sizeof(v->zone), z->name);
	v->eligible = zc >= 0 && zc <= c->cls && node_ok(z->node, c->nodes);
	if (z->n_lowmem > 0)
		res = z->lowmem_reserve[c->cls < z->n_lowmem ? c->cls :
					z->n_lowmem - 1];
	v->reserve_kb = res * c->page_kb;
	v->free_kb = z->free_kb;
	v->low_kb = z->low_kb;
	v->high_kb = z->high_kb;
	v->usable_free_kb = v->min_kb = v->min_margin_kb = NA;
	v->high_deficit_kb = v->free_at_order_kb = NA;
	v->order_ok = true;
	if (!KNOWN(z->free_kb) || !KNOWN(z->min_kb))
		return;
	v->min_kb = z->min_kb / c->page_kb;
	if (c->alloc_high)
		v->min_kb -= v->min_kb / 2;
	v->min_kb *= c->page_kb;
	v->min_margin_kb = analyze_wmark_margin_kb(z, z->min_kb, res, o,
						   c->page_kb, c->alloc_high,
						   c->alloc_cma);
	v->usable_free_kb = v->min_margin_kb + v->min_kb + v->reserve_kb;
	v->mark = mark_of(v->usable_free_kb, v->reserve_kb, z, v->min_kb);
	if (KNOWN(z->high_kb)) {
		v->high_deficit_kb = z->high_kb + v->reserve_kb -
				     v->usable_free_kb;
		if (v->high_deficit_kb < 0)
			v->high_deficit_kb = 0;
	}
	v->free_at_order_kb = analyze_free_at_order_kb(&z->buddy, o);
	v->order_ok = analyze_order_ok(&z->buddy, o, v->usable_free_kb,
				       v->min_kb, c->new_rule);
	v->fragmented = o > 0 && v->min_margin_kb > 0 && !v->order_ok;
}

static void zone_ctx_init(const struct oom_event *ev,
			  const struct oom_analysis *an, struct zone_ctx *c)
{
	struct kver k = kver_parse(ev->kernel_version);

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < ev->n_zones; i++)
		if (strcmp(ev->zones[i].name, "HighMem") == 0)
			c->highmem_layout = true;
	c->cls = request_class(an, c->highmem_layout);
	c->nodes = allowed_nodes(ev);
	c->page_kb = page_kb_of(ev);
	c->order = ev->invoker.order;
	c->alloc_high = an->gfp.high;
	c->alloc_cma = an->gfp.movable;
	c->new_rule = !k.known || kver_code(&k) >= KV(4, 4, 0);
}

/* The target zone: the highest eligible class, its most depleted node. */
static int target_zone(const struct oom_analysis *an, const struct zone_ctx *c)
{
	int best = -1, best_cls = -1;

	for (int i = 0; i < an->n_zones; i++) {
		const struct oom_zone_verdict *v = &an->zones[i];
		int zc = zone_class(v->zone, c->highmem_layout);

		if (!v->eligible || !KNOWN(v->min_margin_kb))
			continue;
		if (zc > best_cls || (zc == best_cls &&
		    v->min_margin_kb < an->zones[best].min_margin_kb)) {
			best = i;
			best_cls = zc;
		}
	}
	return best;
}

static void analyze_zones(const struct oom_event *ev, struct oom_analysis *an)
{
	struct zone_ctx c;

	an->target_zone = -1;
	zone_ctx_init(ev, an, &c);
	an->n_zones = ev->n_zones < OOM_MAX_ZONES ? ev->n_zones :
		      OOM_MAX_ZONES;
	for (int i = 0; i < an->n_zones; i++) {
		struct oom_zone_verdict *v = &an->zones[i];

		zone_verdict(&c, &ev->zones[i], v);
		if (!v->eligible || v->mark == ZONE_MARK_UNKNOWN)
			continue;
		an->n_eligible_zones++;
		if (v->mark == ZONE_UNDER_MIN)
			an->n_under_min++;
		if (v->mark != ZONE_ABOVE_HIGH)
			an->n_under_high++;
	}
	an->target_zone = target_zone(an, &c);
}

/* ---- where the memory went -------------------------------------------- */

#define ZF(f) offsetof(struct oom_zone, f)
#define NF(f) offsetof(struct oom_node, f)
#define NO_FIELD ((size_t)-1)

static int64_t field_at(const void *base, size_t off)
{
	int64_t v;

	memcpy(&v, (const char *)base + off, sizeof(v));
	return v;
}

static int64_t sum_zones(const struct oom_event *ev, size_t off)
{
	int64_t s = NA;

	if (off == NO_FIELD)
		return NA;
	for (int i = 0; i < ev->n_zones; i++)
		s = add(s, field_at(&ev->zones[i], off));
	return s;
}

static int64_t sum_nodes(const struct oom_event *ev, size_t off)
{
	int64_t s = NA;

	if (off == NO_FIELD)
		return NA;
	for (int i = 0; i < ev->n_nodes; i++)
		s = add(s, field_at(&ev->nodes[i], off));
	return s;
}

/* Mem-Info pages in kB, else the zone lines' sum, else the node lines'. */
static int64_t counter_kb(const struct oom_event *ev, int64_t pages,
			  size_t zoff, size_t noff, bool *from_zones)
{
	int64_t v;

	if (KNOWN(pages))
		return pages * page_kb_of(ev);
	v = sum_zones(ev, zoff);
	if (!KNOWN(v))
		v = sum_nodes(ev, noff);
	if (KNOWN(v) && from_zones)
		*from_zones = true;
	return v;
}

static void row(struct oom_balance *b, const char *item, int64_t kb)
{
	if (b->n_rows >= OOM_MAX_BALANCE || !KNOWN(kb))
		return;
	b->rows[b->n_rows].item = item;
	b->rows[b->n_rows].kb = kb;
	b->rows[b->n_rows].permille = permille(kb, b->base_kb);
	b->n_rows++;
}

static int64_t rows_sum(const struct oom_balance *b)
{
	int64_t s = 0;

	for (int i = 0; i < b->n_rows; i++)
		s += b->rows[i].kb;
	return s;
}

static int64_t hugetlb_kb(const struct oom_event *ev, bool free_only)
{
	int64_t s = NA;

	for (int i = 0; i < ev->n_hugepages; i++) {
		const struct oom_hugepages *h = &ev->hugepages[i];
		int64_t n = free_only ? h->free : h->total;

		if (KNOWN(n) && KNOWN(h->size_kb))
			s = add(s, n * h->size_kb);
	}
	return s;
}

static int64_t anon_lru_global(const struct oom_event *ev, bool *fz)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t a, i, s;

	a = counter_kb(ev, mi->active_anon, ZF(active_anon_kb),
		       NF(active_anon_kb), fz);
	i = counter_kb(ev, mi->inactive_anon, ZF(inactive_anon_kb),
		       NF(inactive_anon_kb), fz);
	s = counter_kb(ev, mi->isolated_anon, ZF(isolated_anon_kb),
		       NF(isolated_anon_kb), fz);
	return KNOWN(a) || KNOWN(i) ? add(add(a, i), s) : NA;
}

static void balance_global_kernel(const struct oom_event *ev,
				  struct oom_balance *b)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t misc = mi->kernel_misc_reclaimable;

	row(b, "unevictable", counter_kb(ev, mi->unevictable,
		ZF(unevictable_kb), NF(unevictable_kb), NULL));
	row(b, "slab_reclaimable", counter_kb(ev, mi->slab_reclaimable,
		ZF(slab_reclaimable_kb), NO_FIELD, NULL));
	row(b, "slab_unreclaimable", counter_kb(ev, mi->slab_unreclaimable,
		ZF(slab_unreclaimable_kb), NO_FIELD, NULL));
	row(b, "kernel_stack", counter_kb(ev, NA, ZF(kernel_stack_kb),
		NF(kernel_stack_kb), NULL));
	row(b, "kernel_other", KNOWN(misc) && misc > 0 ?
	    misc * page_kb_of(ev) : NA);
}

static void balance_global(const struct oom_event *ev, struct oom_balance *b)
{
	const struct oom_meminfo *mi = &ev->meminfo;
	int64_t pk = page_kb_of(ev), shmem, file, free, ptes;

	b->base_kb = KNOWN(ev->totals.ram_pages) ? ev->totals.ram_pages * pk :
		     NA;
	b->anon_lru_kb = anon_lru_global(ev, &b->from_zones);
	shmem = counter_kb(ev, mi->shmem, ZF(shmem_kb), NF(shmem_kb), NULL);
	free = add(counter_kb(ev, mi->free, ZF(free_kb), NO_FIELD, NULL),
		   counter_kb(ev, mi->free_pcp, ZF(free_pcp_kb), NO_FIELD,
			      NULL));
	file = add(add(counter_kb(ev, mi->active_file, ZF(active_file_kb),
				  NF(active_file_kb), NULL),
		       counter_kb(ev, mi->inactive_file, ZF(inactive_file_kb),
				  NF(inactive_file_kb), NULL)),
		   counter_kb(ev, mi->isolated_file, ZF(isolated_file_kb),
			      NF(isolated_file_kb), NULL));
	ptes = add(counter_kb(ev, mi->pagetables, ZF(pagetables_kb),
			      NF(pagetables_kb), NULL),
		   counter_kb(ev, mi->sec_pagetables, NO_FIELD,
			      NF(sec_pagetables_kb), NULL));
	row(b, "reserved", KNOWN(ev->totals.reserved_pages) ?
	    ev->totals.reserved_pages * pk : NA);
	row(b, "free", free);
	if (KNOWN(b->anon_lru_kb))
		row(b, "anon", b->anon_lru_kb > nz(shmem) ?
		    b->anon_lru_kb - nz(shmem) : 0);
	row(b, "shmem", shmem);
	row(b, "file", file);
	balance_global_kernel(ev, b);
	row(b, "pagetables", ptes);
	row(b, "hugetlb", hugetlb_kb(ev, false));
	row(b, "zspages", sum_zones(ev, ZF(zspages_kb)));      /* 6.18+ */
	b->hugetlb_free_kb = hugetlb_kb(ev, true);
	b->swapcache_kb = KNOWN(ev->totals.swapcache_pages) ?
			  ev->totals.swapcache_pages * pk : NA;
}

/* A memory.stat value in kB; v1 hierarchical "total_" keys first. */
static int64_t stat_kb(const struct oom_memcg *m, const char *key)
{
	char total[64];

	snprintf(total, sizeof(total), "total_%s", key);
	for (int pass = 0; pass < 2; pass++) {
		const char *k = pass == 0 ? total : key;

		for (int i = 0; i < m->n_stats; i++)
			if (strcmp(m->stats[i].key, k) == 0)
				return m->stats_in_kb ? m->stats[i].value :
				       m->stats[i].value / 1024;
	}
	return NA;
}

static int64_t memcg_limit_kb(const struct oom_memcg *m)
{
	int64_t l = m->memory.limit_kb;

	return KNOWN(l) && l > 0 && l < UNLIMITED_KB ? l : m->memory.usage_kb;
}

/* v2: kernel_stack, pagetables, slab rows and the rest of "kernel" */
static void balance_memcg_kernel(const struct oom_memcg *m,
				 struct oom_balance *b)
{
	int64_t stack = stat_kb(m, "kernel_stack"), sr, su, ptes, known;
	int64_t kernel = stat_kb(m, "kernel"), other;

	sr = stat_kb(m, "slab_reclaimable");
	su = stat_kb(m, "slab_unreclaimable");
	ptes = add(stat_kb(m, "pagetables"), stat_kb(m, "sec_pagetables"));
	row(b, "slab_reclaimable", sr);
	row(b, "slab_unreclaimable", su);
	row(b, "kernel_stack", stack);
	row(b, "pagetables", ptes);
	known = nz(sr) + nz(su) + nz(stack) + nz(ptes);
	if (KNOWN(kernel))
		other = kernel - known;
	else
		other = add(add(stat_kb(m, "percpu"), stat_kb(m, "vmalloc")),
			    KNOWN(sr) ? NA : stat_kb(m, "slab"));
	if (!KNOWN(sr) && !KNOWN(stack) && KNOWN(m->kmem.usage_kb))
		other = m->kmem.usage_kb;           /* v1: kmem counter */
	row(b, "kernel_other", add(other, stat_kb(m, "sock")));
}

static void balance_memcg(const struct oom_event *ev, struct oom_balance *b)
{
	const struct oom_memcg *m = &ev->memcg;
	int64_t anon, shmem, file, usage = m->memory.usage_kb;

	b->memcg = true;
	b->base_kb = memcg_limit_kb(m);
	b->usage_kb = usage;
	anon = stat_kb(m, "anon");
	if (!KNOWN(anon))
		anon = stat_kb(m, "rss");
	shmem = stat_kb(m, "shmem");
	file = stat_kb(m, "file");
	if (!KNOWN(file))
		file = stat_kb(m, "cache");
	if (KNOWN(file) && KNOWN(shmem))
		file -= shmem;
	b->anon_lru_kb = add(stat_kb(m, "active_anon"),
			     stat_kb(m, "inactive_anon"));
	row(b, "free", KNOWN(usage) && KNOWN(b->base_kb) &&
	    b->base_kb >= usage ? b->base_kb - usage : NA);
	row(b, "anon", anon);
	row(b, "shmem", shmem);
	row(b, "file", file);
	row(b, "unevictable", stat_kb(m, "unevictable"));
	balance_memcg_kernel(m, b);
}

static void balance_tasks(const struct oom_event *ev, struct oom_balance *b)
{
	int64_t pk = page_kb_of(ev), anon = 0;
	bool split = ev->task_layout == OOM_TASKS_RSS_SPLIT;

	b->tasks_rss_kb = b->tasks_anon_kb = b->tasks_swap_kb = NA;
	b->anon_unexplained_kb = NA;
	if (!(ev->seen & OOM_PART_TASKS) || !KNOWN(ev->tasks_sum_rss_pages))
		return;
	b->tasks_rss_kb = ev->tasks_sum_rss_pages * pk;
	for (size_t i = 0; split && i < ev->n_tasks; i++)
		anon += nz(ev->tasks[i].rss_anon_pages) * pk;
	b->tasks_anon_kb = split ? anon : b->tasks_rss_kb;
	if (KNOWN(ev->tasks_sum_swapents))
		b->tasks_swap_kb = ev->tasks_sum_swapents * pk;
	if (KNOWN(b->anon_lru_kb)) {
		int64_t priv = b->anon_lru_kb - nz(b->memcg ?
			stat_kb(&ev->memcg, "shmem") :
			counter_kb(ev, ev->meminfo.shmem, ZF(shmem_kb),
				   NF(shmem_kb), NULL));

		b->anon_unexplained_kb = priv > b->tasks_anon_kb ?
					 priv - b->tasks_anon_kb : 0;
	}
}

static void analyze_balance(const struct oom_event *ev, struct oom_analysis *an)
{
	struct oom_balance *b = &an->balance;
	bool memcg = ev->constraint.type == OOM_CONSTRAINT_MEMCG &&
		     ev->memcg.present;

	memset(b, 0, sizeof(*b));
	b->base_kb = b->usage_kb = b->anon_lru_kb = NA;
	b->hugetlb_free_kb = b->swapcache_kb = b->unexplained_kb = NA;
	b->swap_total_kb = b->swap_free_kb = NA;
	if (ev->seen & OOM_PART_SWAP) {
		b->swap_total_kb = ev->totals.swap_total_kb;
		b->swap_free_kb = ev->totals.swap_free_kb;
	}
	if (memcg)
		balance_memcg(ev, b);
	else if (ev->seen & (OOM_PART_MEMINFO | OOM_PART_ZONES))
		balance_global(ev, b);
	b->present = b->n_rows > 0;
	/* without the LRU counters the rest would all look unexplained */
	if (b->present && KNOWN(b->base_kb) && KNOWN(b->anon_lru_kb)) {
		b->unexplained_kb = b->base_kb - rows_sum(b);
		row(b, "unexplained", b->unexplained_kb);
	}
	balance_tasks(ev, b);
}

/* ---- tasks: footprint and badness ------------------------------------- */

/* What a task holds as the killer counts it: rss + swap + page tables. */
static int64_t footprint_kb(const struct oom_task *t, int64_t pk)
{
	int64_t kb = (nz(t->rss_pages) + nz(t->swapents)) * pk;

	if (KNOWN(t->pgtables_bytes))
		return kb + t->pgtables_bytes / 1024;
	return kb + (nz(t->nr_ptes) + nz(t->nr_pmds)) * pk;
}

/*
 * What a task holds for the culprit rules: anon + shmem + swap + page
 * tables where the table splits rss (6.8+), so shared library pages do not
 * count once per task; else the footprint.
 */
static int64_t held_kb(const struct oom_task *t, int64_t pk)
{
	int64_t kb;

	if (!KNOWN(t->rss_anon_pages))
		return footprint_kb(t, pk);
	kb = (t->rss_anon_pages + nz(t->rss_shmem_pages) + nz(t->swapents)) *
	     pk;
	if (KNOWN(t->pgtables_bytes))
		return kb + t->pgtables_bytes / 1024;
	return kb + (nz(t->nr_ptes) + nz(t->nr_pmds)) * pk;
}

/* oom_score_adj, or converted from oom_adj as oom_adj_write() does */
static int64_t task_adj(const struct oom_task *t)
{
	if (KNOWN(t->oom_score_adj))
		return t->oom_score_adj;
	if (KNOWN(t->oom_adj))
		return t->oom_adj == -17 ? ADJ_MIN : t->oom_adj * 1000 / 17;
	return 0;
}

enum badness_era analyze_badness_era(const char *version,
				     enum oom_task_layout layout,
				     bool has_score_adj, bool *assumed)
{
	struct kver k = kver_parse(version);
	int v = kver_code(&k);

	*assumed = !k.known;
	if (k.known && k.el == 6)
		return BADNESS_ERA_PERMILLE;
	if (k.known && k.el == 7)
		return BADNESS_ERA_ROOT3;
	if (k.known) {
		if (v < KV(2, 6, 36))
			return BADNESS_ERA_OLD;
		if (v < KV(3, 5, 0))
			return BADNESS_ERA_PERMILLE;
		if (v < KV(3, 10, 0) || (v >= KV(3, 11, 0) &&
					 v < KV(3, 13, 0)))
			return BADNESS_ERA_ADJ30;
		return v < KV(4, 17, 0) ? BADNESS_ERA_ROOT3 :
		       BADNESS_ERA_PAGES;
	}
	switch (layout) {
	case OOM_TASKS_OOM_ADJ:
		return has_score_adj ? BADNESS_ERA_PERMILLE : BADNESS_ERA_OLD;
	case OOM_TASKS_NR_PTES:
	case OOM_TASKS_NR_PMDS: return BADNESS_ERA_ROOT3;
	case OOM_TASKS_PGTABLES:
	case OOM_TASKS_RSS_SPLIT: return BADNESS_ERA_PAGES;
	case OOM_TASKS_UNKNOWN: break;
	}
	*assumed = false;
	return BADNESS_ERA_UNKNOWN;
}

/* rss + swap + page tables in pages; *part when a column is missing */
static int64_t badness_base(const struct oom_task *t, int64_t pk, bool *part)
{
	int64_t ptes = 0;

	if (!KNOWN(t->rss_pages) || !KNOWN(t->swapents))
		*part = true;
	if (KNOWN(t->pgtables_bytes))
		ptes = t->pgtables_bytes / (pk * 1024);
	else if (KNOWN(t->nr_ptes))
		ptes = t->nr_ptes + nz(t->nr_pmds);
	else
		*part = true;
	return nz(t->rss_pages) + nz(t->swapents) + ptes;
}

int64_t analyze_badness_points(const struct oom_task *t, enum badness_era era,
			       int64_t totalpages, int64_t page_kb,
			       bool *partial)
{
	int64_t adj = task_adj(t), base, p;
	bool part = false, root = t->uid == 0;

	if (era == BADNESS_ERA_OLD || era == BADNESS_ERA_UNKNOWN ||
	    !KNOWN(totalpages) || totalpages <= 0 || adj == ADJ_MIN)
		return NA;
	base = badness_base(t, page_kb > 0 ? page_kb : 4, &part);
	if (partial && part)
		*partial = true;
	switch (era) {
	case BADNESS_ERA_PERMILLE:
		p = base * 1000 / totalpages - (root ? 30 : 0) + adj;
		return p <= 0 ? 1 : (p > 1000 ? 1000 : p);
	case BADNESS_ERA_ADJ30:
		p = base + (adj - (root ? 30 : 0)) * (totalpages / 1000);
		return p > 0 ? p : 1;
	case BADNESS_ERA_ROOT3:
		p = base - (root ? base * 3 / 100 : 0) +
		    adj * (totalpages / 1000);
		return p > 0 ? p : 1;
	default:
		return base + adj * (totalpages / 1000);
	}
}

static int64_t memcg_totalpages(const struct oom_event *ev, bool *assumed)
{
	const struct oom_memcg *m = &ev->memcg;
	int64_t lim = m->memory.limit_kb, pk = page_kb_of(ev);

	if (!m->present || !KNOWN(lim) || lim <= 0 || lim >= UNLIMITED_KB)
		return NA;
	/* mem_cgroup_get_max(): + the swap the group may use (v2 swap.max,
	 * v1 memsw - memory), capped by total swap, which a memcg report
	 * does not print */
	if (KNOWN(m->swap.limit_kb) && m->swap.limit_kb == 0)
		return lim / pk;
	if (KNOWN(m->memsw.limit_kb) && m->memsw.limit_kb == lim)
		return lim / pk;
	*assumed = true;
	return lim / pk;
}

/* constrained_alloc(): RAM + swap, or the allowed nodes' pages + swap */
static int64_t totalpages_of(const struct oom_event *ev, bool *assumed)
{
	int64_t pk = page_kb_of(ev), swap = 0, nodes = 0;
	enum oom_constraint c = ev->constraint.type;
	uint64_t allowed = allowed_nodes(ev);

	*assumed = false;
	if (c == OOM_CONSTRAINT_MEMCG)
		return memcg_totalpages(ev, assumed);
	if ((ev->seen & OOM_PART_SWAP) && KNOWN(ev->totals.swap_total_kb))
		swap = ev->totals.swap_total_kb / pk;
	else
		*assumed = true;
	if (c == OOM_CONSTRAINT_CPUSET || c == OOM_CONSTRAINT_MEMORY_POLICY) {
		for (int i = 0; i < ev->n_zones; i++)
			if (node_ok(ev->zones[i].node, allowed))
				nodes += nz(ev->zones[i].present_kb) / pk;
		if (nodes > 0)
			return nodes + swap;
	}
	if (KNOWN(ev->totals.ram_pages))
		return ev->totals.ram_pages - nz(ev->totals.reserved_pages) +
		       swap;
	nodes = sum_zones(ev, ZF(managed_kb));
	if (!KNOWN(nodes))
		return NA;
	*assumed = true;
	return nodes / pk + swap;
}

static void ranked_of(const struct oom_task *t, const struct oom_badness *bd,
		      int64_t pk, bool *partial, struct oom_ranked *r)
{
	memset(r, 0, sizeof(*r));
	r->pid = t->pid;
	copy_name(r->name, sizeof(r->name), t->name);
	r->oom_score_adj = task_adj(t);
	r->footprint_kb = footprint_kb(t, pk);
	r->points = analyze_badness_points(t, bd->era, bd->totalpages, pk,
					   partial);
	r->permille = NA;
	if (KNOWN(r->points))
		r->permille = bd->era == BADNESS_ERA_PERMILLE ? r->points :
			      r->points * 1000 / bd->totalpages;
}

/* Keeps the top OOM_MAX_RANKED, highest first; the first found wins a tie
 * (select_bad_process() replaces only on strictly more points). */
static void rank_insert(struct oom_badness *bd, const struct oom_ranked *r)
{
	int pos = bd->n_ranked, last;

	while (pos > 0 && bd->ranked[pos - 1].points < r->points)
		pos--;
	if (pos >= OOM_MAX_RANKED)
		return;
	last = bd->n_ranked < OOM_MAX_RANKED ? bd->n_ranked :
	       OOM_MAX_RANKED - 1;
	memmove(&bd->ranked[pos + 1], &bd->ranked[pos],
		(size_t)(last - pos) * sizeof(bd->ranked[0]));
	bd->ranked[pos] = *r;
	if (bd->n_ranked < OOM_MAX_RANKED)
		bd->n_ranked++;
}

static const struct oom_task *find_task(const struct oom_event *ev,
					int64_t pid)
{
	if (!KNOWN(pid))
		return NULL;
	for (size_t i = 0; i < ev->n_tasks; i++)
		if (ev->tasks[i].pid == pid)
			return &ev->tasks[i];
	return NULL;
}

static void rank_tasks(const struct oom_event *ev, struct oom_badness *bd)
{
	int64_t pk = page_kb_of(ev), top = NA;
	struct oom_ranked r;

	for (size_t i = 0; i < ev->n_tasks; i++) {
		ranked_of(&ev->tasks[i], bd, pk, &bd->lower_bound, &r);
		if (!KNOWN(r.points))
			continue;
		bd->n_eligible++;
		rank_insert(bd, &r);
	}
	if (bd->n_ranked > 0)
		top = bd->ranked[0].points;
	for (size_t i = 0; KNOWN(top) && i < ev->n_tasks; i++) {
		ranked_of(&ev->tasks[i], bd, pk, NULL, &r);
		if (r.points == top)
			bd->n_ties++;
	}
}

/* The chosen task's rss+swap+ptes implied by its logged score (pages). */
static int64_t implied_base(const struct oom_badness *bd, int64_t adj,
			    bool root)
{
	int64_t s = bd->logged_score, t = bd->totalpages;

	if (!KNOWN(s) || !KNOWN(t))
		return NA;
	if (bd->era == BADNESS_ERA_PERMILLE)
		return (s + (root ? 30 : 0) - adj) * t / 1000;
	return s * t / 1000 - adj * (t / 1000);
}

static void explain_chosen(const struct oom_event *ev, struct oom_badness *bd)
{
	char *x = bd->explanation, b[32];
	size_t cap = sizeof(bd->explanation);
	const struct oom_ranked *c = &bd->chosen, *top = &bd->ranked[0];

	switch (bd->check) {
	case VICTIM_MATCH:
	case VICTIM_TIE:
		cat(x, cap, "the kernel chose %s (pid %" PRId64 "), ", c->name,
		    c->pid);
		if (bd->lower_bound && KNOWN(bd->logged_score))
			cat(x, cap, "score %" PRId64 "; the table omits swap "
			    "or page tables, so no other row can reach it "
			    "(highest: %" PRId64 ")", bd->logged_score,
			    bd->ranked[0].permille);
		else
			cat(x, cap, "the highest badness (%" PRId64 " points,"
			    " %" PRId64 " per mille)%s", c->points,
			    c->permille, bd->check == VICTIM_TIE ?
			    ", tied: the first found wins" : "");
		break;
	case VICTIM_MISMATCH:
		cat(x, cap, "the kernel chose %s (pid %" PRId64 ", %" PRId64
		    " points) but %s (pid %" PRId64 ") has %" PRId64 ": it "
		    "may have exited, been exempt or changed its "
		    "oom_score_adj", c->name, bd->chosen_pid, c->points,
		    top->name, top->pid, top->points);
		break;
	case VICTIM_NOT_IN_TABLE:
		cat(x, cap, "the chosen pid %" PRId64 " has no row in the "
		    "table%s", bd->chosen_pid, ev->tasks_elided ?
		    " (rows elided)" : "");
		if (KNOWN(bd->hidden_pages))
			cat(x, cap, "; its score %" PRId64 " implies about %"
			    PRId64 " pages (%s)", bd->logged_score,
			    bd->hidden_pages, hsize(b, sizeof(b),
			    bd->hidden_pages * page_kb_of(ev)));
		break;
	case VICTIM_UNCHECKED:
		break;
	}
	if (bd->child_sacrificed)
		cat(x, cap, "; it then killed the child %s (pid %" PRId64
		    ") instead", ev->victim.name, ev->victim.pid);
}

static void victim_check(const struct oom_event *ev, struct oom_badness *bd)
{
	bool sel = ev->seen & OOM_PART_SELECT, vic = ev->seen & OOM_PART_VICTIM;
	const struct oom_task *t;
	int64_t implied;
	bool part = false;

	bd->chosen_pid = sel ? ev->select.pid : (vic ? ev->victim.pid : NA);
	bd->child_sacrificed = sel && vic && ev->select.pid != ev->victim.pid;
	bd->logged_score = sel ? ev->select.score : (vic ? ev->victim.score :
						     NA);
	if (!KNOWN(bd->chosen_pid) || bd->n_ranked == 0)
		return;
	t = find_task(ev, bd->chosen_pid);
	if (t == NULL) {
		bd->check = VICTIM_NOT_IN_TABLE;
		bd->hidden_pages = implied_base(bd, 0, false);
		return;
	}
	ranked_of(t, bd, page_kb_of(ev), NULL, &bd->chosen);
	implied = implied_base(bd, task_adj(t), t->uid == 0);
	if (KNOWN(implied) && bd->lower_bound) {
		implied -= badness_base(t, page_kb_of(ev), &part);
		bd->hidden_pages = implied > 0 ? implied : 0;
	}
	if (bd->lower_bound && KNOWN(bd->logged_score))
		bd->check = bd->logged_score >= bd->ranked[0].permille ?
			    VICTIM_MATCH : VICTIM_MISMATCH;
	else if (bd->chosen.points == bd->ranked[0].points)
		bd->check = bd->n_ties > 1 ? VICTIM_TIE : VICTIM_MATCH;
	else
		bd->check = VICTIM_MISMATCH;
}

static void analyze_badness(const struct oom_event *ev,
			    struct oom_analysis *an)
{
	struct oom_badness *bd = &an->badness;
	bool adj = KNOWN(ev->invoker.oom_score_adj);

	memset(bd, 0, sizeof(*bd));
	bd->chosen_pid = bd->logged_score = bd->hidden_pages = NA;
	for (size_t i = 0; !adj && i < ev->n_tasks; i++)
		adj = KNOWN(ev->tasks[i].oom_score_adj);
	bd->era = analyze_badness_era(ev->kernel_version, ev->task_layout, adj,
				      &bd->era_assumed);
	bd->totalpages = totalpages_of(ev, &bd->totalpages_assumed);
	if (!(ev->seen & OOM_PART_TASKS) || ev->n_tasks == 0 ||
	    !KNOWN(bd->totalpages) || bd->era == BADNESS_ERA_OLD ||
	    bd->era == BADNESS_ERA_UNKNOWN)
		return;
	bd->present = true;
	rank_tasks(ev, bd);
	victim_check(ev, bd);
	explain_chosen(ev, bd);
}

/* ---- tasks of one name ------------------------------------------------ */

/* What task shares are taken of: RAM + swap (tasks hold both; the
 * kernel's totalpages), or the memcg limit. */
static int64_t share_base_kb(const struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;

	if (b->memcg || !KNOWN(b->base_kb))
		return b->base_kb;
	return b->base_kb + nz(b->swap_total_kb);
}

/* What balance shares (and non-process holders) are taken of. */
static const char *ram_name(const struct oom_analysis *an)
{
	return an->balance.memcg ? "the limit" : "RAM";
}

static const char *base_name(const struct oom_analysis *an)
{
	if (an->balance.memcg)
		return "the limit";
	return nz(an->balance.swap_total_kb) > 0 ? "RAM + swap" : "RAM";
}

struct name_slot {
	const char *name;       /* into ev->tasks; NULL = empty */
	int members;
	int64_t kb, largest_kb, largest_pid;
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;       /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void group_add(struct name_slot *tab, size_t mask,
		      const struct oom_task *t, int64_t kb)
{
	size_t i = name_hash(t->name) & mask;

	while (tab[i].name != NULL && strcmp(tab[i].name, t->name) != 0)
		i = (i + 1) & mask;
	tab[i].name = t->name;
	tab[i].members++;
	tab[i].kb += kb;
	if (kb > tab[i].largest_kb || tab[i].members == 1) {
		tab[i].largest_kb = kb;
		tab[i].largest_pid = t->pid;
	}
}

/* Keeps the OOM_MAX_GROUPS largest groups of 2+ members, largest first. */
static void group_keep(struct oom_analysis *an, const struct name_slot *s)
{
	int pos = an->n_groups, last;
	struct oom_group *g;

	while (pos > 0 && an->groups[pos - 1].held_kb < s->kb)
		pos--;
	if (s->members < 2 || pos >= OOM_MAX_GROUPS)
		return;
	last = an->n_groups < OOM_MAX_GROUPS ? an->n_groups :
	       OOM_MAX_GROUPS - 1;
	memmove(&an->groups[pos + 1], &an->groups[pos],
		(size_t)(last - pos) * sizeof(an->groups[0]));
	g = &an->groups[pos];
	copy_name(g->name, sizeof(g->name), s->name);
	g->members = s->members;
	g->held_kb = s->kb;
	g->share_permille = permille(s->kb, share_base_kb(an));
	g->largest_pid = s->largest_pid;
	g->largest_kb = s->largest_kb;
	if (an->n_groups < OOM_MAX_GROUPS)
		an->n_groups++;
}

static void analyze_groups(const struct oom_event *ev, struct oom_analysis *an)
{
	size_t cap = 16, mask;
	struct name_slot *tab;
	int64_t pk = page_kb_of(ev);

	if (ev->n_tasks == 0)
		return;
	while (cap < 2 * ev->n_tasks)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof(*tab));
	for (size_t i = 0; i < ev->n_tasks; i++)
		group_add(tab, mask, &ev->tasks[i],
			  held_kb(&ev->tasks[i], pk));
	for (size_t i = 0; i < cap; i++)
		if (tab[i].name != NULL)
			group_keep(an, &tab[i]);
	free(tab);
}

/* ---- the culprit ------------------------------------------------------ */

struct holders {
	const struct oom_task *top, *second;    /* by held memory */
	int64_t top_kb, second_kb;
	const struct oom_group *group;          /* a qualifying group */
	enum culprit_kind np_kind;              /* largest heavy non-process */
	int64_t np_kb;
};

static int64_t balance_kb(const struct oom_analysis *an, const char *item)
{
	for (int i = 0; i < an->balance.n_rows; i++)
		if (strcmp(an->balance.rows[i].item, item) == 0)
			return an->balance.rows[i].kb;
	return NA;
}

static bool heavy(const struct oom_analysis *an, int64_t kb)
{
	int64_t pm = permille(kb, an->balance.base_kb);

	return KNOWN(pm) && pm >= HEAVY_PERMILLE;
}

static void nonproc_candidate(const struct oom_analysis *an,
			      struct holders *h, enum culprit_kind kind,
			      const char *item)
{
	int64_t kb = balance_kb(an, item);

	if (heavy(an, kb) && kb > h->np_kb) {
		h->np_kind = kind;
		h->np_kb = kb;
	}
}

static void find_holders(const struct oom_event *ev,
			 const struct oom_analysis *an, struct holders *h)
{
	int64_t pk = page_kb_of(ev);

	memset(h, 0, sizeof(*h));
	h->top_kb = h->second_kb = h->np_kb = NA;
	for (size_t i = 0; i < ev->n_tasks; i++) {
		int64_t kb = held_kb(&ev->tasks[i], pk);

		if (h->top == NULL || kb > h->top_kb) {
			h->second = h->top;
			h->second_kb = h->top_kb;
			h->top = &ev->tasks[i];
			h->top_kb = kb;
		} else if (h->second == NULL || kb > h->second_kb) {
			h->second = &ev->tasks[i];
			h->second_kb = kb;
		}
	}
	for (int i = 0; i < an->n_groups && h->group == NULL; i++)
		if (an->groups[i].members >= GROUP_MIN_MEMBERS &&
		    an->groups[i].largest_kb * 2 < an->groups[i].held_kb)
			h->group = &an->groups[i];
	nonproc_candidate(an, h, CULPRIT_SHMEM, "shmem");
	nonproc_candidate(an, h, CULPRIT_SLAB, "slab_unreclaimable");
	nonproc_candidate(an, h, CULPRIT_HUGETLB, "hugetlb");
	nonproc_candidate(an, h, CULPRIT_KERNEL, "unexplained");
}

static void culprit_process(const struct oom_event *ev,
			    struct oom_analysis *an, const struct holders *h)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_task *t = h->top;
	const struct oom_badness *bd = &an->badness;
	char b1[32], b2[32], b3[32];

	c->kind = CULPRIT_PROCESS;
	copy_name(c->name, sizeof(c->name), t->name);
	c->pid = t->pid;
	c->held_kb = h->top_kb;
	c->share_permille = permille(h->top_kb, share_base_kb(an));
	c->is_invoker = t->pid == ev->invoker.pid;
	c->is_victim = t->pid == ev->victim.pid ||
		       ((ev->seen & OOM_PART_SELECT) && t->pid == ev->select.pid);
	snprintf(c->reason, sizeof(c->reason), "%s (pid %" PRId64 ") holds "
		 "%s (%s), %s of %s", t->name, t->pid,
		 hsize(b1, sizeof(b1), h->top_kb), KNOWN(t->rss_anon_pages) ?
		 "anon + shmem + swap + page tables" : KNOWN(t->swapents) ?
		 "rss + swap + page tables" : "rss; swap not shown",
		 pct(b2, sizeof(b2), c->share_permille), base_name(an));
	if (bd->chosen_pid == t->pid && nz(bd->hidden_pages) > 0)
		cat(c->reason, sizeof(c->reason), "; its logged score implies "
		    "%s more in swap and page tables",
		    hsize(b3, sizeof(b3), bd->hidden_pages * page_kb_of(ev)));
	if (h->second != NULL)
		cat(c->reason, sizeof(c->reason), "; the next largest task, "
		    "%s (pid %" PRId64 "), holds %s", h->second->name,
		    h->second->pid, hsize(b3, sizeof(b3), h->second_kb));
}

static void culprit_group(const struct oom_event *ev,
			  struct oom_analysis *an, const struct oom_group *g)
{
	struct oom_culprit *c = &an->culprit;
	char b1[32], b2[32], b3[32], b4[32];

	c->kind = CULPRIT_PROCESS_GROUP;
	copy_name(c->name, sizeof(c->name), g->name);
	c->members = g->members;
	c->held_kb = g->held_kb;
	c->share_permille = g->share_permille;
	c->is_invoker = strcmp(ev->invoker.name, g->name) == 0;
	c->is_victim = strcmp(ev->victim.name, g->name) == 0;
	snprintf(c->reason, sizeof(c->reason), "%d %s tasks hold %s together,"
		 " %s of %s%s; the largest (pid %" PRId64 ") holds %s, %s of "
		 "the group", g->members, g->name,
		 hsize(b1, sizeof(b1), g->held_kb),
		 pct(b2, sizeof(b2), g->share_permille), base_name(an),
		 g->share_permille > 1000 ? " (rss counts pages shared "
		 "between tasks once per task)" : "", g->largest_pid,
		 hsize(b3, sizeof(b3), g->largest_kb),
		 pct(b4, sizeof(b4), permille(g->largest_kb, g->held_kb)));
	if (g->largest_kb * 10 < g->held_kb)
		cat(c->reason, sizeof(c->reason), ", so killing one of them "
		    "frees little");
}

static void culprit_nonproc(struct oom_analysis *an, const struct holders *h)
{
	static const char *const what[] = {
		[CULPRIT_SHMEM] = "shmem/tmpfs (files no process owns)",
		[CULPRIT_SLAB] = "unreclaimable slab (kernel objects)",
		[CULPRIT_HUGETLB] = "the hugetlb pool (reserved huge pages)",
		[CULPRIT_KERNEL] = "kernel memory no counter explains",
	};
	struct oom_culprit *c = &an->culprit;
	char b1[32], b2[32], b3[32];

	c->kind = h->np_kind;
	c->held_kb = h->np_kb;
	c->share_permille = permille(h->np_kb, an->balance.base_kb);
	snprintf(c->reason, sizeof(c->reason), "%s holds %s, %s of %s",
		 what[h->np_kind], hsize(b1, sizeof(b1), h->np_kb),
		 pct(b2, sizeof(b2), c->share_permille), ram_name(an));
	if (h->top != NULL)
		cat(c->reason, sizeof(c->reason), ", more than any task (the "
		    "largest, %s pid %" PRId64 ", holds %s)", h->top->name,
		    h->top->pid, hsize(b3, sizeof(b3), h->top_kb));
	cat(c->reason, sizeof(c->reason), "; killing processes does not "
	    "give it back");
}

static void culprit_unknown(const struct oom_event *ev,
			    struct oom_analysis *an, const char *why)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_balance *b = &an->balance;
	char b1[32], b2[32];

	c->kind = CULPRIT_UNKNOWN;
	snprintf(c->reason, sizeof(c->reason), "%s", why);
	if (ev->tasks_elided && KNOWN(b->anon_unexplained_kb) &&
	    KNOWN(b->anon_lru_kb))
		cat(c->reason, sizeof(c->reason), "; the visible rows explain "
		    "%s, the anon LRU holds %s: %" PRId64 " kB of anonymous "
		    "memory belongs to tasks not shown",
		    hsize(b1, sizeof(b1), b->tasks_anon_kb),
		    hsize(b2, sizeof(b2), b->anon_lru_kb),
		    b->anon_unexplained_kb);
}

/* Why the excerpt cannot name a culprit into buf; false if nothing is
 * missing. */
static bool missing_why(const struct oom_event *ev,
			const struct oom_analysis *an, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (!(ev->seen & (OOM_PART_TRIGGER | OOM_PART_MEMINFO |
			  OOM_PART_ZONES | OOM_PART_MEMCG | OOM_PART_TASKS))) {
		cat(buf, cap, "the excerpt holds only the kill line(s): no "
		    "Mem-Info, no task table");
		return true;
	}
	if (!(ev->seen & OOM_PART_TASKS) || ev->n_tasks == 0)
		cat(buf, cap, "the report has no task table, so no task can "
		    "be named");
	else if (ev->tasks_elided)
		cat(buf, cap, "the task table is elided (rows are missing), "
		    "so the largest task may not be shown");
	if (!KNOWN(an->balance.base_kb))
		cat(buf, cap, "%s%s is not shown, so no share can be judged",
		    buf[0] ? "; " : "", an->balance.memcg ? "the limit" :
		    "RAM (pages RAM)");
	return buf[0] != '\0';
}

/* A manual OOM where some usable zone passes its low watermark (or a
 * memcg under its limit) had no memory pressure at all. */
static bool no_pressure(const struct oom_event *ev,
			const struct oom_analysis *an)
{
	const struct oom_counter *m = &ev->memcg.memory;

	if (an->balance.memcg)
		return KNOWN(m->usage_kb) && KNOWN(m->limit_kb) &&
		       m->usage_kb < m->limit_kb;
	for (int i = 0; i < an->n_zones; i++)
		if (an->zones[i].eligible &&
		    (an->zones[i].mark == ZONE_UNDER_HIGH ||
		     an->zones[i].mark == ZONE_ABOVE_HIGH))
			return true;
	return false;
}

static void culprit_none(struct oom_analysis *an)
{
	struct oom_culprit *c = &an->culprit;
	const struct oom_zone_verdict *v = an->target_zone >= 0 ?
		&an->zones[an->target_zone] : NULL;
	char b[32];

	c->kind = CULPRIT_NONE;
	snprintf(c->reason, sizeof(c->reason), "manual OOM kill (SysRq-f) "
		 "without memory pressure");
	if (v != NULL)
		cat(c->reason, sizeof(c->reason), ": %s had %s free, above "
		    "its low watermark (%" PRId64 " kB)", v->zone,
		    hsize(b, sizeof(b), v->free_kb), v->low_kb);
}

/*
 * The largest holder wins: a task, a group (3+ tasks of one name, none with
 * half of it) or a non-process holder of a fifth of RAM.  With the table
 * elided or missing, a holder is named only when it has more than half of
 * the memory, so nothing hidden can outweigh it.
 */
static void analyze_culprit(const struct oom_event *ev,
			    struct oom_analysis *an)
{
	struct holders h;
	char why[200];
	bool group, np, table, full, gap = missing_why(ev, an, why,
						       sizeof(why)), named;
	int64_t cand_kb;

	an->culprit.pid = an->culprit.held_kb = NA;
	an->culprit.share_permille = NA;
	find_holders(ev, an, &h);
	np = h.np_kind != CULPRIT_UNKNOWN;
	table = (ev->seen & OOM_PART_TASKS) && ev->n_tasks > 0 &&
		KNOWN(an->balance.base_kb);
	full = table && !ev->tasks_elided;
	group = h.group != NULL && h.group->held_kb > h.top_kb;
	cand_kb = !table ? 0 : group ? h.group->held_kb : h.top_kb;
	named = table && (full ? nz(permille(cand_kb, share_base_kb(an))) >=
			  HOLDER_PERMILLE : cand_kb * 2 > share_base_kb(an));
	if (ev->manual && no_pressure(ev, an))
		culprit_none(an);
	else if (np && h.np_kb > cand_kb &&
		 (full || h.np_kb * 2 > an->balance.base_kb))
		culprit_nonproc(an, &h);
	else if (named && group)
		culprit_group(ev, an, h.group);
	else if (named)
		culprit_process(ev, an, &h);
	else
		culprit_unknown(ev, an, gap ? why : "no task, group or kernel "
				"counter holds a tenth of the memory: it is "
				"spread over many tasks");
	if (table && !full && (an->culprit.kind == CULPRIT_PROCESS ||
			       an->culprit.kind == CULPRIT_PROCESS_GROUP))
		cat(an->culprit.reason, sizeof(an->culprit.reason), "; the "
		    "task table is elided, but these visible rows alone hold "
		    "more than half, so no hidden task can hold more");
}

/* ---- findings --------------------------------------------------------- */

/* "Normal" or "node 1 Normal" */
static const char *zone_label(char *buf, size_t cap,
			      const struct oom_zone_verdict *v)
{
	if (KNOWN(v->node))
		snprintf(buf, cap, "node %" PRId64 " %s", v->node, v->zone);
	else
		snprintf(buf, cap, "%s", v->zone);
	return buf;
}

static void find_request(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_invoker *inv = &ev->invoker;
	char b[32];

	if (ev->manual)
		finding(an, "manual_oom", FINDING_INFO, "Manual OOM kill "
			"(SysRq-f, order -1) run by %s: the kernel was told to "
			"kill; no allocation failed.", inv->name[0] ?
			inv->name : "a kworker");
	if (an->costly_order)
		finding(an, "costly_order", FINDING_WARNING, "Order %" PRId64
			" (%s) is above PAGE_ALLOC_COSTLY_ORDER (3): the "
			"allocator normally fails such requests instead of "
			"invoking the OOM killer%s.", inv->order,
			hsize(b, sizeof(b), an->request_kb), an->gfp.nofail ?
			"; this one carries __GFP_NOFAIL" : "");
}

/*
 * The zone verdict of the event: the target zone (the request's highest
 * usable class, most depleted node) under min is the classic OOM; above
 * min but no zone passing high is the expected state after reclaim.
 */
static void find_zone_marks(struct oom_analysis *an)
{
	const struct oom_zone_verdict *v;
	char z[48];

	if (an->target_zone < 0)
		return;
	v = &an->zones[an->target_zone];
	zone_label(z, sizeof(z), v);
	if (v->mark == ZONE_UNDER_MIN)
		finding(an, "zone_below_min", FINDING_CRITICAL, "%s has %"
			PRId64 " kB free against min %" PRId64 " kB + "
			"lowmem_reserve %" PRId64 " kB, %" PRId64 " kB short; "
			"%d of %d zones the request may use are below min.",
			z, v->usable_free_kb, v->min_kb, v->reserve_kb,
			-v->min_margin_kb, an->n_under_min,
			an->n_eligible_zones);
	else if (an->n_under_high == an->n_eligible_zones)
		finding(an, "zones_below_high", FINDING_INFO, "No zone the "
			"request may use passes its high watermark, the test "
			"of the last attempt before a kill: %s has %" PRId64
			" kB free, %" PRId64 " kB above min (expected after "
			"reclaim) and %" PRId64 " kB under high.", z,
			v->usable_free_kb, v->min_margin_kb,
			v->high_deficit_kb);
}

static void find_zones(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_zone_verdict *v = NULL;
	char z[48], b[32];
	bool all_frag = an->n_eligible_zones > 0, above = false;

	find_zone_marks(an);
	for (int i = 0; i < an->n_zones; i++) {
		if (!an->zones[i].eligible || an->zones[i].mark ==
		    ZONE_MARK_UNKNOWN)
			continue;
		if (an->zones[i].fragmented && v == NULL)
			v = &an->zones[i];
		if (an->zones[i].min_margin_kb > 0 && an->zones[i].order_ok)
			all_frag = false;
		if (an->zones[i].mark != ZONE_ABOVE_HIGH || ev->manual ||
		    !an->zones[i].order_ok || above)
			continue;
		above = true;
		finding(an, "zone_above_high", FINDING_WARNING, "%s passes "
			"even its high watermark (%" PRId64 " kB free, high %"
			PRId64 " kB + reserve %" PRId64 " kB): memory was "
			"freed between the failure and the report, or the "
			"request was restricted in a way the log does not "
			"show.", zone_label(z, sizeof(z), &an->zones[i]),
			an->zones[i].usable_free_kb, an->zones[i].high_kb,
			an->zones[i].reserve_kb);
	}
	if (v == NULL || !all_frag)
		return;
	advise(finding(an, "fragmentation", FINDING_WARNING, "Order %" PRId64
		       " needs blocks of %s: %s has %" PRId64 " kB free, above"
		       " min, but only %" PRId64 " kB in blocks that large of"
		       " a usable type.", ev->invoker.order,
		       hsize(b, sizeof(b), an->request_kb),
		       zone_label(z, sizeof(z), v), v->usable_free_kb,
		       nz(v->free_at_order_kb)),
	       "Free memory is fragmented: compaction (vm.compact_memory, "
	       "vm.compaction_proactiveness) or a larger vm.min_free_kbytes "
	       "keeps high-order blocks available.");
}

static void find_swap(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_totals *t = &ev->totals;

	if (an->balance.memcg || !(ev->seen & OOM_PART_SWAP) ||
	    !KNOWN(t->swap_total_kb) || !KNOWN(t->swap_free_kb))
		return;
	if (t->swap_total_kb == 0)
		finding(an, "no_swap", FINDING_INFO, "No swap is configured: "
			"anonymous memory cannot be paged out, only freed by a "
			"kill.");
	else if (t->swap_free_kb * 100 < t->swap_total_kb)
		advise(finding(an, "swap_exhausted", FINDING_CRITICAL, "Swap "
			       "is exhausted: %" PRId64 " of %" PRId64 " kB "
			       "free.", t->swap_free_kb, t->swap_total_kb),
		       "Add swap or cap the consumer (a cgroup memory.max); "
		       "more swap only delays the OOM if the consumer keeps "
		       "growing.");
}

static bool is_ancestor(const char *anc, const char *path)
{
	size_t n = strlen(anc);

	if (n == 0 || strcmp(anc, path) == 0)
		return false;
	if (strcmp(anc, "/") == 0)
		return path[0] == '/';
	return strncmp(anc, path, n) == 0 && path[n] == '/';
}

static void find_memcg(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_constraint_info *ci = &ev->constraint;
	const struct oom_counter *m = &ev->memcg.memory;
	const char *path = ci->oom_memcg[0] ? ci->oom_memcg : ev->memcg.path;
	char b[32];

	if (!an->balance.memcg || !KNOWN(m->usage_kb) || !KNOWN(m->limit_kb))
		return;
	advise(finding(an, "memcg_limit", FINDING_CRITICAL, "Memory cgroup %s"
		       " %s its limit: usage %" PRId64 " kB of %" PRId64 " kB "
		       "(failcnt %" PRId64 ")%s.", path, m->usage_kb >=
		       m->limit_kb ? "reached" : "hit", m->usage_kb,
		       m->limit_kb, nz(m->failcnt), m->usage_kb < m->limit_kb ?
		       "; usage fell below the limit before the report was "
		       "printed" : ""),
	       "Compare the limit (%s) with the workload's peak: raise "
	       "memory.max (v2) or memory.limit_in_bytes (v1), or make the "
	       "workload fit.", hsize(b, sizeof(b), m->limit_kb));
	if (is_ancestor(ci->oom_memcg, ci->task_memcg))
		advise(finding(an, "ancestor_memcg_limit", FINDING_WARNING,
			       "The limit that was hit belongs to %s, an "
			       "ancestor of the victim's cgroup %s: all its "
			       "descendants share it.", ci->oom_memcg,
			       ci->task_memcg),
		       "Size the limit of %s for the combined peak of its "
		       "children, or limit the children so one cannot starve "
		       "the rest.", ci->oom_memcg);
}

/* The largest task shielded by -1000 while another one died. */
static void find_protected(const struct oom_event *ev,
			   struct oom_analysis *an, const struct holders *h)
{
	char b1[32], b2[32];
	int64_t pm = permille(h->top_kb, share_base_kb(an));

	if (h->top == NULL || task_adj(h->top) != ADJ_MIN ||
	    !KNOWN(pm) || pm < HOLDER_PERMILLE ||
	    h->top->pid == ev->victim.pid)
		return;
	advise(finding(an, "protected_hog", FINDING_WARNING, "%s (pid %"
		       PRId64 ") holds the most memory, %s (%s of %s), but has"
		       " oom_score_adj -1000, so the killer had to choose "
		       "others.", h->top->name, h->top->pid,
		       hsize(b1, sizeof(b1), h->top_kb), pct(b2, sizeof(b2), pm),
		       base_name(an)),
	       "Reconsider oom_score_adj -1000 for %s: it keeps its memory "
	       "while smaller tasks die.", h->top->name);
}

static void find_sacrificial(const struct oom_event *ev,
			     struct oom_analysis *an, const struct holders *h)
{
	const struct oom_task *v = find_task(ev, ev->victim.pid);
	int64_t adj = v ? task_adj(v) : ev->victim.oom_score_adj, kb;
	char b1[32], b2[32];

	if (!(ev->seen & OOM_PART_VICTIM) || !KNOWN(adj) || adj <= 0 ||
	    h->top == NULL || h->top == v)
		return;
	kb = v ? held_kb(v, page_kb_of(ev)) :
	     add(add(ev->victim.anon_rss_kb, ev->victim.file_rss_kb),
		 ev->victim.shmem_rss_kb);
	if (!KNOWN(kb) || kb * 10 >= h->top_kb)
		return;
	advise(finding(an, "sacrificial_victim", ev->manual ? FINDING_INFO :
		       FINDING_WARNING, "The victim "
		       "%s (pid %" PRId64 ") was chosen for its oom_score_adj "
		       "%" PRId64 " while holding %s, under a tenth of what %s "
		       "(pid %" PRId64 ") holds (%s): the kill frees little.",
		       ev->victim.name, ev->victim.pid, adj,
		       hsize(b1, sizeof(b1), kb), h->top->name, h->top->pid,
		       hsize(b2, sizeof(b2), h->top_kb)),
	       ev->manual ? "" : "A high oom_score_adj on a small task only "
	       "buys time: the holder keeps its memory and the next OOM "
	       "follows.");
}

static void find_deficit(const struct oom_event *ev, struct oom_analysis *an)
{
	char b1[32], b2[32], z[48];

	if (!KNOWN(an->victim_freed_kb) || !KNOWN(an->deficit_kb) ||
	    an->deficit_kb <= 0 || an->victim_freed_kb >= an->deficit_kb)
		return;
	if (an->balance.memcg)
		snprintf(z, sizeof(z), "the charge needs above the limit");
	else
		snprintf(z, sizeof(z), "%s lacks to its high watermark",
			 an->zones[an->target_zone].zone);
	finding(an, "victim_smaller_than_deficit", FINDING_WARNING, "The "
		"victim %s returns about %s of anonymous memory, less than the "
		"%s %s: the kill alone cannot end the pressure; expect further"
		" kills.", ev->victim.name,
		hsize(b1, sizeof(b1), an->victim_freed_kb),
		hsize(b2, sizeof(b2), an->deficit_kb), z);
}

static void find_choice(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_badness *bd = &an->badness;

	if (bd->check == VICTIM_MISMATCH)
		finding(an, "victim_mismatch", FINDING_WARNING, "Recomputed "
			"badness disagrees with the kernel: %s.",
			bd->explanation);
	else if (bd->check == VICTIM_NOT_IN_TABLE)
		finding(an, "victim_not_in_table", FINDING_INFO, "The victim "
			"cannot be checked: %s.", bd->explanation);
	if (bd->child_sacrificed)
		finding(an, "child_sacrificed", FINDING_INFO, "The kernel "
			"selected %s (pid %" PRId64 ", score %" PRId64 ") and "
			"killed its child %s (pid %" PRId64 ") instead (<= 5.0"
			" \"sacrifice child\").", ev->select.name,
			ev->select.pid, nz(ev->select.score), ev->victim.name,
			ev->victim.pid);
}

static void find_invoker(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_culprit *c = &an->culprit;
	const struct oom_task *t = find_task(ev, ev->invoker.pid);
	char b1[32], b2[32];
	int64_t kb;

	if ((c->kind != CULPRIT_PROCESS && c->kind != CULPRIT_PROCESS_GROUP) ||
	    c->is_invoker || ev->manual || !KNOWN(ev->invoker.pid))
		return;
	if (t == NULL) {        /* a thread, or a task the table omits */
		finding(an, "innocent_invoker", FINDING_INFO, "The invoker %s "
			"(pid %" PRId64 ") is not the culprit: it asked for "
			"memory while %s held it.", ev->invoker.name,
			ev->invoker.pid, c->name);
		return;
	}
	kb = held_kb(t, page_kb_of(ev));
	finding(an, "innocent_invoker", FINDING_INFO, "The invoker %s (pid %"
		PRId64 ") holds only %s (%s of %s): it asked for memory while "
		"%s held it.", t->name, t->pid, hsize(b1, sizeof(b1), kb),
		pct(b2, sizeof(b2), permille(kb, share_base_kb(an))),
		base_name(an), c->name);
}

static void find_victim(const struct oom_event *ev, struct oom_analysis *an)
{
	struct holders h;

	find_holders(ev, an, &h);
	find_choice(ev, an);
	find_protected(ev, an, &h);
	find_sacrificial(ev, an, &h);
	find_deficit(ev, an);
	find_invoker(ev, an);
}

static void find_balance(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	int64_t sh = balance_kb(an, "shmem"), su, hp, ux;
	char b1[32], b2[32], b3[32];

	su = balance_kb(an, "slab_unreclaimable");
	hp = balance_kb(an, "hugetlb");
	ux = b->unexplained_kb;
	if (heavy(an, sh))
		advise(finding(an, "shmem_heavy", FINDING_WARNING, "shmem/tmpfs"
			       " holds %s, %s of %s; killing processes does "
			       "not free it unless they hold the files open "
			       "or mapped.", hsize(b1, sizeof(b1), sh),
			       pct(b2, sizeof(b2), permille(sh, b->base_kb)),
			       ram_name(an)),
		       "Look for large files in tmpfs (/dev/shm, /run, /tmp), "
		       "memfd and SysV segments (ipcs -m).");
	if (heavy(an, su))
		advise(finding(an, "slab_heavy", FINDING_WARNING, "Unreclaimable"
			       " slab holds %s, %s of %s%s%s.",
			       hsize(b1, sizeof(b1), su),
			       pct(b2, sizeof(b2), permille(su, b->base_kb)),
			       ram_name(an), ev->n_slab > 0 ?
			       "; largest cache: " : "", ev->n_slab > 0 ?
			       ev->slab[0].name : ""),
		       "Find the growing cache in /proc/slabinfo (slabtop): a "
		       "leak in a driver or filesystem is likely.");
	if (heavy(an, hp))
		advise(finding(an, "hugetlb_reserved", FINDING_WARNING, "The "
			       "hugetlb pool reserves %s, %s of RAM (%s of it "
			       "free); ordinary allocations cannot use it.",
			       hsize(b1, sizeof(b1), hp),
			       pct(b2, sizeof(b2), permille(hp, b->base_kb)),
			       hsize(b3, sizeof(b3), nz(b->hugetlb_free_kb))),
		       nz(b->hugetlb_free_kb) > 0 ? "Shrink vm.nr_hugepages to"
		       " what the users of huge pages need." : "");
	if (!b->memcg && nz(permille(ux, b->base_kb)) >= UNEXPLAINED_PERMILLE)
		advise(finding(an, "unexplained_kernel_memory",
			       FINDING_WARNING, "%s, %s of RAM, is not "
			       "explained by any counter (drivers, vmalloc, "
			       "percpu, a zswap pool, GPU or ZFS buffers).",
			       hsize(b1, sizeof(b1), ux),
			       pct(b2, sizeof(b2), permille(ux, b->base_kb))),
		       "Compare /proc/meminfo (VmallocUsed, Percpu) and driver "
		       "statistics with a healthy system to find the consumer.");
}

static void find_table(const struct oom_event *ev, struct oom_analysis *an)
{
	const struct oom_balance *b = &an->balance;
	char b1[32];
	bool cut = (ev->missing & ~(uint32_t)(OOM_PART_TASKS |
					     OOM_PART_REAPER |
					     OOM_PART_PANIC)) != 0;

	if (ev->kind == OOM_KIND_ALLOC_FAILURE)
		return;
	if (!(ev->seen & OOM_PART_TASKS))
		advise(finding(an, "task_table_missing", FINDING_WARNING,
			       "The report has no task table%s: no task can "
			       "be named as the holder.", cut ?
			       " (the excerpt is cut)" : ""),
		       cut ? "" : "Set vm.oom_dump_tasks=1 so the next report "
		       "lists the tasks.");
	else if (ev->tasks_elided && nz(b->anon_unexplained_kb) > 0)
		finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept); %s of private "
			"anonymous memory is not explained by the visible "
			"rows.", ev->n_tasks,
			hsize(b1, sizeof(b1), b->anon_unexplained_kb));
	else if (ev->tasks_elided && b->anon_unexplained_kb != OOM_NA)
		finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept), though the visible "
			"rows already cover the anon LRU.", ev->n_tasks);
	else if (ev->tasks_elided)
		finding(an, "task_table_elided", FINDING_WARNING, "The task "
			"table has gaps (%zu rows kept) and the report shows "
			"no anon LRU to hold them against.", ev->n_tasks);
}

static void find_gfp(const struct oom_event *ev, struct oom_analysis *an)
{
	if (!ev->invoker.has_gfp)
		return;
	if (an->gfp_mismatch)
		finding(an, "gfp_mismatch", FINDING_WARNING, "The printed flags"
			" (%s) do not match gfp_mask 0x%" PRIx64 " decoded with"
			" the %s table.", ev->invoker.gfp_text,
			ev->invoker.gfp_mask, gfp_era_name(an->gfp_era));
	if (an->gfp_era_assumed)
		finding(an, "gfp_era_assumed", FINDING_INFO, "The kernel "
			"version is unknown: gfp_mask 0x%" PRIx64 " was decoded "
			"with the %s table.", ev->invoker.gfp_mask,
			gfp_era_name(an->gfp_era));
}

/* ---- the stage -------------------------------------------------------- */

static void analyze_deficit(const struct oom_event *ev,
			    struct oom_analysis *an)
{
	const struct oom_counter *m = &ev->memcg.memory;
	int64_t req = KNOWN(an->request_kb) ? an->request_kb :
		      page_kb_of(ev);

	an->deficit_kb = an->victim_freed_kb = an->victim_covers = NA;
	if (ev->seen & OOM_PART_VICTIM)
		an->victim_freed_kb = ev->victim.anon_rss_kb;
	if (an->balance.memcg && KNOWN(m->usage_kb) && KNOWN(m->limit_kb))
		an->deficit_kb = m->usage_kb + req - m->limit_kb > req ?
				 m->usage_kb + req - m->limit_kb : req;
	else if (!an->balance.memcg && an->target_zone >= 0)
		an->deficit_kb = an->zones[an->target_zone].high_deficit_kb;
	if (KNOWN(an->victim_freed_kb) && KNOWN(an->deficit_kb) &&
	    an->deficit_kb > 0)
		an->victim_covers = an->victim_freed_kb / an->deficit_kb;
}

void analyze_event(const struct oom_event *ev, struct oom_analysis *an)
{
	memset(an, 0, sizeof(*an));
	analyze_request(ev, an);
	analyze_zones(ev, an);
	analyze_balance(ev, an);
	analyze_deficit(ev, an);
	analyze_badness(ev, an);
	analyze_groups(ev, an);
	analyze_culprit(ev, an);
	find_request(ev, an);
	find_zones(ev, an);
	find_memcg(ev, an);
	find_swap(ev, an);
	find_victim(ev, an);
	find_balance(ev, an);
	find_table(ev, an);
	find_gfp(ev, an);
	an->analyzed = true;
}

const char *analyze_culprit_kind_name(enum culprit_kind kind)
{
	switch (kind) {
	case CULPRIT_PROCESS: return "process";
	case CULPRIT_PROCESS_GROUP: return "process_group";
	case CULPRIT_SHMEM: return "shmem";
	case CULPRIT_SLAB: return "slab";
	case CULPRIT_HUGETLB: return "hugetlb";
	case CULPRIT_KERNEL: return "kernel";
	case CULPRIT_NONE: return "none";
	case CULPRIT_UNKNOWN: break;
	}
	return "unknown";
}

const char *analyze_severity_name(enum finding_severity sev)
{
	switch (sev) {
	case FINDING_WARNING: return "warning";
	case FINDING_CRITICAL: return "critical";
	case FINDING_INFO: break;
	}
	return "info";
}

const char *analyze_zone_mark_name(enum zone_mark mark)
{
	switch (mark) {
	case ZONE_UNDER_MIN: return "under_min";
	case ZONE_UNDER_LOW: return "under_low";
	case ZONE_UNDER_HIGH: return "under_high";
	case ZONE_ABOVE_HIGH: return "above_high";
	case ZONE_MARK_UNKNOWN: break;
	}
	return "unknown";
}

const char *analyze_victim_check_name(enum victim_check c)
{
	switch (c) {
	case VICTIM_MATCH: return "match";
	case VICTIM_TIE: return "tie";
	case VICTIM_MISMATCH: return "mismatch";
	case VICTIM_NOT_IN_TABLE: return "not_in_table";
	case VICTIM_UNCHECKED: break;
	}
	return "unchecked";
}

const char *analyze_badness_era_name(enum badness_era era)
{
	switch (era) {
	case BADNESS_ERA_OLD: return "<=2.6.35";
	case BADNESS_ERA_PERMILLE: return "2.6.36-3.4/RHEL6";
	case BADNESS_ERA_ADJ30: return "3.5-3.12";
	case BADNESS_ERA_ROOT3: return "3.10,3.13-4.16/RHEL7";
	case BADNESS_ERA_PAGES: return "4.17+";
	case BADNESS_ERA_UNKNOWN: break;
	}
	return "unknown";
}
