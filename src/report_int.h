#ifndef OOMSCOPE_REPORT_INT_H
#define OOMSCOPE_REPORT_INT_H

#include "oomscope/incident.h"
#include "oomscope/report.h"

/*
 * The renderers behind report.c's dispatch (one file each).  Their end
 * part renders the incident (incident.h) report_end() built once for all.
 */
void report_json_begin(struct report *r);
void report_json_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id);
void report_json_end(struct report *r, const struct pipeline *p,
		     const struct incident *inc);

void report_text_event(struct report *r, const struct oom_event *ev,
		       const struct oom_analysis *an, uint64_t id);
void report_text_end(struct report *r, const struct pipeline *p,
		     const struct incident *inc);

void report_md_begin(struct report *r);
void report_md_event(struct report *r, const struct oom_event *ev,
		     const struct oom_analysis *an, uint64_t id);
void report_md_end(struct report *r, const struct pipeline *p,
		   const struct incident *inc);

/* Prometheus text format: the counters of r's rows and p's inputs. */
void report_prom_end(struct report *r, const struct pipeline *p);

/* Shared helpers: ISO 8601 time of an event ("" when unknown). */
void report_iso_time(const struct oom_event *ev, char *buf, size_t cap);

#endif
