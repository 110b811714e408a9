/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The region options as typed: what selects a region, before it is resolved. */
#ifndef IOMAP_REGION_SPEC_H
#define IOMAP_REGION_SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "minor.h"

/*
 * The region options (iomap(1), REGIONS), as typed: one struct, copied and compared
 * as a whole by the command line, script `region` lines and `list`.
 * Strings point into the argument vector or the script's words.
 */
struct region_spec {
	const char *slot;		/* -s, libpci slot filter */
	const char *device;		/* -d, libpci id filter */
	int bar;			/* -b N; -1: not given or a name */
	const char *bar_arg;		/* -b N as typed, for messages */
	const char *bar_name;		/* -b NAME (reg-names, UIO map names) */
	bool minor_set;
	uint64_t minor;			/* -m */
	enum minor_format minor_format;
	const char *file;		/* -f */
	bool size_set;
	uint64_t size;			/* --size, for -f */
	bool base_set;
	uint64_t base;			/* --base, for -f */
	bool wc;			/* --wc */
	bool vfio;			/* --vfio: the BAR through VFIO */
	bool config;			/* --config: configuration space */
	const char *of;			/* --of=NODE ("" bare, for list) */
	const char *uio;		/* -u, --uio=DEV ("" bare) */
	const char *iomem;		/* --iomem=NAME ("" bare) */
	const char *sysroot;		/* --sysroot */
	const char *sysfs;		/* --sysfs */
	const char *mem;		/* --mem */
	const char *pci_ids;		/* --pci-ids: libpci's name list */
};

#endif
