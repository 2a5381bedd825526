/*
 * oomgen: a deterministic generator of realistic kernel/syslog logs for the
 * benchmarks.  Same arguments, same bytes.
 *
 *   oomgen -o FILE -s SIZE_MB [-e EVENTS] [-H HOSTS] [-S syslog|dmesg|journal]
 *          [-r SEED] [-m MODE] REPORT.log...
 *
 * Noise lines imitate a busy server: daemons (sshd, cron, systemd, postfix,
 * nginx), kernel chatter (audit, EXT4, TCP, USB), and user-space lines that
 * mention memory, "killed" and even "oom-killer" (which must not become
 * events).  The REPORT files are real OOM reports (fixtures); their message
 * text (prefix removed) is re-prefixed with this log's host, time and style
 * and embedded EVENTS times at evenly spread positions.
 *
 * Modes: "noise" (default) as above; "dense" writes reports only, on many
 * hosts, round robin; "bigtable" writes one report whose task table is
 * repeated (with fresh pids) to about SIZE_MB.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct report {
	char **lines;
	size_t n;
};

struct gen {
	FILE *out;
	uint64_t rng;
	uint64_t bytes;
	uint64_t t;          /* seconds since the log started */
	double uptime;
	const char *style;
	int hosts;
	struct report *reports;
	int n_reports;
};

static uint64_t rnd(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

static const char *const noise[] = {
	"sshd[%u]: Accepted publickey for deploy from 10.0.%u.%u port %u ssh2",
	"sshd[%u]: pam_unix(sshd:session): session closed for user deploy",
	"CRON[%u]: (root) CMD (run-parts /etc/cron.hourly)",
	"systemd[1]: Started Session %u of user deploy.",
	"systemd[1]: logrotate.service: Succeeded.",
	"postfix/smtpd[%u]: connect from unknown[10.1.%u.%u]",
	"nginx[%u]: 10.2.%u.%u - - \"GET /api/v1/items HTTP/1.1\" 200 %u",
	"kernel: [%u.%06u] audit: type=1400 audit(%u.123:%u): apparmor=\"ALLOWED\"",
	"kernel: [%u.%06u] EXT4-fs (sda1): re-mounted. Opts: errors=remount-ro",
	"kernel: [%u.%06u] TCP: request_sock_TCP: Possible SYN flooding on port %u.",
	"kernel: [%u.%06u] usb 1-1: new high-speed USB device number %u using ehci",
	"myapp[%u]: warning: memory usage high (%u MB), the oom-killer may run",
	"myapp[%u]: worker %u killed by signal 9, restarting",
	"java[%u]: GC overhead: heap %u MB of %u MB, Killed slow request",
	"redis[%u]: Can't save in background: fork: Cannot allocate memory",
	"dockerd[%u]: time=\"2026-11-21\" level=info msg=\"memory limit %u MB\"",
	"kernel: [%u.%06u] IPv6: ADDRCONF(NETDEV_CHANGE): eth%u: link becomes ready",
};

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Writes the prefix of one line of host h; returns its length. */
static void prefix(struct gen *g, int h, const char *tag)
{
	uint64_t t = g->t;
	unsigned s = (unsigned)(t % 60), m = (unsigned)(t / 60 % 60);
	unsigned hr = (unsigned)(t / 3600 % 24), d = (unsigned)(t / 86400 % 28);

	if (!strcmp(g->style, "dmesg")) {
		g->bytes += (uint64_t)fprintf(g->out, "[%12.6f] ", g->uptime);
		return;
	}
	if (!strcmp(g->style, "journal"))
		g->bytes += (uint64_t)fprintf(g->out,
			"2026-11-%02uT%02u:%02u:%02u+0000 host%02d %s", d + 1, hr,
			m, s, h, tag);
	else
		g->bytes += (uint64_t)fprintf(g->out, "%s %2u %02u:%02u:%02u host%02d %s",
			months[10], d + 1, hr, m, s, h, tag);
}

static void noise_line(struct gen *g)
{
	const char *fmt = noise[rnd(g) % (sizeof(noise) / sizeof(noise[0]))];
	unsigned a = (unsigned)(rnd(g) % 65536), b = (unsigned)(rnd(g) % 256);
	unsigned c = (unsigned)(rnd(g) % 256), d = (unsigned)(rnd(g) % 60000);
	int h = (int)(rnd(g) % (uint64_t)g->hosts);
	bool is_kernel = !strncmp(fmt, "kernel: ", 8);

	if (!strcmp(g->style, "dmesg") && !is_kernel)
		return;  /* dmesg has kernel lines only */
	prefix(g, h, "");
	if (!strcmp(g->style, "dmesg") && is_kernel)
		fmt = strchr(fmt, ']') + 2;
	g->bytes += (uint64_t)fprintf(g->out, fmt, a, b, c, d);
	fputc('\n', g->out);
	g->bytes++;
}

/* Message text of a fixture line: everything after the kernel prefix. */
static const char *msg_of(const char *line)
{
	const char *k = strstr(line, "kernel: ");

	if (k)
		line = k + 8;
	if (line[0] == '[') {
		const char *e = strchr(line, ']');

		/* "[ 1234.567890] " is an uptime; "[ 4492]" is a task row */
		if (e && memchr(line, '.', (size_t)(e - line)))
			line = e[1] == ' ' ? e + 2 : e + 1;
	}
	return line;
}

static void report_lines(struct gen *g, const struct report *r, int h)
{
	for (size_t i = 0; i < r->n; i++) {
		prefix(g, h, !strcmp(g->style, "dmesg") ? "" : "kernel: ");
		g->bytes += (uint64_t)fprintf(g->out, "%s\n", msg_of(r->lines[i]));
		g->uptime += 0.000013;
	}
	/* what systemd logs after a kill in one of its units */
	if (strcmp(g->style, "dmesg")) {
		prefix(g, h, "systemd[1]: ");
		g->bytes += (uint64_t)fprintf(g->out, "app@%u.service: A process "
			"of this unit has been killed by the OOM killer.\n",
			(unsigned)(rnd(g) % 100));
	}
}

static int load(struct report *r, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		r->lines = realloc(r->lines, (r->n + 1) * sizeof(*r->lines));
		r->lines[r->n++] = strdup(line);
	}
	free(line);
	fclose(f);
	return 0;
}

static bool is_row(const char *m)
{
	size_t i = 1, digits = 0;

	if (m[0] != '[')
		return false;
	for (; m[i] == ' ' || isdigit((unsigned char)m[i]); i++)
		digits += m[i] != ' ';
	return m[i] == ']' && digits > 0;
}

/* "bigtable": one report whose task rows are repeated with new pids. */
static void bigtable(struct gen *g, uint64_t target)
{
	const struct report *r = &g->reports[0];
	size_t first = 0, last = 0;
	unsigned pid = 100000;

	for (size_t i = 0; i < r->n; i++) {
		const char *m = msg_of(r->lines[i]);

		if (is_row(m)) {
			if (!first)
				first = i;
			last = i;
		}
	}
	for (size_t i = 0; i < first; i++)
		report_lines(g, &(struct report){ &r->lines[i], 1 }, 0);
	while (g->bytes < target) {
		for (size_t i = first; i <= last && g->bytes < target; i++) {
			const char *m = strchr(msg_of(r->lines[i]), ']');

			prefix(g, 0, "kernel: ");
			g->bytes += (uint64_t)fprintf(g->out, "[%7u]%s\n", pid++,
						      m ? m + 1 : "");
		}
	}
	for (size_t i = last + 1; i < r->n; i++)
		report_lines(g, &(struct report){ &r->lines[i], 1 }, 0);
}

int main(int argc, char **argv)
{
	struct gen g = { .rng = 42, .style = "syslog", .hosts = 4 };
	const char *out = NULL, *mode = "noise";
	uint64_t size = 100, events = 100, placed = 0;
	int c;

	while ((c = getopt(argc, argv, "o:s:e:H:S:r:m:")) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 's': size = strtoull(optarg, NULL, 10); break;
		case 'e': events = strtoull(optarg, NULL, 10); break;
		case 'H': g.hosts = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'S': g.style = optarg; break;
		case 'r': g.rng = strtoull(optarg, NULL, 10) | 1; break;
		case 'm': mode = optarg; break;
		default: return 2;
		}
	}
	if (!out || optind >= argc) {
		fprintf(stderr, "usage: oomgen -o FILE -s MB [-e N] [-H N] "
			"[-S style] [-r seed] [-m mode] REPORT.log...\n");
		return 2;
	}
	g.n_reports = argc - optind;
	g.reports = calloc((size_t)g.n_reports, sizeof(*g.reports));
	for (int i = 0; i < g.n_reports; i++)
		if (load(&g.reports[i], argv[optind + i])) {
			fprintf(stderr, "oomgen: cannot read '%s': %s\n",
				argv[optind + i], strerror(errno));
			return 1;
		}
	g.out = fopen(out, "w");
	if (!g.out)
		return 1;
	size <<= 20;
	if (!strcmp(mode, "bigtable")) {
		bigtable(&g, size);
	} else if (!strcmp(mode, "dense")) {
		for (uint64_t i = 0; g.bytes < size; i++, g.t += 7)
			report_lines(&g, &g.reports[i % (uint64_t)g.n_reports],
				     (int)(i % (uint64_t)g.hosts));
	} else {
		while (g.bytes < size) {
			if (placed < events && g.bytes >= size / events * placed) {
				report_lines(&g, &g.reports[placed % (uint64_t)g.n_reports],
					     (int)(placed % (uint64_t)g.hosts));
				placed++;
			}
			noise_line(&g);
			if (rnd(&g) % 4 == 0)
				g.t++;
			g.uptime += 0.25;
		}
	}
	return fclose(g.out) ? 1 : 0;
}
