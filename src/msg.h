#ifndef OOMSCOPE_MSG_H
#define OOMSCOPE_MSG_H

/*
 * Diagnostics on stderr in git's style: "oomscope: cannot open 'x': reason".
 * Lower case, no full stop, the subject in single quotes.  The _errno forms
 * append ": " and strerror() of the errno they were called with, as git's
 * error_errno() and die_errno() do, so no call site formats errno itself.
 */
void oom_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void oom_warn_errno(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* oom_error: prints like oom_warn and returns -1, for "return oom_error(...)". */
int oom_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int oom_error_errno(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void oom_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/*
 * oom_die_nomem: the one "out of memory" exit (status 1), for the
 * allocators (xalloc.c) and for a library constructor that returns NULL.
 */
void oom_die_nomem(void) __attribute__((noreturn));

/*
 * msg_capture: the calling thread's messages go to `sb` instead of stderr
 * until msg_capture(NULL), so a helper thread's diagnostics can be printed
 * by the main thread where they belong in the output (input.c's reader).
 */
struct strbuf;
void msg_capture(struct strbuf *sb);

#endif
