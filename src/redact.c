/*
 * --redact: placeholders for what identifies a company (host names, uids,
 * cgroup paths with their pod and container ids), stable within a run.
 *
 * Each kind of value has a map from the original to its placeholder,
 * numbered in order of first appearance.  Maps are searched linearly: a
 * report has a handful of hosts and cgroups; a log with thousands of
 * distinct pods pays O(n) per lookup, which is still far below the cost of
 * parsing their reports.
 *
 * Structured fields (host, cgroup paths, uids) are replaced directly; the
 * quoted text (evidence lines, parser notes) goes through redact_text(),
 * which finds path tokens (a '/' after '=', a blank or the start), uid
 * fields ("uid=", "UID:", "UID ") and the host names met so far.  A path
 * holding a blank is cut at the blank there: the rest of it stays visible
 * (FIXME: use the parsed paths of the event when they are known).
 */
#include "oomscope/redact.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "banned.h"

static const char *const generic[] = {
	"kubepods", "kubepods.slice", "burstable", "besteffort", "guaranteed",
	"kubepods-burstable.slice", "kubepods-besteffort.slice",
	"system.slice", "user.slice", "machine.slice", "init.scope", "-.slice",
	"docker", "lxc", "lxc.payload", "lxc.monitor", "containerd", "crio",
	"libpod_parent", "machine", "user", "ns", NULL,
};

static const char *const unit_suffixes[] = {
	".service", ".scope", ".slice", ".mount", ".socket", NULL,
};

static void map_release(struct redact_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static const char *map_find(const struct redact_map *m, const char *key,
			    size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (strlen(m->keys[i]) == len && !memcmp(m->keys[i], key, len))
			return m->vals[i];
	return NULL;
}

/* Adds key -> val (val owned by the map from now on). */
static const char *map_add(struct redact_map *m, const char *key, size_t len,
			   char *val)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 8;
		m->keys = xreallocarray(m->keys, m->alloc, sizeof(*m->keys));
		m->vals = xreallocarray(m->vals, m->alloc, sizeof(*m->vals));
	}
	m->keys[m->n] = xmemdupz(key, len);
	m->vals[m->n] = val;
	return m->vals[m->n++];
}

/* The placeholder "prefix-N" of key, made on first sight. */
static const char *placeholder(struct redact_map *m, const char *key,
			       size_t len, const char *prefix)
{
	const char *v = map_find(m, key, len);
	char buf[64];

	if (v)
		return v;
	snprintf(buf, sizeof(buf), "%s-%zu", prefix, m->n + 1);
	return map_add(m, key, len, xstrdup(buf));
}

void redact_init(struct redact *r)
{
	memset(r, 0, sizeof(*r));
}

void redact_release(struct redact *r)
{
	map_release(&r->hosts);
	map_release(&r->uids);
	map_release(&r->cgroups);
	map_release(&r->pods);
	map_release(&r->containers);
	map_release(&r->inputs);
}

/* ---- cgroup paths ----------------------------------------------------- */

static size_t hex_run(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && isxdigit((unsigned char)s[n]) &&
	       !isupper((unsigned char)s[n]))
		n++;
	return n;
}

/* "pod" + a uuid with '-' or '_' (8-4-4-4-12): its length, else 0. */
static size_t pod_id(const char *s, size_t len)
{
	size_t n = 3, hex = 0;

	if (len < 3 || memcmp(s, "pod", 3))
		return 0;
	while (n < len && n < 3 + 36 &&
	       (isxdigit((unsigned char)s[n]) || s[n] == '-' || s[n] == '_'))
		hex += isxdigit((unsigned char)s[n++]) != 0;
	return hex == 32 ? n : 0;
}

/* Replaces pod uids and container ids in one component; false if none. */
static bool replace_ids(struct redact *r, const char *s, size_t len,
			struct strbuf *out)
{
	struct strbuf t = STRBUF_INIT;
	bool any = false;

	for (size_t i = 0; i < len;) {
		size_t p = pod_id(s + i, len - i), h = hex_run(s + i, len - i);

		if (p) {
			strbuf_addstr(&t, placeholder(&r->pods, s + i, p, "pod"));
			i += p, any = true;
		} else if (h >= 32) {
			strbuf_addstr(&t, placeholder(&r->containers, s + i, h,
						      "container"));
			i += h, any = true;
		} else {
			strbuf_add(&t, s + i, h ? h : 1);
			i += h ? h : 1;
		}
	}
	if (any)
		strbuf_add(out, t.buf, t.len);
	strbuf_release(&t);
	return any;
}

static bool is_generic(const char *s, size_t len)
{
	for (int i = 0; generic[i]; i++)
		if (strlen(generic[i]) == len && !memcmp(generic[i], s, len))
			return true;
	return false;
}

static void component(struct redact *r, const char *s, size_t len,
		      struct strbuf *out)
{
	if (is_generic(s, len)) {
		strbuf_add(out, s, len);
		return;
	}
	if (replace_ids(r, s, len, out))
		return;
	strbuf_addstr(out, placeholder(&r->cgroups, s, len, "cgroup"));
	for (int i = 0; unit_suffixes[i]; i++) {
		size_t n = strlen(unit_suffixes[i]);

		if (len > n && !memcmp(s + len - n, unit_suffixes[i], n)) {
			strbuf_addstr(out, unit_suffixes[i]);
			break;
		}
	}
}

void redact_path(struct redact *r, const char *path, size_t len,
		 struct strbuf *out)
{
	for (size_t i = 0; i < len;) {
		size_t n = 0;

		if (path[i] == '/') {
			strbuf_addch(out, '/');
			i++;
			continue;
		}
		while (i + n < len && path[i + n] != '/')
			n++;
		component(r, path + i, n, out);
		i += n;
	}
}

/* ---- free text -------------------------------------------------------- */

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* "uid=1000", "UID:1000", "UID 1000", "UID: 1000": the digits' offset. */
static size_t uid_field(const char *s, size_t at)
{
	const char *p = s + at;
	size_t n = 3;

	if (strncasecmp(p, "uid", 3) || (at && word_char(s[at - 1])))
		return 0;
	if (p[n] != '=' && p[n] != ':' && p[n] != ' ')
		return 0;
	n++;
	if (p[n - 1] == ':' && p[n] == ' ')
		n++;
	return isdigit((unsigned char)p[n]) ? n : 0;
}

static size_t put_uid(struct redact *r, const char *s, struct strbuf *out)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 1 && s[0] == '0')
		strbuf_addch(out, '0');
	else
		strbuf_addstr(out, placeholder(&r->uids, s, n, "uid"));
	return n;
}

/* A known host name starting at s[at] as a whole word: its length. */
static size_t host_at(const struct redact *r, const char *s, size_t at,
		      const char **ph)
{
	if (at && isalnum((unsigned char)s[at - 1]))
		return 0;
	for (size_t i = 0; i < r->hosts.n; i++) {
		size_t n = strlen(r->hosts.keys[i]);

		if (n && !strncmp(s + at, r->hosts.keys[i], n) &&
		    !isalnum((unsigned char)s[at + n])) {
			*ph = r->hosts.vals[i];
			return n;
		}
	}
	return 0;
}

static size_t path_len(const char *s)
{
	size_t n = 0;

	while (s[n] && !strchr(" \t,;:)", s[n]))
		n++;
	return n;
}

/* "cpuset=", "oom_memcg=", "task_memcg=": their value is a cgroup path
 * even without a leading '/' (cpuset=docker-a59e....scope). */
static size_t path_key(const char *s, size_t at)
{
	static const char *const keys[] = { "cpuset=", "oom_memcg=",
					    "task_memcg=" };

	if (at && word_char(s[at - 1]))
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strncmp(s + at, keys[i], strlen(keys[i])))
			return strlen(keys[i]);
	return 0;
}

void redact_text(struct redact *r, const char *s, struct strbuf *out)
{
	for (size_t i = 0; s[i];) {
		const char *ph;
		size_t n;

		if ((n = path_key(s, i)) != 0) {
			strbuf_add(out, s + i, n);
			redact_path(r, s + i + n, path_len(s + i + n), out);
			n += path_len(s + i + n);
		} else if (s[i] == '/' && (!i || s[i - 1] == ' ')) {
			n = path_len(s + i);
			redact_path(r, s + i, n, out);
		} else if ((n = uid_field(s, i)) != 0) {
			strbuf_add(out, s + i, n);
			n += put_uid(r, s + i + n, out);
		} else if ((n = host_at(r, s, i, &ph)) != 0) {
			strbuf_addstr(out, ph);
		} else {
			strbuf_addch(out, s[i]);
			n = 1;
		}
		i += n;
	}
}

/* ---- the event -------------------------------------------------------- */

/* Replaces a NUL-terminated field of capacity cap by sb's text. */
static void rewrite(char *field, size_t cap, struct strbuf *sb)
{
	size_t n = sb->len < cap ? sb->len : cap - 1;

	memcpy(field, sb->buf, n);
	field[n] = '\0';
	strbuf_reset(sb);
}

static void path_field(struct redact *r, char *field, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;

	if (!field[0])
		return;
	redact_path(r, field, strlen(field), &sb);
	rewrite(field, cap, &sb);
	strbuf_release(&sb);
}

static void text_field(struct redact *r, char *field, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;

	redact_text(r, field, &sb);
	rewrite(field, cap, &sb);
	strbuf_release(&sb);
}

static void uid_num(struct redact *r, int64_t *uid)
{
	char buf[32];

	if (*uid == OOM_NA || *uid == 0)
		return;
	snprintf(buf, sizeof(buf), "%lld", (long long)*uid);
	placeholder(&r->uids, buf, strlen(buf), "uid");
	*uid = OOM_NA;
}

static void uids(struct redact *r, struct oom_event *ev)
{
	uid_num(r, &ev->victim.uid);
	uid_num(r, &ev->select.uid);
	uid_num(r, &ev->constraint.uid);
	for (int i = 0; i < ev->n_victims; i++)
		uid_num(r, &ev->victims[i].uid);
	for (size_t i = 0; i < ev->n_tasks; i++)
		uid_num(r, &ev->tasks[i].uid);
}

const char *redact_name(struct redact *r, const char *name)
{
	const char *v = map_find(&r->inputs, name, strlen(name));
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	if (v)
		return v;
	for (size_t i = 0; name[i];) {
		const char *ph;
		size_t n = host_at(r, name, i, &ph);

		if (n)
			strbuf_addstr(&sb, ph);
		else
			strbuf_addch(&sb, name[i]);
		i += n ? n : 1;
	}
	return map_add(&r->inputs, name, strlen(name), strbuf_detach(&sb, &len));
}

void redact_event(struct redact *r, struct oom_event *ev)
{
	struct oom_constraint_info *c = &ev->constraint;

	if (ev->has_host && ev->host[0]) {
		const char *h = placeholder(&r->hosts, ev->host,
					    strlen(ev->host), "host");

		snprintf(ev->host, sizeof(ev->host), "%s", h);
	}
	path_field(r, c->cpuset, sizeof(c->cpuset));
	path_field(r, c->oom_memcg, sizeof(c->oom_memcg));
	path_field(r, c->task_memcg, sizeof(c->task_memcg));
	path_field(r, ev->memcg.path, sizeof(ev->memcg.path));
	uids(r, ev);
	for (int i = 0; i < ev->n_evidence; i++)
		text_field(r, ev->evidence[i].text, sizeof(ev->evidence[i].text));
	for (int i = 0; i < ev->n_notes; i++)
		text_field(r, ev->notes[i].text, sizeof(ev->notes[i].text));
	if (ev->input)
		ev->input = redact_name(r, ev->input);
}
