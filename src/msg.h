#ifndef OOMSCOPE_MSG_H
#define OOMSCOPE_MSG_H

/*
 * Diagnostics on stderr in git's style: "oomscope: cannot open 'x': reason".
 * Lower case, no full stop, the subject in single quotes.
 */
void oom_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* oom_error: prints like oom_warn and returns -1, for "return oom_error(...)". */
int oom_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void oom_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif
