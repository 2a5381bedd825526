#ifndef OOMSCOPE_XALLOC_H
#define OOMSCOPE_XALLOC_H

#include <stddef.h>

/*
 * Allocation that cannot fail: on exhaustion (or a size overflow) print
 * "oomscope: out of memory" and exit(1).  Callers never check for NULL.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* xreallocarray: ptr resized to nmemb * size bytes, overflow checked. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xmemdupz(const void *p, size_t len);

#endif
