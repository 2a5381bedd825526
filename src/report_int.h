#ifndef OOMSCOPE_REPORT_INT_H
#define OOMSCOPE_REPORT_INT_H

#include "oomscope/report.h"

/* The renderers behind report.c's dispatch (one file each). */
void report_json_begin(struct report *r);
void report_json_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id);
void report_json_end(struct report *r, const struct pipeline *p);

void report_text_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id);
void report_text_end(struct report *r, const struct pipeline *p);

void report_md_begin(struct report *r);
void report_md_event(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an, uint64_t id);
void report_md_end(struct report *r, const struct pipeline *p);

/* Shared helpers: ISO 8601 time of an event ("" when unknown). */
void report_iso_time(const struct oom_event *ev, char *buf, size_t cap);

#endif
