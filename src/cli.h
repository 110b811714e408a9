/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parsing a command line, iomap's own or one line of a script. */
#ifndef IOMAP_CLI_H
#define IOMAP_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* Set O to the defaults: no region, width unset, BAR -1, PA minors. */
void cli_defaults(struct options *o);

/*
 * Parse ARGV (ARGV[0] is a program name) into O, on top of what O holds.
 * For iomap's own command line (SCRIPT false) errors are printed and exit
 * with status 2; for a script line they return -1 with the message in ERR
 * and nothing is printed. ERRLEN is ERR's size.
 */
int cli_parse(int argc, char **argv, struct options *o, bool script,
	      char *err, size_t errlen);

/* Free what cli_parse allocated in O (the argument array). */
void cli_free(struct options *o);

/* Check that O's options fit together and with its command. */
int cli_check(const struct options *o, char *err, size_t errlen);

/* Parse a width (8, 16, 32, 64 or b, w, l, q) into bytes; 0 or -1. */
int cli_parse_width(const char *s, unsigned *width);

#endif
