/*
 * meminfo.c - line parsers for the Mem-Info part of an OOM report and for
 * the memcg block: show_free_areas() (mm/page_alloc.c, mm/show_mem.c from
 * 6.5) and mem_cgroup_print_oom_meminfo() (mm/memcontrol.c).
 *
 * Each parser consumes one message text (log prefix removed, leading blanks
 * allowed, no NUL needed: every read is bounded by s + len) and fills one
 * sub-struct of struct oom_event; sm.c decides which parser a line goes
 * to.  Zone, node and global counter lines are lists of "name:value" tokens
 * read through one static table per struct ({name, offsetof, unit}), so a
 * field a newer kernel adds costs nothing: unknown names are skipped, and a
 * known name whose value does not parse (or would overflow int64_t) is
 * counted in *bad.  Fixed-format lines (buddy, trailer, memcg, slab and
 * allocation-profiling rows) are chains of small pointer-advancing matchers
 * in the style of curl's strparse.
 *
 * Invariants: no allocation, no regex, one pass over the text (O(len)); on
 * -1 the target is untouched.  Numbers stay in the kernel's units (pages or
 * kB, as printed); only allocation-profiling sizes are converted to bytes.
 * Deliberately ignored: the per-CPU pageset values (lines are only
 * recognised) and the meaning of the numbers (watermarks, buddy sum against
 * the printed total): judging them is analyze.c's job.
 */
#include "oomscope/meminfo.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lex.h"
#include "banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum unit {
	UNIT_KB,    /* "123kB", or "123KB" (reserved_highatomic, 5.6+) */
	UNIT_PAGES, /* bare number: pages_scanned, global counters */
};

struct field {
	const char *name;
	size_t len;
	size_t off;
	enum unit unit;
	bool first; /* may start a global counters line */
};

/* What a "name:value" line is read into. */
struct kv {
	const struct field *tab;
	size_t n;
	void *base;
	int *unrecl; /* "all_unreclaimable? yes|no" target, or NULL */
	int *bad;
};

/* Tables are laid out by hand, several entries per line. */
/* clang-format off */
#define FIELD(s, n, m, u, f) { n, sizeof(n) - 1, offsetof(struct s, m), u, f }
#define ZF(n, m) FIELD(oom_zone, n, m, UNIT_KB, false)
#define NF(n, m) FIELD(oom_node, n, m, UNIT_KB, false)
#define CF(n, m, f) FIELD(oom_meminfo, n, m, UNIT_PAGES, f)

/* show_free_areas() per-zone line, union of all eras (2.6.32 - 6.19). */
static const struct field zone_fields[] = {
	ZF("free", free_kb), ZF("boost", boost_kb), ZF("min", min_kb),
	ZF("low", low_kb), ZF("high", high_kb),
	ZF("reserved_highatomic", reserved_highatomic_kb),
	ZF("free_highatomic", free_highatomic_kb),
	ZF("active_anon", active_anon_kb),
	ZF("inactive_anon", inactive_anon_kb),
	ZF("active_file", active_file_kb),
	ZF("inactive_file", inactive_file_kb),
	ZF("unevictable", unevictable_kb),
	ZF("isolated(anon)", isolated_anon_kb),
	ZF("isolated(file)", isolated_file_kb),
	ZF("writepending", writepending_kb), ZF("zspages", zspages_kb),
	ZF("present", present_kb), ZF("managed", managed_kb),
	ZF("mlocked", mlocked_kb), ZF("dirty", dirty_kb),
	ZF("writeback", writeback_kb), ZF("mapped", mapped_kb),
	ZF("shmem", shmem_kb), ZF("slab_reclaimable", slab_reclaimable_kb),
	ZF("slab_unreclaimable", slab_unreclaimable_kb),
	ZF("kernel_stack", kernel_stack_kb),
	ZF("shadow_call_stack", shadow_call_stack_kb),
	ZF("pagetables", pagetables_kb), ZF("unstable", unstable_kb),
	ZF("bounce", bounce_kb), ZF("writeback_tmp", writeback_tmp_kb),
	ZF("free_pcp", free_pcp_kb), ZF("local_pcp", local_pcp_kb),
	ZF("free_cma", free_cma_kb),
	FIELD(oom_zone, "pages_scanned", pages_scanned, UNIT_PAGES, false),
};

/* Per-node line, 4.8+ ("Balloon" is capitalised by the kernel). */
static const struct field node_fields[] = {
	NF("active_anon", active_anon_kb),
	NF("inactive_anon", inactive_anon_kb),
	NF("active_file", active_file_kb),
	NF("inactive_file", inactive_file_kb),
	NF("unevictable", unevictable_kb),
	NF("isolated(anon)", isolated_anon_kb),
	NF("isolated(file)", isolated_file_kb),
	NF("mapped", mapped_kb), NF("dirty", dirty_kb),
	NF("writeback", writeback_kb), NF("shmem", shmem_kb),
	NF("shmem_thp", shmem_thp_kb),
	NF("shmem_pmdmapped", shmem_pmdmapped_kb),
	NF("anon_thp", anon_thp_kb), NF("writeback_tmp", writeback_tmp_kb),
	NF("unstable", unstable_kb), NF("kernel_stack", kernel_stack_kb),
	NF("shadow_call_stack", shadow_call_stack_kb),
	NF("pagetables", pagetables_kb),
	NF("sec_pagetables", sec_pagetables_kb), NF("Balloon", balloon_kb),
	FIELD(oom_node, "pages_scanned", pages_scanned, UNIT_PAGES, false),
};

/* Global counters (pages); `first` marks the names that begin a line. */
static const struct field counter_fields[] = {
	CF("active_anon", active_anon, true),
	CF("inactive_anon", inactive_anon, false),
	CF("isolated_anon", isolated_anon, false),
	CF("active_file", active_file, true),
	CF("inactive_file", inactive_file, false),
	CF("isolated_file", isolated_file, false),
	CF("unevictable", unevictable, true), CF("dirty", dirty, false),
	CF("writeback", writeback, false), CF("unstable", unstable, false),
	CF("slab_reclaimable", slab_reclaimable, true),
	CF("slab_unreclaimable", slab_unreclaimable, false),
	CF("mapped", mapped, true), CF("shmem", shmem, false),
	CF("pagetables", pagetables, false),
	CF("sec_pagetables", sec_pagetables, true), CF("bounce", bounce, false),
	CF("kernel_misc_reclaimable", kernel_misc_reclaimable, true),
	CF("free", free, true), CF("free_pcp", free_pcp, false),
	CF("free_cma", free_cma, false),
};

static const char *const zone_names[] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};
/* clang-format on */

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* memory.stat keys: [a-z0-9_]+ */
static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || lex_is_digit(c) || c == '_';
}

static void skip_token(const char **p, const char *e)
{
	while (*p < e && !blank(**p))
		(*p)++;
}

/* One or more blanks. */
static int blanks(const char **p, const char *e)
{
	if (*p == e || !blank(**p))
		return -1;
	lex_skip_blanks(p, e);
	return 0;
}

static bool tok_end(const char *p, const char *e)
{
	return p == e || blank(*p);
}

/* Only blanks are left. */
static int end(const char *p, const char *e)
{
	lex_skip_blanks(&p, e);
	return p == e ? 0 : -1;
}

static const char *trim_end(const char *p, const char *e)
{
	while (e > p && blank(e[-1]))
		e--;
	return e;
}

static int64_t sat_mul(int64_t a, int64_t b)
{
	if (a != 0 && b > INT64_MAX / a)
		return INT64_MAX;
	return a * b;
}

static int64_t sat_add(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* "Node N " (show_node(), printed only with CONFIG_NUMA). */
static int node_prefix(const char **p, const char *e, int64_t *node)
{
	const char *q = *p;
	int64_t n;

	if (lex_lit(&q, e, "Node") || blanks(&q, e) || lex_num(&q, e, &n) ||
	    blanks(&q, e))
		return -1;
	*node = n;
	*p = q;
	return 0;
}

/* A zone name from the fixed list, as a whole word; name has 16 bytes. */
static int zone_name(const char **p, const char *e, char *name)
{
	const char *q = *p;
	size_t i, n;

	while (q < e && ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
			 lex_is_digit(*q)))
		q++;
	n = (size_t)(q - *p);
	for (i = 0; i < NELEM(zone_names); i++) {
		if (strlen(zone_names[i]) != n ||
		    memcmp(zone_names[i], *p, n) != 0)
			continue;
		memcpy(name, *p, n);
		name[n] = '\0';
		*p = q;
		return 0;
	}
	return -1;
}

/* "[Node N ]Zone" */
static int zone_head(const char **p, const char *e, int64_t *node, char *name)
{
	const char *q = *p;
	int64_t nd = OOM_NA;

	(void)node_prefix(&q, e, &nd);
	if (zone_name(&q, e, name))
		return -1;
	*node = nd;
	*p = q;
	return 0;
}

static void bump(int *bad)
{
	if (bad != NULL)
		(*bad)++;
}

static void store(void *base, size_t off, int64_t v)
{
	int64_t *dst = (int64_t *)(void *)((char *)base + off);

	*dst = v;
}

static const struct field *lookup(const struct field *tab, size_t n,
				  const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].len == len && memcmp(tab[i].name, name, len) == 0)
			return &tab[i];
	return NULL;
}

/*
 * The value after "name:".  Blanks may come first: 4.8-6.5 print
 * "shmem_thp: %lukB", and the 3.13 nginx seed has "pages_scanned: 7874".
 * Returns where to go on: past the value, or just past the colon.
 */
static const char *kv_value(const char *p, const char *e, const struct field *f,
			    const struct kv *kv)
{
	const char *q = p;
	int64_t v;

	lex_skip_blanks(&q, e);
	if (lex_num(&q, e, &v) == 0 &&
	    (f->unit == UNIT_PAGES || lex_lit(&q, e, "kB") == 0 ||
	     lex_lit(&q, e, "KB") == 0) &&
	    tok_end(q, e)) {
		store(kv->base, f->off, v);
		return q;
	}
	bump(kv->bad);
	return p;
}

/* "all_unreclaimable? yes" (zone line <= 4.7, node line 4.8+). */
static const char *kv_unrecl(const char *p, const char *e, const struct kv *kv)
{
	const char *q = p;
	int v = -1;

	lex_skip_blanks(&q, e);
	if (lex_lit(&q, e, "yes") == 0)
		v = 1;
	else if (lex_lit(&q, e, "no") == 0)
		v = 0;
	if (v < 0 || !tok_end(q, e)) {
		bump(kv->bad);
		return p;
	}
	*kv->unrecl = v;
	return q;
}

/* One token at p (not a blank); always advances. */
static const char *kv_token(const char *p, const char *e, const struct kv *kv)
{
	const char *name = p;
	const struct field *f;
	size_t n;

	while (p < e && !blank(*p) && *p != ':' && *p != '?')
		p++;
	n = (size_t)(p - name);
	if (p < e && *p == '?' && kv->unrecl != NULL && n == 17 &&
	    memcmp(name, "all_unreclaimable", 17) == 0)
		return kv_unrecl(p + 1, e, kv);
	f = lookup(kv->tab, kv->n, name, n);
	if (p < e && *p == ':' && f != NULL)
		return kv_value(p + 1, e, f, kv);
	skip_token(&p, e);
	return p;
}

static void kv_line(const char *p, const char *e, const struct kv *kv)
{
	for (;;) {
		lex_skip_blanks(&p, e);
		if (p == e)
			return;
		p = kv_token(p, e, kv);
	}
}

static void set_na(void *base, const struct field *tab, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store(base, tab[i].off, OOM_NA);
}

static void buddy_init(struct oom_buddy *b)
{
	int i;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < OOM_MAX_ORDERS; i++)
		b->count[i] = b->block_kb[i] = OOM_NA;
	b->total_kb = b->sum_kb = OOM_NA;
}

void meminfo_zone_init(struct oom_zone *z)
{
	int i;

	memset(z, 0, sizeof(*z));
	set_na(z, zone_fields, NELEM(zone_fields));
	z->node = OOM_NA;
	z->all_unreclaimable = -1;
	for (i = 0; i < OOM_MAX_LOWMEM; i++)
		z->lowmem_reserve[i] = OOM_NA;
	buddy_init(&z->buddy);
}

void meminfo_node_init(struct oom_node *n)
{
	memset(n, 0, sizeof(*n));
	set_na(n, node_fields, NELEM(node_fields));
	n->node = OOM_NA;
	n->all_unreclaimable = -1;
}

/* The first token must be a line-starting counter with a bare number. */
static int counters_head(const char *p, const char *e)
{
	const char *name = p;
	const struct field *f;
	int64_t v;

	while (p < e && !blank(*p) && *p != ':')
		p++;
	if (p == e || *p != ':')
		return -1;
	f = lookup(counter_fields, NELEM(counter_fields), name,
		   (size_t)(p - name));
	p++;
	if (f == NULL || !f->first || lex_num(&p, e, &v) || !tok_end(p, e))
		return -1;
	return 0;
}

int meminfo_parse_counters(const char *s, size_t len, struct oom_meminfo *mi,
			   int *bad)
{
	const char *p = s, *e = s + len;
	struct kv kv = {counter_fields, NELEM(counter_fields), mi, NULL, bad};

	lex_skip_blanks(&p, e);
	if (counters_head(p, e))
		return -1;
	kv_line(p, e, &kv);
	return 0;
}

int meminfo_parse_zone(const char *s, size_t len, struct oom_zone *z, int *bad)
{
	const char *p = s, *e = s + len, *q;
	struct kv kv = {zone_fields, NELEM(zone_fields), z,
			&z->all_unreclaimable, bad};
	char name[16] = "";
	int64_t node;

	lex_skip_blanks(&p, e);
	if (zone_head(&p, e, &node, name) || blanks(&p, e))
		return -1;
	q = p;
	if (lex_lit(&q, e, "free:"))
		return -1;
	z->node = node;
	memcpy(z->name, name, sizeof(z->name));
	kv_line(p, e, &kv);
	return 0;
}

int meminfo_parse_node(const char *s, size_t len, struct oom_node *n, int *bad)
{
	const char *p = s, *e = s + len, *q;
	struct kv kv = {node_fields, NELEM(node_fields), n,
			&n->all_unreclaimable, bad};
	int64_t node;

	lex_skip_blanks(&p, e);
	if (node_prefix(&p, e, &node))
		return -1;
	q = p;
	if (lex_lit(&q, e, "active_anon:"))
		return -1;
	n->node = node;
	kv_line(p, e, &kv);
	return 0;
}

bool meminfo_is_pcp_line(const char *s, size_t len)
{
	const char *p = s, *e = s + len, *q;
	char name[16];
	int64_t v;

	lex_skip_blanks(&p, e);
	/* "CPU %4d: hi:%5d, btch:%4d usd:%4d" (2.6.32 - 4.0) */
	q = p;
	if (lex_lit(&q, e, "CPU") == 0 && blanks(&q, e) == 0 &&
	    lex_num(&q, e, &v) == 0 && lex_lit(&q, e, ":") == 0 &&
	    blanks(&q, e) == 0 && lex_lit(&q, e, "hi:") == 0)
		return true;
	q = p;
	return zone_head(&q, e, &v, name) == 0 && blanks(&q, e) == 0 &&
	       lex_lit(&q, e, "per-cpu:") == 0 && end(q, e) == 0;
}

int meminfo_parse_lowmem(const char *s, size_t len, int64_t *v, int *n)
{
	const char *p = s, *e = s + len, *q;
	int64_t tmp[OOM_MAX_LOWMEM], x;
	int k = 0;

	lex_skip_blanks(&p, e);
	if (lex_lit(&p, e, "lowmem_reserve[]:"))
		return -1;
	for (;;) {
		q = p;
		if (blanks(&q, e) || lex_snum(&q, e, &x) || !tok_end(q, e))
			break;
		if (k < OOM_MAX_LOWMEM)
			tmp[k++] = x;
		p = q;
	}
	memcpy(v, tmp, (size_t)k * sizeof(tmp[0]));
	*n = k;
	return 0;
}

/* "N*SIZEkB" */
static int buddy_order(const char **p, const char *e, int64_t *cnt, int64_t *kb)
{
	const char *q = *p;

	lex_skip_blanks(&q, e);
	if (lex_num(&q, e, cnt) || lex_lit(&q, e, "*") || lex_num(&q, e, kb) ||
	    lex_lit(&q, e, "kB"))
		return -1;
	*p = q;
	return 0;
}

/* " (UME)": show_migration_types(), 3.8+, only after a non-zero count. */
static int buddy_types(const char **p, const char *e, char *types, size_t size)
{
	const char *q = *p, *t;

	lex_skip_blanks(&q, e);
	if (lex_lit(&q, e, "("))
		return -1;
	for (t = q; q < e && *q >= 'A' && *q <= 'Z'; q++)
		;
	(void)lex_copy_utf8(types, size, t, (size_t)(q - t));
	if (lex_lit(&q, e, ")"))
		return -1;
	*p = q;
	return 0;
}

/* Reads the orders; returns how many were seen (stored: <= 16). */
static int buddy_orders(const char **p, const char *e, struct oom_buddy *b)
{
	char spare[sizeof(b->types[0])];
	int64_t cnt, kb;
	int seen = 0;

	b->sum_kb = 0;
	while (buddy_order(p, e, &cnt, &kb) == 0) {
		char *types = spare;

		if (b->n_orders < OOM_MAX_ORDERS) {
			b->count[b->n_orders] = cnt;
			b->block_kb[b->n_orders] = kb;
			types = b->types[b->n_orders++];
		}
		b->sum_kb = sat_add(b->sum_kb, sat_mul(cnt, kb));
		if (buddy_types(p, e, types, sizeof(spare)))
			types[0] = '\0';
		seen++;
	}
	return seen;
}

/* " = NkB" */
static int buddy_total(const char **p, const char *e, int64_t *total)
{
	const char *q = *p;

	lex_skip_blanks(&q, e);
	if (lex_lit(&q, e, "="))
		return -1;
	lex_skip_blanks(&q, e);
	if (lex_num(&q, e, total) || lex_lit(&q, e, "kB"))
		return -1;
	*p = q;
	return 0;
}

/*
 * A line cut before its total (or ending in garbage) keeps what was read;
 * *consumed then points just past the last order read.
 */
int meminfo_parse_buddy(const char *s, size_t len, int64_t *node, char *zone,
			struct oom_buddy *b, size_t *consumed)
{
	const char *p = s, *e = s + len;
	struct oom_buddy t;
	char name[16] = "";
	int64_t nd;

	lex_skip_blanks(&p, e);
	if (zone_head(&p, e, &nd, name) || lex_lit(&p, e, ":"))
		return -1;
	buddy_init(&t);
	if (buddy_orders(&p, e, &t) == 0)
		return -1;
	(void)buddy_total(&p, e, &t.total_kb);
	t.present = true;
	t.lineno = b->lineno;
	*b = t;
	*node = nd;
	memcpy(zone, name, strlen(name) + 1);
	*consumed = (size_t)(p - s);
	return 0;
}

int meminfo_parse_hugepages(const char *s, size_t len, struct oom_hugepages *h)
{
	const char *p = s, *e = s + len;
	struct oom_hugepages t;

	lex_skip_blanks(&p, e);
	t.node = OOM_NA;
	(void)node_prefix(&p, e, &t.node);
	if (lex_lit(&p, e, "hugepages_total=") || lex_num(&p, e, &t.total) ||
	    blanks(&p, e) || lex_lit(&p, e, "hugepages_free=") ||
	    lex_num(&p, e, &t.free) || blanks(&p, e) ||
	    lex_lit(&p, e, "hugepages_surp=") || lex_num(&p, e, &t.surp) ||
	    blanks(&p, e) || lex_lit(&p, e, "hugepages_size=") ||
	    lex_num(&p, e, &t.size_kb) || lex_lit(&p, e, "kB") || end(p, e))
		return -1;
	*h = t;
	return 0;
}

/* clang-format off */
#define TOT(m) offsetof(struct oom_totals, m)
#define TOT_NONE SIZE_MAX

/* "N <text>" trailer lines (lib/show_mem.c, mm/show_mem.c 6.5+). */
static const struct trailer {
	const char *text;
	size_t off;
	uint32_t part;
} trailers[] = {
	{ "total pagecache pages", TOT(pagecache_pages), 0 },
	{ "pages in swap cache", TOT(swapcache_pages), 0 },
	{ "pages RAM", TOT(ram_pages), OOM_PART_RAM },
	{ "pages HighMem/MovableOnly", TOT(highmem_pages), 0 },
	{ "pages HighMem", TOT(highmem_pages), 0 },
	{ "pages reserved", TOT(reserved_pages), 0 },
	{ "pages cma reserved", TOT(cma_reserved_pages), 0 },
	{ "pages hwpoisoned", TOT(hwpoisoned_pages), 0 },
	{ "pages shared", TOT(shared_pages), 0 },
	{ "pages non-shared", TOT(nonshared_pages), 0 },
	{ "pages in pagetable cache", TOT_NONE, 0 }, /* CONFIG_QUICKLIST */
	/* ARM <= 3.10, arch/arm/mm/init.c show_mem() */
	{ "pages of RAM", TOT(ram_pages), OOM_PART_RAM },
	{ "free pages", TOT_NONE, 0 },
	{ "reserved pages", TOT(reserved_pages), 0 },
	{ "slab pages", TOT_NONE, 0 },
	{ "pages swap cached", TOT(swapcache_pages), 0 },
};
/* clang-format on */

static int trailer(const char *p, const char *e, struct oom_totals *t,
		   uint32_t *part)
{
	const struct trailer *tr;
	int64_t v;
	size_t n;

	if (lex_snum(&p, e, &v) || blanks(&p, e))
		return -1;
	e = trim_end(p, e);
	n = (size_t)(e - p);
	for (tr = trailers; tr < trailers + NELEM(trailers); tr++) {
		if (strlen(tr->text) != n || memcmp(tr->text, p, n) != 0)
			continue;
		if (tr->off != TOT_NONE)
			store(t, tr->off, v);
		*part = tr->part;
		return 0;
	}
	return -1;
}

/* "= NkB" after "Free swap " (two blanks) or "Total swap". */
static int swap_kb(const char *p, const char *e, int64_t *v)
{
	if (blanks(&p, e) || lex_lit(&p, e, "="))
		return -1;
	lex_skip_blanks(&p, e);
	if (lex_snum(&p, e, v) || lex_lit(&p, e, "kB") || end(p, e))
		return -1;
	return 0;
}

/* "Swap cache stats: add %lu, delete %lu, find %lu/%lu" (<= 5.19) */
static int swap_stats(const char *p, const char *e, struct oom_totals *t)
{
	int64_t a, d, f, ft;

	if (lex_lit(&p, e, "Swap cache stats: add ") || lex_num(&p, e, &a) ||
	    lex_lit(&p, e, ", delete ") || lex_num(&p, e, &d) ||
	    lex_lit(&p, e, ", find ") || lex_num(&p, e, &f) ||
	    lex_lit(&p, e, "/") || lex_num(&p, e, &ft) || end(p, e))
		return -1;
	t->swap_cache_add = a;
	t->swap_cache_delete = d;
	t->swap_cache_find = f;
	t->swap_cache_find_total = ft;
	return 0;
}

int meminfo_parse_totals(const char *s, size_t len, struct oom_totals *t,
			 uint32_t *part)
{
	const char *p = s, *e = s + len, *q;
	int64_t *dst, v;

	lex_skip_blanks(&p, e);
	if (p < e && (lex_is_digit(*p) || *p == '-'))
		return trailer(p, e, t, part);
	q = p;
	if (lex_lit(&q, e, "Free swap") == 0) {
		dst = &t->swap_free_kb;
	} else if (lex_lit(&q, e, "Total swap") == 0) {
		dst = &t->swap_total_kb;
	} else {
		if (swap_stats(p, e, t))
			return -1;
		*part = 0;
		return 0;
	}
	if (swap_kb(q, e, &v))
		return -1;
	*dst = v;
	*part = OOM_PART_SWAP;
	return 0;
}

/* clang-format off */
static const struct {
	const char *name;
	size_t off;
} memcg_counters[] = {
	{ "memory:", offsetof(struct oom_memcg, memory) },
	{ "memory+swap:", offsetof(struct oom_memcg, memsw) },
	{ "kmem:", offsetof(struct oom_memcg, kmem) },
	{ "swap:", offsetof(struct oom_memcg, swap) },
};
/* clang-format on */

/* " usage %lukB, limit %lukB, failcnt %lu" (mm/memcontrol.c) */
static int counter_body(const char *p, const char *e, struct oom_counter *c)
{
	if (blanks(&p, e) || lex_lit(&p, e, "usage") || blanks(&p, e) ||
	    lex_num(&p, e, &c->usage_kb) || lex_lit(&p, e, "kB,") ||
	    blanks(&p, e) || lex_lit(&p, e, "limit") || blanks(&p, e) ||
	    lex_num(&p, e, &c->limit_kb) || lex_lit(&p, e, "kB,") ||
	    blanks(&p, e) || lex_lit(&p, e, "failcnt") || blanks(&p, e) ||
	    lex_num(&p, e, &c->failcnt) || end(p, e))
		return -1;
	return 0;
}

int meminfo_parse_memcg_counter(const char *s, size_t len, struct oom_memcg *m)
{
	const char *p = s, *e = s + len, *q;
	struct oom_counter c;
	size_t i;

	lex_skip_blanks(&p, e);
	for (i = 0; i < NELEM(memcg_counters); i++) {
		q = p;
		if (lex_lit(&q, e, memcg_counters[i].name) == 0)
			break;
	}
	if (i == NELEM(memcg_counters) || counter_body(q, e, &c))
		return -1;
	memcpy((char *)m + memcg_counters[i].off, &c, sizeof(c));
	m->present = true;
	return 0;
}

/* Keys that only one memory.stat flavour has (mm/memcontrol.c). */
/* clang-format off */
static const char *const v1_keys[] = {
	"cache", "rss", "rss_huge", "mapped_file", "dirty", "writeback",
	"swap", "pgpgin", "pgpgout", "hierarchical_memory_limit",
	"hierarchical_memsw_limit",
};
static const char *const v2_keys[] = {
	"anon", "file", "kernel", "kernel_stack", "pagetables",
	"sec_pagetables", "percpu", "sock", "vmalloc", "file_mapped",
	"file_dirty", "file_writeback", "anon_thp", "file_thp", "shmem_thp",
	"zswap", "zswapped", "slab",
};
/* clang-format on */

static bool in_list(const char *const *list, size_t n, const char *k,
		    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], k, len) == 0)
			return true;
	return false;
}

static int stat_version(const char *k, size_t len)
{
	if (len > 6 && memcmp(k, "total_", 6) == 0)
		return 1;
	if (in_list(v1_keys, NELEM(v1_keys), k, len))
		return 1;
	if (in_list(v2_keys, NELEM(v2_keys), k, len))
		return 2;
	return 0;
}

/* The first key that tells the flavour sets m->version. */
static int stat_add(struct oom_memcg *m, const char *k, size_t len, int64_t v)
{
	struct oom_memcg_stat *st;

	if (len == 0 || len >= sizeof(st->key))
		return -1;
	if (m->version == 0)
		m->version = stat_version(k, len);
	m->present = true;
	for (int i = 0; m->stats_cgroups > 1 && i < m->n_stats; i++)
		if (!strncmp(m->stats[i].key, k, len) &&
		    m->stats[i].key[len] == '\0') {
			m->stats[i].value += v;  /* a child cgroup's line */
			return 0;
		}
	if (m->n_stats >= OOM_MAX_MEMCG_STATS) {
		m->dropped_stats++;
		return 0;
	}
	st = &m->stats[m->n_stats++];
	memcpy(st->key, k, len);
	st->key[len] = '\0';
	st->value = v;
	return 0;
}

/* "key:NKB" at p (3.10-5.2 one-liner token)? */
static bool kb_stat_at(const char *p, const char *e)
{
	const char *k = p;

	while (p < e && key_char(*p))
		p++;
	return p > k && p + 1 < e && p[0] == ':' && lex_is_digit(p[1]);
}

/*
 * In a one-liner, the path ends at the ": " before the first "key:NKB";
 * returns that token and sets *colon, or NULL.  Each key scan stops at a
 * non-key character, at the latest at the next ": ", so this is O(len).
 */
static const char *kb_stats_start(const char *p, const char *e,
				  const char **colon)
{
	for (; p + 1 < e; p++) {
		if (p[0] == ':' && p[1] == ' ' && kb_stat_at(p + 2, e)) {
			*colon = p;
			return p + 2;
		}
	}
	return NULL;
}

/* " cache:0KB rss:65412KB ..." (values kB); bad tokens are skipped. */
static void kb_stats(const char *p, const char *e, struct oom_memcg *m)
{
	const char *k, *q;
	int64_t v;

	for (;;) {
		lex_skip_blanks(&p, e);
		if (p == e)
			return;
		for (k = p; p < e && key_char(*p); p++)
			;
		q = p;
		if (p > k && lex_lit(&q, e, ":") == 0 &&
		    lex_num(&q, e, &v) == 0 && lex_lit(&q, e, "KB") == 0 &&
		    tok_end(q, e)) {
			if (stat_add(m, k, (size_t)(p - k), v))
				m->dropped_stats++;
			p = q;
			continue;
		}
		skip_token(&p, e);
	}
}

/* The cgroup path [p, pe) is `root` or below it ("/" holds every path). */
static bool under(const char *root, const char *p, const char *pe)
{
	size_t n = strlen(root), len = (size_t)(pe - p);

	if (!strcmp(root, "/"))
		return true;
	return len >= n && !memcmp(root, p, n) && (len == n || p[n] == '/');
}

int meminfo_parse_memcg_stats_header(const char *s, size_t len,
				     struct oom_memcg *m)
{
	const char *p = s, *e = s + len, *pe = NULL, *stats;

	lex_skip_blanks(&p, e);
	if (lex_lit(&p, e, "Memory cgroup stats for "))
		return -1;
	e = trim_end(p, e);
	stats = kb_stats_start(p, e, &pe);
	if (stats == NULL)
		pe = (e > p && e[-1] == ':') ? e - 1 : e;
	if (m->path[0] != '\0') {
		/* the same cgroup again, or one outside: another report */
		if (!under(m->path, p, pe) ||
		    ((size_t)(pe - p) == strlen(m->path) &&
		     !memcmp(m->path, p, (size_t)(pe - p))))
			return -2;
		if (stats == NULL || !m->stats_in_kb)
			return 0;  /* no child one-liner: nothing to add */
	} else {
		m->path_truncated = lex_copy_utf8(m->path, sizeof(m->path), p,
						   (size_t)(pe - p));
	}
	m->present = true;
	if (stats != NULL) {
		m->stats_in_kb = true;
		m->stats_cgroups++;
		kb_stats(stats, e, m);
	}
	return 0;
}

int meminfo_parse_memcg_stat(const char *s, size_t len, struct oom_memcg *m)
{
	const char *p = s, *e = s + len, *k, *ke;
	int64_t v;

	lex_skip_blanks(&p, e);
	for (k = p; p < e && key_char(*p); p++)
		;
	ke = p;
	if (ke == k || (size_t)(ke - k) >= sizeof(m->stats[0].key) ||
	    blanks(&p, e) || lex_num(&p, e, &v) || end(p, e))
		return -1;
	return stat_add(m, k, (size_t)(ke - k), v);
}

/*
 * mm/slab_common.c dump_unreclaimable_slab() (4.15+):
 *   pr_info("Name                      Used          Total\n");
 *   pr_info("%-17s %10luKB %10luKB\n", name, used, total);
 * The header returns 0 with r->name "" and both sizes OOM_NA.
 */
int meminfo_parse_slab_row(const char *s, size_t len, struct oom_slab_row *r)
{
	const char *p = s, *e = s + len, *name, *ne, *q;
	int64_t used, total;

	lex_skip_blanks(&p, e);
	q = p;
	if (lex_lit(&q, e, "Name") == 0 && blanks(&q, e) == 0 &&
	    lex_lit(&q, e, "Used") == 0 && blanks(&q, e) == 0 &&
	    lex_lit(&q, e, "Total") == 0 && end(q, e) == 0) {
		r->name[0] = '\0';
		r->used_kb = r->total_kb = OOM_NA;
		return 0;
	}
	name = p;
	skip_token(&p, e);
	ne = p;
	if (ne == name || blanks(&p, e) || lex_num(&p, e, &used) ||
	    lex_lit(&p, e, "KB") || blanks(&p, e) || lex_num(&p, e, &total) ||
	    lex_lit(&p, e, "KB") || end(p, e))
		return -1;
	(void)lex_copy_utf8(r->name, sizeof(r->name), name,
			    (size_t)(ne - name));
	r->used_kb = used;
	r->total_kb = total;
	return 0;
}

/*
 * string_get_size() units: "B", "KiB" ... "EiB" (STRING_UNITS_2, what
 * __show_mem() uses), "kB" ... "EB" (STRING_UNITS_10).  Sets the factor.
 */
static int size_unit(const char **p, const char *e, int64_t *scale)
{
	static const char prefixes[] = "kMGTPE";
	const char *q = *p, *c = NULL;
	int64_t base = 1000, f = 1;
	int i, pow = 0;

	if (q < e && *q != 'B') {
		c = memchr(prefixes, *q == 'K' ? 'k' : *q,
			   sizeof(prefixes) - 1);
		if (c == NULL)
			return -1;
		pow = (int)(c - prefixes) + 1;
		q++;
		if (q < e && *q == 'i') {
			base = 1024;
			q++;
		}
	}
	if (lex_lit(&q, e, "B") || !tok_end(q, e))
		return -1;
	for (i = 0; i < pow; i++)
		f *= base;
	*scale = f;
	*p = q;
	return 0;
}

/* "1.21 GiB", "707 MiB", "81.1 MiB"; 6.10 printed raw bytes ("%12lli"). */
static int alloc_size(const char **p, const char *e, int64_t *bytes)
{
	const char *q = *p, *u;
	int64_t ip, frac = 0, div = 1, scale = 1;

	if (lex_num(&q, e, &ip))
		return -1;
	if (q < e && *q == '.') {
		if (q + 1 == e || !lex_is_digit(q[1]))
			return -1;
		for (q++; q < e && lex_is_digit(*q); q++) {
			if (div < 1000) {
				frac = frac * 10 + (*q - '0');
				div *= 10;
			}
		}
	}
	u = q;
	if (u < e && *u == ' ')
		u++;
	if (size_unit(&u, e, &scale) == 0)
		q = u;
	else if (div != 1 || !tok_end(q, e))
		return -1;
	if (ip > (INT64_MAX - frac) / div ||
	    ip * div + frac > INT64_MAX / scale)
		return -1;
	*bytes = (ip * div + frac) * scale / div;
	*p = q;
	return 0;
}

/* "file:line [module] func:name": a file:line token and a func: token. */
static int alloc_where(const char *p, const char *e)
{
	const char *t = p, *colon = NULL, *q;

	for (; p < e && !blank(*p); p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL || colon == t || colon + 1 == p)
		return -1;
	for (q = colon + 1; q < p; q++)
		if (!lex_is_digit(*q))
			return -1;
	while (p < e) {
		lex_skip_blanks(&p, e);
		if (lex_lit(&p, e, "func:") == 0 && p < e && !blank(*p))
			return 0;
		skip_token(&p, e);
	}
	return -1;
}

/*
 * 6.10+ allocation profiling (mm/show_mem.c __show_mem(), CONFIG_MEM_ALLOC_
 * PROFILING), after "Memory allocations (profiling is currently turned
 * on):" in 6.18, up to 10 rows printed as
 *   "%12s %8llu %s:%u [%s] func:%s" (size, calls, file:line [module] func)
 * or without " [%s]" for built-in code; the size is string_get_size(bytes,
 * 1, STRING_UNITS_2), 3 significant digits, so bytes is approximate.  From
 * fixtures/manual-oom-dmesg-nixos618.log:
 *   "    1.21 GiB   237476 mm/readahead.c:189 func:ractl_alloc_folio"
 *   "     143 MiB   133249 fs/ext4/super.c:1389 [ext4] func:ext4_alloc_inode"
 * r->where gets the text from file:line on.  Headers return -1.
 */
int meminfo_parse_alloc_row(const char *s, size_t len, struct oom_alloc_row *r)
{
	const char *p = s, *e = s + len;
	int64_t bytes, calls;

	lex_skip_blanks(&p, e);
	if (alloc_size(&p, e, &bytes) || blanks(&p, e) ||
	    lex_num(&p, e, &calls) || blanks(&p, e) || alloc_where(p, e))
		return -1;
	r->bytes = bytes;
	r->calls = calls;
	(void)lex_copy_utf8(r->where, sizeof(r->where), p,
			    (size_t)(trim_end(p, e) - p));
	return 0;
}
