/*
 * The one size formatter (units.h): every renderer and every analysis
 * message that shows a size in human units goes through units_size(), so a
 * report never says "4 KiB" on one line and "4 kB" on the next.
 */
#include "units.h"

#include <inttypes.h>
#include <stdio.h>

#include "oomscope/event.h"
#include "banned.h"

const char *units_size(char *buf, size_t cap, int64_t kb)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
	double v = (double)kb;
	int u = 0;

	if (kb == OOM_NA) {
		snprintf(buf, cap, "?");
		return buf;
	}
	while ((v >= 1024 || v <= -1024) && u < 4) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, cap, "%" PRId64 " KiB", kb);
	else
		snprintf(buf, cap, "%.1f %s", v, unit[u]);
	return buf;
}
