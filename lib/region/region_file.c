// SPDX-License-Identifier: GPL-2.0-or-later
/* -f PATH: any mappable file (a resourceN, /dev/uioN, a saved BAR image). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "caller.h"
#include "region.h"

static bool file_selected(const struct region_spec *s)
{
	return s->file != NULL;
}

static int resolve_as_caller(const struct region_spec *s, struct region *r,
			     struct error *e)
{
	struct stat st;

	/* A missing input file is bad usage, whichever option names it. */
	if (stat(s->file, &st) != 0)
		return error_set(e, EXIT_USAGE, "-f %s: %s", s->file,
				 strerror(errno));
	if (S_ISDIR(st.st_mode))
		return error_set(e, EXIT_USAGE, "-f %s: is a directory",
				 s->file);
	/* A FIFO or socket cannot be mapped, and opening a FIFO blocks. */
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) &&
	    !S_ISBLK(st.st_mode))
		return error_set(e, EXIT_USAGE, "-f %s: not a mappable file "
				 "(a %s)", s->file, S_ISFIFO(st.st_mode)
				 ? "FIFO" : S_ISSOCK(st.st_mode) ? "socket"
								 : "special file");
	snprintf(r->path, sizeof(r->path), "%s", s->file);
	snprintf(r->name, sizeof(r->name), "%s", s->file);
	if (s->size_set)
		r->size = s->size;
	else if (S_ISREG(st.st_mode) && st.st_size > 0)
		r->size = (uint64_t)st.st_size;
	else
		return error_set(e, EXIT_USAGE, "-f %s: its size is unknown "
				 "(%s); give it with --size", s->file,
				 S_ISREG(st.st_mode) ? "empty file"
						     : "not a regular file");
	if (r->size == 0)
		return error_set(e, EXIT_USAGE, "--size must not be 0");
	if (region_pci_is_io_file(s->file)) {
		r->kind = REGION_IO;	/* pread/pwrite: it cannot be mapped */
		r->flags |= REGION_IOBAR;
	}
	/* A sysfs resourceN: its BAR's physical range (iomap(1)). */
	region_pci_file_base(s->file, &r->phys);
	r->flags |= REGION_CALLER;
	/*
	 * --base: the physical address the file stands for (a saved image),
	 * so that absolute register addresses apply and addresses print
	 * physical, as for -m.
	 */
	if (s->base_set) {
		if (r->size - 1 > UINT64_MAX - s->base)
			return error_set(e, EXIT_USAGE, "--base 0x%" PRIx64
					 " with the %" PRIu64 " bytes of %s "
					 "runs past the end of the address "
					 "space", s->base, r->size, s->file);
		r->phys = s->base;
		r->flags |= REGION_PHYS;
	}
	return 0;
}

/* The caller names the file: it is looked at with the caller's rights. */
static int file_resolve(const struct region_spec *s, struct region *r,
			struct error *e)
{
	int rc;

	if (caller_drop())
		return error_set(e, EXIT_FAIL, "-f %s: cannot drop the "
				 "privilege to open it: %s", s->file,
				 strerror(errno));
	rc = resolve_as_caller(s, r, e);
	caller_restore();
	return rc;
}

const struct region_backend region_file = {
	.name = "file",
	.options = "-f",
	.takes = REGION_TAKES_SIZE | REGION_TAKES_BASE,
	.selected = file_selected,
	.resolve = file_resolve,
};
