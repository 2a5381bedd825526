#ifndef OOMSCOPE_UNITS_H
#define OOMSCOPE_UNITS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sizes for people, one convention for every report: IEC binary units,
 * KiB, MiB, GiB, TiB and PiB, each 1024 of the one before.  The kernel's
 * "kB" is 1024 bytes (show_mem(), meminfo), so a value the log gives in kB
 * is the same number of KiB; the JSON keeps the exact integers in kB
 * (fields ending in _kb).  man/oomscope.1 states the convention.
 */

#define UNITS_SIZE_MAX 32  /* "-1023.9 PiB" and room to spare */

/*
 * units_size: kb (OOM_NA allowed) as "512 KiB", "54.8 MiB", "16.9 GiB"
 * (one decimal above KiB), "?" when unknown, written to buf (cap bytes,
 * truncated, NUL-terminated).  Returns buf.
 */
const char *units_size(char *buf, size_t cap, int64_t kb);

#endif
