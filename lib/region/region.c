// SPDX-License-Identifier: GPL-2.0-or-later
/* Region options and resolution: the table of backends and what they share. */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sys/auxv.h>

#include "caller.h"
#include "format.h"
#include "region.h"
#include "sysroot.h"

/*
 * The region kinds, in the order they are tried; /dev/mem (physical
 * addresses) is the default when no other is selected. The configuration
 * space comes last: it is -s/-d's, not a region option of its own.
 */
static const struct region_backend *const backends[] = {
	&region_pci, &region_devmem, &region_file, &region_of, &region_uio,
	&region_iomem, &region_config, NULL,
};

/* Whether backends[I] is the last of those the region options name. */
static bool last_named(int i)
{
	return !backends[i + 1] || backends[i + 1] == &region_config;
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool region_spec_equal(const struct region_spec *a,
		       const struct region_spec *b)
{
	return same_string(a->slot, b->slot) &&
	       same_string(a->device, b->device) && a->bar == b->bar &&
	       same_string(a->bar_name, b->bar_name) &&
	       a->minor_set == b->minor_set && a->minor == b->minor &&
	       a->minor_format == b->minor_format &&
	       same_string(a->file, b->file) && a->size_set == b->size_set &&
	       a->size == b->size && a->base_set == b->base_set &&
	       a->base == b->base && a->wc == b->wc && a->vfio == b->vfio &&
	       a->config == b->config &&
	       same_string(a->of, b->of) && same_string(a->uio, b->uio) &&
	       same_string(a->iomem, b->iomem) &&
	       same_string(a->sysroot, b->sysroot) &&
	       same_string(a->sysfs, b->sysfs) && same_string(a->mem, b->mem) &&
	       same_string(a->pci_ids, b->pci_ids);
}

bool region_spec_given(const struct region_spec *s)
{
	struct region_spec none;

	memset(&none, 0, sizeof(none));
	none.bar = -1;
	none.minor_format = s->minor_format;	/* a format alone is no region */
	return !region_spec_equal(s, &none);
}

void region_spec_inherit(struct region_spec *s,
			 const struct region_spec *base)
{
	if (!s->sysroot)
		s->sysroot = base->sysroot;
	if (!s->sysfs)
		s->sysfs = base->sysfs;
	if (!s->mem)
		s->mem = base->mem;
	if (!s->pci_ids)
		s->pci_ids = base->pci_ids;
}

const struct region_backend *region_backend_of(const struct region_spec *s)
{
	for (int i = 0; backends[i]; i++)
		if (backends[i]->selected && backends[i]->selected(s))
			return backends[i];
	return &region_devmem;
}

/* Refuse OPT given without a region kind that TAKES it. */
static int refuse_modifier(const char *opt, unsigned takes, struct error *e)
{
	char with[128] = "";
	size_t used = 0, n = 0, total = 0;

	for (int i = 0; backends[i]; i++)
		total += (backends[i]->takes & takes) != 0;
	for (int i = 0; backends[i]; i++) {
		if (!(backends[i]->takes & takes))
			continue;
		n++;
		used += snprintf(with + used, sizeof(with) - used, "%s%s",
				 n == 1 ? "" : n == total ? " or " : ", ",
				 backends[i]->options);
	}
	return error_set(e, EXIT_USAGE, "%s goes with %s", opt, with);
}

int region_spec_check(const struct region_spec *s, struct error *e)
{
	const struct region_backend *b = NULL;
	unsigned takes;

	for (int i = 0; backends[i]; i++) {
		if (!backends[i]->selected(s))
			continue;
		if (b) {
			char all[160] = "";
			size_t used = 0;

			for (int j = 0; backends[j] != &region_config; j++)
				used += snprintf(all + used, sizeof(all) - used,
						 "%s%s", j == 0 ? "" :
						 !last_named(j) ? ", " : " or ",
						 backends[j]->options);
			return error_set(e, EXIT_USAGE, "choose one region: %s "
					 "(%s and %s were given)", all,
					 b->options, backends[i]->options);
		}
		b = backends[i];
	}
	takes = b ? b->takes : 0;
	if (b == &region_pci && (s->bar > 5 || s->bar_name)) {
		char n[16];

		snprintf(n, sizeof(n), "%d", s->bar);
		return error_set(e, EXIT_USAGE, "invalid BAR '%s': BARs are "
				 "0 to 5", s->bar_name ? s->bar_name :
				 s->bar_arg ? s->bar_arg : n);
	}
	if (s->bar >= 0 && !(takes & REGION_TAKES_BAR))
		return refuse_modifier("-b", REGION_TAKES_BAR, e);
	if (s->bar_name && !(takes & REGION_TAKES_BAR_NAME))
		return refuse_modifier("-b NAME", REGION_TAKES_BAR_NAME, e);
	if (s->wc && !(takes & REGION_TAKES_WC))
		return refuse_modifier("--wc", REGION_TAKES_WC, e);
	if (s->vfio && !(takes & REGION_TAKES_VFIO))
		return refuse_modifier("--vfio", REGION_TAKES_VFIO, e);
	if (s->vfio && s->wc)
		return error_set(e, EXIT_USAGE, "--wc and --vfio do not go "
				 "together: VFIO maps BARs uncached");
	if (s->size_set && !(takes & REGION_TAKES_SIZE))
		return refuse_modifier("--size", REGION_TAKES_SIZE, e);
	if (s->base_set && !(takes & REGION_TAKES_BASE))
		return refuse_modifier("--base", REGION_TAKES_BASE, e);
	return 0;
}

void region_spec_secure(struct region_spec *s, char *warn, size_t len)
{
	const char *dropped[3];
	size_t n = 0, used = 0;

	warn[0] = '\0';
	if (!getauxval(AT_SECURE))
		return;
	if (s->sysroot)
		dropped[n++] = "--sysroot";
	if (s->sysfs)
		dropped[n++] = "--sysfs";
	if (s->mem)
		dropped[n++] = "--mem";
	s->sysroot = s->sysfs = s->mem = NULL;
	if (!n)
		return;
	used = snprintf(warn, len, "warning: running with AT_SECURE: ignoring ");
	for (size_t i = 0; i < n && used < len; i++)
		used += snprintf(warn + used, len - used, "%s%s",
				 i == 0 ? "" : i + 1 == n ? " and " : ", ",
				 dropped[i]);
}

const char *region_mem_path(const struct region_spec *s, char *buf,
			    size_t len)
{
	if (s->mem) {
		snprintf(buf, len, "%s", s->mem);
		return buf;
	}
	return sysroot_path(buf, len, s->sysroot, "/dev/mem");
}

bool region_is_file(const struct region *r, const struct stat *st)
{
	struct stat rs;
	int rc;

	if (!r || !r->path[0])
		return false;
	rc = (r->flags & REGION_CALLER) ? caller_stat(r->path, &rs)
					: stat(r->path, &rs);
	if (rc)
		return false;
	if ((S_ISCHR(rs.st_mode) && S_ISCHR(st->st_mode)) ||
	    (S_ISBLK(rs.st_mode) && S_ISBLK(st->st_mode)))
		return rs.st_rdev == st->st_rdev;	/* any node of it */
	return rs.st_dev == st->st_dev && rs.st_ino == st->st_ino;
}

bool region_mem_named(const struct region *r)
{
	char def[PATH_MAX];

	return (r->flags & REGION_DEVMEM) &&
	       strcmp(r->path, sysroot_path(def, sizeof(def), r->root,
					    "/dev/mem")) != 0;
}

int region_resolve(const struct region_spec *s, struct region *r,
		   struct error *e)
{
	const struct region_backend *b = region_backend_of(s);

	memset(r, 0, sizeof(*r));
	r->backend = b;
	r->bar = -1;
	r->kind = REGION_MEM;
	snprintf(r->root, sizeof(r->root), "%s", s->sysroot ? s->sysroot : "");
	region_pci_sysfs(s, r->sysfs, sizeof(r->sysfs));
	return b->resolve(s, r, e);
}

int region_list(const struct region_spec *s, bool json, FILE *out,
		struct error *e)
{
	const struct region_backend *b = region_backend_of(s);

	if (b == &region_devmem && !s->minor_set)
		b = &region_pci;	/* plain `list`: PCI devices */
	if (!b->list)
		return error_set(e, EXIT_USAGE, "list shows PCI devices (-s, "
				 "-d), device-tree nodes (--of), UIO devices "
				 "(--uio) or /proc/iomem (--iomem), not %s "
				 "regions", b->name);
	return b->list(s, json, out, e);
}

int region_check_width(const struct region *r, unsigned width, bool pread,
		       struct error *e)
{
	if (!pread || width != 8)
		return 0;
	if (r->flags & REGION_IOBAR)
		return error_set(e, EXIT_USAGE, "%s is an I/O BAR: 64-bit "
				 "access is not possible (use -w 8, 16 or 32)",
				 r->name);
	if (r->flags & REGION_CONFIG)
		return error_set(e, EXIT_USAGE, "%s is read and written 8, "
				 "16 or 32 bits at a time: 64-bit access is "
				 "not possible (use -w 8, 16 or 32)", r->name);
	if (r->flags & REGION_VFIO)
		return error_set(e, EXIT_USAGE, "%s: VFIO does not let this "
				 "BAR be mapped, and its read/write would "
				 "split a 64-bit access in two (use -w 8, 16 "
				 "or 32)", r->name);
	return error_set(e, EXIT_USAGE, "%s cannot be mapped: 64-bit access "
			 "is not possible (use -w 8, 16 or 32)", r->name);
}

int region_check_access(const struct region *r, uint64_t off, unsigned width,
			uint64_t count, struct error *e)
{
	char sz[32];

	if (off % width)
		return error_set(e, EXIT_USAGE, "offset 0x%" PRIx64
				 " is not aligned to the %u-bit access width",
				 off, width * 8);
#if UINTPTR_MAX < UINT64_MAX
	/* A 32-bit CPU would split a 64-bit load or store in two. */
	if (width == 8)
		return error_set(e, EXIT_USAGE, "64-bit accesses need a 64-bit "
				 "build of iomap: this one would split them");
#endif
	if (region_check_width(r, width, r->kind == REGION_IO, e))
		return -1;
	if (count > (UINT64_MAX - off) / width ||
	    off + count * width > r->size) {
		if (r->size == UINT64_MAX)
			return error_set(e, EXIT_USAGE, "access at 0x%" PRIx64
					 " runs past the end of the address "
					 "space", off);
		format_size(sz, sizeof(sz), r->size);
		return error_set(e, EXIT_USAGE, "%" PRIu64 " %u-bit word%s at "
				 "offset 0x%" PRIx64 " would run past the end "
				 "of %s (size 0x%" PRIx64 ", %s)", count,
				 width * 8, count == 1 ? "" : "s", off,
				 r->name, r->size, sz);
	}
	return 0;
}
