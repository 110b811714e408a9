// SPDX-License-Identifier: GPL-2.0-or-later
/* --iomem=NAME: the /proc/iomem entry of that name, through /dev/mem. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "iomem.h"
#include "region.h"
#include "sysroot.h"

static bool iomem_selected(const struct region_spec *s)
{
	return s->iomem != NULL;
}

static int iomem_load(const struct region_spec *s, struct iomem *m,
		      char *path, size_t len, struct error *e)
{
	sysroot_path(path, len, s->sysroot, IOMEM_PATH);
	return iomem_read(path, m, e);
}

static int iomem_resolve(const struct region_spec *s, struct region *r,
			 struct error *e)
{
	char path[PATH_MAX];
	struct iomem m;
	long i;

	if (!*s->iomem)
		return error_set(e, EXIT_USAGE, "--iomem needs a NAME, as "
				 "/proc/iomem shows it (\"10010000.serial\")");
	if (iomem_load(s, &m, path, sizeof(path), e))
		return -1;
	i = iomem_find_one(&m, s->iomem, path, e);
	if (i < 0) {
		iomem_free(&m);
		return -1;
	}
	region_mem_path(s, r->path, sizeof(r->path));
	r->phys = r->file_offset = m.v[i].start;
	r->size = m.v[i].end - m.v[i].start + 1;
	if (r->size == 0)		/* 0-ffffffffffffffff */
		r->size = UINT64_MAX;
	r->flags = REGION_PHYS | REGION_DEVMEM;
	snprintf(r->name, sizeof(r->name), "iomem %.*s",
		 (int)sizeof(r->name) - 8, m.v[i].name);
	iomem_free(&m);
	return 0;
}

static int iomem_list(const struct region_spec *s, bool json, FILE *out,
		      struct error *e)
{
	char path[PATH_MAX], size[32];
	struct iomem m;
	size_t shown = 0;

	if (iomem_load(s, &m, path, sizeof(path), e))
		return -1;
	if (m.zeroed) {
		iomem_free(&m);
		error_set(e, EXIT_FAIL, "%s shows every range as 0: it shows "
			  "them only to a privileged reader", path);
		error_hint(e, "run iomap as root (CAP_SYS_ADMIN)");
		return -1;
	}
	/* NAME lists every entry of that name; none is an error. */
	if (*s->iomem && iomem_next(&m, s->iomem, 0) < 0) {
		iomem_find_one(&m, s->iomem, path, e);
		iomem_free(&m);
		return -1;
	}
	if (json)
		fprintf(out, "[");
	for (size_t i = 0; i < m.n; i++) {
		const struct iomem_entry *x = &m.v[i];
		uint64_t bytes = x->end - x->start + 1;

		if (*s->iomem && strcmp(x->name, s->iomem) != 0)
			continue;
		if (json) {
			fprintf(out, "%s{\"name\":", shown ? "," : "");
			format_json_string(out, x->name);
			fprintf(out, ",\"start\":\"0x%" PRIx64 "\",\"end\":"
				"\"0x%" PRIx64 "\",\"size\":\"0x%" PRIx64 "\","
				"\"depth\":%u}", x->start, x->end, bytes,
				x->depth);
		} else {
			format_size(size, sizeof(size), bytes);
			/* nesting means nothing among NAME's entries */
			fprintf(out, "%*s%08" PRIx64 "-%08" PRIx64 " %s (%s)\n",
				*s->iomem ? 0 : (int)x->depth * 2, "",
				x->start, x->end, format_esc(x->name), size);
		}
		shown++;
	}
	if (json)
		fprintf(out, "]\n");
	iomem_free(&m);
	return 0;
}

const struct region_backend region_iomem = {
	.name = "/proc/iomem",
	.options = "--iomem",
	.selected = iomem_selected,
	.resolve = iomem_resolve,
	.list = iomem_list,
};
