/*
 * Diagnostics.  Every message goes to stderr with the fixed program name
 * "oomscope" (never argv[0], so golden stderr does not depend on the path).
 */
#include "msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/strbuf.h"
#include "banned.h"

static _Thread_local struct strbuf *capture;

void msg_capture(struct strbuf *sb)
{
	capture = sb;
}

static void vmsg(int err, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* err: an errno value to append as ": reason", or 0 for none. */
static void vmsg(int err, const char *fmt, va_list ap)
{
	if (capture) {
		char text[1024];

		vsnprintf(text, sizeof(text), fmt, ap);
		strbuf_addf(capture, "oomscope: %s%s%s\n", text,
			    err ? ": " : "", err ? strerror(err) : "");
		return;
	}
	fputs("oomscope: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void oom_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
}

/* errno is read first (vfprintf may change it) and left as it was. */
static void vmsg_errno(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void vmsg_errno(const char *fmt, va_list ap)
{
	int err = errno;

	vmsg(err ? err : EIO, fmt, ap);
	errno = err;
}

void oom_warn_errno(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_errno(fmt, ap);
	va_end(ap);
}

int oom_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	return -1;
}

int oom_error_errno(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_errno(fmt, ap);
	va_end(ap);
	return -1;
}

void oom_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	exit(1);
}

void oom_die_nomem(void)
{
	fputs("oomscope: out of memory\n", stderr);
	exit(1);
}
