/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parsed command line, filled once by main.c and passed down. */
#ifndef IOMAP_OPTIONS_H
#define IOMAP_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "progress.h"
#include "region_spec.h"

struct command;

struct options {
	struct region_spec region;

	/* Access (iomap(1), ACCESS). */
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

	/* Register descriptions (iomap(1), REGISTER DESCRIPTIONS). */
	const char *regs;		/* -r, --regs */
	bool fields;			/* --fields */
	bool names;			/* regs --names */
	bool link;			/* list --link */
	bool check;			/* regs --check */

	/* Scripting (iomap(1), SCRIPTS). */
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
