/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parsed command line, filled once by main.c and passed down. */
#ifndef IOMAP_OPTIONS_H
#define IOMAP_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "minor.h"
#include "progress.h"

struct command;

/*
 * The region options (SPEC §1), as typed: one struct, copied and compared
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

struct options {
	struct region_spec region;

	/* Access (SPEC §2). */
	unsigned width;			/* bytes: 1, 2, 4 or 8; 0 = unset */
	bool width_set;			/* -w given (not a default) */
	bool verify;			/* poke, load --verify */

	/* Output. */
	bool raw;			/* dump --raw */
	bool all;			/* dump -v: no squeezing */
	const char *output;		/* -o */
	bool json;			/* --json */
	enum progress_mode progress;	/* --progress */
	bool max_set;
	uint64_t max;			/* --max: compare, search */

	/* Register descriptions (SPEC §7). */
	const char *regs;		/* -r, --regs */
	bool fields;			/* --fields */
	bool names;			/* regs --names */
	bool link;			/* list --link */
	bool check;			/* regs --check */

	/* Scripting (SPEC §5). */
	bool trace;			/* --trace: every access to stderr */
	bool dry_run;			/* --dry-run: trace, map nothing */
	bool lock;			/* --lock: flock the backing file */
	bool timeout_set;
	uint64_t timeout_ns;		/* wait --timeout (0: read once) */
	uint64_t interval_ns;		/* wait --interval */

	/* The command and its arguments (ARGS is malloc'ed, not its strings). */
	const struct command *cmd;
	char **args;
	int nargs;
};

#endif
