/*
 * Dropping repeated events.  Each event is reduced to a small key: the
 * strict part (fields both copies of one report always show the same way)
 * is hashed with FNV-1a into an open-addressing table; the loose part (host,
 * uptime, wall time, which one transport shows and another does not) is
 * compared only where both keys have it.  Keys are about 250 bytes, so a
 * log of a million events costs some 250 MB at most: the table stops
 * growing at DEDUPE_MAX_KEYS and later events are let through, counted.
 */
#include "oomscope/dedupe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "lex.h"
#include "banned.h"

struct dedupe_key {
	uint64_t hash;
	/* strict */
	int64_t kind;            /* int64_t: no padding in the strict part */
	int64_t victim_pid, anon_kb, vm_kb, file_kb;
	int64_t invoker_pid, order;
	uint64_t gfp;
	char victim[OOM_NAME_MAX], invoker[OOM_NAME_MAX];
	char kernel[48];
	/* loose */
	char host[64];
	bool has_host, has_uptime, has_wall;
	uint64_t uptime_us;
	int64_t wall_s;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

static void make_key(struct dedupe_key *k, const struct oom_event *ev)
{
	memset(k, 0, sizeof(*k));
	k->kind = (int64_t)ev->kind;
	k->victim_pid = ev->victim.pid;
	k->anon_kb = ev->victim.anon_rss_kb;
	k->vm_kb = ev->victim.total_vm_kb;
	k->file_kb = ev->victim.file_rss_kb;
	k->invoker_pid = ev->invoker.pid;
	k->order = ev->invoker.order;
	k->gfp = ev->invoker.has_gfp ? ev->invoker.gfp_mask : UINT64_MAX;
	lex_copy_str(k->victim, sizeof(k->victim), ev->victim.name);
	lex_copy_str(k->invoker, sizeof(k->invoker), ev->invoker.name);
	lex_copy_str(k->kernel, sizeof(k->kernel), ev->kernel_version);
	/* offsetof(host): everything before it is the strict part */
	k->hash = fnv(0xcbf29ce484222325ULL, &k->kind,
		      offsetof(struct dedupe_key, host) -
		      offsetof(struct dedupe_key, kind));
	lex_copy_str(k->host, sizeof(k->host), ev->host);
	k->has_host = ev->has_host && ev->host[0];
	k->has_uptime = ev->has_uptime;
	k->uptime_us = ev->uptime_us;
	k->has_wall = ev->has_wall;
	k->wall_s = ev->wall_s;
}

static bool same(const struct dedupe_key *a, const struct dedupe_key *b)
{
	size_t strict = offsetof(struct dedupe_key, host) -
			offsetof(struct dedupe_key, kind);

	if (a->hash != b->hash || memcmp(&a->kind, &b->kind, strict))
		return false;
	if (a->has_host && b->has_host && strcasecmp(a->host, b->host))
		return false;
	if (a->has_uptime && b->has_uptime && a->uptime_us != b->uptime_us)
		return false;
	if (a->has_wall && b->has_wall &&
	    llabs((long long)(a->wall_s - b->wall_s)) > DEDUPE_WALL_SLACK_S)
		return false;
	return true;
}

static void place(struct dedupe *d, size_t idx)
{
	size_t mask = d->n_buckets - 1, i = d->keys[idx].hash & mask;

	while (d->buckets[i])
		i = (i + 1) & mask;
	d->buckets[i] = (uint32_t)(idx + 1);
}

static void rehash(struct dedupe *d)
{
	d->n_buckets = d->n_buckets ? 2 * d->n_buckets : 64;
	free(d->buckets);
	d->buckets = xcalloc(d->n_buckets, sizeof(*d->buckets));
	for (size_t i = 0; i < d->n; i++)
		place(d, i);
}

/*
 * Events with the same strict part (victim, invoker, kernel) share a hash
 * and differ only by host or time: a log that repeats one report many
 * times would make every lookup walk all of them.  Only the first
 * DEDUPE_MAX_PROBES keys with an equal hash on the probe path are
 * compared, so in a log that repeats one report more often than that a
 * later copy may go unrecognised (such a log is pathological).
 */
#define DEDUPE_MAX_PROBES 256

static bool lookup(const struct dedupe *d, const struct dedupe_key *k)
{
	size_t mask = d->n_buckets - 1, same_hash = 0;

	if (!d->n_buckets)
		return false;
	for (size_t i = k->hash & mask; d->buckets[i]; i = (i + 1) & mask) {
		const struct dedupe_key *x = &d->keys[d->buckets[i] - 1];

		if (x->hash == k->hash && ++same_hash > DEDUPE_MAX_PROBES)
			return false;
		if (same(x, k))
			return true;
	}
	return false;
}

bool dedupe_repeat(struct dedupe *d, const struct oom_event *ev)
{
	struct dedupe_key k;

	if (ev->victim.pid == OOM_NA && ev->invoker.pid == OOM_NA)
		return false;
	make_key(&k, ev);
	if (lookup(d, &k)) {
		d->dropped++;
		return true;
	}
	if (d->n >= DEDUPE_MAX_KEYS) {
		d->unchecked++;
		return false;
	}
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->keys = xreallocarray(d->keys, d->alloc, sizeof(*d->keys));
	}
	d->keys[d->n++] = k;
	if (2 * d->n > d->n_buckets)
		rehash(d);
	else
		place(d, d->n - 1);
	return false;
}

void dedupe_init(struct dedupe *d)
{
	memset(d, 0, sizeof(*d));
}

void dedupe_release(struct dedupe *d)
{
	free(d->keys);
	free(d->buckets);
	memset(d, 0, sizeof(*d));
}
