// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --of=NODE: a device-tree node's reg window, translated to a CPU physical
 * address and mapped through /dev/mem (iomap(1), BOARD REGIONS).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt.h"
#include "format.h"
#include "region.h"
#include "sysroot.h"

/* The tree: /sys/firmware/devicetree/base, else /proc/device-tree. */
static const char *of_tree(const struct region_spec *s, char *buf,
			   size_t len, struct error *e)
{
	sysroot_path(buf, len, s->sysroot, DT_SYSFS_TREE);
	if (access(buf, F_OK) == 0)
		return buf;
	sysroot_path(buf, len, s->sysroot, DT_PROC_TREE);
	if (access(buf, F_OK) == 0)
		return buf;
	error_set(e, EXIT_FAIL, "no device tree: neither %s nor %s exists",
		  sysroot_path(buf, len, s->sysroot, DT_SYSFS_TREE),
		  DT_PROC_TREE);
	error_hint(e, "this machine was not booted with a device tree (an "
		   "ACPI or x86 machine): use --iomem=NAME or a physical "
		   "address instead");
	return NULL;
}

static bool of_selected(const struct region_spec *s)
{
	return s->of != NULL;
}

/* The driver bound to node PATH into N (dt_drivers on the sysroot). */
static void of_driver(const struct region_spec *s, const char *tree,
		      struct dt_node *n)
{
	char sys[PATH_MAX];
	struct error ignored;

	dt_drivers(sysroot_path(sys, sizeof(sys), s->sysroot, "/sys"), tree,
		   n, 1, &ignored);
}

static int of_resolve(const struct region_spec *s, struct region *r,
		      struct error *e)
{
	char tree[PATH_MAX], sel[16];
	struct dt_match match;
	struct dt_node n;
	const struct dt_reg *reg;
	int i;

	if (!*s->of)
		return error_set(e, EXIT_USAGE, "--of needs a NODE: a path, "
				 "an alias, a label or a compatible string");
	if (!of_tree(s, tree, sizeof(tree), e) ||
	    dt_find_one(tree, s->of, &match, e))
		return -1;
	if (dt_node_read(tree, match.path, &n, e)) {
		dt_node_free(&n);
		return -1;
	}
	if (s->bar >= 0)
		snprintf(sel, sizeof(sel), "%d", s->bar);
	i = dt_pick_reg(&n, s->bar >= 0 ? sel : s->bar_name,
			s->bar >= 0 ? s->bar_arg : s->bar_name, e);
	if (i < 0) {
		dt_node_free(&n);
		return -1;
	}
	reg = &n.reg[i];
	region_mem_path(s, r->path, sizeof(r->path));
	r->phys = r->file_offset = reg->phys;
	r->size = reg->size;
	r->flags = REGION_PHYS | REGION_DEVMEM;
	snprintf(r->name, sizeof(r->name), "%.*s reg%d%s%s%s",
		 (int)sizeof(r->name) - 48, n.path, i, *reg->name ? " (" : "",
		 reg->name, *reg->name ? ")" : "");
	snprintf(r->dev_dir, sizeof(r->dev_dir), "%s", tree);
	if (!dt_node_enabled(&n))
		snprintf(r->note, sizeof(r->note), "note: %s has status "
			 "\"%s\": the kernel does not use it, but iomap "
			 "accesses it all the same", n.path, n.status);
	dt_node_free(&n);
	return 0;
}

/* The bus devices directory that holds DEVICE ("/sys/bus/amba/devices"). */
static const char *device_dir(const struct region_spec *s, const char *device,
			      char *buf, size_t len)
{
	static const char *const buses[] = { "platform", "amba", NULL };
	char rel[256], path[PATH_MAX + 256];

	for (int i = 0; buses[i]; i++) {
		snprintf(rel, sizeof(rel), "/sys/bus/%s/devices", buses[i]);
		sysroot_path(buf, len, s->sysroot, rel);
		snprintf(path, sizeof(path), "%s/%s", buf, device);
		if (access(path, F_OK) == 0)
			return buf;
	}
	return sysroot_path(buf, len, s->sysroot, "/sys/bus/platform/devices");
}

/* The node a region was resolved from: its name up to " reg". */
static void node_of_region(const struct region *r, char *buf, size_t len)
{
	const char *sp = strstr(r->name, " reg");

	snprintf(buf, len, "%.*s", sp ? (int)(sp - r->name) : 0, r->name);
}

static void of_why_refused(const struct region *r, uint64_t off, int err,
			   bool mapping, struct error *e)
{
	struct region_spec s = { .sysroot = r->root[0] ? r->root : NULL };
	struct error ignored;
	struct dt_node n;
	char path[DT_PATH_MAX], sys[PATH_MAX];

	(void)off;
	(void)mapping;
	if (err == ENOENT && region_mem_named(r)) {
		error_hint(e, "--mem names %s, which does not exist: check "
			   "the path", r->path);
		return;
	}
	if (err == ENOENT) {
		error_hint(e, "this kernel has no /dev/mem (CONFIG_DEVMEM off): "
			   "a device-tree region can only be reached through "
			   "it; a UIO driver (--uio) is the other way in");
		return;
	}
	node_of_region(r, path, sizeof(path));
	if (dt_node_read(r->dev_dir, path, &n, &ignored) == 0) {
		of_driver(&s, r->dev_dir, &n);
		if (n.driver[0]) {
			error_hint(e, "%s is bound to the driver \"%s\" "
				   "(device %s), which holds its range: with "
				   "IO_STRICT_DEVMEM the kernel refuses ranges "
				   "a driver has claimed", path, n.driver,
				   n.device);
			error_hint(e, "unbind it (echo %s > %s/%s/driver/"
				   "unbind) or boot with iomem=relaxed",
				   n.device, device_dir(&s, n.device, sys,
							sizeof(sys)),
				   n.device);
		}
	}
	dt_node_free(&n);
}

/* "10010000 0x1000 (4 KiB)" and the rest of one reg entry's line. */
static void text_reg(FILE *out, const struct dt_reg *g, size_t i)
{
	char size[32];

	format_size(size, sizeof(size), g->size);
	if (g->ok)
		fprintf(out, "\treg%zu%s%s 0x%08" PRIx64 " size 0x%" PRIx64
			" (%s)\n", i, *g->name ? " " : "", format_esc(g->name),
			g->phys,
			g->size, size);
	else
		fprintf(out, "\treg%zu%s%s 0x%" PRIx64 " on its bus, size 0x%"
			PRIx64 ": %s\n", i, *g->name ? " " : "",
			format_esc(g->name), g->addr, g->size,
			format_esc(g->why));
}

static void text_node(FILE *out, const struct dt_node *n)
{
	fprintf(out, "%s", format_esc(n->path));
	for (size_t i = 0; i < n->compatible.n; i++)
		fprintf(out, " %s", format_esc(n->compatible.v[i]));
	if (!dt_node_enabled(n))
		fprintf(out, " [%s]", format_esc(n->status));
	fprintf(out, " (driver: %s)\n",
		n->driver[0] ? format_esc(n->driver) : "none");
	for (size_t i = 0; i < n->nreg; i++)
		text_reg(out, &n->reg[i], i);
	if (n->why[0])
		fprintf(out, "\t%s\n", format_esc(n->why));
}

static void json_node(FILE *out, const struct dt_node *n, bool first)
{
	fprintf(out, "%s{\"path\":", first ? "" : ",");
	format_json_string(out, n->path);
	fprintf(out, ",\"compatible\":[");
	for (size_t i = 0; i < n->compatible.n; i++) {
		fprintf(out, "%s", i ? "," : "");
		format_json_string(out, n->compatible.v[i]);
	}
	fprintf(out, "],\"status\":");
	format_json_string(out, n->status[0] ? n->status : "okay");
	fprintf(out, ",\"driver\":");
	if (n->driver[0])
		format_json_string(out, n->driver);
	else
		fprintf(out, "null");
	fprintf(out, ",\"reg\":[");
	for (size_t i = 0; i < n->nreg; i++) {
		const struct dt_reg *g = &n->reg[i];

		fprintf(out, "%s{\"index\":%zu,\"name\":", i ? "," : "", i);
		if (*g->name)
			format_json_string(out, g->name);
		else
			fprintf(out, "null");
		fprintf(out, ",\"bus_address\":\"0x%" PRIx64 "\",\"size\":\"0x%"
			PRIx64 "\",", g->addr, g->size);
		if (g->ok)
			fprintf(out, "\"base\":\"0x%" PRIx64 "\"}", g->phys);
		else {
			fprintf(out, "\"base\":null,\"why\":");
			format_json_string(out, g->why);
			fprintf(out, "}");
		}
	}
	fprintf(out, "]}");
}

/* Whether N has a reg entry that reaches a physical address. */
static bool reachable(const struct dt_node *n)
{
	for (size_t i = 0; i < n->nreg; i++)
		if (n->reg[i].ok)
			return true;
	return false;
}

/* Whether N is one of the M nodes MATCHES names. */
static bool matched(const struct dt_node *n, const struct dt_match *matches,
		    size_t m)
{
	for (size_t i = 0; i < m; i++)
		if (strcmp(matches[i].path, n->path) == 0)
			return true;
	return false;
}

static int of_list(const struct region_spec *s, bool json, FILE *out,
		   struct error *e)
{
	char tree[PATH_MAX], sys[PATH_MAX];
	struct dt_match *matches = NULL;
	struct dt_node *nodes;
	size_t n, m = 0, shown = 0;

	if (!of_tree(s, tree, sizeof(tree), e))
		return -1;
	if (*s->of && dt_find(tree, s->of, &matches, &m, e))
		return -1;
	if (*s->of && m == 0) {
		struct dt_match none;

		free(matches);
		return dt_find_one(tree, s->of, &none, e);	/* says so */
	}
	if (dt_list(tree, &nodes, &n, e)) {
		free(matches);
		return -1;
	}
	dt_drivers(sysroot_path(sys, sizeof(sys), s->sysroot, "/sys"), tree,
		   nodes, n, e);
	if (json)
		fprintf(out, "[");
	for (size_t i = 0; i < n; i++) {
		/* Every node with a window; all that NODE names. */
		if (*s->of ? !matched(&nodes[i], matches, m)
			   : !reachable(&nodes[i]))
			continue;
		if (json)
			json_node(out, &nodes[i], shown == 0);
		else
			text_node(out, &nodes[i]);
		shown++;
	}
	if (json)
		fprintf(out, "]\n");
	dt_list_free(nodes, n);
	free(matches);
	return 0;
}

const struct region_backend region_of = {
	.name = "device-tree",
	.options = "--of",
	.takes = REGION_TAKES_BAR | REGION_TAKES_BAR_NAME,
	.selected = of_selected,
	.resolve = of_resolve,
	.list = of_list,
	.why_refused = of_why_refused,
};
