/*
 * Allocation wrappers.  Yes, an OOM analyzer that runs out of memory simply
 * exits: every growable structure in oomscope has a cap, so reaching this
 * means the machine itself is out of memory, and there is nothing useful to
 * recover.
 */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "banned.h"

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		oom_die_nomem();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (!nmemb || !size)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (!p)
		oom_die_nomem();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		oom_die_nomem();
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		oom_die_nomem();
	return xrealloc(ptr, nmemb * size);
}

char *xmemdupz(const void *p, size_t len)
{
	char *s = xmalloc(len + 1);

	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

char *xstrdup(const char *s)
{
	return xmemdupz(s, strlen(s));
}
