#ifndef OOMSCOPE_ESCAPE_H
#define OOMSCOPE_ESCAPE_H

#include <stddef.h>

#include "oomscope/strbuf.h"

/*
 * Output escaping of log bytes.  Process names, cgroup paths and host names
 * are chosen by whoever ran the process or wrote the log: none of them
 * reaches the terminal, the JSON, the Markdown or the metrics raw.
 */

/* Valid UTF-8 out: each byte of an invalid sequence becomes U+FFFD. */
void escape_utf8(struct strbuf *sb, const char *p, size_t n);
/*
 * Terminal-safe: control bytes (C0, DEL), C1 controls, backslash and
 * invalid UTF-8 become \xNN (backslash becomes \\); valid printable UTF-8
 * is kept.
 */
void escape_terminal(struct strbuf *sb, const char *p, size_t n);
/*
 * Markdown-safe inline text for tables and prose: terminal escaping (which
 * already doubles a backslash) plus backslash escapes for | ` * _ [ ] ( ) #
 * ! ~ and entities for < > &, so a name cannot break a table, open a link
 * or inject HTML.
 */
void escape_markdown(struct strbuf *sb, const char *p, size_t n);
/*
 * A Prometheus label value (text format 0.0.4): valid UTF-8 (invalid bytes
 * become U+FFFD, as escape_utf8) with backslash, double quote and line feed
 * escaped as \\, \" and \n, the only escapes the format has.
 */
void escape_prom(struct strbuf *sb, const char *p, size_t n);

#endif
