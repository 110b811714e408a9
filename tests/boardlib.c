// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test driver for the board-region libraries (lib/region/dt.c, iomem.c, uio.c):
 * each subcommand calls one of them on a fixture and prints the result,
 * for tests/boardlib.bats. Errors are printed as iomap prints them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "iomem.h"
#include "uio.h"

static int fail(const struct error *e)
{
	error_print(e);
	return e->status ? e->status : EXIT_FAIL;
}

static uint64_t number(const char *s)
{
	return strtoull(s, NULL, 0);
}

static void print_node(const struct dt_node *n)
{
	printf("path %s\n", n->path);
	printf("compatible");
	for (size_t i = 0; i < n->compatible.n; i++)
		printf("%s%s", i ? "|" : " ", n->compatible.v[i]);
	printf("%s\n", n->compatible.n ? "" : " -");
	printf("status %s%s\n", n->status[0] ? n->status : "-",
	       dt_node_enabled(n) ? "" : " (disabled)");
	for (size_t i = 0; i < n->nreg; i++) {
		const struct dt_reg *r = &n->reg[i];

		printf("reg %zu %s 0x%" PRIx64 "+0x%" PRIx64, i,
		       r->name[0] ? r->name : "-", r->addr, r->size);
		if (r->ok)
			printf(" phys 0x%" PRIx64 "\n", r->phys);
		else
			printf(" why %s\n", r->why);
	}
	if (n->why[0])
		printf("why %s\n", n->why);
}

static int dt_cmd(const char *cmd, int argc, char **argv)
{
	struct error e = { 0 };
	const char *tree = argv[0];

	if (strcmp(cmd, "dt-find") == 0 && argc == 2) {
		struct dt_match *m;
		size_t n;

		if (dt_find(tree, argv[1], &m, &n, &e))
			return fail(&e);
		for (size_t i = 0; i < n; i++)
			printf("%s %s\n", m[i].path, dt_how_name(m[i].how));
		free(m);
		return 0;
	}
	if (strcmp(cmd, "dt-find-one") == 0 && argc == 2) {
		struct dt_match m;

		if (dt_find_one(tree, argv[1], &m, &e))
			return fail(&e);
		printf("%s %s\n", m.path, dt_how_name(m.how));
		return 0;
	}
	if (strcmp(cmd, "dt-node") == 0 && argc == 2) {
		struct dt_node n;
		int ret = dt_node_read(tree, argv[1], &n, &e);

		if (!ret)
			print_node(&n);
		dt_node_free(&n);
		return ret ? fail(&e) : 0;
	}
	if (strcmp(cmd, "dt-pick") == 0 && (argc == 2 || argc == 3)) {
		struct dt_node n;
		int i = -1;

		if (dt_node_read(tree, argv[1], &n, &e) == 0)
			i = dt_pick_reg(&n, argc == 3 ? argv[2] : NULL,
					NULL, &e);
		if (i >= 0)
			printf("%d %s 0x%" PRIx64 "+0x%" PRIx64 "\n", i,
			       n.reg[i].name[0] ? n.reg[i].name : "-",
			       n.reg[i].phys, n.reg[i].size);
		dt_node_free(&n);
		return i < 0 ? fail(&e) : 0;
	}
	if (strcmp(cmd, "dt-translate") == 0 && argc == 3) {
		uint64_t phys;

		if (dt_translate(tree, argv[1], number(argv[2]), &phys, &e))
			return fail(&e);
		printf("0x%" PRIx64 "\n", phys);
		return 0;
	}
	if (strcmp(cmd, "dt-cells") == 0 && argc == 2) {
		unsigned ac, sc;

		if (dt_cells(tree, argv[1], &ac, &sc, &e))
			return fail(&e);
		printf("%u %u\n", ac, sc);
		return 0;
	}
	if ((strcmp(cmd, "dt-list") == 0 && argc == 1) ||
	    (strcmp(cmd, "dt-list-nodes") == 0 && argc == 1) ||
	    (strcmp(cmd, "dt-drivers") == 0 && argc == 2)) {
		struct dt_node *nodes;
		size_t n;

		if (dt_list(tree, &nodes, &n, &e))
			return fail(&e);
		if (argc == 2 && dt_drivers(argv[1], tree, nodes, n, &e)) {
			dt_list_free(nodes, n);
			return fail(&e);
		}
		for (size_t i = 0; i < n; i++) {
			const struct dt_node *d = &nodes[i];

			if (strcmp(cmd, "dt-list-nodes") == 0) {
				print_node(d);
				continue;
			}
			if (argc == 2) {
				printf("%s %s %s\n", d->path,
				       d->device[0] ? d->device : "-",
				       d->driver[0] ? d->driver : "-");
				continue;
			}
			for (size_t j = 0; j < d->nreg; j++) {
				printf("%s %zu 0x%" PRIx64 " 0x%" PRIx64,
				       d->path, j, d->reg[j].addr,
				       d->reg[j].size);
				if (d->reg[j].ok)
					printf(" 0x%" PRIx64 "\n",
					       d->reg[j].phys);
				else
					printf(" -\n");
			}
		}
		dt_list_free(nodes, n);
		return 0;
	}
	return -1;
}

static void print_entry(const struct iomem *m, long i)
{
	const struct iomem_entry *v = &m->v[i];

	printf("%" PRIx64 "-%" PRIx64 " depth %u \"%s\" parent %s\n",
	       v->start, v->end, v->depth, v->name,
	       v->parent < 0 ? "-" : m->v[v->parent].name);
}

static int iomem_cmd(const char *cmd, int argc, char **argv)
{
	struct error e = { 0 };
	struct iomem m;
	long i = -2;

	if (!((strcmp(cmd, "iomem-list") == 0 && argc == 1) ||
	      (strcmp(cmd, "iomem-find") == 0 && argc == 2) ||
	      (strcmp(cmd, "iomem-hold") == 0 && argc == 2)))
		return -1;
	if (iomem_read(argv[0], &m, &e))
		return fail(&e);
	if (strcmp(cmd, "iomem-list") == 0) {
		printf("%zu entries%s\n", m.n, m.zeroed ? ", zeroed" : "");
		for (size_t j = 0; j < m.n; j++)
			print_entry(&m, (long)j);
	} else if (strcmp(cmd, "iomem-find") == 0) {
		i = iomem_find_one(&m, argv[1], argv[0], &e);
	} else {
		i = iomem_holding(&m, number(argv[1]));
		if (i < 0)
			printf("none\n");
	}
	if (i >= 0)
		print_entry(&m, i);
	iomem_free(&m);
	return i == -1 && e.msg[0] ? fail(&e) : 0;
}

static int uio_cmd(const char *cmd, int argc, char **argv)
{
	struct error e = { 0 };
	struct uio_device *devs;
	size_t n;
	long d, map;

	if (!((strcmp(cmd, "uio-list") == 0 && argc == 1) ||
	      (strcmp(cmd, "uio-find") == 0 && (argc == 2 || argc == 3))))
		return -1;
	if (uio_list(argv[0], &devs, &n, &e))
		return fail(&e);
	if (strcmp(cmd, "uio-list") == 0) {
		for (size_t i = 0; i < n; i++) {
			printf("%s num %d name \"%s\"\n", devs[i].dev,
			       devs[i].num, devs[i].name);
			for (size_t j = 0; j < devs[i].nmaps; j++) {
				const struct uio_map *m = &devs[i].maps[j];

				printf("  map%d \"%s\" addr 0x%" PRIx64
				       " size 0x%" PRIx64 " offset 0x%" PRIx64
				       "\n", m->index, m->name, m->addr,
				       m->size, m->offset);
			}
		}
		uio_list_free(devs, n);
		return 0;
	}
	d = uio_find_one(devs, n, argv[1], &e);
	map = d < 0 ? -1 : uio_pick_map(&devs[d], argc == 3 ? argv[2] : NULL,
					NULL, &e);
	if (map >= 0)
		printf("%s map%d \"%s\"\n", devs[d].dev, devs[d].maps[map].index,
		       devs[d].maps[map].name);
	uio_list_free(devs, n);
	return map < 0 ? fail(&e) : 0;
}

int main(int argc, char **argv)
{
	int ret = -1;

	if (argc >= 3) {
		ret = dt_cmd(argv[1], argc - 2, argv + 2);
		if (ret < 0)
			ret = iomem_cmd(argv[1], argc - 2, argv + 2);
		if (ret < 0)
			ret = uio_cmd(argv[1], argc - 2, argv + 2);
	}
	if (ret < 0) {
		fprintf(stderr, "usage: boardlib dt-find|dt-find-one TREE NODE\n"
			"       boardlib dt-node|dt-cells TREE PATH\n"
			"       boardlib dt-pick TREE PATH [SEL]\n"
			"       boardlib dt-translate TREE PATH ADDR\n"
			"       boardlib dt-list|dt-list-nodes TREE\n"
			"       boardlib dt-drivers TREE SYSFS\n"
			"       boardlib iomem-list FILE\n"
			"       boardlib iomem-find FILE NAME\n"
			"       boardlib iomem-hold FILE ADDR\n"
			"       boardlib uio-list SYSFS\n"
			"       boardlib uio-find SYSFS SEL [MAP]\n");
		return EXIT_USAGE;
	}
	return ret;
}
