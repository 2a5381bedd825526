#ifndef OOMSCOPE_REDACT_H
#define OOMSCOPE_REDACT_H

#include <stddef.h>

#include "oomscope/event.h"
#include "oomscope/strbuf.h"

/*
 * --redact: a report that can leave the company.  Host names, user ids,
 * cgroup paths and pod/container ids are replaced by placeholders that are
 * stable within one run (the same value always gets the same one):
 *
 *   host names         host-1, host-2, ...
 *   uids (not 0)       uid-1 in quoted text; numeric uid fields become null
 *   cgroup paths       per component: generic names (kubepods, burstable,
 *                      system.slice, docker, lxc, ...) stay; a pod uid
 *                      becomes pod-N, a container id (32+ hex digits)
 *                      container-N; any other component cgroup-N, with its
 *                      systemd suffix (.service, .scope, .slice) kept
 *
 * Process names, sizes and times are kept: they are what the report is
 * about.  Root (uid 0) is kept.  Quoted log text (evidence, notes) is
 * rewritten too: path tokens, "uid=N"/"UID:N"/"UID N", and the host names
 * met so far.
 */

struct redact_map {
	char **keys, **vals;
	size_t n, alloc;
};

struct redact {
	struct redact_map hosts, uids, cgroups, pods, containers;
	struct redact_map inputs;  /* input name -> redacted name */
};

void redact_init(struct redact *r);
void redact_release(struct redact *r);
/*
 * redact_event: rewrites ev in place.  ev->input then points to a string
 * owned by r (valid until redact_release).
 */
void redact_event(struct redact *r, struct oom_event *ev);
/* The placeholder path for a cgroup path (appended to out). */
void redact_path(struct redact *r, const char *path, size_t len,
		 struct strbuf *out);
/* Free text with paths, uids and known hosts replaced (appended to out). */
void redact_text(struct redact *r, const char *s, struct strbuf *out);
/* A name (an input's) with the known host names replaced; owned by r. */
const char *redact_name(struct redact *r, const char *name);

#endif
