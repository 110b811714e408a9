// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -u, --uio=DEV: a map of a UIO device, mmapped from /dev/uioN at map x
 * page size, its registers OFFSET bytes into the first page (iomap(1),
 * BOARD REGIONS).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "region.h"
#include "sysroot.h"
#include "uio.h"

static bool uio_selected(const struct region_spec *s)
{
	return s->uio != NULL;
}

static int uio_devices(const struct region_spec *s, struct uio_device **devs,
		       size_t *n, struct error *e)
{
	char sys[PATH_MAX];

	return uio_list(sysroot_path(sys, sizeof(sys), s->sysroot, "/sys"),
			devs, n, e);
}

static int uio_resolve(const struct region_spec *s, struct region *r,
		       struct error *e)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	struct uio_device *devs;
	const struct uio_device *d;
	const struct uio_map *map;
	char sel[16], dev[64];
	uint64_t in_page, len, phys;
	size_t n;
	long i, k;

	if (!*s->uio)
		return error_set(e, EXIT_USAGE, "--uio needs a DEV: uioN, "
				 "/dev/uioN or the device's name");
	if (uio_devices(s, &devs, &n, e))
		return -1;
	i = uio_find_one(devs, n, s->uio, e);
	if (i < 0) {
		uio_list_free(devs, n);
		return -1;
	}
	d = &devs[i];
	if (s->bar >= 0)
		snprintf(sel, sizeof(sel), "%d", s->bar);
	k = uio_pick_map(d, s->bar >= 0 ? sel : s->bar_name,
			 s->bar >= 0 ? s->bar_arg : s->bar_name, e);
	if (k < 0) {
		uio_list_free(devs, n);
		return -1;
	}
	map = &d->maps[k];
	if (uio_map_window(d, map, page, &in_page, &len, &phys, e)) {
		uio_list_free(devs, n);
		return -1;
	}
	snprintf(dev, sizeof(dev), "/dev/%s", d->dev);
	sysroot_path(r->path, sizeof(r->path), s->sysroot, dev);
	/* mmap's offset picks the map; the registers start OFFSET in. */
	r->file_offset = (uint64_t)map->index * page + in_page;
	r->size = len;
	r->phys = phys;
	r->flags = REGION_WHOLE;
	snprintf(r->name, sizeof(r->name), "%s map%d%s%s%s", d->dev,
		 map->index, map->name[0] ? " (" : "", map->name,
		 map->name[0] ? ")" : "");
	uio_list_free(devs, n);
	return 0;
}

static void uio_why_refused(const struct region *r, uint64_t off, int err,
			    bool mapping, struct error *e)
{
	(void)off;
	(void)mapping;
	if (err == ENOENT)
		error_hint(e, "the UIO device is in sysfs but %s is missing: "
			   "is udev (or mdev) creating device nodes?", r->path);
	else if (err == EINVAL && mapping)
		error_hint(e, "the kernel refused the map's size or offset: "
			   "its driver may not allow mmap of this map");
}

/*
 * Whether SEL names D by its name, no device being uioN or /dev/uioN SEL;
 * with D NULL, whether SEL names any device that way.
 */
static bool uio_named(const struct uio_device *devs, size_t n,
		      const char *sel, const struct uio_device *d)
{
	const char *dev = strncmp(sel, "/dev/", 5) == 0 ? sel + 5 : sel;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(devs[i].dev, dev) == 0)
			return false;
		if (strcmp(devs[i].name, sel) == 0 && (!d || d == &devs[i]))
			any = true;
	}
	return any;
}

static int uio_list_regions(const struct region_spec *s, bool json,
			    FILE *out, struct error *e)
{
	struct uio_device *devs;
	size_t n, shown = 0;
	long only = -1;

	if (uio_devices(s, &devs, &n, e))
		return -1;
	/* uioN lists that device, a name every device of that name. */
	if (*s->uio && !uio_named(devs, n, s->uio, NULL)) {
		only = uio_find_one(devs, n, s->uio, e);
		if (only < 0) {
			uio_list_free(devs, n);
			return -1;
		}
	}
	if (json)
		fprintf(out, "[");
	for (size_t i = 0; i < n; i++) {
		const struct uio_device *d = &devs[i];

		if (only >= 0 ? (size_t)only != i
			      : *s->uio && !uio_named(devs, n, s->uio, d))
			continue;
		if (json) {
			fprintf(out, "%s{\"device\":\"%s\",\"name\":",
				shown ? "," : "", d->dev);
			format_json_string(out, d->name);
			fprintf(out, ",\"maps\":[");
		} else {
			fprintf(out, "%s %s\n", format_esc(d->dev),
				format_esc(d->name));
		}
		for (size_t k = 0; k < d->nmaps; k++) {
			const struct uio_map *m = &d->maps[k];
			char size[32];

			if (json) {
				fprintf(out, "%s{\"index\":%d,\"name\":",
					k ? "," : "", m->index);
				if (m->name[0])
					format_json_string(out, m->name);
				else
					fprintf(out, "null");
				fprintf(out, ",\"addr\":\"0x%" PRIx64 "\","
					"\"size\":\"0x%" PRIx64 "\","
					"\"offset\":\"0x%" PRIx64 "\"}",
					m->addr, m->size, m->offset);
				continue;
			}
			format_size(size, sizeof(size), m->size);
			fprintf(out, "\tmap%d%s%s 0x%08" PRIx64 " size 0x%"
				PRIx64 " (%s) offset 0x%" PRIx64 "\n",
				m->index, m->name[0] ? " " : "",
				format_esc(m->name),
				m->addr, m->size, size, m->offset);
		}
		if (json)
			fprintf(out, "]}");
		shown++;
	}
	if (json)
		fprintf(out, "]\n");
	uio_list_free(devs, n);
	return 0;
}

const struct region_backend region_uio = {
	.name = "UIO",
	.options = "--uio",
	.takes = REGION_TAKES_BAR | REGION_TAKES_BAR_NAME,
	.selected = uio_selected,
	.resolve = uio_resolve,
	.list = uio_list_regions,
	.why_refused = uio_why_refused,
};
