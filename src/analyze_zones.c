/*
 * Analysis sub-stage: every zone against its watermarks, with the kernel's
 * own test.  Consumes the zone lines (free, min/low/high, lowmem_reserve,
 * buddy lists), the nodemask and mems_allowed, and the decoded request
 * (an->gfp); produces an->zones[] (one verdict a zone), the counts of
 * eligible zones under min and under high, and an->target_zone.
 *
 * Rules: a zone is eligible when its class is at most the request's
 * highest zone (GFP_ZONE_TABLE) and its node is allowed; the order-0 test
 * is __zone_watermark_ok() on printed values (lowmem_reserve, the order's
 * discount, highatomic and CMA, min halved for __GFP_HIGH); the order > 0
 * test is that of 4.4+ or of <= 4.3; a zone that passes min but fails the
 * order test is fragmented.  The target zone is the highest eligible
 * class, its most depleted node.
 */
#include "analyze_int.h"

#include <string.h>

#include "kver.h"
#include "lex.h"
#include "banned.h"

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
	const char *p = s, *end;
	uint64_t m = 0;
	int64_t a, b;

	if (s == NULL || *s == '\0' || *s == '(')
		return ~(uint64_t)0;
	end = s + strlen(s);
	while (*p) {
		if (lex_num(&p, end, &a) || a > 9999)
			return ~(uint64_t)0;
		b = a;
		if (lex_ch(&p, end, '-') == 0 &&
		    (lex_num(&p, end, &b) || b > 9999))
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

uint64_t analyze_zones_allowed_nodes(const struct oom_event *ev)
{
	const char *nm = ev->constraint.nodemask[0] ? ev->constraint.nodemask :
			 ev->invoker.nodemask;

	return nodelist(nm) & nodelist(ev->constraint.mems_allowed);
}

bool analyze_zones_node_ok(int64_t node, uint64_t nodes)
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

	usable -= analyze_nz(ha);
	if (!alloc_cma)
		usable -= analyze_nz(z->free_cma_kb);
	if (alloc_high)
		mark -= mark / 2;
	return usable - (mark + analyze_nz(reserve_pages)) * page_kb;
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
	lex_copy_str(v->zone, sizeof(v->zone), z->name);
	v->eligible = zc >= 0 && zc <= c->cls &&
		      analyze_zones_node_ok(z->node, c->nodes);
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
	struct kver k;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < ev->n_zones; i++)
		if (strcmp(ev->zones[i].name, "HighMem") == 0)
			c->highmem_layout = true;
	c->cls = request_class(an, c->highmem_layout);
	c->nodes = analyze_zones_allowed_nodes(ev);
	c->page_kb = analyze_page_kb(ev);
	c->order = ev->invoker.order;
	c->alloc_high = an->gfp.high;
	c->alloc_cma = an->gfp.movable;
	c->new_rule = kver_parse(ev->kernel_version, &k) != 0 ||
		      kver_code(&k) >= KVER(4, 4, 0);
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

void analyze_zones_judge(const struct oom_event *ev, struct oom_analysis *an)
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
