/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parsed command line, filled once by main.c and passed down. */
#ifndef IOMAP_OPTIONS_H
#define IOMAP_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "minor.h"
#include "progress.h"

#define DEFAULT_SYSFS	"/sys/bus/pci"
#define DEFAULT_MEM	"/dev/mem"

struct command;

struct options {
	/* Region (SPEC §1). */
	const char *slot;		/* -s, libpci slot filter */
	const char *device;		/* -d, libpci id filter */
	int bar;			/* -b, -1 = lowest memory BAR */
	bool minor_set;
	uint64_t minor;			/* -m */
	enum minor_format minor_format;
	const char *file;		/* -f */
	bool size_set;
	uint64_t size;			/* --size, for -f */
	bool wc;			/* --wc */
	const char *sysfs;		/* --sysfs */
	const char *mem;		/* --mem */

	/* Access (SPEC §2). */
	unsigned width;			/* bytes: 1, 2, 4 or 8; 0 = unset */
	bool verify;			/* poke, load --verify */

	/* Output. */
	bool raw;			/* dump --raw */
	const char *output;		/* -o */
	bool json;			/* --json */
	enum progress_mode progress;	/* --progress */
	bool max_set;
	uint64_t max;			/* --max: compare, search */

	/* Scripting (SPEC §5). */
	bool trace;			/* --trace: every access to stderr */
	bool dry_run;			/* --dry-run: trace, map nothing */
	bool lock;			/* --lock: flock the backing file */
	bool timeout_set;
	uint64_t timeout_ns;		/* wait --timeout (0: read once) */
	uint64_t interval_ns;		/* wait --interval */

	/* The command and its arguments. */
	const struct command *cmd;
	char **args;
	int nargs;
};

#endif
