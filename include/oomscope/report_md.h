#ifndef OOMSCOPE_REPORT_MD_H
#define OOMSCOPE_REPORT_MD_H

#include <stdio.h>

#include "oomscope/report.h"

/*
 * The Markdown report's head: the title line and the summary table of every
 * event reported (from r->rows), which a ticket wants first but which is
 * known only at the end.  The renderer behind report_event() writes the
 * per-event sections (the body); a caller that wants the head first writes
 * the body to memory and, after report_end(), writes report_md_head() and
 * then the body (cli.c does).
 */
void report_md_head(const struct report *r, FILE *out);

#endif
