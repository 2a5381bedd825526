/*
 * --follow: one input read to its end and then watched, like tail -F.
 *
 * The loop is read, then wait.  Reading takes what is there now (a pipe or
 * /dev/kmsg only after poll() said so, so a read never blocks; a regular
 * file until read() returns 0).  Waiting is a poll() on a signalfd for
 * SIGINT/SIGTERM, plus the input itself when it can be polled (pipes,
 * /dev/kmsg); a regular file is looked at every FOLLOW_POLL_MS, and checked
 * for truncation (read again from the start) and replacement (reopened).
 * The timeout of the wait is cut to the idle deadline while an event is
 * open, so a report that just ended is delivered idle_ms after its last
 * line instead of when the next report starts.
 *
 * No global state: the signals are blocked for the duration and read from
 * the signalfd, and the old mask is restored before returning.
 */
#include "oomscope/follow.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "banned.h"

struct follower {
	struct pipeline *p;
	const char *path, *name;
	int fd, sigfd;
	bool regular, is_stdin;
	int idle_ms;
	int64_t last_ms;           /* when the last byte arrived */
	off_t offset;              /* bytes read from the current file */
	sigset_t old_mask;
	struct input inp;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int year_now(time_t t)
{
	struct tm tm;

	return gmtime_r(&t, &tm) ? tm.tm_year + 1900 : 1970;
}

static int open_input(struct follower *f, int *year)
{
	struct stat st;
	bool kmsg = !strcmp(f->path, "/dev/kmsg");

	f->is_stdin = !strcmp(f->path, "-");
	f->name = f->is_stdin ? "<stdin>" : f->path;
	f->fd = input_open(f->path, kmsg ? O_NONBLOCK : 0, &st);
	if (f->fd < 0)
		return oom_error_errno("cannot open '%s'", f->name);
	f->regular = S_ISREG(st.st_mode);
	*year = year_now(f->regular ? st.st_mtime : time(NULL));
	return 0;
}

static int block_signals(struct follower *f)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, &f->old_mask) < 0)
		return oom_error_errno("cannot block signals");
	f->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (f->sigfd < 0) {
		sigprocmask(SIG_SETMASK, &f->old_mask, NULL);
		return oom_error_errno("cannot create a signalfd");
	}
	return 0;
}

static bool signalled(const struct follower *f)
{
	struct signalfd_siginfo si;

	return read(f->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si);
}

/* A pipe is read only when poll() says a read will not block. */
static bool ready(const struct follower *f)
{
	struct pollfd pfd = { .fd = f->fd, .events = POLLIN };

	return f->regular || poll(&pfd, 1, 0) > 0;
}

/* 1: bytes fed; 0: nothing now; 2: end of a pipe; -1: read error. */
static int read_some(struct follower *f)
{
	char buf[65536];
	ssize_t n;

	if (!ready(f))
		return 0;
	n = read(f->fd, buf, sizeof(buf));
	if (n > 0) {
		input_feed(&f->inp, buf, (size_t)n);
		f->offset += n;
		f->last_ms = now_ms();
		return 1;
	}
	if (n == 0)
		return f->regular ? 0 : 2;
	if (errno == EINTR || errno == EPIPE)
		return 1;  /* EPIPE: /dev/kmsg records were overwritten */
	if (errno == EAGAIN)
		return 0;
	return oom_error_errno("cannot read '%s'", f->name);
}

/* A log rotated away (new file, same name) or truncated in place. */
static void check_rotation(struct follower *f)
{
	struct stat cur, named;
	int fd;

	if (f->is_stdin || fstat(f->fd, &cur) < 0)
		return;
	if (cur.st_size < f->offset) {
		input_finish(&f->inp);
		f->offset = lseek(f->fd, 0, SEEK_SET) == 0 ? 0 : f->offset;
		return;
	}
	if (stat(f->path, &named) < 0 ||
	    (named.st_ino == cur.st_ino && named.st_dev == cur.st_dev))
		return;
	fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;  /* not there yet: keep the old one, look again later */
	input_finish(&f->inp);
	close(f->fd);
	f->fd = fd;
	f->offset = 0;
}

/* Waits for bytes, a signal or the idle deadline; true on a signal. */
static bool wait_more(struct follower *f)
{
	struct pollfd pfd[2] = {
		{ .fd = f->sigfd, .events = POLLIN },
		{ .fd = f->fd, .events = POLLIN },
	};
	int timeout = f->regular ? FOLLOW_POLL_MS : -1;

	if (pipeline_busy(f->p)) {
		int64_t left = f->last_ms + f->idle_ms - now_ms();

		if (left <= 0)
			pipeline_flush(f->p);
		else if (timeout < 0 || left < timeout)
			timeout = (int)left;
	}
	if (poll(pfd, f->regular ? 1 : 2, timeout) < 0 && errno != EINTR)
		return false;
	return (pfd[0].revents & POLLIN) && signalled(f);
}

static int follow_loop(struct follower *f)
{
	for (;;) {
		int r = signalled(f) ? 2 : read_some(f);

		if (r == 1)
			continue;
		if (r != 0)
			return r < 0 ? -1 : 0;
		if (f->regular)
			check_rotation(f);
		if (wait_more(f))
			return 0;
	}
}

int follow_run(struct pipeline *p, const char *path, int idle_ms)
{
	struct follower f;
	int year = 1970, rc;

	memset(&f, 0, sizeof(f));
	f.p = p;
	f.path = path;
	f.idle_ms = idle_ms;
	if (open_input(&f, &year))
		return -1;
	if (block_signals(&f)) {
		input_close(f.path, f.fd);
		return -1;
	}
	f.last_ms = now_ms();
	pipeline_begin(p, f.name, year, &f.inp);
	rc = follow_loop(&f);
	pipeline_end(p, &f.inp);
	if (rc)
		p->inputs[p->n_inputs - 1].failed = true;
	close(f.sigfd);
	sigprocmask(SIG_SETMASK, &f.old_mask, NULL);
	input_close(f.path, f.fd);
	return rc;
}
