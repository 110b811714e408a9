// SPDX-License-Identifier: GPL-2.0-or-later
/* Physical addresses through /dev/mem, and iomap(7) minor numbers (-m). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "minor.h"
#include "region.h"

static bool devmem_selected(const struct region_spec *s)
{
	return s->minor_set;
}

static int devmem_resolve(const struct region_spec *s, struct region *r,
			  struct error *e)
{
	const char *why;

	region_mem_path(s, r->path, sizeof(r->path));
	r->flags = REGION_PHYS | REGION_DEVMEM;
	if (!s->minor_set) {
		snprintf(r->name, sizeof(r->name), "%s", r->path);
		r->size = UINT64_MAX;
		return 0;
	}
	why = minor_decode(s->minor, s->minor_format, &r->phys, &r->size);
	if (why)
		return error_set(e, EXIT_USAGE, "-m 0x%06" PRIx64
				 ": not a valid %s minor number: %s", s->minor,
				 minor_format_name(s->minor_format), why);
	snprintf(r->name, sizeof(r->name), "minor 0x%06" PRIx64
		 " (0x%08" PRIx64 "-0x%08" PRIx64 ")", s->minor, r->phys,
		 r->phys + r->size - 1);
	r->file_offset = r->phys;
	return 0;
}

const struct region_backend region_devmem = {
	.name = "/dev/mem",
	.options = "-m",
	.selected = devmem_selected,
	.resolve = devmem_resolve,
};
