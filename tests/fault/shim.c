/*
 * Fault injection for tests/fault/fault.sh, loaded with LD_PRELOAD (test
 * tool, never linked into oomscope).
 *
 * OOMSCOPE_FAULT_FSTAT=PATH: fstat() on a descriptor open on PATH fails
 * with EIO, so the code that follows a failed fstat() is reached.  The
 * buffer, whose contents are unspecified after a failure, is filled with
 * a directory's mode: code that reads it anyway says "Is a directory".
 *
 * OOMSCOPE_FAULT_FDS=1: at exit, every descriptor open then that was not
 * open at start is reported on stderr ("fault: descriptor N left open"),
 * so a descriptor the program forgot to close is seen, descriptor 0
 * included when the program started with standard input closed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WATCHED 64

static bool open_at_start[WATCHED];

static bool is_faulty(int fd)
{
	const char *want = getenv("OOMSCOPE_FAULT_FSTAT");
	char link[64], target[PATH_MAX];
	ssize_t n;

	if (!want || !*want)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return !strcmp(target, want);
}

static bool inject(int fd, void *st, size_t size, mode_t *mode)
{
	if (!is_faulty(fd))
		return false;
	memset(st, 0, size);
	*mode = S_IFDIR | 0755;
	errno = EIO;
	return true;
}

typedef int (*fstat_fn)(int, struct stat *);

int fstat(int fd, struct stat *st)
{
	static fstat_fn real;

	if (inject(fd, st, sizeof(*st), &st->st_mode))
		return -1;
	if (!real)
		real = (fstat_fn)(uintptr_t)dlsym(RTLD_NEXT, "fstat");
	return real(fd, st);
}

int fstat64(int fd, struct stat64 *st)
{
	typedef int (*fstat64_fn)(int, struct stat64 *);
	static fstat64_fn real;

	if (inject(fd, st, sizeof(*st), &st->st_mode))
		return -1;
	if (!real)
		real = (fstat64_fn)(uintptr_t)dlsym(RTLD_NEXT, "fstat64");
	return real(fd, st);
}

__attribute__((constructor)) static void note_open(void)
{
	for (int fd = 0; fd < WATCHED; fd++)
		open_at_start[fd] = fcntl(fd, F_GETFD) != -1;
}

__attribute__((destructor)) static void report_left_open(void)
{
	const char *on = getenv("OOMSCOPE_FAULT_FDS");

	if (!on || strcmp(on, "1"))
		return;
	for (int fd = 0; fd < WATCHED; fd++)
		if (!open_at_start[fd] && fcntl(fd, F_GETFD) != -1)
			fprintf(stderr, "fault: descriptor %d left open\n", fd);
}
