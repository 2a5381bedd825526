#ifndef OOMSCOPE_DEDUPE_H
#define OOMSCOPE_DEDUPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"

/*
 * The same OOM report read twice (dmesg and the syslog of the same boot, a
 * log given twice, overlapping rotated files) is reported once.
 *
 * Identity of an event: its kind, the victim (pid, name, anon-rss,
 * total-vm, file-rss), the invoker (pid, name, gfp mask, order) and the
 * kernel release, all equal; and, where both copies show them, the same
 * host (case-insensitive), the same uptime to the microsecond, and wall
 * times at most DEDUPE_WALL_SLACK_S apart (dmesg -T computes its time from
 * the boot time, so it may differ from syslog's by a little).  An event
 * with neither a victim pid nor an invoker pid has no identity and is never
 * dropped.  The first copy read is the one kept.
 */

#define DEDUPE_WALL_SLACK_S 120
#define DEDUPE_MAX_KEYS (1u << 20)  /* beyond that, events are not checked */

struct dedupe_key;

struct dedupe {
	struct dedupe_key *keys;
	size_t n, alloc;
	uint32_t *buckets;         /* hash -> key index + 1, 0 empty */
	size_t n_buckets;
	uint64_t dropped;          /* repeats dropped */
	uint64_t unchecked;        /* events past DEDUPE_MAX_KEYS */
};

void dedupe_init(struct dedupe *d);
void dedupe_release(struct dedupe *d);
/*
 * dedupe_repeat: true when ev is a copy of an event seen before (counted
 * in d->dropped); otherwise remembers ev and returns false.
 */
bool dedupe_repeat(struct dedupe *d, const struct oom_event *ev);

#endif
