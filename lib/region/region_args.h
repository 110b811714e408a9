/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The region options (iomap(1), REGIONS) as an argp parser of their own:
 * the command line and script lines take it as a child, and libiomap's
 * iomap_open() parses its region string with it alone.
 */
#ifndef IOMAP_REGION_ARGS_H
#define IOMAP_REGION_ARGS_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>

#include "region_spec.h"

/* What the region parser fills, and where it reports a usage error. */
struct region_args {
	struct region_spec *spec;
	const char **regs;		/* -r, --regs FILE */
	/* Whether WORD is a command (not the value of a bare --of). */
	bool (*is_command)(const char *word);
	char *err;			/* the first usage error, */
	size_t errlen;
	bool *failed;			/* and whether there was one */
};

/* The region options and their parser; its input is a struct region_args. */
extern const struct argp region_argp;

/* The option table of region_argp (for naming a refused option). */
extern const struct argp_option region_args_options[];

/*
 * Parse the words ARGV[1..ARGC-1] as region options only, into SPEC (set to
 * the defaults first) and *REGS. -1 with the reason in ERR (ERRLEN bytes)
 * for a usage error; nothing is printed.
 */
int region_args_parse(int argc, char **argv, struct region_spec *spec,
		      const char **regs, char *err, size_t errlen);

/*
 * For a parse that argp refused without a message: name the first word of
 * ARGV that none of TABLES (NULL-terminated) knows, or that lacks its
 * argument, into ERR.
 */
void region_args_name_bad(int argc, char **argv,
			  const struct argp_option *const *tables, char *err,
			  size_t len);

/* SPEC with nothing given: no region, BAR -1, PA minors. */
void region_args_defaults(struct region_spec *spec);

#endif
