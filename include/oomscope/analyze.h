#ifndef OOMSCOPE_ANALYZE_H
#define OOMSCOPE_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomscope/event.h"
#include "oomscope/gfp.h"

/*
 * Stage 4: one reconstructed event -> what a kernel engineer would say about
 * it.  Reads only struct oom_event (never raw lines); fills struct
 * oom_analysis, which the renderers print.  No heap memory.
 */

#define OOM_MAX_GFP_NAMES 24
#define OOM_MAX_FINDINGS 24
#define OOM_MAX_GROUPS 8

enum culprit_kind {
	CULPRIT_UNKNOWN = 0,
	CULPRIT_PROCESS,
	CULPRIT_PROCESS_GROUP,
	CULPRIT_SHMEM,
	CULPRIT_SLAB,
	CULPRIT_HUGETLB,
	CULPRIT_KERNEL,
	CULPRIT_NONE,
};

enum finding_severity {
	FINDING_INFO = 0,
	FINDING_WARNING,
	FINDING_CRITICAL,
};

struct oom_culprit {
	enum culprit_kind kind;
	char name[OOM_NAME_MAX];  /* process or group name, "" otherwise */
	int64_t pid;              /* OOM_NA for groups and non-process kinds */
	int64_t held_kb;          /* memory attributed to it, OOM_NA unknown */
	int64_t share_permille;   /* of RAM (global) or of the limit (memcg) */
	int members;              /* tasks in a process_group */
	bool is_invoker, is_victim;
	char reason[400];
};

struct oom_finding {
	const char *code;         /* stable code: "zone_below_min", ... */
	enum finding_severity severity;
	char message[400];
	char advice[240];         /* "" when the evidence supports none */
};

struct oom_analysis {
	bool analyzed;

	/* the request */
	int gfp_era;
	bool gfp_era_assumed;     /* no kernel version: newest era assumed */
	size_t n_gfp_names;
	const char *gfp_names[OOM_MAX_GFP_NAMES];
	bool gfp_mismatch;        /* printed flags disagree with the hex */
	struct gfp_info gfp;
	int64_t request_kb;       /* 2^order pages, OOM_NA when unknown */

	struct oom_culprit culprit;
	int n_findings;
	struct oom_finding findings[OOM_MAX_FINDINGS];
};

/* analyze_event: fills *an from *ev; never fails. */
void analyze_event(const struct oom_event *ev, struct oom_analysis *an);

const char *analyze_culprit_kind_name(enum culprit_kind kind);
const char *analyze_severity_name(enum finding_severity sev);

#endif
