// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the file-level device-tree code (src/dt.c): the
 * input becomes the properties of a small tree in a temporary directory
 * (cell counts from the first byte; then a bus's ranges, a device's reg
 * and reg-names, each after a length byte, and its compatible, the rest),
 * on which dt_node_read, dt_pick_reg, dt_list and dt_find run as they run
 * on an untrusted /sys/firmware/devicetree. Slower than fuzz_dt: files.
 * fuzz-sources: src/dt.c src/readfile.c src/error.c
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tree[64];

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what)
{
	fprintf(stderr, "fuzz_dttree: %s\n", what);
	abort();
}

static void remove_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tree);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_dttree: could not remove %s\n", tree);
}

static void make_tree(void)
{
	char dir[256];

	/* tmpfs: ext4 flushes a file truncated and rewritten on close */
	snprintf(tree, sizeof(tree), "/dev/shm/fuzz_dttree.XXXXXX");
	if (!mkdtemp(tree)) {
		snprintf(tree, sizeof(tree), "/tmp/fuzz_dttree.XXXXXX");
		if (!mkdtemp(tree))
			abort();
	}
	atexit(remove_tree);
	snprintf(dir, sizeof(dir), "%s/bus@0", tree);
	if (mkdir(dir, 0755))
		abort();
	strcat(dir, "/dev@0");
	if (mkdir(dir, 0755))
		abort();
}

static void put(const char *path, const uint8_t *d, size_t len)
{
	char file[256];
	int fd;

	snprintf(file, sizeof(file), "%s%s", tree, path);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		abort();
	if (len && write(fd, d, len) != (ssize_t)len)
		abort();
	close(fd);
}

static void put_cell(const char *path, uint32_t v)
{
	uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v };

	put(path, b, 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const props[] = {
		"/bus@0/ranges", "/bus@0/dev@0/reg", "/bus@0/dev@0/reg-names",
	};
	struct dt_match *m;
	struct dt_node *list, node;
	struct error e;
	size_t n;

	if (size < 1)
		return 0;
	if (!tree[0])
		make_tree();
	put_cell("/#address-cells", data[0] >> 4 & 3);
	put_cell("/bus@0/#address-cells", data[0] & 3);
	put_cell("/bus@0/#size-cells", data[0] >> 2 & 3);
	data++;
	size--;
	for (size_t i = 0; i < 3; i++) {
		size_t take = 0;

		if (size) {
			take = data[0];
			data++;
			size--;
		}
		if (take > size)
			take = size;
		put(props[i], data, take);
		data += take;
		size -= take;
	}
	put("/bus@0/dev@0/compatible", data, size);

	if (dt_node_read(tree, "/bus@0/dev@0", &node, &e) == 0) {
		int i = dt_pick_reg(&node, "1", NULL, &e);

		if (i >= 0 && !node.reg[i].ok)
			broken("picked an entry that cannot be translated");
		(void)dt_pick_reg(&node, node.nreg ? node.reg[0].name : "x",
				  NULL, &e);
	}
	dt_node_free(&node);
	if (dt_list(tree, &list, &n, &e) == 0)
		dt_list_free(list, n);
	if (dt_find(tree, "/bus/dev", &m, &n, &e) == 0)
		free(m);
	if (dt_find(tree, "acme,dev", &m, &n, &e) == 0)
		free(m);
	return 0;
}
