/*
 * Tests of follow.c: a report written into a pipe or appended to a file is
 * delivered once the input has been quiet for the idle time, before the
 * input ends; SIGTERM ends the run normally.  A child process plays the
 * writer.  The report is lines 1-121 of fixtures/global-oom-syslog-
 * centos6-codis.log (the trigger to the kill line: after it the state
 * machine waits for a reaper line, so only the idle timeout can close it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "oomscope/follow.h"

#define IDLE_MS 300

struct seen {
	int n;
	int64_t at_ms;             /* when the first event arrived */
	char victim[64];
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_event(void *ctx, struct oom_event *ev)
{
	struct seen *s = ctx;

	if (s->n++ == 0) {
		s->at_ms = now_ms();
		snprintf(s->victim, sizeof(s->victim), "%s", ev->victim.name);
	}
}

/* Lines 1-121 of the codis fixture; the caller frees. */
static char *report_lines(size_t *len)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	char path[4096], line[8192];
	size_t cap = 1 << 20;
	char *buf = malloc(cap);
	FILE *f;

	snprintf(path, sizeof(path), "%s/global-oom-syslog-centos6-codis.log",
		 dir ? dir : "fixtures");
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(buf);
	*len = 0;
	for (int i = 0; i < 121 && fgets(line, sizeof(line), f); i++) {
		size_t n = strlen(line);

		assert_true(*len + n < cap);
		memcpy(buf + *len, line, n);
		*len += n;
	}
	fclose(f);
	assert_non_null(strstr(buf, "Killed process 4492"));
	return buf;
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n <= 0)
			_exit(1);
		buf += n;
		len -= (size_t)n;
	}
}

static void test_follow_pipe_delivers_on_idle(void **state)
{
	struct seen s = { 0 };
	struct pipeline p;
	size_t len;
	char *log = report_lines(&len), path[64];
	int fds[2];
	int64_t start;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		write_all(fds[1], log, len);
		usleep(1500 * 1000);   /* quiet, but not closed */
		_exit(0);
	}
	close(fds[1]);
	start = now_ms();
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	pipeline_init(&p, 2026, 0, on_event, &s);
	assert_int_equal(follow_run(&p, path, IDLE_MS), 0);
	/* the run ended when the writer closed the pipe, >= 1.5 s */
	assert_true(now_ms() - start >= 1400);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.victim, "codis-server");
	/* delivered after the idle time, long before the end of the pipe */
	assert_true(s.at_ms - start >= IDLE_MS - 50);
	assert_true(s.at_ms - start < 1200);
	waitpid(pid, NULL, 0);
	close(fds[0]);
	pipeline_release(&p);
	free(log);
}

static void test_follow_file_grows_then_sigterm(void **state)
{
	char path[] = "/tmp/oomscope-follow-XXXXXX";
	struct seen s = { 0 };
	struct pipeline p;
	sigset_t term, old;
	size_t len;
	char *log = report_lines(&len);
	int fd = mkstemp(path);
	int64_t start;
	pid_t pid;

	(void)state;
	assert_true(fd >= 0);
	/* blocked before the fork, so an early signal cannot kill the test */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(300 * 1000);
		write_all(fd, log, len);     /* appended while followed */
		usleep(1500 * 1000);
		kill(getppid(), SIGTERM);
		_exit(0);
	}
	close(fd);
	start = now_ms();
	pipeline_init(&p, 2026, 0, on_event, &s);
	assert_int_equal(follow_run(&p, path, IDLE_MS), 0);
	assert_true(now_ms() - start >= 1700);  /* ended by the signal */
	assert_int_equal(s.n, 1);
	assert_true(s.at_ms - start < 1600);    /* before the signal */
	assert_int_equal(p.inputs[0].stats.lines, 121);
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	unlink(path);
	pipeline_release(&p);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_follow_pipe_delivers_on_idle),
		cmocka_unit_test(test_follow_file_grows_then_sigterm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
