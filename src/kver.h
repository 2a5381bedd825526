#ifndef OOMSCOPE_KVER_H
#define OOMSCOPE_KVER_H

/*
 * Kernel releases as the reports print them ("Not tainted
 * 4.18.0-305.el8.x86_64 #1", "Linux version 6.18.0-rc3 ..."): parsed
 * once, compared by one numeric code.
 */

/* The code of MAJ.MIN.PATCH; a PATCH of 99 stands for "every patch". */
#define KVER(maj, min, patch) ((maj) * 10000 + (min) * 100 + (patch))
/* The highest code any release has: an open upper bound. */
#define KVER_MAX 999999

struct kver {
	int maj, min, patch;    /* patch 0 when the release has none */
	int el;                 /* RHEL ".elN" release: 6, 7, 8, ...; 0 */
};

/*
 * kver_parse: "MAJ.MIN[.PATCH]" followed by the end or by anything but a
 * letter or digit ("-305.el8.x86_64", "-rc3", "+"), MAJ and MIN below
 * 100.  Returns 0 and fills *k, or -1 (s NULL, garbage, "6", "6.18abc")
 * and leaves *k alone.
 */
int kver_parse(const char *s, struct kver *k);
/* k as KVER(), its patch capped at 99 (the "every patch" bound). */
int kver_code(const struct kver *k);
/* <0, 0 or >0 as a is older than, the same as or newer than b. */
int kver_cmp(const struct kver *a, const struct kver *b);

#endif
