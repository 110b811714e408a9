/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The device tree in its sysfs form: finding nodes, decoding and translating reg. */
#ifndef IOMAP_DT_H
#define IOMAP_DT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/*
 * Where the kernel shows the tree (callers prefix --sysroot). The second is
 * a link to the first on current kernels.
 */
#define DT_SYSFS_TREE	"/sys/firmware/devicetree/base"
#define DT_PROC_TREE	"/proc/device-tree"

#define DT_PATH_MAX	1024		/* a node path, "/soc/serial@10010000" */
#define DT_PROP_MAX	(1 << 20)	/* a larger property file is refused */
#define DT_DEPTH_MAX	64		/* deeper nodes are not visited */

/*
 * Functions named dt_decode_* work on a property's bytes in memory (the
 * fuzzer's entry points); the others read a tree directory TREE, in which
 * a node is a directory and a property a file of its raw bytes: cells are
 * big-endian 32-bit words, string lists NUL-separated. Every length read
 * from a tree is checked: a property file is untrusted input. Node paths
 * are absolute ("/" is the root) and relative to TREE.
 */

/* A property's bytes, malloc'ed. DATA is NULL when the property is absent;
 * an empty property (LEN 0) has a non-NULL DATA. */
struct dt_prop {
	unsigned char *data;
	size_t len;
};

/* A decoded string list: V[0..N-1] point into the same allocation as V. */
struct dt_strings {
	char **v;
	size_t n;
};

/* One child-to-parent window of a bus's ranges. */
struct dt_range {
	uint64_t child, parent, size;
};

/* One reg entry: on the parent bus, and as a CPU physical address. */
struct dt_reg {
	uint64_t addr, size;	/* as reg gives them, on the parent bus */
	uint64_t phys;		/* CPU physical address of ADDR, when OK */
	bool ok;		/* translated; else WHY says why not */
	const char *name;	/* its reg-names entry, "" when none */
	char why[512];
};

/* A node with what a region or a listing needs of it. */
struct dt_node {
	char path[DT_PATH_MAX];		/* "/soc/serial@10010000" */
	struct dt_strings compatible;	/* N = 0 when absent */
	char status[32];		/* "" when absent (that is "okay") */
	struct dt_reg *reg;		/* NREG = 0 when it has no reg */
	size_t nreg;
	struct dt_strings reg_names;	/* what dt_reg.name points into */
	char why[512];			/* from dt_list: why reg is unusable */
	char driver[64];		/* from dt_drivers: "" when unbound */
	char device[128];		/* from dt_drivers: "10010000.serial" */
};

/* How a NODE argument matched. */
enum dt_how {
	DT_BY_PATH,
	DT_BY_ALIAS,		/* a property of /aliases */
	DT_BY_LABEL,		/* a property of /__symbols__ */
	DT_BY_COMPATIBLE,
};

struct dt_match {
	char path[DT_PATH_MAX];
	enum dt_how how;
};

/* "path", "alias", "label" or "compatible". */
const char *dt_how_name(enum dt_how how);

/* The big-endian 32-bit cell property DATA/LEN (exactly 4 bytes) into *VAL;
 * WHAT names it in messages ("#address-cells of /soc"). */
int dt_decode_u32(const void *data, size_t len, uint32_t *val,
		  const char *what, struct error *e);

/* The NUL-separated string list DATA/LEN (empty, or ending in NUL) into
 * *OUT; free it with dt_strings_free. */
int dt_decode_strings(const void *data, size_t len, struct dt_strings *out,
		      const char *what, struct error *e);

/* Free a string list (a zeroed one too). */
void dt_strings_free(struct dt_strings *s);

/* Whether string list S holds STR. */
bool dt_strings_has(const struct dt_strings *s, const char *str);

/*
 * Decode reg DATA/LEN: entries of AC address cells (1 or 2) and SC size
 * cells (0, 1 or 2) into a malloc'ed *OUT of *N entries (ADDR and SIZE set,
 * NAME "", not translated). Empty, truncated or partial-entry data is an
 * error.
 */
int dt_decode_reg(const void *data, size_t len, unsigned ac, unsigned sc,
		  struct dt_reg **out, size_t *n, const char *what,
		  struct error *e);

/*
 * Decode a non-empty ranges DATA/LEN: (child address of CAC cells, parent
 * address of PAC cells, size of SC cells) triplets, each count 1 or 2, into
 * a malloc'ed *OUT of *N entries.
 */
int dt_decode_ranges(const void *data, size_t len, unsigned cac, unsigned pac,
		     unsigned sc, struct dt_range **out, size_t *n,
		     const char *what, struct error *e);

/*
 * ADDR on a bus into *OUT on its parent bus through the bus's N ranges R
 * (BUS names the bus in messages). An address no entry holds, or one that
 * would land past 2^64, is an error.
 */
int dt_translate_one(const struct dt_range *r, size_t n, uint64_t addr,
		     uint64_t *out, const char *bus, struct error *e);

/*
 * Read property NAME of node PATH under TREE into *P (P->data NULL when the
 * node has no such property). Files over DT_PROP_MAX are refused.
 */
int dt_read_prop(const char *tree, const char *path, const char *name,
		 struct dt_prop *p, struct error *e);

/* The #address-cells and #size-cells of node PATH (2 and 1 when absent),
 * refused unless 1 or 2 and 0, 1 or 2. */
int dt_cells(const char *tree, const char *path, unsigned *ac, unsigned *sc,
	     struct error *e);

/*
 * ADDR, in the address space of node PATH's parent bus, as a CPU physical
 * address into *PHYS, through the ranges of every ancestor bus below the
 * root: an empty ranges is the identity, a missing one means the address
 * cannot be translated (an error).
 */
int dt_translate(const char *tree, const char *path, uint64_t addr,
		 uint64_t *phys, struct error *e);

/*
 * Every node NODE names under TREE into a malloc'ed *OUT of *N (0 when
 * none), tried in this order, the first kind that matches deciding:
 * an absolute path (a component without "@unit-address" that names no
 * node matches every NAME@... there), an alias, a label of /__symbols__, a compatible
 * string (every node listing it, in path order). An alias or label whose
 * path is not in the tree is an error.
 */
int dt_find(const char *tree, const char *node, struct dt_match **out,
	    size_t *n, struct error *e);

/*
 * The one node NODE names into *OUT; none or several is an error naming
 * the candidates (EXIT_USAGE).
 */
int dt_find_one(const char *tree, const char *node, struct dt_match *out,
		struct error *e);

/*
 * Read node PATH under TREE into *N: compatible, status, and reg decoded
 * with the parent's cells, named from reg-names, each entry translated (an
 * entry that cannot be, has OK false and says why). A node without reg has
 * NREG 0. Malformed properties are an error; *N is then still filled as
 * far as it got and must be freed with dt_node_free.
 */
int dt_node_read(const char *tree, const char *path, struct dt_node *n,
		 struct error *e);

/* Free what dt_node_read allocated in N. */
void dt_node_free(struct dt_node *n);

/* Whether N's status lets the kernel use it: absent, "okay" or "ok". */
bool dt_node_enabled(const struct dt_node *n);

/*
 * The index of the reg entry SEL picks in N: NULL picks entry 0, a
 * decimal number that entry, anything else the entry reg-names calls so.
 * No reg, no such entry, or an entry that cannot be translated is an
 * error (EXIT_USAGE for a bad SEL) naming what there is and quoting GIVEN
 * (SEL as the user typed it; NULL: SEL).
 */
int dt_pick_reg(const struct dt_node *n, const char *sel, const char *given,
		struct error *e);

/*
 * Every node under TREE that has reg, depth first in name order, into a
 * malloc'ed *OUT of *N. A node whose reg cannot be decoded is listed with
 * NREG 0 and WHY set; one whose entries cannot be translated keeps them
 * with OK false. Free with dt_list_free.
 */
int dt_list(const char *tree, struct dt_node **out, size_t *n,
	    struct error *e);

void dt_list_free(struct dt_node *nodes, size_t n);

/*
 * Fill the DRIVER and DEVICE of each of the N NODES (of TREE) from the
 * devices under SYSFS ("/sys") whose of_node link leads to the node: every
 * SYSFS/bus/BUS/devices/DEV/of_node, platform and amba first, then the
 * other buses in name order; a device with a driver bound wins over one
 * without. A link is matched by where it resolves, or failing that (a
 * captured tree whose links point outside it) by the text after
 * "devicetree/base" in it. Missing buses are no error.
 */
int dt_drivers(const char *sysfs, const char *tree, struct dt_node *nodes,
	       size_t n, struct error *e);

#endif
